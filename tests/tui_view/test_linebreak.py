"""The Chinese line breaker: widths in cells, exact spans, kinsoku, numbers kept whole."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.tui.linebreak import NO_LINE_END, NO_LINE_START, break_lines

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
WIDTHS = [10, 17, 20, 40, 80]
HAN = re.compile(r"[\u4e00-\u9fff]")


def corpus_paragraphs() -> list[str]:
    """Real paragraphs: the raw corpus files with hard line breaks joined (blank lines split)."""
    paragraphs = []
    for path in sorted(CORPUS.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        for block in re.split(r"\n\s*\n", raw):
            text = "".join(line.strip() for line in block.splitlines())
            if text:
                paragraphs.append(text)
    return paragraphs


PARAGRAPHS = corpus_paragraphs()
LONG = [p for p in PARAGRAPHS if cell_len(p) > 200][:40]


def lines_of(text: str, width: int) -> list[str]:
    return [text[a:b] for a, b in break_lines(text, width)]


def check_invariants(text: str, width: int) -> list[str]:
    spans = break_lines(text, width)
    lines = [text[a:b] for a, b in spans]
    assert "".join(lines) == text
    assert all(a < b for a, b in spans) or text == ""
    assert [a for a, _ in spans[1:]] == [b for _, b in spans[:-1]]
    for line in lines:
        if width >= 2:
            assert cell_len(line) <= width, (width, line)
        assert line or not text
    return lines


def test_corpus_is_there():
    assert len(LONG) >= 20


@pytest.mark.parametrize("width", WIDTHS)
def test_corpus_lines_fit_and_concatenate(width):
    for text in LONG:
        check_invariants(text, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_corpus_kinsoku(width):
    for text in LONG:
        lines = lines_of(text, width)
        for before, after in pairwise(lines):
            assert after[0] not in NO_LINE_START, (width, before, after)
            assert before[-1] not in NO_LINE_END, (width, before, after)
            assert not after.startswith(" ")


@pytest.mark.parametrize("width", WIDTHS)
def test_corpus_numbers_never_split(width):
    number = re.compile(r"[0-9]+(?:\.[0-9]+)?%?")
    for text in LONG:
        spans = break_lines(text, width)
        cuts = {b for _, b in spans[:-1]}
        for m in number.finditer(text):
            if m.end() - m.start() <= width:
                assert not any(m.start() < c < m.end() for c in cuts), (width, m.group(), text)


@pytest.mark.parametrize("width", WIDTHS)
def test_corpus_lines_are_filled(width):
    """A line is only short when the next segment (≤ 3 marks + one char) would not fit."""
    for text in LONG:
        lines = lines_of(text, width)
        for line, nxt in pairwise(lines):
            slack = width - cell_len(line)
            if HAN.match(nxt[0]) and nxt[1:2] not in NO_LINE_START | {"", " "}:
                # the next line starts with a plain Han character that could have gone here
                assert slack < 2, (width, line, nxt)


@pytest.mark.parametrize("width", [10, 20, 40, 80])
def test_pure_han_fills_even_width_exactly(width):
    text = "经济运行总体平稳稳中向好高质量发展向远而谋向新而行向优而进" * 5
    lines = check_invariants(text, width)
    assert all(cell_len(line) == width for line in lines[:-1])
    assert len(lines) == -(-cell_len(text) // width)


def test_odd_width_leaves_one_cell():
    lines = lines_of("一二三四五六七八九十" * 3, 17)
    assert all(cell_len(line) == 16 for line in lines[:-1])


def test_closing_punctuation_pulls_previous_char_down():
    # At width 10 "一二三四五" fills the line; "，" may not start the next one.
    assert lines_of("一二三四五，六七八", 10) == ["一二三四", "五，六七八"]
    assert lines_of("一二三四。”五六", 10) == ["一二三", "四。”五六"]


def test_closing_punctuation_hangs_when_it_fits():
    assert lines_of("一二三四，五六七八九十", 10) == ["一二三四，", "五六七八九", "十"]


def test_opening_punctuation_moves_down():
    assert lines_of("一二三四“五六”七", 10) == ["一二三四", "“五六”七"]
    assert lines_of("一二三四（一）坚持", 10) == ["一二三四", "（一）坚持"]


def test_numbers_and_units_stay_whole():
    assert lines_of("增长率达到了23.3%，", 10) == ["增长率达到", "了23.3%，"]
    lines = lines_of("全年产量达到1.14亿吨以上", 10)
    assert any("1.14" in line for line in lines)
    assert lines == ["全年产量达", "到1.14亿吨", "以上"]


def test_latin_words_whole_and_space_at_break_kept_at_line_end():
    lines = check_invariants("推进 PBAT 新材料和 COVID-19 防控", 9)
    assert lines == ["推进 ", "PBAT 新材", "料和 ", "COVID-19 ", "防控"]
    assert not any(line.startswith(" ") for line in lines)


def test_long_run_is_folded():
    text = "网址https://example.org/a/very/long/path/segment结束"
    lines = check_invariants(text, 10)
    assert "".join(lines) == text
    assert max(cell_len(line) for line in lines) == 10


def test_small_widths_terminate():
    text = "全市“156”战略，增长3.5%。"
    for width in range(0, 5):
        lines = check_invariants(text, width)
        assert len(lines) <= len(text)
    assert lines_of("一二", 1) == ["一", "二"]


def test_empty_and_short():
    assert break_lines("", 10) == [(0, 0)]
    assert break_lines("你好", 10) == [(0, 2)]
    assert break_lines("你好", 4) == [(0, 2)]


def test_hard_newline_breaks():
    assert lines_of("一二\n三四", 40) == ["一二\n", "三四"]


def test_cached_result_not_shared_mutably():
    a = break_lines("一二三四五六七八九十", 6)
    a.append((99, 100))
    assert (99, 100) not in break_lines("一二三四五六七八九十", 6)


ALPHABET = st.sampled_from(
    list("经济运行总体平稳稳中向好高质量发展")
    + list("0123456789.%")
    + list("abcXYZ-/+")
    + list("，。、；：？！）》」』”’…—,.;:!?)]}（《「『“‘([{ ·")
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=120), st.integers(min_value=0, max_value=90))
def test_property_fit_and_concatenate(text, width):
    check_invariants(text, width)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(
                st.sampled_from(list("经济运行总体平稳稳中向好")),
                st.from_regex(r"[0-9]{1,6}(\.[0-9]{1,3})?%?", fullmatch=True).map(lambda n: n + "亿"),
            ),
            st.sampled_from(["", "", "，", "。", "、", "“", "”", "（", "）"]),
        ),
        max_size=60,
    ),
    st.integers(min_value=14, max_value=60),
)
def test_property_numbers_whole_and_kinsoku(pieces, width):
    text = "".join(core + punct for core, punct in pieces)
    spans = break_lines(text, width)
    cuts = {b for _, b in spans[:-1]}
    for m in re.finditer(r"[0-9]+(?:\.[0-9]+)?%?", text):
        assert not any(m.start() < c < m.end() for c in cuts)
    lines = [text[a:b] for a, b in spans]
    for before, after in pairwise(lines):
        # With widths ≥ 14 every unbreakable segment here fits, so the rules always hold.
        assert after[0] not in NO_LINE_START
        assert before[-1] not in NO_LINE_END
