"""Raw lines of clauses: the line map agrees with the pipeline on every sentence of the corpus, also
across page markers and hard wraps."""

from __future__ import annotations

import pytest

from reader.indicators.lines import line_map
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
