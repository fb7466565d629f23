"""The filter dialog: which sentences the movement keys visit (Enter picks, Esc keeps the current one).

Each entry shows how many sentences it keeps right now; the first entry shows every sentence again.
Returns the chosen filter's key, "" for every sentence, or None (cancelled).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.tui.filters import Filter

ALL = ""
"""The key of "every sentence" (no filter)."""


class FilterScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    FilterScreen { align: center middle; background: $background 60%; }
    FilterScreen > Vertical { width: 60; max-width: 90%; height: auto; max-height: 90%;
                              border: round $accent; background: $surface; padding: 0 1; }
    FilterScreen OptionList { height: auto; max-height: 16; border: none; padding: 0; }
    """
    BINDINGS: ClassVar[list] = [Binding("escape", "cancel", "Cancel", id="filter.cancel")]
    AUTO_FOCUS = "OptionList"

    def __init__(self, choices: list[tuple[Filter, int]], current: str, total: int) -> None:
        super().__init__()
        self.choices = choices
        self.current = current
        self.total = total

    def compose(self) -> ComposeResult:
        options = [Option(self._row("every sentence", self.total, self.current == ALL), id="=" + ALL)]
        options += [
            Option(self._row(f.title, count, self.current == f.key), id="=" + f.key) for f, count in self.choices
        ]
        with Vertical():
            yield Static("Show and visit only… (Enter picks, Esc cancels)")
            option_list = OptionList(*options)
            keys = [ALL] + [f.key for f, _ in self.choices]
            option_list.highlighted = keys.index(self.current) if self.current in keys else 0
            yield option_list

    @staticmethod
    def _row(title: str, count: int, current: bool) -> Text:
        row = Text("● " if current else "  ")
        row.append(title)
        row.append(f"  {count}", style="dim")
        return row

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss((event.option.id or "=").removeprefix("="))

    def action_cancel(self) -> None:
        self.dismiss(None)
