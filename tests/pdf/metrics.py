"""How close a processed document comes to its clean reference (the measures of issues 9 and 16).

- **headings found**: share of the reference's outline entries (level and title, whitespace aside)
  that the document's outline has (as a multiset);
- **sentences exact**: share of the reference's labelling units (kind "sentence") whose text
  (whitespace aside) is one of the document's units;
- **paragraph breaks recall / precision**: the reference's paragraph breaks are positions in its
  whitespace-free text; the document's breaks are mapped onto those positions through a character
  alignment (so furniture left in, or text lost, shifts nothing) and compared.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

_WS = re.compile(r"\s+")


def nows(text: str) -> str:
    return _WS.sub("", text)


@dataclass(frozen=True)
class Scores:
    headings: float
    sentences: float
    recall: float
    precision: float

    def __str__(self) -> str:
        return (
            f"headings {self.headings:.3f}  sentences {self.sentences:.3f}  "
            f"breaks R {self.recall:.3f} P {self.precision:.3f}"
        )


@dataclass(frozen=True)
class Counts:
    """Raw counts, so that several documents add up before dividing."""

    headings: tuple[int, int] = (0, 0)
    sentences: tuple[int, int] = (0, 0)
    breaks: tuple[int, int, int] = (0, 0, 0)
    """(matched, reference, document)"""

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            tuple(a + b for a, b in zip(self.headings, other.headings, strict=True)),
            tuple(a + b for a, b in zip(self.sentences, other.sentences, strict=True)),
            tuple(a + b for a, b in zip(self.breaks, other.breaks, strict=True)),
        )

    def scores(self) -> Scores:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 1.0

        m, r, d = self.breaks
        return Scores(ratio(*self.headings), ratio(*self.sentences), ratio(m, r), ratio(m, d))


def _multiset_hits(expected: list, found: list) -> int:
    have = Counter(found)
    hits = 0
    for item in expected:
        if have[item] > 0:
            have[item] -= 1
            hits += 1
    return hits


def break_positions(paragraphs: list[str]) -> tuple[str, list[int]]:
    """The whitespace-free text and the positions where a new paragraph starts (the first excluded)."""
    pieces, breaks, pos = [], [], 0
    for para in paragraphs:
        text = nows(para)
        if not text:
            continue
        if pieces:
            breaks.append(pos)
        pieces.append(text)
        pos += len(text)
    return "".join(pieces), breaks


def _char_map(ref: str, doc: str) -> dict[int, int]:
    """doc position → ref position for the characters the alignment matches."""
    mapping: dict[int, int] = {}
    matcher = SequenceMatcher(None, ref, doc, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            mapping[b + k] = a + k
    return mapping


def compare(
    ref_paragraphs: list[str],
    ref_outline: list[tuple[int, str]],
    ref_sentences: list[str],
    paragraphs: list[str],
    outline: list[tuple[int, str]],
    units: list[str],
) -> Counts:
    heads = _multiset_hits([(lv, nows(t)) for lv, t in ref_outline], [(lv, nows(t)) for lv, t in outline])
    sents = _multiset_hits([nows(s) for s in ref_sentences], [nows(u) for u in units])
    ref_text, ref_breaks = break_positions(ref_paragraphs)
    doc_text, doc_breaks = break_positions(paragraphs)
    mapping = _char_map(ref_text, doc_text)
    mapped = set()
    for b in doc_breaks:
        if b in mapping:
            mapped.add(mapping[b])
        elif b - 1 in mapping:
            mapped.add(mapping[b - 1] + 1)
    matched = len(mapped & set(ref_breaks))
    return Counts((heads, len(ref_outline)), (sents, len(ref_sentences)), (matched, len(ref_breaks), len(doc_breaks)))


def compare_document(reference, document) -> Counts:
    """`reference`: a harness Reference; `document`: a pipeline Document."""
    return compare(
        reference.paragraphs,
        reference.outline,
        reference.sentences,
        [document.text[p.start : p.end] for p in document.paragraphs],
        [(h.level, h.title) for h in document.outline],
        [s.text for s in document.sentences],
    )
