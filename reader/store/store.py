"""`AnnotationStore`: the labels of every annotator on every document, in a folder of TinyDB files.

Layout of the folder (default `./annotations`):

    <doc_id>.json        one TinyDB file per document: tables labels, reviewed, positions
    <doc_id>.json.bak    the last good copy of it (restored by `reader doctor --repair`)
    labels.toml          optional label set (see labelset.py)
    .lock, .writer       the writer's lock and who holds it

Every write is durable when the call returns (see storage.py). One process at a time writes: the
first instance holds the lock for its lifetime; any other opens read-only and says why
(`read_only_reason`), and re-reads files that changed on disk, so it always shows what is stored.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import socket
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reader.files import TMP_MARK, atomic_write
from reader.labels import NONE, LabelRecord, LabelSet, ReviewMark, load_labelset, locate_all, now
from reader.labels.clauses import is_clause, unit_key
from reader.labels.correction import BadCorrection, IndicatorCorrection
from reader.labels.positions import Positions
from reader.store.docstore import CORRECTIONS as CORRECTIONS_TABLE
from reader.store.docstore import DocStore
from reader.store.errors import ReadOnlyStore, StoreError, StoreWriteError
from reader.store.folding import BackgroundFolder
from reader.store.lock import FolderLock
from reader.store.storage import BACKUP_SUFFIX, flush_group

HISTORY_LIMIT = 1000
LOCK_FILE = ".lock"
WRITER_FILE = ".writer"
_DOC_ID = re.compile(r"^[^/\\\x00.][^/\\\x00]*$")


def _locked(method):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._mutex:
            return method(self, *args, **kwargs)

    return wrapper


LABELS, REVIEWS, CORRECTIONS = "label", "review", "correction"


@dataclass(frozen=True)
class _Change:
    """One record's change: the stored JSON before and after (None = absent)."""

    kind: str
    """LABELS, REVIEWS or CORRECTIONS."""
    doc: str
    annotator: str
    key: str | tuple
    """The sentence id (a label), the section path (a review mark) or (sentence, at) (a correction)."""
    before: dict | None
    after: dict | None


@dataclass(frozen=True)
class Step:
    """What `undo`/`redo` did: which record it restored (`record` None: removed)."""

    action: str
    """"undo" or "redo"."""
    kind: str
    """"label" (a label, note or explicit none), "review" (a review mark) or "correction" (an
    indicator correction)."""
    doc: str
    annotator: str
    sentence: str | None
    """The sentence of a label or correction step (for a move: where the label is now)."""
    section: tuple[str, ...] | None
    """The section path of a review step."""
    record: LabelRecord | ReviewMark | IndicatorCorrection | None


@dataclass(frozen=True)
class Written:
    """One record as a change left it in the store, for whoever keeps a view of it in memory (the
    labelling session): see `AnnotationStore.recording`."""

    kind: str
    """"label" (a label, note or explicit none), "review" (a review mark) or "correction"."""
    doc: str
    annotator: str
    key: str | tuple
    """The sentence id (a label), the section path (a review mark), (sentence, at) (a correction)."""
    record: LabelRecord | ReviewMark | IndicatorCorrection | None
    """What is stored now (None: removed)."""


@dataclass
class BulkReport:
    """What `bulk_set` did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: list[tuple[LabelRecord, LabelRecord]] = field(default_factory=list)
    """(stored record, incoming record) pairs left as stored (without `overwrite`)."""
    reviews: int = 0
    """Review marks added."""
    docs: set[str] = field(default_factory=set)


@dataclass
class ReattachReport:
    """What `reattach` did (or, with dry_run, would do) to one document's labels."""

    doc: str
    kept: int = 0
    moved: list[tuple[str, str, str]] = field(default_factory=list)
    """(annotator, old sentence id, new sentence id), found again by text."""
    revived: list[tuple[str, str, str]] = field(default_factory=list)
    """Like moved, for labels that were orphans before."""
    edited: list[tuple[str, str, str]] = field(default_factory=list)
    """Like moved, for labels that followed their sentence to an edited text (`text_changed`)."""
    orphaned: list[LabelRecord] = field(default_factory=list)
    """Records whose sentence is gone (newly orphaned: kept, flagged `orphan: True`)."""
    still_orphans: list[LabelRecord] = field(default_factory=list)
    refreshed: int = 0
    """Labels whose sentence is unchanged but whose position (line, offsets, section) moved;
    written only with `refresh=True` or together with a change of meaning."""

    @property
    def changed(self) -> bool:
        return bool(self.moved or self.revived or self.orphaned or self.refreshed or self.edited)


class AnnotationStore:
    """The annotation store. See the README section "Python API" for a tour."""

    def __init__(
        self, path: str | Path = "annotations", *, read_only: bool = False, labelset: LabelSet | None = None
    ) -> None:
        self.path = Path(path)
        self._mutex = threading.RLock()
        self._docs: dict[str, DocStore] = {}
        self._undo: list[list[_Change]] = []
        self._redo: list[list[_Change]] = []
        self._recorders: list[list[Written]] = []
        self._lock = None
        self.read_only_reason: str | None = None
        """Why this instance cannot write (None when it can): shown by the app."""
        self._folder: BackgroundFolder | None = None
        if read_only:
            self.read_only_reason = f"{self.path} was opened read-only"
        else:
            self._acquire()
            if self._lock is not None:
                self._folder = BackgroundFolder(self._mutex, self._docs)
        self.labelset = labelset if labelset is not None else load_labelset(self.path)

    # --- the folder lock --------------------------------------------------------------------
    def _acquire(self) -> None:
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            lock = FolderLock(self.path / LOCK_FILE)
            taken = lock.acquire()
        except OSError as exc:
            self.read_only_reason = f"cannot write to {self.path} ({exc.strerror or exc}); read-only"
            return
        if not taken:
            self.read_only_reason = (
                f"{self.path} is in use by another reader ({self._holder()}); this one is "
                "read-only — close the other one to label here"
            )
            return
        self._lock = lock
        info = {"pid": os.getpid(), "host": socket.gethostname(), "since": now()}
        with contextlib.suppress(OSError):
            # who holds the lock, for the message of a second reader: no need to wait for the disk
            atomic_write(self.path / WRITER_FILE, json.dumps(info).encode(), sync_file=False, sync_dir=False)
        for stale in self.path.glob(f"*{TMP_MARK}*"):  # left by a crash mid-write; we hold the lock
            stale.unlink(missing_ok=True)

    def _holder(self) -> str:
        try:
            info = json.loads((self.path / WRITER_FILE).read_text(encoding="utf-8"))
            return f"pid {info['pid']} on {info['host']}, since {info['since']}"
        except (OSError, ValueError, KeyError, TypeError):
            return "holder unknown"

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    def close(self) -> None:
        if self._folder is not None:
            self._folder.stop()  # before taking the lock: a background fold may be waiting for it
            self._folder = None
        with self._mutex:
            for ds in self._docs.values():
                ds.close()
            self._docs.clear()
            if self._lock is not None:
                (self.path / WRITER_FILE).unlink(missing_ok=True)
                self._lock.release()
                self._lock = None
                self.read_only_reason = f"{self.path} store was closed"

    def __enter__(self) -> AnnotationStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- documents --------------------------------------------------------------------------
    def _doc(self, doc_id: str) -> DocStore:
        ds = self._docs.get(doc_id)
        if ds is None:
            if not isinstance(doc_id, str) or not _DOC_ID.match(doc_id):
                raise StoreError(f"bad document id {doc_id!r}: use the report's file name without .txt")
            ds = DocStore(self.path / f"{doc_id}.json", doc_id, read_only_reason=self.read_only_reason)
            self._docs[doc_id] = ds
        else:
            ds.sync()
        return ds

    @_locked
    def doc_ids(self) -> list[str]:
        """Documents that have a store file (labels, marks or a position), sorted."""
        if not self.path.is_dir():
            return sorted(self._docs)
        found = {p.name[: -len(".json")] for p in self.path.glob("*.json")}
        found |= {p.name[: -len(".json" + BACKUP_SUFFIX)] for p in self.path.glob(f"*.json{BACKUP_SUFFIX}")}
        return sorted(d for d in found if _DOC_ID.match(d))

    @_locked
    def is_read_only(self, doc_id: str | None = None) -> bool:
        if self.read_only or doc_id is None:
            return self.read_only
        return self._doc(doc_id).read_only_reason is not None

    @_locked
    def doc_read_only_reason(self, doc_id: str) -> str | None:
        """Why this document cannot be written (store read-only, or its file is damaged)."""
        return self._doc(doc_id).read_only_reason

    @_locked
    def problems(self) -> list[tuple[str, str]]:
        """(file name, what is wrong) for every damaged store file or journal; reads every file."""
        out = []
        for doc_id in self.doc_ids():
            ds = self._doc(doc_id)
            if ds.problem:
                out.append((ds.path.name, ds.problem))
        return out

    @_locked
    def repair(self, doc_id: str) -> str:
        """Repair a damaged document file or journal (see `DocStore.repair`): the damaged file is
        kept aside as `<file>.damaged-<time>`, nothing readable is dropped. Returns what was done.
        Needs the writer lock.
        """
        self._writable()
        ds = self._doc(doc_id)
        if not ds.damage:
            return f"{ds.path.name}: fine, nothing to repair"
        done = ds.repair()
        ds.close()
        del self._docs[doc_id]
        self._doc(doc_id)
        return done

    # --- writing, with one undo history over labels, notes, nones and review marks -----------
    def _check_label(self, label: str | None) -> None:
        if label is not None and label != NONE and label not in self.labelset:
            raise StoreError(f"unknown label {label!r}; the labels are {', '.join(self.labelset.names)} (or {NONE!r})")

    @staticmethod
    def _check_annotator(annotator: str) -> None:
        if not isinstance(annotator, str) or not annotator.strip():
            raise StoreError("an annotator name is needed (--annotator NAME or $READER_ANNOTATOR)")

    def _writable(self) -> None:
        if self.read_only_reason:
            raise ReadOnlyStore(self.read_only_reason)

    def _write(self, changes: list[_Change], state: str) -> None:
        """Put every change's `state` ("before"/"after") on disk: one atomic write per document.

        A failed write (a full disk, a folder turned read-only) raises StoreWriteError saying so;
        nothing of it is kept in memory or on disk.
        """
        by_doc: dict[str, list[_Change]] = defaultdict(list)
        for c in changes:
            by_doc[c.doc].append(c)
        for doc_id, group in by_doc.items():
            ds = self._doc(doc_id)
            try:
                with ds.batch():
                    for c in group:
                        record = getattr(c, state)
                        if c.kind == CORRECTIONS:
                            if record is None:
                                ds.remove(CORRECTIONS_TABLE, (c.annotator, *c.key))
                            else:
                                ds.put(CORRECTIONS_TABLE, record)
                        elif c.kind == LABELS:
                            if record is None:
                                ds.remove_label(c.annotator, c.key)
                            else:
                                ds.put_label(record)
                        elif record is None:
                            ds.remove_reviewed(c.annotator, c.key)
                        else:
                            ds.put_reviewed(record)
            except OSError as exc:
                raise StoreWriteError.from_os_error(ds.path, exc) from exc
            for recorder in self._recorders:
                recorder.extend(self._written(c, getattr(c, state)) for c in group)

    @staticmethod
    def _written(change: _Change, stored: dict | None) -> Written:
        kind = {LABELS: LabelRecord, REVIEWS: ReviewMark, CORRECTIONS: IndicatorCorrection}[change.kind]
        record = None if stored is None else kind.from_dict(stored)
        return Written(change.kind, change.doc, change.annotator, change.key, record)

    @contextlib.contextmanager
    def recording(self) -> Iterator[list[Written]]:
        """Collect what the changes made inside the block stored (labels, notes, nones, review marks;
        undo and redo included), in order, even if the block fails halfway: a caller that keeps its
        own copy of a report's records updates it from these instead of reading the report again.

            with store.recording() as written:
                store.set_label(...)
        """
        written: list[Written] = []
        with self._mutex:
            self._recorders.append(written)
        try:
            yield written
        finally:
            with self._mutex:
                self._recorders.remove(written)

    def _apply(self, changes: list[_Change]) -> None:
        """Make `changes` (one user action) durably, as one undo step."""
        changes = [c for c in changes if c.before != c.after]
        if not changes:
            return
        self._write(changes, "after")
        self._undo.append(changes)
        del self._undo[:-HISTORY_LIMIT]
        self._redo.clear()

    def _label_change(self, ds: DocStore, annotator: str, sentence: str, after: LabelRecord | None) -> _Change:
        return _Change(
            LABELS,
            ds.doc_id,
            annotator,
            sentence,
            ds.get_label(annotator, sentence),
            None if after is None else after.to_dict(),
        )

    def _prepare(self, doc_id: str, annotator: str) -> DocStore:
        self._writable()
        self._check_annotator(annotator)
        return self._doc(doc_id)

    @_locked
    def set_label(
        self,
        doc_id: str,
        sentence_id: str,
        label: str,
        *,
        annotator: str,
        text: str,
        section=(),
        line=None,
        start=None,
        end=None,
        note=None,
        clause: tuple[int, int, str] | None = None,
    ) -> LabelRecord:
        """Give a sentence a label of the set, or `"none"` (an explicit negative), replacing this
        annotator's previous one; returns the record. `note=None` keeps an existing note. A label set
        on a changed sentence confirms it (`text_changed` cleared). Durable when it returns.
        `clause=(start, end, clause text)` labels that clause of the sentence instead (`text` is the
        whole sentence's); its record's key is `record.key`.
        """
        ds = self._prepare(doc_id, annotator)
        if label is None:
            raise StoreError("set_label needs a label; clear_label removes one")
        self._check_label(label)
        key = unit_key(sentence_id, *(clause[:2] if clause else ()))
        old = self._record(ds, annotator, key)
        record = LabelRecord.new(
            doc_id,
            sentence_id,
            label,
            annotator=annotator,
            text=text,
            section=section,
            line=line,
            start=start,
            end=end,
            note=note if note is not None else (old.note if old else None),
            created=old.created if old else None,
            clause=clause,
        )
        if old is not None and old.replace(updated=record.updated) == record:
            return old
        self._apply([self._label_change(ds, annotator, key, record)])
        return record

    @_locked
    def clear_label(self, doc_id: str, sentence_id: str, *, annotator: str) -> LabelRecord | None:
        """Remove this annotator's label of a sentence (a note stays); returns the removed record.
        An orphan's or a note-only record's label is removed the same way. `sentence_id` may be a
        clause's key (`LabelRecord.key`), as in every call below that names a record."""
        ds = self._prepare(doc_id, annotator)
        old = self._record(ds, annotator, sentence_id)
        if old is None or old.label is None:
            return None
        after = old.replace(label=None, updated=now(), text_changed=False, labelled_text=None) if old.note else None
        self._apply([self._label_change(ds, annotator, sentence_id, after)])
        return old

    @_locked
    def delete(self, doc_id: str, sentence_id: str, *, annotator: str) -> LabelRecord | None:
        """Remove this annotator's whole record of a sentence (label and note): how an orphan the
        user no longer wants is dropped. Undoable. Returns the removed record."""
        ds = self._prepare(doc_id, annotator)
        old = self._record(ds, annotator, sentence_id)
        if old is not None:
            self._apply([self._label_change(ds, annotator, sentence_id, None)])
        return old

    @_locked
    def set_note(
        self,
        doc_id: str,
        sentence_id: str,
        note: str | None,
        *,
        annotator: str,
        text: str,
        section=(),
        line=None,
        start=None,
        end=None,
        clause: tuple[int, int, str] | None = None,
    ) -> LabelRecord:
        """Attach a note to a sentence (labelled or not), or to a clause of it (`clause` as for
        `set_label`); an empty note removes it. Returns the record."""
        ds = self._prepare(doc_id, annotator)
        key = unit_key(sentence_id, *(clause[:2] if clause else ()))
        old = self._record(ds, annotator, key)
        note = (note or "").strip() or None
        if old is None:
            record = LabelRecord.new(
                doc_id,
                sentence_id,
                None,
                annotator=annotator,
                text=text,
                section=section,
                line=line,
                start=start,
                end=end,
                note=note,
                clause=clause,
            )
            if note is None:
                return record
        else:
            if old.note == note:
                return old
            record = old.replace(note=note, updated=now())
        after = None if (record.label is None and note is None) else record
        self._apply([self._label_change(ds, annotator, key, after)])
        return record

    @_locked
    def confirm(self, doc_id: str, sentence_id: str, *, annotator: str) -> LabelRecord | None:
        """The annotator confirms a label that followed its sentence to an edited text: the label
        now holds for the current text (`text_changed` cleared). Returns the record, or None if
        there was nothing to confirm."""
        ds = self._prepare(doc_id, annotator)
        old = self._record(ds, annotator, sentence_id)
        if old is None or not old.text_changed:
            return None
        record = old.replace(text_changed=False, labelled_text=None, updated=now())
        if old.is_clause:
            record = record.replace(clause_text=old.unit_text)
        self._apply([self._label_change(ds, annotator, sentence_id, record)])
        return record

    @_locked
    def move_label(self, doc_id: str, sentence_id: str, sentence, *, annotator: str) -> LabelRecord:
        """Put this annotator's record of `sentence_id` (an orphan, typically) on `sentence` (a
        `reader.text.model.Sentence` of the current text): the user re-attaches it by hand.
        Refused if that sentence already has a label of this annotator. Undoable as one step."""
        ds = self._prepare(doc_id, annotator)
        old = self._record(ds, annotator, sentence_id)
        if old is None:
            raise StoreError(f"no record of {annotator} on {sentence_id}")
        if old.is_clause:
            raise StoreError(
                "a clause's label is not re-attached by hand: label the clause again, then delete this one"
            )
        if sentence.id != sentence_id and self._record(ds, annotator, sentence.id) is not None:
            raise StoreError("that sentence already has a label or note of yours: clear it first")
        record = self._on_sentence(
            old,
            sentence,
            text=sentence.text,
            text_changed=False,
            labelled_text=None,
            updated=now(),
        )
        changes = [self._label_change(ds, annotator, sentence.id, record)]
        if sentence.id != sentence_id:
            changes.insert(0, self._label_change(ds, annotator, sentence_id, None))
        self._apply(changes)
        return record

    # --- reading ----------------------------------------------------------------------------
    @staticmethod
    def _record(ds: DocStore, annotator: str, sentence_id: str) -> LabelRecord | None:
        raw = ds.get_label(annotator, sentence_id)
        return None if raw is None else LabelRecord.from_dict(raw)

    @_locked
    def get_label(self, doc_id: str, sentence_id: str, *, annotator: str) -> LabelRecord | None:
        return self._record(self._doc(doc_id), annotator, sentence_id)

    @_locked
    def labels(
        self, doc_id: str | None = None, annotator: str | None = None, *, include_notes: bool = False
    ) -> list[LabelRecord]:
        """Label records, by document then position. Orphans are included (`orphan: True`), and
        explicit nones (`label: "none"`). `include_notes` adds note-only records (`label` None).
        """
        docs = [doc_id] if doc_id is not None else self.doc_ids()
        out = []
        for d in docs:
            for raw in self._doc(d).label_records():
                if annotator is not None and raw.get("annotator") != annotator:
                    continue
                if raw.get("label") is None and not include_notes:
                    continue
                out.append(LabelRecord.from_dict(raw))
        out.sort(
            key=lambda r: (
                r.doc,
                r.start is None,
                r.start or 0,
                r.line or 0,
                r.sentence,
                r.clause_start or -1,
                r.annotator,
            )
        )
        return out

    @_locked
    def doc_labels(self, doc_id: str, annotator: str, *, include_notes: bool = False) -> dict[str, LabelRecord]:
        """{unit key: record} of one annotator on one document (the key is the sentence id, or a
        clause's `LabelRecord.key`): what the app paints."""
        return {
            r.key: r
            for r in map(LabelRecord.from_dict, self._doc(doc_id).label_records())
            if r.annotator == annotator and (include_notes or r.label is not None)
        }

    @_locked
    def orphans(self, doc_id: str | None = None, annotator: str | None = None) -> list[LabelRecord]:
        """Labels whose sentence is no longer in the document (kept, never dropped)."""
        return [r for r in self.labels(doc_id, annotator, include_notes=True) if r.orphan]

    # --- undo / redo ------------------------------------------------------------------------
    def _step(self, changes: list[_Change], state: str, action: str) -> Step:
        self._write(list(reversed(changes)) if state == "before" else changes, state)
        last = changes[-1]
        record = getattr(last, state)
        if last.kind == LABELS:
            shown = None if record is None else LabelRecord.from_dict(record)
            return Step(action, last.kind, last.doc, last.annotator, last.key, None, shown)
        if last.kind == CORRECTIONS:
            shown = None if record is None else IndicatorCorrection.from_dict(record)
            return Step(action, last.kind, last.doc, last.annotator, last.key[0], None, shown)
        shown = None if record is None else ReviewMark.from_dict(record)
        return Step(action, last.kind, last.doc, last.annotator, None, tuple(last.key), shown)

    @_locked
    def undo(self) -> Step | None:
        """Undo the last change of this session (a label, note, none, confirmation, move, review
        mark or indicator correction; durably). Returns what it did, or None when there is nothing to undo."""
        self._writable()
        if not self._undo:
            return None
        step = self._step(self._undo[-1], "before", "undo")
        self._redo.append(self._undo.pop())
        return step

    @_locked
    def redo(self) -> Step | None:
        """Redo the last undone change; None when there is nothing to redo."""
        self._writable()
        if not self._redo:
            return None
        step = self._step(self._redo[-1], "after", "redo")
        self._undo.append(self._redo.pop())
        return step

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    # --- indicator corrections (applied to the extraction by reader.indicators.corrections) ---
    @_locked
    def corrections(self, doc_id: str | None = None, annotator: str | None = None) -> list[IndicatorCorrection]:
        """Annotators' corrections of indicator records, by document then position."""
        docs = [doc_id] if doc_id is not None else self.doc_ids()
        out = [
            IndicatorCorrection.from_dict(r)
            for d in docs
            for r in self._doc(d).records(CORRECTIONS_TABLE)
            if annotator is None or r.get("annotator") == annotator
        ]
        out.sort(key=lambda c: (c.doc, c.start is None, c.start or 0, c.annotator))
        return out

    @_locked
    def put_correction(
        self, correction: IndicatorCorrection, *, replaces: tuple[str, int] | None = None
    ) -> IndicatorCorrection:
        """Store an annotator's correction of a clause (or its "not an indicator"), replacing theirs
        with the same (sentence, at); `replaces` names the key of a correction this one supersedes
        (the same clause, found again after the text changed). Checked first (a bad field is a
        StoreError naming it); undoable as one step. Returns the stored record."""
        ds = self._prepare(correction.doc, correction.annotator)
        try:
            correction = correction.checked()
        except BadCorrection as exc:
            raise StoreError(str(exc)) from None
        who = correction.annotator
        old = ds.get(CORRECTIONS_TABLE, (who, *correction.key))
        moved = ds.get(CORRECTIONS_TABLE, (who, *replaces)) if replaces and replaces != correction.key else None
        earlier = old or moved
        if earlier is not None:
            correction = correction.replace(created=earlier.get("created") or correction.created)
            if moved is None and IndicatorCorrection.from_dict(old).same_content(correction):
                return IndicatorCorrection.from_dict(old)
        changes = [_Change(CORRECTIONS, correction.doc, who, correction.key, old, correction.to_dict())]
        if moved is not None:
            changes.insert(0, _Change(CORRECTIONS, correction.doc, who, tuple(replaces), moved, None))
        self._apply(changes)
        return correction

    @_locked
    def remove_correction(self, doc_id: str, key: tuple[str, int], *, annotator: str) -> IndicatorCorrection | None:
        """Drop an annotator's correction (the extractor's reading shows again); undoable. Returns
        the removed record, None if there was none."""
        ds = self._prepare(doc_id, annotator)
        old = ds.get(CORRECTIONS_TABLE, (annotator, *key))
        if old is not None:
            self._apply([_Change(CORRECTIONS, doc_id, annotator, tuple(key), old, None)])
        return None if old is None else IndicatorCorrection.from_dict(old)

    # --- review marks and positions ---------------------------------------------------------
    @_locked
    def mark_reviewed(
        self, doc_id: str, section: tuple[str, ...] | None, *, annotator: str, reviewed: bool = True
    ) -> ReviewMark | None:
        """Mark a section (titles path) or, with None, the whole document as reviewed by `annotator`:
        its unlabelled sentences are then explicit negatives. `reviewed=False` removes the mark.
        Part of the undo history.
        """
        ds = self._prepare(doc_id, annotator)
        key = tuple(section or ())
        old = ds.get_reviewed(annotator, key)
        if old is not None and reviewed:
            return ReviewMark.from_dict(old)
        mark = ReviewMark.new(doc_id, key, annotator=annotator) if reviewed else None
        self._apply([_Change(REVIEWS, doc_id, annotator, key, old, mark and mark.to_dict())])
        return mark

    @_locked
    def reviewed(self, doc_id: str | None = None, annotator: str | None = None) -> list[ReviewMark]:
        """Review marks ({doc, section (titles; () = whole document), annotator, created, updated})."""
        docs = [doc_id] if doc_id is not None else self.doc_ids()
        out = [
            ReviewMark.from_dict(r)
            for d in docs
            for r in self._doc(d).reviewed_records()
            if annotator is None or r.get("annotator") == annotator
        ]
        out.sort(key=lambda m: (m.doc, m.annotator, m.section))
        return out

    @_locked
    def get_position(self, doc_id: str, annotator: str) -> str | None:
        """The sentence id this annotator was last at in this document (from the user's state
        file; see `reader.labels.positions`), else where an older version stored it."""
        found = Positions(self.path, annotator).get(doc_id)
        if found is None and (self.path / f"{doc_id}.json").exists():
            found = self._doc(doc_id).get_position(annotator)
        return found

    def set_position(self, doc_id: str, annotator: str, sentence_id: str) -> bool:
        """Remember where the annotator is, in the user's state file, never in the (tracked)
        annotations folder: works on a read-only store too. False if it could not be written."""
        return Positions(self.path, annotator).set(doc_id, sentence_id)

    # --- bulk -------------------------------------------------------------------------------
    @_locked
    def bulk_set(
        self, records: Iterable[Mapping], *, overwrite: bool = False, marks: Iterable[Mapping] = ()
    ) -> BulkReport:
        """Store many label records (and review marks): one atomic write per document. Idempotent.

        Each record is a `LabelRecord` (stored as it is), or a mapping that needs doc, sentence,
        label (a label, "none", or None with a note), annotator, text, and may carry section, line,
        start, end, note, created, updated, text_changed, labelled_text. A record that says the
        same as the stored one is left alone; a different stored label of the same annotator is a
        conflict, kept unless `overwrite`. Not part of the undo history.
        """
        self._writable()
        by_doc: dict[str, list[LabelRecord]] = defaultdict(list)
        checked: set[tuple[str | None, str]] = set()
        for raw in records:
            if (raw["label"], raw["annotator"]) not in checked:
                self._check_label(raw["label"])
                self._check_annotator(raw["annotator"])
                checked.add((raw["label"], raw["annotator"]))
            if raw.__class__ is LabelRecord:  # already a record (`reader import-labels` makes them)
                by_doc[raw.doc].append(raw)
                continue
            rec = LabelRecord.new(
                raw["doc"],
                raw["sentence"],
                raw["label"],
                annotator=raw["annotator"],
                text=raw.get("text") or "",
                section=raw.get("section") or (),
                line=raw.get("line"),
                start=raw.get("start"),
                end=raw.get("end"),
                note=raw.get("note"),
                created=raw.get("created"),
                updated=raw.get("updated"),
            )
            if raw.get("text_changed"):
                rec = rec.replace(text_changed=True, labelled_text=raw.get("labelled_text") or None)
            if is_clause(raw):
                rec = rec.replace(
                    **{name: raw.get(name) for name in ("unit", "clause_start", "clause_end", "clause_text")}
                )
            by_doc[rec.doc].append(rec)
        marks_by_doc: dict[str, list[ReviewMark]] = defaultdict(list)
        for raw in marks:
            self._check_annotator(raw["annotator"])
            mark = ReviewMark.new(
                raw["doc"],
                raw.get("section"),
                annotator=raw["annotator"],
                created=raw.get("created"),
                updated=raw.get("updated"),
            )
            marks_by_doc[mark.doc].append(mark)
        report = BulkReport()
        pending: list[DocStore] = []
        try:
            for doc_id in dict.fromkeys([*by_doc, *marks_by_doc]):
                ds = self._doc(doc_id)
                pending.append(ds)
                with ds.batch(defer=True):
                    self._bulk_doc(ds, by_doc.get(doc_id, ()), overwrite, report)
                    for mark in marks_by_doc.get(doc_id, ()):
                        if ds.get_reviewed(mark.annotator, mark.section) is None:
                            ds.put_reviewed(mark.to_dict())
                            report.reviews += 1
                            report.docs.add(doc_id)
            flush_group([ds.storage for ds in pending], self.path)
        except BaseException as exc:
            for ds in pending:  # whatever was not written is read back from disk
                if ds.storage.dirty:
                    ds.storage.invalidate()
                ds.sync()
            if isinstance(exc, OSError):
                raise StoreWriteError.from_os_error(
                    self.path, exc, "the reports written before it are complete; run it again"
                ) from exc
            raise
        return report

    def _bulk_doc(self, ds: DocStore, recs: Iterable[LabelRecord], overwrite: bool, report: BulkReport) -> None:
        put: dict[tuple[str, str], LabelRecord] = {}  # what this call stores, by (annotator, sentence)
        for new in recs:
            key = (new.annotator, new.key)
            old = put.get(key) or self._record(ds, *key)
            if old is None:
                put[key] = new
                report.added += 1
            elif old.label is None or new.label is None or old.same_content(new):
                merged = old.replace(
                    label=old.label or new.label,
                    note=old.note or new.note,
                    text_changed=old.text_changed if old.label else new.text_changed,
                    labelled_text=old.labelled_text if old.label else new.labelled_text,
                )
                if merged == old:
                    report.unchanged += 1
                    continue
                put[key] = merged
                report.updated += 1
            elif overwrite:
                put[key] = new.replace(created=old.created or new.created)
                report.updated += 1
            else:
                report.conflicts.append((old, new))
                continue
            report.docs.add(ds.doc_id)
        ds.put_labels([r.to_dict() for r in put.values()])

    # --- re-attachment ----------------------------------------------------------------------
    @staticmethod
    def _on_sentence(rec: LabelRecord, s, **more) -> LabelRecord:
        """`rec` placed on sentence `s`: its id, section, line and offsets now, no longer an orphan."""
        return rec.replace(
            sentence=s.id, orphan=False, section=s.section, line=s.line, start=s.start, end=s.end, **more
        )

    @staticmethod
    def _clause_fresh(rec: LabelRecord, s, found) -> LabelRecord:
        """A clause's record on its located sentence: the sentence's text and place now, the
        clause's offsets now, its text as labelled kept while it differs (`text_changed`)."""
        start, end = found.clause
        return AnnotationStore._on_sentence(
            rec,
            s,
            text=s.text,
            clause_start=start,
            clause_end=end,
            text_changed=found.text_changed,
            labelled_text=None,
        )

    @_locked
    def reattach(
        self, doc, annotator: str | None = None, *, dry_run: bool = False, refresh: bool = False
    ) -> ReattachReport:
        """Re-attach a document's labels after its text or the pipeline changed, by
        `reader.labels.locate` (the rule export and training use too): by id, else the same text
        nearest the old place, else a small edit in the same section (`text_changed`, the text as
        labelled kept in `labelled_text`), else an orphan (`orphan: True`), kept forever. Former
        orphans that match again are revived. `doc` is a `reader.text.model.Document`.

        Only changes of meaning are written (a label moved, orphaned, revived, its text changed):
        opening an unchanged report never rewrites its file. Fresh positions (line, offsets,
        section) are written along with them, or always with `refresh=True` (`reader doctor --repair`).
        """
        if not dry_run:
            self._writable()
        ds = self._doc(doc.id)
        records = [
            LabelRecord.from_dict(r) for r in ds.label_records() if annotator is None or r.get("annotator") == annotator
        ]
        report = ReattachReport(doc.id)
        plan: list[tuple[str | None, LabelRecord]] = []  # (old sentence id to remove or None, record to put)
        refreshes: list[LabelRecord] = []
        for rec, found in locate_all(records, doc):
            who, s = rec.annotator, found.sentence
            if s is None:
                if rec.orphan:
                    report.still_orphans.append(rec)
                else:
                    report.orphaned.append(rec.replace(orphan=True))
                    plan.append((None, rec.replace(orphan=True)))
                continue
            if (
                found.how == "id"
                and not (found.text_changed or rec.text_changed or rec.orphan)
                and (rec.start, rec.end, rec.line, rec.section) == (s.start, s.end, s.line, tuple(s.section))
                and (not rec.is_clause or rec.text == s.text)  # an imported clause learns its sentence
            ):
                report.kept += 1  # the common case, and the same as `fresh == rec` below
                continue
            if rec.is_clause:
                fresh = self._clause_fresh(rec, s, found)
                if fresh.key != rec.key:
                    report.moved.append((who, rec.key, fresh.key))
                    plan.append((rec.key, fresh))
                elif rec.orphan:
                    report.revived.append((who, rec.key, fresh.key))
                    plan.append((None, fresh))
                elif fresh.text_changed != rec.text_changed or fresh.text != rec.text:
                    plan.append((None, fresh))  # the sentence's text is how the clause is found
                elif fresh != rec:
                    report.refreshed += 1
                    refreshes.append(fresh)
                else:
                    report.kept += 1
                continue
            labelled = rec.labelled_text or rec.text
            fresh = self._on_sentence(
                rec,
                s,
                text=s.text if found.text_changed else labelled,
                text_changed=found.text_changed,
                labelled_text=labelled if found.text_changed else None,
            )
            if s.id != rec.sentence:
                if rec.orphan:
                    report.revived.append((who, rec.sentence, s.id))
                else:
                    (report.edited if found.how == "edit" else report.moved).append((who, rec.sentence, s.id))
                plan.append((rec.sentence, fresh))
            elif rec.orphan:
                report.revived.append((who, rec.sentence, s.id))
                plan.append((None, fresh))
            elif fresh.text_changed != rec.text_changed:
                plan.append((None, fresh))
            elif fresh != rec:
                report.refreshed += 1
                refreshes.append(fresh)
            else:
                report.kept += 1
        if (plan or (refresh and refreshes)) and not dry_run:
            plan += [(None, r) for r in refreshes]
            try:
                with ds.batch():
                    for old_id, rec in plan:
                        if old_id is not None:
                            ds.remove_label(rec.annotator, old_id)  # a sentence id or a clause's key
                        ds.put_label(rec.to_dict())
            except OSError as exc:
                raise StoreWriteError.from_os_error(ds.path, exc) from exc
        return report
