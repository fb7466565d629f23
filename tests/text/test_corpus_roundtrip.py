"""Whole-corpus invariants: idempotence and character preservation on the real seeds."""

from pathlib import Path

import pytest

from reader.text.clean import FURNITURE_RE
from reader.text.decode import decode_bytes
from reader.text.pipeline import load_document, process_text
from reader.text.sentences import text_key

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
FILES = sorted(CORPUS.glob("*.txt"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_characters_out_are_characters_in_minus_furniture(path):
    raw_text, _ = decode_bytes(path.read_bytes())
    doc = load_document(path)
    assert text_key(doc.text) == text_key(FURNITURE_RE.sub("", raw_text))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_pipeline_on_its_own_output_changes_nothing(path):
    doc = load_document(path)
    again = process_text(doc.text, doc.id)
    assert again.text == doc.text
    assert [s.id for s in again.sentences] == [s.id for s in doc.sentences]
    assert [(h.level, h.title) for h in again.outline] == [(h.level, h.title) for h in doc.outline]
