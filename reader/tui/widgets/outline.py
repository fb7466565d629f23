"""The outline pane: a Tree of the document's sections, each with its progress and label counts.

Each entry is laid out for the room it has (`entry_text`): the title first, the figures at the
right edge like page numbers in a table of contents. When the pane is narrow (80 columns leave it
~24) the title shrinks to its number and key words (`（一）坚持稳中求进`, the title up to its first
comma) and the figures give way, so what a narrow pane shows is still a readable table of contents;
`outline.full` shows the whole outline at full width.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Tree

from reader.tui.sections import SectionIndex, Tally
from reader.tui.widgets.status import truncate

REVIEWED_MARK = "✓ "
SCROLLBAR = 1
"""Cells of the vertical scrollbar (`scrollbar-size-vertical` below)."""
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


def entry_text(title: str, level: int, figures: EntryFigures, room: int) -> Text:
    """One outline entry in `room` cells: the longest form that fits (full title with figures, then
    key words with figures, then key words with progress only, then key words alone, cut with …)."""
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
    text = mark.copy()
    head_room = room - mark.cell_len - (1 + tail.cell_len if tail else 0)
    text.append(truncate(name, max(1, head_room)), style=title_style)
    if tail:
        text.append(" " * max(1, room - text.cell_len - tail.cell_len))
        text.append_text(tail)
    text.no_wrap = True
    return text


class Outline(Tree[int]):
    """Tree nodes carry the heading index; the screen owns what selecting one does."""

    DEFAULT_CSS = """
    Outline {
        width: 30%; min-width: 20; max-width: 48;
        border-right: vkey $foreground 20%; padding: 0;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
    }
    Outline.-hidden { display: none; }
    Outline.-full { width: 1fr; max-width: 100%; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        self._depths: dict[int, int] = {}  # before Tree's own __init__, which measures the root
        self._width = 0
        super().__init__("outline", id=id)
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2
        self._entry_nodes: dict[int, object] = {}
        self._figures: dict[int, EntryFigures] = {}
        self._index: SectionIndex | None = None
        self._tally: Tally | None = None
        self._labels_meta = ()
        self.reviewed: set[tuple[str, ...]] = set()

    def build(self, tally: Tally, labelset, reviewed) -> None:
        """(Re)build the tree for a document (figures from `tally`, which the screen keeps)."""
        index = self._index = tally.index
        self._tally = tally
        self._labels_meta = tuple(labelset)
        self.reviewed = set(reviewed)
        self.clear()
        self._entry_nodes.clear()
        self._depths.clear()
        stack: list[tuple[int, object]] = []
        for i, heading in enumerate(index.headings):
            while stack and stack[-1][0] >= heading.level:
                stack.pop()
            parent = stack[-1][1] if stack else self.root
            node = parent.add(self._label(i), data=i, expand=True)
            node.allow_expand = False  # a table of contents, always open: no ▼ taking two cells
            self._entry_nodes[i] = node
            self._depths[i] = len(stack)
            stack.append((heading.level, node))
        self.root.expand()  # children were added expanded; expand_all would post a message per entry

    def _label(self, i: int) -> Text:
        """Record the entry's figures; the node's own label is its title (`render_label` lays the
        entry out for the room it has)."""
        assert self._index is not None and self._tally is not None
        heading = self._index.headings[i]
        progress = self._tally.entries[i]
        counts = tuple(
            (label.key, progress.counts[label.name], label.color)
            for label in self._labels_meta
            if progress.counts.get(label.name)
        )
        self._figures[i] = EntryFigures(tuple(heading.path) in self.reviewed, progress.labelled, progress.total, counts)
        return Text(heading.title)  # a new Text object: the Tree repaints the node

    def _room(self, node) -> int:
        # The vertical scrollbar's column is always left free, so the room never depends on
        # whether the scrollbar is shown (and is cheap: Tree asks for every entry).
        depth = self._depths.get(node.data, 0)
        return max(1, self._width - SCROLLBAR - depth * self.guide_depth)

    def on_resize(self) -> None:
        self._width = self.size.width  # `self.size` costs a region lookup: Tree asks per entry

    def render_label(self, node, base_style, style) -> Text:
        i = node.data
        if i is None or i not in self._figures or self._index is None:
            return super().render_label(node, base_style, style)
        heading = self._index.headings[i]
        text = entry_text(heading.title, heading.level, self._figures[i], self._room(node))
        text.stylize(style)
        return text

    def entry_plain(self, i: int) -> str:
        """Entry `i` as the pane shows it now (plain text)."""
        node = self._entry_nodes[i]
        heading = self._index.headings[i]
        return entry_text(heading.title, heading.level, self._figures[i], self._room(node)).plain

    def get_label_width(self, node) -> int:
        # Every entry fills its room (figures at the right edge); Tree would render it to measure.
        return self._room(node)

    def refresh_headings(self, headings) -> None:
        """Re-label the given headings (after a label change inside them, or a review mark)."""
        for i in headings:
            node = self._entry_nodes.get(i)
            if node is not None:
                node.set_label(self._label(i))

    def show_heading(self, i: int | None) -> None:
        """Highlight the entry the reader is in (without selecting it)."""
        node = self._entry_nodes.get(i) if i is not None else None
        if node is not None and self.cursor_node is not node:
            self.move_cursor(node)

    def set_full(self, full: bool) -> None:
        """Take the whole width (the text is hidden meanwhile) or go back to a side pane."""
        self.set_class(full, "-full")
        if full:
            self.remove_class("-hidden")
