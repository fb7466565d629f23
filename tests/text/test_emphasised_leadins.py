"""`process_text(…, emphasised=…)`: a sentence a PDF printed in bold inside its paragraph (handed in
by its content key) is a lead-in where its form allows one."""

from __future__ import annotations

from reader.text.chars import content_key
from reader.text.pipeline import process_text

TEXT = """一、2025年工作回顾

（一）经济运行稳中向好。

投资增长6.1%，消费增长5.2%。外贸外资量质齐升。进出口总额增长12.1%，实际使用外资2.8亿美元。各位代表！我们做了很多工作。

全年民生支出占一般公共预算支出的80.3%。城镇新增就业4.6万人。
"""


def _leadins(emphasised=()):
    doc = process_text(TEXT, "t", emphasised=frozenset(content_key(s) for s in emphasised))
    return doc, [h.title for h in doc.outline if h.level == 3]


def test_a_bold_sentence_inside_a_paragraph_is_a_lead_in():
    doc, leadins = _leadins(["外贸外资量质齐升。"])
    assert leadins == ["外贸外资量质齐升。"]
    after = next(s for s in doc.sentences if s.text.startswith("进出口总额"))
    assert after.section == ("一、2025年工作回顾", "（一）经济运行稳中向好。", "外贸外资量质齐升。")


def test_without_the_print_the_words_alone_do_not_make_it_one():
    _, leadins = _leadins()
    assert leadins == []


def test_bold_does_not_make_a_lead_in_of_what_cannot_be_one():
    # the paragraph's last sentence (nothing follows to elaborate), an address, a long stressed statement
    long = "城镇新增就业4.6万人。"
    _, leadins = _leadins(["我们做了很多工作。", "各位代表！", long, "x" * 41 + "。"])
    assert leadins == []
    _, leadins = _leadins(["全年民生支出占一般公共预算支出的80.3%。"])
    assert leadins == ["全年民生支出占一般公共预算支出的80.3%。"]


def test_emphasis_of_words_not_in_the_text_changes_nothing():
    plain = process_text(TEXT, "t")
    other = frozenset({content_key("外贸外资量质齐升，再创新高。"), content_key("外贸外资")})
    assert process_text(TEXT, "t", emphasised=other).outline == plain.outline
