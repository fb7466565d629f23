"""`?`: every binding of the active keymap (id, keys, what it does), grouped by where it applies."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.keys import format_key
from textual.widgets import DataTable, Static

from reader.tui.actions import all_specs
from reader.tui.screens.modal import Panel
from reader.tui.widgets.rows import RowTable

CONTEXT_TITLES = {"app": "everywhere", "reading": "reading", "library": "library"}


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
            table = HelpTable(id="help-table", cursor_type="row", zebra_stripes=True)
            self._fill(table)
            yield table

    def _fill(self, table: DataTable) -> None:
        keymap = self.app.config.keymap
        table.add_columns("Where", "Keys", "Action", "Binding id")
        for spec in all_specs(self.app.config.labels):
            table.add_row(
                CONTEXT_TITLES[spec.context],
                Text(key_text(keymap.keys.get(spec.id, "")), style="bold"),
                spec.explanation,
                Text(spec.id, style="dim"),
                key=spec.id,
            )
