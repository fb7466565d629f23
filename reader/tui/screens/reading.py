"""The reading screen: outline beside the reflowed text, a sentence cursor and one-key labels.

The screen owns every binding (ids in `reader.tui.actions`) and every store call: the document
view only draws and posts `CursorMoved` / `TopChanged`. Each label key is stored before the
screen repaints; a read-only store is shown in a banner and label keys are refused.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static

from reader.errors import ReaderError
from reader.tui.actions import bindings_for
from reader.tui.sections import SectionIndex, Tally
from reader.tui.widgets.document_view import DocumentView
from reader.tui.widgets.keybar import KeyBar
from reader.tui.widgets.outline import Outline
from reader.tui.widgets.status import HintLine, StatusBar

POSITION_DEBOUNCE = 0.6
OPEN_AT_ONCE_BYTES = 512 * 1024
"""A cached report up to this size is shown in the first frame (unpickling and wrapping it take a
few ms); a larger one, or one the pipeline must process, loads in a worker behind "Opening…"."""
SUGGEST_AFTER = 0.3
"""Seconds between the report's first frame and starting its suggestions (they take seconds anyway)."""
RETRAIN_EVERY = 20
"""After this many new labels in a session the model retrains in a worker and suggestions refresh."""


class ReaderDocumentView(DocumentView, inherit_bindings=False):
    """The document view without ScrollView's own arrow/page bindings: the screen owns all keys."""


class ReadingScreen(Screen):
    """One report. Subclassed per label set by `reading_screen_class` (label bindings differ)."""

    CONTEXT = "reading"
    AUTO_FOCUS = "ReaderDocumentView"

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = Path(path)
        self.document = None
        self.index: SectionIndex | None = None
        self.tally: Tally | None = None
        """Figures per outline entry and for the document, kept up to date label by label."""
        self.labels: dict[str, str] = {}
        self.notes: dict[str, str] = {}
        self.reviewed: set[tuple[str, ...]] = set()
        self.suggestions: dict[str, tuple[str, float]] = {}
        self.margins: dict[str, float] = {}
        """How sure the suggester is of each sentence (top minus runner-up probability)."""
        self.suggestions_visible = True
        self._new_labels = 0
        self.read_only_reason: str | None = None
        self.last_state = ("", "")
        self._ids: dict[str, int] = {}
        self._position_timer: Timer | None = None
        self._section = ""
        self._search_count: int | None = None
        self._cursor = 0
        """The cursor as last reported by the view (still known after the view is gone)."""

    # -- shortcuts -------------------------------------------------------------------------------
    @property
    def store(self):
        return self.app.store

    @property
    def config(self):
        return self.app.config

    @property
    def annotator(self) -> str:
        return self.app.config.annotator

    @property
    def view(self) -> ReaderDocumentView:
        return self.query_one(ReaderDocumentView)

    @property
    def doc_id(self) -> str:
        return self.document.id if self.document is not None else self.path.stem

    # -- layout ----------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # Docked, bottom up: the key bar, the status bar, the hint line; then the outline on the
        # left and the text in what remains (no container: each widget costs start-up time).
        yield KeyBar()
        yield StatusBar(id="status")
        yield HintLine(id="hint")
        yield Outline(id="outline")
        yield ReaderDocumentView(labelset=self.config.labels, id="document")

    def on_mount(self) -> None:
        self.title = self.path.stem
        self.query_one("#status", StatusBar).update(f"Opening {self.path.name}…")
        # A cached report of ordinary size opens in the first frame; others load in a worker.
        document = self.app.documents.cached(self.path, OPEN_AT_ONCE_BYTES)
        if document is not None:
            self._show(*self._stored_state(document))
        else:
            self.load_document()

    @work(thread=True, exclusive=True, group="load")
    def load_document(self) -> None:
        try:
            document = self.app.documents.load(self.path)
        except ReaderError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._show, *self._stored_state(document))

    def _stored_state(self, document) -> tuple:
        """What `_show` needs from the store for `document` (re-attaching its labels first)."""
        store = self.store
        reason = store.read_only_reason or store.doc_read_only_reason(document.id)
        if reason is None:
            # On failure the labels stay as stored; reattach is retried on the next open.
            with contextlib.suppress(ReaderError):
                store.reattach(document, self.annotator)
        records = store.doc_labels(document.id, self.annotator, include_notes=True)
        reviewed = {tuple(r["section"]) for r in store.reviewed(document.id, self.annotator)}
        position = store.get_position(document.id, self.annotator)
        return document, records, reviewed, position, reason

    def _failed(self, message: str) -> None:
        self.app.notify(message, title="Cannot open the report", severity="error", timeout=8)
        self.query_one("#status", StatusBar).update(message)

    def _show(self, document, records, reviewed, position, reason) -> None:
        self.document = document
        self.index = SectionIndex(document)
        self._ids = {s.id: s.index for s in document.sentences}
        self.labels = {sid: r["label"] for sid, r in records.items() if r.get("label")}
        self.tally = Tally(self.index, self.labels)
        self.notes = {sid: r["note"] for sid, r in records.items() if r.get("note")}
        self.reviewed = reviewed
        self.read_only_reason = reason
        cursor = self._ids.get(position or "", self._first_sentence())
        view = self.view
        self._cursor = cursor
        view.load(document, self.labels, cursor)
        view.set_notes(set(self.notes))
        self.query_one(Outline).build(self.tally, self.config.labels, self.reviewed)
        self._show_banner()
        self._locate(cursor)
        view.focus()
        if self.config.suggestions:
            # after the report is on screen: the `reader suggest` process would compete with the
            # first frame for the CPU
            self.call_after_refresh(self.set_timer, SUGGEST_AFTER, self.load_suggestions)

    def _first_sentence(self) -> int:
        for sentence in self.document.sentences:
            if sentence.kind != "heading":
                return sentence.index
        return 0

    def _show_banner(self) -> None:
        """The READ-ONLY banner above the text (made when first needed: not part of most frames)."""
        found = self.query("#banner")
        if self.read_only_reason and not found:
            banner = Static(id="banner")
            self.mount(banner, before=self.query_one(Outline))
        elif found:
            banner = found.first(Static)
        else:
            banner = None
        if banner is not None:
            banner.update(Text(f"READ-ONLY: {self.read_only_reason}") if self.read_only_reason else "")
            banner.display = bool(self.read_only_reason)
        self.query_one(StatusBar).set_class(bool(self.read_only_reason), "-read-only")
        self.refresh_bindings()

    @property
    def active_bindings(self):
        """As Textual's, with the keys that write shown disabled in the footer of a read-only store.

        They still run (and say why nothing was stored): only the footer's advertising changes.
        """
        bindings = super().active_bindings
        if not self.read_only_reason:
            return bindings
        return {
            key: active._replace(enabled=False) if _writes(active.binding.id) else active
            for key, active in bindings.items()
        }

    # -- status and outline ----------------------------------------------------------------------
    def _locate(self, cursor: int) -> None:
        """Highlight the section of sentence `cursor` and redraw the status bar."""
        if self.index is None:
            return
        heading = self.index.innermost[cursor] if cursor < len(self.index.innermost) else None
        self.query_one(Outline).show_heading(heading)
        self._section = self.index.headings[heading].title if heading is not None else ""
        self._update_status()

    def _update_status(self) -> None:
        if self.document is None:
            return
        progress = self.tally.whole
        cursor = self.view.cursor
        total = len(self.document.sentences)
        counts = [(label.display, progress.counts.get(label.name, 0), label.color) for label in self.config.labels]
        if self.read_only_reason:
            state, style = "READ-ONLY", "bold red"
        else:
            state, style = self.last_state if self.last_state[0] else ("saved ✓", "green")
        self.query_one(StatusBar).show(
            doc=self.document.id,
            section=self._section,
            position=f"{cursor + 1}/{total}",
            labelled=f"{progress.labelled}/{progress.total} labelled",
            counts=counts,
            annotator=self.annotator,
            state=state,
            state_style=style,
        )
        self.query_one(HintLine).show(self._hint(cursor))

    def _hint(self, cursor: int) -> Text:
        """The hint line: search matches, the current sentence's suggestion and how sure it is."""
        hint = Text(no_wrap=True, overflow="ellipsis")
        if self._search_count is not None:
            count = self._search_count
            hint.append(f"{count} match{'es' if count != 1 else ''} (n/N next, Esc clears)  ")
        sentence = self.document.sentences[cursor]
        suggestion = self.suggestions.get(sentence.id) if self.suggestions_visible else None
        if suggestion and sentence.kind != "heading" and not self.labels.get(sentence.id):
            name, score = suggestion
            label = self.config.labels.get(name)
            hint.append("suggests ")
            hint.append(label.display if label else "no label", style=label.color if label else "")
            hint.append(f" {score:.0%}")
            margin = self.margins.get(sentence.id)
            if margin is not None:
                hint.append(f" · {sureness(margin)} (margin {margin:.0%})")
            if label and not self.read_only_reason:
                hint.append(f" · {self._keys('suggestion.accept')} accepts", style="dim")
            hint.append(f" · {self._keys('suggestion.next_uncertain')} least sure next", style="dim")
        return hint

    def _keys(self, binding_id: str) -> str:
        return self.config.keymap.keys.get(binding_id, "").split(",")[0] or binding_id

    @on(DocumentView.CursorMoved)
    def _cursor_moved(self, event) -> None:
        event.stop()
        self._cursor = event.index
        self._locate(event.index)
        if self._position_timer is not None:
            self._position_timer.stop()
        self._position_timer = self.set_timer(POSITION_DEBOUNCE, self._save_position)

    @on(DocumentView.TopChanged)
    def _top_changed(self, event) -> None:
        event.stop()
        if self.index is not None:
            self.query_one(Outline).show_heading(self.index.heading_at_offset(event.offset))

    @on(Outline.Selected)
    def _outline_selected(self, event) -> None:
        event.stop()
        if self.index is None:
            return
        self.action_outline_full(False)
        self.view.scroll_to_offset(self.index.headings[event.index].start)
        self.view.focus()

    def _save_position(self) -> None:
        if self.document is None:
            return
        # A position is a convenience: never interrupt reading for it.
        with contextlib.suppress(ReaderError, OSError):
            sentence = self.document.sentences[self._cursor]
            self.store.set_position(self.document.id, self.annotator, sentence.id)

    def on_unmount(self) -> None:
        if self._position_timer is not None:
            self._position_timer.stop()
        self._save_position()

    # -- moving ----------------------------------------------------------------------------------
    def check_action(self, action: str, parameters) -> bool | None:
        if self.document is None and action not in ("close",):
            return None  # still loading: shown, not runnable
        return True

    def action_move(self, delta: int) -> None:
        outline = self.query_one(Outline)
        if outline.has_class("-full"):  # j/k walk the outline while it is all there is
            (outline.action_cursor_down if delta > 0 else outline.action_cursor_up)()
            return
        self.view.move_cursor(delta)

    def action_page(self, direction: int) -> None:
        self.view.page(direction)

    def action_edge(self, direction: int) -> None:
        self.view.set_cursor(len(self.document.sentences) - 1 if direction > 0 else 0)

    def action_section(self, direction: int) -> None:
        index = self.index
        if not index or not index.headings:
            return
        cursor = self.view.cursor
        offset = self.document.sentences[cursor].start
        starts = [h.start for h in index.headings]
        if direction > 0:
            targets = [i for i, start in enumerate(starts) if start > offset]
            if not targets:
                self.notify("This is the last section")
                return
            target = targets[0]
        else:
            current = index.heading_at_offset(offset)
            target = None
            if current is not None:
                first = index.sentence_of_heading[current]
                target = current if cursor > first else (current - 1 if current > 0 else None)
            if target is None:
                self.view.set_cursor(0)
                return
        self.view.set_cursor(index.sentence_of_heading[target])

    def _find(self, start: int, direction: int, predicate) -> int | None:
        sentences = self.document.sentences
        i = start + direction
        while 0 <= i < len(sentences):
            if predicate(sentences[i]):
                return i
            i += direction
        return None

    def action_next_unlabelled(self) -> None:
        found = self._find(self.view.cursor, 1, lambda s: s.kind != "heading" and s.id not in self.labels)
        if found is None:
            self.notify("No unlabelled sentence after this one")
        else:
            self.view.set_cursor(found)

    # -- labels ----------------------------------------------------------------------------------
    def _writable(self) -> bool:
        if self.read_only_reason:
            self.notify(self.read_only_reason, title="Read-only: nothing was stored", severity="error")
            return False
        return True

    def _store_call(self, call, *args, **kwargs):
        """Run a store write; on failure say so (nothing pretends to be saved) and return None."""
        from reader.store.errors import ReadOnlyStore

        try:
            result = call(*args, **kwargs)
        except ReadOnlyStore as exc:
            self.read_only_reason = str(exc)
            self._show_banner()
            self.notify(str(exc), title="Read-only: nothing was stored", severity="error")
            self._update_status()
            raise _NotStored from None
        except (ReaderError, OSError) as exc:
            self.last_state = ("NOT SAVED", "bold red")
            self.notify(f"{exc}", title="The change was not stored", severity="error", timeout=8, markup=False)
            self._update_status()
            raise _NotStored from None
        self.last_state = ("saved ✓", "green")
        return result

    def _apply(self, changes: dict[str, str | None]) -> None:
        """Show label changes that the store now holds: view, outline counts, status bar."""
        touched: set[int] = set()
        for sid, label in changes.items():
            touched.update(self.tally.set(sid, label))
            if label:
                self.labels[sid] = label
            else:
                self.labels.pop(sid, None)
        self.view.set_labels(changes)
        self.query_one(Outline).refresh_headings(touched)
        self._update_status()

    def _sentence(self):
        sentence = self.document.sentences[self.view.cursor]
        if sentence.kind == "heading":
            self.notify("Headings are not labelled; move to a sentence (j/k)")
            return None
        return sentence

    def action_label(self, name: str) -> None:
        if not self._writable() or (sentence := self._sentence()) is None:
            return
        try:
            if self.labels.get(sentence.id) == name:
                self._store_call(self.store.clear_label, self.document.id, sentence.id, annotator=self.annotator)
                self._apply({sentence.id: None})
            else:
                self._store_call(
                    self.store.set_label,
                    self.document.id,
                    sentence.id,
                    name,
                    annotator=self.annotator,
                    text=sentence.text,
                    section=sentence.section,
                    line=sentence.line,
                    start=sentence.start,
                    end=sentence.end,
                )
                self._apply({sentence.id: name})
                self._count_new_label()
        except _NotStored:
            return

    def action_clear_label(self) -> None:
        if not self._writable() or (sentence := self._sentence()) is None:
            return
        if sentence.id not in self.labels:
            return
        try:
            self._store_call(self.store.clear_label, self.document.id, sentence.id, annotator=self.annotator)
        except _NotStored:
            return
        self._apply({sentence.id: None})

    def _history(self, step: str) -> None:
        if not self._writable():
            return
        try:
            result = self._store_call(getattr(self.store, step))
        except _NotStored:
            return
        if result is None:
            self.notify(f"Nothing to {step}")
            return
        if result.doc != self.document.id or result.annotator != self.annotator:
            self.notify(f"{step.capitalize()}: a change in {result.doc}")
            return
        if result.kind == "review":
            (self.reviewed.add if result.record is not None else self.reviewed.discard)(result.section)
            outline = self.query_one(Outline)
            outline.reviewed = self.reviewed
            outline.refresh_headings(range(len(self.index.headings)))
            self.notify(f"{step.capitalize()}: {'reviewed' if result.record else 'not reviewed'}", timeout=2)
            self._update_status()
            return
        record = result.record
        sid = result.sentence
        if record is not None and record.note:
            self.notes[sid] = record.note
        else:
            self.notes.pop(sid, None)
        self.view.set_notes(set(self.notes))
        self._apply({sid: record.label if record else None})
        if sid in self._ids:
            self.view.set_cursor(self._ids[sid])
        label = record.label if record else None
        self.notify(f"{step.capitalize()}: {'label ' + label if label else 'no label'}", timeout=2)

    def action_undo(self) -> None:
        self._history("undo")

    def action_redo(self) -> None:
        self._history("redo")

    # -- notes and reviewed marks ---------------------------------------------------------------
    def action_edit_note(self) -> None:
        if not self._writable() or (sentence := self._sentence()) is None:
            return
        from reader.tui.screens.note import NoteScreen

        def save(note: str | None) -> None:
            if note is None:
                return
            try:
                self._store_call(
                    self.store.set_note,
                    self.document.id,
                    sentence.id,
                    note,
                    annotator=self.annotator,
                    text=sentence.text,
                    section=sentence.section,
                    line=sentence.line,
                    start=sentence.start,
                    end=sentence.end,
                )
            except _NotStored:
                return
            if note.strip():
                self.notes[sentence.id] = note.strip()
            else:
                self.notes.pop(sentence.id, None)
            self.view.set_notes(set(self.notes))
            self._update_status()
            self.notify("Note saved" if note.strip() else "Note removed", timeout=2)

        self.app.push_screen(NoteScreen(sentence.text, self.notes.get(sentence.id, "")), save)

    def action_toggle_reviewed(self) -> None:
        if not self._writable():
            return
        heading = self.index.section_for_review(self.view.cursor)
        path = tuple(self.index.headings[heading].path) if heading is not None else ()
        reviewed = path not in self.reviewed
        try:
            self._store_call(
                self.store.mark_reviewed, self.document.id, path or None, annotator=self.annotator, reviewed=reviewed
            )
        except _NotStored:
            return
        (self.reviewed.add if reviewed else self.reviewed.discard)(path)
        outline = self.query_one(Outline)
        outline.reviewed = self.reviewed
        if heading is not None:
            outline.refresh_headings([heading])
        what = path[-1] if path else "the whole document"
        self.notify(f"{'Reviewed' if reviewed else 'Not reviewed'}: {what}", timeout=2, markup=False)
        self._update_status()

    # -- search ----------------------------------------------------------------------------------
    def _search_field(self) -> Input | None:
        """The search box, once `/` has made it (it is not part of the first frame)."""
        found = self.query("#search")
        return found.first(Input) if found else None

    def action_search(self) -> None:
        field = self._search_field()
        if field is None:
            field = Input(placeholder="search (Enter keeps the highlights, Esc clears)", id="search")
            self.mount(field)  # under the text
        field.display = True
        field.focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        query = event.value
        if query.strip():
            self._search_count = self.view.search(query)
        else:
            self.view.clear_search()
            self._search_count = None
        self._update_status()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.input.display = False
        self.view.focus()

    def action_search_next(self, direction: int) -> None:
        if self._search_count is None:
            self.action_search()
            return
        if not self.view.search_next(direction):
            self.notify("No match")

    def _clear_search(self) -> None:
        field = self._search_field()
        if field is not None:
            field.value = ""
            field.display = False
        self.view.clear_search()
        self._search_count = None
        self._update_status()
        self.view.focus()

    def action_close(self) -> None:
        field = self._search_field()
        if (field is not None and field.display) or self._search_count is not None:
            self._clear_search()
        elif len(self.app.screen_stack) > 2:
            self.dismiss()
        else:
            self.notify("Press q to quit")

    # -- the outline pane -------------------------------------------------------------------------
    def action_toggle_outline(self) -> None:
        outline = self.query_one(Outline)
        outline.toggle_class("-hidden")
        if outline.has_class("-hidden") and outline.has_focus:
            self.view.focus()

    def action_outline_full(self, full: bool | None = None) -> None:
        """Show the outline at full width (whole titles, every figure), or back beside the text."""
        outline = self.query_one(Outline)
        full = not outline.has_class("-full") if full is None else full
        outline.set_full(full)
        self.view.display = not full
        (outline if full else self.view).focus()

    def action_outline_width(self, delta: int) -> None:
        outline = self.query_one(Outline)
        outline.remove_class("-hidden")
        current = outline.outer_size.width or 34
        limit = max(16, self.size.width - 30)
        outline.styles.width = max(12, min(limit, current + delta))

    # -- suggestions ------------------------------------------------------------------------------
    # Suggesting and training are pure-Python heavy (jieba, n-grams): in a thread of this process
    # they would hold the GIL and make every key wait. They run as `reader suggest` / `reader train`
    # subprocesses instead; the worker thread only waits on a pipe.
    @work(thread=True, exclusive=True, group="suggest")
    def load_suggestions(self) -> None:
        """This report's suggestions (rules + the stored model), in the background."""
        try:
            table, margins = self._suggest_in_subprocess()
        except ReaderError as exc:
            self.app.call_from_thread(self.notify, f"Suggestions unavailable: {exc}", severity="warning", timeout=4)
            return
        self.app.call_from_thread(self._show_suggestions, table, margins)

    def _suggest_in_subprocess(self) -> tuple[dict[str, tuple[str, float]], dict[str, float]]:
        out = _run_reader(
            "suggest",
            str(self.path),
            "--json",
            "--annotations",
            str(self.config.annotations),
            "--annotator",
            self.config.annotator,
        )
        table: dict[str, tuple[str, float]] = {}
        margins: dict[str, float] = {}
        for line in out.splitlines():
            row = json.loads(line)
            margins[row["id"]] = float(row.get("margin", row["score"]))
            # "none" suggestions are kept for the hint line; the view and `y` ignore them
            table[row["id"]] = (row["label"], float(row["score"]))
        return table, margins

    def _show_suggestions(
        self, table: dict[str, tuple[str, float]], margins: dict[str, float] | None = None, message: str | None = None
    ) -> None:
        self.suggestions = table
        self.margins = margins if margins is not None else {sid: score for sid, (_, score) in table.items()}
        self.view.set_suggestions(table, visible=self.suggestions_visible)
        self._update_status()
        if message:
            self.notify(message, timeout=3)

    def _count_new_label(self) -> None:
        self._new_labels += 1
        if self._new_labels >= RETRAIN_EVERY and self.config.suggestions and not self.read_only_reason:
            self._new_labels = 0
            self.retrain()

    @work(thread=True, exclusive=True, group="retrain")
    def retrain(self) -> None:
        """Retrain the model on the whole store (`reader train`), then refresh the suggestions."""
        try:
            _run_reader(
                "train",
                "--no-cv",
                "--annotations",
                str(self.config.annotations),
                "--corpus",
                str(self.path.parent),
                "--annotator",
                self.config.annotator,
            )
            table, margins = self._suggest_in_subprocess()
        except ReaderError as exc:  # too few kinds of label yet, a read-only folder…: keep the old ones
            self.app.call_from_thread(self.notify, f"Model not retrained: {exc}", severity="warning", timeout=4)
            return
        self.app.call_from_thread(
            self._show_suggestions, table, margins, f"Suggestions updated, retrained: {self._model_in_use()}"
        )

    def _model_in_use(self) -> str:
        from reader.suggest.saved import PROJECT_ANNOTATIONS, choose

        return choose(self.config.annotations, self.config.annotator, fallback=PROJECT_ANNOTATIONS).describe()

    def action_toggle_suggestions(self) -> None:
        self.suggestions_visible = not self.suggestions_visible
        self.view.set_suggestions(self.suggestions, visible=self.suggestions_visible)
        self.notify(f"Suggestions {'shown' if self.suggestions_visible else 'hidden'}", timeout=2)
        self._update_status()

    def action_accept_suggestion(self) -> None:
        """Store the suggested label as a real one and move on to the next sentence (a sentence
        already labelled keeps its label)."""
        sentence = self.document.sentences[self.view.cursor]
        suggestion = self.suggestions.get(sentence.id)
        if not suggestion or suggestion[0] not in {label.name for label in self.config.labels}:
            self.notify("No label suggested for this sentence")
            return
        if sentence.id in self.labels:
            # A label the user chose is never replaced by a suggestion: just move on.
            self.notify("Already labelled: kept your label", timeout=2)
        else:
            self.action_label(suggestion[0])
            if self.labels.get(sentence.id) != suggestion[0]:
                return  # not stored (read-only or a failed write): stay here
        found = self._find(self.view.cursor, 1, lambda s: s.kind != "heading")
        if found is not None:
            self.view.set_cursor(found)

    def action_next_uncertain(self) -> None:
        """Go to the unlabelled sentence the suggester is least sure about; pressed again, the next
        least sure after it."""
        if not self.margins:
            self.notify("No suggestions (yet)")
            return
        order = sorted((m, self._ids[sid]) for sid, m in self.margins.items() if sid in self._ids)
        current = self.view.cursor
        position = next((k for k, (_, i) in enumerate(order) if i == current), -1)
        sentences = self.document.sentences
        for _, i in order[position + 1 :] + order[: position + 1]:
            s = sentences[i]
            if i != current and s.kind != "heading" and s.id not in self.labels:
                self.view.set_cursor(i)
                return
        self.notify("Every sentence with a suggestion is labelled")


def _run_reader(*args: str) -> str:
    """Run a `reader` command in a subprocess; its standard output, or ReaderError with its message."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "reader", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ReaderError(str(exc)) from None
    if done.returncode:
        lines = done.stderr.strip().splitlines()
        raise ReaderError(lines[-1].removeprefix("reader: error: ") if lines else f"exit {done.returncode}")
    return done.stdout


WRITE_BINDINGS = ("label.", "history.", "note.", "section.reviewed", "suggestion.accept")


def _writes(binding_id: str | None) -> bool:
    return bool(binding_id) and binding_id.startswith(WRITE_BINDINGS)


def sureness(margin: float) -> str:
    """How sure the suggester is, in words, from its margin (top minus runner-up probability)."""
    if margin < 0.2:
        return "unsure"
    if margin < 0.5:
        return "fairly sure"
    return "sure"


class _NotStored(Exception):
    """A store write failed and the user was told; the screen changes nothing."""


_CLASSES: dict[tuple[str, ...], type[ReadingScreen]] = {}


def reading_screen_class(labels, keymap) -> type[ReadingScreen]:
    """The reading screen with bindings for this label set (keys are then set by the app's keymap)."""
    key = tuple(label.name for label in labels)
    if key not in _CLASSES:
        _CLASSES[key] = type(
            "ReadingScreen",
            (ReadingScreen,),
            {
                "BINDINGS": bindings_for("reading", labels, keymap.keys),
            },
        )
    return _CLASSES[key]
