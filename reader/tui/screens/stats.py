"""`s`: label distribution as bars — per outline entry and for the document, or per report and overall.

The table is laid out for the panel's width (re-laid out on resize): counts and the done column
keep their size, the bar and the names share the rest, names cut with "…".
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from reader.tui.screens.modal import Panel
from reader.tui.stats import Row
from reader.tui.widgets.status import truncate

BAR_MAX = 40
BAR_MIN = 6
REVIEWED = "✓ "


def bar(row: Row, labels, width: int) -> Text:
    """A stacked bar of `width` cells: one coloured run per label, proportional to its count (a label
    too rare for half a cell gets none), then grey for the unlabelled rest."""
    text = Text(no_wrap=True, end="")
    if row.total <= 0 or width <= 0:
        return text
    done, used = 0, 0
    for label in labels:
        done += row.counts.get(label.name, 0)
        end = round(width * done / row.total)
        if end > used:
            text.append("█" * (end - used), style=label.color)
            used = end
    text.append("░" * (width - used), style="dim")
    return text


def row_name(row: Row) -> str:
    return "  " * row.indent + (REVIEWED if row.reviewed else "") + row.name


def stats_table(rows: list[Row], labels, first: str, width: int) -> Table:
    """The table for `width` cells."""
    shares = [f"{row.labelled}/{row.total}" if row.total else "–" for row in rows]
    done_width = max(len("done"), *(len(s) for s in shares))
    count_widths = [
        max(cell_len(label.display), *(len(str(row.counts.get(label.name, 0))) for row in rows)) for label in labels
    ]
    columns = 3 + len(count_widths)
    flex = max(0, width - done_width - sum(count_widths) - (columns - 1))
    longest = max(cell_len(first), *(cell_len(row_name(row)) for row in rows))
    bar_width = max(BAR_MIN, min(BAR_MAX, flex * 2 // 5))
    if longest < flex - bar_width:  # names need less: the bar takes the rest
        bar_width = min(BAR_MAX, flex - longest)
    name_width = max(4, flex - bar_width)

    table = Table(box=None, pad_edge=False, show_edge=False, padding=(0, 1, 0, 0), expand=False)
    table.add_column(first, width=name_width, no_wrap=True)
    table.add_column("done", justify="right", width=done_width, no_wrap=True)
    table.add_column("distribution", width=bar_width, no_wrap=True)
    for label, w in zip(labels, count_widths, strict=True):
        table.add_column(Text(label.display, style=label.color), justify="right", width=w, no_wrap=True)
    for row, share in zip(rows, shares, strict=True):
        name = Text(truncate(row_name(row), name_width), style="bold" if row.indent == 0 else "")
        if row.reviewed:
            start = 2 * row.indent
            name.stylize("bold green", start, start + 1)
        table.add_row(
            name, share, bar(row, labels, bar_width), *[str(row.counts.get(label.name, 0)) for label in labels]
        )
    return table


class StatsTable(Widget):
    """The rows as a table sized to this widget's width."""

    DEFAULT_CSS = "StatsTable { height: auto; }"

    def __init__(self, rows: list[Row], labels, first: str) -> None:
        super().__init__()
        self.rows, self.labels, self.first = rows, labels, first

    def render(self) -> Table:
        return stats_table(self.rows, self.labels, self.first, self.content_region.width or 80)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.rows) + 1


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
        legend = Text("  ").join(
            Text.assemble(("█", label.color), f" {label.display} {label.name}") for label in labels
        )
        if self.first == "section":
            legend.append(f"   {REVIEWED}reviewed", style="dim")
        with VerticalScroll(classes="panel", id="stats"):
            yield Static(Text.assemble((self.heading, "bold"), "   Esc closes"))
            yield Static(
                Text.assemble(
                    f"Labelled {overall.labelled}/{overall.total} ({share:.0%})  ",
                    bar(overall, labels, 24),
                )
            )
            yield Static(legend, classes="legend")
            yield StatsTable(self.rows, labels, self.first)
