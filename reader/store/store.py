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
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.store.docstore import DocStore
from reader.store.errors import ReadOnlyStore, StoreError
from reader.store.folding import BackgroundFolder
from reader.store.labelset import LabelSet, load_labelset
from reader.store.records import label_record, now, same_content, squeeze
from reader.store.storage import BACKUP_SUFFIX, TMP_MARK, atomic_write, flush_group

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


def _copy(record: dict[str, Any]) -> dict[str, Any]:
    out = dict(record)
    if isinstance(out.get("section"), list):
        out["section"] = list(out["section"])
    return out


@dataclass
class BulkReport:
    """What `bulk_set` did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: list[tuple[dict, dict]] = field(default_factory=list)
    """(stored record, incoming record) pairs left as stored (without `overwrite`)."""
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
    orphaned: list[dict] = field(default_factory=list)
    """Records whose sentence is gone (newly orphaned: kept, flagged `orphan: True`)."""
    still_orphans: list[dict] = field(default_factory=list)
    refreshed: int = 0
    """Labels whose sentence is unchanged but whose position (line, offsets, section) moved."""

    @property
    def changed(self) -> bool:
        return bool(self.moved or self.revived or self.orphaned or self.refreshed)


class AnnotationStore:
    """The annotation store. See the README section "Python API" for a tour."""

    def __init__(
        self, path: str | Path = "annotations", *, read_only: bool = False, labelset: LabelSet | None = None
    ) -> None:
        self.path = Path(path)
        self._mutex = threading.RLock()
        self._docs: dict[str, DocStore] = {}
        self._undo: list[dict[str, Any]] = []
        self._redo: list[dict[str, Any]] = []
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
        import filelock

        try:
            self.path.mkdir(parents=True, exist_ok=True)
            lock = filelock.FileLock(str(self.path / LOCK_FILE), timeout=0, thread_local=False)
            lock.acquire(timeout=0)
        except filelock.Timeout:
            self.read_only_reason = (
                f"{self.path} is in use by another reader ({self._holder()}); this one is "
                "read-only — close the other one to label here"
            )
            return
        except OSError as exc:
            self.read_only_reason = f"cannot write to {self.path} ({exc.strerror or exc}); read-only"
            return
        self._lock = lock
        info = {"pid": os.getpid(), "host": socket.gethostname(), "since": now()}
        with contextlib.suppress(OSError):
            atomic_write(self.path / WRITER_FILE, json.dumps(info).encode(), sync_dir=False)
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

    def _check_label(self, label: str) -> None:
        if label not in self.labelset:
            raise StoreError(f"unknown label {label!r}; the labels are {', '.join(self.labelset.names)}")

    @staticmethod
    def _check_annotator(annotator: str) -> None:
        if not isinstance(annotator, str) or not annotator.strip():
            raise StoreError("an annotator name is needed (--annotator NAME or $READER_ANNOTATOR)")

    def _writable(self) -> None:
        if self.read_only_reason:
            raise ReadOnlyStore(self.read_only_reason)

    # --- labels -----------------------------------------------------------------------------
    def _change(self, ds: DocStore, annotator: str, sentence: str, after: dict | None, *, history: bool = True) -> None:
        before = ds.get_label(annotator, sentence)
        if after is None:
            ds.remove_label(annotator, sentence)
        else:
            ds.put_label(after)
        if history:
            self._undo.append(
                {
                    "doc": ds.doc_id,
                    "sentence": sentence,
                    "annotator": annotator,
                    "before": before,
                    "after": after and _copy(after),
                }
            )
            del self._undo[:-HISTORY_LIMIT]
            self._redo.clear()

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
    ) -> dict:
        """Give a sentence a label (replacing this annotator's previous one); returns the record.

        `note=None` keeps an existing note. Durable when it returns.
        """
        self._writable()
        self._check_label(label)
        self._check_annotator(annotator)
        ds = self._doc(doc_id)
        old = ds.get_label(annotator, sentence_id)
        record = label_record(
            doc_id,
            sentence_id,
            label,
            annotator=annotator,
            text=text,
            section=section,
            line=line,
            start=start,
            end=end,
            note=note if note is not None else (old or {}).get("note"),
            created=(old or {}).get("created"),
        )
        if old is not None and all(old.get(k) == record[k] for k in record if k not in ("updated",)):
            return old
        self._change(ds, annotator, sentence_id, record)
        return _copy(record)

    @_locked
    def clear_label(self, doc_id: str, sentence_id: str, *, annotator: str) -> dict | None:
        """Remove this annotator's label of a sentence (a note stays); returns the removed record."""
        self._writable()
        ds = self._doc(doc_id)
        old = ds.get_label(annotator, sentence_id)
        if old is None or old.get("label") is None:
            return None
        after = None
        if old.get("note"):
            after = dict(old, label=None, updated=now())
        self._change(ds, annotator, sentence_id, after)
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
    ) -> dict:
        """Attach a note to a sentence (labelled or not); an empty note removes it. Returns the record."""
        self._writable()
        self._check_annotator(annotator)
        ds = self._doc(doc_id)
        old = ds.get_label(annotator, sentence_id)
        note = (note or "").strip() or None
        if old is None:
            record = label_record(
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
            )
            if note is None:
                return record
        else:
            if (old.get("note") or None) == note:
                return old
            record = dict(old, note=note, updated=now())
        after = None if (record["label"] is None and note is None) else record
        self._change(ds, annotator, sentence_id, after)
        return _copy(record)

    @_locked
    def get_label(self, doc_id: str, sentence_id: str, *, annotator: str) -> dict | None:
        rec = self._doc(doc_id).get_label(annotator, sentence_id)
        return None if rec is None else _copy(rec)

    @_locked
    def labels(
        self, doc_id: str | None = None, annotator: str | None = None, *, include_notes: bool = False
    ) -> list[dict]:
        """Label records (copies), by document then position. Orphans are included (`orphan: True`).

        `include_notes` adds note-only records (a note on an unlabelled sentence: `label` None).
        """
        docs = [doc_id] if doc_id is not None else self.doc_ids()
        out = []
        for d in docs:
            for rec in self._doc(d).label_records():
                if annotator is not None and rec.get("annotator") != annotator:
                    continue
                if rec.get("label") is None and not include_notes:
                    continue
                out.append(_copy(rec))
        out.sort(
            key=lambda r: (
                r["doc"],
                r.get("start") is None,
                r.get("start") or 0,
                r.get("line") or 0,
                r["sentence"],
                r["annotator"],
            )
        )
        return out

    @_locked
    def doc_labels(self, doc_id: str, annotator: str, *, include_notes: bool = False) -> dict[str, dict]:
        """{sentence id: record} of one annotator on one document: what the app paints."""
        return {
            rec["sentence"]: _copy(rec)
            for rec in self._doc(doc_id).label_records()
            if rec.get("annotator") == annotator and (include_notes or rec.get("label") is not None)
        }

    @_locked
    def orphans(self, doc_id: str | None = None, annotator: str | None = None) -> list[dict]:
        """Labels whose sentence is no longer in the document (kept, never dropped)."""
        return [r for r in self.labels(doc_id, annotator, include_notes=True) if r.get("orphan")]

    # --- undo / redo ------------------------------------------------------------------------
    def _restore(self, entry: dict, state: str, action: str) -> dict:
        ds = self._doc(entry["doc"])
        record = entry[state]
        if record is None:
            ds.remove_label(entry["annotator"], entry["sentence"])
        else:
            ds.put_label(_copy(record))
        return {
            "action": action,
            "doc": entry["doc"],
            "sentence": entry["sentence"],
            "annotator": entry["annotator"],
            "record": record and _copy(record),
        }

    @_locked
    def undo(self) -> dict | None:
        """Undo the last label change of this session (durably). Returns what it did, or None.

        The result: {action: "undo", doc, sentence, annotator, record (the restored record or None)}.
        """
        self._writable()
        if not self._undo:
            return None
        entry = self._undo[-1]
        result = self._restore(entry, "before", "undo")
        self._undo.pop()
        self._redo.append(entry)
        return result

    @_locked
    def redo(self) -> dict | None:
        """Redo the last undone change; same result shape as undo (action "redo")."""
        self._writable()
        if not self._redo:
            return None
        entry = self._redo[-1]
        result = self._restore(entry, "after", "redo")
        self._redo.pop()
        self._undo.append(entry)
        return result

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    # --- reviewed marks and positions -------------------------------------------------------
    @_locked
    def mark_reviewed(
        self, doc_id: str, section: tuple[str, ...] | None, *, annotator: str, reviewed: bool = True
    ) -> dict | None:
        """Mark a section (titles path) or, with None, the whole document as reviewed by `annotator`:
        its unlabelled sentences are then explicit negatives. `reviewed=False` removes the mark.
        """
        self._writable()
        self._check_annotator(annotator)
        ds = self._doc(doc_id)
        key = tuple(section or ())
        old = ds.get_reviewed(annotator, key)
        if not reviewed:
            if old is not None:
                ds.remove_reviewed(annotator, key)
            return None
        if old is not None:
            return old
        stamp = now()
        record = {
            "doc": doc_id,
            "section": list(key),
            "annotator": annotator,
            "created": stamp,
            "updated": stamp,
            "schema": 1,
        }
        ds.put_reviewed(record)
        return dict(record)

    @_locked
    def reviewed(self, doc_id: str | None = None, annotator: str | None = None) -> list[dict]:
        """Reviewed marks: {doc, section (list of titles; [] = whole document), annotator, ...}."""
        docs = [doc_id] if doc_id is not None else self.doc_ids()
        out = [
            _copy(r)
            for d in docs
            for r in self._doc(d).reviewed_records()
            if annotator is None or r.get("annotator") == annotator
        ]
        out.sort(key=lambda r: (r["doc"], r["annotator"], r["section"]))
        return out

    @_locked
    def get_position(self, doc_id: str, annotator: str) -> str | None:
        """The sentence id this annotator was last at in this document."""
        return self._doc(doc_id).get_position(annotator)

    @_locked
    def set_position(self, doc_id: str, annotator: str, sentence_id: str) -> None:
        """Remember where the annotator is (a small write; a no-op when unchanged or read-only)."""
        if self.read_only:
            return
        ds = self._doc(doc_id)
        if ds.read_only_reason or ds.get_position(annotator) == sentence_id:
            return
        ds.put_position({"annotator": annotator, "sentence": sentence_id, "updated": now()})

    # --- bulk -------------------------------------------------------------------------------
    @_locked
    def bulk_set(self, records: Iterable[dict], *, overwrite: bool = False) -> BulkReport:
        """Store many label records: one atomic write per document. Idempotent.

        Each record needs doc, sentence, label, annotator, text; may carry section, line, start,
        end, note, created, updated. A record that says the same as the stored one is left alone;
        a different stored label of the same annotator is a conflict, kept unless `overwrite`.
        Not part of the undo history.
        """
        self._writable()
        by_doc: dict[str, list[dict]] = defaultdict(list)
        for rec in records:
            self._check_label(rec["label"])
            self._check_annotator(rec["annotator"])
            by_doc[rec["doc"]].append(rec)
        report = BulkReport()
        pending: list[DocStore] = []
        try:
            for doc_id, recs in by_doc.items():
                ds = self._doc(doc_id)
                pending.append(ds)
                self._bulk_doc(ds, recs, overwrite, report)
            flush_group([ds.storage for ds in pending], self.path)
        except BaseException:
            for ds in pending:  # whatever was not written is read back from disk
                if ds.storage.dirty:
                    ds.storage.invalidate()
                ds.sync()
            raise
        return report

    def _bulk_doc(self, ds: DocStore, recs: list[dict], overwrite: bool, report: BulkReport) -> None:
        doc_id = ds.doc_id
        with ds.batch(defer=True):
            for rec in recs:
                old = ds.get_label(rec["annotator"], rec["sentence"])
                new = label_record(
                    doc_id,
                    rec["sentence"],
                    rec["label"],
                    annotator=rec["annotator"],
                    text=rec.get("text") or "",
                    section=rec.get("section") or (),
                    line=rec.get("line"),
                    start=rec.get("start"),
                    end=rec.get("end"),
                    note=rec.get("note"),
                    created=rec.get("created"),
                    updated=rec.get("updated"),
                )
                if old is None:
                    ds.put_label(new)
                    report.added += 1
                elif old.get("label") is None or same_content(old, new):
                    if old.get("label") is None:  # a note-only record: the label is welcome
                        ds.put_label(dict(new, created=old["created"], note=new["note"] or old["note"]))
                        report.updated += 1
                    else:
                        report.unchanged += 1
                    continue
                elif overwrite:
                    ds.put_label(dict(new, created=old.get("created") or new["created"]))
                    report.updated += 1
                else:
                    report.conflicts.append((_copy(old), new))
                    continue
                report.docs.add(doc_id)

    # --- re-attachment ----------------------------------------------------------------------
    @_locked
    def reattach(self, doc, annotator: str | None = None, *, dry_run: bool = False) -> ReattachReport:
        """Re-attach a document's labels after its text or the pipeline changed.

        A label keeps its sentence if the id is still there; otherwise it moves to a sentence with
        the same whitespace-free text, the nearest to its old position (keeping its created time);
        failing that it becomes an orphan (`orphan: True`), kept forever. Former orphans that match
        again are revived. `doc` is a `reader.text.model.Document`.
        """
        if not dry_run:
            self._writable()
        ds = self._doc(doc.id)
        by_id = {s.id: s for s in doc.sentences}
        by_text: dict[str, list] = defaultdict(list)
        for s in doc.sentences:
            by_text[squeeze(s.text)].append(s)
        report = ReattachReport(doc.id)
        records = [r for r in ds.label_records() if annotator is None or r.get("annotator") == annotator]
        per_annotator: dict[str, list[dict]] = defaultdict(list)
        for rec in records:
            per_annotator[rec["annotator"]].append(_copy(rec))
        plan: list[tuple[str | None, dict]] = []  # (old sentence id to remove or None, record to put)
        for who, recs in per_annotator.items():
            taken = {r["sentence"] for r in recs if r["sentence"] in by_id}
            for rec in sorted(recs, key=lambda r: (r.get("start") is None, r.get("start") or 0)):
                s = by_id.get(rec["sentence"])
                if s is not None:
                    fresh = dict(rec, orphan=False, section=list(s.section), line=s.line, start=s.start, end=s.end)
                    if rec.get("orphan"):
                        report.revived.append((who, rec["sentence"], s.id))
                        plan.append((None, fresh))
                    elif fresh != rec:
                        report.refreshed += 1
                        plan.append((None, fresh))
                    else:
                        report.kept += 1
                    continue
                cands = [c for c in by_text.get(squeeze(rec.get("text") or ""), []) if c.id not in taken]
                if cands:
                    old = rec.get("start")
                    best = min(cands, key=lambda c: abs(c.start - old) if old is not None else c.index)
                    taken.add(best.id)
                    moved = dict(
                        rec,
                        sentence=best.id,
                        orphan=False,
                        section=list(best.section),
                        line=best.line,
                        start=best.start,
                        end=best.end,
                    )
                    found = report.revived if rec.get("orphan") else report.moved
                    found.append((who, rec["sentence"], best.id))
                    plan.append((rec["sentence"], moved))
                elif rec.get("orphan"):
                    report.still_orphans.append(rec)
                else:
                    report.orphaned.append(dict(rec, orphan=True))
                    plan.append((None, dict(rec, orphan=True)))
        if plan and not dry_run:
            with ds.batch():
                for old_id, rec in plan:
                    if old_id is not None:
                        ds.remove_label(rec["annotator"], old_id)
                    ds.put_label(rec)
        return report
