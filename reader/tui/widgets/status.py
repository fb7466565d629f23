"""The status bar under the text (where you are, what is labelled, whether it is saved) and the
hint line above it (the current sentence's suggestion, the search's match count).

The status bar is one line laid out for its width. The innermost section's title comes last and
gets what is left; when it would be cut, the other items give room step by step (the labelled
share goes, the counts and the saved mark get compact, then the annotator and the report name
go), so at 80 columns the section title is shown whole wherever it can be. Sentence n/N, the label
counts and the saved/READ-ONLY state are never dropped. Updates repaint the line without a
re-layout of the screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

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

    def line(labelled: bool, compact: bool, annotator: bool, doc: bool) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        if doc:
            text.append(parts.doc, style="bold")
            text.append(" ")
        text.append(parts.position)
        if labelled and parts.labelled:
            text.append(SEPARATOR + parts.labelled, style="dim")
        text.append(SEPARATOR)
        for k, (display, count, color) in enumerate(parts.counts):
            text.append(" " if k else "")
            text.append(f"{display[:1]}{count}" if compact else f"{display} {count}", style=color)
        if annotator:
            text.append(f"{SEPARATOR}@{parts.annotator}", style="dim")
        text.append(" ")
        state = parts.state
        if compact and state.startswith("saved"):
            state = state.removeprefix("saved").strip() or state
        text.append(state, style=parts.state_style)
        return text

    section = f"{SEPARATOR}│ {parts.section}" if parts.section else ""
    steps = (
        (True, False, True, True),
        (False, False, True, True),
        (False, True, True, True),
        (False, True, False, True),
        (False, True, False, False),
    )
    for step in steps:
        text = line(*step)
        if text.cell_len + cell_len(section) <= width:
            break
        if not section and text.cell_len <= width:
            break
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
