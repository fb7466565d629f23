"""The seeds' gold outlines and trap sentences, on the corpus copies (same rules as
../shared/tools/check_gold.py: levels compared as ranks, whitespace and half-width punctuation
unified, a heading's trailing 。 ignored)."""

import json
import re
from functools import cache
from pathlib import Path

import pytest

from reader.text.pipeline import load_document

DATA = Path(__file__).parent / "data"
CORPUS = Path(__file__).resolve().parents[2] / "corpus"
OUTLINES = {k: v for k, v in json.loads((DATA / "gold_outlines.json").read_text("utf-8")).items() if k[0] != "_"}
SENTENCES = {k: v for k, v in json.loads((DATA / "gold_sentences.json").read_text("utf-8")).items() if k[0] != "_"}
HALF = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"})


def norm(s: str) -> str:
    return re.sub(r"\s+", "", s).translate(HALF).rstrip("。")


@cache
def doc(name):
    return load_document(CORPUS / name)


def ranked_outline(name):
    gold = OUTLINES[name]
    skip = {norm(t) for t in gold["ignore"]}
    got = [(h.level, norm(h.title)) for h in doc(name).outline if norm(h.title) not in skip]
    rank = {lv: k + 1 for k, lv in enumerate(sorted({lv for lv, _ in got}))}
    return [(rank[lv], t) for lv, t in got]


@pytest.mark.parametrize("name", sorted(OUTLINES))
def test_required_headings_at_their_levels(name):
    got = ranked_outline(name)
    missing = [(lv, t) for lv, t in OUTLINES[name]["required"] if (lv, norm(t)) not in got]
    assert not missing


@pytest.mark.parametrize("name", sorted(OUTLINES))
def test_no_unexpected_top_level_headings(name):
    gold = OUTLINES[name]
    ok = {norm(t) for _, t in gold["required"]} | {norm(t) for t in gold["allowed"]}
    extra = [(lv, t) for lv, t in ranked_outline(name) if lv <= 2 and t not in ok]
    assert not extra


@pytest.mark.parametrize("name", sorted(SENTENCES))
def test_trap_sentences_come_out_whole(name):
    units = {norm(s.text) for s in doc(name).sentences}
    missing = [s for s in SENTENCES[name] if norm(s) not in units]
    assert not missing


@pytest.mark.parametrize("name", sorted(OUTLINES))
def test_required_headings_are_in_document_order(name):
    got = [t for _, t in ranked_outline(name)]
    required = [norm(t) for _, t in OUTLINES[name]["required"]]
    positions = [got.index(t) for t in required]
    assert positions == sorted(positions)
