"""Raw lines of clauses: the line map agrees with the pipeline on every sentence of the corpus, also
across page markers and hard wraps."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.indicators.lines import _SPACE, _solid, _solid_per_line, line_map
from reader.text.pipeline import load_document


@pytest.mark.parametrize(
    "name", ["xinzhou-2025", "datong-2025", "shuozhou-2024", "jinzhong-2025", "xinzhou-feature-2025"]
)
def test_line_of_every_sentence_start(corpus_dir, name):
    doc = load_document(corpus_dir / f"{name}.txt")
    lines = line_map(doc)
    assert [lines.line_of(s.start) for s in doc.sentences] == [s.line for s in doc.sentences]


def test_a_clause_on_a_later_raw_line(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("（上接第一版）全市地区生产总值增长\n5.2%，固定资产投资\n增长 8%。\n", encoding="utf-8")
    doc = load_document(path)
    lines = line_map(doc)
    start = doc.text.index("固定资产投资")
    assert lines.line_of(0) == 1 and lines.line_of(start) == 2 and lines.line_of(doc.text.index("8%")) == 3


_CHARS = "增长5%。 \t\u3000\u00a0\u200b\ufeff\u2028\x0b\x1c\x00a"


@given(st.lists(st.text(alphabet=_CHARS, max_size=12), max_size=8))
def test_solid_counts_are_the_pipeline_whitespace_s(lines):
    """The fast counts (`str.split` where it knows every space; all lines at once) are the plain
    count of what is not the pipeline's whitespace."""
    plain = [len(_SPACE.sub("", line)) for line in lines]
    assert [_solid(line) for line in lines] == plain
    assert _solid_per_line(lines) == plain


def test_lines_with_dropped_furniture_and_any_spaces(tmp_path):
    """Lines with full-width, zero-width and no-break spaces: every sentence still on its raw line."""
    path = tmp_path / "r.txt"
    path.write_text(
        "\ufeff一、过去一年工作回顾\n全市地区生产总值\u3000增长\n5.2%，\u200b固定资产投资\n增长\u00a08%。\n"
        "（上接第一版）进出口总额增长\n23.3%。\n",
        encoding="utf-8",
    )
    doc = load_document(path)
    lines = line_map(doc)
    assert [lines.line_of(s.start) for s in doc.sentences] == [s.line for s in doc.sentences]
    assert lines.line_of(doc.text.index("8%")) == 4 and lines.line_of(doc.text.index("23.3%")) == 6
