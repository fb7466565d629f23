"""The reading screen: outline beside the reflowed text, a sentence cursor and one-key labels.

The screen owns every binding (ids in `reader.tui.actions`) and every store call: the document
view only draws and posts `CursorMoved` / `TopChanged`. Each label key is stored before the
screen repaints; a read-only store is shown in a banner and label keys are refused.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Input, Static

from reader.errors import ReaderError
from reader.labels import is_unit
from reader.labels.clauses import parse_key
from reader.labels.session import Changed, LabelSession
from reader.text.quality import warnings
from reader.tui.actions import bindings_for
from reader.tui.clauses import ClauseMode
from reader.tui.filters import Filter, filters_for, matching, rank, step
from reader.tui.indicators import Indicators
from reader.tui.sections import SectionIndex, Tally
from reader.tui.suggestions import Suggestions, reason_words, sureness
from reader.tui.widgets.document_view import DocumentView
from reader.tui.widgets.keybar import KeyBar
from reader.tui.widgets.outline import Outline
from reader.tui.widgets.status import HintLine, StatusBar

OPEN_AT_ONCE_BYTES = 512 * 1024
"""A cached report up to this size is shown in the first frame (unpickling and wrapping it take a
few ms); a larger one, or one the pipeline must process, loads in a worker behind "Opening…"."""
SUGGEST_AFTER = 0.3
"""Seconds between the report's first frame and starting its suggestions (they take seconds anyway)."""


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
        self.session: LabelSession | None = None
        """The annotator's labels, notes and review marks on this report (headless)."""
        self.suggest: Suggestions | None = None
        """Suggestions and retraining (created on mount, when the app's config is known)."""
        self.read_only_reason: str | None = None
        self.indicators = Indicators(self)
        self.clauses = ClauseMode(self)
        """The clause view (`;`): the current sentence split into clauses, labelled apart."""
        """The report's figures: the panel (`i`), their highlights (`I`), corrections."""
        self.last_state = ("", "")
        self._ids: dict[str, int] = {}
        self._section = ""
        self._search_count: int | None = None
        self._last_query = ""
        """The last search (`n` after Esc searches it again)."""
        self._cursor = 0
        """The cursor as last reported by the view (still known after the view is gone)."""
        self.filter: Filter | None = None
        """The filter the movement keys follow (None: every sentence)."""
        self.kept: list[int] = []
        """Indices of the sentences the filter keeps, in reading order (kept up to date)."""

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
        self.suggest = Suggestions(self.path, self.config.annotations, self.annotator)
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
        """What `_show` needs for `document`: its session (labels re-attached first), the stored
        position and what to warn of (worked out here: in the loading worker for a large report)."""
        session = LabelSession.open(self.store, document, self.annotator)
        return document, session, self.store.get_position(document.id, self.annotator), warnings(document)

    def _failed(self, message: str) -> None:
        self.app.notify(message, title="Cannot open the report", severity="error", timeout=8)
        self.query_one("#status", StatusBar).update(message)

    def _show(self, document, session: LabelSession, position, notices: list[str]) -> None:
        self.document = document
        self.session = session
        self.index = SectionIndex(document)
        self._ids = {s.id: s.index for s in document.sentences}
        self.tally = Tally(self.index, self.labels)
        self.read_only_reason = session.read_only_reason
        cursor = self._ids.get(position or "", self._first_sentence())
        view = self.view
        self._cursor = cursor
        view.load(document, self.labels, cursor)
        view.set_notes(set(session.notes))
        view.set_changed(session.changed_ids)
        for sid in session.clauses:
            sentence = document.sentences[self._ids[sid]]
            view.set_clause_labels(sentence.index, self.clauses.labelled_spans(sentence))
        self.query_one(Outline).build(self.tally, self.config.labels, self.reviewed)
        self._show_banner()
        for message in notices:  # what `reader text|outline…` print as `reader: warning:`
            self.app.notify(message, title="About this report", severity="warning", timeout=12)
        self._locate(cursor)
        view.focus()
        # the search and go-to boxes, hidden, after the first frame: a `:30⏎` or `/工作` typed at
        # once then reaches its box (a box mounted by its key takes focus only after the keys)
        self.call_after_refresh(self._boxes)
        if self.config.suggestions:
            # after the report is on screen: the `reader suggest` process would compete with the
            # first frame for the CPU
            self.call_after_refresh(self.set_timer, SUGGEST_AFTER, self.load_suggestions)

    @property
    def labels(self) -> dict[str, str]:
        """Sentence id → label: the session's (the view shows its own copy)."""
        return self.session.labels if self.session is not None else {}

    @property
    def notes(self) -> dict[str, str]:
        return self.session.notes if self.session is not None else {}

    @property
    def reviewed(self) -> set[tuple[str, ...]]:
        return self.session.reviewed if self.session is not None else set()

    @property
    def suggestions(self) -> dict[str, tuple[str, float]]:
        return self.suggest.table

    @property
    def margins(self) -> dict[str, float]:
        return self.suggest.margins

    @property
    def suggestions_visible(self) -> bool:
        return self.suggest.visible

    def _first_sentence(self) -> int:
        for sentence in self.document.sentences:
            if is_unit(sentence):
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
        attention = len(self.session.attention) if self.session is not None else 0
        if attention:  # orphans and labels on edited sentences: never silent
            state = f"{state}  ⚠ {attention} to check ({self._keys('labels.attention')})"
        self.query_one(StatusBar).show(
            doc=self.document.id,
            section=self._section,
            position=self._position(cursor, total),
            labelled=f"{progress.labelled}/{progress.total} labelled",
            counts=counts,
            annotator=self.annotator,
            state=state,
            state_style=style,
        )
        self.query_one(HintLine).show(self._hint(cursor))

    def _position(self, cursor: int, total: int) -> str:
        """Sentence n/N as the status bar shows it (`:` takes the n); with a filter, its place k/M too."""
        position = f"{cursor + 1}/{total}"
        if self.filter is not None:
            k = rank(self.kept, cursor)
            position += f"  ▾{self.filter.title} {k if k is not None else '–'}/{len(self.kept)}"
        return position

    def _hint(self, cursor: int) -> Text:
        """The hint line: search matches, the current sentence's suggestion and how sure it is."""
        if self.clauses.active:
            return self.clauses.hint()
        hint = Text(no_wrap=True, overflow="ellipsis")
        if self._search_count is not None:
            count = self._search_count
            current = self.view.current_match
            if count and current >= 0:
                hint.append(f"match {current + 1}/{count}", style="bold")
            else:
                hint.append(f"{count} match{'es' if count != 1 else ''}")
            hint.append(" (n/N next, Esc clears)  ", style="dim")
        sentence = self.document.sentences[cursor]
        note = self.notes.get(sentence.id)
        if note:
            hint.append("note: ", style="bold")
            hint.append(" ".join(note.split()), style="italic")
            hint.append("  ")
        record = self.session.record(sentence.id) if self.session is not None else None
        if record is not None and record.text_changed and record.label:
            hint.append("edited after you labelled it, from: ", style="bold")
            hint.append(f"{''.join((record.labelled_text or '').split())[:40]}", style="italic")
            hint.append(f" · {self._keys('label.confirm')} confirms", style="dim")
            return hint
        suggestion = self.suggestions.get(sentence.id) if self.suggestions_visible else None
        if suggestion and is_unit(sentence) and not self.labels.get(sentence.id):
            name, score = suggestion
            label = self.config.labels.get(name)
            hint.append("suggests ")
            hint.append(label.display if label else "no label", style=label.color if label else "")
            hint.append(f" {score:.0%}")
            margin = self.margins.get(sentence.id)
            if margin is not None:
                hint.append(f" · {sureness(margin)} (margin {margin:.0%})")
            reason = self.suggest.reasons.get(sentence.id)
            if reason is not None:
                hint.append(f" · why: {reason_words(*reason)}")
            if label and not self.read_only_reason:
                hint.append(f" · {self._keys('suggestion.accept')} accepts", style="dim")
            hint.append(f" · {self._keys('suggestion.next_uncertain')} least sure next", style="dim")
        return hint

    def _keys(self, binding_id: str) -> str:
        """The first key of a binding as the user types it (`!`, not `exclamation_mark`)."""
        from textual.keys import format_key

        key = self.config.keymap.keys.get(binding_id, "").split(",")[0]
        return format_key(key) if key else binding_id

    @on(DocumentView.CursorMoved)
    def _cursor_moved(self, event) -> None:
        event.stop()
        self._cursor = event.index
        if self.clauses.active and self.clauses.sentence.index != event.index:
            self.clauses.close()
        self._locate(event.index)
        self._save_position()

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
        """On every move: a small unsynced write to the user's state file (never the tracked
        annotations folder, never the label path), so even a kill -9 leaves the position exact."""
        if self.document is None:
            return
        # A position is a convenience: never interrupt reading for it.
        with contextlib.suppress(ReaderError, OSError):
            sentence = self.document.sentences[self._cursor]
            self.store.set_position(self.document.id, self.annotator, sentence.id)

    def on_unmount(self) -> None:
        self._save_position()

    # -- moving ----------------------------------------------------------------------------------
    def check_action(self, action: str, parameters) -> bool | None:
        if self.document is None and action not in ("close",):
            return None  # still loading: shown, not runnable
        # priority keys (see actions.ActionSpec.priority): typed into a box, they are text
        return not (action in ("goto", "search") and isinstance(self.focused, Input))

    def action_move(self, delta: int) -> None:
        outline = self.query_one(Outline)
        if outline.has_class("-full"):  # j/k walk the outline while it is all there is
            (outline.action_cursor_down if delta > 0 else outline.action_cursor_up)()
            return
        if self.filter is None:
            self.view.move_cursor(delta)
            return
        found = step(self.kept, self.view.cursor, delta)
        if found is None:
            where = "after" if delta > 0 else "before"
            self.notify(f"No {self.filter.title} sentence {where} this one (Esc shows every sentence)", timeout=2)
        else:
            self.view.set_cursor(found)

    def action_page(self, direction: int) -> None:
        self.view.page(direction)

    def action_edge(self, direction: int) -> None:
        if self.filter is not None and self.kept:
            self.view.set_cursor(self.kept[-1] if direction > 0 else self.kept[0])
            return
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
        """The next unlabelled sentence, outside sections marked reviewed (and kept by the filter)."""
        reviewed = self.reviewed
        kept = set(self.kept) if self.filter is not None else None

        def wanted(s) -> bool:
            if not is_unit(s) or s.id in self.labels or (kept is not None and s.index not in kept):
                return False
            if reviewed:
                section = self.index.section_for_review(s.index)
                if section is not None and tuple(self.index.headings[section].path) in reviewed:
                    return False
            return True

        found = self._find(self.view.cursor, 1, wanted)
        if found is None:
            skipped = " outside reviewed sections" if reviewed else ""
            self.notify(f"No unlabelled sentence{skipped} after this one")
        else:
            self.view.set_cursor(found)

    # -- go to a sentence, filters ---------------------------------------------------------------
    def _boxes(self) -> tuple[Input, Input]:
        """The search box and the go-to box (made the first time)."""
        if not self.query("#search"):
            self.mount(Input(placeholder="search (Enter keeps the highlights, Esc clears)", id="search"))
            self.mount(Input(restrict=r"[0-9]*", id="goto"))
        return self.query_one("#search", Input), self.query_one("#goto", Input)

    def _open_box(self, field: Input) -> None:
        """Show a box and focus it at once: its key is a priority binding (`ActionSpec.priority`),
        so the keys typed after it in one burst (a fast `:212⏎`) are handed to the box, not the text
        (`focus()` would move the focus only after them)."""
        field.display = True
        self.set_focus(field)

    def action_goto(self) -> None:
        """`:` then a number and Enter: to that sentence (the n of n/N in the status bar)."""
        field = self._boxes()[1]
        field.placeholder = f"go to sentence (1–{len(self.document.sentences)}), Enter goes, Esc cancels"
        field.value = ""
        self._open_box(field)

    @on(Input.Submitted, "#goto")
    def _goto_submitted(self, event: Input.Submitted) -> None:
        event.input.display = False
        self.view.focus()
        if event.value:
            self.go_to_sentence(int(event.value))

    def go_to_sentence(self, number: int) -> None:
        """To sentence `number` (1-based, as the status bar counts)."""
        total = len(self.document.sentences)
        if not 1 <= number <= total:
            self.notify(f"No sentence {number}: this report has 1–{total}", severity="warning", timeout=3)
            return
        self.view.set_cursor(number - 1)

    def action_filter(self) -> None:
        """Choose which sentences the movement keys visit (the others are dimmed)."""
        from reader.tui.screens.filter import FilterScreen

        if self.document is None:
            return
        choices = [(f, len(self._matching(f))) for f in filters_for(self.config.labels)]
        total = sum(1 for s in self.document.sentences if is_unit(s))
        current = self.filter.key if self.filter is not None else ""
        self.app.push_screen(FilterScreen(choices, current, total), self.set_filter)

    def set_filter(self, key: str | None) -> None:
        """Follow the filter `key` ("" or None: every sentence) and go to its first sentence from here."""
        if key is None:
            return
        chosen = next((f for f in filters_for(self.config.labels) if f.key == key), None) if key else None
        self.filter = chosen
        self._refilter()
        if chosen is None:
            self.notify("Every sentence", timeout=2)
            return
        if not self.kept:
            self.notify(f"No {chosen.title} sentence in this report", timeout=3)
        elif rank(self.kept, self.view.cursor) is None:
            found = step(self.kept, self.view.cursor, 1)
            self.view.set_cursor(found if found is not None else self.kept[-1])

    def _matching(self, chosen: Filter) -> list[int]:
        return matching(chosen.key, self.document.sentences, self.session, self.margins)

    def _refilter(self) -> None:
        """Recompute the kept sentences (after a change) and dim the rest."""
        if self.document is None:
            return
        if self.filter is None:
            self.kept = []
            self.view.set_dimmed(set())
        else:
            self.kept = self._matching(self.filter)
            kept = set(self.kept)
            self.view.set_dimmed({s.index for s in self.document.sentences if is_unit(s) and s.index not in kept})
        self._update_status()

    # -- labels, notes, review marks: every change goes through the session -----------------------
    def _writable(self) -> bool:
        if self.read_only_reason:
            self.notify(self.read_only_reason, title="Read-only: nothing was stored", severity="error")
            return False
        return True

    def _change(self, call, *args) -> Changed | None:
        """Run one session change and show it; on failure say so (nothing pretends to be saved)."""
        from reader.store.errors import ReadOnlyStore

        if not self._writable() or self.session is None:
            return None
        try:
            changed = call(*args)
        except ReadOnlyStore as exc:
            self.read_only_reason = str(exc)
            self._show_banner()
            self.notify(str(exc), title="Read-only: nothing was stored", severity="error", markup=False)
            self._update_status()
            return None
        except (ReaderError, OSError) as exc:
            self.last_state = ("NOT SAVED", "bold red")
            self.notify(f"{exc}", title="The change was not stored", severity="error", timeout=8, markup=False)
            self._update_status()
            return None
        self.last_state = ("saved ✓", "green")
        self._apply(changed)
        if changed.message:
            self.notify(changed.message, timeout=2, markup=False)
        return changed

    def _apply(self, changed: Changed) -> None:
        """Show what the store now holds: view, outline counts and marks, status bar."""
        touched: set[int] = set()
        for sid, label in changed.labels.items():
            touched.update(self.tally.set(sid, label))
        if changed.labels:
            self.view.set_labels(changed.labels)
        if changed.notes:
            self.view.set_notes(set(self.session.notes))
        for sid in changed.clauses:
            sentence = self.document.sentences[self._ids[sid]]
            self.view.set_clause_labels(sentence.index, self.clauses.labelled_spans(sentence))
            if self.clauses.active and self.clauses.sentence.id == sid:
                for a, b in self.session.clauses_of(sid):  # an undo may bring back a clause's bounds
                    self.clauses.cuts.update((a, b))
                self.clauses.paint()
        self.view.set_changed(self.session.changed_ids)
        outline = self.query_one(Outline)
        if changed.reviewed:
            outline.reviewed = self.session.reviewed
            touched.update(range(len(self.index.headings)))
        if touched:
            outline.refresh_headings(touched)
        if changed.corrections:
            self.indicators.changed()
        if self.filter is not None:
            self._refilter()
        self._update_status()

    def _sentence(self):
        sentence = self.document.sentences[self.view.cursor]
        if not is_unit(sentence):
            self.notify("Headings are not labelled; move to a sentence (j/k)")
            return None
        return sentence

    def _unit(self) -> tuple[Any, tuple[int, int] | None]:
        """What a label key acts on: (the sentence, the current clause in the clause view or None)."""
        sentence = self._sentence()
        return sentence, (self.clauses.span if self.clauses.active and sentence is not None else None)

    def action_label(self, name: str) -> None:
        sentence, clause = self._unit()
        if sentence is None:
            return
        if clause is not None:
            self._change(self.session.toggle_label, sentence, name, clause)
            return
        changed = self._change(self.session.toggle_label, sentence, name)
        new_label = changed and changed.labels.get(sentence.id) == name and name != "none"
        if new_label and self.config.suggestions and self.suggest.counted_label() and not self.read_only_reason:
            self.retrain()

    def action_clear_label(self) -> None:
        sentence, clause = self._unit()
        if sentence is not None:
            self._change(self.session.clear, sentence, clause)

    def action_confirm(self) -> None:
        """The label on this edited sentence (or clause) holds for its new text."""
        clause = self.clauses.span if self.clauses.active else None
        self._change(self.session.confirm, self.document.sentences[self.view.cursor], clause)

    def _history(self, step: str) -> None:
        changed = self._change(getattr(self.session, step))
        if changed is None or changed.step is None or changed.step.sentence is None:
            return
        sid, _ = parse_key(changed.step.sentence)
        if sid in self._ids and self._ids[sid] != self.view.cursor:
            self.view.set_cursor(self._ids[sid])

    # -- clauses ---------------------------------------------------------------------------------
    def action_clauses(self) -> None:
        """`;`: split the current sentence into clauses, or back to the whole sentence."""
        if self.clauses.active:
            self.clauses.close()
            self._update_status()
        elif (sentence := self._sentence()) is not None:
            self.clauses.open(sentence)

    def _in_clauses(self) -> bool:
        if not self.clauses.active:
            self.notify(f"{self._keys('clause.split')} splits the sentence into clauses first", timeout=2)
        return self.clauses.active

    def action_clause_move(self, delta: int) -> None:
        if self._in_clauses():
            self.clauses.move(delta)

    def action_clause_cut(self) -> None:
        if self._in_clauses():
            self.clauses.cut()

    def action_clause_join(self) -> None:
        if self._in_clauses():
            self.clauses.join()

    def action_undo(self) -> None:
        self._history("undo")

    def action_redo(self) -> None:
        self._history("redo")

    def action_edit_note(self) -> None:
        if not self._writable():
            return
        sentence, clause = self._unit()
        if sentence is None:
            return
        from reader.tui.screens.note import NoteScreen

        def save(note: str | None) -> None:
            if note is not None:
                self._change(self.session.set_note, sentence, note, clause)

        record = self.session.record(sentence.id, clause)
        text = sentence.text if clause is None else sentence.text[clause[0] : clause[1]]
        self.app.push_screen(NoteScreen(text, (record.note if record else None) or ""), save)

    def action_toggle_reviewed(self) -> None:
        heading = self.index.section_for_review(self.view.cursor)
        path = tuple(self.index.headings[heading].path) if heading is not None else ()
        self._change(self.session.toggle_reviewed, path)

    def action_attention(self) -> None:
        """The orphans and changed labels of this report: jump, confirm, re-attach, delete."""
        from reader.tui.screens.attention import AttentionScreen

        if self.session is None:
            return
        if not self.session.attention:
            self.notify("Nothing to check: every label is on its sentence", timeout=2)
            return
        self.app.push_screen(AttentionScreen(self))

    def jump_to(self, sentence) -> None:
        if sentence is not None:
            self.view.set_cursor(sentence.index)

    def action_indicators(self) -> None:
        """The report's figures (`reader.tui.screens.indicators`)."""
        from reader.tui.screens.indicators import IndicatorsScreen

        self.app.push_screen(IndicatorsScreen(self.indicators))

    def action_toggle_indicators(self) -> None:
        self.indicators.toggle_highlights()

    # -- search ----------------------------------------------------------------------------------
    def _search_field(self) -> Input | None:
        """The search box, once `/` has made it (it is not part of the first frame)."""
        found = self.query("#search")
        return found.first(Input) if found else None

    def action_search(self) -> None:
        self._open_box(self._boxes()[0])

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        query = event.value
        if query.strip():
            self._last_query = query
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
            if not self._last_query.strip():
                self.notify(f"No search yet: {self._keys('search.start')} searches", timeout=2)
                return
            self._search_count = self.view.search(self._last_query)  # again, from the cursor
            if not self._search_count:
                self.notify("No match")
            self._update_status()
            return
        if not self.view.search_next(direction):
            self.notify("No match")
        self._update_status()  # match k/N (the cursor may not have left its sentence)

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
        """Esc: close the `:` box, else clear the search, else the filter; it never leaves the report."""
        field = self._search_field()
        goto = self.query("#goto")
        if self.clauses.active:
            self.clauses.close()
            self._update_status()
        elif goto and goto.first().display:
            goto.first().display = False
            self.view.focus()
        elif (field is not None and field.display) or self._search_count is not None:
            self._clear_search()
        elif self.filter is not None:
            self.set_filter("")
        else:
            leave = self._keys("app.quit")
            where = "back to the library" if len(self.app.screen_stack) > 2 else "quit"
            self.notify(f"Press {leave} to leave the report ({where})", timeout=2)

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

    # -- suggestions (fetched and retrained by reader.tui.suggestions, in workers) ----------------
    @work(thread=True, exclusive=True, group="suggest")
    def load_suggestions(self) -> None:
        """This report's suggestions (rules + the annotator's model), in the background."""
        try:
            table, margins, reasons = self.suggest.fetch()
        except ReaderError as exc:
            self.app.call_from_thread(self.notify, f"Suggestions unavailable: {exc}", severity="warning", timeout=4)
            return
        self.app.call_from_thread(self._show_suggestions, table, margins, reasons=reasons)

    def _show_suggestions(
        self,
        table: dict[str, tuple[str, float]],
        margins: dict[str, float] | None = None,
        message: str | None = None,
        reasons: dict[str, tuple[str, str]] | None = None,
    ) -> None:
        self.suggest.update(table, margins, reasons)
        self.view.set_suggestions(table, visible=self.suggest.visible)
        if self.filter is not None:
            self._refilter()
        self._update_status()
        if message:
            self.notify(message, timeout=3)

    @work(thread=True, exclusive=True, group="retrain")
    def retrain(self) -> None:
        """Retrain the annotator's model (saved apart from the shipped one), then refresh."""
        try:
            table, margins, reasons = self.suggest.retrain()
            model = self.suggest.model_in_use()
        except ReaderError as exc:  # too few kinds of label yet, a read-only folder…: keep the old ones
            self.app.call_from_thread(self.notify, f"Model not retrained: {exc}", severity="warning", timeout=4)
            return
        message = f"Suggestions updated, retrained: {model}"
        self.app.call_from_thread(self._show_suggestions, table, margins, message, reasons=reasons)

    def action_toggle_suggestions(self) -> None:
        self.suggest.visible = not self.suggest.visible
        self.view.set_suggestions(self.suggest.table, visible=self.suggest.visible)
        self.notify(f"Suggestions {'shown' if self.suggest.visible else 'hidden'}", timeout=2)
        self._update_status()

    def action_accept_suggestion(self) -> None:
        """Store the suggested label as a real one and move on to the next sentence (a sentence
        already labelled keeps its label)."""
        sentence = self.document.sentences[self.view.cursor]
        suggestion = self.suggest.table.get(sentence.id)
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
        found = self._find(self.view.cursor, 1, is_unit)
        if found is not None:
            self.view.set_cursor(found)

    def action_next_uncertain(self) -> None:
        """The unlabelled sentence the suggester is least sure about, from the least sure (k/N)."""
        if not self.suggest.margins:
            self.notify("No suggestions (yet)")
            return
        current = self.document.sentences[self.view.cursor]
        found = self.suggest.least_sure(self.session.by_id, self.labels, current)
        if found is None:
            self.notify("Every sentence with a suggestion is labelled")
            return
        sentence, k, n = found
        self.view.set_cursor(sentence.index)
        margin = self.suggest.margins.get(sentence.id, 0.0)
        self.notify(f"Least sure {k}/{n} (margin {margin:.0%})", timeout=2)


WRITE_BINDINGS = ("label.", "history.", "note.", "section.reviewed", "suggestion.accept")
"""Binding ids whose key writes to the store (shown disabled in a read-only store)."""


def _writes(binding_id: str | None) -> bool:
    return bool(binding_id) and binding_id.startswith(WRITE_BINDINGS)


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
