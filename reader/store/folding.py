"""The background folder: one daemon thread per writable store that folds document journals into
their TinyDB files after FOLD_EVERY changes or FOLD_IDLE seconds without a change (journal.py).

A fold serializes and fsyncs the file without the store's lock (`DocStore.fold_in_background`), so a
key press is never kept waiting by it; the store's `close` stops the thread, which then folds every
journal left at once (`DocStore.fold_all`).
An error in a fold (a full disk) leaves the journal as it was and is retried at the next poll; the
last one is kept in `last_error`.
"""

from __future__ import annotations

import threading
import time

from reader.store import journal as jr
from reader.store.docstore import DocStore


class BackgroundFolder:
    def __init__(self, lock: threading.RLock, docs: dict) -> None:
        self._lock = lock
        self._docs = docs
        self._stop = threading.Event()
        self.last_error: BaseException | None = None
        self.folds = 0
        self._thread = threading.Thread(target=self._run, name="reader-store-fold", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(jr.FOLD_POLL):
            with self._lock:
                now = time.monotonic()
                due = [ds for ds in self._docs.values() if ds.fold_due(now)]
            for ds in due:
                if self._stop.is_set():
                    return
                try:
                    if ds.fold_in_background(self._lock):
                        self.folds += 1
                except Exception as exc:  # kept for diagnosis; the journal still holds every change
                    self.last_error = exc

    def stop(self, *, fold: bool = True) -> None:
        """Stop the thread (waits for a fold in progress), then fold every journal left, together.
        Call without holding the store's lock. A failure leaves the journals, replayed next time."""
        self._stop.set()
        if self._thread is not threading.current_thread():
            self._thread.join()
        if not fold:
            return
        with self._lock:
            try:
                DocStore.fold_all(list(self._docs.values()))
            except OSError as exc:
                self.last_error = exc
