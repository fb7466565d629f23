"""Typeset a clean reference report as newspaper pages with ReportLab (the test harness of issue 16).

`typeset(reference.paragraphs, layout, out)` sets a reference report of the structure harness
(`tests/text/harness.py`: paragraphs marked heading, title, note or text with lead-ins) the way
Chinese newspapers print these reports: justified columns with a first-line indent of two
characters, kinsoku (no `，` at a line start, no `“` at a line end, numbers kept whole), lead-ins
in bold, headings in a heavier face (黑体 beside 宋体 body,
or a stroked "fake bold" with the built-in CID font), part headings and the title as full-width
banners across the columns, run-in bold section headings `（一）…。` followed by body text, a page
header and footer on every page and page-turn markers （下转第3版）/（上接第2版） where the text
continues on the next page.

Nothing here knows how the reader analyses pages: it only draws.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from reader.tui.linebreak import NO_LINE_END, NO_LINE_START

SONG = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
HEI = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
MM = 72 / 25.4

PAGE_SIZES = {
    "broadsheet": (350 * MM, 500 * MM),
    "tabloid": (265 * MM, 370 * MM),
    "a3": (297 * MM, 420 * MM),
    "a4": (210 * MM, 297 * MM),
}


@dataclass(frozen=True)
class Layout:
    """How one newspaper sets its pages."""

    name: str
    page: str = "broadsheet"
    columns: int = 4
    body: float = 10.0
    """Body text size in points."""
    leading: float = 1.45
    """Baseline pitch over body size. Newspapers set 行距 of a third to half a character (1.35–1.5); at
    exactly 1.5 the gap between lines equals half a line, pdfminer.six's `line_margin`, and whether it
    groups two lines into one box is decided by rounding."""
    gutter: float = 1.5
    """Space between columns (栏距), in body characters: one to two characters."""
    rules: bool = False
    """A thin rule (栏线) down the middle of every gutter, as many papers print."""
    grid: bool = True
    """Body lines sit on one baseline grid across the columns: a heading, the space around it and a
    banner take whole lines (标题占行), so the lines of neighbouring columns are level."""
    whole_columns: bool = True
    """Columns are a whole number of body characters wide (栏宽 N 字), the rest goes to the margins:
    a line of Han characters fills its column exactly, and only lines before an unbreakable number
    or with a kinsoku move are set loose."""
    fonts: str = "ttf"
    """`ttf`: embedded 宋体 (AR PL UMing) body and 黑体 (WenQuanYi Zen Hei) headings; `cid`: ReportLab's
    built-in STSong-Light, headings in stroked "fake bold" (as Word makes of a font with no bold)."""
    runin: bool = True
    """A numbered section heading ending in 。 runs into its paragraph, in bold."""
    heading_indent: bool = False
    bold_leadins: bool = True
    banner_title: bool = True
    banner_parts: bool = False
    """Part headings (一、…) as full-width banners across the columns."""
    newspaper: str = "江州日报"
    section: str = "要闻"
    date: str = "2026年1月23日 星期五"
    first_page: int = 2
    markers: bool = True
    editors: tuple[str, ...] = ("李娜", "王磊", "吴海波")
    credits: str = "foot"
    """Where the staff line (责任编辑：… 美术编辑：… 校对：…) is printed: `foot` (bottom left) or `head`
    (right under the running head's rule, right-aligned)."""
    editors_per_page: bool = False
    """Each page has its own editors (pages of one report in one issue are edited by different desks)."""


# -- fonts ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    font: str
    size: float
    bold: bool = False
    """Stroke the glyphs as well as filling them (fake bold)."""


@cache
def register_fonts(kind: str) -> tuple[str, str]:
    """The (body, heading) font names for `kind`, registered with ReportLab."""
    if kind == "ttf":
        if not (SONG.exists() and HEI.exists()):
            raise FileNotFoundError(f"{SONG} or {HEI} missing: apt-get install fonts-arphic-uming fonts-wqy-zenhei")
        pdfmetrics.registerFont(TTFont("Song", str(SONG), subfontIndex=0))
        pdfmetrics.registerFont(TTFont("Hei", str(HEI), subfontIndex=0))
        return "Song", "Hei"
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light", "STSong-Light"


@cache
def char_width(ch: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(ch, font, size)


class Styles:
    def __init__(self, layout: Layout) -> None:
        body_font, head_font = register_fonts(layout.fonts)
        fake = layout.fonts != "ttf"
        b = self.size = layout.body
        self.body = Style(body_font, b)
        self.bold = Style(head_font, b, fake)
        self.h2 = Style(head_font, b + 1, fake)
        self.h1 = Style(head_font, b + 4, fake)
        self.title = Style(head_font, b * 2.6, fake)
        self.subtitle = Style(body_font, b + 2)
        self.furniture = Style(body_font, b - 1)
        self.masthead = Style(head_font, b + 6, fake)


# -- paragraphs and line breaking -----------------------------------------------------------------


@dataclass
class Para:
    spans: list[tuple[str, Style]]
    align: str = "justify"  # justify | center | right
    indent: float = 2.0
    """First-line indent in characters of the first span's size."""
    space_before: float = 0.0
    space_after: float = 0.0
    banner: bool = False
    keep: bool = False
    """A heading: its lines stay in one column, with the first line after them (no 背题)."""


@dataclass
class Line:
    chars: list[tuple[str, Style]]
    height: float
    x: float = 0.0
    """Offset from the column's left edge."""
    spacing: float = 0.0
    """Extra space after every character (justification; negative to squeeze)."""
    space_before: float = 0.0
    space_after: float = 0.0
    banner: bool = False
    keep: bool = False
    """The line may not end a column (a heading's line)."""

    @property
    def advance(self) -> float:
        return self.space_before + self.height + self.space_after


_WORD = re.compile(r"[0-9A-Za-z.%．·\-]+|.", re.S)


def _tokens(chars: list[tuple[str, Style]]) -> list[list[tuple[str, Style]]]:
    text = "".join(c for c, _ in chars)
    out, pos = [], 0
    for m in _WORD.finditer(text):
        out.append(chars[pos : m.end()])
        pos = m.end()
    return out


def _width(chars) -> float:
    return sum(char_width(c, s.font, s.size) for c, s in chars)


def break_para(para: Para, measure: float, leading: float) -> list[Line]:
    """Greedy Chinese line breaking with kinsoku; full lines are justified to `measure`."""
    chars = [(c, s) for text, s in para.spans for c in text]
    first_size = para.spans[0][1].size
    indent = para.indent * first_size
    tokens = _tokens(chars)
    lines: list[list[tuple[str, Style]]] = []
    cur: list[list[tuple[str, Style]]] = []  # tokens[first:k]
    k = 0
    while k < len(tokens):
        tok = tokens[k]
        avail = measure - (indent if not lines else 0)
        width = sum(_width(t) for t in cur)
        if cur and width + _width(tok) > avail + 0.01:  # a token that just fits, fits
            while k < len(tokens) and tokens[k][0][0] in NO_LINE_START:  # hangs, squeezed
                cur.append(tokens[k])
                k += 1
            while len(cur) > 1 and cur[-1][-1][0] in NO_LINE_END:  # moves down with what follows
                cur.pop()
                k -= 1
            lines.append([c for t in cur for c in t])
            cur = []
            continue
        if not cur and _width(tok) > avail + 0.01:  # wider than the line: fold it
            fit = 1
            while fit < len(tok) and _width(tok[: fit + 1]) <= avail:
                fit += 1
            lines.append(tok[:fit])
            tokens[k] = tok[fit:]
            continue
        cur.append(tok)
        k += 1
    if cur:
        lines.append([c for t in cur for c in t])
    out: list[Line] = []
    for n, chars_ in enumerate(lines):
        height = max(s.size for _, s in chars_) * leading
        x = indent if n == 0 else 0.0
        avail = measure - x
        w = _width(chars_)
        spacing = 0.0
        last = n == len(lines) - 1
        if para.align == "justify" and (not last or w > avail) and len(chars_) > 1:
            spacing = (avail - w) / (len(chars_) - 1)
        elif para.align == "center":
            x = max(0.0, (measure - w) / 2)
        elif para.align == "right":
            x = max(0.0, measure - w)
        out.append(Line(chars_, height, x, spacing, banner=para.banner, keep=para.keep))
    if out:
        out[0].space_before = para.space_before
        out[-1].space_after = para.space_after
    return out


# -- the reference, as paragraphs to set ----------------------------------------------------------


def _with_leadins(text: str, leadins: tuple[str, ...], st: Styles, bold: bool) -> list[tuple[str, Style]]:
    """Body text with its lead-in sentences in bold (as papers set 一是… and topic sentences)."""
    if not bold or not leadins:
        return [(text, st.body)]
    spans: list[tuple[str, Style]] = []
    pos = 0
    for lead in leadins:
        at = text.find(lead, pos)
        if at < 0:
            continue
        if at > pos:
            spans.append((text[pos:at], st.body))
        spans.append((lead, st.bold))
        pos = at + len(lead)
    if pos < len(text):
        spans.append((text[pos:], st.body))
    return spans


def paragraphs_of(ref_paragraphs, layout: Layout, st: Styles) -> list[Para]:
    """What to set for each reference paragraph (`tests.text.harness.RefParagraph`)."""
    paras: list[Para] = []
    ps = list(ref_paragraphs)
    seen_heading = False
    k = 0
    while k < len(ps):
        p = ps[k]
        k += 1
        if p.kind == "heading" and p.level == 1:
            seen_heading = True
            if layout.banner_parts:
                paras.append(Para([(p.text, st.h1)], "center", 0, st.h1.size * 0.6, st.h1.size * 0.6, banner=True))
            else:
                paras.append(Para([(p.text, st.h1)], "center", 0, st.h1.size * 0.8, st.h1.size * 0.4, keep=True))
        elif p.kind == "heading":
            seen_heading = True
            nxt = ps[k] if k < len(ps) else None
            if layout.runin and p.text.endswith("。") and nxt is not None and nxt.kind == "text":
                body = _with_leadins(nxt.text, nxt.leadins, st, layout.bold_leadins)
                paras.append(Para([(p.text, st.bold), *body], "justify", 2.0))
                k += 1
            else:
                indent = 2.0 if layout.heading_indent else 0.0
                paras.append(Para([(p.text, st.h2)], "justify", indent, st.size * 0.3, 0, keep=True))
        elif p.kind == "title":
            banner = layout.banner_title and not seen_heading
            if banner and not paras:
                paras.append(Para([(p.text, st.title)], "center", 0, 0, st.size, banner=True))
            elif p.text.startswith("——"):
                paras.append(Para([(p.text, st.subtitle)], "center", 0, 0, st.size * 0.5, banner=banner))
            else:
                paras.append(Para([(p.text, st.subtitle)], "center", 0, 0, st.size, banner=banner))
        elif p.kind == "note":
            paras.append(Para([(p.text, st.furniture)], "justify", 0))
        else:
            paras.append(Para(_with_leadins(p.text, p.leadins, st, layout.bold_leadins)))
    return paras


# -- pages ----------------------------------------------------------------------------------------


@dataclass
class Geometry:
    width: float
    height: float
    left: float
    right: float
    top: float
    """y of the top of the body area (PDF coordinates: y grows upwards)."""
    bottom: float
    columns: int
    gutter: float

    @property
    def col_width(self) -> float:
        return (self.right - self.left - (self.columns - 1) * self.gutter) / self.columns

    def col_x(self, c: int) -> float:
        return self.left + c * (self.col_width + self.gutter)


@dataclass
class Placed:
    line: Line
    x: float
    y: float
    """Baseline."""
    measure: float


@dataclass
class Page:
    number: int
    placed: list[Placed] = field(default_factory=list)
    bands: list[tuple[float, float]] = field(default_factory=list)
    """(top, bottom) of every run of columns set on the page (column rules are drawn down them)."""


def _fill(lines: list[Line], geo: Geometry, top: float, height: float) -> tuple[list[Placed], int]:
    """Place lines column by column in a band of `height` below `top`: (placed, how many)."""
    placed: list[Placed] = []
    col, used, n = 0, 0.0, 0
    while n < len(lines) and col < geo.columns:
        line = lines[n]
        before = line.space_before if used > 0 else 0.0
        need = before + line.height + line.space_after
        if line.keep and (n == 0 or not lines[n - 1].keep):  # a heading goes down with what follows it
            end = n
            while end < len(lines) and lines[end].keep:
                end += 1
            need += sum(ln.advance for ln in lines[n + 1 : end + 1])
        if used + need > height + 0.01:
            if used == 0:  # taller than the band: cannot place anything more
                break
            col, used = col + 1, 0.0
            continue
        used += before
        baseline = top - used - line.height * 0.78
        placed.append(Placed(line, geo.col_x(col) + line.x, baseline, geo.col_width))
        used += line.height + line.space_after
        n += 1
    return placed, n


def _balanced(lines: list[Line], geo: Geometry, top: float, max_height: float) -> tuple[list[Placed], int, float]:
    """Place lines in the fewest-height band that holds them all (else the full band)."""
    total = sum(ln.advance for ln in lines)
    h = max(total / geo.columns, lines[0].height if lines else 0)
    while h < max_height:
        placed, n = _fill(lines, geo, top, h)
        if n == len(lines):
            return placed, n, h
        h += 1.0
    placed, n = _fill(lines, geo, top, max_height)
    return placed, n, max_height


def _whole_lines(height: float, pitch: float) -> float:
    return max(1, -(-round(height / pitch, 3) // 1)) * pitch


def paginate(paras: list[Para], layout: Layout, st: Styles) -> tuple[Geometry, list[Page]]:
    width, height = PAGE_SIZES[layout.page]
    margin = 15 * MM if layout.page in ("broadsheet", "tabloid") else 12 * MM
    header = st.size * (5.6 if layout.credits == "head" else 4.2)
    left, right = margin, width - margin
    gutter = layout.gutter * layout.body
    if layout.whole_columns:
        chars = (right - left - (layout.columns - 1) * gutter) / layout.columns // layout.body
        spare = right - left - layout.columns * chars * layout.body - (layout.columns - 1) * gutter
        left, right = left + spare / 2, right - spare / 2
    geo = Geometry(width, height, left, right, height - margin - header, margin + st.size * 3, layout.columns, gutter)
    pitch = layout.body * layout.leading
    marker_line = Line([(c, st.furniture) for c in "（下转第0版）"], st.size * layout.leading)
    pages: list[Page] = []
    # Chunks: runs of column lines, and banners between them.
    chunks: list[tuple[str, list[Line]]] = []
    for para in paras:
        measure = (geo.right - geo.left) if para.banner else geo.col_width
        lines = break_para(para, measure, layout.leading)
        if layout.grid and lines:  # the paragraph and the space before it take whole lines
            lines[0].space_before = round(lines[0].space_before / pitch) * pitch
            body = sum(ln.height for ln in lines) + lines[-1].space_after
            lines[-1].space_after += _whole_lines(body, pitch) - body
        kind = "banner" if para.banner else "flow"
        if chunks and chunks[-1][0] == kind == "flow":
            chunks[-1][1].extend(lines)
        else:
            chunks.append((kind, lines))

    page = Page(layout.first_page)
    pages.append(page)
    y = geo.top
    pending_top_marker = False
    for kind, lines in chunks:
        if kind == "banner":
            need = sum(ln.advance for ln in lines)
            if y - need < geo.bottom + st.size * 6:
                page = Page(page.number + 1)
                pages.append(page)
                y = geo.top
            y -= lines[0].space_before if y < geo.top else 0
            for ln in lines:
                y -= ln.height
                page.placed.append(Placed(ln, geo.left + ln.x, y + ln.height * 0.22, geo.right - geo.left))
                y -= ln.space_after
            continue
        rest = lines
        while rest:
            if pending_top_marker:
                text = f"（上接第{page.number - 1}版）"
                mark = Line([(c, st.furniture) for c in text], marker_line.height)
                rest = [mark, *rest]
                pending_top_marker = False
            placed, n, used = _balanced(rest, geo, y, y - geo.bottom)
            if n < len(rest) and layout.markers:
                # keep the last line of the last column for （下转第N版）
                placed, n = _fill(rest, geo, y, y - geo.bottom - marker_line.height)
                in_last = [p for p in placed if p.x >= geo.col_x(geo.columns - 1) - 1]
                last = min(in_last, key=lambda p: p.y) if in_last else None
                text = f"（下转第{page.number + 1}版）"
                mark = Line([(c, st.furniture) for c in text], marker_line.height)
                mx = geo.col_x(geo.columns - 1) + geo.col_width - _width(mark.chars)
                my = (last.y if last else y) - marker_line.height
                placed.append(Placed(mark, mx, my, geo.col_width))
                pending_top_marker = True
            page.placed.extend(placed)
            page.bands.append((y, y - used if n == len(rest) else geo.bottom))
            rest = rest[n:]
            if rest:
                page = Page(page.number + 1)
                pages.append(page)
                y = geo.top
            else:
                y -= used + st.size * 0.8
    return geo, pages


def _furniture(c: canvas.Canvas, page: Page, geo: Geometry, layout: Layout, st: Styles) -> list[str]:
    """Draw the running head and foot; return their strings."""
    s = st.furniture
    y = geo.top + st.size * (3.6 if layout.credits == "head" else 2.2)
    left = f"{layout.date}"
    right = f"第{page.number}版"
    if page.number % 2:  # odd pages mirror the header
        left, right = right, left
    name_w = pdfmetrics.stringWidth(layout.newspaper, st.masthead.font, st.masthead.size)
    c.setFont(s.font, s.size + 1)
    c.drawString(geo.left, y, left)
    w = pdfmetrics.stringWidth(right, s.font, s.size + 1)
    c.drawString(geo.right - w, y, right)
    c.setFont(st.masthead.font, st.masthead.size)
    c.drawString((geo.left + geo.right - name_w) / 2 - st.size * 4, y - 2, layout.newspaper)
    c.setFont(s.font, s.size + 1)
    c.drawString((geo.left + geo.right + name_w) / 2 - st.size * 2, y, layout.section)
    c.setLineWidth(0.8)
    rule_y = geo.top + st.size * (2.6 if layout.credits == "head" else 1.2)
    c.line(geo.left, rule_y, geo.right, rule_y)
    c.line(geo.left, geo.bottom - st.size * 0.8, geo.right, geo.bottom - st.size * 0.8)
    editors = layout.editors
    if layout.editors_per_page:  # another desk's editors on every page
        k = page.number - layout.first_page
        editors = tuple(editors[(i + k) % len(editors)] for i in range(len(editors)))
    pieces = [f"责任编辑：{editors[0]}", f"美术编辑：{editors[1]}", f"校对：{editors[2]}"]
    credits = "\u3000".join(pieces)
    c.setFont(s.font, s.size)
    if layout.credits == "head":
        w = pdfmetrics.stringWidth(credits, s.font, s.size)
        c.drawString(geo.right - w, rule_y - st.size * 1.3, credits)
    else:
        c.drawString(geo.left, geo.bottom - st.size * 2.2, credits)
    if layout.rules:
        c.setLineWidth(0.3)
        for top, bottom in page.bands:
            for col in range(1, geo.columns):
                x = geo.col_x(col) - geo.gutter / 2
                c.line(x, top, x, bottom)
    return [left, right, layout.newspaper, layout.section, *pieces]


def _draw_line(c: canvas.Canvas, p: Placed) -> None:
    x = p.x
    runs: list[tuple[str, Style]] = []
    for ch, s in p.line.chars:
        if runs and runs[-1][1] is s:
            runs[-1] = (runs[-1][0] + ch, s)
        else:
            runs.append((ch, s))
    for text, s in runs:
        # the render mode is graphics state (it outlives the text object): bold text is drawn
        # inside a saved state, so the plain text after it is not stroked too
        c.saveState()
        t = c.beginText(x, p.y)
        t.setFont(s.font, s.size)
        t.setCharSpace(p.line.spacing)
        if s.bold:
            t.setTextRenderMode(2)
            c.setLineWidth(s.size * 0.035)
        t.textOut(text)
        c.drawText(t)
        c.restoreState()
        x += _width([(ch, s) for ch in text]) + p.line.spacing * len(text)


def typeset(ref_paragraphs, layout: Layout, out: Path) -> tuple[int, list[str]]:
    """Write the PDF of a reference's paragraphs to `out`: (pages, every furniture string printed:
    running heads and feet, page-turn markers)."""
    st = Styles(layout)
    paras = paragraphs_of(ref_paragraphs, layout, st)
    geo, pages = paginate(paras, layout, st)
    c = canvas.Canvas(str(out), pagesize=(geo.width, geo.height), invariant=1)
    c.setTitle(layout.newspaper)
    furniture: list[str] = []
    for page in pages:
        furniture += _furniture(c, page, geo, layout, st)
        for p in page.placed:
            if (
                p.line.chars
                and p.line.chars[0][1] is st.furniture
                and "".join(ch for ch, _ in p.line.chars)[:2]
                in (
                    "（上",
                    "（下",
                )
            ):
                furniture.append("".join(ch for ch, _ in p.line.chars))
            _draw_line(c, p)
        c.showPage()
    c.save()
    return len(pages), list(dict.fromkeys(furniture))
