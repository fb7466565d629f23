"""Figures for the statistics screen: rows of (name, total, labelled, counts per label)."""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.tui.sections import SectionIndex, document_progress


@dataclass
class Row:
    name: str
    total: int
    labelled: int
    counts: dict[str, int] = field(default_factory=dict)
    indent: int = 0


def document_rows(document, index: SectionIndex, labels: dict[str, str]) -> tuple[Row, list[Row]]:
    """The whole document, then each part and section (outline levels 1–2)."""
    whole = document_progress(document, labels)
    overall = Row(document.id, whole.total, whole.labelled, dict(whole.counts))
    rows = [overall]
    for i, heading in enumerate(index.headings):
        if heading.level > 2:
            continue
        progress = index.progress(i, labels)
        rows.append(Row(heading.title, progress.total, progress.labelled, dict(progress.counts),
                        indent=heading.level))
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
