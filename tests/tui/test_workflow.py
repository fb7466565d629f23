"""Pilot tests of the annotator's workflow keys: go to sentence N, filters, `space` past reviewed
sections, and Esc never leaving the report."""

from __future__ import annotations

from reader.labels import is_unit
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.reading import ReadingScreen
from tests.tui.helpers import first_body, reading, stored, wait_for

SIZE = (120, 40)


def status(screen) -> str:
    return str(screen.query_one("StatusBar").render())


async def test_colon_number_enter_goes_to_that_sentence_as_the_status_bar_counts(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        total = len(screen.document.sentences)
        await pilot.press("colon", "2", "1", "2", "enter")
        assert screen.view.cursor == 211
        assert f"212/{total}" in status(screen)
        assert screen.view.has_focus
        await pilot.press("colon", "9", "9", "9", "9", "enter")  # out of range: stays, says so
        assert screen.view.cursor == 211
        await pilot.press("colon", "5", "escape")  # Esc cancels the box, not the report
        assert screen.view.cursor == 211 and app.screen is screen and screen.view.has_focus
        await pilot.press("t")  # keys act on the text again
        assert list(stored(app)) == [screen.document.sentences[211].id]


async def test_command_palette_goes_to_a_sentence_number(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        await pilot.press("ctrl+p", *"150")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.view.cursor == 149)


async def test_filter_unlabelled_narrows_movement_dims_the_rest_and_counts(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        start = first_body(screen)
        screen.view.set_cursor(start)
        await pilot.pause()
        await pilot.press("t", "j", "j", "a")  # the first and third sentences labelled
        second = first_body(screen, start + 1)
        third = first_body(screen, second + 1)
        assert set(stored(app).values()) == {"target", "achievement"}
        screen.view.set_cursor(start)
        await pilot.press("F")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "FilterScreen")
        await pilot.press("down", "enter")  # the first filter after "every sentence": unlabelled
        await wait_for(pilot, lambda: app.screen is screen)
        units = [s for s in screen.document.sentences if is_unit(s)]
        assert len(screen.kept) == len(units) - 2
        assert screen.view.cursor == second  # the first kept sentence from the cursor on
        assert f"▾unlabelled 1/{len(units) - 2}" in status(screen)
        await pilot.press("j")  # skips the labelled third sentence
        assert screen.view.cursor == first_body(screen, third + 1)
        assert start in screen.view._dimmed and third in screen.view._dimmed
        await pilot.press("k", "p")  # labelling takes it out of the filter, at once
        assert len(screen.kept) == len(units) - 3
        assert second in screen.view._dimmed
        await pilot.press("escape")  # clears the filter
        assert screen.filter is None and "▾" not in status(screen) and not screen.view._dimmed
        await pilot.press("escape")  # and never leaves the report
        assert app.screen is screen


async def test_filter_by_label_notes_and_unsure_from_the_palette_api(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        start = first_body(screen)
        screen.view.set_cursor(start)
        await pilot.press("t", "j", "j", "t")
        targets = sorted(screen.session.by_id[sid].index for sid in stored(app))
        screen.set_filter("label:target")
        await pilot.pause()
        assert screen.kept == targets
        await pilot.press("end")
        assert screen.view.cursor == targets[-1]
        await pilot.press("home")
        assert screen.view.cursor == targets[0]
        screen.set_filter("notes")
        await pilot.pause()
        assert screen.kept == []
        await pilot.press("e", *"check", "enter")
        assert screen.kept == [targets[0]]
        screen._show_suggestions({}, {screen.document.sentences[targets[1]].id: 0.05})
        screen.set_filter("unsure")
        await pilot.pause()
        assert screen.kept == [targets[1]]


async def test_filter_and_goto_are_in_the_command_palette(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        titles = [c.title for c in app.get_system_commands(screen)]
        assert "Filter: unlabelled" in titles and "Filter: every sentence" in titles
        assert any(t.startswith("Go to sentence N") for t in titles)


async def test_space_skips_sections_marked_reviewed(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        index = screen.index
        start = first_body(screen)
        screen.view.set_cursor(start)
        await pilot.pause()
        section = index.section_for_review(start)
        await pilot.press("r")  # this section reviewed
        screen.view.set_cursor(max(0, start - 1))
        await pilot.press("space")
        landed = screen.view.cursor
        assert index.section_for_review(landed) != section
        assert screen.document.sentences[landed].start > screen.document.sentences[start].start


async def test_escape_and_backspace_never_leave_the_report_q_does(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen))
        library = app.screen
        await pilot.press("enter")
        screen = await reading(pilot)
        await pilot.press("e", "escape")  # a dialog closed by Esc …
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("escape", "escape", "backspace")  # … then more Esc: still reading
        await pilot.pause()
        assert app.screen is screen and isinstance(app.screen, ReadingScreen)
        await pilot.press("q")
        await wait_for(pilot, lambda: app.screen is library)


def hint(screen) -> str:
    return str(screen.query_one("HintLine").render())


async def test_hint_line_says_why_a_sentence_is_suggested_from_reader_suggest(make_app, corpus, annotations):
    from reader.tui.suggestions import RULE_WORDS, Suggestions

    app = make_app("jinzhong-2025.txt")
    table, margins, reasons = Suggestions(corpus / "jinzhong-2025.txt", annotations, "tester").fetch()
    async with app.run_test(size=(200, 40)) as pilot:
        screen = await reading(pilot)
        screen._show_suggestions(table, margins, reasons=reasons)
        shown = 0
        for sentence in screen.document.sentences:
            if not is_unit(sentence) or table[sentence.id][0] == "none":
                continue
            screen.view.set_cursor(sentence.index)
            await pilot.pause()
            source, rule = reasons[sentence.id]
            assert rule in RULE_WORDS, rule  # every rule the suggester names has words
            assert f"why: {'model, rule: ' if source == 'model' else ''}{RULE_WORDS[rule]}" in hint(screen)
            shown += 1
            if shown == 3:
                break
        assert shown == 3


async def test_hint_line_shows_the_current_sentences_note(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        screen.view.set_cursor(first_body(screen))
        await pilot.press("e", *"ask Li", "enter")
        assert "note: ask Li" in hint(screen)
        await pilot.press("j")
        assert "note:" not in hint(screen)
        await pilot.press("k")
        assert "note: ask Li" in hint(screen)


async def test_search_n_goes_from_the_cursor_counts_k_of_n_and_steps_within_a_sentence(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        view = screen.view
        await pilot.press("slash", *"增长", "enter")
        matches = view.matches
        count = len(matches)
        assert count > 10
        assert f"match {view.current_match + 1}/{count}" in hint(screen)
        # a sentence holding two matches: n goes from the first to the second, and says so
        starts = [screen.document.sentences[view._index.at(a)].index for a, _ in matches]
        k = next(i for i in range(count - 1) if starts[i] == starts[i + 1])
        view.set_cursor(starts[k])
        await pilot.press("n")
        assert view.current_match == k and view.cursor == starts[k]
        await pilot.press("n")
        assert view.current_match == k + 1 and view.cursor == starts[k]
        assert f"match {k + 2}/{count}" in hint(screen)
        # after Home, n goes to the first match after the cursor, not on from the old match
        await pilot.press("home")
        await pilot.press("n")
        assert view.current_match == 0
        assert "match 1/" in hint(screen)
        # after the cursor moved far down, n continues from there
        target = starts[count // 2]
        view.set_cursor(target)
        await pilot.press("n")
        assert starts[view.current_match] == target
        await pilot.press("N")
        assert starts[view.current_match] < target


async def test_n_after_esc_searches_again_without_an_empty_box(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        await pilot.press("n")  # nothing searched yet: no box, a message
        assert not screen.query_one("#search").display and screen.view.has_focus
        await pilot.press("slash", *"增长", "enter", "escape")
        assert screen._search_count is None and screen.view.matches == []
        await pilot.press("n")
        assert not screen.query_one("#search").display and screen.view.has_focus
        assert screen._search_count and screen.view.matches
        await pilot.press("n", "t")  # keys still act on the text
        assert len(stored(app)) == 1


async def test_library_counts_the_same_sentence_units_as_the_report(make_app):
    """jinzhong showed 0/224 in the library but 0/221 in the report: one rule (`is_unit`) for both."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen))
        library = app.screen
        await wait_for(pilot, lambda: len(library.figures) == len(library.entries))
        total = library.figures["jinzhong-2025"][0]
        await pilot.press("enter")
        screen = await reading(pilot)
        assert screen.document.id == "jinzhong-2025"
        units = sum(1 for s in screen.document.sentences if is_unit(s))
        assert total == units == screen.tally.whole.total
        assert f"0/{units} labelled" in status(screen)
