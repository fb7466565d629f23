"""The status bar keeps every item at 80 columns; notifications never cover it; the hint line shows
the current sentence's suggestion with how sure the suggester is."""

from __future__ import annotations

from reader.tui.widgets.status import HintLine, StatusBar, StatusParts, status_text, truncate
from tests.tui.helpers import first_body, reading


def bar_text(screen) -> str:
    return str(screen.query_one(StatusBar).render())


def parts(section: str = "（六）坚持政治引领，治理效能在务实笃行中持续提升。") -> StatusParts:
    return StatusParts(
        "xinzhou-feature-2025",
        "120/239",
        "3/224 labelled",
        (("目标", 1, "blue"), ("成绩", 2, "green"), ("问题", 0, "red")),
        "tester",
        "saved ✓",
        "green",
        section,
    )


def test_status_line_keeps_every_item_and_cuts_the_section_with_an_ellipsis():
    for width in (78, 90, 118):
        text = status_text(parts(), width)
        plain = text.plain
        assert text.cell_len <= width
        for item in ("xinzhou-feature-2025", "120/239", "目标 1", "成绩 2", "问题 0", "@tester", "saved ✓"):
            assert item in plain, (width, item)
        assert "│ （六" in plain, width
        assert plain.endswith("…") or plain.endswith("提升。"), width
    assert "3/224 labelled" in status_text(parts(), 140).plain  # shown when the section has room
    assert status_text(parts(), 140).plain.endswith("提升。")


def test_truncate_marks_the_cut():
    assert truncate("坚持政治引领", 12) == "坚持政治引领"
    assert truncate("坚持政治引领", 7) == "坚持政…"
    assert truncate("abc", 0) == ""


async def test_status_bar_at_80_columns_and_notifications_above_it(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await reading(pilot)
        screen.view.set_cursor(first_body(screen, 150))
        await pilot.pause()
        text = bar_text(screen)
        section = screen.index.headings[screen.index.innermost[screen.view.cursor]].title
        for item in ("jinzhong-2025", f"{screen.view.cursor + 1}/", "目标 0", "成绩 0", "问题 0", "@tester", "saved ✓"):
            assert item in text
        shown = text.split("│ ", 1)[1]
        assert section.startswith(shown.removesuffix("…"))
        assert shown == section or shown.endswith("…")
        app.notify("A long notification that would otherwise cover the right half of the status bar", timeout=10)
        await pilot.pause(0.3)
        status = screen.query_one(StatusBar).region
        hint = screen.query_one(HintLine).region
        toasts = [t.region for t in screen.query("Toast")]
        assert toasts
        for region in toasts:
            assert not region.overlaps(status) and not region.overlaps(hint)


async def test_hint_line_shows_the_suggestion_and_how_sure_it_is(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reading(pilot)
        start = first_body(screen)
        sure, unsure = screen.document.sentences[start], screen.document.sentences[first_body(screen, start + 1)]
        screen._show_suggestions(
            {sure.id: ("achievement", 0.91), unsure.id: ("target", 0.55)}, {sure.id: 0.85, unsure.id: 0.08}
        )
        screen.view.set_cursor(sure.index)
        await pilot.pause()
        hint = str(screen.query_one(HintLine).render())
        assert "suggests 成绩 91%" in hint and "sure" in hint and "unsure" not in hint
        screen.view.set_cursor(unsure.index)
        await pilot.pause()
        hint = str(screen.query_one(HintLine).render())
        assert "suggests 目标 55% · unsure" in hint
        assert "suggests" not in bar_text(screen)  # the hint never pushes the status bar's items off
