"""The page as a reader sees it: printed lines, reading order, furniture and paragraphs.

1. **Lines**: runs on one baseline side by side are one printed line.
2. **Reading order** (`order_page`, a recursive XY-cut): a region is split at vertical gutters
   (columns, left to right); where wide lines (a banner, a heading across columns) block every
   gutter, the region is cut above and below them (bands, top to bottom) and each band is split
   again; a region with neither is one column, read top to bottom.
3. **Furniture**: lines in the top or bottom margin of a page that repeat on other pages at the
   same height (digits aside: `第2版`, `第3版`), or that read as a running head or foot (a page
   number `第N版`, a date, `星期五`, `责任编辑：…`), together with the lines beside them on the same
   baseline; and page-turn markers （下转第3版）. Kept aside, never text.
4. **Paragraphs** (`paragraphs`): a new paragraph where a line is indented, after a line that
   stops short of its column's edge, where the size changes (titles, part headings), at centered
   lines, and where emphasis (a heavier or other face: 黑体 headings in a 宋体 body, bold, stroked)
   starts a line after plain text; a run-in emphasised numbered heading `（一）…。` is split from the
   body text that follows it on its line. Paragraphs continue across columns and pages.

Pure Python on `chars.PdfText`; thresholds in `thresholds.py`.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from reader.pdf.chars import PageText, PdfText, Style
from reader.pdf.thresholds import (
    APART_SLACK,
    APART_WIDTH,
    BAND_GAP,
    CENTERED,
    CENTERED_BALANCE,
    CHANNEL_COVERAGE,
    INDENT,
    MARGIN_ZONE,
    MIN_GUTTER,
    REPEAT_TOLERANCE,
    RUN_BREAK_GAP,
    RUNNING_HEAD_CHARS,
    SAME_BASELINE,
    SAME_ROW,
    SHORT_LINE,
    SIZE_CHANGE,
)
from reader.text.clean import FURNITURE_RE
from reader.text.headings import PART_RE, SECTION_RE

_RUNNING_HEAD = re.compile(
    r"第[0-9０-９一二三四五六七八九十]{1,3}版|\d{4}年\d{1,2}月\d{1,2}日|星期[一二三四五六日天]"
    r"|责任编辑|美术编辑|版式设计|校对[：:]|编辑[：:]|^[-—]?\d{1,4}[-—]?$"
)
_DIGITS = re.compile(r"[0-9０-９一二三四五六七八九十]+")
_WS = re.compile(r"\s+")


@dataclass(slots=True)
class Line:
    """One printed line."""

    page: int
    text: str
    xs: list[float]
    x1: float
    y: float
    """Baseline, points from the top of the page."""
    size: float
    styles: list[int]
    furniture: bool = False
    no: int = 0
    """1-based number in reading order over the whole PDF (furniture included): the `line` of
    provenance."""
    emph: list[bool] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return self.xs[0]

    @property
    def top(self) -> float:
        return self.y - self.size

    @property
    def bottom(self) -> float:
        return self.y + 0.25 * self.size


@dataclass(slots=True)
class Block:
    """Lines read as one column piece (a leaf of the XY-cut)."""

    lines: list[Line]
    left: float
    right: float


# -- lines ----------------------------------------------------------------------------------------


def page_lines(page: PageText, styles: list[Style]) -> list[Line]:
    runs = sorted(page.runs, key=lambda r: (round(r.y, 1), r.x0))
    lines: list[Line] = []
    for run in runs:
        size = max(styles[s].size for s in run.styles) or 10.0
        last = lines[-1] if lines else None
        if (
            last is not None
            and abs(run.y - last.y) < SAME_BASELINE * size
            and 0 <= run.x0 - last.x1 < RUN_BREAK_GAP * size
        ):
            last.text += run.text
            last.xs += run.xs
            last.x1 = run.x1
            last.styles += run.styles
            last.size = max(last.size, size)
            continue
        lines.append(Line(page.number, run.text, list(run.xs), run.x1, run.y, size, list(run.styles)))
    return lines


# -- reading order --------------------------------------------------------------------------------


def _bands(lines: list[Line], em: float) -> list[list[Line]]:
    """Lines split at horizontal gaps across the whole region wider than any line spacing."""
    ordered = sorted(lines, key=lambda ln: ln.top)
    bands: list[list[Line]] = [[ordered[0]]]
    reach = ordered[0].bottom
    for ln in ordered[1:]:
        if ln.top - reach >= BAND_GAP * em:
            bands.append([])
        bands[-1].append(ln)
        reach = max(reach, ln.bottom)
    return bands


def _channels(lines: list[Line], em: float) -> list[tuple[float, float, int]]:
    """Vertical channels at least `MIN_GUTTER` wide with text on both sides that no line, or only
    a few wide lines, cross: (left, right, how many lines cross).

    Along each x, count the lines crossing it; a channel is where that count is small against the
    busiest x on either side (`CHANNEL_COVERAGE`): a gutter, perhaps crossed by a banner."""
    delta: Counter[float] = Counter()
    for ln in lines:
        delta[ln.x0] += 1
        delta[ln.x1] -= 1
    edges = sorted(delta)
    cover = []
    level = 0
    for a, b in itertools.pairwise(edges):
        level += delta[a]
        cover.append((a, b, level))
    channels: list[tuple[float, float, int]] = []
    peak_before = []
    peak = 0
    for _, _, c in cover:
        peak_before.append(peak)
        peak = max(peak, c)
    peak_after = [0] * len(cover)
    peak = 0
    for k in range(len(cover) - 1, -1, -1):
        peak_after[k] = peak
        peak = max(peak, cover[k][2])
    k = 0
    while k < len(cover):
        j = k
        while j < len(cover) and cover[j][2] <= CHANNEL_COVERAGE * peak_before[k]:
            j += 1
        if j == k:
            k += 1
            continue
        # the channel's core: where the fewest lines cross (justified edges are ragged by a hair)
        crossing = min(cv for _, _, cv in cover[k:j])
        last = max(n for n in range(k, j) if cover[n][2] == crossing)
        core = [(a, b) for a, b, cv in cover[k : last + 1] if cv == crossing]
        # text beyond the core: a column of a few lines (one that ends near the top of the region) is
        # under the coverage share of the busy side, but it is text on the other side all the same
        beyond = peak_after[last]
        if (
            crossing < beyond
            and crossing <= CHANNEL_COVERAGE * min(peak_before[k], beyond)
            and core[-1][1] - core[0][0] >= MIN_GUTTER * em
        ):
            channels.append((core[0][0], core[-1][1], crossing))
        k = j
    return channels


def _crosses(ln: Line, channel: tuple[float, float, int]) -> bool:
    return ln.x0 < channel[0] + 0.1 and ln.x1 > channel[1] - 0.1


def _above_and_below(
    lines: list[Line], channels: list[tuple[float, float, int]], extent: tuple[float, float], em: float
) -> tuple[list[Line], list[Line]] | None:
    middle = (extent[0] + extent[1]) / 2

    widths = sorted(ln.x1 - ln.x0 for ln in lines)
    typical = widths[len(widths) // 2]

    def apart(ln: Line) -> bool:
        if any(_crosses(ln, c) for c in channels):
            return True
        centered = abs((ln.x0 + ln.x1) / 2 - middle) <= em
        distinct = abs(ln.size - em) > 0.1 * em or ln.x1 - ln.x0 < APART_WIDTH * typical
        return centered and distinct

    rest = sorted(lines, key=lambda ln: ln.top)
    top: list[Line] = []
    while len(rest) > 1 and rest[0].bottom <= min(ln.top for ln in rest[1:]) + APART_SLACK * em and apart(rest[0]):
        top.append(rest.pop(0))
    rest.sort(key=lambda ln: -ln.bottom)
    bottom: list[Line] = []
    while len(rest) > 1 and rest[0].top >= max(ln.bottom for ln in rest[1:]) - APART_SLACK * em and apart(rest[0]):
        bottom.insert(0, rest.pop(0))
    return (top, bottom) if top or bottom else None


def _cut(lines: list[Line], em: float, out: list[Block], extent: tuple[float, float], depth: int = 0) -> None:
    if not lines:
        return
    if len(lines) == 1 or depth > 40:
        _leaf(lines, out, extent)
        return
    bands = _bands(lines, em)
    if len(bands) > 1:
        for band in bands:
            _cut(band, em, out, extent, depth + 1)
        return
    channels = _channels(lines, em)
    if not channels:
        _leaf(lines, out, extent)
        return
    # a title block over the columns, a signature under them: lines wider than a column or
    # centered on the region (not flush with a column), above (below) every other line
    apart = _above_and_below(lines, channels, extent, em)
    if apart:
        top, bottom = apart
        ids = {id(ln) for ln in top + bottom}
        for band in (top, [ln for ln in lines if id(ln) not in ids], bottom):
            _cut(band, em, out, extent, depth + 1)
        return
    free = [(a + b) / 2 for a, b, crossing in channels if crossing == 0]
    if free:
        bounds = [float("-inf"), *free, float("inf")]
        for a, b in itertools.pairwise(bounds):
            column = [ln for ln in lines if a < (ln.x0 + ln.x1) / 2 < b]
            if column:
                _cut(column, em, out, (min(ln.x0 for ln in column), max(ln.x1 for ln in column)), depth + 1)
        return
    # every channel is blocked: cut above and below the lines blocking all of them (else any)
    crossing_sets = [{id(ln) for ln in lines if _crosses(ln, c)} for c in channels]
    blocking = set.intersection(*crossing_sets) or set.union(*crossing_sets)
    rest = sorted((ln for ln in lines if id(ln) not in blocking), key=lambda ln: ln.y)
    bands = []
    for banner in sorted((ln for ln in lines if id(ln) in blocking), key=lambda ln: ln.y):
        above = [ln for ln in rest if ln.y < banner.y]
        rest = [ln for ln in rest if ln.y >= banner.y]
        if above:
            bands.append(above)
        if bands and all(id(ln) in blocking for ln in bands[-1]):
            bands[-1].append(banner)
        else:
            bands.append([banner])
    if rest:
        bands.append(rest)
    for band in bands:
        if all(id(ln) in blocking for ln in band):
            _leaf(band, out, extent)
        else:
            _cut(band, em, out, extent, depth + 1)


def _leaf(lines: list[Line], out: list[Block], extent: tuple[float, float]) -> None:
    lines = sorted(lines, key=lambda ln: (ln.y, ln.x0))
    left = min(extent[0], *(ln.x0 for ln in lines))
    right = max(extent[1], *(ln.x1 for ln in lines))
    out.append(Block(lines, left, right))


def order_page(lines: list[Line], em: float) -> list[Block]:
    blocks: list[Block] = []
    if lines:
        _cut(lines, em, blocks, (min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)))
    return blocks


# -- furniture ------------------------------------------------------------------------------------


def _key(text: str) -> str:
    return _DIGITS.sub("#", _WS.sub("", text))


def mark_furniture(pages: list[tuple[PageText, list[Block]]]) -> None:
    """Running heads and feet (repeated, or reading as such) and their row; page-turn markers."""
    margin: list[tuple[PageText, Line]] = []
    for page, blocks in pages:
        for block in blocks:
            # running heads and feet stand apart from the text: their whole block lies in a margin
            top = all(ln.y < page.height * MARGIN_ZONE for ln in block.lines)
            bottom = all(ln.top > page.height * (1 - MARGIN_ZONE) for ln in block.lines)
            if top or bottom:
                margin.extend((page, ln) for ln in block.lines)
    seen: dict[str, list[tuple[int, float]]] = {}
    for page, ln in margin:
        seen.setdefault(_key(ln.text), []).append((page.number, ln.y / page.height))
    for page, ln in margin:
        here = ln.y / page.height
        repeated = any(number != page.number and abs(y - here) <= REPEAT_TOLERANCE for number, y in seen[_key(ln.text)])
        flat = _WS.sub("", ln.text)
        if repeated or (
            len(flat) <= RUNNING_HEAD_CHARS
            and not flat.startswith("——")
            and _RUNNING_HEAD.search(flat)
            and not FURNITURE_RE.search(flat)
        ):
            ln.furniture = True
    # the rest of a running head's row: the paper's name, the page's section name
    for page, ln in margin:
        if not ln.furniture and any(
            o.furniture and o.page == ln.page and abs(o.y - ln.y) < SAME_ROW * max(o.size, ln.size)
            for p2, o in margin
            if p2 is page
        ):
            ln.furniture = True
    for _page, blocks in pages:
        for block in blocks:
            for ln in block.lines:
                if FURNITURE_RE.fullmatch(_WS.sub("", ln.text)):
                    ln.furniture = True


# -- emphasis and paragraphs ----------------------------------------------------------------------


def body_style(pdf: PdfText, lines: list[Line]) -> Style:
    counts: Counter[int] = Counter()
    for ln in lines:
        if not ln.furniture:
            for ch, s in zip(ln.text, ln.styles, strict=True):
                if ord(ch) >= 0x2E80:
                    counts[s] += 1
    if not counts:
        return Style("", 10.0, False)
    return pdf.styles[counts.most_common(1)[0][0]]


def mark_emphasis(pdf: PdfText, lines: list[Line], body: Style) -> None:
    """Per character: set apart from the body (another face, bold, larger)? Digits and Latin letters
    take their neighbours' emphasis (papers set them in a Latin face inside Chinese text)."""
    flags = {}
    for k, s in enumerate(pdf.styles):
        flags[k] = s.font != body.font or s.bold != body.bold or s.size > body.size * SIZE_CHANGE
    for ln in lines:
        emph: list[bool | None] = [
            flags[s] if ord(ch) >= 0x2E80 else None for ch, s in zip(ln.text, ln.styles, strict=True)
        ]
        last = next((e for e in emph if e is not None), False)
        for k, e in enumerate(emph):
            if e is None:
                emph[k] = last
            else:
                last = e
        ln.emph = [bool(e) for e in emph]


@dataclass(slots=True)
class Paragraph:
    pieces: list[tuple[int, str]] = field(default_factory=list)
    """(printed line number, text) in order."""


def _line_text(ln: Line, start: int = 0, end: int | None = None) -> str:
    return ln.text[start:end].strip()


def _centered(ln: Line, block: Block, em: float) -> bool:
    left, right = ln.x0 - block.left, block.right - ln.x1
    return left >= CENTERED * em and right >= CENTERED * em and abs(left - right) <= CENTERED_BALANCE * em


def _numbered(text: str) -> bool:
    text = text.lstrip()
    return bool(PART_RE.match(text) or SECTION_RE.match(text))


def paragraphs(blocks: list[Block], em: float) -> list[Paragraph]:
    """Paragraphs in reading order over every page (furniture skipped)."""
    out: list[Paragraph] = []
    cur: Paragraph | None = None
    prev: Line | None = None
    prev_block: Block | None = None
    prev_centered = False
    heading_run = False  # the current paragraph is so far one emphasised numbered heading
    all_emph = False  # … or at least wholly emphasised
    for block in blocks:
        for ln in block.lines:
            if ln.furniture:
                continue
            indent = ln.x0 - block.left >= INDENT * em
            centered = _centered(ln, block, em)
            starts_emph = bool(ln.emph) and ln.emph[0]
            new = cur is None
            if not new and prev is not None and prev_block is not None:
                # a line set larger than the body cannot fill a column measured in body characters:
                # it may stop short of the edge by up to one of its own characters
                larger = prev.size > em * SIZE_CHANGE
                prev_short = prev.x1 < prev_block.right - (prev.size if larger else SHORT_LINE * em)
                size_change = max(ln.size, prev.size) > min(ln.size, prev.size) * SIZE_CHANGE
                prev_all_emph = all(prev.emph)
                new = (
                    indent
                    or prev_short
                    or size_change
                    or centered != prev_centered
                    or (starts_emph and not prev.emph[-1] and (_numbered(ln.text) or all(ln.emph)))
                    or (all_emph and prev_all_emph and not starts_emph)
                )
                if centered and prev_centered and not size_change and not prev_short:
                    new = False
                if prev_all_emph and all(ln.emph) and not size_change and not prev_short and not _numbered(ln.text):
                    new = False  # a heading wrapped over lines
                if (centered or all(ln.emph)) and (_numbered(ln.text) or ln.text.startswith("——")):
                    new = True
            start = 0
            if new:
                cur = Paragraph()
                out.append(cur)
                heading_run = starts_emph and _numbered(ln.text)
                all_emph = True
            if heading_run and not all(ln.emph):
                # a run-in heading: its emphasised part ends the heading, the rest opens the body
                cut = ln.emph.index(False)
                head = _line_text(ln, 0, cut)
                if head:
                    cur.pieces.append((ln.no, head))
                start = cut
                cur = Paragraph()
                out.append(cur)
                heading_run = False
            all_emph = all_emph and all(ln.emph[start:])
            piece = _line_text(ln, start)
            if piece:
                cur.pieces.append((ln.no, piece))
            prev, prev_block, prev_centered = ln, block, centered
    return [p for p in out if p.pieces]
