"""Errors raised by the annotation store (both reach the user as one clean line)."""

from __future__ import annotations

from reader.errors import ReaderError


class StoreError(ReaderError):
    """The store cannot do what was asked (bad label, bad document id, unreadable folder...)."""


class ReadOnlyStore(StoreError):
    """A write was refused: the store, or this document's file, is open read-only (the reason says why)."""


class StoreWriteError(StoreError, OSError):
    """A write failed on disk (full disk, folder turned read-only...): nothing of it was stored.

    Also an OSError, so callers that handled the raw OSError keep working; its message says what
    happened and what to do."""

    @classmethod
    def from_os_error(cls, path, exc: OSError, done: str = "nothing was changed") -> StoreWriteError:
        import errno

        why = {
            errno.ENOSPC: "the disk is full",
            errno.EDQUOT: "the disk quota is used up",
            errno.EROFS: "the file system is read-only",
            errno.EACCES: "permission denied",
            errno.EPERM: "permission denied",
        }.get(exc.errno, exc.strerror or str(exc))
        err = cls(
            f"not saved: cannot write {path} ({why}); {done} and everything saved before is "
            "intact — free some space or make the folder writable, then try again"
        )
        err.errno = exc.errno
        return err
