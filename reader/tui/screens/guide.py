"""`g`: the labelling guideline (LABELS.md, shipped with the package) as Markdown."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from reader.tui.screens.modal import Panel

GUIDE = Path(__file__).resolve().parent.parent / "LABELS.md"


class GuideScreen(Panel):
    AUTO_FOCUS = "#guide"

    def compose(self) -> ComposeResult:
        try:
            text = GUIDE.read_text(encoding="utf-8")
        except OSError:
            text = "# Labelling guideline\n\nLABELS.md is missing from this installation."
        with VerticalScroll(classes="panel", id="guide"):
            yield Markdown(text)
