"""Lay the held-out gold reports out as raw text, the way users get them (run once; the raw files
are committed and never regenerated to fit the reader).

Each report gets 2-3 layouts chosen for it (LAYOUTS at the bottom): newspaper columns of 13-26
characters with kinsoku, shown or lost first-line indents, centred part headings, a blank line after
every line, blank lines at column breaks mid-sentence, page-turn markers, a running head block in
mid-text, spaces by digits, full-width digits, half-width punctuation, run-in section headings,
web pages and WeChat copies as pasted (one line per paragraph, indents, extra blank lines).
Round 2 (2026-12-04) added PDF-viewer copies, OCR, Word .docx saved as text, HTML saved as text,
a forum repost, GB18030 with CRLF, and a BOM with mixed line ends.
Usage: python -m tests.text.heldout.make_raw [NAME...]   (no name: round 2's reports)
"""

from __future__ import annotations

import html
import random
import re

from tests.text.harness import HALF_WIDTH, wrap
from tests.text.heldout.gold import GOLD, RAW, Para, parse

_FULLWIDTH = str.maketrans({**{str(k): chr(0xFF10 + k) for k in range(10)}, "%": "％", ".": "．"})


def _row(text: str, sep: str) -> str:
    return sep.join(text.split("　"))


def _is_row(p: Para) -> bool:
    return p.kind in ("text", "note") and "　" in p.text


def columns(
    paras: list[Para],
    rng: random.Random,
    *,
    width: int,
    indent: str = "",
    blank_every: bool = False,
    blank_between: bool = False,
    damage: float = 0.0,
    markers: bool = False,
    head: list[str] | None = None,
    run_in: bool = False,
    digit_spaces: bool = False,
    half_width: bool = False,
    full_digits: bool = False,
    row_sep: str = "　",
) -> str:
    lines: list[str] = []
    k = 0
    while k < len(paras):
        p = paras[k]
        text = p.text
        if run_in and p.kind == "heading" and text.endswith("。") and k + 1 < len(paras):
            text += paras[k + 1].text
            k += 1
        k += 1
        if half_width:
            text = text.translate(HALF_WIDTH)
        if full_digits:
            text = re.sub(r"[0-9][0-9.%]*", lambda m: m.group(0).translate(_FULLWIDTH), text)
        if p.kind in ("title", "chrome") or (p.kind == "heading" and p.depth == 1):
            out = [("　　　" if p.kind != "chrome" else "") + text]
        elif _is_row(p):
            out = [_row(text, row_sep)]
        else:
            first = width - 2 if indent else None
            out = wrap(text, width, first)
            if indent == "shown":
                out[0] = "　　" + out[0]
        if digit_spaces:
            out = [re.sub(r"(?<=[^\d.\s])(\d[\d.]*%?)", r" \1 ", ln).rstrip() for ln in out]
        for ln in out:
            lines.append(ln)
            if blank_every:
                lines.append("")
            elif damage and not ln.endswith(("。", "：", ":")) and rng.random() < damage:
                lines.append("")  # a column break mid-sentence
        if blank_between and not blank_every:
            lines.append("")
    if markers:
        lines.insert(0, "（上接第一版）")
        at = rng.randrange(len(lines) // 3, 2 * len(lines) // 3)
        lines[at] += "（下转第三版）"
        lines[at + 1 : at + 1] = ["", "（上接第二版）"]
    if head:
        at = rng.randrange(len(lines) // 2, 3 * len(lines) // 4)
        lines[at:at] = ["", *head, ""]
    return "\n".join(lines) + "\n"


def web(
    paras: list[Para], rng: random.Random, *, indent: str = "　　", blanks: int = 1, full_digits: bool = False
) -> str:
    out: list[str] = []
    for p in paras:
        text = p.text
        if full_digits:
            text = re.sub(r"[0-9][0-9.%]*", lambda m: m.group(0).translate(_FULLWIDTH), text)
        if p.kind == "text" or p.kind == "note" or (p.kind == "heading" and p.depth > 1):
            text = indent + text
        out.append(text)
        out += [""] * (blanks if blanks >= 0 else rng.randint(1, 3))
    return "\n".join(out) + "\n"


MARKERS = ["（上接第一版）", "（下转第三版）", "（上接第二版）"]
HEADS = {
    "county-songlan-2023": ["松岚报", "2023年1月12日 星期四", "第2版"],
    "national-runin-2025": ["人民日报", "2025年3月13日 星期四", "第3版"],
}
"""Page furniture the layouts add (besides the gold's own chrome): never part of a unit."""


def _head(name: str) -> list[str]:
    return HEADS[name]


# -- round 2 (2026-12-04): layouts round 1 did not have --------------------------------------------

ADDED: dict[str, list[str]] = {}
"""Furniture a round-2 layout added to a report (page numbers, site menus, forum lines): never part
of a unit. Filled as the layouts are made; `furniture_of` gives it to the scorer."""


def _add(name: str, *lines: str) -> None:
    ADDED.setdefault(name, [])
    ADDED[name] += [ln for ln in lines if ln not in ADDED[name]]


def _is_text(p: Para) -> bool:
    return p.kind in ("text", "note") or (p.kind == "heading" and p.depth > 1)


def pdf_copy(
    name: str, paras: list[Para], rng: random.Random, *, width: int, page_lines: int, number: str, tail: str = " "
) -> str:
    """Text copied out of a PDF viewer: one printed line per line, each ending with `tail` (the
    viewer's space), first-line indents lost, titles and part headings centred with spaces, and the
    page number (`number` formats it: "- 3 -", "— 3 —") between the last line of a page and the first
    of the next, mid-sentence as often as not."""
    lines: list[str] = []
    for p in paras:
        if _is_row(p):
            lines.append(_row(p.text, "  "))
        elif p.kind == "title" or (p.kind == "heading" and p.depth == 1):
            lines.append(" " * rng.randint(8, 16) + p.text)
        else:
            lines += wrap(p.text, width, width - 2)
    out: list[str] = []
    total = -(-len(lines) // page_lines)
    for k, ln in enumerate(lines):
        out.append(ln + tail)
        if (k + 1) % page_lines == 0 and k + 1 < len(lines):
            page = number.format((k + 1) // page_lines, total=total)
            _add(name, page)
            out += [page] if rng.random() < 0.5 else ["", page, ""]
    return "\n".join(out) + "\n"


_OCR_HALF = {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!"}
_HAN = re.compile(r"[\u4e00-\u9fff]")


def ocr(name: str, paras: list[Para], rng: random.Random, *, width: int, page_lines: int) -> str:
    """What OCR of a printed report gives: lines as scanned (indent read as two spaces or not at
    all), punctuation read half-width here and full-width there, now and then a space between two
    characters, a run of digits read full-width, 〇 in a written-out year read as the letter O, and
    the page number between pages."""
    lines: list[str] = []
    for p in paras:
        if _is_row(p):
            lines.append(_row(p.text, "  "))
            continue
        wrapped = [p.text] if p.kind == "title" or (p.kind == "heading" and p.depth == 1) else wrap(p.text, width)
        if _is_text(p) and rng.random() < 0.6:
            wrapped[0] = "  " + wrapped[0]
        lines += wrapped
    out: list[str] = []
    for k, ln in enumerate(lines):
        chars = []
        for i, c in enumerate(ln):
            if c in _OCR_HALF and rng.random() < 0.3:
                c = _OCR_HALF[c]
            elif c == "〇":
                c = "O"
            if i and _HAN.match(c) and _HAN.match(ln[i - 1]) and rng.random() < 0.015:
                chars.append(" ")
            chars.append(c)
        ln = "".join(chars)
        if rng.random() < 0.1:
            ln = re.sub(r"[0-9]+", lambda m: m.group(0).translate(_FULLWIDTH), ln, count=1)
        out.append(ln)
        if (k + 1) % page_lines == 0 and k + 1 < len(lines):
            page = f"— {(k + 1) // page_lines + 1} —"
            _add(name, page)
            out += ["", page, ""]
    return "\n".join(out) + "\n"


_NUMBERED = re.compile(r"^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|[0-9]+、)")


def docx_txt(paras: list[Para], rng: random.Random, *, tab_after_number: bool = True) -> str:
    """A .docx saved as plain text by Word: one paragraph per line, nothing wrapped, no blank lines,
    an automatic list number followed by a tab, table cells apart by tabs, a row to a line."""
    out: list[str] = []
    for p in paras:
        if _is_row(p):
            out.append(_row(p.text, "\t"))
        elif tab_after_number and p.kind == "heading":
            out.append(_NUMBERED.sub(r"\1\t", p.text, count=1))
        else:
            out.append(p.text)
    return "\n".join(out) + "\n"


def html_text(name: str, paras: list[Para], rng: random.Random, *, site: str, short: str) -> str:
    """An HTML page saved as text with its entities left undecoded (&nbsp; indents, &ldquo; quotes,
    &mdash; dashes), the site's menu and breadcrumb above the article and its footer below."""
    gap = "&nbsp;" * 4
    top = [
        f"{site}人民政府门户网站",
        f"首页 | 走进{short} | 政务公开 | 政务服务 | 互动交流 | 专题专栏",
        "政务公开",
        "您当前的位置：首页&nbsp;&gt;&nbsp;政务公开&nbsp;&gt;&nbsp;政府工作报告",
        f"发布日期：2024-01-15{gap}来源：{site}人民政府办公室{gap}【字体：大 中 小】",
    ]
    bottom = [
        "【打印本页】&nbsp;&nbsp;【关闭窗口】",
        "网站地图 | 联系我们 | 使用帮助",
        f"版权所有：{site}人民政府办公室&nbsp;&nbsp;地址：人民路88号&nbsp;&nbsp;邮编：000000",
    ]
    _add(name, *(html.unescape(t) for t in top + bottom))
    body = []
    for p in paras:
        text = p.text.replace("“", "&ldquo;").replace("”", "&rdquo;").replace("—", "&mdash;")
        body.append(("&nbsp;" * 4 + text) if _is_text(p) else text)
        if rng.random() < 0.5:
            body.append("&nbsp;")
    return "\n".join([*top, "", *body, "", *bottom]) + "\n"


def forum(name: str, paras: list[Para], rng: random.Random, *, title: str, user: str) -> str:
    """A report reposted on a forum: 【】 header lines, the poster's line and edit note, the report a
    paragraph to a line with blank lines, then the poster's signature and the post's action links."""
    top = [
        f"【转帖】{title}",
        f"楼主：{user}　　发表于 2019-1-28 09:12　　只看该作者",
        f"本帖最后由 {user} 于 2019-1-28 09:20 编辑",
        "【来源】青川日报",
        "转来给大家学习，全文很长，慢慢看。",
    ]
    bottom = ["【完】", "-" * 20, "签名：路漫漫其修远兮，吾将上下而求索", "回复　引用　举报　TOP"]
    _add(name, *top, *bottom)
    body = [x for p in paras for x in (p.text, "")]
    return "\n".join([*top, "", *body, *bottom]) + "\n"


def encoded(text: str, *, encoding: str = "utf-8", newline: str = "\n", bom: bool = False) -> bytes:
    return (b"\xef\xbb\xbf" if bom else b"") + text.replace("\n", newline).encode(encoding)


def mixed_ends(text: str, rng: random.Random) -> bytes:
    """A file with a BOM whose lines end in CRLF, LF, or (twice converted) CR CR LF."""
    lines = text.split("\n")
    ends = [rng.choices(["\r\n", "\n", "\r\r\n"], [6, 3, 1])[0] for _ in lines[:-1]]
    return b"\xef\xbb\xbf" + "".join(ln + e for ln, e in zip(lines, ends, strict=False)).encode("utf-8")


LAYOUTS = {
    "county-songlan-2023": {
        "col13-indent-markers-head": lambda ps, g: columns(
            ps, g, width=13, indent="shown", markers=True, head=_head("county-songlan-2023")
        ),
        "col22-blank-every": lambda ps, g: columns(ps, g, width=22, blank_every=True),
        "web-indent-digit-spaces": lambda ps, g: web(ps, g, indent="　　").replace("%", " %").replace("亿元", " 亿元"),
    },
    "province-2018-parts": {
        "col19-damage-markers": lambda ps, g: columns(ps, g, width=19, damage=0.08, markers=True),
        "col26-blank-between-half": lambda ps, g: columns(ps, g, width=26, blank_between=True, half_width=True),
        "paragraph-lines-full-digits": lambda ps, g: web(ps, g, indent="", blanks=0, full_digits=True),
    },
    "city-items-2024": {
        "col17-indent-lost": lambda ps, g: columns(ps, g, width=17, indent="lost"),
        "col21-blank-every": lambda ps, g: columns(ps, g, width=21, blank_every=True),
        "web-space-indent": lambda ps, g: web(ps, g, indent="    "),
    },
    "national-runin-2025": {
        "col20-run-in-head": lambda ps, g: columns(ps, g, width=20, run_in=True, head=_head("national-runin-2025")),
        "col15-blank-between-digit-spaces": lambda ps, g: columns(
            ps, g, width=15, blank_between=True, digit_spaces=True
        ),
        "paragraph-lines-run-in": lambda ps, g: columns(ps, g, width=10_000, run_in=True),
    },
    "city-notes-2025": {
        "col18-markers": lambda ps, g: columns(ps, g, width=18, markers=True, damage=0.05),
        "col24-blank-every": lambda ps, g: columns(ps, g, width=24, blank_every=True),
    },
    "county-table-2024": {
        "col16-indent": lambda ps, g: columns(ps, g, width=16, indent="shown"),
        "paragraph-lines-spaced-cells-full-digits": lambda ps, g: columns(
            ps, g, width=10_000, row_sep="   ", full_digits=True
        ),
    },
    "city-ascii-2024": {
        "col20": lambda ps, g: columns(ps, g, width=20),
        "paragraph-lines-blank-between": lambda ps, g: web(ps, g, indent=""),
    },
    "web-county-2025": {
        "pasted": lambda ps, g: web(ps, g, indent="", blanks=0),
        "pasted-indent-blanks": lambda ps, g: web(ps, g, indent="　　", blanks=-1),
    },
    "wechat-city-2024": {
        "pasted": lambda ps, g: web(ps, g, indent="", blanks=1),
        "pasted-extra-blanks": lambda ps, g: web(ps, g, indent="", blanks=-1),
    },
    "national-2013-fiveyears": {
        "pdf-copy-page-numbers": lambda ps, g: pdf_copy(
            "national-2013-fiveyears", ps, g, width=28, page_lines=22, number="- {} -"
        ),
        "col18-blank-between-crlf-gb18030": lambda ps, g: encoded(
            columns(ps, g, width=18, blank_between=True), encoding="gb18030", newline="\r\n"
        ),
    },
    "national-2021-quotes": {
        "html-entities-menu": lambda ps, g: html_text(
            "national-2021-quotes", ps, g, site="中华人民共和国中央", short="中国"
        ),
        "ocr-col30": lambda ps, g: ocr("national-2021-quotes", ps, g, width=30, page_lines=26),
    },
    "region-2019-yiyao": {
        "forum-repost": lambda ps, g: forum(
            "region-2019-yiyao", ps, g, title="青川回族自治区2019年政府工作报告（全文）", user="黄土坡上"
        ),
        "pdf-copy-dash-numbers": lambda ps, g: pdf_copy(
            "region-2019-yiyao", ps, g, width=26, page_lines=20, number="— {} —"
        ),
    },
    "province-targets-2024": {
        "docx-txt-crlf-gb18030": lambda ps, g: encoded(docx_txt(ps, g), encoding="gb18030", newline="\r\n"),
        "col22-bom-mixed-ends": lambda ps, g: mixed_ends(columns(ps, g, width=22, indent="shown"), g),
    },
    "city-circled-2022": {
        "col20-indent-crlf-gb18030": lambda ps, g: encoded(
            columns(ps, g, width=20, indent="shown"), encoding="gb18030", newline="\r\n"
        ),
        "ocr-col32": lambda ps, g: ocr("city-circled-2022", ps, g, width=32, page_lines=24),
    },
    "municipality-2010-semicolons": {
        "converter-page-of-pages": lambda ps, g: pdf_copy(
            "municipality-2010-semicolons", ps, g, width=34, page_lines=18, number="第 {} 页 共 {total} 页", tail=""
        ),
        "notepad-utf16-crlf": lambda ps, g: (
            b"\xff\xfe" + encoded(web(ps, g, indent="　　", blanks=0), encoding="utf-16-le", newline="\r\n")
        ),
    },
    "district-2024-members": {
        "paragraph-lines-bom-mixed-ends": lambda ps, g: mixed_ends(web(ps, g, indent="　　", blanks=1), g),
        "html-entities-menu": lambda ps, g: html_text("district-2024-members", ps, g, site="石桥区", short="石桥"),
    },
}


ROUND_2 = [
    "national-2013-fiveyears",
    "national-2021-quotes",
    "region-2019-yiyao",
    "province-targets-2024",
    "city-circled-2022",
    "district-2024-members",
    "municipality-2010-semicolons",
]


def make(name: str) -> dict[str, bytes]:
    """The raw files of one report, by layout (deterministic: seeded by report and layout)."""
    gold = parse(name, (GOLD / f"{name}.txt").read_text(encoding="utf-8"))
    out = {}
    for layout, lay in LAYOUTS[name].items():
        text = lay(gold.paragraphs, random.Random(f"{name}/{layout}"))
        out[layout] = text if isinstance(text, bytes) else text.encode("utf-8")
    return out


def furniture_of(name: str) -> list[str]:
    """What the layouts of `name` added that is no part of the report (made again, never written)."""
    if name in ROUND_2 and name not in ADDED:
        make(name)
    return [*MARKERS, *HEADS.get(name, []), *ADDED.get(name, [])]


def main(names: list[str]) -> None:
    """Write the raw files of the reports named (round 2 only if none: round 1's are never remade)."""
    RAW.mkdir(exist_ok=True)
    for name in names or ROUND_2:
        for layout, raw in make(name).items():
            (RAW / f"{name}.{layout}.txt").write_bytes(raw)


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
