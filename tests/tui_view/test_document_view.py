"""DocumentView in a tiny app: rendering, labels, cursor, click, search, paging, resize."""

from __future__ import annotations

import asyncio
import functools

from rich.cells import cell_len
from rich.color import Color as RichColor
from textual.app import App, ComposeResult

from reader.tui.widgets.document_layout import BLANK
from reader.tui.widgets.document_view import GUTTER, DocumentView

from .docs import CORPUS, corpus_document, make_document


def shown(hex_color: str, view) -> RichColor:
    """A label colour as the view draws it: made readable on its background."""
    from textual.color import Color

    from reader.tui.widgets.document_colors import readable

    background = Color.from_rich_color(view.rich_style.bgcolor)
    return readable(Color.parse(hex_color), background).rich_color


def run_async(test):
    """Run an async test with asyncio (no asyncio pytest plugin is installed)."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return wrapper


class ViewApp(App):
    def __init__(self, document=None, labels=None) -> None:
        super().__init__()
        self.document = document if document is not None else make_document()
        self.labels = labels or {}
        self.moves: list[tuple[int, str]] = []
        self.tops: list[int] = []

    def compose(self) -> ComposeResult:
        yield DocumentView(id="view")

    def on_mount(self) -> None:
        self.query_one(DocumentView).load(self.document, self.labels)

    def on_document_view_cursor_moved(self, message: DocumentView.CursorMoved) -> None:
        self.moves.append((message.index, message.sentence.id))

    def on_document_view_top_changed(self, message: DocumentView.TopChanged) -> None:
        self.tops.append(message.offset)


def screen_lines(view: DocumentView) -> list:
    return [view.render_line(y) for y in range(view.scrollable_content_region.height)]


def strip_for_offset(view: DocumentView, offset: int):
    y = view.visual_layout.line_of(offset) - round(view.scroll_y)
    return view.render_line(y)


def segments_for(strip, text: str):
    """Segments of `strip` whose text is part of `text` (skipping the gutter)."""
    return [s for s in list(strip)[GUTTER:] if s.text and s.text in text]


@run_async
async def test_renders_wrapped_lines_within_width_and_headings_bold():
    app = ViewApp()
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(DocumentView)
        width = view.scrollable_content_region.width
        lines = screen_lines(view)
        for strip in lines:
            assert strip.cell_length == width
            assert cell_len(strip.text[GUTTER:].rstrip()) <= width - GUTTER
        assert lines[0].text.strip() == "一、2024年工作回顾"
        heading = next(s for s in lines[0] if "工作回顾" in s.text)
        assert heading.style.bold
        # blank line between paragraphs
        assert lines[1].text.strip() == ""
        # rendering is deterministic
        assert [s.text for s in screen_lines(view)] == [s.text for s in lines]


@run_async
async def test_labels_show_gutter_marker_and_colour():
    document = make_document()
    s1, s3 = document.sentences[1], document.sentences[3]
    app = ViewApp(document, {s1.id: "target"})
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(DocumentView)
        strip = strip_for_offset(view, s1.start)
        assert strip.text.startswith("T")
        segs = segments_for(strip, s1.text)
        assert segs and all(s.style.color == shown("#3584e4", view) for s in segs)

        view.set_labels({s3.id: "problem", s1.id: None})
        await pilot.pause()
        assert not strip_for_offset(view, s1.start).text.startswith("T")
        start_line = strip_for_offset(view, s3.start)
        assert start_line.text.startswith("P")
        # the sentence continues on the next lines: thin marker, not the letter
        last = strip_for_offset(view, s3.end - 1)
        assert last is not start_line and last.text.startswith("│")
        problem_segs = segments_for(last, s3.text)
        assert problem_segs and problem_segs[0].style.color == shown("#e66100", view)


@run_async
async def test_suggestions_faint_lowercase_and_hidden_by_real_label():
    document = make_document()
    s5, s6 = document.sentences[5], document.sentences[6]
    app = ViewApp(document)
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(DocumentView)
        view.set_suggestions({s5.id: ("achievement", 0.8), s6.id: ("none", 0.9)})
        await pilot.pause()
        strip = strip_for_offset(view, s5.start)
        assert strip.text.startswith("a")
        seg = segments_for(strip, s5.text)[0]
        assert seg.style.color not in (None, shown("#26a269", view))
        assert not seg.style.dim and not seg.style.italic  # content with a suggestion is never faded
        view.set_labels({s5.id: "achievement"})
        await pilot.pause()
        strip = strip_for_offset(view, s5.start)
        assert strip.text.startswith("A")
        assert segments_for(strip, s5.text)[0].style.color == shown("#26a269", view)
        view.set_suggestions({s5.id: ("achievement", 0.8)}, visible=False)
        view.set_labels({s5.id: None})
        await pilot.pause()
        assert strip_for_offset(view, s5.start).text.startswith(" ")


@run_async
async def test_notes_marker():
    document = make_document()
    s2 = document.sentences[2]
    app = ViewApp(document)
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(DocumentView)
        view.set_notes({s2.id})
        await pilot.pause()
        assert strip_for_offset(view, s2.start).text[1] == "*"
        view.set_notes(set())
        await pilot.pause()
        assert strip_for_offset(view, s2.start).text[1] == " "


@run_async
async def test_cursor_moves_post_messages_and_repaint_only_changed_lines():
    app = ViewApp()
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(DocumentView)
        assert app.moves[-1][0] == 0
        screen_lines(view)  # fill the strip cache
        cached_before = {y: view._strips.get(y) for y in range(20)}
        view.move_cursor(1)
        await pilot.pause()
        sentence = view.document.sentences[1]
        assert view.cursor == 1 and app.moves[-1] == (1, sentence.id)
        segs = segments_for(strip_for_offset(view, sentence.start), sentence.text)
        assert segs and all(s.style.reverse for s in segs)
        # lines of other sentences kept their cached strips
        y_cur = view.visual_layout.line_of(sentence.start)
        untouched = [y for y in range(12, 20) if y != y_cur]
        assert all(view._strips.get(y) is cached_before[y] for y in untouched if cached_before[y])
        view.move_cursor(-5)
        view.move_cursor(1000)
        await pilot.pause()
        assert view.cursor == len(view.document.sentences) - 1
        assert [i for i, _ in app.moves[-2:]] == [0, len(view.document.sentences) - 1]
        # the cursor is scrolled into view
        y0, y1 = view._index.lines(view.cursor, view.visual_layout)
        top = round(view.scroll_y)
        assert top <= y0 and y1 < top + view.scrollable_content_region.height


@run_async
async def test_click_selects_sentence_including_wide_char_second_cell():
    document = make_document()
    app = ViewApp(document)
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(DocumentView)
        target = document.sentences[3]  # 介休、灵石… starts mid-line after 2458.8亿元。
        layout = view.visual_layout
        y = layout.line_of(target.start)
        line_start = layout.starts[y]
        x = GUTTER + cell_len(document.text[line_start : target.start]) + 1  # right half of 介
        await pilot.click(DocumentView, offset=(x, y))
        await pilot.pause()
        assert view.cursor == 3
        assert app.moves[-1][0] == 3
        # one cell to the left is the 。 ending the previous sentence
        await pilot.click(DocumentView, offset=(x - 2, y))
        await pilot.pause()
        assert view.cursor == 2
        # a blank separator line does nothing
        assert layout.paras[1] == BLANK
        await pilot.click(DocumentView, offset=(5, 1))
        await pilot.pause()
        assert view.cursor == 2


@run_async
async def test_search_finds_phrase_across_wrapped_lines_and_spaces():
    document = make_document()
    app = ViewApp(document)
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(DocumentView)
        layout = view.visual_layout
        # pick a phrase straddling the first wrap inside a body paragraph
        y = next(
            y
            for y in range(len(layout) - 1)
            if layout.paras[y] == layout.paras[y + 1] != BLANK and document.paragraphs[layout.paras[y]].kind == "text"
        )
        cut = layout.ends[y]
        phrase = document.text[cut - 3 : cut] + " " + document.text[cut : cut + 3]
        assert view.search(phrase) == 1
        assert view.matches == [(cut - 3, cut + 3)]
        await pilot.pause()
        top = round(view.scroll_y)
        for line in (y, y + 1):
            strip = view.render_line(line - top)
            marked = [s for s in list(strip)[GUTTER:] if s.style.underline and s.text.strip()]
            assert marked, line
        assert view.cursor == view._index.at(cut - 3)
        view.clear_search()
        await pilot.pause()
        assert not any(s.style.underline for s in list(view.render_line(y - top))[GUTTER:])


@run_async
async def test_search_next_wraps_and_moves_cursor():
    app = ViewApp()
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(DocumentView)
        text = view.document.text
        view.set_cursor(3)  # 介休、灵石…稳居全省经济前十强。
        assert view.search("全省") == 2
        # the first match at/after the cursor's sentence: 稳居全省, not 全省第4位 before it
        assert view.current_match == 1 and text[view.matches[1][0] - 2 : view.matches[1][0]] == "稳居"
        assert view.cursor == 3
        assert view.search_next(1) and view.current_match == 0  # wraps around
        assert view.cursor == view._index.at(view.matches[0][0]) == 2
        assert view.search_next(-1) and view.current_match == 1 and view.cursor == 3
        await pilot.pause()
        # the current match (inside the cursor sentence) is not reversed like the rest of the
        # sentence and is drawn stronger than the other match
        current_start, current_end = view.matches[1]
        strip = strip_for_offset(view, current_start)
        current = next(s for s in strip if s.text == text[current_start:current_end])
        assert current.style.bold and current.style.underline and not current.style.reverse
        assert any(s.style.reverse for s in list(strip)[GUTTER:] if s.text.strip())
        other_start, other_end = view.matches[0]
        other = next(s for s in strip_for_offset(view, other_start) if s.text == text[other_start:other_end])
        assert other.style.underline and not other.style.bold
        assert other.style.bgcolor != current.style.bgcolor
        view.set_cursor(6)  # after every match: the search starts over at the first one
        assert view.search("全 省") == 2 and view.current_match == 0
        assert view.search("不存在的词") == 0 and not view.search_next()


@run_async
async def test_resize_rewraps_within_width_and_keeps_top():
    document = corpus_document()
    app = ViewApp(document)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(DocumentView)
        view.scroll_to_offset(document.sentences[200].start)
        await pilot.pause()
        anchor = view.top_offset()
        assert anchor == view.visual_layout.starts[view.visual_layout.line_of(document.sentences[200].start)]
        assert view.cursor == 200
        for width in (33, 80, 21):
            await pilot.resize_terminal(width, 20)
            await pilot.pause()
            content = view.scrollable_content_region.width
            assert view.visual_layout.width == content - GUTTER
            for strip in screen_lines(view):
                assert strip.cell_length == content
                assert cell_len(strip.text[GUTTER:].rstrip()) <= content - GUTTER
            # the character that was first on screen is still on the first visible line
            layout = view.visual_layout
            y = round(view.scroll_y)
            assert layout.starts[y] <= anchor < layout.ends[y]
            anchor = view.top_offset()


@run_async
async def test_page_moves_cursor_to_first_visible_sentence_and_posts_top():
    document = corpus_document()
    app = ViewApp(document)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(DocumentView)
        assert app.tops == [0]  # the first screen is announced too
        view.page(1)
        await pilot.pause()
        top = round(view.scroll_y)
        assert top > 0
        layout = view.visual_layout
        sentence = view.document.sentences[view.cursor]
        y0 = layout.line_of(sentence.start)
        assert top <= y0 < top + view.scrollable_content_region.height
        assert app.tops and app.tops[-1] == view.top_offset()
        assert app.moves[-1][0] == view.cursor
        view.page(-1)
        await pilot.pause()
        assert round(view.scroll_y) == 0
        view.page(-1)
        assert view.cursor == 0


@run_async
async def test_scroll_to_offset_puts_heading_on_top():
    document = make_document()
    heading = document.sentences[4]
    assert heading.kind == "heading"
    app = ViewApp(document)
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.pause()
        view = app.query_one(DocumentView)
        view.scroll_to_offset(heading.start)
        await pilot.pause()
        assert view.top_offset() == heading.start
        assert view.cursor == 4
        assert view.render_line(0).text.strip().startswith("（一）")


@run_async
async def test_real_report_renders_within_width_with_kinsoku():
    """A corpus report through the real pipeline, at two widths: lines fit, no 。 at a line start."""
    from itertools import pairwise

    from reader.text.pipeline import load_document
    from reader.tui.linebreak import NO_LINE_END, NO_LINE_START

    document = load_document(CORPUS / "jinzhong-2025.txt")
    app = ViewApp(document)
    async with app.run_test(size=(50, 30)) as pilot:
        view = app.query_one(DocumentView)
        for width in (50, 83):
            await pilot.resize_terminal(width, 30)
            await pilot.pause()
            layout = view.visual_layout
            content = view.scrollable_content_region.width
            texts = [document.text[a:b] for a, b in zip(layout.starts, layout.ends, strict=True)]
            for line, para in zip(texts, layout.paras, strict=True):
                assert cell_len(line) <= content - GUTTER
                assert (para == BLANK) == (line == "")
            for before, after in pairwise(texts):
                if before and after:
                    assert after[0] not in NO_LINE_START and before[-1] not in NO_LINE_END
            for _ in range(5):
                for strip in screen_lines(view):
                    assert strip.cell_length == content
                view.page(1)
                await pilot.pause()


@run_async
async def test_label_colours_readable_in_light_and_dark_themes():
    from textual.color import Color

    from reader.tui.widgets.document_colors import contrast

    document = make_document()
    s1, s5, s6 = document.sentences[1], document.sentences[5], document.sentences[6]
    app = ViewApp(document, {s1.id: "achievement"})
    async with app.run_test(size=(40, 20)) as pilot:
        view = app.query_one(DocumentView)
        view.set_suggestions({s5.id: ("achievement", 0.7), s6.id: ("none", 0.9)})
        for theme in ("textual-dark", "textual-light"):
            app.theme = theme
            await pilot.pause()
            label = segments_for(strip_for_offset(view, s1.start), s1.text)[0].style
            suggestion = segments_for(strip_for_offset(view, s5.start), s5.text)[0].style
            background = Color.from_rich_color(label.bgcolor)
            label_color = Color.from_rich_color(label.color)
            assert contrast(label_color, background) >= 4.0, theme
            # a suggestion: not dim, not italic (CJK italics read badly), as bright as the text,
            # nearer the text colour than the label colour
            assert not suggestion.dim and not suggestion.italic, theme
            text_color = Color.from_rich_color(view.rich_style.color)
            tint = Color.from_rich_color(suggestion.color)

            def distance(a, b):
                return sum((x - y) ** 2 for x, y in zip(a.rgb, b.rgb, strict=True))

            assert distance(tint, text_color) < distance(tint, label_color) / 3, theme
            assert contrast(tint, background) >= 7, theme  # AAA body text: it does not look faded
            # a sentence suggested "none" recedes: fainter than a suggested one, still AA-readable
            ceremony = segments_for(strip_for_offset(view, s6.start), s6.text)[0].style
            faded = Color.from_rich_color(ceremony.color)
            assert 4.5 <= contrast(faded, background) < contrast(tint, background), theme
            gutter = next(iter(strip_for_offset(view, s5.start)))
            assert gutter.text == "a" and not gutter.style.dim and not gutter.style.bold, theme


def cursor_rows(view: DocumentView) -> tuple[int, int]:
    """First and last screen row of the cursor sentence (0 = top of the text area)."""
    y0, y1 = view._index.lines(view.cursor, view.visual_layout)
    top = round(view.scroll_y)
    return y0 - top, y1 - top


@run_async
async def test_loading_at_a_cursor_after_layout_scrolls_it_into_view_with_context():
    """A report opened at a remembered sentence (loaded once the view has its size) shows it."""
    from reader.text.pipeline import load_document

    document = load_document(CORPUS / "jinzhong-2025.txt")
    app = ViewApp(make_document())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(DocumentView)
        view.load(document, {}, cursor=150)
        await pilot.pause()
        first, last = cursor_rows(view)
        height = view.scrollable_content_region.height
        assert 1 <= first <= 4 and last < height  # a few lines of context above it, all of it shown
        assert view.top_offset() > 0


@run_async
async def test_shrinking_keeps_the_visible_cursor_sentence_on_screen():
    from reader.text.pipeline import load_document

    document = load_document(CORPUS / "jinzhong-2025.txt")
    app = ViewApp(document)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.query_one(DocumentView)
        view.scroll_to_offset(document.sentences[100].start)
        await pilot.pause()
        # the cursor near the bottom of the screen
        while cursor_rows(view)[1] < view.scrollable_content_region.height - 6:
            view.move_cursor(1)
        await pilot.pause()
        for width, height in ((70, 40), (50, 24), (40, 16), (120, 12)):
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            first, last = cursor_rows(view)
            assert first >= 0 and last < view.scrollable_content_region.height, (width, height)


SHORT = [("text", 0, "一是稳增长。二是促改革。三是惠民生。这一句比较长，用来占满后面的行。")]


@run_async
async def test_every_label_starting_on_a_line_has_a_gutter_marker():
    document = make_document(SHORT)
    s0, s1, s2 = document.sentences[:3]
    app = ViewApp(document, {s0.id: "target", s1.id: "achievement"})
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        view = app.query_one(DocumentView)
        line = strip_for_offset(view, s0.start)
        assert line.text[:GUTTER] == "TA "  # both labels, no colour needed
        gutter = list(line)
        assert gutter[0].style.color != gutter[1].style.color
        view.set_suggestions({s2.id: ("problem", 0.6)})
        view.set_labels({s1.id: None})
        await pilot.pause()
        assert strip_for_offset(view, s0.start).text[:GUTTER] == "Tp "  # a suggestion: lower case
        view.set_labels({s1.id: "achievement"})
        view.set_notes({s0.id})
        await pilot.pause()
        assert strip_for_offset(view, s0.start).text[:GUTTER] == "T+*"  # three: first letter and +
        view.set_labels({s1.id: None})
        view.set_suggestions({})
        await pilot.pause()
        assert strip_for_offset(view, s0.start).text[:GUTTER] == "T* "
