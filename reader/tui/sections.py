"""Which outline entries contain which sentences, and per-entry progress (no Textual here).

An outline entry spans from its start to the start of the next entry of the same or a higher level;
a sentence belongs to every entry whose span contains it (a part, its section, its lead-in).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass
class Progress:
    total: int = 0
    labelled: int = 0
    counts: Counter = field(default_factory=Counter)


class SectionIndex:
    """Sentence ↔ outline-entry membership for one document, built once per document (O(n))."""

    def __init__(self, document) -> None:
        self.document = document
        self.headings = list(document.outline)
        self._starts = [h.start for h in self.headings]
        self.members: list[list[int]] = [[] for _ in self.headings]
        """Per heading: indexes of the labellable sentences it contains."""
        self.innermost: list[int | None] = []
        """Per sentence: the deepest heading containing it (None before the first heading)."""
        stack: list[int] = []
        order = sorted(range(len(self.headings)), key=lambda i: self.headings[i].start)
        h = 0
        for sentence in document.sentences:
            while h < len(order) and self.headings[order[h]].start <= sentence.start:
                level = self.headings[order[h]].level
                while stack and self.headings[stack[-1]].level >= level:
                    stack.pop()
                stack.append(order[h])
                h += 1
            self.innermost.append(stack[-1] if stack else None)
            if sentence.kind != "heading":
                for heading in stack:
                    self.members[heading].append(sentence.index)
        self.sentence_of_heading: list[int] = []
        """Per heading: the first sentence at or after its start (where a jump lands)."""
        starts = [s.start for s in document.sentences]
        for heading in self.headings:
            i = bisect_right(starts, heading.start - 1)
            self.sentence_of_heading.append(min(i, len(starts) - 1) if starts else 0)

    def heading_at_offset(self, offset: int) -> int | None:
        """The innermost entry containing a character offset (the last one starting at or before it)."""
        i = bisect_right(self._starts, offset) - 1
        return i if i >= 0 else None

    def progress(self, heading: int, labels: Mapping[str, str]) -> Progress:
        sentences = self.document.sentences
        result = Progress(total=len(self.members[heading]))
        for index in self.members[heading]:
            label = labels.get(sentences[index].id)
            if label:
                result.labelled += 1
                result.counts[label] += 1
        return result

    def headings_of(self, sentence_index: int) -> list[int]:
        """Every entry containing a sentence, outermost first."""
        inner = self.innermost[sentence_index]
        if inner is None:
            return []
        chain = [inner]
        level = self.headings[inner].level
        for i in range(inner - 1, -1, -1):
            if self.headings[i].level < level:
                chain.append(i)
                level = self.headings[i].level
        return chain[::-1]

    def section_for_review(self, sentence_index: int) -> int | None:
        """The section (level ≤ 2 entry) a sentence is in: what `section.reviewed` marks."""
        chain = [h for h in self.headings_of(sentence_index) if self.headings[h].level <= 2]
        return chain[-1] if chain else None


def document_progress(document, labels: Mapping[str, str]) -> Progress:
    result = Progress()
    for sentence in document.sentences:
        if sentence.kind == "heading":
            continue
        result.total += 1
        label = labels.get(sentence.id)
        if label:
            result.labelled += 1
            result.counts[label] += 1
    return result
