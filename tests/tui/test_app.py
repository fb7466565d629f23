"""Pilot tests of the library and the app-wide bindings (help, guide, stats, theme, palette, quit)."""

from __future__ import annotations

from textual.content import Content

from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.reading import ReadingScreen
from tests.tui.helpers import DOC, reading, stored, wait_for

SIZE = (120, 40)


async def library_ready(pilot) -> LibraryScreen:
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen))
    screen = app.screen
    await wait_for(pilot, lambda: len(screen.figures) == len(screen.entries))
    return screen


async def test_library_lists_reports_with_progress_and_opens_one(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        library = await library_ready(pilot)
        table = library.query_one("#reports")
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == [DOC, "xinzhou-feature-2025"]
        total = library.figures[DOC][0]
        assert str(table.get_cell(DOC, "progress")) == f"0/{total}"
        await pilot.press("enter")
        screen = await reading(pilot)
        assert screen.document.id == DOC
        screen.view.set_cursor(next(s.index for s in screen.document.sentences if s.kind != "heading"))
        await pilot.press("t", "j", "p")
        assert sorted(stored(app).values()) == ["problem", "target"]
        await pilot.press("q")  # back to the library, which recounts the report
        await wait_for(pilot, lambda: app.screen is library)
        await wait_for(pilot, lambda: library.figures[DOC][1] == 2)
        assert str(table.get_cell(DOC, "progress")) == f"2/{total}"
        assert str(table.get_cell(DOC, "label:target")) == "1"
        assert str(table.get_cell(DOC, "label:problem")) == "1"


async def test_library_filter_and_l_opens(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        library = await library_ready(pilot)
        await pilot.press("slash", *"feature")
        table = library.query_one("#reports")
        assert table.row_count == 1
        await pilot.press("enter")  # leaves the filter for the table
        assert table.has_focus
        await pilot.press("l")
        screen = await reading(pilot)
        assert screen.document.id == "xinzhou-feature-2025"


async def test_help_lists_every_binding_of_the_active_keymap(make_app):
    from reader.tui.actions import all_specs

    app = make_app("jinzhong-2025.txt", keymap="vim")
    async with app.run_test(size=SIZE) as pilot:
        await reading(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
        table = app.screen.query_one("#help-table")
        ids = [row.value for row in table.rows]
        rows = {binding_id: str(table.get_row(binding_id)[1]) for binding_id in ids}
        assert set(rows) == {spec.id for spec in all_specs(app.config.labels)}
        assert rows["doc.bottom"] == "G, end"  # vim keys, shown the way the footer shows them
        assert rows["theme.toggle"] == "ctrl+t"
        for binding_id in ids:  # the id and the whole explanation are in the action cell
            assert str(table.get_row(binding_id)[2]).endswith(binding_id)
        await pilot.press("end")  # the last binding can be reached and is on screen
        last = table.row_count - 1
        assert table.cursor_row == last and ids[last] == "theme.toggle"
        assert table.region.y + table.region.height <= app.screen.query_one(".panel").region.bottom
        y = 1 + last - round(table.scroll_y)  # the header takes a line
        assert 0 < y < table.scrollable_content_region.height + 1
        await pilot.press("home")
        assert table.cursor_row == 0 and table.scroll_y == 0
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ReadingScreen))


async def test_vim_keymap_is_applied_to_the_bindings(make_app):
    app = make_app("jinzhong-2025.txt", keymap="vim")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        await pilot.press("G")
        assert screen.view.cursor == len(screen.document.sentences) - 1
        await pilot.press("home", "right_curly_bracket")
        assert screen.view.cursor > 0


async def test_help_at_80x24_cuts_no_text(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=(80, 24)) as pilot:
        await reading(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
        await pilot.pause()
        table = app.screen.query_one("#help-table")
        assert table.virtual_size.width <= table.scrollable_content_region.width  # no sideways scrolling
        lines = [table.render_line(y).text.rstrip() for y in range(table.scrollable_content_region.height)]
        text = " ".join(" ".join(lines).split())
        assert "Next sentence without a label sentence.next_unlabelled" in text  # wrapped, not cut
        header = app.screen.query(".panel Static").first()
        assert "Esc closes." in " ".join(str(header.render()).split())


async def test_note_dialog_at_80x24_shows_its_keys_whole(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reading(pilot)
        screen.view.set_cursor(next(s.index for s in screen.document.sentences if s.kind != "heading"))
        await pilot.press("e")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "NoteScreen")
        await pilot.pause()
        title = app.screen.query_one(".title")
        lines = [title.render_line(y).text for y in range(title.size.height)]
        assert "Esc cancels)" in " ".join(" ".join(lines).split())
        assert app.screen.query_one("#note").region.bottom <= 24


async def test_guide_stats_and_theme(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        await pilot.press("g")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "GuideScreen")
        markdown = app.screen.query_one("Markdown")
        assert "achievement" in markdown.source
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        screen.view.set_cursor(next(s.index for s in screen.document.sentences if s.kind != "heading"))
        await pilot.press("a", "s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "StatsScreen")
        overall = app.screen.overall
        assert (overall.labelled, overall.counts) == (1, {"achievement": 1})
        assert len(app.screen.rows) > 3  # the document and its parts and sections
        await pilot.press("q")  # q closes the panel, not the app
        await wait_for(pilot, lambda: app.screen is screen)
        theme = app.theme
        await pilot.press("ctrl+t")
        assert app.theme != theme and "light" in app.theme
        await pilot.press("ctrl+t")
        assert app.theme == theme


async def test_command_palette_runs_actions(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        commands = list(app.get_system_commands(screen))
        titles = [c.title for c in commands]
        assert "Next sentence without a label" in titles and "Label target (目标); again removes it" in titles
        assert titles.count("Light/dark theme") == 1 and "Theme" not in titles  # one theme command
        helps = {c.title: c.help for c in commands}
        # every action shows its keys, as text (not swallowed as a markup tag like "[y]")
        assert Content.from_markup(helps["Accept the suggested label"]).plain.endswith("keys: y")
        assert Content.from_markup(helps["Add or edit a note on the sentence"]).plain.endswith("keys: e")
        assert Content.from_markup(helps["Quit"]).plain.endswith("keys: q")
        assert Content.from_markup(helps["Previous section"]).plain.endswith("keys: [, K")
        screen.view.set_cursor(next(s.index for s in screen.document.sentences if s.kind != "heading"))
        command = next(c for c in app.get_system_commands(screen) if c.help.startswith("label.problem "))
        await command.callback()
        await pilot.pause()
        assert list(stored(app).values()) == ["problem"]


async def test_quit_key_quits_and_keeps_the_labels(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        screen.view.set_cursor(next(s.index for s in screen.document.sentences if s.kind != "heading"))
        await pilot.press("t", "q")
        await pilot.pause()
        assert app._exit
    assert list(stored(app).values()) == ["target"]


async def test_library_j_k_move_and_down_from_the_filter_then_enter_opens(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        library = await library_ready(pilot)
        table = library.query_one("#reports")
        await pilot.press("j")
        assert table.cursor_row == 1
        await pilot.press("k")
        assert table.cursor_row == 0
        await pilot.press("slash", *"xinzhou-feature")  # j/k type into the filter, not move
        assert library.query_one("#filter").value == "xinzhou-feature" and table.row_count == 1
        await pilot.press("down")  # from the filter to the table's first row
        assert table.has_focus and table.cursor_row == 0
        await pilot.press("enter")  # opens at the first press
        screen = await reading(pilot)
        assert screen.document.id == "xinzhou-feature-2025"


async def test_library_filter_that_matches_nothing_says_so(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        library = await library_ready(pilot)
        message = library.query_one("#no-match")
        assert not message.display
        await pilot.press("slash", *"beijing")
        assert library.query_one("#reports").row_count == 0
        assert message.display and "beijing" in str(message.render())
        await pilot.press("escape")  # clears the filter
        assert not message.display and library.query_one("#reports").row_count == 2


async def test_library_home_end_go_to_the_first_and_last_report(make_app, corpus):
    (corpus / "zz-last.txt").write_text((corpus / "jinzhong-2025.txt").read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        library = await library_ready(pilot)
        table = library.query_one("#reports")
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1 == 2
        await pilot.press("home")
        assert table.cursor_row == 0


async def test_library_shows_an_unreadable_report_whole_and_says_why(make_app, corpus):
    (corpus / "broken.txt").write_bytes(bytes(range(256)) * 8)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        library = await library_ready(pilot)
        table = library.query_one("#reports")
        assert str(table.get_cell("broken", "progress")) == "unreadable"
        assert table.columns["progress"].get_render_width(table) >= len("unreadable")
        info = library.query_one("#row-info")
        assert table.cursor_row == 0 and info.display  # "broken" sorts first
        assert "not a text file" in str(info.render())
        await pilot.press("j")
        assert not info.display  # a readable report: nothing to say


async def test_library_of_a_read_only_store_says_read_only(make_app, annotations):
    from reader.store import AnnotationStore

    holder = AnnotationStore(annotations)
    try:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            library = await library_ready(pilot)
            assert "READ-ONLY" in str(library.query_one("#library-title").render())
            info = library.query_one("#row-info")
            assert info.display and "in use by another reader" in str(info.render())
    finally:
        holder.close()


async def test_theme_is_remembered_for_the_next_start(make_app):
    app = make_app("jinzhong-2025.txt", theme=None)
    async with app.run_test(size=SIZE) as pilot:
        await reading(pilot)
        assert "dark" in app.theme  # nothing remembered yet: dark
        await pilot.press("ctrl+t")
        assert "light" in app.theme
    again = make_app("jinzhong-2025.txt", theme=None)
    async with again.run_test(size=SIZE) as pilot:
        await reading(pilot)
        assert "light" in again.theme
    explicit = make_app("jinzhong-2025.txt", theme="dark")  # --theme wins over what is remembered
    async with explicit.run_test(size=SIZE) as pilot:
        await reading(pilot)
        assert "dark" in explicit.theme


async def test_library_cursor_starts_on_the_last_report_opened(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        library = await library_ready(pilot)
        await pilot.press("j", "enter")  # the second report
        screen = await reading(pilot)
        assert screen.document.id == "xinzhou-feature-2025"
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        library = await library_ready(pilot)
        table = library.query_one("#reports")
        assert table.cursor_row == 1
        await pilot.press("enter")
        assert (await reading(pilot)).document.id == "xinzhou-feature-2025"
