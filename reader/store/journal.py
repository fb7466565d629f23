"""The write-ahead journal of one store file: `<doc>.json.journal`, one JSON line per committed change.

A change is a record put into, or removed from, a table of the document's TinyDB file:

    {"table": "labels", "id": "12", "record": {...}}     put (the whole record: never a delta)
    {"table": "labels", "id": "12", "record": null}      remove

A batch that must apply all or nothing (re-attachment) is one line holding a JSON array of changes.
Appending a line and `fdatasync`ing it is the cost of a label, whatever the size of the report; the
journal is *folded* into the TinyDB file (a whole-file atomic write, see storage.py) now and then,
and emptied. The TinyDB file stays the store of record: it is always complete up to its last fold,
and the journal only ever holds changes made after it.

Replay is idempotent: a change names the record's id and carries the whole record, so replaying a
journal over a file that already holds its changes (a crash between the fold's rename and the
journal's truncation) gives the same data. Only newline-terminated lines count: an incomplete last
line is a write interrupted by a crash, never acknowledged, and is ignored (and reported). A complete
line that is not a change is damage: it is reported, never dropped silently.

A journal's first line names it: `{"journal": "<random>"}`, a new name each time the writer empties
or rewrites it after a fold. A read-only process reads on from where it stopped only while the name
is the one it read: the journal's inode and size cannot tell a journal emptied and grown back past
that point (its lines would be read from the middle, and the changes before it missed).

When a journal is folded: after FOLD_EVERY changes, when its document has been idle FOLD_IDLE
seconds (both in the background, see folding.py), when the store is closed, and when the writer
opens a document whose journal an interrupted session left. The thresholds and their reasons are
the constants below.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.files import atomic_write, fsync_path, stat_signature

JOURNAL_SUFFIX = ".journal"
_HEADER_KEY = "journal"
_HEADER_MAX = 64
"""Bytes enough for the header line."""

FOLD_EVERY = 1000
"""Fold after this many journalled changes of one document: bounds what a reader (export, a second
instance, the next start after a crash) replays (~1,000 lines: ~20 ms) without folding a large report
often (a fold of a 20,000-label report rewrites 8 MB)."""
FOLD_IDLE = 3.0
"""Fold a document whose last change is this many seconds old: a labeller pauses, the file is brought
up to date in the background, and a key press is never kept waiting by it (the fold writes its file
outside the store's lock)."""
FOLD_POLL = 0.5
"""How often the background folder looks for documents to fold (seconds)."""
BATCH_FOLD = 200
"""A batch of at least this many changes is folded directly (one whole-file write) instead of being
journalled as one long line: past this size the rewrite is cheaper than journal + later fold."""

Change = tuple[str, str, dict[str, Any] | None]
"""(table, record id, record), or (table, record id, None) for a removal."""


class DamagedJournal(Exception):
    """A journal line that is complete but is not a change (the message says which line and why)."""


def encode(changes: list[Change]) -> bytes:
    """One journal line (newline included) committing `changes` together."""
    items = [{"table": t, "id": i, "record": r} for t, i, r in changes]
    obj: Any = items[0] if len(items) == 1 else items
    return (json.dumps(obj, ensure_ascii=False) + "\n").encode("utf-8")


def _header() -> bytes:
    """A journal's first line: a new name for a new journal."""
    return (json.dumps({_HEADER_KEY: os.urandom(8).hex()}) + "\n").encode("ascii")


def _name_of(line: bytes) -> str | None:
    """The journal's name if `line` is its header line."""
    if not line.startswith(b'{"' + _HEADER_KEY.encode()):
        return None
    try:
        obj = json.loads(line)
    except ValueError:
        return None
    if isinstance(obj, dict) and list(obj) == [_HEADER_KEY] and isinstance(obj[_HEADER_KEY], str):
        return obj[_HEADER_KEY]
    return None


def _decode(line: bytes) -> list[Change]:
    try:
        obj = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DamagedJournal(f"not a JSON change ({exc})") from exc
    items = obj if isinstance(obj, list) else [obj]
    out: list[Change] = []
    for item in items:
        if not (
            isinstance(item, dict)
            and isinstance(item.get("table"), str)
            and isinstance(item.get("id"), str)
            and item["id"].isdigit()
            and (item.get("record") is None or isinstance(item["record"], dict))
            and "record" in item
        ):
            raise DamagedJournal("not a change (needs table, a numeric id and record)")
        out.append((item["table"], item["id"], item["record"]))
    return out


@dataclass
class Replay:
    """What a read of a journal found."""

    changes: list[Change] = field(default_factory=list)
    """Every change of every readable complete line, in order."""
    lines: int = 0
    """Complete lines read (committed appends)."""
    end: int = 0
    """Byte offset just after the last complete line (where the next read starts)."""
    torn: int = 0
    """Bytes of an incomplete last line: a write cut by a crash, never acknowledged; ignored."""
    bad: list[str] = field(default_factory=list)
    """What is wrong with each complete line that is not a change (damage; the line is skipped)."""
    name: str | None = None
    """The journal's name (its header line); None for a journal without one (older versions)."""

    def summary(self, name: str) -> str:
        return f"{name}: {self.lines} committed line(s), {len(self.changes)} change(s)" + (
            f", a torn last line of {self.torn} byte(s)" if self.torn else ""
        )


def apply(data: dict[str, dict[str, Any]], changes: list[Change]) -> None:
    """Apply changes to TinyDB data in place (idempotent: a change carries the whole record)."""
    for table, doc_id, record in changes:
        rows = data.setdefault(table, {})
        if record is None:
            rows.pop(doc_id, None)
        else:
            rows[doc_id] = record


def parse_journal(raw: bytes, start: int = 0, first_line: int = 1) -> Replay:
    """Parse journal bytes (`raw` begins at byte `start` of the file; `first_line` is its number)."""
    out = Replay(end=start)
    pos = 0
    number = first_line
    while True:
        nl = raw.find(b"\n", pos)
        if nl < 0:
            out.torn = len(raw) - pos
            break
        line = raw[pos:nl]
        if start + pos == 0 and (name := _name_of(line)) is not None:
            out.name = name
        elif line.strip():
            try:
                out.changes.extend(_decode(line))
            except DamagedJournal as exc:
                out.bad.append(f"line {number}: {exc}")
        out.lines += 1
        number += 1
        pos = nl + 1
        out.end = start + pos
    return out


class Journal:
    """The journal file of one store file. Appends are durable when `append` returns."""

    def __init__(self, store_path: Path) -> None:
        self.path = store_path.with_name(store_path.name + JOURNAL_SUFFIX)
        self.known_to_exist = False
        """Whether this process created (and fsynced the folder for) the file, or saw it."""

    # --- reading ----------------------------------------------------------------------------
    def signature(self) -> tuple[int, int, int] | None:
        try:
            return stat_signature(os.stat(self.path))
        except FileNotFoundError:
            return None

    def read(self, start: int = 0, first_line: int = 1) -> tuple[Replay, tuple[int, int, int] | None]:
        """Read from byte `start` to the end; returns the replay and the file's signature (None if
        there is no journal). The signature is taken before reading: a later append changes it. The
        replay's `name` is the journal's, read from its first line also when reading on from `start`."""
        try:
            with open(self.path, "rb") as fh:
                sig = stat_signature(os.fstat(fh.fileno()))
                head = fh.readline(_HEADER_MAX) if start else b""
                if start:
                    fh.seek(start)
                raw = fh.read()
        except FileNotFoundError:
            return Replay(end=0), None
        self.known_to_exist = True
        replay = parse_journal(raw, start, first_line)
        if start:
            replay.name = _name_of(head.rstrip(b"\n")) if head.endswith(b"\n") else None
        return replay, sig

    # --- writing (the writer only) ----------------------------------------------------------
    def append(self, changes: list[Change], at: int) -> tuple[tuple[int, int, int], int]:
        """Append one line committing `changes`, durably. `at` is the journal's length as this
        writer knows it: a failed write is cut back to it, so a later line never follows a torn one.
        Returns the file's new signature and the number of lines written (2 when it begins the
        journal: its header first)."""
        payload = encode(changes)
        create = not self.known_to_exist
        flags = os.O_WRONLY | os.O_APPEND | (os.O_CREAT if create else 0)
        fd = os.open(self.path, flags, 0o644)
        lines = 1
        try:
            if os.fstat(fd).st_size == 0:
                payload = _header() + payload
                lines = 2
            try:
                view = memoryview(payload)
                while view:
                    view = view[os.write(fd, view) :]
                os.fdatasync(fd)
            except BaseException:
                try:
                    os.ftruncate(fd, at)
                    os.fsync(fd)
                except OSError:
                    pass  # the torn line is ignored by every reader; the next writer's open cuts it
                raise
            sig = stat_signature(os.fstat(fd))
        finally:
            os.close(fd)
        if create:
            fsync_path(self.path.parent)  # the new file's name is durable, not only its bytes
            self.known_to_exist = True
        return sig, lines

    def truncate(self) -> tuple[int, int, int] | None:
        """Empty the journal after a fold (durably), leaving a new header (one line). Returns its
        signature, None if there is none."""
        try:
            fd = os.open(self.path, os.O_WRONLY)
        except FileNotFoundError:
            self.known_to_exist = False
            return None
        try:
            os.ftruncate(fd, 0)
            os.write(fd, _header())
            os.fsync(fd)
            return stat_signature(os.fstat(fd))
        finally:
            os.close(fd)

    def keep_tail(self, start: int, end: int) -> tuple[int, int, int]:
        """Replace the journal by a new header and its bytes [start, end): the changes made while a
        background fold was writing the file (the rest is in the file now). Atomic and durable."""
        with open(self.path, "rb") as fh:
            fh.seek(start)
            tail = fh.read(end - start)
        atomic_write(self.path, _header() + tail)
        self.known_to_exist = True
        return stat_signature(os.stat(self.path))

    def remove(self) -> None:
        """Delete the (folded) journal: a clean close leaves only the TinyDB file and its backup.
        Not fsynced: should the deletion be lost, the journal replays onto a file that holds it."""
        self.path.unlink(missing_ok=True)
        self.known_to_exist = False
