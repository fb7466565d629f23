"""Reports the extraction was never developed on: short national, provincial and city reports written
for these tests (tests/indicators/passages.py), in three raw layouts. Headline targets, other
targets and outcomes must come out as a careful reader would write them down, with kind and year."""

from __future__ import annotations

import pytest

from reader.indicators import extract
from reader.indicators.structure import report_place, report_year
from reader.text.pipeline import load_document, process_text
from tests.indicators import passages as P
from tests.indicators.conftest import score

CASES = {
    "national": (P.NATIONAL, P.NATIONAL_HEADLINE, P.NATIONAL_OUTCOMES, P.NATIONAL_OTHER_TARGETS, 2025),
    "province": (
        P.newspaper_layout(P.PROVINCE_PARAGRAPHS),
        P.PROVINCE_HEADLINE,
        P.PROVINCE_OUTCOMES,
        [],
        2025,
    ),
    "city": (P.CITY_2025, P.CITY_HEADLINE, P.CITY_OUTCOMES, P.CITY_OTHER_TARGETS, 2025),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request):
    text, headline, outcomes, others, year = CASES[request.param]
    doc = process_text(text, f"{request.param}-report")
    return doc, extract(doc, lines=False), headline, outcomes, others, year


def test_headline_targets(case):
    _, found, headline, *_ = case
    heads = [r for r in found if r.headline]
    _, missed, extra = score(headline, heads)
    assert not missed and not extra, (missed, [e.text for e in extra])


def test_outcomes_of_the_review(case):
    _, found, _, outcomes, _, year = case
    got = [r for r in found if r.kind == "outcome"]
    _, missed, extra = score(outcomes, got)
    assert not missed and not extra, (missed, [e.text for e in extra])
    assert {r.year for r in got} == {year - 1}


def test_other_targets_of_the_plan(case):
    _, found, _, _, others, year = case
    got = [r for r in found if r.kind == "target" and not r.headline]
    _, missed, extra = score(others, got)
    assert not missed and not extra, (missed, [e.text for e in extra])
    assert all(r.year == year for r in found if r.kind == "target")


def test_report_year_and_place():
    assert report_year(process_text(P.NATIONAL, "x")) == 2025
    assert report_year(process_text(P.CITY_2024, "x")) == 2024  # from the dateline
    assert report_place(process_text(P.CITY_2025, "qingshan-2025")) == "青山市"
    assert report_place(process_text(P.newspaper_layout(P.PROVINCE_PARAGRAPHS), "x")) == "江南省"
    # nothing in the text: the file name without its year, so that one place's years pair up
    assert report_place(process_text("各位代表：\n地区生产总值增长5%。\n", "lanxi-2023")) == "lanxi"
    assert report_year(process_text("各位代表：\n地区生产总值增长5%。\n", "lanxi-2023")) == 2023


def test_offsets_and_text_agree(case):
    doc, found, *_ = case
    for r in found:
        assert doc.text[r.start : r.end] == r.text
        sentence = next(s for s in doc.sentences if s.id == r.sentence)
        assert sentence.start <= r.start < r.end <= sentence.end


def test_the_goals_of_a_plan_period_are_not_the_headline():
    found = extract(process_text(P.PERIOD, "hedong-2023"), lines=False)
    heads = [r for r in found if r.headline]
    _, missed, extra = score(P.PERIOD_HEADLINE, heads)
    assert not missed and not extra, (missed, [e.text for e in extra])
    assert {r.year for r in heads} == {2023}
    period = {r.text: r.year for r in found if r.kind == "target" and not r.headline}
    assert period == {
        "地区生产总值年均增长6%左右": None,
        "力争2027年突破5万亿元": 2027,
        "研发经费投入强度达到2.6%以上": None,
    }
    # a five-year review's figures are for no single year; 连续多年 is no indicator
    review = [(r.indicator, r.value, r.year) for r in found if r.kind == "outcome"]
    assert review == [("地区生产总值", 6.1, None), ("城镇新增就业", 60, None), ("粮食产量", 500, None)]


@pytest.mark.parametrize("verb", ["是", "为", "建议为", "确定为", "初步确定为", "安排如下", "如下"])
def test_the_targets_paragraph_opens_with_any_of_the_ways_reports_word_it(verb):
    text = (
        "政府工作报告\n\n二、2024年工作安排\n\n"
        f"今年全省经济社会发展的主要预期目标{verb}：地区生产总值增长5.5%左右；城镇新增就业50万人以上。\n"
    )
    heads = [(r.indicator, r.value) for r in extract(process_text(text, "p-2024")) if r.headline]
    assert heads == [("地区生产总值", 5.5), ("城镇新增就业", 50)]


def test_the_speaker_s_formula_names_no_place(corpus_dir):
    """我代表市人民政府 names no place (shuozhou-2024 was paired as "我代表市"): the file name does."""
    doc = process_text("各位代表：\n现在，我代表市人民政府，向大会报告工作，请予审议。\n", "shuozhou-2024")
    assert report_place(doc) == "shuozhou"
    named = process_text("各位代表：\n现在，我代表忻州市人民政府，向大会报告工作。\n", "xinzhou-2025")
    assert report_place(named) == "忻州市"
    assert report_place(load_document(corpus_dir / "shuozhou-2024.txt")) == "shuozhou"
