"""`locate(record, document)`: the one rule that finds a label's sentence in the current text.

Used by the store's re-attach, the export, training and the app, so they never disagree:

1. by id: the sentence the record names is still there;
2. else the same text (whitespace aside), the nearest to the old place;
3. else a small edit: a labelling unit of the same section whose text is mostly the same
   (`EDIT_SIMILARITY`), the most similar, then the nearest to the old place; the label follows it
   and is marked `text_changed`, keeping the text as labelled;
4. only else an orphan (kept by the store, never dropped).

Within one annotator, two records never land on one sentence: a sentence already held by a record
(found by id, or located earlier) is not a candidate for another. `locate_all` does that
bookkeeping for all the records of a document; `locate` is the one-record form.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from reader.labels import clauses
from reader.labels.clauses import SENTENCE
from reader.labels.units import is_unit, squeeze

EDIT_SIMILARITY = 0.8
"""Least `SequenceMatcher.ratio` of the whitespace-free texts for "a small edit". A one-word fix
(便捷 → 方便) in a 20-character sentence scores ~0.9; two different sentences of one section, even
with the same boilerplate (加快…建设), stay well under 0.7. Below it the label becomes an orphan,
which the user re-attaches by hand: a wrong guess would put a label on a sentence nobody labelled."""
EDIT_MIN_CHARS = 6
"""Texts shorter than this are never matched by similarity (one character is a large share)."""

NEAR_SIMILARITY = 0.5
"""Least similarity for a sentence to count as "near" an orphan or a changed label (see `near`):
such sentences are never exported as negatives, since the label may well have been meant for them."""

ID, TEXT, EDIT = "id", "text", "edit"


@dataclass(frozen=True, slots=True)
class Located:
    """Where a record's sentence is now: `sentence` (None for an orphan) and how it was found."""

    sentence: Any | None
    how: str | None
    """"id", "text", "edit", or None (an orphan)."""
    text_changed: bool = False
    """The sentence's text is not the text as labelled (found by a small edit, or found again
    after an earlier edit that the user has not confirmed); for a clause, the clause's text."""
    clause: tuple[int, int] | None = None
    """For a clause's record: its offsets in `sentence.text` now."""

    @property
    def orphan(self) -> bool:
        return self.sentence is None


class Locator:
    """One document's indexes for locating many records (build once per document)."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.by_id = {s.id: s for s in document.sentences}
        self._by_text: dict[str, list[Any]] | None = None
        self._by_section: dict[tuple[str, ...], list[Any]] | None = None

    def _texts(self) -> dict[str, list[Any]]:
        if self._by_text is None:
            self._by_text = defaultdict(list)
            for s in self.document.sentences:
                self._by_text[squeeze(s.text)].append(s)
        return self._by_text

    def _sections(self) -> dict[tuple[str, ...], list[Any]]:
        if self._by_section is None:
            self._by_section = defaultdict(list)
            for s in self.document.sentences:
                if is_unit(s):
                    self._by_section[tuple(s.section)].append(s)
        return self._by_section

    def locate(self, record: Mapping[str, Any], taken: set[str] | frozenset[str] = frozenset()) -> Located:
        """Where `record` belongs now; sentences whose id is in `taken` are not candidates
        (except the record's own sentence, found by id). A clause's record: its sentence by this
        rule, then the clause in it (`reader.labels.clauses`)."""
        if clauses.is_clause(record):
            return self._clause(record)
        as_labelled = record.get("labelled_text") or record.get("text") or ""
        sentence = self.by_id.get(record["sentence"])
        if sentence is not None:  # the common case: the same text, no squeeze needed
            changed = sentence.text != as_labelled and squeeze(sentence.text) != squeeze(as_labelled)
            return Located(sentence, ID, changed)
        labelled = squeeze(as_labelled)
        old = record.get("start")

        def nearest(s: Any) -> int:
            return abs(s.start - old) if old is not None else s.index

        texts = self._texts()
        for text in dict.fromkeys((labelled, squeeze(record.get("text") or ""))):
            found = [s for s in texts.get(text, ()) if s.id not in taken]
            if text and found:
                best = min(found, key=nearest)
                return Located(best, TEXT, squeeze(best.text) != labelled)
        best = self._edited(record, labelled, taken, nearest)
        if best is not None:
            return Located(best, EDIT, True)
        return Located(None, None)

    def _clause(self, record: Mapping[str, Any]) -> Located:
        parent = self.locate({**record, "unit": SENTENCE, "labelled_text": None})
        if parent.sentence is None:
            return parent
        old = (record["clause_start"], record["clause_end"])
        clause_text = record.get("clause_text") or (record.get("text") or "")[old[0] : old[1]]
        found = clauses.find(clause_text, old, record.get("text") or "", parent.sentence.text, EDIT_SIMILARITY)
        if found is None:
            return Located(None, None)
        span, changed = found
        return Located(parent.sentence, parent.how, changed, span)

    def _edited(self, record: Mapping[str, Any], labelled: str, taken, nearest) -> Any | None:
        if len(labelled) < EDIT_MIN_CHARS:
            return None
        scored = []
        matcher = SequenceMatcher(autojunk=False)
        matcher.set_seq2(labelled)
        for s in self._sections().get(tuple(record.get("section") or ()), ()):
            if s.id in taken:
                continue
            matcher.set_seq1(squeeze(s.text))
            if matcher.real_quick_ratio() < EDIT_SIMILARITY or matcher.quick_ratio() < EDIT_SIMILARITY:
                continue
            ratio = matcher.ratio()
            if ratio >= EDIT_SIMILARITY:
                scored.append((-ratio, nearest(s), s.index, s))
        return min(scored, key=lambda t: t[:3])[3] if scored else None

    def locate_all(self, records: Iterable[Mapping[str, Any]]) -> list[tuple[Mapping[str, Any], Located]]:
        """See the module function `locate_all`."""
        per_annotator: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for r in records:
            per_annotator[r["annotator"]].append(r)
        out: list[tuple[Mapping[str, Any], Located]] = []
        for recs in per_annotator.values():
            clause_records = [r for r in recs if clauses.is_clause(r)]
            out += [(r, self.locate(r)) for r in clause_records]  # clauses share their sentence
            recs = [r for r in recs if not clauses.is_clause(r)]
            taken = {r["sentence"] for r in recs if r["sentence"] in self.by_id}

            def order(r: Mapping[str, Any]) -> tuple:
                return (r["sentence"] not in self.by_id, r.get("start") is None, r.get("start") or 0)

            for r in sorted(recs, key=order):
                found = self.locate(r, taken)
                if found.sentence is not None:
                    taken.add(found.sentence.id)
                out.append((r, found))
        return out

    def near(self, record: Mapping[str, Any]) -> set[str]:
        """Ids of the sentences near the place a record was labelled: those overlapping its old
        span, and those of its section whose text is at least `NEAR_SIMILARITY` like the text as
        labelled. For orphans and changed labels: what `--negatives` must not call "none"."""
        out: set[str] = set()
        start, end = record.get("start"), record.get("end")
        if start is not None and end is not None:
            out |= {s.id for s in self.document.sentences if s.start < end and start < s.end}
        labelled = squeeze(record.get("labelled_text") or record.get("text") or "")
        if labelled:
            matcher = SequenceMatcher(autojunk=False)
            matcher.set_seq2(labelled)
            for s in self._sections().get(tuple(record.get("section") or ()), ()):
                matcher.set_seq1(squeeze(s.text))
                if matcher.quick_ratio() >= NEAR_SIMILARITY and matcher.ratio() >= NEAR_SIMILARITY:
                    out.add(s.id)
        return out


def locate(record: Mapping[str, Any], document: Any, taken: Iterable[str] = ()) -> Located:
    """Where one record's sentence is in `document` now (see the module docstring)."""
    return Locator(document).locate(record, frozenset(taken))


def locate_all(records: Iterable[Mapping[str, Any]], document: Any) -> list[tuple[Mapping[str, Any], Located]]:
    """Locate every record of one document, one annotator's records never sharing a sentence.

    Records still found by id keep their sentence first; the others are placed in the order of
    their old position. Returns (record, located) pairs in that order.
    """
    return Locator(document).locate_all(records)
