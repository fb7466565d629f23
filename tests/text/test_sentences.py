"""Sentences: where they split, what they keep, and ids that survive pipeline changes."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.text.chars import WS_CHARS
from reader.text.pipeline import process_text
from reader.text.sentences import split_spans, text_key


def split(text):
    return [text[s:e] for s, e in split_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("地区生产总值增长5%左右。固定资产投资增长6%以上。", ["地区生产总值增长5%左右。", "固定资产投资增长6%以上。"]),
        (
            "年产量稳定在1.14亿吨左右，增长3.5%。推进煤炭绿色开采。",
            ["年产量稳定在1.14亿吨左右，增长3.5%。", "推进煤炭绿色开采。"],
        ),
        ("他说：“这下不犹豫了。”推动商文旅体健融合发展。", ["他说：“这下不犹豫了。”", "推动商文旅体健融合发展。"]),
        ("各位代表！回顾过去一年，成绩来之不易。", ["各位代表！", "回顾过去一年，成绩来之不易。"]),
        ("为什么？因为要发展……我们一定做到！", ["为什么？", "因为要发展……", "我们一定做到！"]),
        ("（试行。）下一句。", ["（试行。）", "下一句。"]),
        ("建设美丽大同!下一句", ["建设美丽大同!", "下一句"]),
        ("Version 2.0 is out. 不拆开", ["Version 2.0 is out. 不拆开"]),
        ("没有句号的标题", ["没有句号的标题"]),
    ],
)
def test_split_points(text, expected):
    assert split(text) == expected


def test_headings_are_units_of_their_own_with_kind_heading():
    d = process_text("二、2025年工作安排\n\n今年是收官之年。做好工作。\n", "d")
    assert [(s.kind, s.text) for s in d.sentences] == [
        ("heading", "二、2025年工作安排"),
        ("sentence", "今年是收官之年。"),
        ("sentence", "做好工作。"),
    ]


def test_spans_index_the_reflowed_text_and_cover_every_character():
    d = process_text("（一）扩大需求，推动增长\n持续扩大有效投资。以重大项目为牵\n\n引，优化结构。\n", "d")
    for s in d.sentences:
        assert d.text[s.start : s.end] == s.text
    covered = "".join(s.text for s in d.sentences)
    assert covered == d.text.replace("\n", "")


def test_section_path_is_the_outline_chain_top_down():
    d = process_text(
        "二、2025年工作安排\n\n（一）扩大有效需求，推动经济回升\n持续扩大有效投资。确保投资增长。\n\n"
        "全面激发消费潜能。提振大宗消费。\n",
        "d",
    )
    by_text = {s.text: s for s in d.sentences}
    part, section = "二、2025年工作安排", "（一）扩大有效需求，推动经济回升"
    assert by_text["确保投资增长。"].section == (part, section, "持续扩大有效投资。")
    assert by_text["提振大宗消费。"].section == (part, section, "全面激发消费潜能。")
    assert by_text["二、2025年工作安排"].section == ("二、2025年工作安排",)


def test_ids_survive_a_different_wrap_and_depend_on_text_and_occurrence():
    a = process_text("推进改革。扩大开放。推进改革。\n", "doc")
    b = process_text("推进改\n革。扩大开\n\n放。推进 改革。\n", "doc")
    assert [s.id for s in a.sentences] == [s.id for s in b.sentences]
    ids = [s.id for s in a.sentences]
    assert ids[0] != ids[2] and ids[0].rsplit(":", 1)[0] == ids[2].rsplit(":", 1)[0]
    assert ids[0].startswith("doc:")
    c = process_text("扩大开放。推进改革。\n", "doc")
    assert c.sentences[1].id == ids[0]  # a new sentence before it does not move its id
    assert process_text("推进改革。\n", "other").sentences[0].id != ids[0]


_SPACES = [*WS_CHARS, "\n", "\r", "\x85", "\u2028"]
# Text of sentence characters and one kind of whitespace (so that some texts hold only the space).
_TEXT = st.sampled_from(_SPACES).flatmap(
    lambda space: st.lists(st.sampled_from([*"经济发展。！？!?…”）aZ09.,", "……", space]), max_size=30).map("".join)
)


@given(_TEXT)
def test_text_key_drops_every_whitespace_character_and_nothing_else(text):
    assert text_key(text) == re.sub(f"[{re.escape(WS_CHARS)}\n]", "", text)


@given(_TEXT, _TEXT, _TEXT)
def test_a_paragraph_is_split_in_place_as_its_own_text(before, paragraph, after):
    # The pipeline splits each paragraph where it stands in the document text (after a line end).
    text = before + "\n" + paragraph + "\n" + after
    start = len(before) + 1
    spans = split_spans(text, start, start + len(paragraph))
    assert [(s - start, e - start) for s, e in spans] == split_spans(paragraph)
    # sentences cover the paragraph in order, and only whitespace is left between them
    ends = [start, *(x for span in spans for x in span), start + len(paragraph)]
    assert ends == sorted(ends)
    assert not "".join(text[a:b] for a, b in zip(ends[::2], ends[1::2], strict=True)).strip()
    assert all(not text[s].isspace() and s < e for s, e in spans)
