"""Clean: page furniture out (with a record), spurious spaces out, every other character kept."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.text.clean import clean_line, clean_spaces, drop_furniture, lines_to_clean
from reader.text.pipeline import process_text
from reader.text.sentences import text_key


@pytest.mark.parametrize(
    ("line", "text", "dropped"),
    [
        (" （上接第一版）金融服务实体经济的水平持续提", "金融服务实体经济的水平持续提", ["（上接第一版）"]),
        ("(上接第一版)国电湖东、同热三期", "国电湖东、同热三期", ["(上接第一版)"]),
        ("问题整改。 （下转第3版）", "问题整改。", ["（下转第3版）"]),
        ("年内开诊。（下转第4版）", "年内开诊。", ["（下转第4版）"]),
        ("（下转第三版）", "", ["（下转第三版）"]),
        ("第三版的内容没有括号", "第三版的内容没有括号", []),
    ],
)
def test_page_furniture_is_dropped_and_recorded(line, text, dropped):
    assert clean_line(line) == (text, dropped)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("为 5242 户企业授信金额 110.53 亿元，全省排名", "为5242户企业授信金额110.53亿元，全省排名"),
        ("推动总投资36.4亿元的同德科创 PBAT 新材料", "推动总投资36.4亿元的同德科创PBAT新材料"),
        ("能力、意愿、层级。 除了发挥五台山、忻", "能力、意愿、层级。除了发挥五台山、忻"),
        ("和灸疗中心 ，满足多样需求，壮大新型", "和灸疗中心，满足多样需求，壮大新型"),
        ("   持续扩大有效投资。", "持续扩大有效投资。"),
        ("\u3000\u3000扩大有效需求，忻州市", "扩大有效需求，忻州市"),
        ("食 安 全 底 线 ，确 保 全 市 粮 食", "食安全底线，确保全市粮食"),
        ("聚焦使命 厚植新质生产力发展沃土", "聚焦使命 厚植新质生产力发展沃土"),
        ("投资打好头阵 消费挖掘潜能", "投资打好头阵 消费挖掘潜能"),
        ("the data center and etc", "the data center and etc"),
        ("“政策 + 场景”双轮驱动", "“政策+场景”双轮驱动"),
        ("项目,力争2-", "项目,力争2-"),  # a hyphen at a line end is a character, not whitespace
        ("-3年内", "-3年内"),
        ("全面加强大气污染防治;加快实施御河", "全面加强大气污染防治;加快实施御河"),
        ("狠抓中央和省生 态环保督察反馈问题整改，", "狠抓中央和省生态环保督察反馈问题整改，"),
        ("人均纯收入达 15869 元 ，增 长", "人均纯收入达15869元，增长"),
        # a heading letter-spaced with U+3000 (print-to-PDF): a wider gap is its word space, and its
        # last two characters wrapped onto a line of their own are letter-spaced too
        ("升\u3000级\u3000传\u3000统\u3000\u3000 \u3000抢\u3000跑", "升级传统 抢跑"),
        ("取\u3000向", "取向"),
    ],
)
def test_spurious_spaces_go_meaningful_ones_stay(line, expected):
    assert clean_spaces(line) == expected


def test_half_width_punctuation_and_stray_english_are_never_changed():
    line = "全面贯彻落实党的二十大精神 and 二十届二中全会精神,深入学习(上接)etc:"
    cleaned = clean_spaces(line)
    assert text_key(cleaned) == text_key(line)
    for ch in ",():;":
        assert cleaned.count(ch) == line.count(ch)


def test_furniture_only_when_it_is_a_continuation_marker():
    assert drop_furniture("（一）扩大有效需求") == ("（一）扩大有效需求", [])


def test_document_keeps_a_record_of_dropped_furniture_with_raw_lines():
    doc = process_text("（上接第1版）一年来，我们全力以赴。\n\n问题整改。 （下转第3版）\n", "d")
    assert [(d.text, d.line) for d in doc.dropped] == [("（上接第1版）", 1), ("（下转第3版）", 3)]
    assert "版" not in doc.text


def test_radical_look_alikes_become_the_characters_and_nothing_else_changes():
    # Kangxi radicals (⽉, ⼯) and the radical supplement's simplified forms (⻓, ⺠, ⻔) that PDF
    # extraction gives for ordinary characters; full-width punctuation stays full-width.
    assert clean_line("⼯作报告：2⽉增⻓5%，⼈⺠满意（⻔）")[0] == "工作报告：2月增长5%，人民满意（门）"


# Pieces of raw lines: running text, whitespace of every kind, page-turn markers, chrome, radicals.
_PIECES = ["经济", "发展", "。", "，", "5.6%", "COVID", " ", "\u3000", "\t", "\u00a0", "\u200b", "版", "页",
           "（上接第一版）", "当前位置：", "来源：", "打印本页", "关闭窗口", "1/15", "https://gov.cn/a", "⽉", "⻓",
           "2024/1/5 10:30", "阅读量：", "\r", "\x0b"]  # fmt: skip


@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=6).map("".join), min_size=1, max_size=8))
def test_lines_left_out_of_lines_to_clean_are_already_clean(lines):
    # The pipeline skips these lines (most lines): cleaning them must give them back unchanged.
    lines = [line.replace("\r", "") for line in lines]  # no line holds a line end
    work = lines_to_clean("\n".join(lines))
    assert work <= set(range(len(lines)))
    for k, line in enumerate(lines):
        if k not in work:
            assert clean_line(line) == (line, [])


@given(st.lists(st.sampled_from([*"政府5.%，a", " ", "\u3000", "  "]), max_size=12).map("".join))
def test_the_quick_look_for_letter_spacing_misses_none(line):
    # clean_spaces looks for letter-spacing only where this quick look finds it possible
    from reader.text.clean import _LETTER_SPACED, _SPACED_BETWEEN, _SPACED_PAIR

    line = line.strip()
    if _LETTER_SPACED.search(line):
        assert _SPACED_BETWEEN.search(line) or _SPACED_PAIR.fullmatch(line)
