"""A TinyDB `Storage` that writes each file atomically and durably, and never misreads damage.

Why not TinyDB's `JSONStorage`: it rewrites the file in place (a crash mid-write leaves half a file)
and reads a 0-byte file as an empty database, which the next write then overwrites.

Here every write goes to a temp file in the same folder → flush → fsync → `os.replace` → fsync of
the folder, so the file on disk is always either the old or the new version. The parsed data stays
in memory: reads cost nothing unless the file changed on disk (checked with one `stat`). A file that
is empty, truncated or not JSON raises `DamagedFile` instead of being read as empty. After each
whole-file write the same bytes also go, atomically, to `<file>.bak`: the last good copy, which
`reader doctor --repair` restores if the main file is ever damaged by something else.

A single label does not rewrite the file: it is appended to the file's journal (journal.py), and
the journal is folded into the file by a whole-file write from time to time (docstore.py).

The file is readable by people: UTF-8 (no \\uXXXX escapes), one table per block, one record per line.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from reader.files import TMP_MARK, atomic_write, fsync_path, stat_signature, write_file

BACKUP_SUFFIX = ".bak"


class DamagedFile(Exception):
    """A store file that exists but cannot be used; the message says what is wrong."""


def _not_json(obj: Any) -> Any:
    raise TypeError(f"a {type(obj).__name__} cannot be stored in a TinyDB file")


def _record_encoder() -> Callable[[Any], str]:
    """`json.dumps(obj, ensure_ascii=False)`, twice as fast: the C encoder is made once, not per
    record (records come from JSON, so the check for circular references is not needed)."""
    from json.encoder import c_make_encoder, encode_basestring

    if c_make_encoder is None:  # a Python without the C accelerator
        return lambda obj: json.dumps(obj, ensure_ascii=False)
    make = c_make_encoder(None, _not_json, encode_basestring, None, ": ", ", ", False, False, True)
    return lambda obj: "".join(make(obj, 0))


_encode = _record_encoder()
LineCache = dict[str, dict[str, tuple[dict[str, Any], bytes]]]
"""Per table, per record id: (the record object last serialized, its line)."""


def serialize(data: dict[str, dict[str, Any]], cache: LineCache | None = None) -> bytes:
    """TinyDB's data as JSON with one record per line (diff-friendly, and quick to write).

    With a `cache`, a record that is the very object last serialized reuses its line: a write then
    costs one `json.dumps` per changed record, not one per record of the document. Records must
    therefore be replaced, never changed in place, between two calls with the same cache (the
    document store replaces them; whoever changes one in place clears the cache).
    """
    out = [b"{"]
    tables = list(data.items())
    for t, (name, table) in enumerate(tables):
        tail = b"," if t < len(tables) - 1 else b""
        quoted = json.dumps(name, ensure_ascii=False).encode("utf-8")
        if not table:
            out.append(b" " + quoted + b": {}" + tail)
            continue
        out.append(b" " + quoted + b": {")
        lines: dict[str, tuple[dict[str, Any], bytes]] = {}
        if cache is not None:
            lines = cache.setdefault(name, {})
            if len(lines) > 2 * len(table) + 100:  # many records removed since: drop their lines
                lines.clear()
        rows = []
        for doc_id, doc in table.items():
            hit = lines.get(doc_id)
            if hit is not None and hit[0] is doc:
                rows.append(hit[1])
                continue
            line = f"  {_encode(str(doc_id))}: {_encode(doc)}".encode()
            if cache is not None:
                lines[doc_id] = (doc, line)
            rows.append(line)
        out.append(b",\n".join(rows))
        out.append(b" }" + tail)
    out.append(b"}\n")
    return b"\n".join(out)


def parse(raw: bytes) -> dict[str, dict[str, Any]]:
    """Parse a store file, or raise DamagedFile saying what is wrong with it."""
    if not raw.strip():
        raise DamagedFile(f"empty file ({len(raw)} bytes) — a store file is never empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DamagedFile(f"not UTF-8 text (byte {exc.start})") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        ends = text.rstrip()
        cut = exc.pos >= len(ends) or not ends.endswith("}")
        hint = "; it ends abruptly (truncated)" if cut else ""
        raise DamagedFile(f"not valid JSON ({exc.msg}, line {exc.lineno} column {exc.colno}){hint}") from exc
    if not isinstance(data, dict):
        raise DamagedFile(f"not a TinyDB file: top level is a {type(data).__name__}, not an object")
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(doc, dict) for doc in table.values()):
            raise DamagedFile(f"not a TinyDB file: table {name!r} is not an object of records")
    return data


_TABLE_LINE = re.compile(r'^ ("(?:[^"\\]|\\.)*"): \{\}?,?$')
_RECORD_LINE = re.compile(r'^  "(\d+)": (\{.*\}),?$')


def salvage(raw: bytes) -> dict[str, dict[str, Any]]:
    """The complete records of a damaged file written by `serialize` (one record per line)."""
    data: dict[str, dict[str, Any]] = {}
    table = None
    for line in raw.decode("utf-8", errors="replace").splitlines():
        if m := _TABLE_LINE.match(line):
            try:
                table = json.loads(m.group(1))
            except ValueError:
                table = None
            continue
        m = _RECORD_LINE.match(line)
        if m and table is not None:
            try:
                record = json.loads(m.group(2))
            except ValueError:
                continue
            if isinstance(record, dict):
                data.setdefault(table, {})[m.group(1)] = record
    return data


@dataclass
class Staged:
    """A whole-file write prepared outside the store's lock (a background fold), to be installed."""

    data_seq: int
    """`write_seq` of the storage when the data was taken: a write since makes this one stale."""
    tmp: Path
    backup_tmp: Path


class AtomicJSONStorage(Storage):
    """TinyDB storage for one file: atomic durable writes, data cached in memory, damage detected.

    `read()` raises DamagedFile for a damaged file (never returns "empty" for it); a missing file is
    an empty database. `batch()` groups many TinyDB operations into one write at the end. Every
    whole-file write also refreshes `<file>.bak` and then calls `on_written` (the document store
    empties its journal there: the file now holds every change).
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        self.backup_path = self.path.with_name(self.path.name + BACKUP_SUFFIX)
        self.read_only = read_only
        self.generation = 0
        """Increases whenever the in-memory data is replaced from disk (callers rebuild indexes)."""
        self.write_seq = 0
        """Increases with every whole-file write: a background fold prepared before it is stale."""
        self.on_written: Callable[[], None] | None = None
        self._data: dict[str, dict[str, Any]] | None = None
        self._loaded = False
        self._signature: tuple[int, int, int] | None = None
        self._batch = 0
        self._dirty = False
        self._lines: LineCache = {}
        self._lines_lock = threading.Lock()  # the line cache is shared with the background fold

    # --- reading ----------------------------------------------------------------------------
    def changed_on_disk(self) -> bool:
        """True if the file is not the one last read or written (another process, an editor...)."""
        if not self._loaded:
            return True
        try:
            sig = stat_signature(os.stat(self.path))
        except FileNotFoundError:
            sig = None
        return sig != self._signature

    @property
    def exists(self) -> bool:
        """Whether the file existed when last read or written."""
        return self._signature is not None

    def load(self) -> None:
        """(Re)read the file from disk. Raises DamagedFile; the previous data is then dropped."""
        self._loaded = False
        self._data = None
        self.generation += 1
        try:
            with open(self.path, "rb") as fh:
                sig = stat_signature(os.fstat(fh.fileno()))
                raw = fh.read()
        except FileNotFoundError:
            self._signature = None
            self._loaded = True
            return
        self._data = parse(raw)
        self._signature = sig
        self._loaded = True

    def refresh(self) -> bool:
        """Reload if the file changed on disk; True if it did. Skipped inside a batch."""
        if self._batch or not self.changed_on_disk():
            return False
        self.load()
        return True

    def read(self) -> dict[str, dict[str, Any]] | None:
        if not self._loaded:
            self.load()
        return self._data

    def data(self) -> dict[str, dict[str, Any]]:
        """The live in-memory data (created empty for a new file), for changes applied in place."""
        if not self._loaded:
            self.load()
        if self._data is None:
            self._data = {}
        return self._data

    def show(self, data: dict[str, dict[str, Any]]) -> None:
        """Serve `data` from memory instead of the file (a damaged file's backup); never written."""
        self._data = data
        self._loaded = True
        self.generation += 1
        try:
            self._signature = stat_signature(os.stat(self.path))
        except FileNotFoundError:
            self._signature = None

    # --- writing ----------------------------------------------------------------------------
    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            self.invalidate()
            raise PermissionError(f"{self.path} is open read-only")
        self._data = data
        with self._lines_lock:
            self._lines.clear()  # TinyDB's own operations change records in place
        if self._batch:
            self._dirty = True
            return
        self.flush()

    def mark_dirty(self) -> None:
        """The in-memory data changed and is to be written by the end of the batch."""
        self._dirty = True

    def flush(self) -> None:
        """Write the in-memory data as the whole file (and its `.bak`), atomically and durably."""
        if not self._loaded:
            raise RuntimeError(f"{self.path}: nothing loaded to write (read it again first)")
        data = self._data or {}
        try:
            with self._lines_lock:
                payload = serialize(data, self._lines)
            atomic_write(self.path, payload, sync_dir=False)
            self._signature = stat_signature(os.stat(self.path))
            # The spare copy is not fsynced itself (the main file is, and is what we promise);
            # the folder fsync makes both renames durable.
            atomic_write(self.backup_path, payload, sync_file=False)
            self.write_seq += 1
        except BaseException:
            # The in-memory data is ahead of the disk; forget it so the disk stays the truth.
            self.invalidate()
            raise
        finally:
            self._dirty = False
        if self.on_written is not None:
            self.on_written()

    def stage(self, data: dict[str, dict[str, Any]], data_seq: int) -> Staged:
        """Write `data` (a snapshot) to temp files, the main one fsynced; no lock needed.
        `install` then puts them in place, if nothing was written meanwhile."""
        with self._lines_lock:
            payload = serialize(data, self._lines)
        stamp = f"{TMP_MARK}{os.getpid()}-fold"
        tmp = self.path.with_name(self.path.name + stamp)
        backup_tmp = self.backup_path.with_name(self.backup_path.name + stamp)
        try:
            write_file(tmp, payload, sync=True)
            write_file(backup_tmp, payload, sync=False)
        except BaseException:
            tmp.unlink(missing_ok=True)
            backup_tmp.unlink(missing_ok=True)
            raise
        return Staged(data_seq, tmp, backup_tmp)

    def install(self, staged: Staged) -> bool:
        """Rename staged files over the file and its backup, durably; False (and the temp files
        removed) if the file was written or changed since the snapshot was taken."""
        if staged.data_seq != self.write_seq or self.changed_on_disk() or self.read_only:
            staged.tmp.unlink(missing_ok=True)
            staged.backup_tmp.unlink(missing_ok=True)
            return False
        try:
            os.replace(staged.tmp, self.path)
            self._signature = stat_signature(os.stat(self.path))
            os.replace(staged.backup_tmp, self.backup_path)
            fsync_path(self.path.parent)
        finally:
            staged.tmp.unlink(missing_ok=True)
            staged.backup_tmp.unlink(missing_ok=True)
        self.write_seq += 1
        return True

    def invalidate(self) -> None:
        """Drop the cached data: the next read re-parses the file."""
        with self._lines_lock:
            self._lines.clear()
        self._loaded = False
        self._data = None
        self._dirty = False
        self.generation += 1

    def begin_batch(self) -> None:
        self._batch += 1

    def end_batch(self, *, commit: bool, defer: bool = False) -> None:
        """Close a batch: write once (or, with `defer`, leave it for `flush_group`), or roll back."""
        self._batch -= 1
        if self._batch:
            return
        if commit and self._dirty and not defer:
            self.flush()
        elif not commit:
            self.invalidate()

    @property
    def dirty(self) -> bool:
        return self._dirty

    def close(self) -> None:
        self._data = None
        self._loaded = False


def flush_group(storages: list[AtomicJSONStorage], folder: Path, *, threads: int = 8) -> None:
    """Write many dirty storages of one folder durably, much faster than one by one.

    Every new file is written to its temp name, all are fsynced in parallel (the file system commits
    them together), then each is renamed over its file, and the folder is fsynced once. A crash
    leaves each file old or new, never half-written; the caller has not returned, so nothing
    acknowledged is lost (bulk import is idempotent: run it again).
    """
    from concurrent.futures import ThreadPoolExecutor

    dirty = [st for st in storages if st.dirty]
    if not dirty:
        return
    staged: list[tuple[AtomicJSONStorage, Path, bytes]] = []
    try:
        for st in dirty:
            with st._lines_lock:
                payload = serialize(st._data or {}, st._lines)
            tmp = st.path.with_name(f"{st.path.name}{TMP_MARK}{os.getpid()}")
            write_file(tmp, payload, sync=False)
            staged.append((st, tmp, payload))

        with ThreadPoolExecutor(max_workers=threads) as pool:
            list(pool.map(fsync_path, [tmp for _, tmp, _ in staged]))
        for st, tmp, payload in staged:
            os.replace(tmp, st.path)
            st._signature = stat_signature(os.stat(st.path))
            st._dirty = False
            st.write_seq += 1
            atomic_write(st.backup_path, payload, sync_file=False, sync_dir=False)
        fsync_path(folder)
    except BaseException:
        for _, tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        for st in dirty:
            if st.dirty:
                st.invalidate()
        raise
    for st in dirty:
        if st.on_written is not None:
            st.on_written()
