"""`?`: every binding of the active keymap (where, keys, what it does, its id), and the margin's legend.

The table is laid out for the panel's width: the action column takes what the others leave and
long explanations wrap onto a second line, so nothing is cut at 80 columns.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.keys import format_key
from textual.widgets import Static

from reader.tui.actions import all_specs
from reader.tui.screens.modal import Panel
from reader.tui.widgets.rows import RowTable

CONTEXT_TITLES = {"app": "everywhere", "reading": "reading", "library": "library", "indicators": "figures"}
MARGIN_LEGEND = (
    "Margin: T A P a label starts on this line (t a p: suggested) · │ ┆ it goes on · "
    "+ more sentences start on this line (their text colour shows their labels) · * a note · "
    "a sentence labelled clause by clause: each clause in its label's colour, the first in the margin"
)
CELL_PADDING = 2
"""DataTable pads each cell by one cell on either side."""
SCROLLBAR = 2


def key_text(keys: str) -> str:
    return ", ".join(format_key(k) for k in keys.split(",") if k)


class HelpTable(RowTable):
    """The key list."""

    DEFAULT_CSS = "HelpTable { height: 1fr; }"


class HelpScreen(Panel):
    AUTO_FOCUS = "#help-table"

    def compose(self) -> ComposeResult:
        keymap = self.app.config.keymap
        with Vertical(classes="panel"):
            yield Static(
                Text.assemble(
                    ("Keys", "bold"),
                    f"  — keymap “{keymap.name}”; every action is also in the command palette (ctrl+p). Esc closes.",
                )
            )
            yield Static(Text(MARGIN_LEGEND, style="dim"), classes="legend")
            yield HelpTable(id="help-table", cursor_type="row", zebra_stripes=True)

    def on_resize(self) -> None:
        self._fill(self.query_one(HelpTable))

    def _fill(self, table: HelpTable) -> None:
        keymap = self.app.config.keymap
        rows = [
            (CONTEXT_TITLES[spec.context], key_text(keymap.keys.get(spec.id, "")), spec.explanation, spec.id)
            for spec in all_specs(self.app.config.labels)
        ]
        where = max(cell_len(r[0]) for r in rows)
        keys = max(cell_len(r[1]) for r in rows)
        width = table.size.width or self.size.width
        action = max(20, width - where - keys - 3 * CELL_PADDING - SCROLLBAR)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_column("Where", width=where, key="where")
        table.add_column("Keys", width=keys, key="keys")
        table.add_column("Action · binding id", width=action, key="action")
        for context, key, explanation, binding_id in rows:
            cell = Text.assemble(explanation, "  ", (binding_id, "dim"))
            table.add_row(context, Text(key, style="bold"), cell, key=binding_id, height=None)
        table.move_cursor(row=min(row, table.row_count - 1))
