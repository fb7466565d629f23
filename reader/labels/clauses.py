"""Clauses: the parts of one sentence an annotator labels apart (`…增长5.2%；但…仍然不足。`).

A clause is a unit located by one rule, on top of its sentence's: its record names the parent
sentence (`sentence`, found by `reader.labels.locate` like any label) and the clause's character
offsets in that sentence's text (`clause_start`, `clause_end`) with the text as labelled
(`clause_text`). Where the clause is now (`find`):

1. the same text at the same offsets;
2. else the same text elsewhere in the sentence, the nearest to the old offset (the sentence was
   edited before or after it);
3. else the offsets carried through the edit: if the text there is still mostly the clause
   (`EDIT_SIMILARITY`), it is the clause, `text_changed`;
4. only else an orphan, as for sentences.

A sentence splits at `；` by default and at `，` where the annotator chooses (`cut_points`,
`spans`). Its clause records are stored under their own key (`unit_key`), so a sentence label and
the labels of its clauses live side by side.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from difflib import SequenceMatcher
from typing import Any

SENTENCE, CLAUSE = "sentence", "clause"
"""The two kinds of unit a label is on (`LabelRecord.unit`, the export's `unit`)."""

STRONG = frozenset("；;")
"""Where a sentence splits into clauses by default."""
WEAK = frozenset("，,")
"""Where the annotator may split a clause further."""
KEY_MARK = "#"
"""Separates a sentence id from a clause's offsets in a clause's key (`doc:hash:0#0-12`)."""


def is_clause(record: Mapping[str, Any]) -> bool:
    """Whether a label record (a `LabelRecord` or its stored or exported shape) is a clause's.
    (An indicator correction's `unit` is a unit of measure: a clause has its offsets too.)"""
    return record.get("unit") == CLAUSE and record.get("clause_start") is not None


def unit_key(sentence: str, clause_start: int | None = None, clause_end: int | None = None) -> str:
    """The store key of a label's unit: the sentence id, or for a clause the sentence id and its
    offsets in the sentence (`doc:hash:0#0-12`)."""
    if clause_start is None or clause_end is None:
        return sentence
    return f"{sentence}{KEY_MARK}{clause_start}-{clause_end}"


def parse_key(key: str) -> tuple[str, tuple[int, int] | None]:
    """(sentence id, clause offsets or None) of a unit key."""
    head, mark, tail = key.rpartition(KEY_MARK)
    if mark:
        a, dash, b = tail.partition("-")
        if dash and a.isdigit() and b.isdigit():
            return head, (int(a), int(b))
    return key, None


def cut_points(text: str, marks: Iterable[str] = STRONG | WEAK) -> list[int]:
    """Offsets just after each of `marks` in `text` where a clause may end: never at the very end,
    never inside a number (`1,000`)."""
    marks = frozenset(marks)
    out = []
    for i, ch in enumerate(text[:-1]):
        if ch not in marks:
            continue
        if ch == "," and i > 0 and text[i - 1].isdigit() and text[i + 1].isdigit():
            continue
        out.append(i + 1)
    return out


def default_cuts(text: str) -> list[int]:
    """Where a sentence splits when the annotator opens its clauses: after every `；`."""
    return cut_points(text, STRONG)


def spans(text: str, cuts: Iterable[int]) -> list[tuple[int, int]]:
    """The clauses of `text` cut at `cuts` (offsets, any order): (start, end) pairs covering it."""
    inner = sorted({c for c in cuts if 0 < c < len(text)})
    bounds = [0, *inner, len(text)]
    return list(itertools.pairwise(bounds))


def next_weak_cut(text: str, start: int, end: int) -> int | None:
    """The first place inside the clause `text[start:end]` where it may be cut at `，`."""
    return next((c for c in cut_points(text, WEAK) if start < c < end), None)


def find(
    clause_text: str, old: tuple[int, int], labelled_sentence: str, sentence: str, similarity: float
) -> tuple[tuple[int, int], bool] | None:
    """Where a clause is in its (located) sentence now: ((start, end), text_changed), or None (an
    orphan). `labelled_sentence` is the sentence's text when the clause was last attached."""
    a, b = old
    if sentence[a:b] == clause_text:
        return (a, b), False
    hits = []
    at = sentence.find(clause_text) if clause_text else -1
    while at >= 0:
        hits.append(at)
        at = sentence.find(clause_text, at + 1)
    if hits:
        best = min(hits, key=lambda h: abs(h - a))
        return (best, best + len(clause_text)), False
    start, end = _carry(labelled_sentence, sentence, a, b)
    if end <= start:
        return None
    matcher = SequenceMatcher(None, clause_text, sentence[start:end], autojunk=False)
    if matcher.ratio() >= similarity:
        return (start, end), True
    return None


def _carry(old: str, new: str, a: int, b: int) -> tuple[int, int]:
    """Offsets `a`, `b` of `old` carried to `new` through the edit between them."""
    ops = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()

    def move(x: int, is_end: bool) -> int:
        for tag, i1, i2, j1, j2 in ops:
            if i1 <= x < i2 or (is_end and i1 < x <= i2):
                if tag == "equal":
                    return j1 + (x - i1)
                return j2 if is_end else j1
        return len(new) if is_end else 0

    return move(a, False), move(b, True)
