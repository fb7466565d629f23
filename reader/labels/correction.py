"""An annotator's correction of an indicator record: the same kind of record as a label, on a clause.

`reader indicators` extracts one record per quantitative clause (`reader.indicators.Indicator`); an
annotator who reads it and finds it wrong says what the clause really states (indicator, measure,
value, unit, qualifier, kind, year) or that it is not an indicator at all (`rejected`). The store
keeps one `IndicatorCorrection` per annotator and clause, keyed by (annotator, sentence, `at`).

It is attached the way a label is: `sentence`, `text` (the sentence's text when corrected), `section`
and `start` let `reader.labels.locate` find its sentence again when the report changes, and `clause`
(the clause's text) and `at` (its offset in the sentence) find the clause inside it. How a correction
replaces the extraction is `reader.indicators.corrections` (the one rule, used by the app, the
command and the export).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reader.labels.record import SCHEMA, _RecordMapping, now

KINDS = ("target", "outcome")
CORRECTED_FIELDS = ("indicator", "measure", "value", "unit", "qualifier", "kind", "year")
"""What an annotator can say about a clause (besides "not an indicator")."""


class BadCorrection(ValueError):
    """A correction that cannot be stored (the message says which field and why)."""


def check_value(value: Any) -> int | float | list | None:
    """A record's value: a number, [lo, hi] with lo ≤ hi, or None; BadCorrection otherwise."""
    if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
        return value
    if (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    ):
        if value[0] > value[1]:
            raise BadCorrection(f"the range {value[0]}–{value[1]} runs backwards; write the lower bound first")
        return list(value)
    raise BadCorrection(f"value {value!r} is not a number, a range [lo, hi] or empty")


@dataclass(frozen=True, slots=True, eq=False)
class IndicatorCorrection(_RecordMapping):
    """One annotator's word on one quantitative clause of one document."""

    doc: str
    sentence: str
    """The id of the clause's sentence when corrected (`doc:hash:n`)."""
    text: str
    """That sentence's text (what `locate` compares when the report changed)."""
    annotator: str
    created: str
    updated: str
    at: int
    """The clause's offset inside its sentence (with `sentence`, the record's key)."""
    clause: str
    """The clause's text, as extracted."""
    rejected: bool = False
    """"Not an indicator": the clause is left out wherever records are shown."""
    indicator: str = ""
    measure: str = ""
    value: int | float | list | None = None
    unit: str = ""
    qualifier: str = ""
    kind: str = "target"
    year: int | None = None
    extracted: dict | None = None
    """What the extractor said when the annotator corrected it (indicator, measure, value, unit,
    qualifier, kind, headline, year), or None if it said nothing of this clause."""
    section: tuple[str, ...] = ()
    line: int | None = None
    start: int | None = None
    """The clause's offsets in the reflowed text when corrected."""
    end: int | None = None
    schema: int = SCHEMA

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> IndicatorCorrection:
        """A correction from its stored JSON shape (unknown keys from a newer schema are ignored)."""
        if isinstance(data, IndicatorCorrection):
            return data
        stamp = data.get("created") or data.get("updated") or now()
        return cls(
            doc=data["doc"],
            sentence=data["sentence"],
            text=data.get("text") or "",
            annotator=data["annotator"],
            created=stamp,
            updated=data.get("updated") or stamp,
            at=int(data.get("at") or 0),
            clause=data.get("clause") or "",
            rejected=bool(data.get("rejected")),
            indicator=data.get("indicator") or "",
            measure=data.get("measure") or "",
            value=data.get("value"),
            unit=data.get("unit") or "",
            qualifier=data.get("qualifier") or "",
            kind=data.get("kind") or "target",
            year=data.get("year"),
            extracted=data.get("extracted"),
            section=tuple(data.get("section") or ()),
            line=data.get("line"),
            start=data.get("start"),
            end=data.get("end"),
            schema=data.get("schema") or SCHEMA,
        )

    @property
    def key(self) -> tuple[str, int]:
        """(sentence, at): with the annotator, what identifies the correction in the store."""
        return (self.sentence, self.at)

    def checked(self) -> IndicatorCorrection:
        """This correction if every field is well-formed, else BadCorrection saying what is wrong."""
        if not self.annotator or not self.annotator.strip():
            raise BadCorrection("an annotator name is needed (--annotator NAME or $READER_ANNOTATOR)")
        if self.kind not in KINDS:
            raise BadCorrection(f"kind {self.kind!r} must be target or outcome")
        if not self.rejected and not self.indicator.strip():
            raise BadCorrection("the indicator's name is empty; give it, or mark the clause not an indicator")
        for name in ("indicator", "measure", "unit", "qualifier"):
            if not isinstance(getattr(self, name), str):
                raise BadCorrection(f"{name} must be text")
        if self.year is not None and (not isinstance(self.year, int) or not 1949 <= self.year <= 2100):
            raise BadCorrection(f"year {self.year!r} is not a year (1949–2100) or empty")
        return self.replace(value=check_value(self.value))

    def same_content(self, other: IndicatorCorrection) -> bool:
        """Whether two corrections say the same thing, whatever their times."""
        fields = ("rejected", *CORRECTED_FIELDS)
        return all(getattr(self, f) == getattr(other, f) for f in fields)
