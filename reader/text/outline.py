"""Outline: the document's headings (parts, sections) and lead-ins, and each position's section path.

An entry's scope runs from its start to the next entry of the same or a higher level, so the
section path of any offset is the chain of entries whose scope contains it, top down.
"""

from __future__ import annotations

from bisect import bisect_right

from reader.text.headings import leadin_title
from reader.text.model import Heading, Paragraph


def build_outline(
    text: str, paragraphs: list[Paragraph], first_sentence: dict[int, tuple[int, int]],
    line_at: callable,
) -> list[Heading]:
    """Outline entries in document order. `first_sentence` maps a body paragraph's index to the
    span of its first sentence; `line_at(offset)` gives the raw line of an offset."""
    entries: list[tuple[int, str, int, int]] = []  # level, title, start, end
    # Lead-ins are the third level of a report's structure: in a text without numbered sections
    # (a news feature), a short opening sentence is just a topic sentence.
    has_sections = any(p.kind == "heading" and p.level == 2 for p in paragraphs)
    for p in paragraphs:
        if p.kind == "heading":
            entries.append((p.level, text[p.start : p.end], p.start, p.end))
        elif has_sections and p.index in first_sentence:
            s, e = first_sentence[p.index]
            title = leadin_title(text[s:e], has_more=e < p.end)
            if title:
                entries.append((3, title, s, e))
    out: list[Heading] = []
    stack: list[tuple[int, str]] = []
    for level, title, start, end in entries:
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, title))
        out.append(Heading(level, title, start, end, line_at(start), tuple(t for _, t in stack)))
    return out


class SectionIndex:
    """Section path of any offset, by binary search over the outline's starts."""

    def __init__(self, outline: list[Heading]):
        self._starts = [h.start for h in outline]
        self._outline = outline

    def path_at(self, offset: int) -> tuple[str, ...]:
        i = bisect_right(self._starts, offset) - 1
        return self._outline[i].path if i >= 0 else ()
