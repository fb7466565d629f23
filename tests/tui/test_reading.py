"""Pilot tests of every reading-screen binding, asserting what the store holds afterwards."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from tests.tui.helpers import DOC, first_body, reading, stored, wait_for

SIZE = (120, 40)


async def at_body(pilot):
    screen = await reading(pilot)
    screen.view.set_cursor(first_body(screen))
    await pilot.pause()
    return screen


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("t", "target"),
        ("a", "achievement"),
        ("p", "problem"),
        ("1", "target"),
        ("2", "achievement"),
        ("3", "problem"),
    ],
)
async def test_label_keys_store_at_once_and_the_same_key_removes(make_app, key, label):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_body(pilot)
        sentence = screen.document.sentences[screen.view.cursor]
        await pilot.press(key)
        assert stored(app) == {sentence.id: label}
        record = app.store.doc_labels(DOC, "tester")[sentence.id]
        assert record["text"] == sentence.text and record["start"] == sentence.start
        assert list(record["section"]) == list(sentence.section)
        assert screen.view.labels().get(sentence.id) == label  # the view shows it
        await pilot.press(key)
        assert stored(app) == {}
        assert sentence.id not in screen.view.labels()


async def test_another_label_replaces_and_clear_removes(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_body(pilot)
        sid = screen.document.sentences[screen.view.cursor].id
        await pilot.press("t", "p")
        assert stored(app) == {sid: "problem"}
        await pilot.press("x")
        assert stored(app) == {}
        await pilot.press("a", "0")
        assert stored(app) == {}


async def test_moving_and_labelling_three_sentences_then_undo_redo(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_body(pilot)
        start = screen.view.cursor
        await pilot.press("t", "j", "a", "down", "p")
        ids = [screen.document.sentences[start + i].id for i in range(3)]
        assert stored(app) == dict(zip(ids, ["target", "achievement", "problem"], strict=True))
        await pilot.press("k", "up")
        assert screen.view.cursor == start
        await pilot.press("u")
        assert stored(app) == dict(zip(ids[:2], ["target", "achievement"], strict=True))
        assert screen.view.cursor == start + 2  # undo moves to the changed sentence
        await pilot.press("u", "u")
        assert stored(app) == {}
        await pilot.press("ctrl+r")
        assert stored(app) == {ids[0]: "target"}
        assert screen.view.cursor == start
        await pilot.press("U")
        assert stored(app) == {ids[0]: "target", ids[1]: "achievement"}


async def test_headings_are_not_labelled(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        heading = next(s for s in screen.document.sentences if s.kind == "heading")
        screen.view.set_cursor(heading.index)
        await pilot.press("t")
        assert stored(app) == {}


async def test_next_unlabelled_skips_labelled_sentences(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_body(pilot)
        start = screen.view.cursor
        await pilot.press("t", "j", "t", "k")
        assert screen.view.cursor == start
        await pilot.press("space")
        expected = first_body(screen, start + 2)
        assert screen.view.cursor == expected
        await pilot.press("a")
        assert stored(app)[screen.document.sentences[expected].id] == "achievement"


async def test_sections_pages_and_edges(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        headings = screen.index.headings
        await pilot.press("end")
        assert screen.view.cursor == len(screen.document.sentences) - 1
        await pilot.press("home")
        assert screen.view.cursor == 0
        await pilot.press("right_square_bracket")
        first = screen.view.cursor
        assert screen.document.sentences[first].start >= headings[1].start
        await pilot.press("J")
        assert screen.view.cursor > first
        await pilot.press("left_square_bracket")
        assert screen.view.cursor == first
        await pilot.press("K")
        assert screen.view.cursor < first
        before = screen.view.cursor
        await pilot.press("pagedown")
        assert screen.view.cursor > before
        await pilot.press("pageup")
        assert screen.view.cursor <= before + 1
        await pilot.press("f", "b")


async def test_position_is_remembered_when_reopening(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_body(pilot)
        await pilot.press("j", "j", "j", "j", "j")
        target = screen.document.sentences[screen.view.cursor].id
    assert app.store.get_position(DOC, "tester") == target
    again = make_app("jinzhong-2025.txt", store=app.store)
    async with again.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        assert screen.document.sentences[screen.view.cursor].id == target


async def test_reopening_far_down_shows_the_remembered_sentence(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        target = screen.document.sentences[150].id
    app.store.set_position(DOC, "tester", target)
    again = make_app("jinzhong-2025.txt", store=app.store)
    async with again.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        await pilot.pause()
        view = screen.view
        assert view.cursor == 150
        y0, y1 = view._index.lines(view.cursor, view.visual_layout)
        top = round(view.scroll_y)
        assert top > 0 and top < y0 and y1 < top + view.scrollable_content_region.height


async def test_note_key_saves_a_note(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_body(pilot)
        sid = screen.document.sentences[screen.view.cursor].id
        await pilot.press("e")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "NoteScreen")
        await pilot.press(*"check", "enter")
        await wait_for(pilot, lambda: app.screen is screen)
        record = app.store.doc_labels(DOC, "tester", include_notes=True)[sid]
        assert record["note"] == "check" and record["label"] is None
        await pilot.press("t")
        assert app.store.doc_labels(DOC, "tester")[sid]["note"] == "check"
        await pilot.press("e", "escape")  # cancel keeps the note
        await wait_for(pilot, lambda: app.screen is screen)
        assert app.store.doc_labels(DOC, "tester")[sid]["note"] == "check"


async def test_reviewed_key_marks_the_section_and_toggles(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_body(pilot)
        section = screen.index.section_for_review(screen.view.cursor)
        path = list(screen.index.headings[section].path)
        await pilot.press("r")
        assert [r["section"] for r in app.store.reviewed(DOC, "tester")] == [tuple(path)]
        assert "✓" in screen.query_one("Outline").entry_plain(section)
        await pilot.press("r")
        assert app.store.reviewed(DOC, "tester") == []


async def test_search_is_incremental_and_next_previous_move(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        await pilot.press("slash", *"工作")
        count = screen._search_count
        assert count and count > 3
        assert len(screen.view.matches) == count
        await pilot.press("enter")
        assert screen.view.has_focus
        first = screen.view.current_match
        await pilot.press("n")
        assert screen.view.current_match == (first + 1) % count
        await pilot.press("N")
        assert screen.view.current_match == first
        await pilot.press("t")  # keys act on the text again after Enter
        assert len(stored(app)) == 1
        await pilot.press("escape")
        assert screen._search_count is None and screen.view.matches == []


async def test_outline_toggle_resize_and_jump(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        outline = screen.query_one("Outline")
        width = outline.outer_size.width
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert outline.outer_size.width == width + 4
        await pilot.press("less_than_sign", "less_than_sign")
        await pilot.pause()
        assert outline.outer_size.width == width - 4
        await pilot.press("o")
        await pilot.pause()
        assert not outline.display or outline.has_class("-hidden")
        await pilot.press("o")
        last = len(screen.index.headings) - 1
        outline.select(last)
        await pilot.pause()
        sentence = screen.document.sentences[screen.view.cursor]
        assert sentence.start >= screen.index.headings[last].start
        assert outline.cursor == last
        outline.action_first()  # back to the top of the outline
        await pilot.click("Outline", offset=(2, 1))  # a click on the second entry jumps there
        await pilot.pause()
        assert outline.cursor == 1 and screen.index.innermost[screen.view.cursor] == 1


async def test_outline_counts_follow_labels(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_body(pilot)
        heading = screen.index.innermost[screen.view.cursor]
        outline = screen.query_one("Outline")
        total = screen.tally.entries[heading].total
        await pilot.press("t")
        assert outline.entry_plain(heading).endswith(f"1/{total} t1")


async def test_suggestion_keys(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_body(pilot)
        start = screen.view.cursor
        ids = [s.id for s in screen.document.sentences]
        screen._show_suggestions(
            {ids[start]: ("problem", 0.9), ids[start + 1]: ("target", 0.95), ids[start + 2]: ("target", 0.3)}
        )
        await pilot.press("y")
        assert stored(app) == {ids[start]: "problem"}
        await pilot.press("w")
        assert screen.view.cursor == start + 2  # the next uncertain: below the threshold
        await pilot.press("v")
        assert screen.suggestions_visible is False
        await pilot.press("v")
        assert screen.suggestions_visible is True


async def test_read_only_store_refuses_label_keys_with_a_message(make_app, annotations):
    from reader.store import AnnotationStore

    holder = AnnotationStore(annotations)  # another instance holds the lock
    try:
        app = make_app("jinzhong-2025.txt")
        async with app.run_test(size=SIZE) as pilot:
            screen = await at_body(pilot)
            assert screen.query_one("#banner").display
            assert "READ-ONLY" in str(screen.query_one("#banner").render())
            await pilot.press("t", "e", "r", "u")
            await pilot.pause()
            assert stored(app) == {}
            assert any("Read-only" in (n.title or "") for n in app._notifications)
            assert screen.view.labels() == {}
    finally:
        holder.close()


def outline_lines(outline) -> list[str]:
    return [outline.render_line(y).text.rstrip() for y in range(outline.scrollable_content_region.height)]


async def test_outline_at_80_columns_shows_numbers_and_key_words_and_widens_fully(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await at_body(pilot)
        outline = screen.query_one("Outline")
        assert outline.outer_size.width == 24  # 30% of 80
        await pilot.press("r")  # reviewed: the mark stands apart from the figures
        await pilot.pause()
        assert not outline.show_horizontal_scrollbar
        room = outline.scrollable_content_region.width
        lines = outline_lines(outline)
        assert all(cell_len(line) <= room for line in lines)
        assert any(line.startswith("├ （一）坚持稳中求进") for line in lines)  # number + key words, not "坚持稳…"
        assert any(line.startswith("✓ 2024年工作回顾") for line in lines)
        await pilot.press("O")  # the whole outline at full width: whole titles and every figure
        await pilot.pause()
        assert not screen.view.display and outline.has_focus
        lines = outline_lines(outline)
        first = next(line for line in lines if "（一）坚持稳中求进" in line)
        assert "（一）坚持稳中求进，经济运行在克难前行中持续向好" in first and first.endswith("/17")
        await pilot.press("down", "enter")  # Enter jumps there and puts the outline back beside the text
        await pilot.pause()
        assert screen.view.display and screen.view.has_focus and not outline.has_class("-full")
        assert screen.index.innermost[screen.view.cursor] == 1
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await reading(pilot)
        outline = screen.query_one("Outline")
        assert outline.outer_size.width == 36
        figures = [line for line in outline_lines(outline) if "/" in line]
        assert len(figures) > 10
        room = outline.scrollable_content_region.width  # the scrollbar's column is not for text
        for line in figures:  # the figures at the right edge are whole, never under the scrollbar
            assert cell_len(line) <= room and re.search(r" \d+/\d+( [tap]\d+)*$", line), line


async def test_read_only_footer_shows_label_keys_disabled(make_app, annotations):
    from reader.store import AnnotationStore

    holder = AnnotationStore(annotations)
    try:
        app = make_app("jinzhong-2025.txt")
        async with app.run_test(size=SIZE) as pilot:
            screen = await at_body(pilot)
            active = {a.binding.id: a.enabled for a in screen.active_bindings.values()}
            assert active["label.target"] is False and active["history.undo"] is False
            assert active["sentence.next"] is True
            shown = {description: enabled for _, description, enabled in screen.query_one("KeyBar").shown_keys()}
            assert shown["目标 target"] is False and shown["Undo"] is False
            assert shown["Next"] is True
    finally:
        holder.close()
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_body(pilot)
        assert all(a.enabled for a in screen.active_bindings.values())


async def test_a_label_repaints_its_outline_entry_where_the_outline_is_scrolled(make_app):
    """Labelling deep in the report repaints the section's outline row on screen: the row is
    refreshed where it shows (ScrollView's refresh_line takes the virtual line, not the screen's)."""
    from reader.tui.widgets.outline import Outline

    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_body(pilot)
        outline = screen.query_one(Outline)
        screen.view.set_cursor(len(screen.document.sentences) - 20)
        await pilot.pause()
        assert outline.scroll_y > 0  # the outline followed the cursor down
        repainted: list[int] = []
        real_refresh = outline.refresh

        def spy(*regions, **kw):
            repainted.extend(r.y for r in regions)
            return real_refresh(*regions, **kw)

        outline.refresh = spy
        entry = outline.cursor
        await pilot.press("t")
        await pilot.pause()
        assert entry - round(outline.scroll_y) in repainted


async def test_a_long_lead_in_keeps_its_count_its_title_is_cut(make_app):
    """A lead-in has no key words to shrink to: at 100 columns `推动科技创新与产业创新深度融合` is cut
    and keeps its `0/5` (it used to lose the count and show the title alone)."""
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reading(pilot)
        outline = screen.query_one("Outline")
        outline.scroll_to(y=20, animate=False)
        await pilot.pause()
        room = outline.scrollable_content_region.width
        lines = outline_lines(outline)
        lead_in = next(line for line in lines if "推动科技创新" in line)
        assert "…" in lead_in and re.search(r" \d+/\d+$", lead_in), lead_in
        for line in lines:
            if line.strip():
                assert cell_len(line) <= room and re.search(r"\d+/\d+( [tap]\d+)*$", line), line
