"""`reader stats` figures and tables on a store built in the test."""

from __future__ import annotations

import pytest
from rich.console import Console

from reader.export.stats import compute
from reader.export.stats_command import render
from tests.export.conftest import PART1, label

LABELS = ["target", "achievement", "problem"]


@pytest.fixture
def two_annotators(store, corpus):
    a, b = corpus.add("a"), corpus.add("b")
    corpus.add("untouched")
    # On document a, li and wang both label sentences 1, 2, 3, 7 and 9: agree on 3 of them.
    pairs = [(1, "achievement", "achievement"), (2, "achievement", "target"), (3, "problem", "problem"),
             (7, "target", "target"), (9, "target", "achievement")]
    for i, x, y in pairs:
        label(store, a, i, x, "li")
        label(store, a, i, y, "wang")
    label(store, b, 6, "target", "li")  # only li: not part of the agreement
    store.set_label("b", "b:gone:0", "problem", annotator="li", text="已删除的句子。")
    store.mark_reviewed("a", (PART1,), annotator="li")
    return store


def test_figures(two_annotators, corpus):
    stats = compute(two_annotators, corpus.dir, LABELS, load=corpus.load)
    by_doc = {d.doc: d for d in stats.docs}
    assert list(by_doc) == ["a", "b", "untouched"]
    a = by_doc["a"]
    assert a.sentences == 7 and a.labelled == 5
    assert a.labels == {"achievement": 4, "target": 4, "problem": 2}
    assert a.reviewed == pytest.approx(3 / 7)  # part 1 holds 3 of the 7 body sentences
    assert a.annotators == {"li": 5, "wang": 5}
    b = by_doc["b"]
    assert (b.labelled, b.orphans, b.reviewed) == (1, 1, 0)
    assert by_doc["untouched"].labelled == 0

    (agreement,) = stats.agreements
    assert (agreement.a, agreement.b, agreement.n) == ("li", "wang", 5)
    assert agreement.observed == pytest.approx(3 / 5)
    # li: achievement 2, problem 1, target 2; wang: achievement 2, target 2, problem 1
    # p_e = (2·2 + 1·1 + 2·2)/25 = 9/25; κ = (15/25 − 9/25)/(16/25) = 6/16
    assert agreement.kappa == pytest.approx(6 / 16)
    assert [(d.line, d.label_a, d.label_b) for d in agreement.disagreements] == [
        (5, "achievement", "target"), (19, "target", "achievement")]


def text_of(renderables) -> str:
    console = Console(record=True, width=160, color_system=None)
    for r in renderables:
        console.print(r)
    return console.export_text()


def test_tables(two_annotators, corpus):
    stats = compute(two_annotators, corpus.dir, LABELS, load=corpus.load)
    out = text_of(render(stats, disagreements=False))
    assert "Labels per document" in out and "untouched" in out and "li 5" in out and "wang 5" in out
    assert "0.375" in out and "60%" in out
    assert "新建5G基站1200个。" not in out
    out = text_of(render(stats, disagreements=True))
    assert "Disagreements: li / wang" in out and "新建5G基站1200个。" in out


def test_single_annotator_has_no_agreement(store, corpus):
    doc = corpus.add("a")
    label(store, doc, 1, "achievement")
    stats = compute(store, corpus.dir, LABELS, load=corpus.load)
    assert stats.agreements == []
    assert "nothing to compare" in text_of(render(stats, disagreements=True))


def test_labels_found_by_text_are_not_orphans(store, corpus):
    doc = corpus.add("a")
    s = doc.sentences[3]
    store.set_label("a", "a:oldid:0", "problem", annotator="li", text=s.text)  # text kept, id changed
    store.set_label("a", "a:gone:0", "problem", annotator="li", text="已删除。")
    (d,) = compute(store, corpus.dir, LABELS, load=corpus.load).docs
    assert (d.labelled, d.orphans, d.labels["problem"]) == (1, 1, 1)
