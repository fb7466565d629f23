"""Extractor text: a table of figures the report announces is the report's and keeps its rows (the
targets and outcomes researchers read from it); a table printed beside the report is kept aside;
the report's own table is never taken for a story boxed beside the report."""

from __future__ import annotations

from reader.text.pipeline import process_text

HEAD = "\f江州日报\n\n一、2023年工作回顾\n\n2023年，全县经济持续恢复，主要指标好\n"
ROWS = (
    "地区生产总值　亿元　156.8　5.9\n"
    "规模以上工业增加值　亿元　48.2　8.1\n\n"
    "固定资产投资　亿元　62.5　6.7\n"
    "社会消费品零售总额　亿元　45.3　7.4\n"
    "一般公共预算收入　亿元　8.62　5.2\n"
)
AFTER = "一是项目建设有力有效。实施重点项目72\n个，完成投资48亿元，白泽光伏产业园一期建\n成投产。\n\f"


def _units(text: str) -> str:
    doc = process_text(text, "t")
    return "\n".join(s.text for s in doc.sentences)


def test_a_table_the_report_announces_keeps_its_rows():
    units = _units(HEAD + "于预期。主要经济指标完成情况如下：\n\n指标名称　单位　完成值　增长（%）\n" + ROWS + AFTER)
    for row in ("地区生产总值", "固定资产投资", "一般公共预算收入"):
        assert row in units, units
    assert "一是项目建设有力有效。" in units  # and the text after it is no boxed story


def test_a_table_sent_to_by_a_sentence_keeps_its_rows():
    units = _units(HEAD + "于预期。具体指标见附件1。\n\n" + ROWS + AFTER)
    assert "62.5" in units


def test_a_table_nobody_announces_is_kept_aside_and_the_report_goes_on():
    units = _units(HEAD + "于预期，为今年开好局打下了基础。\n\n" + ROWS + AFTER)
    assert "62.5" not in units and "156.8" not in units
    assert "一是项目建设有力有效。" in units
