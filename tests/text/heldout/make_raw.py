"""Lay the held-out gold reports out as raw text, the way users get them (run once; the raw files
are committed and never regenerated to fit the reader).

Each report gets 2-3 layouts chosen for it (LAYOUTS at the bottom): newspaper columns of 13-26
characters with kinsoku, shown or lost first-line indents, centred part headings, a blank line after
every line, blank lines at column breaks mid-sentence, page-turn markers, a running head block in
mid-text, spaces by digits, full-width digits, half-width punctuation, run-in section headings,
web pages and WeChat copies as pasted (one line per paragraph, indents, extra blank lines).
Usage: python -m tests.text.heldout.make_raw
"""

from __future__ import annotations

import random
import re

from tests.text.harness import HALF_WIDTH, wrap
from tests.text.heldout.gold import GOLD, RAW, Para, parse

_FULLWIDTH = str.maketrans({**{str(k): chr(0xFF10 + k) for k in range(10)}, "%": "％", ".": "．"})


def _row(text: str, sep: str) -> str:
    return sep.join(text.split("　"))


def _is_row(p: Para) -> bool:
    return p.kind == "text" and "　" in p.text


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
}


def main() -> None:
    RAW.mkdir(exist_ok=True)
    for path in sorted(GOLD.glob("*.txt")):
        gold = parse(path.stem, path.read_text(encoding="utf-8"))
        for layout, make in LAYOUTS[path.stem].items():
            text = make(gold.paragraphs, random.Random(f"{path.stem}/{layout}"))
            (RAW / f"{path.stem}.{layout}.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
