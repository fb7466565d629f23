"""The status bar under the text (where you are, what is labelled, whether it is saved) and the
hint line above it (the current sentence's suggestion, the search's match count).

The status bar is one line laid out for its width: the items a labeller needs all the time come
first and are never dropped (report, sentence n/N, label counts, annotator, saved/READ-ONLY); the
innermost section title fills what is left, cut with "…"; the labelled share is shown only when the
section title still has room. Updates repaint the line without a re-layout of the screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

SECTION_ROOM = 24
"""Cells the section title keeps before the optional labelled share is shown."""
SEPARATOR = "  "


@dataclass(frozen=True, slots=True)
class StatusParts:
    doc: str
    position: str
    labelled: str
    counts: tuple[tuple[str, int, str], ...]
    annotator: str
    state: str
    state_style: str
    section: str


def truncate(text: str, width: int) -> str:
    """`text` cut to `width` cells, ending with "…" when it was cut."""
    if cell_len(text) <= width:
        return text
    if width <= 0:
        return ""
    out, used = [], 0
    for ch in text:
        w = cell_len(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def status_text(parts: StatusParts, width: int) -> Text:
    """The status line for `width` cells."""

    def line(with_labelled: bool) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append(parts.doc, style="bold")
        text.append(" " + parts.position)
        if with_labelled:
            text.append(SEPARATOR + parts.labelled, style="dim")
        text.append(SEPARATOR)
        for k, (display, count, color) in enumerate(parts.counts):
            text.append(" " if k else "")
            text.append(f"{display} {count}", style=color)
        text.append(f"{SEPARATOR}@{parts.annotator}", style="dim")
        text.append(" ")
        text.append(parts.state, style=parts.state_style)
        return text

    section = f"{SEPARATOR}│ {parts.section}" if parts.section else ""
    text = line(False)
    if parts.labelled:
        longer = line(True)
        if width - longer.cell_len >= min(cell_len(section), SECTION_ROOM):
            text = longer
    room = width - text.cell_len
    if section and room > len(SEPARATOR) + 3:
        text.append(truncate(section, room), style="dim")
    text.truncate(width, overflow="ellipsis")
    return text


class StatusBar(Static):
    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; color: $foreground; padding: 0 1; }
    StatusBar.-read-only { background: $error 30%; }
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.parts: StatusParts | None = None

    def show(
        self,
        *,
        doc: str,
        section: str,
        position: str,
        counts: list[tuple[str, int, str]],
        annotator: str,
        state: str,
        state_style: str = "",
        labelled: str = "",
    ) -> None:
        parts = StatusParts(doc, position, labelled, tuple(counts), annotator, state, state_style, section)
        if parts != self.parts:
            self.parts = parts
            self._render_parts()

    def _render_parts(self) -> None:
        if self.parts is not None:
            width = self.content_region.width or max(1, self.size.width - 2)
            self.update(status_text(self.parts, width), layout=False)  # one line: no re-layout

    def on_resize(self) -> None:
        self._render_parts()


class HintLine(Static):
    """One line above the status bar: the suggestion for the current sentence, search matches."""

    DEFAULT_CSS = """
    HintLine { height: 1; background: $surface; color: $text-muted; padding: 0 1; }
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__("", *args, **kwargs)
        self._shown: object = None

    def show(self, text: Text | str) -> None:
        key = text.markup if isinstance(text, Text) else text
        if key != self._shown:
            self._shown = key
            self.update(text, layout=False)
