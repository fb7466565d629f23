"""One document's store file: a TinyDB database with tables `labels`, `reviewed` and `positions`.

Keeps an index (annotator, sentence) → TinyDB doc id in memory, rebuilt whenever the file is re-read.
A damaged file makes this document read-only; its backup, if good, is shown instead.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document

from reader.store.errors import ReadOnlyStore
from reader.store.storage import AtomicJSONStorage, DamagedFile, atomic_write, parse

LABELS, REVIEWED, POSITIONS = "labels", "reviewed", "positions"


class DocStore:
    def __init__(self, path: Path, doc_id: str, *, read_only_reason: str | None = None) -> None:
        self.path = path
        self.doc_id = doc_id
        self.store_reason = read_only_reason
        self.storage = AtomicJSONStorage(path, read_only=read_only_reason is not None)
        self.db = TinyDB(storage=lambda: self.storage)
        self.damage: str | None = None
        """What is wrong with the file, if it is damaged (then the document is read-only)."""
        self.showing_backup = False
        self._generation = -1
        self._labels: dict[tuple[str, str], int] = {}
        self._reviewed: dict[tuple[str, tuple[str, ...]], int] = {}
        self._positions: dict[str, int] = {}
        self._next_id = 1
        self.sync()

    # --- state ------------------------------------------------------------------------------
    @property
    def read_only_reason(self) -> str | None:
        if self.damage:
            shown = "its last good copy (.bak) is shown" if self.showing_backup else "no backup to show"
            return (
                f"{self.path.name} is damaged ({self.damage}); this document is read-only and "
                f"{shown}; run `reader doctor --repair`"
            )
        return self.store_reason

    def sync(self) -> None:
        """Bring memory up to date with the file (cheap when unchanged: one stat)."""
        try:
            if self.damage is None:
                reloaded = self.storage.refresh()
            elif self.storage.changed_on_disk():
                self.storage.load()  # repaired or replaced meanwhile
                reloaded = True
            else:
                reloaded = False
            if reloaded:
                if not self.storage.path.exists() and self.storage.backup_path.exists():
                    raise DamagedFile(f"missing, but its backup {self.storage.backup_path.name} is there")
                self.damage = None
                self.showing_backup = False
                self.storage.read_only = self.store_reason is not None
                self._ensure_backup()
        except DamagedFile as exc:
            self._fall_back(str(exc))
        self._reindex()

    def _ensure_backup(self) -> None:
        """A healthy file without a backup (copied in, or shipped) gets one now, so that
        `reader doctor --repair` always has a last good copy to restore."""
        storage = self.storage
        if storage.read_only or storage.backup_path.exists() or not storage.path.exists():
            return
        with contextlib.suppress(OSError):
            atomic_write(storage.backup_path, storage.path.read_bytes(), sync_file=False)

    def _fall_back(self, damage: str) -> None:
        self.damage = damage
        self.storage.read_only = True
        self.showing_backup = False
        backup = self.storage.backup_path
        try:
            data = parse(backup.read_bytes())
        except (OSError, DamagedFile):
            data = {}
        else:
            self.showing_backup = True
        # Serve the backup's data from memory; the damaged file is never written.
        self.storage._data = data
        self.storage._loaded = True
        self.storage.generation += 1
        try:
            st = os.stat(self.storage.path)
            self.storage._signature = (st.st_ino, st.st_size, st.st_mtime_ns)
        except FileNotFoundError:
            self.storage._signature = None

    def _reindex(self) -> None:
        if self._generation == self.storage.generation:
            return
        data = self.storage.read() or {}
        self._labels = {(r["annotator"], r["sentence"]): int(i) for i, r in data.get(LABELS, {}).items()}
        self._reviewed = {
            (r["annotator"], tuple(r.get("section") or ())): int(i) for i, r in data.get(REVIEWED, {}).items()
        }
        self._positions = {r["annotator"]: int(i) for i, r in data.get(POSITIONS, {}).items()}
        ids = [int(i) for table in data.values() for i in table]
        self._next_id = max(ids, default=0) + 1
        self._generation = self.storage.generation

    def check_writable(self) -> None:
        self.sync()
        reason = self.read_only_reason
        if reason:
            raise ReadOnlyStore(reason)

    @contextlib.contextmanager
    def batch(self, *, defer: bool = False) -> Iterator[None]:
        """Many changes, one atomic write at the end (nothing written if an error escapes).

        With `defer`, the write is left to `storage.flush_group` (bulk import of many documents).
        """
        self.check_writable()
        self.storage.begin_batch()
        ok = False
        try:
            yield
            ok = True
        finally:
            self.storage.end_batch(commit=ok, defer=defer)
            if not ok:
                self._generation = -1
                self.sync()

    def _table(self, name: str):
        return self.db.table(name)

    def _raw(self, name: str) -> dict[str, dict[str, Any]]:
        return (self.storage.read() or {}).get(name, {})

    def _put(self, table: str, index: dict, key, record: dict[str, Any]) -> None:
        doc_id = index.get(key)
        try:
            if doc_id is None:
                doc_id = self._next_id
                self._table(table).insert(Document(record, doc_id=doc_id))
                self._next_id += 1
                index[key] = doc_id
            else:
                self._table(table).update(record, doc_ids=[doc_id])
        except BaseException:
            self._generation = -1
            self.sync()
            raise
        self._generation = self.storage.generation

    def _remove(self, table: str, index: dict, key) -> None:
        doc_id = index.get(key)
        if doc_id is None:
            return
        try:
            self._table(table).remove(doc_ids=[doc_id])
        except BaseException:
            self._generation = -1
            self.sync()
            raise
        del index[key]
        self._generation = self.storage.generation

    # --- labels -----------------------------------------------------------------------------
    def get_label(self, annotator: str, sentence: str) -> dict[str, Any] | None:
        doc_id = self._labels.get((annotator, sentence))
        if doc_id is None:
            return None
        return dict(self._raw(LABELS)[str(doc_id)])

    def put_label(self, record: dict[str, Any]) -> None:
        self.check_writable()
        self._put(LABELS, self._labels, (record["annotator"], record["sentence"]), record)

    def remove_label(self, annotator: str, sentence: str) -> None:
        self.check_writable()
        self._remove(LABELS, self._labels, (annotator, sentence))

    def label_records(self) -> list[dict[str, Any]]:
        return list(self._raw(LABELS).values())

    # --- reviewed marks ---------------------------------------------------------------------
    def get_reviewed(self, annotator: str, section: tuple[str, ...]) -> dict[str, Any] | None:
        doc_id = self._reviewed.get((annotator, section))
        return None if doc_id is None else dict(self._raw(REVIEWED)[str(doc_id)])

    def put_reviewed(self, record: dict[str, Any]) -> None:
        self.check_writable()
        self._put(REVIEWED, self._reviewed, (record["annotator"], tuple(record["section"])), record)

    def remove_reviewed(self, annotator: str, section: tuple[str, ...]) -> None:
        self.check_writable()
        self._remove(REVIEWED, self._reviewed, (annotator, section))

    def reviewed_records(self) -> list[dict[str, Any]]:
        return list(self._raw(REVIEWED).values())

    # --- positions --------------------------------------------------------------------------
    def get_position(self, annotator: str) -> str | None:
        doc_id = self._positions.get(annotator)
        return None if doc_id is None else self._raw(POSITIONS)[str(doc_id)].get("sentence")

    def put_position(self, record: dict[str, Any]) -> None:
        self.check_writable()
        self.storage.backup_next_write = False  # a cursor position is not worth a backup write
        self._put(POSITIONS, self._positions, record["annotator"], record)

    def close(self) -> None:
        self.db.close()
