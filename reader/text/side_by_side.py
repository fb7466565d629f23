"""Columns that `pdftotext -layout` prints side by side, read one after another.

`pdftotext -layout` keeps a page's geometry: each printed line of the page is one line of text,
and the columns stand side by side in it, set apart by runs of spaces; every column starts near
the same character position on every line (a little to the right where a long line before it ran
over). Read as it is, one line of text holds a line of each column. `unfold_columns` finds the
columns of each page (segment starts that recur on many lines), cuts each line at them and gives
the columns one after the other, as `pdftotext` without `-layout` does:

- a line alone between blank lines spans the page (the running head, the staff line at the foot):
  each of its pieces stands alone;
- a segment further into its column than an indent is a heading set in the middle of the column
  or, alone on its line, a banner or title across the columns: a line holding only such a segment
  (or one running over into the next column) closes the columns above it and stands alone, unless
  the next line is that column going on alone (its neighbours ended above: the column's heading);
- an empty cell between two lines of a column (its neighbours printed there, it did not: the space
  around a heading, a column's foot) becomes a blank line, as a box ends in the other extractors;
- a column's lines lose their indent, as `pdftotext` without `-layout` gives them (the reflow
  reads a paragraph's first line by its length; kept indents read worse on the PDF harness).

Only pages where many lines hold two columns or more are unfolded; other text is returned as it
is. Each line keeps the number of the raw line it came from.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

THRESHOLDS = {
    "two_columns_share": (0.3, "on a page set in columns most lines hold two or more; a table or a byline a few"),
    "min_lines": (8, "a page of columns has a few lines at least"),
    "cluster_gap": (6, "starts of one column drift by a few characters (a long line before pushes it right)"),
    "column_share": (
        0.2,
        "a column starts on a good part of the page's lines (a short last one too; a banner on a few)",
    ),
    "drift": (3, "a segment may start this far left of its column's usual start"),
    "centred": (6, "further in than a two-character indent: a heading set in its column's middle or across columns"),
    "table_cell": (
        6,
        "a column of text has lines of 10 characters or more; a table's unit or figure cells are shorter",
    ),
}
T = {name: value for name, (value, _why) in THRESHOLDS.items()}

_SEGMENT = re.compile(r"\S+(?: \S+)*")
"""A run of text with single spaces inside: `-layout` sets columns apart by two spaces or more."""


def unfold_columns(lines: list[str]) -> tuple[list[str], list[int]] | None:
    """The lines with each page's columns one after another, and the raw line number (1-based) of
    each; None when no page holds columns side by side. The form feed ending an unfolded page
    stands alone after the page's last line of column text (before its foot), where the later
    stages see it: they tell an extractor's text by its form feeds."""
    out: list[str] = []
    numbers: list[int] = []
    changed = fed = False
    bounds = [0, *(k for k, line in enumerate(lines) if "\f" in line), len(lines)]
    for start, end in pairwise(bounds):
        page = [
            line.replace("\f", "", 1) if k == start and fed else line for k, line in enumerate(lines[start:end], start)
        ]
        unfolded = _unfold_page(page, start)
        fed = False
        if unfolded is None:
            out += page
            numbers += range(start + 1, end + 1)
            continue
        changed = True
        page_lines, page_numbers, last_text = unfolded
        if end < len(lines):  # the next page's form feed ends this one
            page_lines.insert(last_text + 1, "\f")
            page_numbers.insert(last_text + 1, end + 1)
            fed = True
        if "\f" in page[0]:  # the feed ending a page left as it was
            page_lines.insert(0, "\f")
            page_numbers.insert(0, start + 1)
        out += page_lines
        numbers += page_numbers
    return (out, numbers) if changed else None


def _unfold_page(page: list[str], first: int) -> tuple[list[str], list[int], int] | None:
    """One page (its first line is raw line `first`, 0-based) unfolded: its lines, their raw line
    numbers and the index of its last line of column text; None if it holds no columns."""
    segments = (_SEGMENT.finditer(line.replace("\f", " ")) for line in page)
    rows = [(first + k, [(m.start(), m.group()) for m in found]) for k, found in enumerate(segments)]
    filled = [segs for _, segs in rows if segs]
    if len(filled) < T["min_lines"]:
        return None
    columns = _text_columns(_column_starts([pos for segs in filled for pos, _ in segs], len(filled)), filled)
    if len(columns) < 2:
        return None
    # Columns whose lines are not on one baseline grid (a heading's space above, another face)
    # are printed staggered: a line of each column on text lines of their own, most lines one
    # column's. There an empty cell is the other column's line, no space in this one.
    staggered = sum(len(s) > 1 for s in filled) < T["two_columns_share"] * len(filled)
    out: list[str] = []
    numbers: list[int] = []
    region: list[tuple[int, dict[int, tuple[int, str]]]] = []
    last_text = -1

    def emit(line: str, number: int, column: bool = False) -> None:
        nonlocal last_text
        if column:
            last_text = len(out)
        out.append(line)
        numbers.append(number)

    def flush() -> None:
        for c in range(len(columns)):
            last = ""
            for number, cells in region:
                if c in cells:
                    last = cells[c][1]
                    emit(last, number, column=True)
                elif last and (not staggered or not cells):
                    emit("", number)
                    last = ""
            if last:
                emit("", region[-1][0])
        region.clear()

    blank = [not segs for _, segs in rows]
    for at, (k, segs) in enumerate(rows):
        if segs and (at == 0 or blank[at - 1]) and (at + 1 == len(rows) or blank[at + 1]):
            flush()  # a line alone between blank lines spans the page: a running head or foot
            for _pos, text in segs:
                emit(text, k + 1)
                emit("", k + 1)
            continue
        cells: dict[int, tuple[int, str]] = {}
        for pos, text in segs:
            c = _column_of(columns, pos)
            if c in cells:  # one column's line cut by a wide space: one line
                cells[c] = (cells[c][0], cells[c][1] + " " + text)
            else:
                cells[c] = (pos - columns[c], text)
        after = rows[at + 1][1] if at + 1 < len(rows) else []
        across = len(segs) == 1 and (
            (cells[c := next(iter(cells))][0] > T["centred"] and not _goes_on_alone(after, columns[c]))
            or (c + 1 < len(columns) and segs[0][0] + len(segs[0][1]) > columns[c + 1] + T["drift"])
        )
        if across:  # a banner or title across the columns
            flush()
            emit(segs[0][1], k + 1)
            emit("", k + 1)
        else:  # a blank line is a gap in every column
            region.append((k + 1, cells))
    flush()
    return out, numbers, last_text


def _text_columns(columns: list[int], filled: list[list[tuple[int, str]]]) -> list[int]:
    """The column starts that begin columns of text: a start whose segments are mostly short cells
    holding a figure (a table's value or unit cells: 6左右, 5.5, %) is a table's column, read in its row."""
    cells: dict[int, list[str]] = {c: [] for c in range(len(columns))}
    for segs in filled:
        for pos, text in segs:
            cells[_column_of(columns, pos)].append(text)
    return [start for c, start in enumerate(columns) if c == 0 or not _table_cells(cells[c])]


def _column_of(columns: list[int], pos: int) -> int:
    """The column a segment starting at `pos` belongs to (it may start a little left of it)."""
    return max((i for i, s in enumerate(columns) if s <= pos + T["drift"]), default=0)


def _table_cells(texts: list[str]) -> bool:
    short = sum(len(t) <= T["table_cell"] for t in texts)
    figures = sum(any(ch.isdigit() or ch in "%％" for ch in t) for t in texts)
    return short > 0.8 * len(texts) and figures > 0.5 * len(texts)


def _goes_on_alone(segs: list[tuple[int, str]], start: int) -> bool:
    """The next line is one segment at the plain start of the column: the column goes on alone
    (its neighbours ended above), so a centred segment before it is the column's own heading."""
    return len(segs) == 1 and abs(segs[0][0] - start) <= T["drift"]


def _column_starts(starts: list[int], lines: int) -> list[int]:
    """The usual start of each column: clusters of segment starts met on many lines, each at its
    most frequent start (a column's plain lines; indents and headings start further in)."""
    counts = Counter(starts)
    clusters: list[Counter[int]] = []
    last = None
    for pos in sorted(p for p, n in counts.items() if n > 1):  # a start met once never joins two columns
        if last is None or pos - last > T["cluster_gap"]:
            clusters.append(Counter())
        clusters[-1][pos] = counts[pos]
        last = pos
    return [cluster.most_common(1)[0][0] for cluster in clusters if cluster.total() >= T["column_share"] * lines]
