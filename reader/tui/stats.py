"""Figures for the statistics screen: rows of (name, total, labelled, counts per label).

A document's rows follow the outline tree (every entry the outline pane shows, indented by depth),
so the rows at one depth add up to their parent: sentences before the first heading get a
"(before the first heading)" row, and an entry's sentences outside all of its children (an opening
paragraph before its first section) an "(other)" row.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from reader.tui.sections import Progress, Tally

PREAMBLE = "(before the first heading)"
OTHER = "(other)"


@dataclass
class Row:
    name: str
    total: int
    labelled: int
    counts: dict[str, int] = field(default_factory=dict)
    indent: int = 0
    reviewed: bool = False


def _row(name: str, progress: Progress, **kwargs) -> Row:
    return Row(name, progress.total, progress.labelled, dict(progress.counts), **kwargs)


def document_rows(document, tally: Tally, reviewed: set[tuple[str, ...]] = frozenset()) -> tuple[Row, list[Row]]:
    """The whole document, then every outline entry in outline order (see the module docstring).

    Built from the `Tally` the screen keeps up to date: O(outline entries), whatever the size of
    the report."""
    index = tally.index
    overall = _row(document.id, tally.whole, reviewed=() in reviewed)
    rows = [overall]
    if tally.preamble.total:
        rows.append(_row(PREAMBLE, tally.preamble, indent=1))
    children = index.children
    others = index.own_sentences_first

    def other_row(i: int, depth: int) -> Row:
        rest = Progress(total=tally.entries[i].total)
        rest.labelled = tally.entries[i].labelled
        rest.counts = Counter(tally.entries[i].counts)
        for k in children[i]:
            rest.total -= tally.entries[k].total
            rest.labelled -= tally.entries[k].labelled
            rest.counts.subtract(tally.entries[k].counts)
        rest.counts = Counter({name: n for name, n in rest.counts.items() if n})
        return _row(OTHER, rest, indent=depth + 1)

    def walk(i: int, depth: int) -> None:
        heading = index.headings[i]
        rows.append(_row(heading.title, tally.entries[i], indent=depth, reviewed=tuple(heading.path) in reviewed))
        kids = children.get(i, [])
        if not kids:
            return
        before = others.get(i)
        if before:
            rows.append(other_row(i, depth))
        for k in kids:
            walk(k, depth + 1)
        if before is False:
            rows.append(other_row(i, depth))

    for root in children[None]:
        walk(root, 1)
    return overall, rows


def library_rows(entries, figures) -> tuple[Row, list[Row]]:
    """Every report whose figures are known, and the corpus overall."""
    rows = []
    overall = Row("all reports", 0, 0, {})
    for entry in entries:
        known = figures.get(entry.name)
        if not known or known[0] < 0:
            continue
        total, labelled, counts = known
        rows.append(Row(entry.name, total, labelled, dict(counts), indent=1))
        overall.total += total
        overall.labelled += labelled
        for name, count in counts.items():
            overall.counts[name] = overall.counts.get(name, 0) + count
    return overall, [overall, *rows]
