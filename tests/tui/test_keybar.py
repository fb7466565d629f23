"""The key bar: one widget showing the screen's main keys, cut at its width, disabled keys dimmed,
the palette's key on the right; a click on an item presses its key."""

from __future__ import annotations

from rich.cells import cell_len

from tests.tui.helpers import first_body, reading, stored


async def test_key_bar_fits_its_width_and_a_click_presses_the_key(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reading(pilot)
        screen.view.set_cursor(first_body(screen))
        await pilot.pause()
        bar = screen.query_one("KeyBar")
        line = bar.render_line(0).text
        assert cell_len(line) == 80 and line.rstrip().endswith("^p palette")
        shown = [description for _, description, _ in bar.shown_keys()]
        assert shown[:2] == ["Next", "Next unlabelled"] and "目标 target" in shown
        x = line.index(" t ") + 1  # the target key's item
        await pilot.click("KeyBar", offset=(x, 0))
        await pilot.pause()
        assert list(stored(app).values()) == ["target"]
        assert len(screen.query("FooterKey")) == 0  # no widget per key
