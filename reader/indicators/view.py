"""One annotator's indicators of one report, headless: the extraction with their corrections applied,
and the corrections made through the store (one undo history with labels and notes).

    view = IndicatorView.open(store, document, "li", cache=ExtractionCache(annotations))
    row = view.rows[0]
    view.correct(row, value=5.5, qualifier="左右")
    view.reject(row)          # "not an indicator"
    view.restore(row)         # back to the extractor's reading
    view.table()              # the report's table: indicator, target, last year's outcome

The reading screen's indicators panel and span highlights only show what this gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reader.indicators.corrections import Applied, Row, apply, extracted_values
from reader.indicators.model import Indicator
from reader.labels import IndicatorCorrection, now
from reader.labels.correction import CORRECTED_FIELDS


@dataclass(frozen=True, slots=True)
class TableRow:
    """A row of the report's table: an indicator with its target and last year's outcome."""

    indicator: str
    target: Row | None
    outcome: Row | None

    @property
    def rows(self) -> list[Row]:
        return [r for r in (self.target, self.outcome) if r is not None]


class IndicatorView:
    def __init__(self, store: Any, document: Any, annotator: str, extracted: list[Indicator]) -> None:
        self.store = store
        self.document = document
        self.annotator = annotator
        self.extracted = extracted
        self.applied = Applied()
        self.reload()

    @classmethod
    def open(cls, store: Any, document: Any, annotator: str, cache: Any = None) -> IndicatorView:
        """Extract (from `cache`, an `ExtractionCache`, when given) and apply the corrections."""
        if cache is not None:
            extracted = cache.records(document)
        else:
            from reader.indicators.extract import extract

            extracted = extract(document)
        return cls(store, document, annotator, extracted)

    def reload(self) -> None:
        """Read the annotator's corrections again (after an undo, or a change elsewhere)."""
        self.applied = apply(self.extracted, self.store.corrections(self.document.id, self.annotator), self.document)

    @property
    def rows(self) -> list[Row]:
        """Every clause in text order, those marked "not an indicator" included."""
        return self.applied.rows

    @property
    def records(self) -> list[Indicator]:
        return self.applied.records

    @property
    def spans(self) -> list[tuple[int, int, str]]:
        """(start, end, source) of every clause shown: what the reading screen highlights."""
        return [(r.start, r.end, r.source) for r in self.records]

    # --- changes --------------------------------------------------------------------------------
    def correct(self, row: Row, **values: Any) -> IndicatorCorrection:
        """Store what the clause really says (any of indicator, measure, value, unit, qualifier, kind,
        year); the other fields keep what is shown now. Returns the stored correction."""
        return self._put(row, rejected=False, **{**_shown_fields(row.record), **values})

    def reject(self, row: Row) -> IndicatorCorrection:
        """ "Not an indicator": the clause is left out of the table, `reader indicators` and exports."""
        return self._put(row, rejected=True, **_shown_fields(row.record))

    def restore(self, row: Row) -> IndicatorCorrection | None:
        """Drop the annotator's correction of this clause: the extractor's reading shows again."""
        if row.correction is None:
            return None
        removed = self.store.remove_correction(self.document.id, row.correction.key, annotator=self.annotator)
        self.reload()
        return removed

    def _put(self, row: Row, **fields: Any) -> IndicatorCorrection:
        sentence, shown = row.sentence, row.record
        old = row.correction
        stamp = now()
        correction = IndicatorCorrection(
            doc=self.document.id,
            sentence=sentence.id,
            text=sentence.text,
            annotator=self.annotator,
            created=old.created if old is not None else stamp,
            updated=stamp,
            at=shown.start - sentence.start,
            clause=shown.text,
            extracted=(
                extracted_values(row.extracted) if row.extracted is not None else (old.extracted if old else None)
            ),
            section=tuple(sentence.section),
            line=shown.line,
            start=shown.start,
            end=shown.end,
            **fields,
        )
        stored = self.store.put_correction(correction, replaces=old.key if old is not None else None)
        self.reload()
        return stored

    # --- the report's table ---------------------------------------------------------------------
    def table(self) -> list[TableRow]:
        """Rows for the panel: each headline target with the outcome stated for the same indicator
        last year (the corpus table's pairing), then the other outcomes, then the other targets,
        each in text order. Rejected clauses are included (the panel shows them struck out)."""
        from reader.indicators.structure import report_year
        from reader.indicators.table import compatible, figure_sort, indicator_key

        year = report_year(self.document)
        rows = self.rows
        last_year = [r for r in rows if r.record.kind == "outcome" and (year is None or r.record.year == year - 1)]
        paired: set[int] = set()
        out: list[TableRow] = []
        for row in rows:
            if not (row.record.headline and row.record.kind == "target"):
                continue
            key, sort = indicator_key(row.record.indicator), figure_sort(row.record)
            outcome = next(
                (
                    o
                    for o in last_year
                    if id(o) not in paired
                    and not o.rejected
                    and indicator_key(o.record.indicator) == key
                    and compatible(sort, figure_sort(o.record))
                ),
                None,
            )
            if outcome is not None:
                paired.add(id(outcome))
            out.append(TableRow(row.record.indicator, row, outcome))
        headline = {id(t.target) for t in out}
        out += [
            TableRow(r.record.indicator, None, r) for r in rows if r.record.kind == "outcome" and id(r) not in paired
        ]
        out += [
            TableRow(r.record.indicator, r, None) for r in rows if r.record.kind == "target" and id(r) not in headline
        ]
        return out


def _shown_fields(shown) -> dict[str, Any]:
    """What a correction keeps of the figure as shown now, for the fields it does not change."""
    return {name: getattr(shown, name) for name in CORRECTED_FIELDS}
