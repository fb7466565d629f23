"""Visual lines of a whole document at one text width, and the offset ↔ line ↔ sentence maps.

Pure (no Textual): the `DocumentView` widget renders from a `Layout`; tests can check it headless.
Each paragraph is wrapped with `reader.tui.linebreak.break_lines`; paragraphs are separated by one
blank line. A line is described by its character span in `Document.text`, so every sentence maps
exactly to screen cells.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from reader.text.model import Document
from reader.tui.linebreak import break_lines

BLANK = -1
"""`Layout.paras` value of the blank separator line between two paragraphs."""


@dataclass(slots=True)
class Layout:
    """Visual lines of a document at `width` text cells (gutter not included)."""

    width: int
    starts: list[int]
    """Offset into `Document.text` where each visual line starts (non-decreasing)."""
    ends: list[int]
    paras: list[int]
    """Paragraph index of each line, or `BLANK` for a separator line."""

    def __len__(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        """The visual line showing the character at `offset` (a separator for a paragraph break)."""
        y = bisect_right(self.starts, offset) - 1
        return min(max(y, 0), len(self.starts) - 1)

    def first_text_line_at_or_after(self, y: int) -> int:
        """`y` itself, or the next line that is not a separator."""
        while 0 <= y < len(self.paras) - 1 and self.paras[y] == BLANK:
            y += 1
        return y


def build_layout(document: Document, width: int) -> Layout:
    """Wrap every paragraph of `document` at `width` cells."""
    starts: list[int] = []
    ends: list[int] = []
    paras: list[int] = []
    text = document.text
    previous_end = None
    for paragraph in document.paragraphs:
        if previous_end is not None:
            starts.append(previous_end)
            ends.append(previous_end)
            paras.append(BLANK)
        base = paragraph.start
        for a, b in break_lines(text[paragraph.start : paragraph.end], width):
            starts.append(base + a)
            ends.append(base + b)
        paras.extend([paragraph.index] * (len(starts) - len(paras)))
        previous_end = paragraph.end
    return Layout(width, starts, ends, paras)


class SentenceIndex:
    """Sentences of a document by offset and by id."""

    def __init__(self, document: Document) -> None:
        self.sentences = document.sentences
        self.starts = [s.start for s in document.sentences]
        self.by_id = {s.id: s.index for s in document.sentences}

    def __len__(self) -> int:
        return len(self.sentences)

    def at(self, offset: int) -> int:
        """Index of the sentence containing `offset`, else the next one (else the last one)."""
        if not self.sentences:
            return -1
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return i
        return min(i + 1, len(self.sentences) - 1)

    def overlapping(self, start: int, end: int) -> range:
        """Indices of the sentences that share at least one character with `[start, end)`."""
        lo = bisect_right(self.starts, start) - 1
        if lo < 0 or self.sentences[lo].end <= start:
            lo += 1
        hi = bisect_left(self.starts, end)
        return range(lo, max(lo, hi))

    def starting_in(self, start: int, end: int) -> range:
        """Indices of the sentences whose first character lies in `[start, end)`."""
        return range(bisect_left(self.starts, start), bisect_left(self.starts, end))

    def lines(self, index: int, layout: Layout) -> tuple[int, int]:
        """First and last visual line (inclusive) of sentence `index`."""
        sentence = self.sentences[index]
        return layout.line_of(sentence.start), layout.line_of(max(sentence.end - 1, sentence.start))
