"""Figures for the statistics screen: rows of (name, total, labelled, counts per label).

A document's rows follow the outline tree (every entry the outline pane shows, indented by depth),
so the rows at one depth add up to their parent: sentences before the first heading get a
"(before the first heading)" row, and an entry's sentences outside all of its children (an opening
paragraph before its first section) an "(other)" row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from reader.tui.sections import SectionIndex, document_progress

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


def _row(name: str, indices: Iterable[int], document, labels: dict[str, str], **kwargs) -> Row:
    row = Row(name, 0, 0, {}, **kwargs)
    sentences = document.sentences
    for i in indices:
        row.total += 1
        label = labels.get(sentences[i].id)
        if label:
            row.labelled += 1
            row.counts[label] = row.counts.get(label, 0) + 1
    return row


def outline_tree(index: SectionIndex) -> dict[int | None, list[int]]:
    """Children of each outline entry (None: the roots), built the way the outline pane nests them."""
    children: dict[int | None, list[int]] = {None: []}
    stack: list[int] = []
    for i, heading in enumerate(index.headings):
        while stack and index.headings[stack[-1]].level >= heading.level:
            stack.pop()
        children.setdefault(stack[-1] if stack else None, []).append(i)
        stack.append(i)
    return children


def document_rows(
    document, index: SectionIndex, labels: dict[str, str], reviewed: set[tuple[str, ...]] = frozenset()
) -> tuple[Row, list[Row]]:
    """The whole document, then every outline entry in outline order (see the module docstring)."""
    whole = document_progress(document, labels)
    overall = Row(document.id, whole.total, whole.labelled, dict(whole.counts), reviewed=() in reviewed)
    rows = [overall]
    preamble = [s.index for s in document.sentences if s.kind != "heading" and index.innermost[s.index] is None]
    if preamble:
        rows.append(_row(PREAMBLE, preamble, document, labels, indent=1))
    children = outline_tree(index)
    sentences = document.sentences

    def walk(i: int, depth: int) -> None:
        heading = index.headings[i]
        rows.append(
            _row(
                heading.title,
                index.members[i],
                document,
                labels,
                indent=depth,
                reviewed=tuple(heading.path) in reviewed,
            )
        )
        kids = children.get(i, [])
        if not kids:
            return
        covered = set().union(*(index.members[k] for k in kids))
        rest = [m for m in index.members[i] if m not in covered]
        first_child = index.headings[kids[0]].start
        before = bool(rest) and all(sentences[m].start < first_child for m in rest)
        if before:
            rows.append(_row(OTHER, rest, document, labels, indent=depth + 1))
        for k in kids:
            walk(k, depth + 1)
        if rest and not before:
            rows.append(_row(OTHER, rest, document, labels, indent=depth + 1))

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
