"""The folder lock: one writer at a time, and the same lock `filelock` takes (each sees the other)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import filelock

from reader.store import AnnotationStore
from reader.store.lock import FolderLock, held
from reader.store.store import LOCK_FILE


def test_one_holder_at_a_time_and_released_on_close(tmp_path):
    first = AnnotationStore(tmp_path)
    second = AnnotationStore(tmp_path)
    try:
        assert not first.read_only and second.read_only and "in use" in second.read_only_reason
        assert held(tmp_path / LOCK_FILE)
    finally:
        second.close()
        first.close()
    assert not held(tmp_path / LOCK_FILE)
    with AnnotationStore(tmp_path) as again:
        assert not again.read_only


def test_filelock_and_the_folder_lock_see_each_other(tmp_path):
    path = tmp_path / LOCK_FILE
    mine = FolderLock(path)
    assert mine.acquire()
    other = filelock.FileLock(str(path), timeout=0, thread_local=False)
    child = textwrap.dedent(
        f"""
        import filelock
        try:
            filelock.FileLock({str(path)!r}, timeout=0).acquire(timeout=0)
            print("taken")
        except filelock.Timeout:
            print("held")
        """
    )
    assert subprocess.run([sys.executable, "-c", child], capture_output=True, text=True).stdout.strip() == "held"
    mine.release()
    other.acquire(timeout=0)  # another process's filelock: the folder lock sees it
    try:
        probe = f"from reader.store.lock import held; print(held(__import__('pathlib').Path({str(path)!r})))"
        result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
        assert result.stdout.strip() == "True", result.stderr
    finally:
        other.release()
