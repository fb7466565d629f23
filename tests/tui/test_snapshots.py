"""SVG snapshots of the app on a Chinese report at 80×24 and 120×40 (pytest-textual-snapshot).

Deterministic: a fixed annotator, no suggestions, no clock on screen, no blinking cursor shown.
Update after an intended change with `pytest tests/tui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import pytest

from reader.tui.screens.library import LibraryScreen
from tests.tui.helpers import reading, wait_for


async def labelled(pilot) -> None:
    screen = await reading(pilot)
    screen.view.set_cursor(next(s.index for s in screen.document.sentences if s.kind != "heading"))
    await pilot.press("t", "j", "a", "j", "p")
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_reading_screen(snap_compare, make_app, size):
    assert snap_compare(make_app("jinzhong-2025.txt"), terminal_size=size, run_before=labelled)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_reading_screen_light_theme(snap_compare, make_app, size):
    assert snap_compare(make_app("jinzhong-2025.txt", theme="light"), terminal_size=size, run_before=labelled)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_library(snap_compare, make_app, size):
    async def ready(pilot):
        app = pilot.app
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await wait_for(pilot, lambda: len(app.screen.figures) == len(app.screen.entries))
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=ready)


async def filtered(pilot) -> None:
    """Three sentences labelled, then the filter "unlabelled": labelled ones dimmed, count shown."""
    await labelled(pilot)
    await pilot.press("F")
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "FilterScreen")
    await pilot.press("down", "enter")
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "ReadingScreen")
    await pilot.press("j")
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_reading_screen_filtered(snap_compare, make_app, size):
    assert snap_compare(make_app("jinzhong-2025.txt"), terminal_size=size, run_before=filtered)


async def filter_dialog(pilot) -> None:
    await labelled(pilot)
    await pilot.press("F")
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "FilterScreen")
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_filter_dialog(snap_compare, make_app, size):
    assert snap_compare(make_app("jinzhong-2025.txt"), terminal_size=size, run_before=filter_dialog)


async def clause_view(pilot) -> None:
    """A sentence split into clauses: the first labelled achievement, the second (current) problem."""
    screen = await reading(pilot)
    sentence = next(s for s in screen.document.sentences if s.kind == "sentence" and "；" in s.text)
    screen.view.set_cursor(sentence.index)
    await pilot.press("semicolon", "a", "right", "p")
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_clause_view(snap_compare, make_app, size):
    assert snap_compare(make_app("jinzhong-2025.txt"), terminal_size=size, run_before=clause_view)
