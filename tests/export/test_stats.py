"""`reader stats` figures and tables on a store built in the test."""

from __future__ import annotations

import pytest
from rich.console import Console

from reader.cli.stats_view import render
from reader.errors import ReaderError
from reader.export.stats import compute
from tests.export.conftest import PART1, label

LABELS = ["target", "achievement", "problem"]


@pytest.fixture
def two_annotators(store, corpus):
    a, b = corpus.add("a"), corpus.add("b")
    corpus.add("untouched")
    # On document a, li and wang both label sentences 1, 2, 3, 7 and 9: agree on 3 of them.
    pairs = [
        (1, "achievement", "achievement"),
        (2, "achievement", "target"),
        (3, "problem", "problem"),
        (7, "target", "target"),
        (9, "target", "achievement"),
    ]
    for i, x, y in pairs:
        label(store, a, i, x, "li")
        label(store, a, i, y, "wang")
    label(store, b, 6, "target", "li")  # only li: not part of the agreement
    store.set_label("b", "b:gone:0", "problem", annotator="li", text="已删除的句子。")
    store.mark_reviewed("a", (PART1,), annotator="li")
    return store


def rows(stats):
    return {(d.doc, d.annotator): d for d in stats.docs}


def test_figures(two_annotators, corpus):
    stats = compute(two_annotators, corpus.dir, LABELS, load=corpus.load)
    by = rows(stats)
    assert list(by) == [("a", "li"), ("a", "wang"), ("b", "li"), ("untouched", None)]
    li, wang = by["a", "li"], by["a", "wang"]
    assert (li.sentences, li.labelled, wang.labelled) == (7, 5, 5)
    assert li.labels == {"achievement": 2, "target": 2, "problem": 1}
    assert wang.labels == {"achievement": 2, "target": 2, "problem": 1}
    assert li.reviewed == pytest.approx(3 / 7)  # part 1 holds 3 of the 7 body sentences
    assert wang.reviewed == 0  # li's mark is not wang's
    b = by["b", "li"]
    assert (b.labelled, b.orphans, b.reviewed) == (1, 1, 0)
    assert by["untouched", None].labelled == 0 and by["untouched", None].reviewed == 0
    assert stats.annotators == ["li", "wang"]

    (agreement,) = stats.agreements
    assert (agreement.a, agreement.b, agreement.n) == ("li", "wang", 5)
    assert agreement.observed == pytest.approx(3 / 5)
    # li: achievement 2, problem 1, target 2; wang: achievement 2, target 2, problem 1
    # p_e = (2·2 + 1·1 + 2·2)/25 = 9/25; κ = (15/25 − 9/25)/(16/25) = 6/16
    assert agreement.kappa == pytest.approx(6 / 16)
    assert [(d.line, d.label_a, d.label_b) for d in agreement.disagreements] == [
        (5, "achievement", "target"),
        (19, "target", "achievement"),
    ]


@pytest.fixture
def overlapping(store, corpus):
    """Document a: li labels 4 sentences, wang 2 of the same plus 1 more (6 labels, 5 sentences);
    only wang marks the whole document reviewed."""
    a = corpus.add("a")
    for i, name in [(1, "target"), (2, "achievement"), (3, "problem"), (6, "target")]:
        label(store, a, i, name, "li")
    for i, name in [(1, "achievement"), (2, "achievement"), (7, "target")]:
        label(store, a, i, name, "wang")
    store.mark_reviewed("a", None, annotator="wang")
    return store


def test_columns_add_up_per_annotator(overlapping, corpus):
    stats = compute(overlapping, corpus.dir, LABELS, load=corpus.load)
    for d in [*stats.docs, *stats.totals()]:
        assert sum(d.labels.values()) == d.labelled, d
    by = rows(stats)
    assert set(by) == {("a", "li"), ("a", "wang")}
    assert by["a", "li"].labels == {"target": 2, "achievement": 1, "problem": 1}
    assert by["a", "wang"].labels == {"achievement": 2, "target": 1}
    assert [(t.annotator, t.labelled, t.sentences) for t in stats.totals()] == [("li", 4, 7), ("wang", 3, 7)]


def test_review_marks_count_only_for_their_annotator(overlapping, corpus):
    by = rows(compute(overlapping, corpus.dir, LABELS, load=corpus.load))
    assert by["a", "wang"].reviewed == 1
    assert by["a", "li"].reviewed == 0


def test_one_annotator_chosen(overlapping, corpus):
    stats = compute(overlapping, corpus.dir, LABELS, annotators=["li"], load=corpus.load)
    (li,) = stats.docs
    assert (li.annotator, li.labelled, li.reviewed) == ("li", 4, 0)
    assert stats.agreements == [] and stats.annotators == ["li"]
    # wang labelled nothing in b and never reviewed it: with --annotator wang, b still has wang's row.
    corpus.add("b")
    stats = compute(overlapping, corpus.dir, LABELS, annotators=["wang"], load=corpus.load)
    assert [(d.doc, d.annotator, d.labelled, d.reviewed) for d in stats.docs] == [
        ("a", "wang", 3, 1),
        ("b", "wang", 0, 0),
    ]
    out = text_of(render(stats, disagreements=True, chosen=True))
    assert "Labels per document — wang" in out and " li " not in out
    assert "nothing to compare" in out


def test_unknown_annotator(overlapping, corpus):
    with pytest.raises(ReaderError, match=r"unknown annotator nobody .*known: li, wang"):
        compute(overlapping, corpus.dir, LABELS, annotators=["nobody"], load=corpus.load)


def test_reviewer_without_labels_gets_a_row(store, corpus):
    a = corpus.add("a")
    label(store, a, 1, "target", "li")
    store.mark_reviewed("a", (PART1,), annotator="zhao")
    by = rows(compute(store, corpus.dir, LABELS, load=corpus.load))
    assert (by["a", "zhao"].labelled, by["a", "zhao"].reviewed) == (0, pytest.approx(3 / 7))
    assert by["a", "li"].reviewed == 0


def text_of(renderables) -> str:
    console = Console(record=True, width=160, color_system=None)
    for r in renderables:
        console.print(r)
    return console.export_text()


def test_tables(two_annotators, corpus):
    stats = compute(two_annotators, corpus.dir, LABELS, load=corpus.load)
    out = text_of(render(stats, disagreements=False))
    assert "Labels per document and annotator" in out and "untouched" in out
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


def test_two_labels_reaching_one_sentence_count_once(store, corpus):
    """As the store's re-attach would (one `locate`): the label still found by id keeps the
    sentence; a stale duplicate of the same annotator cannot share it and counts as an orphan."""
    doc = corpus.add("a")
    label(store, doc, 1, "target")
    store.set_label("a", "a:oldid:0", "problem", annotator="li", text=doc.sentences[1].text)  # newer
    (d,) = compute(store, corpus.dir, LABELS, load=corpus.load).docs
    assert (d.labelled, d.labels, d.orphans) == (1, {"target": 1}, 1)


def test_table_rows_per_annotator_fit_100_columns(overlapping, corpus):
    corpus.add("xinzhou-feature-2025")
    label(overlapping, corpus.docs["xinzhou-feature-2025"], 2, "achievement", "a-rather-long-name")
    stats = compute(overlapping, corpus.dir, LABELS, load=corpus.load)
    console = Console(record=True, width=100, color_system=None)
    for r in render(stats, disagreements=False, display={"target": "目标", "achievement": "成绩", "problem": "问题"}):
        console.print(r)
    lines = console.export_text().splitlines()
    assert all(console.measure(line).maximum <= 100 for line in lines)
    table = [line.split() for line in lines if line.startswith(" ") and line.split()]
    # Document | annotator | sentences | 目标 成绩 问题 | labelled share | reviewed: each annotator's own.
    assert ["a", "li", "7", "2", "1", "1", "4", "57%", "0%"] in table
    assert ["wang", "1", "2", "3", "43%", "100%"] in table
    assert ["xinzhou-feature-2025", "a-rather-long-name", "7", "1", "1", "14%", "0%"] in table
    assert ["total", "a-rather-long-name", "14", "1", "1", "7%", "0%"] in table
