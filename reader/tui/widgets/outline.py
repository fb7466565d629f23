"""The outline pane: a Tree of the document's sections, each with its progress and label counts."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Tree

from reader.tui.sections import SectionIndex


class Outline(Tree[int]):
    """Tree nodes carry the heading index; the screen owns what selecting one does."""

    DEFAULT_CSS = """
    Outline {
        width: 30%; min-width: 20; max-width: 48;
        border-right: vkey $foreground 20%; padding: 0;
        overflow-x: hidden;
    }
    Outline.-hidden { display: none; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("outline", id=id)
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2
        self._entry_nodes: dict[int, object] = {}
        self._index: SectionIndex | None = None
        self._labels_meta = ()
        self.reviewed: set[tuple[str, ...]] = set()

    def build(self, index: SectionIndex, labels: dict[str, str], labelset, reviewed) -> None:
        """(Re)build the tree for a document."""
        self._index = index
        self._labels_meta = tuple(labelset)
        self.reviewed = set(reviewed)
        self.clear()
        self._entry_nodes.clear()
        stack: list[tuple[int, object]] = []
        for i, heading in enumerate(index.headings):
            while stack and stack[-1][0] >= heading.level:
                stack.pop()
            parent = stack[-1][1] if stack else self.root
            node = parent.add(self._label(i, labels), data=i, expand=True)
            node.allow_expand = False
            self._entry_nodes[i] = node
            stack.append((heading.level, node))
        for node in self._entry_nodes.values():
            node.allow_expand = bool(node.children)
        self.root.expand_all()

    def _label(self, i: int, labels: dict[str, str]) -> Text:
        assert self._index is not None
        heading = self._index.headings[i]
        progress = self._index.progress(i, labels)
        text = Text(no_wrap=True, overflow="ellipsis")
        if tuple(heading.path) in self.reviewed:
            text.append("✓ ", style="bold green")
        if progress.total:
            done = progress.labelled >= progress.total
            text.append(f"{progress.labelled}/{progress.total}", style="green" if done else "dim")
        for label in self._labels_meta:
            count = progress.counts.get(label.name)
            if count:
                text.append(f" {label.key}{count}", style=label.color)
        if text:
            text.append(" ")
        text.append(heading.title, style="bold" if heading.level <= 1 else "")
        return text

    # Titles are cut with "…" at the pane's width (no sideways scrolling: the text is the point).
    def _room(self, node) -> int:
        depth, parent = 0, node.parent
        while parent is not None and parent is not self.root:
            depth, parent = depth + 1, parent.parent
        return max(1, self.scrollable_content_region.width - depth * self.guide_depth)

    def render_label(self, node, base_style, style) -> Text:
        text = super().render_label(node, base_style, style)
        room = self._room(node)
        if text.cell_len > room:
            used, cut = 0, 0
            for cut, ch in enumerate(text.plain):  # noqa: B007 - `cut` is used after the loop
                used += cell_len(ch)
                if used > room - 1:
                    break
            text = text[:cut]
            text.append("…")
        return text

    def get_label_width(self, node) -> int:
        # Tree would render every label to measure it; the icon and the label's length suffice.
        icon = len(self.ICON_NODE_EXPANDED) if node.allow_expand else 0
        return min(icon + node.label.cell_len, self._room(node))

    def refresh_headings(self, headings, labels: dict[str, str]) -> None:
        """Re-label the given headings (after a label change inside them)."""
        for i in headings:
            node = self._entry_nodes.get(i)
            if node is not None:
                node.set_label(self._label(i, labels))

    def show_heading(self, i: int | None) -> None:
        """Highlight the entry the reader is in (without selecting it)."""
        node = self._entry_nodes.get(i) if i is not None else None
        if node is not None and self.cursor_node is not node:
            self.move_cursor(node)
