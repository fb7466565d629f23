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
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Span, Text
from textual.widgets import Static

from reader.tui.widgets.document_colors import readable_spans

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
    StatusBar { split: bottom; height: 1; background: $panel; color: $foreground; padding: 0 1; }
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
            text = readable_spans(status_text(self.parts, width), self.background_colors[1])
            self.update(text, layout=False)  # one line: no re-layout

    def on_resize(self) -> None:
        self._render_parts()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:
            self._render_parts()  # a new theme: label colours are re-checked against it


class HintLine(Static):
    """One line above the status bar: the suggestion for the current sentence, search matches.

    Its text is in the theme's text colour; the parts a caller marks "dim" (key reminders) are drawn
    in `hint--muted` ($text-muted: ≥ 5:1 contrast in the light and dark themes), never with the
    terminal's dim attribute, which made them faint on a light background.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"hint--muted"}
    DEFAULT_CSS = """
    HintLine { split: bottom; height: 1; background: $surface; color: $text; padding: 0 1; }
    HintLine > .hint--muted { color: $text-muted; }
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__("", *args, **kwargs)
        self._shown: object = None
        self._text: Text | str = ""

    def show(self, text: Text | str) -> None:
        key = text.markup if isinstance(text, Text) else text
        if key != self._shown:
            self._shown, self._text = key, text
            self._render_hint()

    def _render_hint(self) -> None:
        text = self._text
        if isinstance(text, Text):
            muted = self.get_component_rich_style("hint--muted", partial=True)
            text = text.copy()
            text.spans = [Span(s.start, s.end, muted) if s.style == "dim" else s for s in text.spans]
            text = readable_spans(text, self.background_colors[1])
        self.update(text, layout=False)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:
            self._render_hint()  # a new theme: the muted colour changed
