"""The page as a reader sees it: printed lines, reading order, furniture and paragraphs.

1. **Lines**: runs on one baseline side by side are one printed line.
2. **Reading order** (`order_page`, a recursive XY-cut): a region is split at vertical gutters
   (columns, left to right); where wide lines (a banner, a heading across columns) block every
   gutter, the region is cut above and below them (bands, top to bottom) and each band is split
   again; a region with neither is one column, read top to bottom. A band that only goes on down
   the longest column above it is that column's tail; a landscape sheet no line crosses at its
   middle is a two-page spread, read page by page.
3. **Set aside** before ordering: text set vertically (`mark_vertical`) and text inside a ruled
   frame holding a small share of the page (`mark_framed`: a boxed article, a pull quote).
   **Furniture**: lines in the top or bottom margin of a page that repeat on other pages at the
   same height (digits aside: `第2版`, `第3版`), or that read as a running head or foot (a page
   number `第N版`, a date, `星期五`, `责任编辑：…`), together with the lines beside them on the same
   baseline; page-turn markers （下转第3版）; datelines on a line of their own (`新华社…电`). Kept
   aside, never text.
4. **Paragraphs** (`paragraphs`): a new paragraph where a line is indented, after a line that
   stops short of its column's edge, where the size changes (titles, part headings), at centered
   lines, and where strong emphasis (heavier or larger: 黑体 headings in a 宋体 body, bold, stroked)
   starts a line after plain text (楷体 or 仿宋 at the body's weight is a quotation's face); a run-in
   emphasised numbered heading `（一）…。` is split from the body text after it at its first 。.
   Paragraphs continue across columns and pages.

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
    FRAMED_MAX_SHARE,
    HEADING_LINES,
    HEADLINE_OVER_COLUMNS,
    INDENT,
    MARGIN_ZONE,
    MIN_GUTTER,
    NOTE_GAP,
    NOTE_PITCH,
    NOTE_SIZE,
    REPEAT_TOLERANCE,
    RUN_BREAK_GAP,
    RUNNING_HEAD_CHARS,
    SAME_BASELINE,
    SAME_ROW,
    SHORT_LINE,
    SIZE_CHANGE,
    SPREAD_ASPECT,
    TABLE_COVER_LINES,
    TABLE_COVER_SIZE,
    TABLE_ROW_PITCH,
    TAIL_GAP,
    TAIL_LONGER,
    VERTICAL_MIN_CHARS,
    VERTICAL_PITCH,
    WIDE_GUTTER,
)
from reader.text.clean import FURNITURE_RE, ROW_CELL_CHARS, ROW_PUNCT
from reader.text.headings import PART_RE, SECTION_RE

_RUNNING_HEAD = re.compile(
    r"第[0-9０-９一二三四五六七八九十]{1,3}版|\d{4}年\d{1,2}月\d{1,2}日|星期[一二三四五六日天]"
    r"|责任编辑|美术编辑|版式设计|校对[：:]|编辑[：:]|^[-—]?\d{1,4}[-—]?$"
)
HEAVY_FACE = re.compile(r"hei|黑|sans|gothic|bold|black|heavy|demi|medium", re.I)
"""Face names of heavy faces: 黑体 (SimHei, WenQuanYi Zen Hei, Noto Sans CJK, Source Han Sans) and
bold cuts; 宋体, 楷体 and 仿宋 (Song, Ming, Kai, FangSong, Serif) are the body's weight."""
DATELINE = re.compile(
    r"(?:新华社|中新社|本报)[^。，！？：]{0,16}(?:电|讯)(?:[（(][^）)]{1,24}[）)])?|(?:本报记者|新华社记者|记者)[^。，！？]{1,16}"
)
"""A news agency's or the paper's dateline printed on a line of its own above the report
(`新华社北京3月12日电`, `本报讯（记者 周明 王芳）`): the paper's, not the report's; kept aside."""
_JUMP = re.compile(
    r"[（(]?\s*(下转|转下|转|上接|接上|紧接|接|续)\s*第?\s*[0-9０-９一二三四五六七八九十]{1,3}\s*[版页]\s*[）)]?"
)
"""A page-turn marker on a line of its own: （下转第4版） where the report leaves a page, （上接第1版) where
it comes back."""
NOTE_MARK = re.compile(r"\s*(?:[①-⑳]|[［\[]\d{1,2}[］\]]|注\s*\d{0,2}\s*[：:]|\*)")
"""How a footnote starts: ① “两新”：…, ［1］…, 注：…, *…"""
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
    """Per character: set apart from the body (another face, bold, larger)."""
    strong: list[bool] = field(default_factory=list)
    """Per character: set heavier or larger than the body (bold, 黑体): a heading's or lead-in's
    emphasis, not a quotation's in 楷体 or 仿宋 at the body's weight."""
    note: bool = False
    """A footnote at the foot of a column (`mark_notes`): read after the paragraph it interrupts."""
    table: bool = False
    """A row of a table of figures: its cells joined with U+3000 (`join_table_rows`)."""

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
    return join_table_rows(lines)


def _cell(ln: Line) -> bool:
    """Short and no sentence: a table's cell (`clean.table_cells` reads a row by the same marks)."""
    text = ln.text.strip()
    return 0 < len(text) <= ROW_CELL_CHARS and not ROW_PUNCT.search(text)


def join_table_rows(lines: list[Line]) -> list[Line]:
    """A table of figures printed in a column: its cells, apart by wide gaps on one baseline, would
    be read as narrow columns (cell by cell, short paragraphs). Two rows or more of such cells (one
    row of three at least) under (or over) a line of text in about their size that spans them all,
    within a few lines, are rows: each becomes one line, its cells joined by U+3000 (as the
    raw-text pipeline keeps a row: `地区生产总值　亿元　156.8`), a paragraph of its own. Lines of
    neighbouring columns on one baseline are never spanned by one line of text (only by a banner
    or a headline, set larger)."""
    baselines: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: (ln.y, ln.x0)):
        if baselines and abs(ln.y - baselines[-1][0].y) < SAME_BASELINE * ln.size:
            baselines[-1].append(ln)
        else:
            baselines.append([ln])
    rows: list[list[Line]] = []  # runs of cells side by side on one baseline
    for group in baselines:
        run: list[Line] = []
        for ln in [*sorted(group, key=lambda ln: ln.x0), None]:
            if ln is not None and _cell(ln):
                run.append(ln)
                continue
            if len(run) >= 2:
                rows.append(run)
            run = []
    tables: list[list[list[Line]]] = []
    for row in rows:
        above = next(
            (
                t
                for t in reversed(tables)
                if 0 < row[0].y - t[-1][0].y <= TABLE_ROW_PITCH * row[0].size
                and row[0].x0 < t[-1][-1].x1
                and t[-1][0].x0 < row[-1].x1
            ),
            None,
        )
        if above is not None:
            above.append(row)
        else:
            tables.append([row])
    joined: dict[int, Line] = {}
    gone: set[int] = set()
    for table in tables:
        if len(table) < 2 or max(len(row) for row in table) < 3:
            continue
        cells = [ln for row in table for ln in row]
        left, right = min(ln.x0 for ln in cells), max(ln.x1 for ln in cells)
        size = max(ln.size for ln in cells)
        top, bottom = table[0][0].y, table[-1][0].y
        ids = {id(ln) for ln in cells}
        if not any(
            id(ln) not in ids
            and ln.x0 <= left + size
            and ln.x1 >= right - size
            and ln.size <= TABLE_COVER_SIZE * size
            and (0 < top - ln.y <= TABLE_COVER_LINES * size or 0 < ln.y - bottom <= TABLE_COVER_LINES * size)
            for ln in lines
        ):
            continue
        for row in table:
            first = row[0]
            line = Line(first.page, "", [], row[-1].x1, first.y, max(ln.size for ln in row), [], table=True)
            for k, ln in enumerate(row):
                if k:
                    line.text += "\u3000"
                    line.xs.append(row[k - 1].x1)
                    line.styles.append(row[k - 1].styles[-1])
                line.text += ln.text
                line.xs += ln.xs
                line.styles += ln.styles
            joined[id(first)] = line
            gone.update(id(ln) for ln in row[1:])
    if not joined:
        return lines
    return [joined.get(id(ln), ln) for ln in lines if id(ln) not in gone]


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
            and crossing <= max(CHANNEL_COVERAGE * min(peak_before[k], beyond), _one_crossing(peak_before[k], beyond))
            and core[-1][1] - core[0][0] >= MIN_GUTTER * em
        ):
            channels.append((core[0][0], core[-1][1], crossing))
        k = j
    return channels


def _one_crossing(before: int, after: int) -> int:
    """One line may cross a gutter with `HEADLINE_OVER_COLUMNS` lines or more on both sides (a
    short article's headline over its two columns), however few lines the columns hold."""
    return 1 if min(before, after) >= HEADLINE_OVER_COLUMNS else 0


def _join_column_tails(bands: list[list[Line]], em: float) -> list[list[Line]]:
    """A band that only goes on down the longest column of the band above is that column's tail,
    not text read after all the columns: a gap across the page opens where the other columns have
    ended and the long one has space before a heading (`二、…` with room above it)."""
    out = [bands[0]]
    for band in bands[1:]:
        above = out[-1]
        free = [(a + b) / 2 for a, b, crossing in _channels(above, em) if crossing == 0]
        if free and _tail_of(above, band, free, em):
            above.extend(band)
        else:
            out.append(band)
    return out


def _tail_of(above: list[Line], band: list[Line], free: list[float], em: float) -> bool:
    bounds = [float("-inf"), *free, float("inf")]
    slots = list(itertools.pairwise(bounds))

    def slot(ln: Line) -> int:
        return next(k for k, (a, b) in enumerate(slots) if a < (ln.x0 + ln.x1) / 2 < b)

    a, b = slots[slot(band[0])]
    if not all(a < ln.x0 and ln.x1 < b for ln in band):
        return False
    lowest = max(above, key=lambda ln: ln.bottom)
    if slot(lowest) != slot(band[0]) or min(ln.top for ln in band) - lowest.bottom > TAIL_GAP * em:
        return False
    others = [ln.bottom for ln in above if slot(ln) != slot(lowest)]
    return not others or lowest.bottom - max(others) >= TAIL_LONGER * em


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
    bands = _join_column_tails(_bands(lines, em), em)
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
    widths = sorted(b - a for a, b, crossing in channels if crossing == 0)
    if len(widths) > 1 and widths[-1] >= WIDE_GUTTER * widths[-2]:
        # a gutter far wider than the others (the space between the report and a margin note or
        # an article beside it): cut there first, so each side finds its own title and columns
        free = [next((a + b) / 2 for a, b, crossing in channels if crossing == 0 and b - a == widths[-1])]
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


def order_page(lines: list[Line], em: float, width: float = 0.0, height: float = 0.0) -> list[Block]:
    """Blocks in reading order. A landscape sheet that no line crosses at its middle is a two-page
    spread: its left page is read, then its right, each on its own (a title centred on one page
    is that page's title)."""
    blocks: list[Block] = []
    if width > SPREAD_ASPECT * height > 0 and not any(ln.x0 < width / 2 < ln.x1 for ln in lines):
        halves = [[ln for ln in lines if ln.x1 <= width / 2], [ln for ln in lines if ln.x0 >= width / 2]]
    else:
        halves = [lines]
    for half in halves:
        if half:
            _cut(half, em, blocks, (min(ln.x0 for ln in half), max(ln.x1 for ln in half)))
    return blocks


# -- furniture ------------------------------------------------------------------------------------


def _key(text: str) -> str:
    return _DIGITS.sub("#", _WS.sub("", text))


def mark_framed(page: PageText, lines: list[Line]) -> None:
    """Lines inside a ruled frame that holds a small share of the page's text (a boxed article
    beside the report, a pull quote): kept aside, so the report reads on around them."""
    total = sum(len(ln.text) for ln in lines) or 1
    for left, top, right, bottom in page.frames:
        inside = [
            ln
            for ln in lines
            if ln.x0 >= left - 1 and ln.x1 <= right + 1 and ln.top >= top - 1 and ln.bottom <= bottom + 1
        ]
        if inside and sum(len(ln.text) for ln in inside) < FRAMED_MAX_SHARE * total:
            for ln in inside:
                ln.furniture = True


def mark_vertical(lines: list[Line]) -> None:
    """Text set vertically (a page's section name down the margin, a label beside a picture): a
    stack of one-character lines at one x, each a character's height below the last. Kept aside."""
    singles = sorted((ln for ln in lines if len(ln.text.strip()) == 1), key=lambda ln: (round(ln.x0), ln.y))
    stack: list[Line] = []
    for ln in [*singles, None]:
        if ln is not None and stack:
            last = stack[-1]
            if abs(ln.x0 - last.x0) <= 0.3 * ln.size and 0 < ln.y - last.y <= VERTICAL_PITCH * ln.size:
                stack.append(ln)
                continue
        if len(stack) >= VERTICAL_MIN_CHARS:
            for v in stack:
                v.furniture = True
        stack = [ln] if ln is not None else []


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
                flat = _WS.sub("", ln.text)
                if FURNITURE_RE.fullmatch(flat) or DATELINE.fullmatch(flat):
                    ln.furniture = True


def mark_notes(page: PageText, lines: list[Line], em: float) -> list[list[Line]]:
    """Footnotes at the foot of a column: a line set smaller than the body that starts with a note
    mark (①, ［1］, 注：), in the lower half of the page, set off from the text above it (a rule, a
    space: notes at the report's end run on under their 注释 line), with the lines under it in its
    size and column, and nothing of the page's text below them (running feet aside). Left in the reading
    order they would cut the columns into bands and the paragraph running past them in two; they
    are marked `note`, ordered apart and read after the paragraph they interrupt (`paragraphs`)."""
    groups: list[list[Line]] = []
    text = sorted((ln for ln in lines if not ln.furniture), key=lambda ln: (ln.y, ln.x0))
    foot = page.height * (1 - MARGIN_ZONE)
    for k, start in enumerate(text):
        if start.note or start.size > NOTE_SIZE * em or start.top < page.height / 2:
            continue
        if not NOTE_MARK.match(start.text):
            continue
        group = [start]
        for ln in text[k + 1 :]:
            last = group[-1]
            if ln.y - last.y > NOTE_PITCH * ln.size:
                break
            if abs(ln.size - start.size) < 0.1 * start.size and abs(ln.x0 - start.x0) <= em and ln.y > last.y:
                group.append(ln)
        left, right = min(ln.x0 for ln in group), max(ln.x1 for ln in group)
        bottom = group[-1].bottom
        ids = {id(ln) for ln in group}
        beside = [ln for ln in text if ln.x0 < right and ln.x1 > left and id(ln) not in ids]
        below = any(ln.top >= bottom - 0.1 * em and ln.top < foot for ln in beside)
        above = [ln for ln in beside if ln.y < start.y]
        body_above = any(ln.size > start.size * 1.05 for ln in above)
        apart = not above or start.top - max(ln.bottom for ln in above) >= NOTE_GAP * em
        if below or not body_above or not apart:
            continue
        for ln in group:
            ln.note = True
        groups.append(group)
    return groups


def mark_jumps(lines: list[Line]) -> None:
    """A report that leaves its page at （下转第4版） and comes back at （上接第1版）: what is read
    between the two (another article under a banner below the report's columns, whole pages of
    other news) is not the report; kept aside. Only text below the marker on its page, or on later
    pages, and only when the marker that brings the report back follows."""
    k = 0
    while k < len(lines):
        m = _JUMP.fullmatch(_WS.sub("", lines[k].text))
        if not (m and m.group(1) in ("下转", "转下", "转")):
            k += 1
            continue
        out = lines[k]
        back = next(
            (
                j
                for j in range(k + 1, len(lines))
                if (b := _JUMP.fullmatch(_WS.sub("", lines[j].text))) and b.group(1) not in ("下转", "转下", "转")
            ),
            None,
        )
        if back is None:
            return
        between = [ln for ln in lines[k + 1 : back] if not ln.furniture]
        if all(ln.page > out.page or ln.top >= out.bottom for ln in between):
            for ln in between:
                ln.furniture = True
        k = back + 1


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
    flags, strong = {}, {}
    body_heavy = bool(HEAVY_FACE.search(body.font))
    for k, s in enumerate(pdf.styles):
        larger = s.size > body.size * SIZE_CHANGE
        flags[k] = s.font != body.font or s.bold != body.bold or larger
        heavier = (s.bold and not body.bold) or (bool(HEAVY_FACE.search(s.font)) and not body_heavy)
        strong[k] = flags[k] and (heavier or larger)
    for ln in lines:
        ln.emph = _spread([flags[s] if ord(ch) >= 0x2E80 else None for ch, s in zip(ln.text, ln.styles, strict=True)])
        ln.strong = _spread(
            [strong[s] if ord(ch) >= 0x2E80 else None for ch, s in zip(ln.text, ln.styles, strict=True)]
        )


def _spread(marks: list[bool | None]) -> list[bool]:
    """Characters without a mark of their own (digits, Latin) take the one before them."""
    last = next((e for e in marks if e is not None), False)
    out = []
    for e in marks:
        if e is not None:
            last = e
        out.append(bool(last))
    return out


@dataclass(slots=True)
class Paragraph:
    pieces: list[tuple[int, str]] = field(default_factory=list)
    """(printed line number, text) in order."""
    set_apart: bool = True
    """Every line centred or wholly emphasised: a heading or title (perhaps wrapped over lines)."""

    @property
    def heading_like(self) -> bool:
        """A short paragraph set apart that is no run of sentences: a heading wrapped over lines."""
        text = "".join(piece for _, piece in self.pieces).rstrip("。")
        if not (self.set_apart and 1 < len(self.pieces) <= HEADING_LINES and _numbered(self.pieces[0][1])):
            return False
        return not any(c in text for c in "。！？")


def _line_text(ln: Line, start: int = 0, end: int | None = None) -> str:
    return ln.text[start:end].strip()


def _centered(ln: Line, block: Block, em: float) -> bool:
    left, right = ln.x0 - block.left, block.right - ln.x1
    return left >= CENTERED * em and right >= CENTERED * em and abs(left - right) <= CENTERED_BALANCE * em


def _numbered(text: str) -> bool:
    text = text.lstrip()
    return bool(PART_RE.match(text) or SECTION_RE.match(text))


def _heading_end(ln: Line) -> int | None:
    """Where a run-in numbered heading ends on its line (None: it goes on to the line's end): after
    its first 。, or where the emphasis ends."""
    end = len(ln.text) if all(ln.emph) else ln.emph.index(False)
    stop = ln.text.find("。", 0, end)
    if stop >= 0 and ln.text[stop + 1 :].strip():
        return stop + 1
    return end if end < len(ln.text) else None


def paragraphs(blocks: list[Block], em: float) -> list[Paragraph]:
    """Paragraphs in reading order over every page (furniture skipped)."""
    out: list[Paragraph] = []
    cur: Paragraph | None = None
    prev: Line | None = None
    prev_block: Block | None = None
    prev_centered = False
    heading_run = False  # the current paragraph is so far one emphasised numbered heading
    all_emph = False  # … or at least wholly emphasised
    all_strong = False  # … wholly heavier or larger than the body
    numbered_para = False  # the current paragraph starts with a heading's number (一、 （一）)
    notes: list[Line] = []  # footnotes waiting for the paragraph they interrupt to end

    def flush_notes() -> None:
        para = None
        for note in notes:
            if para is None or NOTE_MARK.match(note.text):
                para = Paragraph(set_apart=False)
                out.append(para)
            if piece := _line_text(note):
                para.pieces.append((note.no, piece))
        notes.clear()

    for block in blocks:
        for ln in block.lines:
            if ln.furniture:
                continue
            if ln.note:
                notes.append(ln)
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
                # emphasis that sets a heading apart is heavier or larger; a sentence quoted in 楷体
                # or 仿宋 at the body's weight goes on in its paragraph
                new = (
                    indent
                    or prev_short
                    or size_change
                    or centered != prev_centered
                    or (starts_emph and not prev.emph[-1] and _numbered(ln.text))
                    or (ln.strong[0] and not prev.strong[-1] and all(ln.strong))
                    or (all_strong and all(prev.strong) and not ln.strong[0] and numbered_para)
                    or (heading_run and prev.text.rstrip().endswith("。"))
                )
                if centered and prev_centered and not size_change and not prev_short:
                    new = False
                if (
                    prev_all_emph
                    and all(ln.emph)
                    and all(prev.strong) == all(ln.strong)
                    and not size_change
                    and not prev_short
                    and not _numbered(ln.text)
                ):
                    new = False  # a heading wrapped over lines (in one weight: not a quotation under it)
                if (
                    centered
                    and not prev_centered
                    and not prev_short
                    and prev.x0 - prev_block.left < INDENT * em
                    and not size_change
                    and all(ln.emph) == prev_all_emph
                    and not prev.text.rstrip().endswith(("。", "！", "？", "：", "；"))
                ):
                    new = False  # the centred last line of a centred heading that filled its first line
                if (centered or all(ln.emph)) and (_numbered(ln.text) or ln.text.startswith("——")):
                    new = True
            if ln.table or (prev is not None and prev.table):
                new = True  # a table's row is a paragraph of its own
            start = 0
            if new:
                flush_notes()
                cur = Paragraph()
                out.append(cur)
                heading_run = starts_emph and _numbered(ln.text)
                numbered_para = _numbered(ln.text)
                all_emph = all_strong = True
            cut = _heading_end(ln) if heading_run else None
            if cut is not None:
                # a run-in heading: its emphasised part, to its first 。, ends the heading; the rest
                # (plain text, or a lead-in set like the heading) opens the body
                head = _line_text(ln, 0, cut)
                if head:
                    cur.pieces.append((ln.no, head))
                start = cut
                cur = Paragraph()
                out.append(cur)
                heading_run = numbered_para = False  # the body after it bears no number
            all_emph = all_emph and all(ln.emph[start:])
            all_strong = all_strong and all(ln.strong[start:])
            piece = _line_text(ln, start)
            if piece:
                cur.pieces.append((ln.no, piece))
                cur.set_apart = cur.set_apart and (centered or all(ln.emph[start:]))
            prev, prev_block, prev_centered = ln, block, centered
    flush_notes()
    return [p for p in out if p.pieces]
