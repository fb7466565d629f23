"""One document's store: its TinyDB file (tables `labels`, `reviewed`, `indicator_corrections`, ...), the file's
write-ahead journal, and in-memory indexes (record key → TinyDB doc id).

Every change to any table goes through `put`/`remove` (or a `batch`): it is appended to the journal
and fsynced (journal.py) before it is applied in memory, so it costs the same in a 20-label report as
in a 20,000-label one. The journal is folded into the file — one atomic whole-file write, see
storage.py — after FOLD_EVERY changes or FOLD_IDLE seconds (in the background: `fold_in_background`),
when the store is closed, and when a writer opens a document whose journal an interrupted session
left (recovery). A large batch is written as the whole file directly.

What the document holds is always "the file, then the journal replayed onto it". A read-only
instance (export, stats, doctor, a second app) replays the journal without writing anything, and
follows the writer by reading only what was appended since (one `stat` per access when nothing
changed). A fold renames the new file into place *before* it empties the journal, so a reader that
sees the journal emptied also sees the new file; it reads file → journal → checks the file again.

A damaged file, or a journal with a damaged line, makes this document read-only: the file's last good
copy (`.bak`) plus the journal's readable changes are shown, nothing is written, and
`reader doctor --repair` mends it (`repair`).

A table is declared in TABLE_KEYS with the fields that identify a record in it (one record per key).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import time
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from reader.files import atomic_write
from reader.labels.clauses import unit_key
from reader.store import journal as jr
from reader.store.errors import ReadOnlyStore, StoreError
from reader.store.journal import Change, Journal, Replay
from reader.store.storage import AtomicJSONStorage, DamagedFile, flush_group, parse, salvage, serialize

LABELS, REVIEWED, POSITIONS = "labels", "reviewed", "positions"
CORRECTIONS = "indicator_corrections"

TABLE_KEYS: dict[str, Callable[[dict[str, Any]], Hashable]] = {
    LABELS: lambda r: (r["annotator"], unit_key(r["sentence"], r.get("clause_start"), r.get("clause_end"))),
    REVIEWED: lambda r: (r["annotator"], tuple(r.get("section") or ())),
    POSITIONS: lambda r: r["annotator"],
    CORRECTIONS: lambda r: (r["annotator"], r["sentence"], r.get("at", 0)),
}
"""Each table's record key: a record replaces the one with the same key. A label's is its unit: the
sentence id, or a clause's key (`reader.labels.clauses.unit_key`)."""

READ_PATIENCE = 10.0
"""Seconds a reader keeps retrying to read the file and its journal as one version while a writer
folds (each fold renames a new file into place, then shortens the journal): the file, then the
journal, then the file unchanged, or read again. Never the file of one version with the journal of
the next: that would show a state missing acknowledged changes."""


class DocStore:
    def __init__(self, path: Path, doc_id: str, *, read_only_reason: str | None = None) -> None:
        self.path = path
        self.doc_id = doc_id
        self.store_reason = read_only_reason
        self.storage = AtomicJSONStorage(path, read_only=read_only_reason is not None)
        self.storage.on_written = self._folded
        self.db = TinyDB(storage=lambda: self.storage)
        """TinyDB over the same storage (whole-file writes); the store's own changes use `put`."""
        self.journal = Journal(path)
        self.damage: str | None = None
        """What is wrong with the file or its journal, if damaged (then the document is read-only)."""
        self.showing_backup = False
        self.torn: int = 0
        """Bytes of a torn last journal line seen (ignored: a write cut by a crash, never acknowledged)."""
        self.recovered: str | None = None
        """What the writer's recovery did on opening (replayed an interrupted session's journal)."""
        self._index: dict[str, dict[Hashable, int]] = {}
        self._generation = -1
        self._next_id = 1
        self._journal_sig: tuple[int, int, int] | None = None
        self._journal_end = 0
        self._journal_lines = 0
        self._journal_name: str | None = None
        self.pending = 0
        """Changes in the journal not yet folded into the file."""
        self.last_change = 0.0
        """`time.monotonic()` of the last journalled change (the background folder's idle clock)."""
        self._batch: list[Change] | None = None
        self._batch_depth = 0
        self._journal_bad = False
        self._reload()
        if not self.storage.read_only and self.damage is None and self._journal_sig is not None:
            self._recover()

    # --- state ------------------------------------------------------------------------------
    @property
    def read_only_reason(self) -> str | None:
        if self.journal_damaged:
            return (
                f"{self.journal.path.name} has damaged lines ({self.damage}); this document is read-only "
                f"and shows {self.path.name} with the journal's readable changes; run `reader doctor --repair`"
            )
        if self.damage:
            shown = "its last good copy (.bak) is shown" if self.showing_backup else "no backup to show"
            return (
                f"{self.path.name} is damaged ({self.damage}); this document is read-only and "
                f"{shown}; run `reader doctor --repair`"
            )
        return self.store_reason

    @property
    def journal_damaged(self) -> bool:
        return self._journal_bad

    @property
    def problem(self) -> str | None:
        """What is wrong, for `reader doctor` and `AnnotationStore.problems` (None when healthy)."""
        if self.journal_damaged:
            return f"{self.damage}; the document is read-only (the file and the readable changes are shown)"
        if self.damage:
            backup = "its backup is good" if self.showing_backup else "no usable backup"
            return f"{self.damage}; {backup}; the document is read-only"
        return None

    def sync(self) -> None:
        """Bring memory up to date with the file and its journal (cheap when unchanged: two stats)."""
        if self._batch_depth:
            return
        if self.storage.changed_on_disk():
            self._reload()
            return
        sig = self.journal.signature()
        if sig == self._journal_sig:
            return
        old = self._journal_sig
        if sig is None or old is None or sig[0] != old[0] or sig[1] < self._journal_end or self.damage:
            self._reload()
            return
        # The journal grew (a writer appended): apply only the new lines.
        replay, sig = self.journal.read(self._journal_end, self._journal_lines + 1)
        if replay.name != self._journal_name or self.storage.changed_on_disk():
            self._reload()  # emptied, or folded meanwhile: what we read is a new journal
            return
        if replay.bad:
            self._reload()
            return
        self._apply(replay.changes)
        self._take(replay, sig, incremental=True)

    def _take(self, replay: Replay, sig, *, incremental: bool) -> None:
        self._journal_sig = sig
        self._journal_end = replay.end
        self._journal_name = replay.name
        self.torn = replay.torn
        if incremental:
            self._journal_lines += replay.lines
            self.pending += len(replay.changes)
        else:
            self._journal_lines = replay.lines
            self.pending = len(replay.changes)

    def _reload(self) -> None:
        """Read the file, then its journal, and replay it; again if the file changed meanwhile."""
        self.damage = None
        self._journal_bad = False
        self.showing_backup = False
        self.storage.read_only = self.store_reason is not None
        deadline = time.monotonic() + READ_PATIENCE
        for attempt in itertools.count():
            if attempt >= 3:  # a writer is folding right now: give it a moment
                if time.monotonic() > deadline:
                    raise StoreError(
                        f"{self.path.name} kept changing while it was read (another process rewrites "
                        "it continuously); try again"
                    )
                time.sleep(min(0.05, 0.001 * 2**attempt))
            try:
                self.storage.load()
                if not self.storage.exists and self.storage.backup_path.exists():
                    raise DamagedFile(f"missing, but its backup {self.storage.backup_path.name} is there")
            except DamagedFile as exc:
                replay, sig = self.journal.read()
                self._fall_back(str(exc), replay)
                self._take(replay, sig, incremental=False)
                return
            replay, sig = self.journal.read()
            if not self.storage.changed_on_disk():
                break
        data = self.storage.data()
        jr.apply(data, replay.changes)
        self._take(replay, sig, incremental=False)
        self._reindex()
        if replay.bad:
            more = f" and {len(replay.bad) - 3} more" if len(replay.bad) > 3 else ""
            self.damage = "; ".join(replay.bad[:3]) + more
            self._journal_bad = True
            self.storage.read_only = True
        else:
            self._ensure_backup()

    def _ensure_backup(self) -> None:
        """A healthy file without a backup (copied in, or shipped) gets one now, so that
        `reader doctor --repair` always has a last good copy to restore."""
        storage = self.storage
        if storage.read_only or storage.backup_path.exists() or not storage.path.exists():
            return
        with contextlib.suppress(OSError):
            atomic_write(storage.backup_path, storage.path.read_bytes(), sync_file=False)

    def _fall_back(self, damage: str, replay: Replay) -> None:
        self.damage = damage
        self.storage.read_only = True
        self.showing_backup = False
        try:
            data = parse(self.storage.backup_path.read_bytes())
        except (OSError, DamagedFile):
            data = {}
        else:
            self.showing_backup = True
        jr.apply(data, replay.changes)  # the backup is the file as of the journal's start
        # Serve the backup's data from memory; the damaged file is never written.
        self.storage.show(data)
        self._reindex()

    def _reindex(self) -> None:
        data = self.storage.data()
        self._index = {}
        for table, key in TABLE_KEYS.items():
            self._index[table] = {key(r): int(i) for i, r in data.get(table, {}).items()}
        ids = [int(i) for table in data.values() for i in table]
        self._next_id = max(ids, default=0) + 1
        self._generation = self.storage.generation

    def check_writable(self) -> None:
        self.sync()
        reason = self.read_only_reason
        if reason:
            raise ReadOnlyStore(reason)

    # --- changes ----------------------------------------------------------------------------
    def _apply(self, changes: list[Change]) -> None:
        """Apply changes to the in-memory data and the indexes."""
        data = self.storage.data()
        for table, doc_id, record in changes:
            rows = data.setdefault(table, {})
            key = TABLE_KEYS.get(table)
            index = self._index.setdefault(table, {})
            number = int(doc_id)
            old = rows.get(doc_id)
            if old is not None and key is not None:
                old_key = key(old)
                if index.get(old_key) == number:
                    del index[old_key]
            if record is None:
                rows.pop(doc_id, None)
            else:
                rows[doc_id] = record
                if key is not None:
                    index[key(record)] = number
            if number >= self._next_id:
                self._next_id = number + 1

    def _commit(self, changes: list[Change]) -> None:
        """Make changes durable, then apply them in memory (in a batch: apply now, commit at its end)."""
        if self._batch is not None:
            self._apply(changes)
            self._batch.extend(changes)
            self.storage.mark_dirty()
            return
        if not self.storage.exists or jr.FOLD_EVERY <= 1:
            # A new document's first file is tiny: written whole (the journal needs a file to fold
            # into). FOLD_EVERY = 1 turns the journal off: every change rewrites the file.
            self._write_whole(changes)
            return
        self._journal(changes)

    def _journal(self, changes: list[Change]) -> None:
        self._journal_sig, lines = self.journal.append(changes, self._journal_end)
        self._apply(changes)
        self._journal_end = self._journal_sig[1]
        self._journal_lines += lines
        self.pending += len(changes)
        self.last_change = time.monotonic()

    def _write_whole(self, changes: list[Change]) -> None:
        self._apply(changes)
        try:
            self.storage.flush()
        except BaseException:
            self._reload()
            raise

    def put(self, table: str, record: dict[str, Any]) -> None:
        """Store `record` in `table`, replacing the record with the same key. Durable on return."""
        self.check_writable()
        doc_id = self._index.setdefault(table, {}).get(TABLE_KEYS[table](record))
        if doc_id is None:
            doc_id = self._next_id
        self._commit([(table, str(doc_id), dict(record))])

    def put_all(self, table: str, records: list[dict[str, Any]]) -> None:
        """`put` of many records inside a `batch` (bulk import): the batch checked that the document
        is writable and writes them at its end. The records are stored as given (not copied)."""
        if self._batch is None:
            raise RuntimeError("put_all is for inside a batch")
        rows = self.storage.data().setdefault(table, {})
        index = self._index.setdefault(table, {})
        key = TABLE_KEYS[table]
        changes = []
        for record in records:
            k = key(record)
            number = index.get(k)
            if number is None:
                number = index[k] = self._next_id
                self._next_id += 1
            doc_id = str(number)
            rows[doc_id] = record
            changes.append((table, doc_id, record))
        self._batch.extend(changes)
        self.storage.mark_dirty()

    def remove(self, table: str, key: Hashable) -> None:
        """Remove the record of `table` with this key (nothing if there is none). Durable on return."""
        self.check_writable()
        doc_id = self._index.get(table, {}).get(key)
        if doc_id is not None:
            self._commit([(table, str(doc_id), None)])

    def get(self, table: str, key: Hashable) -> dict[str, Any] | None:
        """A copy of the record of `table` with this key, or None."""
        doc_id = self._index.get(table, {}).get(key)
        return None if doc_id is None else dict(self._raw(table)[str(doc_id)])

    def records(self, table: str) -> list[dict[str, Any]]:
        """The records of `table` (the stored objects themselves: copy before changing one)."""
        return list(self._raw(table).values())

    def _raw(self, name: str) -> dict[str, dict[str, Any]]:
        return (self.storage.read() or {}).get(name, {})

    @contextlib.contextmanager
    def batch(self, *, defer: bool = False) -> Iterator[None]:
        """Many changes that apply all or none (nothing is written if an error escapes): one journal
        line, or one whole-file write for a large batch. With `defer`, the write is left to
        `storage.flush_group` (bulk import of many documents)."""
        self.check_writable()
        self._batch_depth += 1
        if self._batch_depth == 1:
            self._batch = []
        self.storage.begin_batch()
        ok = False
        try:
            yield
            ok = True
        finally:
            self._batch_depth -= 1
            changes = self._batch if self._batch_depth == 0 else None
            if self._batch_depth == 0:
                self._batch = None
            try:
                if changes is None:
                    self.storage.end_batch(commit=ok, defer=True)
                elif not ok:
                    self.storage.end_batch(commit=False)
                    self._reload()
                elif not changes:
                    self.storage.end_batch(commit=True, defer=True)
                elif defer or len(changes) >= jr.BATCH_FOLD or not self.storage.exists or jr.FOLD_EVERY <= 1:
                    self.storage.end_batch(commit=True, defer=defer)  # whole-file write (now, or grouped)
                else:
                    self.storage.end_batch(commit=True, defer=True)
                    self.storage._dirty = False
                    self._journal_batch(changes)
            except BaseException:
                self._reload()
                raise

    def _journal_batch(self, changes: list[Change]) -> None:
        # Already applied in memory: append them as one line; undo in memory if that fails.
        self._journal_sig, lines = self.journal.append(changes, self._journal_end)
        self._journal_end = self._journal_sig[1]
        self._journal_lines += lines
        self.pending += len(changes)
        self.last_change = time.monotonic()

    # --- folding ----------------------------------------------------------------------------
    def _folded(self) -> None:
        """The file was just written whole with every change: empty the journal."""
        if self._journal_sig is not None or self.journal.known_to_exist:
            self._journal_sig = self.journal.truncate()
        self._journal_end = self._journal_sig[1] if self._journal_sig else 0
        self._journal_lines = 1 if self._journal_sig else 0  # its header
        self.pending = 0
        self.torn = 0

    def fold(self) -> None:
        """Fold the journal into the file now (whole-file write; the caller holds the store's lock)."""
        self.sync()
        if self.pending and self.damage is None and not self.storage.read_only:
            self.storage.flush()

    @staticmethod
    def fold_all(docs: list[DocStore]) -> None:
        """Fold every pending journal of a folder at once, their files fsynced in parallel (the
        store's close: a session that touched 1,000 reports does not pay 1,000 folds in a row)."""
        due = []
        for ds in docs:
            ds.sync()
            if ds.pending and ds.damage is None and not ds.storage.read_only and not ds._batch_depth:
                ds.storage.mark_dirty()
                due.append(ds)
        if due:
            flush_group([ds.storage for ds in due], due[0].path.parent)

    def fold_due(self, now: float) -> bool:
        return bool(self.pending) and (self.pending >= jr.FOLD_EVERY or now - self.last_change >= jr.FOLD_IDLE)

    def fold_in_background(self, lock) -> bool:
        """Fold without holding `lock` (the store's) while the file is serialized and fsynced.

        Under the lock: a snapshot of the data and of the journal's length. Without it: the file is
        written to a temp name and fsynced. Under the lock again: renamed into place (unless something
        wrote the file meanwhile), then the journal keeps only what was appended since the snapshot.
        Returns whether the fold was installed.
        """
        with lock:
            self.sync()  # after a failed write, memory is read again from the file and the journal
            if not self.pending or self.damage or self.storage.read_only or self._batch_depth or self.storage.dirty:
                return False
            data = self.storage.data()
            snapshot = {table: dict(rows) for table, rows in data.items()}
            seq, mark, lines, count = self.storage.write_seq, self._journal_end, self._journal_lines, self.pending
        staged = self.storage.stage(snapshot, seq)
        with lock:
            try:
                if not self.storage.install(staged):
                    return False
                if self._journal_end == mark:
                    self._journal_sig = self.journal.truncate()
                    self._journal_end = self._journal_sig[1] if self._journal_sig else 0
                    self._journal_lines = 1 if self._journal_sig else 0  # its header
                else:
                    self._journal_sig = self.journal.keep_tail(mark, self._journal_end)
                    self._journal_end = self._journal_sig[1]
                    self._journal_lines -= lines - 1  # a new header instead of the folded lines
                self.pending -= count
            except BaseException:
                # Whatever happened, the file and the journal together still hold every change
                # (replay is idempotent): read them again.
                self._journal_sig = None
                self.storage.invalidate()
                raise
            return True

    def _recover(self) -> None:
        """On the writer's open: fold the journal an interrupted session left, dropping a torn line."""
        pending, torn = self.pending, self.torn
        if pending:
            self.storage.flush()
        self.journal.remove()
        self._journal_sig = None
        parts = []
        if pending:
            parts.append(f"{pending} change(s) from {self.journal.path.name} folded into {self.path.name}")
        if torn:
            parts.append(f"a torn last line ({torn} bytes, a change cut by a crash before it was saved) dropped")
        self.recovered = "; ".join(parts) or None

    # --- repair -----------------------------------------------------------------------------
    def repair(self) -> str:
        """Mend a damaged file or journal (the writer only; the caller reopens the document).

        A damaged journal: its readable changes are folded into the file and it is moved aside as
        `<journal>.damaged-<time>`. A damaged file: moved aside as `<file>.damaged-<time>` and replaced
        by its last good copy (`.bak`) — without one, by the complete records read from it — and the
        journal is then replayed onto it when the document is reopened.
        """
        from reader.store.records import now

        stamp = now().replace(":", "")
        if self.journal_damaged:
            replay, _ = self.journal.read()
            aside = self.journal.path.with_name(f"{self.journal.path.name}.damaged-{stamp}")
            data = parse(self.path.read_bytes()) if self.path.exists() else {}
            jr.apply(data, replay.changes)
            payload = serialize(data)
            atomic_write(self.path, payload)
            atomic_write(self.storage.backup_path, payload)
            os.replace(self.journal.path, aside)
            return (
                f"{self.path.name}: folded the {len(replay.changes)} readable change(s) of its journal; "
                f"moved the journal to {aside.name} ({len(replay.bad)} damaged line(s))"
            )
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        try:
            data = parse(self.storage.backup_path.read_bytes())
            source = f"restored its backup {self.storage.backup_path.name}"
        except (OSError, DamagedFile):
            data = salvage(self.path.read_bytes()) if self.path.exists() else {}
            count = sum(len(t) for t in data.values())
            source = f"no usable backup; salvaged {count} complete record(s) from it"
        if self.path.exists():
            os.replace(self.path, aside)
            moved = f"moved the damaged file to {aside.name}; "
        else:
            moved = ""
        payload = serialize(data)
        atomic_write(self.path, payload)
        atomic_write(self.storage.backup_path, payload)
        if self.pending:
            source += f"; its journal's {self.pending} change(s) are replayed onto it"
        return f"{self.path.name}: {moved}{source}"

    # --- labels -----------------------------------------------------------------------------
    def get_label(self, annotator: str, key: str) -> dict[str, Any] | None:
        return self.get(LABELS, (annotator, key))

    def put_label(self, record: dict[str, Any]) -> None:
        self.put(LABELS, record)

    def put_labels(self, records: list[dict[str, Any]]) -> None:
        self.put_all(LABELS, records)

    def remove_label(self, annotator: str, key: str) -> None:
        self.remove(LABELS, (annotator, key))

    def label_records(self) -> list[dict[str, Any]]:
        return self.records(LABELS)

    # --- reviewed marks ---------------------------------------------------------------------
    def get_reviewed(self, annotator: str, section: tuple[str, ...]) -> dict[str, Any] | None:
        return self.get(REVIEWED, (annotator, tuple(section)))

    def put_reviewed(self, record: dict[str, Any]) -> None:
        self.put(REVIEWED, record)

    def remove_reviewed(self, annotator: str, section: tuple[str, ...]) -> None:
        self.remove(REVIEWED, (annotator, tuple(section)))

    def reviewed_records(self) -> list[dict[str, Any]]:
        return self.records(REVIEWED)

    # --- positions --------------------------------------------------------------------------
    def get_position(self, annotator: str) -> str | None:
        rec = self.get(POSITIONS, annotator)
        return None if rec is None else rec.get("sentence")

    def put_position(self, record: dict[str, Any]) -> None:
        self.put(POSITIONS, record)

    def close(self) -> None:
        """Fold the journal and remove it (a clean close leaves the TinyDB file and its backup only)."""
        if not self.storage.read_only and self.damage is None and self._batch_depth == 0:
            try:
                self.sync()
                if self.pending and self.damage is None:
                    self.storage.flush()
                if self.journal.known_to_exist or self._journal_sig is not None:
                    self.journal.remove()
                    self._journal_sig = None
            except OSError:
                pass  # not folded: the journal keeps every change and is replayed on the next open
        self.db.close()
