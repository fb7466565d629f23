"""The writer's lock on an annotations folder: one process writes a folder at a time.

On POSIX it is `fcntl.flock` on the folder's lock file, exactly the lock `filelock` takes there
(so the two see each other), without importing filelock's thirty-odd modules on the way to the
app's first screen (a quarter of the reader's start-up cost above a bare Textual app). Where flock
is not available (another platform, a file system without it) `filelock` decides, with its
fallbacks.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

UNSUPPORTED = {errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EINVAL}
"""flock errors that mean "no flock here" (not "held"): `filelock` takes over."""


class FolderLock:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None
        self._fallback = None

    def acquire(self) -> bool:
        """Take the lock without waiting: False if another process holds it. OSError if the lock
        file cannot be opened (a read-only folder)."""
        try:
            import fcntl
        except ImportError:
            return self._filelock()
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        except OSError as exc:
            os.close(fd)
            if exc.errno in UNSUPPORTED:
                return self._filelock()
            raise
        self._fd = fd
        return True

    def _filelock(self) -> bool:
        import filelock

        lock = filelock.FileLock(str(self.path), timeout=0, thread_local=False)
        try:
            lock.acquire(timeout=0)
        except filelock.Timeout:
            return False
        self._fallback = lock
        return True

    def release(self) -> None:
        if self._fd is not None:
            import fcntl

            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
        if self._fallback is not None:
            self._fallback.release()
            self._fallback = None


def held(path: Path) -> bool:
    """Whether a process holds the lock now (tried and given back at once)."""
    lock = FolderLock(path)
    try:
        taken = lock.acquire()
    except OSError:
        return True
    if taken:
        lock.release()
    return not taken
