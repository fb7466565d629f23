"""The status bar under the text: where you are, what is labelled, whether it is saved."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class StatusBar(Static):
    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; color: $foreground; padding: 0 1; }
    StatusBar.-read-only { background: $error 30%; }
    """

    def show(self, *, doc: str, section: str, position: str, counts: list[tuple[str, int, str]],
             annotator: str, state: str, state_style: str = "", extra: str = "") -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(doc, style="bold")
        text.append("  ")
        text.append(position)
        for display, count, color in counts:
            text.append("  ")
            text.append(f"{display} {count}", style=color)
        text.append(f"  @{annotator}", style="dim")
        text.append("  ")
        text.append(state, style=state_style)
        if extra:
            text.append(f"  {extra}", style="italic")
        if section:
            text.append("  │ ", style="dim")
            text.append(section, style="dim")
        self.update(text, layout=False)  # one line, fixed size: no re-layout of the screen
