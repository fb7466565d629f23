"""`text_strip` draws a one-line Rich Text as Rich would (the same characters in the same styles)."""

from __future__ import annotations

from rich.console import Console
from rich.style import Style
from rich.text import Text

from reader.tui.widgets.textstrip import text_strip


def cells(segments) -> list[tuple[str, Style]]:
    return [(ch, segment.style) for segment in segments for ch in segment.text]


def test_text_strip_matches_rich_rendering():
    text = Text("✓ ", style="bold green")
    text.append("（一）坚持稳中求进", style="bold")
    text.append("  ")
    text.append("3/17", style="dim")
    text.append(" t2", style="#3584e4")
    text.stylize("reverse", 2, 6)  # overlapping spans: the later one adds to the earlier
    base = Style(color="white", bgcolor="black")
    strip = text_strip(text, base, 40)
    assert strip.cell_length == 40
    expected = [(ch, base + style) for ch, style in cells(text.render(Console(width=80)))]
    assert cells(strip)[: len(expected)] == expected
