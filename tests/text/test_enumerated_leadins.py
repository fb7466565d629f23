"""A paragraph that opens with an enumerated lead-in (一是…。) holds its siblings (二是…。, 三是…。):
each opens a lead-in section inside the paragraph, as the first one does."""

from __future__ import annotations

from reader.text.pipeline import process_text

HEAD = "二、2026年工作安排\n\n（一）全力稳增长。\n\n"


def _leadins(paragraph: str) -> tuple[list[str], dict[str, tuple[str, ...]]]:
    doc = process_text(HEAD + paragraph + "\n", "t")
    return [h.title for h in doc.outline if h.level == 3], {s.text: s.section for s in doc.sentences}


def test_the_siblings_of_an_enumerated_opening_are_lead_ins_too():
    leadins, sections = _leadins(
        "一是全力扩大有效投资。谋划储备重大项目500个以上。二是大力提振消费。推动汽车、家电以旧换新。"
        "三是稳住外贸基本盘。支持企业开拓新兴市场。"
    )
    assert leadins == ["一是全力扩大有效投资。", "二是大力提振消费。", "三是稳住外贸基本盘。"]
    assert sections["推动汽车、家电以旧换新。"][-1] == "二是大力提振消费。"
    assert sections["支持企业开拓新兴市场。"][-1] == "三是稳住外贸基本盘。"


def test_without_an_enumerated_opening_an_item_inside_a_paragraph_is_no_lead_in():
    # the opening is a statement, not a lead-in: the items are clauses of an argument
    leadins, _ = _leadins(
        "今年要重点抓好投资、消费和外贸三件事，确保经济运行在合理区间并保持回升向好的态势。"
        "二是大力提振消费。推动汽车、家电以旧换新。"
    )
    assert leadins == []


def test_the_last_sentence_of_the_paragraph_leads_nothing():
    leadins, _ = _leadins("一是全力扩大有效投资。谋划储备重大项目500个以上。二是大力提振消费。")
    assert leadins == ["一是全力扩大有效投资。"]
