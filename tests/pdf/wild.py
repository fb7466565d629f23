"""A second PDF generator: layouts real Chinese papers and government sites print that the first
harness (`typeset.py`) never makes — the held-out check of reading PDFs directly.

`typeset.py` sets a report alone on its pages in equal columns. Real pages mix it with other news,
boxes, pictures and tables; set headings at the body size in another face; set quotations in 楷体;
publish single-column A4 files from office software. Every layout here is one such page set-up:

- `front-a3`: A3 front page, a masthead, another article (headline, 本报讯 byline, body) above the
  report, the report's title banner with a 新华社 byline under it, five columns, headings in 黑体 at
  the body size centred in the column, the publication data rotated in the left margin;
- `boxed-unequal`: broadsheet, four columns of unequal width, a ruled box with another article in
  the last column of the first two pages, a picture (grey box and caption), a pull-quote box;
- `kai-table`: tabloid, three columns, sentences quoted in 楷体 at the body size, a table of figures
  across two columns, the page's section name set vertically in the right margin;
- `spread`: two broadsheet pages side by side on one PDF page (a downloaded 跨版);
- `cid-kai-heads`: A3, four columns, the built-in CID 宋体 body with section headings in 楷体 (a
  TrueType subset) at the body size, not bold;
- `gov-a4`: the government's own single-column A4 file: 仿宋-like body, 一、 in 黑体 and （一） in 楷体
  at the body size, indented two characters, page numbers `— 3 —` alternating left and right;
- `office-a4`: the same report written as an OpenDocument text and printed by LibreOffice
  (`soffice --headless --convert-to pdf`; fonts from fontconfig: Noto CJK, CFF subsets);
  `office-a4-spaces`: the same with the first-line indent typed as two full-width spaces.

`build(ref, layout, folder)` → `Wild(pdf, furniture, foreign)`: `furniture` every running head, foot
and page-turn marker printed; `foreign` every string on the pages that is not the report (other
articles, bylines, captions, table cells, pull quotes, margin text).
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import subprocess
import time
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from tests.pdf.typeset import HEI, MM, PAGE_SIZES, SONG, Para, Style, break_para
from tests.text.harness import Score, norm, score

KAI = Path("/usr/share/fonts/truetype/arphic/ukai.ttc")
HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Wild:
    name: str
    page: str = "broadsheet"
    widths: tuple[float, ...] = (1, 1, 1, 1)
    """Relative column widths."""
    body: float = 10.0
    leading: float = 1.45
    gutter: float = 1.5
    body_font: str = "Song"
    head_font: str = "Hei"
    section_font: str = "Hei"
    head_size: float = 1.0
    """Section heading size over body size (1: the body size, set apart only by its face)."""
    head_center: bool = False
    head_indent: bool = False
    runin: bool = False
    part_banner: bool = True
    news_above: bool = False
    byline: str = ""
    boxed_beside: bool = False
    picture: bool = False
    pull_quote: bool = False
    table: bool = False
    kai_quotes: bool = False
    margin_rotated: bool = False
    margin_vertical: bool = False
    spread: bool = False
    folio: str = "head"
    """`head`: a running head with paper, date and 第N版; `gov`: only a page number `— N —` at the foot."""
    producer: str = "reportlab"
    typed_indent: bool = False
    """(LibreOffice) the first-line indent typed as two full-width spaces, as many office files have."""


WILD = [
    Wild(
        "front-a3",
        page="a3",
        widths=(1, 1, 1, 1, 1),
        body=9.0,
        gutter=1.3,
        head_center=True,
        news_above=True,
        byline="新华社北京3月12日电",
        margin_rotated=True,
    ),
    Wild("boxed-unequal", widths=(1.35, 1, 1, 0.8), boxed_beside=True, picture=True, pull_quote=True),
    Wild(
        "kai-table",
        page="tabloid",
        widths=(1, 1, 1),
        body=10.5,
        gutter=2.0,
        kai_quotes=True,
        table=True,
        margin_vertical=True,
        byline="本报讯（记者 周明 王芳）",
        runin=True,
    ),
    Wild("spread", widths=(1, 1, 1, 1), spread=True, head_center=True),
    Wild(
        "cid-kai-heads",
        page="a3",
        widths=(1, 1, 1, 1),
        body=9.5,
        body_font="STSong-Light",
        head_font="Hei",
        section_font="Kai",
        part_banner=False,
    ),
    Wild(
        "gov-a4",
        page="a4",
        widths=(1,),
        body=15.0,
        leading=1.75,
        body_font="Song",
        head_font="Hei",
        section_font="Kai",
        head_indent=True,
        runin=True,
        part_banner=False,
        folio="gov",
    ),
    Wild("office-a4", page="a4", widths=(1,), body=15.0, folio="gov", producer="soffice"),
    Wild("office-a4-spaces", page="a4", widths=(1,), body=15.0, folio="gov", producer="soffice", typed_indent=True),
]


def available(w: Wild) -> str | None:
    """Why `w` cannot be built here, or None."""
    if not (SONG.exists() and HEI.exists() and KAI.exists()):
        return "CJK TrueType fonts missing (apt-get install fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei)"
    if w.producer == "soffice" and not shutil.which("soffice"):
        return "LibreOffice missing (apt-get install libreoffice-writer-nogui)"
    return None


@cache
def _fonts() -> None:
    pdfmetrics.registerFont(TTFont("Song", str(SONG), subfontIndex=0))
    pdfmetrics.registerFont(TTFont("Hei", str(HEI), subfontIndex=0))
    pdfmetrics.registerFont(TTFont("Kai", str(KAI), subfontIndex=0))
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))


# -- what else is on the pages ----------------------------------------------------------------------

NEWS_HEAD = "全市重点项目集中开工"
NEWS_BODY = (
    "本报讯（记者 刘洋）昨日上午，全市第一季度重点项目集中开工活动在城东新区举行。此次集中开工项目共58个，"
    "总投资326亿元，涵盖先进制造、城市更新、生态环保等领域。市领导出席活动并宣布项目开工。"
)
BOX_HEAD = "代表委员热议政府工作报告"
BOX_BODY = (
    "“报告通篇贯穿以人民为中心的发展思想，目标实、举措硬，让人倍感振奋。”市人大代表、社区党委书记"
    "赵红梅说。她表示，将把报告精神带回社区，带领居民一起干。市政协委员钱志远认为，报告提出的民生实事"
    "件件贴近群众期盼，关键在于抓好落实。"
)
CAPTION = "图为城东新区建设现场。本报记者 孙立 摄"
PULL = "稳中求进 以进促稳 先立后破"
TABLE = [
    ("指标", "2025年", "增长"),
    ("地区生产总值", "3268.4亿元", "5.6%"),
    ("一般公共预算收入", "215.7亿元", "6.1%"),
    ("进出口总额", "486.3亿元", "12.4%"),
]
MARGIN = "国内统一连续出版物号 CN00-0000 江州日报社出版"


@dataclass
class Out:
    pages: int = 0
    furniture: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)
    """The table's cells (also in `foreign`): words the report uses too."""


# -- flowing the report through column boxes ---------------------------------------------------------


@dataclass
class Box:
    page: int
    x: float
    top: float
    bottom: float
    width: float


def _styles(w: Wild) -> dict[str, Style]:
    b = w.body
    return {
        "body": Style(w.body_font, b),
        "kai": Style("Kai", b),
        "lead": Style(w.head_font, b),
        "h2": Style(w.section_font, b * w.head_size),
        "h1": Style(w.head_font, b + 4 if w.part_banner else b),
        "title": Style(w.head_font, b * 2.6),
        "sub": Style("Kai", b + 2),
        "byline": Style("Kai", b),
        "small": Style(w.body_font, max(7.0, b - 1.5)),
        "news_head": Style("Hei", b * 2.0),
        "mast": Style("Hei", b * 4),
    }


def _report_paras(ref, w: Wild, st, rng: random.Random) -> list[tuple[str, Para]]:
    """(kind, Para): kind `banner` (set across the columns) or `flow`."""
    out: list[tuple[str, Para]] = []
    ps = list(ref.paragraphs)
    k = 0
    titled = False
    while k < len(ps):
        p = ps[k]
        k += 1
        if p.kind == "title" and not titled and not out:
            out.append(("banner", Para([(p.text, st["title"])], "center", 0, 0, w.body * 0.6)))
            continue
        if p.kind == "title" and k <= 4 and all(kind == "banner" for kind, _ in out):
            out.append(("banner", Para([(p.text, st["sub"])], "center", 0, 0, w.body * 0.4)))
            continue
        if p.kind == "title":
            out.append(("flow", Para([(p.text, st["sub"])], "center", 0, w.body * 0.3, w.body * 0.3, keep=True)))
            continue
        if p.kind == "heading" and p.level == 1:
            if w.part_banner:
                out.append(("banner", Para([(p.text, st["h1"])], "center", 0, w.body * 0.8, w.body * 0.6)))
            else:
                indent = 2.0 if w.head_indent else 0.0
                align = "center" if w.head_center else "justify"
                out.append(("flow", Para([(p.text, st["h1"])], align, indent, w.body * 0.5, 0, keep=True)))
            continue
        if p.kind == "heading":
            nxt = ps[k] if k < len(ps) else None
            if w.runin and p.text.endswith("。") and nxt is not None and nxt.kind == "text":
                out.append(("flow", Para([(p.text, st["h2"]), *_body(nxt, w, st, rng)], "justify", 2.0)))
                k += 1
                continue
            align = "center" if w.head_center else "justify"
            indent = 2.0 if w.head_indent else 0.0
            out.append(("flow", Para([(p.text, st["h2"])], align, indent, w.body * 0.4, 0, keep=True)))
            continue
        if p.kind == "note":
            out.append(("flow", Para([(p.text, st["small"])], "justify", 0)))
            continue
        out.append(("flow", Para(_body(p, w, st, rng))))
    return out


def _body(p, w: Wild, st, rng: random.Random) -> list[tuple[str, Style]]:
    """A paragraph's spans: lead-ins in the heading face; with `kai_quotes`, some sentences in 楷体."""
    text = p.text
    spans: list[tuple[str, Style]] = []
    pos = 0
    marks = [(text.find(lead), lead, st["lead"]) for lead in p.leadins if text.find(lead) >= 0]
    if w.kai_quotes:
        sentences = [s for s in _split(text) if s not in p.leadins]
        for s in sentences:
            if rng.random() < 0.12:
                marks.append((text.find(s), s, st["kai"]))
    for at, piece, style in sorted(marks):
        if at < pos:
            continue
        if at > pos:
            spans.append((text[pos:at], st["body"]))
        spans.append((piece, style))
        pos = at + len(piece)
    if pos < len(text):
        spans.append((text[pos:], st["body"]))
    return spans


def _split(text: str) -> list[str]:
    out, cur = [], ""
    for ch in text:
        cur += ch
        if ch in "。！？；":
            out.append(cur)
            cur = ""
    return [s for s in out if len(s) > 4]


# -- pages --------------------------------------------------------------------------------------------


class Pages:
    """The PDF being drawn: one canvas page per (possibly double) page, drawing queued per page."""

    def __init__(self, w: Wild, out: Out) -> None:
        self.w = w
        self.out = out
        width, height = PAGE_SIZES[w.page]
        self.page_w, self.height = width, height
        self.sheet_w = width * 2 if w.spread else width
        self.draw: list[list] = []
        self.first_number = 1 if w.folio == "gov" else 3

    def new_sheet(self) -> int:
        self.draw.append([])
        return len(self.draw) - 1

    def numbers(self, sheet: int) -> list[int]:
        if self.w.spread:
            return [self.first_number + 2 * sheet, self.first_number + 2 * sheet + 1]
        return [self.first_number + sheet]


def _col_boxes(w: Wild, left: float, right: float, top: float, bottom: float, page: int) -> list[Box]:
    gutter = w.gutter * w.body
    usable = right - left - gutter * (len(w.widths) - 1)
    unit = usable / sum(w.widths)
    boxes, x = [], left
    for r in w.widths:
        width = unit * r
        chars = max(1, int(width // w.body))  # whole characters wide, as papers set columns
        boxes.append(Box(page, x, top, bottom, chars * w.body))
        x += width + gutter
    return boxes


def build(ref, w: Wild, folder: Path) -> tuple[Path, Out]:
    """Typeset `ref` in the wild layout `w` into `folder` (cached by content)."""
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(repr(ref.paragraphs).encode() + repr(w).encode())
    digest.update((HERE / "wild.py").read_bytes())
    digest.update((HERE / "typeset.py").read_bytes())
    stem = folder / f"{ref.name}.{w.name}.{digest.hexdigest()[:12]}"
    pdf, meta = stem.with_name(stem.name + ".pdf"), stem.with_name(stem.name + ".json")
    if not (pdf.exists() and meta.exists()):
        tmp = stem.with_name(stem.name + ".tmp.pdf")
        out = _office(ref, w, tmp) if w.producer == "soffice" else _reportlab(ref, w, tmp)
        meta.write_text(json.dumps(out.__dict__, ensure_ascii=False), encoding="utf-8")
        tmp.replace(pdf)
    return pdf, Out(**json.loads(meta.read_text(encoding="utf-8")))


def _reportlab(ref, w: Wild, path: Path) -> Out:
    _fonts()
    st = _styles(w)
    rng = random.Random(f"{ref.name}/{w.name}")
    out = Out()
    pages = Pages(w, out)
    margin = 15 * MM if w.page != "a4" else 25 * MM
    paras = _report_paras(ref, w, st, rng)
    pitch = w.body * w.leading
    queue: list[tuple[int, object]] = []  # (sheet, drawing op)

    def halves(sheet: int) -> list[tuple[float, float]]:
        if w.spread:
            return [(margin, pages.page_w - margin), (pages.page_w + margin, 2 * pages.page_w - margin)]
        return [(margin, pages.page_w - margin)]

    head_h = 0.0 if w.folio == "gov" else w.body * 4.5
    top0 = pages.height - margin - head_h
    bottom0 = margin + (w.body * 3 if w.folio != "gov" else w.body * 2)

    def sheet_boxes(sheet: int, top: float) -> list[Box]:
        boxes: list[Box] = []
        for left, right in halves(sheet):
            cols = _col_boxes(w, left, right, top, bottom0, sheet)
            if w.boxed_beside and sheet < 2 and not w.spread:
                last = cols.pop()
                queue.append((sheet, ("box", last.x, top, last.width, (top - bottom0) * 0.55)))
                y = top - w.body * 2
                queue.append((sheet, ("text", last.x + last.width / 2, y, BOX_HEAD, st["lead"], "center")))
                y -= pitch * 1.5
                for ln in break_para(Para([(BOX_BODY, st["kai"])]), last.width, w.leading):
                    queue.append((sheet, ("line", ln, last.x + ln.x, y)))
                    y -= pitch
                out.foreign += [BOX_HEAD, BOX_BODY]
                rest = Box(sheet, last.x, top - (top - bottom0) * 0.55 - w.body * 1.5, bottom0, last.width)
                cols.append(rest)
            boxes += cols
        return boxes

    # first sheet: masthead, other news, the title banner
    sheet = pages.new_sheet()
    y = top0
    left, right = halves(sheet)[0]
    if w.news_above:
        queue.append((sheet, ("text", (left + right) / 2, y - w.body * 4, "江州日报", st["mast"], "center")))
        out.foreign.append("江州日报")
        y -= w.body * 6
        queue.append((sheet, ("text", left, y - w.body * 2, NEWS_HEAD, st["news_head"], "left")))
        out.foreign.append(NEWS_HEAD)
        y -= w.body * 3.2
        cols = _col_boxes(w, left, right, y, y - pitch * 4, sheet)
        lines = break_para(Para([(NEWS_BODY, st["body"])]), cols[0].width, w.leading)
        for k, ln in enumerate(lines):
            box = cols[k // 4]
            queue.append((sheet, ("line", ln, box.x + ln.x, box.top - (k % 4) * pitch - w.body)))
        out.foreign.append(NEWS_BODY)
        y -= pitch * 4 + w.body * 1.2
        queue.append((sheet, ("rule", left, y, right, y)))
        y -= w.body * 1.5
    # banners at the start
    while paras and paras[0][0] == "banner" and not _is_part(paras[0][1], st):
        para = paras.pop(0)[1]
        for ln in break_para(para, right - left, w.leading):
            y -= ln.space_before + ln.height
            queue.append((sheet, ("line", ln, left + ln.x, y + ln.height * 0.22)))
            y -= ln.space_after
    if w.byline:
        y -= pitch
        queue.append((sheet, ("text", left, y, w.byline, st["byline"], "left")))
        out.foreign.append(w.byline)
        y -= w.body * 0.8

    boxes = sheet_boxes(sheet, y)
    obstacles_done: set[str] = set()
    box_i = 0
    cur = boxes[box_i]
    used = 0.0
    carry_marker = False

    def next_box() -> None:
        nonlocal box_i, cur, used, boxes, carry_marker
        box_i += 1
        if box_i >= len(boxes):
            # jump line at the end of the last column, then a new sheet
            if w.folio != "gov":
                numbers = pages.numbers(cur.page)
                text = f"（下转第{numbers[-1] + 1}版）"
                queue.append(
                    (cur.page, ("text", cur.x + cur.width, cur.bottom - pitch * 0.2, text, st["small"], "right"))
                )
                out.furniture.append(text)
                carry_marker = True
            s = pages.new_sheet()
            boxes = sheet_boxes(s, top0)
            box_i = 0
        cur = boxes[box_i]
        used = 0.0

    def place(ln, box: Box) -> None:
        nonlocal used
        used += ln.space_before if used > 0 else 0.0
        baseline = box.top - used - ln.height * 0.78
        queue.append((box.page, ("line", ln, box.x + ln.x, baseline)))
        used += ln.height + ln.space_after

    def avail() -> float:
        last = box_i == len(boxes) - 1 and w.folio != "gov"
        return cur.top - cur.bottom - (pitch if last else 0.0)  # a line kept for the jump line

    def marker() -> None:
        nonlocal used, carry_marker
        if carry_marker:
            numbers = pages.numbers(cur.page)
            text = f"（上接第{numbers[0] - 1}版）"
            queue.append((cur.page, ("text", cur.x, cur.top - w.body, text, st["small"], "left")))
            out.furniture.append(text)
            used += pitch
            carry_marker = False

    for kind, para in paras:
        marker()
        if kind == "banner" and len(w.widths) > 1:
            # a part banner: set at the head of the text in its column instead (this generator flows
            # column by column), in the part heading's size, centred
            para = replace(para, align="center", keep=True)
        pending = para
        while pending is not None:
            lines = break_para(pending, cur.width, w.leading)
            fit, h = 0, 0.0
            for k, ln in enumerate(lines):
                need = (ln.space_before if used + h > 0 else 0) + ln.height + ln.space_after
                if used + h + need > avail():
                    break
                h += need
                fit = k + 1
            if pending.keep and used > 0 and (fit < len(lines) or used + h + pitch > avail()):
                next_box()  # a heading goes down with the first line after it
                marker()
                continue
            if fit == len(lines):
                for ln in lines:
                    place(ln, cur)
                pending = None
                _obstacle(w, cur, used, obstacles_done, queue, out, st, pitch, box_i, None)
                if "gap" in obstacles_done and "gap-done" not in obstacles_done:
                    obstacles_done.add("gap-done")
                    used += obstacles_done_height(w, cur, pitch)
                continue
            for ln in lines[:fit]:
                place(ln, cur)
            if fit:
                rest = [c for ln in lines[fit:] for c in ln.chars]
                pending = Para([(c, s) for c, s in rest], pending.align, 0.0, 0.0, pending.space_after)
            next_box()
            marker()

    _draw(path, w, pages, queue, st, out, margin)
    return out


def obstacles_done_height(w: Wild, box: Box, pitch: float) -> float:
    return pitch * (7 if w.table else 6)


def _obstacle(w, box: Box, used, done: set, queue, out: Out, st, pitch, box_i, _):
    """After a paragraph in the second column of the first sheet, once: a picture, pull quote or
    table in the column (the flow continues under it)."""
    if "gap" in done or box.page != 0 or box_i != 1 or used < (box.top - box.bottom) * 0.3:
        return
    y = box.top - used - pitch * 0.5
    if w.picture:
        queue.append((box.page, ("image", box.x, y - pitch * 4.5, box.width, pitch * 4.2)))
        queue.append((box.page, ("text", box.x, y - pitch * 5.4, CAPTION, st["small"], "left")))
        out.foreign.append(CAPTION)
        done.add("gap")
    elif w.pull_quote:
        queue.append((box.page, ("box", box.x, y, box.width, pitch * 5.5)))
        queue.append((box.page, ("text", box.x + box.width / 2, y - pitch * 3, PULL, st["news_head"], "center")))
        out.foreign.append(PULL)
        done.add("gap")
    elif w.table:
        cell = box.width / 3
        for r, row in enumerate(TABLE):
            for c, text in enumerate(row):
                queue.append(
                    (box.page, ("text", box.x + c * cell + 2, y - pitch * (r + 1.2), text, st["small"], "left"))
                )
                out.foreign.append(text)
                out.cells.append(text)
            queue.append((box.page, ("rule", box.x, y - pitch * (r + 0.2), box.x + box.width, y - pitch * (r + 0.2))))
        queue.append((box.page, ("rule", box.x, y - pitch * 4.2, box.x + box.width, y - pitch * 4.2)))
        done.add("gap")


def _is_part(para: Para, st) -> bool:
    return para.spans[0][1] is st["h1"]


def _draw(path: Path, w: Wild, pages: Pages, queue, st, out: Out, margin: float) -> None:
    c = canvas.Canvas(str(path), pagesize=(pages.sheet_w, pages.height), invariant=1)
    for sheet in range(len(pages.draw)):
        for half, number in enumerate(pages.numbers(sheet)):
            x0 = half * pages.page_w
            _folio(c, w, st, out, number, x0 + margin, x0 + pages.page_w - margin, pages.height, margin)
        for s, op in queue:
            if s == sheet:
                _op(c, op)
        c.showPage()
    c.save()
    out.pages = len(pages.draw)
    out.furniture = list(dict.fromkeys(out.furniture))
    out.foreign = list(dict.fromkeys(out.foreign))
    out.cells = list(dict.fromkeys(out.cells))


def _folio(c, w: Wild, st, out: Out, number: int, left: float, right: float, height: float, margin: float) -> None:
    small = st["small"]
    if w.folio == "gov":
        text = f"— {number} —"
        c.setFont(small.font, w.body * 0.9)
        tw = pdfmetrics.stringWidth(text, small.font, w.body * 0.9)
        x = right - tw if number % 2 else left
        c.drawString(x, margin * 0.6, text)
        out.furniture.append(text)
        return
    out.furniture += paper_folio(c, w.body, small, number, (left, right), height, margin)
    if w.margin_rotated:
        c.saveState()
        c.translate(left - w.body * 1.5, height / 2)
        c.rotate(90)
        c.setFont(small.font, small.size)
        c.drawCentredString(0, 0, MARGIN)
        c.restoreState()
        out.foreign.append(MARGIN)
    if w.margin_vertical:
        x = right + w.body * 0.6
        for k, ch in enumerate("要闻·特别报道"):
            c.setFont("Hei", w.body)
            c.drawString(x, height / 2 - k * w.body * 1.2, ch)
        out.foreign.append("要闻·特别报道")


def paper_folio(c, body: float, small: Style, number: int, extent, height: float, margin: float) -> list[str]:
    """A paper's running head (date, paper and page name, 第N版, a rule) and its staff line at the
    foot: the strings drawn."""
    left, right = extent
    y = height - margin - body * 1.2
    date, folio = "2026年3月13日 星期五", f"第{number}版"
    a, b = (folio, date) if number % 2 == 0 else (date, folio)
    c.setFont(small.font, body)
    c.drawString(left, y, a)
    c.drawRightString(right, y, b)
    c.setFont("Hei", body * 1.4)
    c.drawCentredString((left + right) / 2, y, "江州日报 · 要闻")
    c.setLineWidth(0.8)
    c.line(left, y - body * 0.8, right, y - body * 0.8)
    credit = f"责任编辑：{'李娜' if number % 2 else '王磊'}  校对：吴海波"
    c.setFont(small.font, small.size)
    c.drawString(left, margin, credit)
    return [a, b, "江州日报 · 要闻", credit]


def _op(c, op) -> None:
    kind = op[0]
    if kind == "line":
        _, ln, x, y = op
        from tests.pdf.typeset import Placed, _draw_line

        _draw_line(c, Placed(ln, x, y, 0))
    elif kind == "text":
        _, x, y, text, s, align = op
        c.setFont(s.font, s.size)
        {"left": c.drawString, "right": c.drawRightString, "center": c.drawCentredString}[align](x, y, text)
    elif kind == "rule":
        _, x0, y0, x1, y1 = op
        c.setLineWidth(0.5)
        c.line(x0, y0, x1, y1)
    elif kind == "box":
        _, x, top, width, height = op
        c.setLineWidth(0.8)
        c.rect(x - 3, top - height, width + 6, height)
        if height > 100:  # the boxed article beside the report
            from reportlab.lib.colors import black

            c.setFillColor(black)
    elif kind == "image":
        _, x, y, width, height = op
        c.saveState()
        c.setFillGray(0.7)
        c.rect(x, y, width, height, fill=1, stroke=0)
        c.restoreState()


# -- scoring ------------------------------------------------------------------------------------------


def glued(doc, strings: list[str]) -> int:
    """Units where a string that is not the report's (a running head, another article, a caption)
    ran into report text: what is left of the unit without it is no piece of such a string."""
    keys = sorted({norm(f) for f in strings if norm(f)}, key=len, reverse=True)
    n = 0
    for s in doc.sentences:
        text = norm(s.text)
        rest = text
        for k in keys:
            rest = rest.replace(k, "")
        rest = rest.strip("·•")
        if rest != text and len(rest) >= 2 and not any(rest in k for k in keys):
            n += 1
    return n


def set_aside(doc, foreign: list[str]):
    """A copy of `doc` with every paragraph made only of strings that are not the report's (other
    articles, captions, table cells) marked chrome: the scorer skips them, as it skips furniture.
    Text of those strings inside a report paragraph stays, and is counted by `glued`."""
    keys = sorted({norm(f) for f in foreign if norm(f)}, key=len, reverse=True)

    def alien(text: str) -> bool:
        text = norm(text)
        for k in keys:
            text = text.replace(k, "")
        return not text.strip("·•")

    aside = {p.index for p in doc.paragraphs if alien(doc.text[p.start : p.end])}
    copy = replace(doc)
    copy.paragraphs = [replace(p, kind="chrome") if p.index in aside else p for p in doc.paragraphs]
    copy.sentences = [replace(s, kind="chrome") if s.paragraph in aside else s for s in doc.sentences]
    return copy


def score_wild(ref, lay: Wild, folder: Path) -> tuple[Score, float, int]:
    """(score, seconds reading, pages) of reader reading `ref` set in `lay` directly. Scored as the
    structure harness scores, with every string that is not the report set aside like furniture;
    `chrome_leaked` counts units where such a string ran into report text (`glued`)."""
    from reader.text.pipeline import load_document

    pdf, out = build(ref, lay, folder)
    t0 = time.perf_counter()
    doc = load_document(pdf, ref.name)
    seconds = time.perf_counter() - t0
    sc = score(ref, set_aside(doc, out.foreign), out.furniture)
    sc.chrome_leaked = glued(doc, [f for f in out.furniture + out.foreign if f not in out.cells])
    return sc, seconds, out.pages


# -- LibreOffice ----------------------------------------------------------------------------------------

_FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="Serif" svg:font-family="'Noto Serif CJK SC'"/>
 <style:font-face style:name="Sans" svg:font-family="'Noto Sans CJK SC'"/>
</office:font-face-decls>
<office:automatic-styles>
 <style:page-layout style:name="pm"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
  fo:margin-top="3.7cm" fo:margin-bottom="3.5cm" fo:margin-left="2.8cm" fo:margin-right="2.6cm"/>
  <style:footer-style/></style:page-layout>
 <style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-indent="1.06cm"
  fo:line-height="150%" fo:text-align="justify"/><style:text-properties style:font-name="Serif"
  style:font-name-asian="Serif" fo:font-size="15pt" style:font-size-asian="15pt"/></style:style>
 <style:style style:name="Flush" style:family="paragraph"><style:paragraph-properties
  fo:line-height="150%" fo:text-align="justify"/><style:text-properties style:font-name="Serif"
  style:font-name-asian="Serif" fo:font-size="15pt" style:font-size-asian="15pt"/></style:style>
 <style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center"
  fo:margin-bottom="0.4cm"/><style:text-properties style:font-name-asian="Sans" style:font-size-asian="22pt"
  fo:font-size="22pt"/></style:style>
 <style:style style:name="Sub" style:family="paragraph"><style:paragraph-properties fo:text-align="center"
  fo:margin-bottom="0.3cm"/><style:text-properties style:font-name-asian="Serif" style:font-size-asian="15pt"
  fo:font-size="15pt"/></style:style>
 <style:style style:name="H1" style:family="paragraph"><style:paragraph-properties fo:text-indent="1.06cm"
  fo:line-height="150%"/><style:text-properties style:font-name-asian="Sans" style:font-size-asian="15pt"
  fo:font-size="15pt"/></style:style>
 <style:style style:name="H2" style:family="paragraph"><style:paragraph-properties fo:text-indent="1.06cm"
  fo:line-height="150%"/><style:text-properties style:font-name-asian="Serif" style:font-size-asian="15pt"
  fo:font-size="15pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
 <style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"
  style:font-weight-asian="bold"/></style:style>
 <style:style style:name="Foot" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="10pt" style:font-size-asian="10pt"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm">
 <style:footer><text:p text:style-name="Foot">— <text:page-number
  text:select-page="current">1</text:page-number> —</text:p></style:footer>
</style:master-page></office:master-styles>
<office:body><office:text>
{body}
</office:text></office:body></office:document>
"""


def _office(ref, w: Wild, path: Path) -> Out:
    out = Out()
    body: list[str] = []
    titled = False
    for p in ref.paragraphs:
        if p.kind == "title":
            body.append(f'<text:p text:style-name="{"Sub" if titled else "Title"}">{escape(p.text)}</text:p>')
            titled = True
        elif p.kind == "heading":
            style = "H1" if p.level == 1 else "H2"
            body.append(f'<text:p text:style-name="{style}">{escape(p.text)}</text:p>')
        else:
            text = escape(p.text)
            for lead in p.leadins:
                text = text.replace(escape(lead), f'<text:span text:style-name="B">{escape(lead)}</text:span>', 1)
            if w.typed_indent:  # typed indent: two full-width spaces, no paragraph indent
                body.append(f'<text:p text:style-name="Flush">　　{text}</text:p>')
            else:
                body.append(f'<text:p text:style-name="Body">{text}</text:p>')
    work = path.parent / (path.stem + ".work")
    work.mkdir(exist_ok=True)
    src = work / "report.fodt"
    src.write_text(_FODT.replace("{body}", "\n".join(body)), encoding="utf-8")
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{work}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(src),
        ],
        capture_output=True,
        check=True,
        timeout=180,
    )
    (work / "report.pdf").replace(path)
    shutil.rmtree(work, ignore_errors=True)
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    out.pages = len(doc)
    doc.close()
    out.furniture = [f"— {n} —" for n in range(1, out.pages + 1)]
    return out
