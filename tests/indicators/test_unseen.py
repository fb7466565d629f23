"""Held-out reports: four short reports written for this check in raw layouts the extraction was not
built on (a 2019 city report in newspaper columns with a page break and running header inside a
paragraph; a 2022 provincial report as a PDF extractor gives it, full-width digits and indented
paragraphs; a 2023 city report as a web page with site chrome and a blank line that splits the targets
paragraph; a 2021 national report as a PDF gives it, full-width digits and page numbers), with
hand-read gold for the headline targets and the review's outcomes (`data/unseen/gold.jsonl`, same
principles as `data/README.md`). First scored before any change made for them: the first three,
headline F1 0.985, outcomes 0.867; the national one, written after those fixes, headline 0.94 (7 of 8),
outcomes 0.78 (7 of 9). See the README for what was fixed since (classes, not wordings). One outcome
is still lost to the text pipeline keeping a page-number line inside a number (`test_pipeline_issues.py`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from reader.indicators import extract
from reader.text.pipeline import load_document
from tests.indicators.conftest import f1, score

DATA = Path(__file__).parent / "data" / "unseen"
YEARS = {"baihe-2019.txt": 2019, "dongchuan-2022.txt": 2022, "nanhu-2023.txt": 2023, "national-2021.txt": 2021}
HEADLINE_F1 = 0.95  # the goal
OUTCOME_F1 = 0.95  # the goal


def _gold(part: str) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = defaultdict(list)
    for line in (DATA / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        if g["part"] == part:
            out[g["report"]].append((g["indicator"], g["value"], g["unit"], g["qualifier"]))
    return out


@pytest.fixture(scope="module")
def records():
    return {name: extract(load_document(DATA / name)) for name in YEARS}


def _f1(gold, records, pick) -> tuple[float, list[str]]:
    tp = n_gold = n_found = 0
    problems = []
    for report, items in gold.items():
        found = [r for r in records[report] if pick(r)]
        hit, missed, extra = score(items, found)
        tp, n_gold, n_found = tp + hit, n_gold + len(items), n_found + len(found)
        problems += [f"{report}: missed {m}" for m in missed] + [f"{report}: extra {e.text}" for e in extra]
    return f1(tp, n_gold, n_found), problems


def test_headline_targets_f1_on_held_out_reports(records):
    gold = _gold("headline")
    assert set(gold) == set(YEARS)
    value, problems = _f1(gold, records, lambda r: r.headline)
    assert value >= HEADLINE_F1, problems


def test_outcomes_f1_on_held_out_reports(records):
    value, problems = _f1(_gold("outcome"), records, lambda r: r.kind == "outcome")
    assert value >= OUTCOME_F1, problems


def test_years_of_held_out_reports(records):
    for report, year in YEARS.items():
        heads = [r for r in records[report] if r.headline]
        assert {r.year for r in heads} == {year}, report
        assert {r.year for r in records[report] if r.kind == "outcome"} <= {year - 1, year}, report


@pytest.mark.parametrize(
    ("report", "figure"),
    [
        ("dongchuan-2022.txt", ("地区生产总值", [6.5, 7], "%", "")),  # full-width range with —
        ("dongchuan-2022.txt", ("粮食产量", 650, "亿斤", "确保…以上")),  # hedges before and after
        ("dongchuan-2022.txt", ("细颗粒物平均浓度", 33, "微克/立方米", "")),  # full-width slash in the unit
        ("dongchuan-2022.txt", ("高新技术企业", 1200, "家", "余")),  # Chinese numeral with 余
        ("baihe-2019.txt", ("农村公路", 320, "公里", "")),  # a written-out number with a measure
        ("baihe-2019.txt", ("造林绿化", 12, "万亩", "")),
        ("baihe-2019.txt", ("外贸进出口总额", None, "", "保持稳定增长")),  # growth without a number
        ("nanhu-2023.txt", ("一般公共预算收入", 5.7, "%", "")),  # 同口径增长: the indicator before it
        ("nanhu-2023.txt", ("空气质量优良率", 88, "%", "不低于")),  # after a blank line inside the paragraph
        ("national-2021.txt", ("居民收入", None, "", "稳步增长")),  # growth without a number or a verb
        ("national-2021.txt", ("国际收支", None, "", "基本平衡")),
        ("national-2021.txt", ("农村贫困人口", 551, "万", "")),  # a multiplier alone is the unit
        ("baihe-2019.txt", ("城镇居民人均可支配收入", 7.9, "%", "")),  # 分别 across a page break
        ("baihe-2019.txt", ("农村居民人均可支配收入", 8.6, "%", "")),
    ],
)
def test_held_out_figures_as_written(records, report, figure):
    hit, missed, _ = score([figure], records[report])
    assert hit == 1, (missed, [(r.indicator, r.value, r.unit, r.qualifier) for r in records[report]])


def test_problem_list_after_its_opener_gives_no_outcome(records):
    """在肯定成绩的同时，我们也清醒地看到…：规模以上工业企业利润下降6.3%: a problem, not an outcome."""
    texts = [r.text for report in YEARS for r in records[report]]
    assert not any("利润下降" in t or "低于全国" in t or "仅增长" in t for t in texts)


def test_a_boast_is_no_indicator(records):
    """在全球主要经济体中唯一实现正增长 frames a boast: no record."""
    assert not any("唯一" in r.indicator for r in records["national-2021.txt"])
