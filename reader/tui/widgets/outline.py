"""The outline pane: the document's sections as a table of contents, each with its figures.

One Line-API widget (a `ScrollView` drawing only the rows in view, like the document view):
Textual's Tree re-measured and re-styled every entry and cost more to draw than the whole report.
Each entry is laid out for the room it has (`entry_text`): the title first, the figures at the
right edge like page numbers. When the pane is narrow (80 columns leave it ~24) the title shrinks
to its number and key words (`（一）坚持稳中求进`, the title up to its first comma) and the figures
give way, so a narrow pane is still a readable table of contents; `outline.full` shows the whole
outline at full width. The widget posts `Selected` (Enter or a click); the screen jumps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.tui.sections import Tally
from reader.tui.widgets.status import truncate
from reader.tui.widgets.textstrip import text_strip

REVIEWED_MARK = "✓ "
GUIDE_DEPTH = 2
"""Cells of indentation per level (the guide and a space)."""
_PHRASE_END = re.compile(r"[，,；;：:。！？!?]|——")


def key_words(title: str) -> str:
    """The title's number and first phrase: `（一）坚持稳中求进，经济运行…` → `（一）坚持稳中求进`."""
    match = _PHRASE_END.search(title)
    head = title[: match.start()] if match else title
    return head if cell_len(head) >= 4 else title


@dataclass(frozen=True, slots=True)
class EntryFigures:
    reviewed: bool
    labelled: int
    total: int
    counts: tuple[tuple[str, int, str], ...]
    """(key letter, count, colour) of each label with a non-zero count."""


MIN_TITLE_CELLS = 6
"""Least room a title cut to keep its entry's count must still have (three Han characters and …)."""


def entry_text(title: str, level: int, figures: EntryFigures, room: int) -> Text:
    """One outline entry in `room` cells: the longest form that fits (full title with figures, then
    key words with figures, then key words with progress only, then key words alone, cut with …).
    A title with no key words to shrink to (a lead-in) is cut instead, and keeps its progress."""
    mark = Text(REVIEWED_MARK, style="bold green") if figures.reviewed else Text()
    progress = Text()
    if figures.total:
        done = figures.labelled >= figures.total
        progress.append(f"{figures.labelled}/{figures.total}", style="green" if done else "dim")
    counts = Text()
    for key, count, color in figures.counts:
        counts.append(f" {key}{count}", style=color)
    title = title.removesuffix("。")  # a table of contents: no full stops
    short = key_words(title)
    title_style = "bold" if level <= 1 else ""
    for name, tail in (
        (title, progress + counts),
        (short, progress + counts),
        (short, progress),
        (short, Text()),
    ):
        need = mark.cell_len + cell_len(name) + (1 + tail.cell_len if tail else 0)
        if need <= room or not tail:
            break
    # no key words to shrink to (a lead-in: 推动科技创新与产业创新深度融合): the title is cut, not the count
    cut_room = room - mark.cell_len - 1 - progress.cell_len
    if not tail and short == title and progress and cut_room >= MIN_TITLE_CELLS:
        name, tail = title, progress
    text = mark.copy()
    head_room = room - mark.cell_len - (1 + tail.cell_len if tail else 0)
    text.append(truncate(name, max(1, head_room)), style=title_style)
    if tail:
        text.append(" " * max(1, room - text.cell_len - tail.cell_len))
        text.append_text(tail)
    text.no_wrap = True
    return text


class Outline(ScrollView, can_focus=True):
    """Rows are the outline's entries (indexes into `SectionIndex.headings`); the cursor row is the
    section the reader is in (`show_heading`), or the one chosen with the arrows when focused."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"outline--guides", "outline--cursor"}
    BINDINGS: ClassVar[list] = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("enter", "select_cursor", "Go there", show=False),
        Binding("home", "first", "First entry", show=False),
        Binding("end", "last", "Last entry", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
    ]
    DEFAULT_CSS = """
    Outline {
        split: left;
        width: 30%; min-width: 20; max-width: 48;
        border-right: vkey $foreground 20%; padding: 0;
        background: $surface; color: $foreground;
        overflow-x: hidden; overflow-y: auto;
        scrollbar-size-vertical: 1;
        & > .outline--guides { color: $surface-lighten-2; }
        & > .outline--cursor {
            text-style: $block-cursor-blurred-text-style;
            background: $block-cursor-blurred-background;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .outline--cursor {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        &:light > .outline--guides { color: $surface-darken-1; }
    }
    Outline.-hidden { display: none; }
    Outline.-full { width: 1fr; max-width: 100%; }
    """

    class Selected(Message):
        """An entry was chosen (Enter or a click): `index` into the outline's headings."""

        def __init__(self, outline: Outline, index: int) -> None:
            super().__init__()
            self.outline = outline
            self.index = index

        @property
        def control(self) -> Outline:
            return self.outline

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._tally: Tally | None = None
        self._labels_meta = ()
        self.reviewed: set[tuple[str, ...]] = set()
        self._figures: list[EntryFigures] = []
        self._guides: list[str] = []
        """Per entry: its indentation guides (`│ ├ ` …)."""
        self._depths: list[int] = []
        self.cursor: int | None = None
        """The highlighted entry (None before a document)."""
        self._strips: dict[int, Strip] = {}
        self._width = 0

    # -- content -----------------------------------------------------------------------------------
    def build(self, tally: Tally, labelset, reviewed) -> None:
        """Show a document's outline (figures from `tally`, which the screen keeps up to date)."""
        self._tally = tally
        self._labels_meta = tuple(labelset)
        self.reviewed = set(reviewed)
        index = tally.index
        children = index.children
        last_child = {kids[-1] for kids in children.values() if kids}
        self._depths, self._guides = [], []
        for i in range(len(index.headings)):
            chain, parent = [], index.parent[i]
            while parent is not None:
                chain.append(parent)
                parent = index.parent[parent]
            self._depths.append(len(chain))
            guides = "".join("  " if a in last_child else "│ " for a in reversed(chain[:-1])) if chain else ""
            if chain:
                guides += "└ " if i in last_child else "├ "
            self._guides.append(guides)
        self._figures = [self._entry_figures(i) for i in range(len(index.headings))]
        self.cursor = 0 if index.headings else None
        self._strips.clear()
        self.virtual_size = Size(self._width, len(index.headings))
        self.refresh()

    def _entry_figures(self, i: int) -> EntryFigures:
        assert self._tally is not None
        progress = self._tally.entries[i]
        counts = tuple(
            (label.key, progress.counts[label.name], label.color)
            for label in self._labels_meta
            if progress.counts.get(label.name)
        )
        heading = self._tally.index.headings[i]
        return EntryFigures(tuple(heading.path) in self.reviewed, progress.labelled, progress.total, counts)

    def refresh_headings(self, headings) -> None:
        """Redraw the given entries (after a label change inside them, or a review mark)."""
        if self._tally is None:
            return
        for i in headings:
            if 0 <= i < len(self._figures):
                self._figures[i] = self._entry_figures(i)
                self._refresh_row(i)

    def set_full(self, full: bool) -> None:
        """Take the whole width (the text is hidden meanwhile) or go back to a side pane."""
        self.set_class(full, "-full")
        if full:
            self.remove_class("-hidden")

    # -- the cursor --------------------------------------------------------------------------------
    def show_heading(self, i: int | None) -> None:
        """Highlight the entry the reader is in and keep it in view (nothing is selected)."""
        if i is not None and 0 <= i < len(self._figures) and i != self.cursor:
            self._move(i)

    def _move(self, i: int) -> None:
        old, self.cursor = self.cursor, i
        if old is not None:
            self._refresh_row(old)
        self._refresh_row(i)
        top, height = round(self.scroll_y), max(1, self.scrollable_content_region.height)
        if i < top:
            self.scroll_to(y=i, animate=False, force=True)
        elif i >= top + height:
            self.scroll_to(y=i - height + 1, animate=False, force=True)

    def select(self, i: int) -> None:
        """Make entry `i` current and tell the screen to go there."""
        if 0 <= i < len(self._figures):
            self._move(i)
            self.post_message(self.Selected(self, i))

    def action_cursor_down(self) -> None:
        if self.cursor is not None:
            self._move(min(len(self._figures) - 1, self.cursor + 1))

    def action_cursor_up(self) -> None:
        if self.cursor is not None:
            self._move(max(0, self.cursor - 1))

    def action_first(self) -> None:
        if self._figures:
            self._move(0)

    def action_last(self) -> None:
        if self._figures:
            self._move(len(self._figures) - 1)

    def action_page(self, direction: int) -> None:
        if self.cursor is not None:
            step = max(1, self.scrollable_content_region.height - 1)
            self._move(min(len(self._figures) - 1, max(0, self.cursor + direction * step)))

    def action_select_cursor(self) -> None:
        if self.cursor is not None:
            self.select(self.cursor)

    def on_click(self, event: events.Click) -> None:
        row = event.y + round(self.scroll_y)
        if 0 <= row < len(self._figures):
            self.select(row)

    # -- drawing -----------------------------------------------------------------------------------
    def _room(self, i: int) -> int:
        return max(1, self._width - self._depths[i] * GUIDE_DEPTH)

    def entry_plain(self, i: int) -> str:
        """Entry `i` as the pane shows it now (plain text, without the guides)."""
        heading = self._tally.index.headings[i]
        return entry_text(heading.title, heading.level, self._figures[i], self._room(i)).plain

    def on_resize(self) -> None:
        # The vertical scrollbar's column is always left free, so entries never go under it.
        self._width = max(1, self.size.width - 1)
        self.virtual_size = Size(self._width, len(self._figures))
        self._strips.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def watch_has_focus(self, _focus: bool) -> None:
        if self.cursor is not None:
            self._refresh_row(self.cursor)

    def _refresh_row(self, i: int) -> None:
        self._strips.pop(i, None)
        if 0 <= i - round(self.scroll_y) < self.size.height:
            self.refresh_line(i)  # ScrollView takes the virtual line and subtracts the scroll itself

    def render_line(self, y: int) -> Strip:
        i = y + round(self.scroll_y)
        strip = self._strips.get(i)
        if strip is None:
            strip = self._strips[i] = self._render_row(i)
        return strip

    def _render_row(self, i: int) -> Strip:
        base = self.rich_style
        width = self.size.width
        if self._tally is None or not 0 <= i < len(self._figures):
            return Strip.blank(width, base)
        heading = self._tally.index.headings[i]
        text = entry_text(heading.title, heading.level, self._figures[i], self._room(i))
        if i == self.cursor:
            text.stylize(self.get_component_rich_style("outline--cursor"))
        guides = self.get_component_rich_style("outline--guides", partial=True)
        depth = cell_len(self._guides[i])
        entry = text_strip(text, base, max(0, width - depth))
        return Strip([Segment(self._guides[i], base + guides), *entry]).adjust_cell_length(width, base)
