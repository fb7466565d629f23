"""A base for the modal screens: a centred panel closed by Escape, q or the key that opened it.

The screen around the panel is opaque: a translucent one makes Textual blend every cell of the
screen beneath each time the panel repaints (a quarter of a second for a full reading screen).
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding
from textual.screen import ModalScreen


class Panel(ModalScreen):
    DEFAULT_CSS = """
    Panel { align: center middle; background: $background; }
    Panel > .panel { width: 90%; max-width: 110; height: 90%; border: round $accent;
                     background: $surface; padding: 0 1; }
    """
    BINDINGS: ClassVar[list] = [
        Binding("escape,q", "dismiss", "Close", id="panel.close"),
    ]

    def action_dismiss(self, result=None) -> None:
        self.dismiss(result)
