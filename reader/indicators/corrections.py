"""How annotators' corrections replace the extraction: the one rule the app, `reader indicators` and
the export use.

    applied = apply(extract(doc), store.corrections(doc.id, "li"), doc)
    applied.records      # what to show: corrected records (source "corrected") instead of the
                         # extractor's, clauses marked "not an indicator" left out
    applied.rows         # every clause, rejected ones included, with its extraction and correction

A correction finds its sentence by `reader.labels.locate` (by id, else the same text nearest its old
place, else a small edit in the same section), then its clause inside the sentence: the extracted
record with the same clause text nearest its old offset, else the one its old span overlaps most.
A correction whose clause the extractor no longer reads is still shown (the annotator's word stands
on its own) as long as the clause's text is in the sentence; otherwise it is an orphan: kept in the
store, listed in `applied.orphans`, not shown. Several corrections on one clause: the latest wins,
the others are listed as orphans.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from reader.indicators.model import CORRECTED, EXTRACTED, Indicator
from reader.labels import IndicatorCorrection, Locator, squeeze
from reader.labels.correction import CORRECTED_FIELDS

SHOWN_FIELDS = CORRECTED_FIELDS
"""The fields a correction sets on the record it replaces."""


@dataclass(frozen=True, slots=True)
class Row:
    """One clause as shown to an annotator."""

    record: Indicator
    """As shown: the correction's values (`source` "corrected") or the extractor's."""
    extracted: Indicator | None
    """The extractor's record of this clause (None: it no longer reads one here)."""
    correction: IndicatorCorrection | None
    sentence: Any
    """The sentence the clause is in now."""

    @property
    def rejected(self) -> bool:
        """The annotator said "not an indicator": left out wherever records are shown."""
        return self.correction is not None and self.correction.rejected

    @property
    def source(self) -> str:
        return EXTRACTED if self.correction is None else CORRECTED


@dataclass
class Applied:
    rows: list[Row] = field(default_factory=list)
    """Every clause in text order, rejected ones included."""
    orphans: list[IndicatorCorrection] = field(default_factory=list)
    """Corrections whose sentence or clause is no longer in the text (kept in the store)."""

    @property
    def records(self) -> list[Indicator]:
        """What is shown: every clause but the rejected ones, corrections instead of the extraction."""
        return [row.record for row in self.rows if not row.rejected]


def extracted_values(record: Indicator) -> dict[str, Any]:
    """What the extractor said of a clause (kept in a correction, to show what it replaced)."""
    return {**{name: getattr(record, name) for name in SHOWN_FIELDS}, "headline": record.headline}


def corrected(record: Indicator, correction: IndicatorCorrection) -> Indicator:
    """`record` with the correction's values (a target that becomes an outcome is no headline)."""
    values = {name: getattr(correction, name) for name in SHOWN_FIELDS}
    return replace(record, **values, headline=record.headline and correction.kind == "target", source=CORRECTED)


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _clause_in(sentence: Any, correction: IndicatorCorrection, candidates: list[Indicator]) -> Indicator | None:
    """The extracted record of `sentence` that the correction is about (see the module docstring)."""
    clause = squeeze(correction.clause)
    same = [r for r in candidates if squeeze(r.text) == clause]
    if same:
        return min(same, key=lambda r: abs(r.start - sentence.start - correction.at))
    a0, a1 = correction.at, correction.at + len(correction.clause)
    scored = [(_overlap(a0, a1, r.start - sentence.start, r.end - sentence.start), r) for r in candidates]
    scored = [(overlap, r) for overlap, r in scored if overlap > 0]
    return max(scored, key=lambda t: t[0])[1] if scored else None


def _standalone(doc: Any, sentence: Any, correction: IndicatorCorrection, line_of) -> Indicator | None:
    """A record made of the correction alone (the extractor no longer reads the clause), placed
    where the clause's text is in the sentence; None if it is not there any more."""
    text = sentence.text
    hits = []
    at = text.find(correction.clause)
    while at >= 0 and correction.clause:
        hits.append(at)
        at = text.find(correction.clause, at + 1)
    if not hits:
        return None
    at = min(hits, key=lambda a: abs(a - correction.at))
    start = sentence.start + at
    was = correction.extracted or {}
    return Indicator(
        doc=doc.id,
        sentence=sentence.id,
        section=tuple(sentence.section),
        line=line_of(start, sentence),
        start=start,
        end=start + len(correction.clause),
        indicator=correction.indicator,
        measure=correction.measure,
        value=correction.value,
        unit=correction.unit,
        qualifier=correction.qualifier,
        kind=correction.kind,  # type: ignore[arg-type]
        headline=bool(was.get("headline")) and correction.kind == "target",
        year=correction.year,
        text=correction.clause,
        source=CORRECTED,
    )


def apply(extracted: Iterable[Indicator], corrections: Iterable[IndicatorCorrection], doc: Any) -> Applied:
    """One annotator's corrections applied to the extraction of `doc` (see the module docstring)."""
    extracted = list(extracted)
    corrections = sorted(corrections, key=lambda c: c.updated, reverse=True)  # the latest first
    by_id = {s.id: s for s in doc.sentences}
    if not corrections:
        return Applied([Row(r, r, None, by_id.get(r.sentence)) for r in extracted])
    locator = Locator(doc)
    by_sentence: dict[str, list[Indicator]] = defaultdict(list)
    for r in extracted:
        by_sentence[r.sentence].append(r)
    claimed: dict[int, IndicatorCorrection] = {}  # id(extracted record) → its correction
    rows: list[Row] = []
    orphans: list[IndicatorCorrection] = []
    lines: list[Any] = []

    def line_of(offset: int, sentence: Any) -> int:
        if not lines:
            from reader.indicators.lines import line_map

            lines.append(line_map(doc))
        return lines[0].line_of(offset) if lines[0] is not None else sentence.line

    for c in corrections:
        sentence = locator.locate(c).sentence
        if sentence is None:
            orphans.append(c)
            continue
        free = [r for r in by_sentence.get(sentence.id, ()) if id(r) not in claimed]
        target = _clause_in(sentence, c, free)
        if target is not None:
            claimed[id(target)] = c
            rows.append(Row(corrected(target, c), target, c, sentence))
            continue
        alone = _standalone(doc, sentence, c, line_of)
        taken = alone is not None and any(
            row.correction is not None and (row.record.start, row.record.end) == (alone.start, alone.end)
            for row in rows
        )
        if alone is None or taken:
            orphans.append(c)
        else:
            rows.append(Row(alone, None, c, sentence))
    rows += [Row(r, r, None, by_id.get(r.sentence)) for r in extracted if id(r) not in claimed]
    rows.sort(key=lambda row: (row.record.start, row.record.end))
    return Applied(rows, orphans)
