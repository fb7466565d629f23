"""Labels that need the annotator: orphans (their sentence is gone from the report) and labels whose
sentence was edited after labelling. From the list: Enter jumps to the place, `c` confirms a changed
label, `a` re-attaches an orphan to the sentence under the reading cursor, `d` deletes it (undoable
with `u` in the reading screen). Opened with `!` (`labels.attention`) from the reading screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.tui.screens.modal import Panel

if TYPE_CHECKING:
    from reader.labels import LabelRecord
    from reader.tui.screens.reading import ReadingScreen


class AttentionScreen(Panel):
    BINDINGS: ClassVar[list] = [
        Binding("escape,q,!", "dismiss", "Close", id="attention.close"),
        Binding("enter", "jump", "Jump there", id="attention.jump"),
        Binding("c", "confirm", "Confirm (edited)", id="attention.confirm"),
        Binding("a", "reattach", "Re-attach here (orphan)", id="attention.reattach"),
        Binding("d", "delete", "Delete", id="attention.delete"),
    ]
    AUTO_FOCUS = "OptionList"

    def __init__(self, reading: ReadingScreen) -> None:
        super().__init__()
        self.reading = reading
        self.records: list[LabelRecord] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="panel"):
            yield Static(id="attention-title")
            yield OptionList(id="attention-list")
            yield Static(
                "Enter jumps there · c confirms a changed label · a re-attaches an orphan to the sentence "
                "under the cursor · d deletes · Esc closes",
                classes="hint",
            )

    def on_mount(self) -> None:
        self._fill()

    def _fill(self, keep: int = 0) -> None:
        session = self.reading.session
        self.records = session.attention
        here = self.reading.document.sentences[self.reading.view.cursor]
        title = Text(f"{len(self.records)} label(s) to check in {self.reading.document.id}", style="bold")
        title.append(f" · cursor on: {''.join(here.text.split())[:30]}", style="dim")
        self.query_one("#attention-title", Static).update(title)
        options = []
        for r in self.records:
            kind = "orphan " if r.orphan else "edited "
            row = Text(kind, style="bold red" if r.orphan else "bold yellow")
            row.append(f"{r.label or 'note'}  " + ("clause " if r.is_clause else ""))
            labelled = r.clause_text if r.is_clause else r.labelled_text or r.text
            row.append("".join((labelled or "").split())[:60])
            if r.text_changed and not r.orphan:
                row.append(f"  → {''.join(r.unit_text.split())[:30]}", style="dim")
            options.append(Option(row))
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options(options)
        if options:
            listing.highlighted = min(keep, len(options) - 1)
        else:
            self.dismiss(None)

    def _current(self) -> LabelRecord | None:
        index = self.query_one(OptionList).highlighted
        return self.records[index] if index is not None and index < len(self.records) else None

    def action_jump(self) -> None:
        record = self._current()
        if record is not None:
            self.dismiss(None)
            self.reading.jump_to(self.reading.session.nearest_sentence(record))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_jump()

    def _do(self, call, *args) -> None:
        keep = self.query_one(OptionList).highlighted or 0
        self.reading._change(call, *args)
        self._fill(keep)

    def action_confirm(self) -> None:
        record = self._current()
        if record is None or record.orphan:
            self.notify("Only a label on an edited sentence is confirmed; re-attach an orphan with a")
            return
        clause = (record.clause_start, record.clause_end) if record.is_clause else None
        self._do(self.reading.session.confirm, self.reading.session.by_id[record.sentence], clause)

    def action_reattach(self) -> None:
        record = self._current()
        if record is None:
            return
        sentence = self.reading.document.sentences[self.reading.view.cursor]
        self._do(self.reading.session.reattach, record, sentence)

    def action_delete(self) -> None:
        record = self._current()
        if record is not None:
            self._do(self.reading.session.delete, record)
