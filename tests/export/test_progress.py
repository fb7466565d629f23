"""The progress bar shows up only for work that takes more than a second (and only on a terminal)."""

import time

from reader.export import progress


def test_quick_work_shows_no_bar():
    with progress.Progress(enabled=True) as p:
        advance = p.task("quick", 3)
        advance(3)
        assert not p._bar.live.is_started


def test_slow_work_shows_the_bar(monkeypatch):
    monkeypatch.setattr(progress, "DELAY", 0.05)
    with progress.Progress(enabled=True) as p:
        advance = p.task("slow", 2)
        pulse = p.task("pulsing", None)
        time.sleep(0.3)
        assert p._bar.live.is_started
        advance(2)
        pulse()
        assert all(task.finished for task in p._bar.tasks)
    assert not p._bar.live.is_started


def test_not_a_terminal_means_no_bar():
    with progress.Progress() as p:  # under pytest stderr is captured: not a terminal
        assert p._bar is None
        p.task("x", 1)(1)
