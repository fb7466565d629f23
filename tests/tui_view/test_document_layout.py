"""Headless parts of the view: the document layout, sentence index, search; import hygiene."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.tui.widgets.document_layout import BLANK, SentenceIndex, build_layout
from reader.tui.widgets.document_search import find_matches

from .docs import make_document

PIECES = st.sampled_from(["经济", "发展", "，", "。", "23.3%", "“五张牌”", "GDP ", "（一）", "1.14亿吨"])


@st.composite
def documents(draw):
    paragraphs = []
    for _ in range(draw(st.integers(1, 5))):
        body = "".join(draw(st.lists(PIECES, min_size=1, max_size=25)))
        heading = draw(st.booleans()) and len(body) < 20
        paragraphs.append(("heading" if heading else "text", 1 if heading else 0, body))
    return make_document(paragraphs)


@settings(max_examples=150, deadline=None)
@given(documents(), st.integers(2, 60))
def test_layout_covers_every_character_once(document, width):
    layout = build_layout(document, width)
    covered = []
    for start, end, para in zip(layout.starts, layout.ends, layout.paras, strict=True):
        if para == BLANK:
            assert start == end
            continue
        p = document.paragraphs[para]
        assert p.start <= start < end <= p.end or p.start == p.end
        assert cell_len(document.text[start:end]) <= width
        covered.extend(range(start, end))
    body = [i for p in document.paragraphs for i in range(p.start, p.end)]
    assert covered == body
    for offset in body:
        y = layout.line_of(offset)
        assert layout.starts[y] <= offset < layout.ends[y]


@settings(max_examples=100, deadline=None)
@given(documents(), st.integers(4, 40))
def test_sentence_index_maps_offsets_and_lines(document, width):
    layout = build_layout(document, width)
    index = SentenceIndex(document)
    for sentence in document.sentences:
        for offset in range(sentence.start, sentence.end):
            assert index.at(offset) == sentence.index
        y0, y1 = index.lines(sentence.index, layout)
        assert layout.starts[y0] <= sentence.start < layout.ends[y0]
        assert layout.starts[y1] < sentence.end <= layout.ends[y1]
        for y in range(y0, y1 + 1):
            if layout.paras[y] != BLANK:
                assert sentence.index in index.overlapping(layout.starts[y], layout.ends[y])
        assert sentence.index in index.starting_in(layout.starts[y0], layout.ends[y0])


def test_search_ignores_whitespace_and_case():
    text = "推进 5G 应用\n建设，GDP增长"
    assert find_matches(text, "5g应用建设") == [(3, 11)]
    assert find_matches(text, "应 用") == [(6, 8)]
    assert find_matches(text, "   ") == []
    assert find_matches(text, "不在") == []
    assert find_matches(text, "(") == []


def test_line_breaker_does_not_import_textual():
    code = "import sys, reader.tui.linebreak; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_layout_and_search_modules_import_no_textual():
    """They only import the standard library, rich and reader.text/linebreak (checked on the source)."""
    import reader.tui.widgets.document_layout as layout_module
    import reader.tui.widgets.document_search as search_module

    for module in (layout_module, search_module):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        imported = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
        imported += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
        assert not [name for name in imported if name.startswith("textual")], module.__name__
