"""`DocumentView`: the report body as one Line-API widget with a sentence cursor.

The whole document is a single `ScrollView`; `render_line(y)` draws visual line `y` from a
`Layout` (paragraphs wrapped by the Chinese line breaker at the content width minus the gutter).
Strips are cached per line and only the lines whose look changed are repainted when the cursor
moves, a label, note or search match changes. The widget never touches the store: it shows what it
is given (`load`, `set_labels`, `set_notes`, `set_changed`, `set_suggestions`) and posts `CursorMoved` and
`TopChanged` messages up.

Gutter (3 cells) per visual line: a label marker (`T`/`A`/`P`: the label name's first letter,
upper case, on the line where a labelled sentence starts; `│` on its continuation lines), a note
marker `*`, a space. When two labelled sentences start on one line both letters are shown (`TA`)
and the note mark moves to the third cell; three or more show the first letter and `+` (the help
screen's legend says so: those sentences' labels show in their text colour).
Suggestions are lower case (`t`, `Ta`) in the label's colour, not bold, with `┆`; their text keeps
the text's brightness, only tinted by the label's hue, so they are never mistaken for labels and
the content they mark never looks faded. A sentence suggested `none` recedes a little
(`document_colors.none_color`).
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.color import Color
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.text.model import Document, Sentence
from reader.tui.linebreak import char_widths
from reader.tui.widgets.document_colors import none_color, readable, suggestion_color
from reader.tui.widgets.document_layout import BLANK, Layout, SentenceIndex, build_layout
from reader.tui.widgets.document_search import find_matches
from reader.tui.widgets.indicator_spans import SpanLayer

GUTTER = 3
"""Cells left of the text: label marker(s), note marker, space."""
RESTORE_CONTEXT = 3
"""Lines shown above the cursor sentence when a document opens at a remembered position."""
NOTE_MARK = "*"
CONTINUATION_MARK = "│"
SUGGESTION_CONTINUATION_MARK = "┆"
FILTERED_FADE = 0.55
"""How far the text of a sentence a filter leaves out is blended towards the background: still
legible as context, plainly not what the movement keys visit."""
MORE_MARK = "+"
"""Second gutter cell when three or more labelled sentences start on one line."""


class _DefaultLabel:
    def __init__(self, name: str, display: str, color: str) -> None:
        self.name, self.display, self.color = name, display, color


def default_labelset() -> Sequence[Any]:
    """The store's default label set, or a built-in copy if the store is not importable."""
    try:
        from reader.store.labelset import DEFAULT_LABELS
    except ImportError:  # pragma: no cover - the store ships with the app
        return (
            _DefaultLabel("target", "目标", "#3584e4"),
            _DefaultLabel("achievement", "成绩", "#26a269"),
            _DefaultLabel("problem", "问题", "#e66100"),
        )
    return DEFAULT_LABELS


class DocumentView(ScrollView, can_focus=True, inherit_bindings=False):
    """A whole report, wrapped for Chinese, with a sentence cursor, labels, notes and search.

    Keys are bound by the screen (it owns the keymap), so this widget binds none: the inherited
    scrolling keys would otherwise shadow the screen's bindings while the view has focus.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "document-view--cursor",
        "document-view--heading",
        "document-view--heading-1",
        "document-view--heading-2",
        "document-view--label",
        "document-view--suggestion",
        "document-view--match",
        "document-view--match-current",
        "document-view--gutter",
        "document-view--note",
    }

    DEFAULT_CSS = """
    DocumentView {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
        & > .document-view--cursor { text-style: reverse; }
        & > .document-view--heading { color: $text-accent; text-style: bold; }
        & > .document-view--heading-1 { text-style: bold underline; }
        & > .document-view--heading-2 { text-style: bold; }
        & > .document-view--label { }
        & > .document-view--suggestion { }
        & > .document-view--match { background: $warning 30%; text-style: underline; }
        & > .document-view--match-current { background: $warning 80%; color: auto 90%; text-style: bold underline; }
        & > .document-view--gutter { color: $text-muted; }
        & > .document-view--note { color: $text-warning; text-style: bold; }
    }
    """

    class CursorMoved(Message):
        """The current sentence changed (keys, click, page, jump, search, load)."""

        def __init__(self, view: DocumentView, index: int, sentence: Sentence) -> None:
            super().__init__()
            self.view = view
            self.index = index
            self.sentence = sentence

        @property
        def control(self) -> DocumentView:
            return self.view

    class TopChanged(Message):
        """The first visible line changed: `offset` is its character offset in the document."""

        def __init__(self, view: DocumentView, offset: int) -> None:
            super().__init__()
            self.view = view
            self.offset = offset

        @property
        def control(self) -> DocumentView:
            return self.view

    def __init__(
        self,
        document: Document | None = None,
        *,
        labelset: Sequence[Any] | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.labelset = list(labelset) if labelset is not None else list(default_labelset())
        self.document: Document | None = None
        self._cursor = 0
        self._index: SentenceIndex | None = None
        self._labels: dict[str, str] = {}
        self._notes: set[str] = set()
        self._changed: set[str] = set()
        self._suggestions: dict[str, tuple[str, float]] = {}
        self._suggestions_visible = True
        self._dimmed: set[int] = set()
        self._clause_labels: dict[int, list[tuple[int, int, str]]] = {}
        """Sentence index → its labelled clauses (start, end in the text, label)."""
        self._clause_view: tuple[int, list[tuple[int, int]], int] | None = None
        """The sentence split into clauses: (index, clause spans in the text, the current one)."""
        self._matches: list[tuple[int, int]] = []
        self._match_starts: list[int] = []
        self._match_current = -1
        self._layout: Layout | None = None
        self._layouts: dict[int, Layout] = {}
        self._strips: LRUCache[int, Strip] = LRUCache(1024)
        self._styles: dict[str, Any] | None = None
        self._content_width = 0
        self._viewport_height = 0
        """The height of the text area at the last resize (to tell what was visible before one)."""
        self._last_top: int | None = None
        self.highlights = SpanLayer()
        """Spans drawn with their own style inside sentences (the figures, `set_highlights`)."""
        if document is not None:
            self.load(document)

    # ------------------------------------------------------------------ content
    def load(self, document: Document, labels: Mapping[str, str] = {}, cursor: int = 0) -> None:
        """Show `document` (replacing any content) with `labels` (sentence id → label name)."""
        self.document = document
        self._index = SentenceIndex(document)
        self._labels = dict(labels)
        self._notes = set()
        self._changed = set()
        self._suggestions = {}
        self._dimmed = set()
        self._clause_labels, self._clause_view = {}, None
        self._matches, self._match_starts, self._match_current = [], [], -1
        self.highlights.set([])
        self._layouts = {}
        self._layout = None
        self._strips.clear()
        self._last_top = None
        self._cursor = self._clamp(cursor)
        if self._content_width:
            self._relayout(anchor=None)
            self._show_opening_position()
            self._post_top()
        self.refresh()
        self._post_cursor()

    @property
    def cursor(self) -> int:
        """Index into `document.sentences` of the current sentence."""
        return self._cursor

    @cursor.setter
    def cursor(self, index: int) -> None:
        self.set_cursor(index)

    @property
    def sentence(self) -> Sentence | None:
        """The current sentence (None without a document or sentences)."""
        if self.document is None or not self.document.sentences:
            return None
        return self.document.sentences[self._cursor]

    @property
    def visual_layout(self) -> Layout | None:
        """The visual lines at the current width (None before the first resize)."""
        return self._layout

    def labels(self) -> dict[str, str]:
        """A copy of the labels shown (sentence id → label name)."""
        return dict(self._labels)

    def set_cursor(self, index: int, *, scroll: bool = True) -> None:
        """Make sentence `index` (clamped) current, scroll it into view, post `CursorMoved`."""
        if self.document is None or not self.document.sentences:
            return
        index = self._clamp(index)
        old, self._cursor = self._cursor, index
        if scroll:
            self._scroll_into_view(index)
        if old != index:
            self._refresh_sentences((old, index))
            self._post_cursor()

    def move_cursor(self, delta: int) -> None:
        """Move the cursor `delta` sentences (clamped at both ends)."""
        self.set_cursor(self._cursor + delta)

    def set_labels(self, changes: Mapping[str, str | None]) -> None:
        """Apply label changes (sentence id → label name, or None to clear); repaints those lines."""
        changed = []
        for sentence_id, label in changes.items():
            if label is None:
                self._labels.pop(sentence_id, None)
            else:
                self._labels[sentence_id] = label
            changed.append(sentence_id)
        self._refresh_ids(changed)

    def set_changed(self, sentence_ids: set[str]) -> None:
        """Mark the labels whose sentence was edited after labelling (gutter letter in reverse
        video until the annotator confirms them)."""
        new = set(sentence_ids)
        changed = new ^ self._changed
        self._changed = new
        self._refresh_ids(changed)

    def set_notes(self, sentence_ids: set[str]) -> None:
        """Mark the sentences that have a note (replaces the previous set)."""
        new = set(sentence_ids)
        changed = new ^ self._notes
        self._notes = new
        self._refresh_ids(changed)

    def set_dimmed(self, indices: set[int]) -> None:
        """Draw these sentences (indices) faded: the ones a filter leaves out (replaces the set)."""
        new = set(indices)
        changed = new ^ self._dimmed
        self._dimmed = new
        if len(changed) > 64:
            self._repaint_all()
        else:
            self._refresh_sentences(changed)

    def set_clause_labels(self, index: int, clauses: list[tuple[int, int, str]]) -> None:
        """The labelled clauses of sentence `index` ((start, end, label), offsets in the text; [] none)."""
        if clauses:
            self._clause_labels[index] = list(clauses)
        else:
            self._clause_labels.pop(index, None)
        self._refresh_sentences([index])

    def set_clause_view(self, index: int | None, clauses: list[tuple[int, int]] = (), current: int = 0) -> None:
        """Show sentence `index` split into `clauses` (offsets in the text), `current` as the cursor;
        None: back to whole sentences."""
        old = self._clause_view
        self._clause_view = None if index is None else (index, list(clauses), current)
        self._refresh_sentences({i for i in (old and old[0], index) if i is not None})
        if index is not None:
            a, b = clauses[current]
            layout = self._layout
            if layout is not None:
                self._scroll_lines_into_view(layout.line_of(a), layout.line_of(max(a, b - 1)))

    def set_suggestions(self, suggestions: Mapping[str, tuple[str, float]], *, visible: bool = True) -> None:
        """Show suggested labels (sentence id → (label, score)) faintly on unlabelled sentences."""
        self._suggestions = dict(suggestions)
        self._suggestions_visible = visible
        self._repaint_all()

    def set_highlights(self, spans) -> None:
        """Underline these (start, end, kind) spans of the text ("extracted" or "corrected"); [] clears."""
        if self.highlights.set(spans):
            self._repaint_all()

    # ------------------------------------------------------------------ scrolling
    def page(self, direction: int) -> None:
        """Scroll a page down (1) or up (-1) and put the cursor on the first sentence in view."""
        layout = self._layout
        if layout is None or self._index is None or not len(self._index):
            return
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_y)
        target = min(max(0, top + direction * max(1, height - 1)), self._max_top())
        if target == top:
            self.set_cursor(len(self._index) - 1 if direction > 0 else 0)
            return
        self._set_top(target)
        self.set_cursor(self._first_sentence_in_view(target, height), scroll=False)

    def scroll_to_offset(self, offset: int) -> None:
        """Put the line holding character `offset` at the top and the cursor on its sentence."""
        if self._index is None or not len(self._index):
            return
        index = self._index.at(offset)
        if self._layout is not None:
            y = self._layout.first_text_line_at_or_after(self._layout.line_of(offset))
            self._set_top(y)
        self.set_cursor(index, scroll=self._layout is None)

    def top_offset(self) -> int:
        """Character offset of the first visible line (0 before layout)."""
        layout = self._layout
        if layout is None or not len(layout):
            return 0
        y = min(round(self.scroll_y), len(layout) - 1)
        return layout.starts[layout.first_text_line_at_or_after(y)]

    # ------------------------------------------------------------------ search
    def search(self, query: str) -> int:
        """Highlight every match of `query` (ignoring whitespace); go to the first at/after the cursor."""
        if self.document is None:
            return 0
        self._matches = find_matches(self.document.text, query)
        self._match_starts = [a for a, _ in self._matches]
        self._match_current = -1
        self._repaint_all()
        if not self._matches:
            return 0
        here = self.document.sentences[self._cursor].start if self.document.sentences else 0
        first = bisect_left(self._match_starts, here)
        self._go_to_match(first % len(self._matches))
        return len(self._matches)

    def search_next(self, direction: int = 1) -> bool:
        """Go to the next (1) or previous (-1) match, wrapping around; False if there are none.

        From the current match while the cursor is on its sentence (two matches in one sentence:
        the second is next); after the cursor moved elsewhere, from the cursor: the first match in
        or after its sentence (the last one before it, backwards).
        """
        if not self._matches:
            return False
        step = 1 if direction >= 0 else -1
        current = self._match_current
        sentence = self.sentence
        on_current = (
            sentence is not None and current >= 0 and (sentence.start <= self._matches[current][0] < sentence.end)
        )
        if sentence is None or on_current:
            target = current + step
        else:
            first = bisect_left(self._match_starts, sentence.start)
            target = first if step > 0 else first - 1
        self._go_to_match(target % len(self._matches))
        return True

    def clear_search(self) -> None:
        """Remove the search highlights."""
        if self._matches:
            self._matches, self._match_starts, self._match_current = [], [], -1
            self._repaint_all()

    @property
    def matches(self) -> list[tuple[int, int]]:
        """Spans of the current search's matches in `document.text`."""
        return list(self._matches)

    @property
    def current_match(self) -> int:
        """Index into `matches` of the current match (-1 if none)."""
        return self._match_current

    def _go_to_match(self, index: int) -> None:
        old = self._match_current
        self._match_current = index
        start, end = self._matches[index]
        for i in (old, index):
            if 0 <= i < len(self._matches):
                self._refresh_span(*self._matches[i])
        assert self._index is not None
        if len(self._index):
            self.set_cursor(self._index.at(start), scroll=True)
        layout = self._layout
        if layout is not None:
            self._scroll_lines_into_view(layout.line_of(start), layout.line_of(max(start, end - 1)))

    # ------------------------------------------------------------------ layout
    def _clamp(self, index: int) -> int:
        count = len(self.document.sentences) if self.document is not None else 0
        return min(max(int(index), 0), max(count - 1, 0))

    def _text_width(self) -> int:
        return max(self._content_width - GUTTER, 1)

    def _relayout(self, anchor: int | None) -> None:
        """Wrap for the current width (cached per width) and keep `anchor` (an offset) at the top."""
        if self.document is None:
            self._layout = None
            self.virtual_size = Size(self._content_width, 0)
            return
        width = self._text_width()
        layout = self._layouts.get(width)
        if layout is None:
            layout = self._layouts[width] = build_layout(self.document, width)
            if len(self._layouts) > 4:
                self._layouts.pop(next(iter(self._layouts)))
        self._layout = layout
        self._strips.clear()
        self.virtual_size = Size(self._content_width, len(layout))
        if anchor is not None:
            self._set_top(layout.first_text_line_at_or_after(layout.line_of(anchor)))

    def _set_top(self, y: int) -> None:
        """Scroll so that visual line `y` (clamped) is the first visible one, at once.

        `force`: right after a document is loaded or re-wrapped the scrollbars are not yet updated
        for the new virtual size, and an unforced scroll would then be silently ignored.
        """
        self.scroll_to(y=min(max(0, y), self._max_top()), animate=False, force=True)

    def _show_opening_position(self) -> None:
        """Scroll so the cursor sentence is in view with a few lines of context above it."""
        if self._layout is None or self._index is None or not len(self._index):
            self._set_top(0)
            return
        y0, y1 = self._index.lines(self._cursor, self._layout)
        height = max(1, self.scrollable_content_region.height)
        context = min(RESTORE_CONTEXT, max(0, height - (y1 - y0 + 1)) // 2)
        self._set_top(y0 - context if y0 > context else 0)

    def _cursor_row(self) -> int | None:
        """Row (0 = top of the text area) of the cursor sentence's first line, if it is on screen."""
        if self._layout is None or self._index is None or not len(self._index):
            return None
        y0, y1 = self._index.lines(self._cursor, self._layout)
        top = round(self.scroll_y)
        if y1 < top or y0 >= top + max(1, self._viewport_height):
            return None
        return y0 - top

    def _max_top(self) -> int:
        if self._layout is None:
            return 0
        return max(0, len(self._layout) - self.scrollable_content_region.height)

    def on_resize(self, event: events.Resize) -> None:
        region = self.scrollable_content_region
        width = region.width
        # Where the cursor sentence was on screen (None if it was not): after a re-wrap or a
        # shorter window it stays on screen, near the same row, rather than the old top line.
        row = self._cursor_row()
        self._viewport_height = region.height
        if width == self._content_width and self._layout is not None:
            if row is not None:
                self._scroll_into_view(self._cursor)
            return
        first = self._content_width == 0 or self._layout is None
        anchor = None if first else self.top_offset()
        self._content_width = width
        self._strips.grow(max(1024, event.size.height * 4))
        self._relayout(anchor)
        if first and self.document is not None:
            self._show_opening_position()
        elif row is not None and self._layout is not None and self._index is not None:
            # The first visible character stays on top unless that pushes the cursor sentence
            # (or its first screenful) out of view: then the cursor is the anchor, at its old row.
            y0, y1 = self._index.lines(self._cursor, self._layout)
            height = max(1, region.height)
            top = round(self.scroll_y)
            if y0 < top or min(y1, y0 + height - 1) >= top + height:
                self._set_top(y0 - min(row, max(0, height - (y1 - y0 + 1))))
        self._post_top()
        self.refresh()

    def _first_sentence_in_view(self, top: int, height: int) -> int:
        assert self._layout is not None and self._index is not None
        layout = self._layout
        bottom = min(top + height, len(layout)) - 1
        starting = self._index.starting_in(layout.starts[top], layout.ends[bottom])
        if len(starting):
            return starting.start
        return self._index.at(layout.starts[top])

    def _scroll_into_view(self, index: int) -> None:
        if self._layout is None or self._index is None or not len(self._index):
            return
        self._scroll_lines_into_view(*self._index.lines(index, self._layout))

    def _scroll_lines_into_view(self, y0: int, y1: int) -> None:
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_y)
        if y0 < top:
            target = y0
        elif y1 >= top + height:
            target = min(y0, y1 - height + 1)
        else:
            return
        self._set_top(target)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._post_top()

    def _post_top(self) -> None:
        """Post `TopChanged` if the first visible line's offset is not the one last posted."""
        if self._layout is not None:
            offset = self.top_offset()
            if offset != self._last_top:
                self._last_top = offset
                self.post_message(self.TopChanged(self, offset))

    # ------------------------------------------------------------------ repainting
    def _post_cursor(self) -> None:
        sentence = self.sentence
        if sentence is not None:
            self.post_message(self.CursorMoved(self, self._cursor, sentence))

    def _repaint_all(self) -> None:
        self._strips.clear()
        self.refresh()

    def _refresh_lines(self, y0: int, y1: int) -> None:
        """Drop cached strips of lines y0..y1 and repaint the visible ones."""
        top = round(self.scroll_y)
        height = self.scrollable_content_region.height
        for y in range(y0, y1 + 1):
            self._strips.discard(y)
        lo, hi = max(y0, top), min(y1, top + height - 1)
        if lo <= hi:
            self.refresh_lines(lo, hi - lo + 1)

    def _refresh_span(self, start: int, end: int) -> None:
        if self._layout is not None:
            self._refresh_lines(self._layout.line_of(start), self._layout.line_of(max(start, end - 1)))

    def _refresh_sentences(self, indices) -> None:
        if self._layout is None or self._index is None:
            return
        for i in indices:
            if 0 <= i < len(self._index):
                self._refresh_lines(*self._index.lines(i, self._layout))

    def _refresh_ids(self, sentence_ids) -> None:
        if self._index is None:
            return
        by_id = self._index.by_id
        self._refresh_sentences([by_id[s] for s in sentence_ids if s in by_id])

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None
        self._strips.clear()

    # ------------------------------------------------------------------ mouse
    def on_click(self, event: events.Click) -> None:
        offset = self.offset_at(event.x, event.y)
        if offset is not None and self._index is not None and len(self._index):
            self.set_cursor(self._index.at(offset))

    def offset_at(self, x: int, y: int) -> int | None:
        """Character offset in `document.text` under widget coordinates (x, y), or None.

        `x`, `y` are relative to the widget's content area (as in mouse events). A click on the
        gutter or right of the text picks the first or last character of the line; a click on either
        cell of a wide character picks that character.
        """
        layout = self._layout
        if layout is None or self.document is None:
            return None
        line = round(self.scroll_y) + y
        if not 0 <= line < len(layout) or layout.paras[line] == BLANK:
            return None
        start, end = layout.starts[line], layout.ends[line]
        column = x - GUTTER
        if column < 0:
            return start
        cells = 0
        for i, width in enumerate(char_widths(self.document.text[start:end])):
            cells += width
            if column < cells:
                return start + i
        return max(start, end - 1)

    # ------------------------------------------------------------------ rendering
    def render_line(self, y: int) -> Strip:
        line = round(self.scroll_y) + y
        width = self._content_width or self.size.width
        strip = self._strips.get(line)
        if strip is None:
            strip = self._render_visual_line(line, width)
            self._strips[line] = strip
        return strip

    def _style_table(self) -> dict[str, Any]:
        if self._styles is not None:
            return self._styles
        base = self.rich_style
        background = Color.from_rich_color(base.bgcolor) if base.bgcolor else Color(0, 0, 0)
        foreground = Color.from_rich_color(base.color) if base.color else Color(255, 255, 255)

        def overlay(name: str) -> Style:
            styles = self.get_component_styles(name)
            full = self.get_component_rich_style(name)
            partial = self.get_component_rich_style(name, partial=True)
            return (
                Style(
                    color=full.color if styles.has_rule("color") else None,
                    bgcolor=full.bgcolor if styles.has_rule("background") else None,
                )
                + partial.without_color
            )

        heading = base + overlay("document-view--heading")
        label_overlay = overlay("document-view--label")
        suggestion_overlay = overlay("document-view--suggestion")
        gutter = base + overlay("document-view--gutter")
        labels, suggestions, gutter_labels, gutter_suggestions = {}, {}, {}, {}
        for label in self.labelset:
            try:
                color = Color.parse(label.color)
            except Exception:
                color = Color.parse("#3584e4")
            color = readable(color, background)
            tinted = suggestion_color(color, foreground)
            labels[label.name] = Style(color=color.rich_color) + label_overlay
            suggestions[label.name] = Style(color=tinted.rich_color) + suggestion_overlay
            gutter_labels[label.name] = base + Style(color=color.rich_color, bold=True)
            gutter_suggestions[label.name] = base + Style(color=color.rich_color, bold=False)
        self._styles = {
            "base": base,
            "heading": {
                1: heading + overlay("document-view--heading-1"),
                2: heading + overlay("document-view--heading-2"),
            },
            "labels": labels,
            "suggestions": suggestions,
            "suggested_none": Style(color=none_color(foreground, background).rich_color),
            "dimmed": Style(color=foreground.blend(background, FILTERED_FADE).rich_color),
            "gutter": gutter,
            "gutter_labels": gutter_labels,
            "gutter_suggestions": gutter_suggestions,
            "note": base + overlay("document-view--note"),
            "cursor": overlay("document-view--cursor"),
            "match": overlay("document-view--match"),
            "match_current": overlay("document-view--match-current"),
        }
        return self._styles

    def _shown_label(self, sentence: Sentence) -> tuple[str | None, bool]:
        """(label name, is_suggestion) shown for a sentence."""
        label = self._labels.get(sentence.id)
        if label is not None:
            return label, False
        if self._suggestions_visible:
            suggestion = self._suggestions.get(sentence.id)
            if suggestion is not None and suggestion[0] != "none":
                return suggestion[0], True
        return None, False

    def _suggests_none(self, sentence: Sentence) -> bool:
        """An unlabelled sentence whose shown suggestion is `none` (its text recedes a little)."""
        if not self._suggestions_visible or sentence.id in self._labels:
            return False
        suggestion = self._suggestions.get(sentence.id)
        return suggestion is not None and suggestion[0] == "none"

    def _clause_pieces(self, i: int, start: int, end: int, styles) -> list[tuple[int, int, Style | None, bool]]:
        """Pieces of line [start, end) for sentence `i`'s clauses: a labelled clause in its label's
        colour; in the clause view the current clause is the cursor, the others underlined."""
        labelled = {(a, b): label for a, b, label in self._clause_labels.get(i, ())}
        view = self._clause_view if self._clause_view is not None and self._clause_view[0] == i else None
        spans = view[1] if view is not None else list(labelled)
        out = []
        for k, (a, b) in enumerate(spans):
            a, b = max(a, start), min(b, end)
            if a >= b:
                continue
            label = labelled.get(spans[k])
            style = styles["labels"].get(label) if label else None
            if view is not None and k != view[2]:
                style = (style or Style()) + Style(underline=True)
            if style is not None or view is not None:
                out.append((a, b, style, k == view[2] if view is not None else i == self._cursor))
        return out

    def _render_visual_line(self, y: int, width: int) -> Strip:
        styles = self._style_table()
        base: Style = styles["base"]
        layout, document, index = self._layout, self.document, self._index
        if layout is None or document is None or index is None or not 0 <= y < len(layout):
            return Strip.blank(width, base)
        para_index = layout.paras[y]
        if para_index == BLANK:
            return Strip.blank(width, base)
        start, end = layout.starts[y], layout.ends[y]
        paragraph = document.paragraphs[para_index]
        text_style = (
            styles["heading"].get(paragraph.level, styles["heading"][2]) if paragraph.kind == "heading" else base
        )
        sentences = document.sentences

        # gutter: a marker for every labelled sentence starting on the line (two cells; a third
        # or more shows as "+"), else a continuation mark; the note mark after them
        starting: list[tuple[str, Style]] = []
        continuation: tuple[str, Style] | None = None
        note = False
        overlapping = index.overlapping(start, end)
        for i in overlapping:
            sentence = sentences[i]
            label, suggested = self._shown_label(sentence)
            if label is None and i in self._clause_labels:  # a sentence labelled clause by clause
                label, suggested = self._clause_labels[i][0][2], False
            starts_here = sentence.start >= start
            note = note or (starts_here and sentence.id in self._notes)
            if label is None:
                continue
            group = "gutter_suggestions" if suggested else "gutter_labels"
            style = styles[group].get(label, styles["gutter"])
            if starts_here:
                if not suggested and sentence.id in self._changed:
                    style = style + Style(reverse=True)  # a label on an edited sentence: to confirm
                starting.append((label[:1].lower() if suggested else label[:1].upper(), style))
            elif continuation is None or (continuation[0] == SUGGESTION_CONTINUATION_MARK and not suggested):
                continuation = (SUGGESTION_CONTINUATION_MARK if suggested else CONTINUATION_MARK, style)
        note_segment = Segment(NOTE_MARK, styles["note"]) if note else Segment(" ", styles["gutter"])
        if len(starting) > 2:
            starting[1:] = [(MORE_MARK, styles["gutter"])]
        if len(starting) == 2:
            segments = [Segment(*starting[0]), Segment(*starting[1]), note_segment]
        else:
            marker = starting[0] if starting else continuation or (" ", styles["gutter"])
            segments = [Segment(*marker), note_segment, Segment(" ", base)]

        # text: cut at sentence and match boundaries, style each piece
        cuts = {start, end}
        # sentence spans with their label style (or None) and whether they are the cursor
        pieces: list[tuple[int, int, Style | None, bool]] = []
        for i in overlapping:  # clauses first: the first piece holding a cut wins
            clause_pieces = self._clause_pieces(i, start, end, styles)
            pieces.extend(clause_pieces)
            cuts.update(x for a, b, _, _ in clause_pieces for x in (a, b))
        for i in overlapping:
            sentence = sentences[i]
            a, b = max(start, sentence.start), min(end, sentence.end)
            label, suggested = self._shown_label(sentence)
            style = None
            if i in self._dimmed:
                style = styles["dimmed"]
            elif label is not None:
                style = styles["suggestions" if suggested else "labels"].get(label)
            elif self._suggests_none(sentence):
                style = styles["suggested_none"]
            if style is not None or i == self._cursor:
                pieces.append((a, b, style, i == self._cursor))
                cuts.update((a, b))
        match_spans = []
        if self._matches:
            k = max(0, bisect_left(self._match_starts, start) - 1)
            while k < len(self._matches) and self._matches[k][0] < end:
                a, b = self._matches[k]
                if b > start:
                    a, b = max(a, start), min(b, end)
                    style = styles["match_current"] if k == self._match_current else styles["match"]
                    match_spans.append((a, b, style))
                    cuts.update((a, b))
                k += 1
        marked = self.highlights.within(start, end)
        cuts.update(x for a, b, _ in marked for x in (a, b))
        text = document.text
        cursor_style = styles["cursor"]
        for a, b in itertools.pairwise(sorted(cuts)):
            style = text_style
            match_style = next((ms for ma, mb, ms in match_spans if ma <= a and b <= mb), None)
            for pa, pb, label_style, is_cursor in pieces:
                if pa <= a and b <= pb:
                    if label_style is not None:
                        style = style + label_style
                    # a match inside the cursor sentence is drawn as a match, so it stands out
                    if is_cursor and match_style is None:
                        style = style + cursor_style
                    break
            style = SpanLayer.over(style, a, b, marked)
            if match_style is not None:
                style = style + match_style
            segments.append(Segment(text[a:b], style))
        return Strip(segments).adjust_cell_length(width, base)
