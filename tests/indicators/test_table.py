"""The corpus table's joins: canonical indicator names, sorts of figures, pairing by place and year."""

from __future__ import annotations

from reader.indicators import Indicator
from reader.indicators.table import Summary, figure_sort, indicator_key, rows


def rec(indicator, value, unit, qualifier="", measure="增长", kind="target", headline=True, year=2025, doc="a-2025"):
    return Indicator(
        doc, f"{doc}:x:0", (), 1, 0, 1, indicator, measure, value, unit, qualifier, kind, headline, year, indicator
    )


def test_indicator_keys():
    assert indicator_key("城镇居民收入") == indicator_key("城镇居民人均可支配收入")
    assert indicator_key("全市地区生产总值") == indicator_key("GDP") == "地区生产总值"
    assert indicator_key("外贸进出口") == "进出口总额"
    assert indicator_key("城镇新增就业") != indicator_key("城镇调查失业率")
    assert indicator_key("某种新指标") == "某种新指标"


def test_sorts_of_figures():
    assert figure_sort(rec("地区生产总值", 5, "%")) == "change"
    assert figure_sort(rec("城镇居民收入", None, "", "同步")) == "change"
    assert figure_sort(rec("城镇调查失业率", 5.5, "%", measure="率")) == "rate"
    assert figure_sort(rec("地区生产总值", 2458.8, "亿元", measure="")) == figure_sort(
        rec("x", 3, "万亿元", measure="")
    )
    assert figure_sort(rec("x", None, "", "全省第一", measure="排名")) == "rank"


def test_a_growth_target_meets_a_growth_outcome_not_a_level():
    this = Summary(
        "a-2025",
        "a",
        2025,
        targets=[rec("地区生产总值", 5, "%", "左右")],
        outcomes=[
            rec("地区生产总值", 2458.8, "亿元", measure="", kind="outcome", headline=False, year=2024),
            rec("地区生产总值", 5.2, "%", kind="outcome", headline=False, year=2024),
        ],
    )
    last = Summary("a-2024", "a", 2024, targets=[rec("地区生产总值", 6, "%", "左右", doc="a-2024")])
    other = Summary("b-2024", "b", 2024, targets=[rec("地区生产总值", 7, "%", doc="b-2024")])
    table = rows([this, last, other])
    row = next(r for r in table if r["doc"] == "a-2025")
    assert (row["outcome_value"], row["outcome_unit"], row["outcome_year"]) == (5.2, "%", 2024)
    assert (row["previous_doc"], row["previous_target_value"]) == ("a-2024", 6)
    assert [r["doc"] for r in table] == ["a-2024", "a-2025", "b-2024"]


def test_the_direction_of_an_outcome_and_of_last_years_target_is_in_the_row():
    """增长6% set, 下降1.8% came: the values are as written (1.8), the measures say which way."""
    this = Summary(
        "a-2025",
        "a",
        2025,
        targets=[rec("固定资产投资", 3, "%", "以上")],
        outcomes=[rec("固定资产投资", 1.8, "%", measure="下降", kind="outcome", headline=False, year=2024)],
    )
    last = Summary("a-2024", "a", 2024, targets=[rec("固定资产投资", 6, "%", doc="a-2024")])
    row = next(r for r in rows([this, last]) if r["doc"] == "a-2025")
    assert (row["outcome_value"], row["outcome_measure"]) == (1.8, "下降")
    assert (row["previous_target_value"], row["previous_target_measure"]) == (6, "增长")
    assert list(row)[-2:] == [
        "outcome_measure",
        "previous_target_measure",
    ]  # added at the end: old columns keep their places
