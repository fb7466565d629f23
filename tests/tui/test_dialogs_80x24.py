"""At 80×24 the help and note dialogs are readable whole: their header lines are not cut (Esc
closes / Esc cancels), and every help row's action text is on screen when scrolled to."""

from __future__ import annotations

import html
import re
from collections import defaultdict

from tests.tui.helpers import first_body, reading

SIZE = (80, 24)


def screen_text(app) -> str:
    """What the terminal shows, row by row (from the app's screenshot)."""
    rows: dict[float, list[tuple[float, str]]] = defaultdict(list)
    svg = app.export_screenshot()
    for m in re.finditer(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        rows[float(m.group(2))].append((float(m.group(1)), html.unescape(m.group(3))))
    return "\n".join("".join(t for _, t in sorted(v)).replace("\xa0", " ") for _, v in sorted(rows.items()))


def squeezed(text: str) -> str:
    return re.sub(r"[\s│▕▏┃]+", "", text)


async def test_help_at_80x24_shows_its_header_legend_and_whole_rows(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        await reading(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        shown = squeezed(screen_text(app))
        assert "Esccloses." in shown
        assert "+moresentencesstartonthisline" in shown and "*anote" in shown
        table = app.screen.query_one("HelpTable")
        assert table.columns["action"].width + table.columns["where"].width + table.columns["keys"].width <= SIZE[0]
        await pilot.press("end")
        await pilot.pause()
        assert "theme.toggle" in squeezed(screen_text(app))  # the last rows are reachable and whole


async def test_note_dialog_at_80x24_shows_esc_cancels_and_the_sentence(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        screen.view.set_cursor(first_body(screen, 5))
        sentence = screen.document.sentences[screen.view.cursor].text
        await pilot.press("e")
        await pilot.pause()
        shown = squeezed(screen_text(app))
        assert "Entersaves" in shown
        assert "Esccancels" in shown
        assert squeezed(sentence)[:20] in shown
