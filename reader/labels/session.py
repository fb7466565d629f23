"""A labelling session: one annotator on one document, headless (no Textual).

It holds what the annotator has said about the document (labels, explicit nones, notes, review
marks, and the records that need their attention: orphans and labels whose sentence was edited) and
makes every change through the store, which keeps one undo/redo history over all of them. Each
change returns a `Changed` naming what the UI must repaint; the reading screen only maps keys to
these methods.

    session = LabelSession.open(store, document, "li")
    session.toggle_label(sentence, "target")
    session.set_note(sentence, "numeric goal")
    session.toggle_reviewed(("2025年工作安排",))
    session.undo()
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from reader.errors import ReaderError
from reader.labels.clauses import parse_key, unit_key
from reader.labels.record import NONE, LabelRecord
from reader.labels.units import is_unit


@dataclass
class Changed:
    """What a session call changed (empty when nothing did)."""

    labels: dict[str, str | None] = field(default_factory=dict)
    """Sentence id → its label now (None: no label), for every sentence whose label changed."""
    clauses: set[str] = field(default_factory=set)
    """Ids of the sentences whose clauses' labels or notes changed."""
    notes: bool = False
    reviewed: bool = False
    attention: bool = False
    """The list of orphans and changed labels is different."""
    corrections: bool = False
    """An indicator correction changed (undo/redo of one: `reader.indicators.view` repaints)."""
    message: str = ""
    """A short line for the user ("Undo: label target")."""
    step: Any = None
    """For undo/redo: the store's `Step` (where the change was)."""

    def __bool__(self) -> bool:
        return bool(self.labels or self.clauses or self.notes or self.reviewed or self.attention or self.corrections)


class LabelSession:
    def __init__(self, store: Any, document: Any, annotator: str, read_only_reason: str | None = None) -> None:
        self.store = store
        self.document = document
        self.annotator = annotator
        self.read_only_reason = read_only_reason
        self.by_id = {s.id: s for s in document.sentences}
        self.records: dict[str, LabelRecord] = {}
        """Unit key → this annotator's record (labels, nones, notes; orphans under their old id). The
        key is the sentence id, or a clause's key (`LabelRecord.key`)."""
        self.clauses: dict[str, dict[tuple[int, int], LabelRecord]] = {}
        """Sentence id → its clauses' records (offsets in the sentence → record), for the
        sentences of the current text."""
        self.reviewed: set[tuple[str, ...]] = set()
        self.labels: dict[str, str] = {}
        """Sentence id → label (or "none") of every labelled sentence of the current text."""
        self.notes: dict[str, str] = {}
        """Sentence id → note, for the sentences of the current text."""
        self.changed_ids: set[str] = set()
        """Sentences whose label was made on a text since edited (to confirm)."""
        self._attention: set[str] = set()
        self._load()

    @classmethod
    def open(cls, store: Any, document: Any, annotator: str) -> LabelSession:
        """Re-attach the annotator's labels to the current text (when the store is writable), then
        load them. A failed re-attach leaves the labels as stored (retried on the next open)."""
        reason = store.read_only_reason or store.doc_read_only_reason(document.id)
        if reason is None:
            with contextlib.suppress(ReaderError):
                store.reattach(document, annotator)
        return cls(store, document, annotator, reason)

    def _load(self) -> None:
        """Read this annotator's records of the document (once, when the report is opened; every
        change after that updates them from what it stored: `_take`)."""
        self.records = self.store.doc_labels(self.document.id, self.annotator, include_notes=True)
        self.reviewed = {m.section for m in self.store.reviewed(self.document.id, self.annotator)}
        self.labels, self.notes, self.changed_ids, self._attention = {}, {}, set(), set()
        self.clauses = {}
        for sid, record in self.records.items():
            self._index(sid, record)

    def _index(self, key: str, record: LabelRecord | None) -> None:
        """Bring the views kept beside `records` (labels, notes, clauses, changed, attention) up to
        date for one unit key."""
        sid, span = parse_key(key)
        if span is not None:
            self._index_clause(key, sid, span, record)
            return
        here = sid in self.by_id
        for view, value in (
            (self.labels, record.label if record is not None and here else None),
            (self.notes, record.note if record is not None and here else None),
        ):
            if value:
                view[sid] = value
            else:
                view.pop(sid, None)
        changed = record is not None and bool(record.text_changed and record.label) and here
        (self.changed_ids.add if changed else self.changed_ids.discard)(sid)
        attention = record is not None and (record.orphan or bool(record.text_changed and record.label))
        (self._attention.add if attention else self._attention.discard)(sid)

    def _index_clause(self, key: str, sid: str, span: tuple[int, int], record: LabelRecord | None) -> None:
        parts = self.clauses.setdefault(sid, {})
        if record is not None and sid in self.by_id and not record.orphan:
            parts[span] = record
        else:
            parts.pop(span, None)
        if not parts:
            del self.clauses[sid]
        attention = record is not None and (record.orphan or bool(record.text_changed and record.label))
        (self._attention.add if attention else self._attention.discard)(key)

    # --- what the UI shows ----------------------------------------------------------------------
    @property
    def attention(self) -> list[LabelRecord]:
        """Orphans and labels on edited sentences, in reading order (orphans by their old place)."""

        def where(r: LabelRecord) -> tuple:
            s = self.by_id.get(r.sentence)
            return (s.index if s is not None else -1, r.start or 0)

        return sorted((self.records[sid] for sid in self._attention), key=where)

    def label_of(self, sentence_id: str, clause: tuple[int, int] | None = None) -> str | None:
        r = self.records.get(unit_key(sentence_id, *(clause or ())))
        return r.label if r is not None else None

    def record(self, sentence_id: str, clause: tuple[int, int] | None = None) -> LabelRecord | None:
        """The record of a sentence, or of one of its clauses (its offsets in the sentence)."""
        return self.records.get(unit_key(sentence_id, *(clause or ())))

    def clauses_of(self, sentence_id: str) -> dict[tuple[int, int], LabelRecord]:
        """The records of a sentence's clauses (labels and notes), by their offsets in it."""
        return self.clauses.get(sentence_id, {})

    def nearest_sentence(self, record: LabelRecord) -> Any:
        """The sentence to show for a record: its own, else (an orphan) the one nearest its old place."""
        s = self.by_id.get(record.sentence)
        if s is not None or not self.document.sentences:
            return s
        old = record.start or 0
        return min(self.document.sentences, key=lambda c: abs(c.start - old))

    # --- changes ---------------------------------------------------------------------------------
    @contextlib.contextmanager
    def _changing(self, message: str = "") -> Iterator[Changed]:
        """Run store calls and update the session from what they stored (never by reading the
        report again: a key costs the same in a 20,000-sentence report as in a 20-sentence one).
        What was stored before a failure is taken too."""
        changed = Changed(message=message)
        with self.store.recording() as written:
            try:
                yield changed
            finally:
                self._take(written, changed)

    def _take(self, written: Iterable[Any], changed: Changed) -> None:
        doc, who = self.document.id, self.annotator
        for w in written:
            if w.doc != doc or w.annotator != who:
                continue
            if w.kind == "correction":  # shown by `reader.indicators.view`, not kept here
                changed.corrections = True
                continue
            if w.kind == "review":
                section = tuple(w.key)
                (self.reviewed.discard if w.record is None else self.reviewed.add)(section)
                changed.reviewed = True
                continue
            sid, new = w.key, w.record
            old = self.records.pop(sid, None)
            if new is not None:
                self.records[sid] = new
            before = sid in self._attention
            self._index(sid, new)
            parent, span = parse_key(sid)
            if span is not None:
                if old != new and parent in self.by_id:
                    changed.clauses.add(parent)
            elif (old.label if old else None) != (new.label if new else None) and sid in self.by_id:
                changed.labels[sid] = new.label if new else None
            if (old.note if old else None) != (new.note if new else None):
                changed.notes = True
            if before or sid in self._attention:
                changed.attention = True

    def _where(self, sentence: Any, clause: tuple[int, int] | None = None) -> dict[str, Any]:
        where = {
            "text": sentence.text,
            "section": sentence.section,
            "line": sentence.line,
            "start": sentence.start,
            "end": sentence.end,
        }
        if clause is not None:
            a, b = clause
            where["clause"] = (a, b, sentence.text[a:b])
        return where

    def _unit(self, sentence: Any) -> None:
        if not is_unit(sentence):
            raise ReaderError("headings and other non-sentence units are not labelled; move to a sentence")

    def toggle_label(self, sentence: Any, name: str, clause: tuple[int, int] | None = None) -> Changed:
        """Give the sentence (or its `clause`: offsets in it) this label (a name of the set, or
        "none"); the same label again removes it."""
        self._unit(sentence)
        doc = self.document.id
        if self.label_of(sentence.id, clause) == name:
            with self._changing(f"Removed {name}") as changed:
                self.store.clear_label(doc, unit_key(sentence.id, *(clause or ())), annotator=self.annotator)
            return changed
        with self._changing("None of the labels" if name == NONE else "") as changed:
            self.store.set_label(doc, sentence.id, name, annotator=self.annotator, **self._where(sentence, clause))
        return changed

    def clear(self, sentence: Any, clause: tuple[int, int] | None = None) -> Changed:
        if self.label_of(sentence.id, clause) is None:
            return Changed()
        with self._changing() as changed:
            self.store.clear_label(self.document.id, unit_key(sentence.id, *(clause or ())), annotator=self.annotator)
        return changed

    def set_note(self, sentence: Any, note: str, clause: tuple[int, int] | None = None) -> Changed:
        self._unit(sentence)
        with self._changing("Note saved" if note.strip() else "Note removed") as changed:
            self.store.set_note(
                self.document.id, sentence.id, note, annotator=self.annotator, **self._where(sentence, clause)
            )
        return changed

    def toggle_reviewed(self, path: Iterable[str]) -> Changed:
        """Mark a section (titles path; () = the whole document) reviewed, or take the mark back."""
        path = tuple(path)
        reviewed = path not in self.reviewed
        what = path[-1] if path else "the whole document"
        with self._changing(f"{'Reviewed' if reviewed else 'Not reviewed'}: {what}") as changed:
            self.store.mark_reviewed(self.document.id, path or None, annotator=self.annotator, reviewed=reviewed)
        return changed

    def confirm(self, sentence: Any, clause: tuple[int, int] | None = None) -> Changed:
        """The label on this edited sentence (or clause) holds for its new text."""
        with self._changing("Confirmed for the new text") as changed:
            done = self.store.confirm(
                self.document.id, unit_key(sentence.id, *(clause or ())), annotator=self.annotator
            )
        if done is None:
            return Changed(message="Nothing to confirm here: this label's sentence was not edited")
        return changed

    def reattach(self, record: LabelRecord, sentence: Any) -> Changed:
        """Put an orphan (or any record of this annotator) on `sentence` of the current text."""
        self._unit(sentence)
        with self._changing("Re-attached to this sentence") as changed:
            self.store.move_label(self.document.id, record.sentence, sentence, annotator=self.annotator)
        return changed

    def delete(self, record: LabelRecord) -> Changed:
        """Drop a record (an orphan the annotator no longer wants), note included. Undoable."""
        with self._changing("Deleted") as changed:
            self.store.delete(self.document.id, record.key, annotator=self.annotator)
        return changed

    def undo(self) -> Changed:
        return self._history("undo")

    def redo(self) -> Changed:
        return self._history("redo")

    def _history(self, step: str) -> Changed:
        with self._changing() as changed:
            result = getattr(self.store, step)()
        if result is None:
            return Changed(message=f"Nothing to {step}")
        if result.doc != self.document.id or result.annotator != self.annotator:
            return Changed(message=f"{step.capitalize()}: a change in {result.doc}")
        if result.kind == "review":
            what = "reviewed" if result.record is not None else "not reviewed"
        elif result.kind == "correction":
            what = "indicator correction" if result.record is not None else "no indicator correction"
        else:
            label = result.record.label if result.record is not None else None
            what = f"label {label}" if label else ("note" if result.record is not None else "no label")
        changed.message = f"{step.capitalize()}: {what}"
        changed.step = result
        changed.corrections = result.kind == "correction"
        return changed
