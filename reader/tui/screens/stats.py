"""`s`: label distribution as bars — per section and for the document, or per report and overall."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from reader.tui.screens.modal import Panel
from reader.tui.stats import Row

BAR = 40


def bar(row: Row, labels, width: int = BAR) -> Text:
    """A stacked bar: one coloured run per label (with its key letter), grey for unlabelled."""
    text = Text()
    if row.total <= 0:
        return text
    used = 0
    for label in labels:
        count = row.counts.get(label.name, 0)
        cells = round(width * count / row.total)
        if count and not cells:
            cells = 1
        cells = min(cells, width - used)
        if cells:
            letter = label.key if cells > 1 else ""
            text.append((letter + "█" * (cells - len(letter))), style=f"{label.color} on {label.color}")
            text.stylize(f"bold white on {label.color}", len(text) - cells, len(text) - cells + len(letter))
        used += cells
    text.append("░" * (width - used), style="dim")
    return text


def stats_table(rows: list[Row], labels, first: str) -> Table:
    table = Table(expand=True, box=None, pad_edge=False, show_edge=False)
    table.add_column(first, ratio=3, no_wrap=True, overflow="ellipsis")
    table.add_column("done", justify="right")
    table.add_column("distribution", no_wrap=True)
    for label in labels:
        table.add_column(Text(label.display, style=label.color), justify="right")
    for row in rows:
        share = f"{row.labelled}/{row.total}" if row.total else "–"
        table.add_row(
            Text("  " * row.indent + row.name, style="bold" if row.indent == 0 else ""),
            share,
            bar(row, labels),
            *[str(row.counts.get(label.name, 0)) for label in labels],
        )
    return table


class StatsScreen(Panel):
    AUTO_FOCUS = "#stats"

    def __init__(self, title: str, overall: Row, rows: list[Row], first: str = "section") -> None:
        super().__init__()
        self.heading = title
        self.overall = overall
        self.rows = rows
        self.first = first

    def compose(self) -> ComposeResult:
        labels = self.app.config.labels
        overall = self.overall
        share = overall.labelled / overall.total if overall.total else 0
        legend = Text("  ".join(f"{label.key} {label.display} {label.name}" for label in labels))
        with VerticalScroll(classes="panel", id="stats"):
            yield Static(Text.assemble((self.heading, "bold"), "   Esc closes"))
            yield Static(Text.assemble(
                f"Progress overall: {overall.labelled}/{overall.total} sentences labelled ({share:.0%})  ",
                bar(overall, labels, 30),
            ))
            yield Static(legend, classes="legend")
            yield Static(stats_table(self.rows, labels, self.first))
