"""Page furniture in extracted newspaper text: recognised by form, company and repetition, kept aside
in Document.dropped, also when glued to a sentence or a heading; the report's own text is kept."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.text.furniture import find_labels, strip_furniture
from reader.text.pipeline import process_text

PAGE_1 = """江州日报

第1版

要闻

2026年1月23日 星期五

政府工作报告
各位代表：
现在，我代表市人民政府，向大会报告政府工
作，请予审议。
一、2025年工作回顾
过去一年，我们坚持稳中求进工作总基调，经
济运行总体平稳。城镇新增就业1260万人，城

责任编辑：李娜

美术编辑：王磊

校对：吴海波

镇调查失业率平均为5.2%。
"""


def test_running_head_and_foot_leave_the_text_and_are_kept_aside():
    doc = process_text(PAGE_1, "r")
    units = [s.text for s in doc.sentences]
    assert "城镇新增就业1260万人，城镇调查失业率平均为5.2%。" in units
    assert [h.title for h in doc.outline][:1] == ["一、2025年工作回顾"]
    assert "政府工作报告" in units and "各位代表：" in units
    assert not any(f in doc.text for f in ("江州日报", "要闻", "第1版", "星期五", "编辑", "校对"))
    dropped = {(d.text, d.line) for d in doc.dropped}
    assert {("江州日报", 1), ("第1版", 3), ("要闻", 5), ("2026年1月23日 星期五", 7), ("校对：吴海波", 21)} <= dropped


def test_a_staff_line_glued_into_a_sentence_is_cut_out():
    doc = process_text(
        "加快保障性住房建设，做好安置工责任编辑：李娜美术编辑：王磊校对：吴海波作，积极稳妥推进。\n", "r"
    )
    assert [s.text for s in doc.sentences] == ["加快保障性住房建设，做好安置工作，积极稳妥推进。"]
    assert [d.text for d in doc.dropped] == ["责任编辑：李娜美术编辑：王磊校对：吴海波"]


def test_a_dateline_glued_to_a_heading_is_cut_out():
    text = (
        "各项工作取得新成效。\n2026年1月23日 星期五四、全面提升政府治理效能\n"
        "坚持依法行政，加快建设法治政府，自觉接\n受人大监督。\n"
    )
    doc = process_text(text, "r")
    assert "四、全面提升政府治理效能" in [h.title for h in doc.outline]
    assert [d.text for d in doc.dropped] == ["2026年1月23日 星期五"]


def test_a_section_name_repeated_on_every_page_is_furniture():
    pages = ["特别报道\n\n坚持稳中求进，推动高质量发展。\n", "特别报道\n\n扎实推进各项改革。\n"]
    assert find_labels("\f".join(pages).split("\n")) == {"特别报道"}


def test_a_section_name_inside_a_cut_sentence_is_furniture_but_a_kicker_over_the_title_is_not():
    cut = "我们清醒认识到，我市发展不平衡不充分\n\n要闻\n\n第2版\n\n问题依然突出。\n"
    assert find_labels(cut.split("\n")) == {"要闻"}
    kicker = "江州日报 要闻\n\n新闻·综览\n\n山西忻州：聚焦使命 厚植新质生产力发展沃土\n\n扩大有效需求。\n"
    assert find_labels(kicker.split("\n")) == {"要闻"}


def test_the_reports_own_dates_bylines_and_short_headings_stay():
    text = "国务院总理 某某某\n2026年3月5日，大会开幕。\n结束语\n要坚定信心。\n"
    doc = process_text(text, "r")
    assert doc.dropped == []
    assert "国务院总理 某某某" in doc.text and "2026年3月5日，大会开幕。" in doc.text and "结束语" in doc.text


_TEXT = st.text(alphabet="政府工作报告坚持稳中求进发展经济增长年月日第版，。、；：0123456789", min_size=1, max_size=40)


@given(st.lists(_TEXT, min_size=1, max_size=8))
def test_lines_of_running_text_pass_unchanged(lines):
    """Text holding none of the printed forms of furniture is never touched."""
    lines = [ln + "。" for ln in lines]
    assert strip_furniture(lines) == [(ln, []) for ln in lines]


@pytest.mark.parametrize("number", ["— 2 —", "—2—", "- 3 -", "－ 4 －", "·5·", "第6页", "第 7 页 共 15 页"])
@pytest.mark.parametrize("apart", [True, False])
def test_a_page_number_between_two_lines_of_a_sentence_is_furniture(number, apart):
    """A document's page foot falls wherever the page ends: inside a sentence, inside a number."""
    gap = "\n\n" if apart else "\n"
    text = f"过去一年，粮食生产再获丰收，产量达到１{gap}{number}{gap}３３９０亿斤，创历史新高。\n"
    doc = process_text(text, "r")
    assert [s.text for s in doc.sentences] == ["过去一年，粮食生产再获丰收，产量达到１３３９０亿斤，创历史新高。"]
    assert [d.text for d in doc.dropped] == [number]


def test_dashes_and_numbers_of_the_text_itself_stay():
    text = "实施“十四五”规划（2021—2025年），\n第3页所列项目全部开工。\n——2—3年内见效。\n"
    doc = process_text(text, "r")
    assert doc.dropped == []
    assert (
        "".join(s.text for s in doc.sentences)
        == "实施“十四五”规划（2021—2025年），第3页所列项目全部开工。——2—3年内见效。"
    )


_GATE_TEXT = st.text(
    alphabet="星期周一日天编辑校对设计制图摄影报晚早时商版页第—－–-·•0１2 \u3000\f政府，。", max_size=30
)


@given(_GATE_TEXT)
def test_the_quick_gate_lets_through_every_text_holding_a_form_of_furniture(text):
    """The gate of the furniture stage is the search for any form, decided quickly."""
    from reader.text import furniture as f

    forms = re.compile(
        f"\f|{f._TRIGGER.pattern}|{f.PAGE_RE.pattern}|日报|晚报|早报|时报|商报|{f.PAGE_NUMBER_RE.pattern}"
    )
    assert f._gate(text) == bool(forms.search(text))
