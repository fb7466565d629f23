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


def test_status_line_gives_the_section_title_room_before_cutting_it():
    title = "（六）坚持政治引领，治理效能在务实笃行中持续提升。"
    for width in (60, 78, 90, 118, 140):
        text = status_text(parts(title), width)
        plain = text.plain
        assert text.cell_len <= width
        for item in ("120/239", "✓"):  # where you are and whether it is saved: always
            assert item in plain, (width, item)
        assert all(("目标 1" in plain or "目1" in plain, "问题 0" in plain or "问0" in plain)), width
        if width >= 78:  # the whole title fits once the other items are compact
            assert plain.endswith("│ " + title), width
        else:
            assert "│ （六" in plain and plain.endswith("…"), width
    assert "@tester" not in status_text(parts(title), 78).plain  # gave its room to the title
    full = status_text(parts(title), 140).plain
    for item in ("xinzhou-feature-2025", "3/224 labelled", "目标 1", "成绩 2", "问题 0", "@tester", "saved ✓"):
        assert item in full  # nothing is shortened when there is room
    short = status_text(parts("工作回顾"), 100).plain
    assert "目标 1" in short and "@tester" in short and "saved ✓" in short


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
        for item in (f"{screen.view.cursor + 1}/", "目0", "成0", "问0", "✓"):
            assert item in text
        assert text.split("│ ", 1)[1] == section  # the whole title of the section at 80 columns
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


async def on_suggested_sentence(pilot):
    """The reading screen, its cursor on the first sentence, suggested 成绩 at 91% (margin 85%)."""
    screen = await reading(pilot)
    sentence = screen.document.sentences[first_body(screen)]
    screen._show_suggestions({sentence.id: ("achievement", 0.91)}, {sentence.id: 0.85})
    screen.view.set_cursor(sentence.index)
    await pilot.pause()
    return screen


async def test_read_only_hint_does_not_offer_to_accept(make_app, annotations):
    from reader.store import AnnotationStore

    holder = AnnotationStore(annotations)
    try:
        app = make_app("jinzhong-2025.txt")
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await on_suggested_sentence(pilot)
            hint = str(screen.query_one(HintLine).render())
            assert "suggests 成绩 91%" in hint and "accepts" not in hint
    finally:
        holder.close()


async def test_hint_text_is_readable_in_the_light_theme(make_app):
    from textual.color import Color

    from reader.tui.widgets.document_colors import contrast

    app = make_app("jinzhong-2025.txt", theme="light")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await on_suggested_sentence(pilot)
        hint = screen.query_one(HintLine)
        segments = [s for s in hint.render_line(0) if s.text.strip()]
        assert "least sure next" in "".join(s.text for s in segments)
        for segment in segments:
            style = segment.style
            assert not style.dim, segment.text
            ratio = contrast(Color.from_rich_color(style.color), Color.from_rich_color(style.bgcolor))
            assert ratio >= 4.5, (segment.text, ratio)
