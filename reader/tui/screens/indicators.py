"""`i`: the report's figures as a table — indicator, target, last year's outcome, source.

Each headline target (★) sits beside the outcome the report states for the same indicator last year;
then the other outcomes, then the other targets. The cursor is on a cell: the target or the outcome
column picks that record. Enter jumps to its sentence, `e` corrects it (`CorrectionScreen`), `x`
says it is not an indicator (again: it is one), backspace drops your correction, `u` undoes. A
corrected figure ends in ✎; a clause marked not an indicator is struck out (and left out of
`reader indicators` and exports). Keys come from the keymap (context "indicators").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from reader.indicators.model import figure
from reader.tui.actions import bindings_for
from reader.tui.keymap import default_keymap
from reader.tui.screens.modal import Panel

if TYPE_CHECKING:
    from reader.indicators.corrections import Row
    from reader.indicators.view import TableRow
    from reader.tui.indicators import Indicators

COLUMNS = ("indicator", "target", "last year's outcome", "source")
NARROW_COLUMNS = ("indicator", "target", "last year", "source")
TARGET, OUTCOME = 1, 2
FIGURE_WIDTH = 19
"""Cells for a figure column (its title, 力争保持正增长 and 6.2%左右 ✎ fit); the indicator takes the rest."""
NARROW_FIGURE_WIDTH = 14
"""In a narrow panel (80 columns), so that the indicator keeps NAME_WIDTH cells."""
NAME_WIDTH = 24
SOURCE_WIDTH = 9
REJECTED = "rejected"
CELL_PADDING = 2
SCROLLBAR = 2
CORRECTED_MARK = " ✎"
HEADLINE_MARK = "★ "


def cell(row: Row | None) -> Text:
    """A record's figure as the table shows it (✎ when corrected, struck out when rejected)."""
    if row is None:
        return Text("")
    r = row.record
    text = Text(figure(r.value, r.unit, r.qualifier) or r.text, no_wrap=True, overflow="ellipsis")
    if row.rejected:
        text.stylize("strike dim")
    elif row.source == "corrected":
        text.append(CORRECTED_MARK, style="bold")
    return text


def source_cell(table_row: TableRow) -> Text:
    rows = table_row.rows
    if all(r.rejected for r in rows):
        return Text(REJECTED, style="dim")
    sources = {r.source for r in rows if not r.rejected}
    return Text(sources.pop() if len(sources) == 1 else "mixed", style="bold" if "corrected" in sources else "")


class IndicatorTable(DataTable):
    DEFAULT_CSS = "IndicatorTable { height: 1fr; }"


class IndicatorsScreen(Panel):
    CONTEXT = "indicators"
    AUTO_FOCUS = "IndicatorTable"
    BINDINGS: ClassVar[list] = bindings_for("indicators", (), default_keymap().keys)
    DEFAULT_CSS = """
    IndicatorsScreen > .panel { width: 96%; max-width: 120; }
    IndicatorsScreen #indicators-title { height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    IndicatorsScreen #indicators-info { height: auto; max-height: 3; color: $text-muted; }
    IndicatorsScreen .hint { height: auto; color: $text-muted; }
    """

    def __init__(self, indicators: Indicators) -> None:
        super().__init__()
        self.indicators = indicators
        self.rows: list[TableRow] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="panel"):
            yield Static(id="indicators-title")
            yield IndicatorTable(id="indicators-table", cursor_type="cell", zebra_stripes=True)
            yield Static(id="indicators-info")
            yield Static(self._hint(), classes="hint")

    def _keys(self, binding_id: str) -> str:
        from textual.keys import format_key

        keys = self.app.config.keymap.keys.get(binding_id, "")
        return "/".join(format_key(k) for k in keys.split(",") if k) or "?"

    def _hint(self) -> Text:
        parts = [
            (self._keys("indicators.jump"), "jump to the sentence"),
            (self._keys("indicators.correct"), "correct"),
            (self._keys("indicators.reject"), "not an indicator"),
            (self._keys("indicators.restore"), "drop your correction"),
            (self._keys("indicators.undo"), "undo"),
            (self._keys("indicators.close"), "close"),
        ]
        hint = Text(no_wrap=False)
        for i, (key, what) in enumerate(parts):
            hint.append(("· " if i else "") + key, style="bold")
            hint.append(f" {what} ")
        return hint

    def on_mount(self) -> None:
        self.indicators.panel = self
        self.query_one("#indicators-title", Static).update(
            Text(f"Finding the figures of {self.indicators.screen.doc_id}…", style="bold")
        )
        self.indicators.when_ready(self.refill)

    def on_unmount(self) -> None:
        if self.indicators.panel is self:
            self.indicators.panel = None

    def on_resize(self) -> None:
        if self.rows:
            self.refill()

    # --- the table ------------------------------------------------------------------------------
    def refill(self) -> None:
        """(Re)build the table from the figures as they are now, keeping the cursor's place."""
        view = self.indicators.view
        table = self.query_one(IndicatorTable)
        if view is None:
            self.query_one("#indicators-title", Static).update(
                Text(f"No figures: {self.indicators.error or 'not found'}", style="bold red")
            )
            return
        self.rows = view.table()
        where = table.cursor_coordinate if table.row_count else None
        room = (table.size.width or self.size.width) - SOURCE_WIDTH - len(COLUMNS) * CELL_PADDING - SCROLLBAR
        figures, titles = FIGURE_WIDTH, COLUMNS
        if room - 2 * figures < NAME_WIDTH:
            figures, titles = NARROW_FIGURE_WIDTH, NARROW_COLUMNS
        name = max(12, room - 2 * figures)
        table.clear(columns=True)
        for title, size in zip(titles, (name, figures, figures, SOURCE_WIDTH), strict=True):
            table.add_column(title, width=size)
        for i, t in enumerate(self.rows):
            head = t.target is not None and t.target.record.headline
            label = Text(HEADLINE_MARK if head else "  ", style="bold")
            label.append(t.indicator)
            label.no_wrap, label.overflow = True, "ellipsis"
            table.add_row(label, cell(t.target), cell(t.outcome), source_cell(t), key=str(i))
        self._title(view)
        if self.rows:
            if where is None:
                table.move_cursor(row=0, column=TARGET if self.rows[0].target else OUTCOME)
            else:
                table.move_cursor(row=min(where.row, len(self.rows) - 1), column=where.column)
        self._show_info()

    def _title(self, view) -> None:
        records = view.records
        headline = sum(1 for r in records if r.headline)
        outcomes = sum(1 for r in records if r.kind == "outcome")
        title = Text(f"Figures of {view.document.id}", style="bold")
        if not records:
            title.append(" — no figures: no target or achievement sentence states a quantity")
        else:
            title.append(
                f" — {headline} headline targets, {outcomes} outcomes, {len(records) - headline - outcomes} other"
            )
            if not headline:
                title.append(" · no main targets paragraph (…主要预期目标是：…) found")
        corrected = sum(1 for r in view.rows if r.correction is not None)
        if corrected:
            title.append(f" · {view.annotator}'s corrections: {corrected}", style="bold")
        title.no_wrap, title.overflow = True, "ellipsis"
        self.query_one("#indicators-title", Static).update(title)

    # --- the selected record --------------------------------------------------------------------
    def selected(self) -> Row | None:
        """The record under the cursor: its column's, else the row's only (or first) one."""
        table = self.query_one(IndicatorTable)
        if not self.rows or not table.row_count:
            return None
        t = self.rows[min(table.cursor_row, len(self.rows) - 1)]
        picked = {TARGET: t.target, OUTCOME: t.outcome}.get(table.cursor_column)
        return picked or (t.rows[0] if t.rows else None)

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        event.stop()
        self._show_info()

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.action_jump()

    def _show_info(self) -> None:
        row = self.selected()
        info = Text(no_wrap=False)
        if row is not None:
            r = row.record
            info.append(f"{r.kind}{' ★' if r.headline else ''}", style="bold")
            info.append(f" · line {r.line}" + (f" · {r.year}" if r.year else "") + f" · {r.indicator}")
            info.append(f" {r.measure}" if r.measure else "")
            info.append(f" · {r.text}", style="italic")
            if row.rejected:
                info.append(" · you said: not an indicator", style="bold")
            elif row.correction is not None and row.extracted is not None:
                was = row.extracted
                info.append(f" · extractor read {figure(was.value, was.unit, was.qualifier) or '—'}", style="dim")
        self.query_one("#indicators-info", Static).update(info)

    # --- actions --------------------------------------------------------------------------------
    def action_close(self) -> None:
        self.dismiss(None)

    def action_cursor(self, delta: int) -> None:
        table = self.query_one(IndicatorTable)
        (table.action_cursor_down if delta > 0 else table.action_cursor_up)()

    def action_jump(self) -> None:
        row = self.selected()
        if row is None or row.sentence is None:
            return
        reading = self.indicators.screen
        self.dismiss(None)
        reading.jump_to(row.sentence)

    def action_correct(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.rejected:
            self.notify(f"Marked not an indicator: {self._keys('indicators.reject')} makes it one again first")
            return
        if not self.indicators.screen._writable():
            return
        from reader.tui.screens.correction import CorrectionScreen

        def save(values) -> None:
            if values is not None:
                self.indicators.correct(row, values)

        self.app.push_screen(CorrectionScreen(row), save)

    def action_reject(self) -> None:
        row = self.selected()
        if row is not None:
            self.indicators.reject(row)

    def action_restore(self) -> None:
        row = self.selected()
        if row is not None:
            self.indicators.restore(row)

    def action_undo(self) -> None:
        self.indicators.screen.action_undo()
