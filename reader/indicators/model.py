"""The indicator record: one quantitative clause of a target or an achievement, with where it is."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

from reader.text.model import _sets_slots

Kind = Literal["target", "outcome"]
FIELDS = (
    "doc",
    "sentence",
    "section",
    "line",
    "start",
    "end",
    "indicator",
    "measure",
    "value",
    "unit",
    "qualifier",
    "kind",
    "headline",
    "year",
    "text",
    "source",
)
"""The record's fields in the order of `reader indicators --json` and its CSV (the contract)."""
EXTRACTED, CORRECTED = "extracted", "corrected"
"""`source`: as the extractor read the clause, or as an annotator corrected it."""


@_sets_slots  # built by the hundred per report: slots filled directly, as the pipeline's records are
@dataclass(frozen=True, slots=True)
class Indicator:
    doc: str
    sentence: str
    """Id of the sentence the clause is in (`doc:hash:n`, as in `reader sentences --json`)."""
    section: tuple[str, ...]
    line: int
    """1-based raw line where the clause starts."""
    start: int
    end: int
    """The clause's offsets in the reflowed text."""
    indicator: str
    """As written (地区生产总值, 城镇新增就业)."""
    measure: str
    """增长, 涨幅, 下降, 人数, 率, 浓度, 排名, … ("" if none)."""
    value: int | float | list | None
    """A number, [lo, hi] for a range, None for a comparison without a number (与经济增长同步)."""
    unit: str
    qualifier: str
    """The hedge or comparison as written (左右, 以上, 基本同步, 力争…以上); "" if none."""
    kind: Kind
    headline: bool
    """An item of the report's main targets paragraph."""
    year: int | None
    text: str
    """The clause."""
    source: str = EXTRACTED
    """EXTRACTED, or CORRECTED when an annotator's correction replaced the extractor's reading."""

    def __reduce__(self):
        # Pickled as its fields in order: a worker sends thousands of records to the corpus table, and
        # the dataclass default (a state list, each field set back one by one) is ×1.5 slower both ways.
        return Indicator, (
            self.doc,
            self.sentence,
            self.section,
            self.line,
            self.start,
            self.end,
            self.indicator,
            self.measure,
            self.value,
            self.unit,
            self.qualifier,
            self.kind,
            self.headline,
            self.year,
            self.text,
            self.source,
        )

    def to_dict(self) -> dict:
        d = asdict(self)
        d["section"] = list(self.section)
        return {k: d[k] for k in FIELDS}


POST_QUALIFIERS = ("左右", "以上", "以内", "以下", "之内", "上下", "不到", "余", "多")
"""Hedges written after the number (5%左右); any other qualifier is written before it (力争8%)."""


def show_value(value: int | float | list | None) -> str:
    """5 → "5", [4.5, 5] → "4.5–5", None → ""."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "–".join(show_value(v) for v in value)
    return str(value)


def figure(value: int | float | list | None, unit: str, qualifier: str) -> str:
    """5%左右, 近10万人次, 力争8%以上, 基本同步: value, unit and hedge as a report writes them."""
    if value is None:
        return qualifier
    number = f"{show_value(value)}{unit}"
    if "…" in qualifier:
        pre, post = qualifier.split("…", 1)
        return f"{pre}{number}{post}"
    if qualifier in POST_QUALIFIERS:
        return number + qualifier
    return qualifier + number
