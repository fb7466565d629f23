"""A base for the modal screens: a centred panel closed by Escape, q or the key that opened it."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding
from textual.screen import ModalScreen


class Panel(ModalScreen):
    DEFAULT_CSS = """
    Panel { align: center middle; background: $background 60%; }
    Panel > .panel { width: 90%; max-width: 110; height: 90%; border: round $accent;
                     background: $surface; padding: 0 1; }
    """
    BINDINGS: ClassVar[list] = [
        Binding("escape,q", "dismiss", "Close", id="panel.close"),
    ]

    def action_dismiss(self, result=None) -> None:
        self.dismiss(result)
