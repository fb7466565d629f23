"""A Rich progress bar on stderr that appears only when the work takes more than a second."""

from __future__ import annotations

import threading
from typing import Any

DELAY = 1.0


class Progress:
    """Tasks are tracked from the start; the bar is drawn only after `DELAY` seconds, and only
    when stderr is a terminal. Use as a context manager; `task()` returns an `advance(n)` function."""

    def __init__(self, enabled: bool | None = None) -> None:
        self._bar: Any = None
        self._timer: threading.Timer | None = None
        self._enabled = enabled

    def __enter__(self) -> Progress:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as RichProgress

        console = Console(stderr=True)
        enabled = console.is_terminal if self._enabled is None else self._enabled
        if enabled:
            self._bar = RichProgress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=console,
                transient=True,
            )
            self._timer = threading.Timer(DELAY, self._bar.start)
            self._timer.daemon = True
            self._timer.start()
        return self

    def task(self, description: str, total: int | None):
        """A new line of the bar; returns `advance(n)`. With `total` None the line pulses until
        `advance` is first called, which completes it."""
        if self._bar is None:
            return lambda n=1: None
        task_id = self._bar.add_task(description, total=total)
        if total is None:
            return lambda n=1: self._bar.update(task_id, total=1, completed=1)
        return lambda n=1: self._bar.advance(task_id, n)

    def __exit__(self, *exc: object) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer.join()
        if self._bar is not None and self._bar.live.is_started:
            self._bar.stop()
