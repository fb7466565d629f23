"""`SpanLayer`: spans of the document text drawn with a style of their own inside sentences (the
indicator clauses when `I` highlights them), looked up per visual line by the document view.

The clause is underlined, a corrected one also bold: an underline keeps the sentence's label colour,
the cursor's reverse video and a search match's background readable on light and dark themes alike.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Iterable

from rich.style import Style

STYLES = {
    "extracted": Style(underline=True),
    "corrected": Style(underline=True, bold=True),
}
"""A span's kind → how it is drawn (unknown kinds as "extracted")."""


class SpanLayer:
    def __init__(self) -> None:
        self._spans: list[tuple[int, int, str]] = []
        self._reach: list[int] = []

    def set(self, spans: Iterable[tuple[int, int, str]]) -> bool:
        """Show these (start, end, kind) spans instead; False if they are the ones shown."""
        spans = sorted((a, b, kind) for a, b, kind in spans if b > a)
        if spans == self._spans:
            return False
        self._spans = spans
        self._reach = list(itertools.accumulate((b for _, b, _ in spans), max))
        """The furthest end of the spans up to each one (spans of one clause may repeat or nest)."""
        return True

    def __len__(self) -> int:
        return len(self._spans)

    def within(self, start: int, end: int) -> list[tuple[int, int, Style]]:
        """The spans that touch [start, end), cut to it, with their style."""
        out = []
        i = bisect_left(self._reach, start + 1)
        while i < len(self._spans) and self._spans[i][0] < end:
            a, b, kind = self._spans[i]
            if b > start:
                out.append((max(a, start), min(b, end), STYLES.get(kind, STYLES["extracted"])))
            i += 1
        return out

    @staticmethod
    def over(style: Style, a: int, b: int, spans: list[tuple[int, int, Style]]) -> Style:
        """`style` for the text [a, b) with the style of the span covering it, if any."""
        for sa, sb, span_style in spans:
            if sa <= a and b <= sb:
                return style + span_style
        return style
