"""The reflow's quick tests agree with the slow ones they stand in front of (property tests).

`headings.may_stand_alone` lets a line skip `STANDALONE_RE` and `chars.widths` measures every line at
once instead of calling `width` per line: each must never answer differently from what it replaces.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.text.chars import width, widths
from reader.text.headings import STANDALONE_RE, may_stand_alone

# A whole line of each form STANDALONE_RE knows, with pieces of text put before and after at random
# (most such lines it refuses; those it takes, the quick test must let through).
_FORMS = [
    "各位代表：",
    "各位代表！",
    "——在晋中市第五届人民代表大会第五次会议上",
    "政府工作报告",
    "政府工作报告（摘要）",
    "晋中市人民政府市长刘星",
    "山西省省长 王某某",
    "自治区主席李某",
    "国务院总理李强",
    "【新华社太原电】",
    "（据新华社）",
    "(据人民网)",
    "记者王磊摄",
    "资料图片",
    "资料照片",
    "注释：",
    "附注",
    "名词解释",
]
_PIECES = ["", "", "", " ", "一、", "工作", "。", "，", "增长", "5%", "Ａ", "——", "市", "长", "据", "注", "【"]


@given(st.sampled_from(_PIECES), st.sampled_from(_FORMS), st.sampled_from(_PIECES))
def test_a_line_standalone_re_takes_is_never_turned_away_by_the_quick_test(before, form, after):
    line = before + form + after
    if STANDALONE_RE.match(line):
        assert may_stand_alone(line), line


@given(st.lists(st.text(alphabet=st.sampled_from("中文。，ab1 ＡＢ１　—…·é😀\u0301\tｱ©ş"), max_size=12), max_size=8))
def test_widths_of_all_lines_at_once_are_the_width_of_each(texts):
    assert widths(texts) == [width(t) for t in texts]
