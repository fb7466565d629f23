"""Writing a file so that a crash leaves its old or its new version, never half of one: the one place.

Everything the reader writes whole goes through `atomic_write`: the store's TinyDB files and their
backups, a journal rewritten after a fold, exports, caches (documents, tokens, export rows,
indicators), the suggester's saved model, the user's state. The new bytes go to a temp file in the
same folder (named `<file>.tmp-…`: a crash leaves only those, and `reader doctor` and the store's
open sweep them), are optionally fsynced, and are renamed over the file; then, optionally, the
folder is fsynced so that the rename survives a power cut. The store also writes temp files itself
(`write_file`) when it stages a fold and renames it later.

Every version written is stamped with a modification time of its own (`stamp_version`), so that a
reader's `stat_signature` tells every version of a file apart.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

TMP_MARK = ".tmp-"
"""In the name of every temp file written here: leftovers of a crash are found by it."""

_UMASK = os.umask(0o022)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK
"""What an ordinary new file gets (temp files are created private; the file replaced is not)."""

_stamp_lock = threading.Lock()
_last_stamp = 0


def stat_signature(st: os.stat_result) -> tuple[int, int, int]:
    """What identifies a version of a file: a change, a rename over it or a rewrite changes it."""
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def stamp_version(fd: int) -> None:
    """Give the file open as `fd` a modification time of its own, to the nanosecond.

    The kernel sets mtime from a clock that moves in ticks of milliseconds, and ext4 hands a
    replaced file's inode to the next new file: three whole-file writes of one size within a tick
    would make the third look like the first. This process's stamps strictly increase, and other
    processes' are taken at other nanoseconds.
    """
    global _last_stamp
    with _stamp_lock:
        _last_stamp = max(time.time_ns(), _last_stamp + 1)
        stamp = _last_stamp
    os.utime(fd, ns=(stamp, stamp))


def fsync_path(path: Path) -> None:
    """fsync a file, or a folder (which makes the names in it durable: a rename, a new file)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_file(path: Path, payload: bytes, *, sync: bool) -> None:
    """Create or truncate `path` and write `payload` (fsynced with `sync`), stamped as a version of
    its own; removed if that fails. For a temp file the caller renames into place."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        stamp_version(fd)
        if sync:
            os.fsync(fd)
    except BaseException:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise
    os.close(fd)


def atomic_write(
    path: str | Path,
    data: bytes | Callable[[BinaryIO], object],
    *,
    sync_file: bool = True,
    sync_dir: bool = True,
    make_parents: bool = False,
) -> None:
    """Replace `path` with `data` (bytes, or a function writing to the open binary file) so that a
    crash at any moment leaves the old or the new file.

    `sync_file` and `sync_dir` make it durable against a power cut, not only a process crash (a
    store file needs both; a cache neither). Raises OSError (the temp file is then removed).
    """
    path = Path(path)
    folder = path.parent
    if make_parents:
        folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=folder, prefix=f"{path.name}{TMP_MARK}")
    tmp = Path(name)
    try:
        with open(fd, "wb") as out:
            if callable(data):
                data(out)
            else:
                out.write(data)
            out.flush()
            os.fchmod(fd, FILE_MODE)
            stamp_version(fd)
            if sync_file:
                os.fsync(fd)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if sync_dir:
        fsync_path(folder)


def write_cache_file(path: str | Path, data: bytes) -> None:
    """A cache entry: written whole (a reader never sees half of one) but not durably (one lost in a
    power cut is computed again); its folder is made if missing. Raises OSError."""
    atomic_write(path, data, sync_file=False, sync_dir=False, make_parents=True)
