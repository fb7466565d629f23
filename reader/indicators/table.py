"""The corpus table: one row per report and indicator, with the report's headline target, the outcome
it states for last year, and — when the corpus holds the previous report of the same place — the
target that report set for last year.

Reports are summarised one by one (`summarize`, run in worker processes by `reader.indicators.batch`),
then joined here by place and year. Indicators are matched across the wordings of different reports
(城镇居民收入 / 城镇居民人均可支配收入) by a canonical key, and a target is paired with an outcome of
the same sort of figure (a growth rate with a growth rate, not with a level in 亿元).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from reader.indicators.model import Indicator

COLUMNS = (
    "doc",
    "place",
    "year",
    "indicator",
    "measure",
    "target",
    "target_value",
    "target_unit",
    "target_qualifier",
    "target_line",
    "outcome_year",
    "outcome",
    "outcome_value",
    "outcome_unit",
    "outcome_qualifier",
    "outcome_line",
    "previous_doc",
    "previous_target",
    "previous_target_value",
    "previous_target_unit",
    "previous_target_qualifier",
    "target_source",
    "outcome_source",
    "previous_target_source",
    "outcome_measure",
    "previous_target_measure",
)
"""The corpus table's columns (`reader indicators FOLDER --csv`). `target`, `outcome` and
`previous_target` are the clauses as written; the other columns take them apart; the `*_source`
columns say whether each figure is the extractor's or an annotator's correction ("" when empty); `measure`
is the target's, `outcome_measure` and `previous_target_measure` say which way the others go (增长 set,
下降1.8% came: the value is 1.8 as written, the measure 下降). The last two were added after the others."""

_CANONICAL = (
    (r"^(?:地区|国内)?生产总值$|^GDP$|^经济总量$", "地区生产总值"),
    (r"规模以上工业增加值|规上工业增加值", "规模以上工业增加值"),
    (r"固定资产投资", "固定资产投资"),
    (r"社会消费品零售总额", "社会消费品零售总额"),
    (r"进出口总额|外贸进出口|^进出口$", "进出口总额"),
    (r"一般公共预算收入", "一般公共预算收入"),
    (r"城镇居民(?:人均)?(?:可支配)?收入", "城镇居民人均可支配收入"),
    (r"农村居民(?:人均)?(?:可支配)?收入", "农村居民人均可支配收入"),
    (r"^(?:全体|城乡)?居民(?:人均)?(?:可支配)?收入$", "居民人均可支配收入"),  # 城乡居民: urban and rural together
    (r"城镇新增就业|新增城镇就业", "城镇新增就业"),
    (r"城镇调查失业率", "城镇调查失业率"),
    (r"城镇登记失业率", "城镇登记失业率"),
    (r"居民消费价格|^CPI$", "居民消费价格"),
    (r"粮食(?:总)?产量", "粮食产量"),
    (r"单位(?:地区|国内)生产总值能耗|单位GDP能耗", "单位地区生产总值能耗"),
    (r"细颗粒物|PM2\.5", "细颗粒物浓度"),
)
"""Names the reports give the same headline indicator; anything else is matched by its own name."""
_CANONICAL_RE = [(re.compile(p), name) for p, name in _CANONICAL]
_SCOPE = re.compile(r"^(?:全市|全省|全国|全区|全县|全年|我市|我省)+")


@lru_cache(maxsize=8192)  # the corpus table asks for the same few hundred names thousands of times
def indicator_key(name: str) -> str:
    """The canonical name of an indicator (城镇居民收入 → 城镇居民人均可支配收入)."""
    name = _SCOPE.sub("", name)
    for pattern, canonical in _CANONICAL_RE:
        if pattern.search(name):
            return canonical
    return name


def figure_sort(r: Indicator) -> str:
    """What sort of figure a record is: 'change' (增长5%, 与经济增长同步), 'rank', 'completion' (of the
    year's plan), or a level in its unit's family ('level:元', 'level:人')."""
    if r.measure == "排名":
        return "rank"
    if r.measure == "完成率":  # 完成年度目标的105.8%: neither a growth rate nor a level
        return "completion"
    if r.value is None or (
        r.unit in ("%", "个百分点", "百分点") and not r.measure.endswith(("率", "比例", "比重", "占比"))
    ):
        return "change"
    if r.unit in ("%", "‰"):
        return "rate"
    base = r.unit.lstrip("万亿千百十")
    return f"level:{base}"


@dataclass(slots=True)
class Summary:
    """What the corpus table needs of one report."""

    doc: str
    place: str
    year: int | None
    targets: list[Indicator] = field(default_factory=list)
    """The headline targets, in order."""
    outcomes: list[Indicator] = field(default_factory=list)
    """Outcomes stated for the year before the report's year."""


def summarize(doc, records: list[Indicator], place: str, year: int | None) -> Summary:
    targets = [r for r in records if r.headline]
    outcomes = [r for r in records if r.kind == "outcome" and (year is None or r.year == year - 1)]
    return Summary(doc.id, place, year, targets, outcomes)


_Index = dict[str, list[Indicator]]


def _index(records: list[Indicator]) -> _Index:
    """Canonical indicator name → the records of that name, in order."""
    out: _Index = {}
    for r in records:
        out.setdefault(indicator_key(r.indicator), []).append(r)
    return out


def _pick(index: _Index, key: str, sort: str) -> Indicator | None:
    """The first record of `key` and a compatible sort of figure."""
    return next((r for r in index.get(key, ()) if compatible(sort, figure_sort(r))), None)


def compatible(target: str, outcome: str) -> bool:
    """Whether a target and an outcome of these sorts of figure can be compared (`figure_sort`)."""
    return target == outcome or (target == "rate" and outcome == "change") or (target == "change" and outcome == "rate")


_NO_FIGURE = ("", None, "", "", "")


def _figure(r: Indicator | None) -> tuple:
    """(clause, value, unit, qualifier, source) of a figure of the table, or empty cells."""
    return _NO_FIGURE if r is None else (r.text, r.value, r.unit, r.qualifier, r.source)


def rows(summaries: list[Summary]) -> list[dict]:
    """The corpus table, reports ordered by place and year. Each report lists its headline targets,
    then the previous report's targets it does not repeat (so last year's target and this report's
    outcome for it still meet)."""
    by_place_year = {(s.place, s.year): s for s in summaries if s.year is not None}
    indexes: dict[int, tuple[_Index, _Index]] = {id(s): (_index(s.targets), _index(s.outcomes)) for s in summaries}
    out: list[dict] = []
    for s in sorted(summaries, key=lambda s: (s.place, s.year or 0, s.doc)):
        previous = by_place_year.get((s.place, s.year - 1)) if s.year is not None else None
        keys: list[tuple[str, str, Indicator]] = []
        seen: set[str] = set()
        for r in s.targets + (previous.targets if previous else []):
            key = indicator_key(r.indicator)
            if key not in seen:
                seen.add(key)
                keys.append((key, figure_sort(r), r))
        for key, sort, first in keys:
            target = _pick(indexes[id(s)][0], key, sort)
            outcome = _pick(indexes[id(s)][1], key, sort)
            prev = _pick(indexes[id(previous)][0], key, sort) if previous else None
            t_text, t_value, t_unit, t_qualifier, t_source = _figure(target)
            o_text, o_value, o_unit, o_qualifier, o_source = _figure(outcome)
            p_text, p_value, p_unit, p_qualifier, p_source = _figure(prev)
            values = (
                s.doc,
                s.place,
                s.year,
                (target or first).indicator,
                (target or first).measure,
                t_text,
                t_value,
                t_unit,
                t_qualifier,
                target.line if target else None,
                outcome.year if outcome else None,
                o_text,
                o_value,
                o_unit,
                o_qualifier,
                outcome.line if outcome else None,
                previous.doc if previous else "",
                p_text,
                p_value,
                p_unit,
                p_qualifier,
                t_source,
                o_source,
                p_source,
                outcome.measure if outcome else "",
                prev.measure if prev else "",
            )
            out.append(dict(zip(COLUMNS, values, strict=True)))  # the values in the order of COLUMNS
    return out
