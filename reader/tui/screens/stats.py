"""`s`: label distribution as bars — per outline entry and for the document, or per report and overall.

The table is laid out for the panel's width (re-laid out on resize): counts and the done column
keep their size, the bar and the names share the rest, names cut with "…". Rows are drawn only
when they scroll into view (a Line-API widget): a 3 MB report has ~3,000 outline rows, and a Rich
table of them all took seconds to render before the panel could open.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.cache import LRUCache
from textual.containers import Vertical
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

from reader.tui.screens.modal import Panel
from reader.tui.stats import Row
from reader.tui.widgets.status import truncate
from reader.tui.widgets.textstrip import text_strip

BAR_MAX = 40
BAR_MIN = 6
REVIEWED = "✓ "
GAP = 1


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


def share(row: Row) -> str:
    return f"{row.labelled}/{row.total}" if row.total else "–"


@dataclass(frozen=True, slots=True)
class Columns:
    """Column widths of the table at one width."""

    name: int
    done: int
    bar: int
    counts: tuple[int, ...]


def columns_for(rows: list[Row], labels, first: str, width: int) -> Columns:
    """Widths for `width` cells: counts and "done" as wide as their longest entry, then the bar
    and the names share the rest (names first up to their longest)."""
    done = max(len("done"), *(len(share(row)) for row in rows))
    counts = tuple(
        max(cell_len(label.display), *(len(str(row.counts.get(label.name, 0))) for row in rows)) for label in labels
    )
    flex = max(0, width - done - sum(counts) - (2 + len(counts)) * GAP)
    longest = cell_len(first)
    for row in rows:  # the longest name, up to what could matter
        longest = max(longest, 2 * row.indent + len(REVIEWED) * row.reviewed + cell_len(row.name))
        if longest >= flex:
            break
    bar_width = max(BAR_MIN, min(BAR_MAX, flex * 2 // 5))
    if longest < flex - bar_width:  # names need less: the bar takes the rest
        bar_width = min(BAR_MAX, flex - longest)
    return Columns(max(4, flex - bar_width), done, bar_width, counts)


def header_line(columns: Columns, labels, first: str) -> Text:
    text = Text(no_wrap=True, end="", style="bold")
    text.append(truncate(first, columns.name).ljust(columns.name) + " " * GAP)
    text.append("done".rjust(columns.done) + " " * GAP)
    text.append("distribution".ljust(columns.bar)[: columns.bar])
    for label, width in zip(labels, columns.counts, strict=True):
        text.append(" " * GAP)
        text.append(" " * (width - cell_len(label.display)) + label.display, style=label.color)
    return text


def row_line(row: Row, columns: Columns, labels) -> Text:
    text = Text(no_wrap=True, end="")
    name = truncate(row_name(row), columns.name)
    start = len(text)
    text.append(name + " " * (columns.name - cell_len(name)), style="bold" if row.indent == 0 else "")
    if row.reviewed and len(name) > 2 * row.indent:
        text.stylize("bold green", start + 2 * row.indent, start + 2 * row.indent + 1)
    text.append(" " * GAP + share(row).rjust(columns.done) + " " * GAP)
    text.append_text(bar(row, labels, columns.bar))
    for label, width in zip(labels, columns.counts, strict=True):
        text.append(" " * GAP + str(row.counts.get(label.name, 0)).rjust(width))
    return text


def stats_lines(rows: list[Row], labels, first: str, width: int) -> list[Text]:
    """The whole table at `width` cells: the header, then one line per row."""
    columns = columns_for(rows, labels, first, width)
    return [header_line(columns, labels, first), *(row_line(row, columns, labels) for row in rows)]


class StatsTable(ScrollView, can_focus=True):
    """The rows, one line each, rendered only when in view; the header stays above them."""

    DEFAULT_CSS = "StatsTable { height: 1fr; overflow-x: hidden; scrollbar-size-vertical: 1; }"
    BINDINGS: ClassVar[list] = [
        ("down,j", "scroll_down", "Down"),
        ("up,k", "scroll_up", "Up"),
        ("pagedown", "page_down", "Page down"),
        ("pageup", "page_up", "Page up"),
        ("home", "scroll_home", "Top"),
        ("end", "scroll_end", "Bottom"),
    ]

    def __init__(self, rows: list[Row], labels, first: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows, self.labels, self.first = rows, list(labels), first
        self.columns: Columns | None = None
        self._lines: LRUCache[int, Strip] = LRUCache(256)

    def on_resize(self) -> None:
        width = max(1, (self.size.width or 80) - 1)  # the vertical scrollbar's column is kept free
        self.columns = columns_for(self.rows, self.labels, self.first, width)
        self._lines.clear()
        self.virtual_size = Size(width, len(self.rows) + 1)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = max(1, self.size.width - 1)
        if self.columns is None:
            return Strip.blank(width)
        index = y if y == 0 else y + round(self.scroll_y)
        strip = self._lines.get(index)
        if strip is None:
            if index == 0:
                text = header_line(self.columns, self.labels, self.first)
            elif index <= len(self.rows):
                text = row_line(self.rows[index - 1], self.columns, self.labels)
            else:
                return Strip.blank(width, self.rich_style)
            strip = self._lines[index] = text_strip(text, self.rich_style, width)
        return strip

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.refresh()

    def line_text(self, y: int) -> str:
        """The plain text of row `y` (0: the header) as drawn at the current width (for tests)."""
        if self.columns is None:
            return ""
        if y == 0:
            return header_line(self.columns, self.labels, self.first).plain
        return row_line(self.rows[y - 1], self.columns, self.labels).plain


class StatsScreen(Panel):
    AUTO_FOCUS = "#stats-table"

    def __init__(self, title: str, overall: Row, rows: list[Row], first: str = "section") -> None:
        super().__init__()
        self.heading = title
        self.overall = overall
        self.rows = rows
        self.first = first

    def compose(self) -> ComposeResult:
        labels = self.app.config.labels
        overall = self.overall
        ratio = overall.labelled / overall.total if overall.total else 0
        legend = Text("  ").join(
            Text.assemble(("█", label.color), f" {label.display} {label.name}") for label in labels
        )
        if self.first == "section":
            legend.append(f"   {REVIEWED}reviewed", style="dim")
        with Vertical(classes="panel", id="stats"):
            yield Static(Text.assemble((self.heading, "bold"), "   Esc closes"))
            yield Static(
                Text.assemble(f"Labelled {overall.labelled}/{overall.total} ({ratio:.0%})  ", bar(overall, labels, 24))
            )
            yield Static(legend, classes="legend")
            yield StatsTable(self.rows, labels, self.first, id="stats-table")
