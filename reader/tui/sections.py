"""Which outline entries contain which sentences, and per-entry progress (no Textual here).

An outline entry spans from its start to the start of the next entry of the same or a higher level;
a sentence belongs to every entry whose span contains it (a part, its section, its lead-in).
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from reader.labels import is_unit


@dataclass
class Progress:
    total: int = 0
    labelled: int = 0
    counts: Counter = field(default_factory=Counter)

    def add(self, label: str | None, delta: int) -> None:
        """Count (`delta` 1) or uncount (-1) one sentence's label; no zero counts are kept."""
        if not label:
            return
        self.labelled += delta
        count = self.counts[label] + delta
        if count:
            self.counts[label] = count
        else:
            del self.counts[label]


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
        self._last_own: dict[int, int] = {}
        """Per heading: the start of the last sentence whose innermost heading it is."""
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
            if is_unit(sentence):
                for heading in stack:
                    self.members[heading].append(sentence.index)
                if stack:
                    self._last_own[stack[-1]] = sentence.start
        self.sentence_of_heading: list[int] = []
        """Per heading: the first sentence at or after its start (where a jump lands)."""
        starts = [s.start for s in document.sentences]
        for heading in self.headings:
            i = bisect_right(starts, heading.start - 1)
            self.sentence_of_heading.append(min(i, len(starts) - 1) if starts else 0)

        self.parent: list[int | None] = []
        """Per heading: the entry it sits under in the outline (None for a top-level entry)."""
        chain: list[int] = []
        for heading in self.headings:
            while chain and self.headings[chain[-1]].level >= heading.level:
                chain.pop()
            self.parent.append(chain[-1] if chain else None)
            chain.append(len(self.parent) - 1)

    @functools.cached_property
    def children(self) -> dict[int | None, list[int]]:
        """Per entry (None: the top), the entries right under it, in order."""
        children: dict[int | None, list[int]] = {None: []}
        for i, parent in enumerate(self.parent):
            children.setdefault(parent, []).append(i)
        return children

    @functools.cached_property
    def own_sentences_first(self) -> dict[int, bool]:
        """Entries with children that also hold sentences of their own (outside every child, such
        as an opening paragraph): entry → whether those all come before its first child."""
        return {
            heading: start < self.headings[self.children[heading][0]].start
            for heading, start in self._last_own.items()
            if self.children.get(heading)
        }

    def heading_at_offset(self, offset: int) -> int | None:
        """The innermost entry containing a character offset (the last one starting at or before it)."""
        i = bisect_right(self._starts, offset) - 1
        return i if i >= 0 else None

    def headings_of(self, sentence_index: int) -> list[int]:
        """Every entry containing a sentence, outermost first."""
        chain = []
        heading = self.innermost[sentence_index]
        while heading is not None:
            chain.append(heading)
            heading = self.parent[heading]
        return chain[::-1]

    def section_for_review(self, sentence_index: int) -> int | None:
        """The section (level ≤ 2 entry) a sentence is in: what `section.reviewed` marks."""
        chain = [h for h in self.headings_of(sentence_index) if self.headings[h].level <= 2]
        return chain[-1] if chain else None


class Tally:
    """The figures of every outline entry, of the whole document and of the sentences before the
    first heading, kept up to date one label change at a time.

    A change costs O(depth of the outline), so the status bar, the outline and the statistics
    screen never recount the document (a 3 MB report has ~22,000 sentences and ~2,800 entries).
    Headings and sentences not in the document (orphans) are not counted.
    """

    def __init__(self, index: SectionIndex, labels: Mapping[str, str]) -> None:
        self.index = index
        sentences = index.document.sentences
        self.entries = [Progress(total=len(members)) for members in index.members]
        self.whole = Progress()
        self.preamble = Progress()
        """Sentences before the first heading."""
        self._at = {s.id: s.index for s in sentences if is_unit(s)}
        self._labels: dict[str, str] = {}
        for sentence in sentences:
            if is_unit(sentence):
                self.whole.total += 1
                if index.innermost[sentence.index] is None:
                    self.preamble.total += 1
        for sentence_id, label in labels.items():
            self.set(sentence_id, label)

    def set(self, sentence_id: str, label: str | None) -> list[int]:
        """Record a sentence's label (None: none); the entries whose figures changed."""
        index = self._at.get(sentence_id)
        old = self._labels.get(sentence_id)
        if index is None or old == label:
            return []
        if label:
            self._labels[sentence_id] = label
        else:
            self._labels.pop(sentence_id, None)
        chain = self.index.headings_of(index)
        scopes = [self.whole, *(self.entries[h] for h in chain)]
        if not chain:
            scopes.append(self.preamble)
        for progress in scopes:
            progress.add(old, -1)
            progress.add(label, 1)
        return chain
