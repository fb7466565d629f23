"""The note editor: one line of free text attached to the current sentence (Enter saves)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class NoteScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    NoteScreen { align: center middle; background: $background 60%; }
    NoteScreen > Vertical { width: 80%; max-width: 100; height: auto; border: round $accent;
                            background: $surface; padding: 0 1; }
    NoteScreen .title { width: 1fr; }
    NoteScreen .sentence { color: $text-muted; margin-bottom: 1; height: auto; max-height: 8; }
    """
    BINDINGS: ClassVar[list] = [Binding("escape", "cancel", "Cancel", id="note.cancel")]
    AUTO_FOCUS = "#note"

    def __init__(self, sentence: str, note: str) -> None:
        super().__init__()
        self.sentence = sentence
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Note on this sentence (Enter saves, an empty note removes it, Esc cancels)", classes="title")
            with VerticalScroll(classes="sentence"):
                yield Static(self.sentence, markup=False)  # report text is not markup
            yield Input(self.note, placeholder="your note", id="note")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
