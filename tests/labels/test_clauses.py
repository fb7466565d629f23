"""Clause labels on the one label model: split, label, undo, notes, reopen, text edits, export, import."""

from __future__ import annotations

import json

import pytest

from reader.export.collect import Selection, collect
from reader.labels import locate
from reader.labels.clauses import cut_points, default_cuts, next_weak_cut, parse_key, spans, unit_key
from reader.labels.session import LabelSession
from reader.store import AnnotationStore
from reader.store.importer import read_jsonl
from reader.text.pipeline import process_text

RAW = """晋中市政府工作报告

一、2024年工作回顾

全市地区生产总值增长5.2%，规模以上工业增加值增长6.1%；但消费需求仍然不足，就业压力依然较大。新建5G基站1200个。

二、2025年工作安排

力争全年开工项目300个；持续扩大有效投资。
"""
MIXED = "全市地区生产总值增长5.2%，规模以上工业增加值增长6.1%；但消费需求仍然不足，就业压力依然较大。"


def doc_of(raw: str = RAW):
    return process_text(raw, "t")


@pytest.fixture
def store(tmp_path):
    s = AnnotationStore(tmp_path / "annotations")
    yield s
    s.close()


def mixed(doc):
    return next(s for s in doc.sentences if s.text.startswith("全市"))


def test_a_sentence_splits_at_semicolons_and_where_the_user_cuts_at_commas():
    assert default_cuts(MIXED) == [MIXED.index("；") + 1]
    first, second = spans(MIXED, default_cuts(MIXED))
    assert MIXED[slice(*first)].endswith("6.1%；") and MIXED[slice(*second)].startswith("但")
    cut = next_weak_cut(MIXED, *second)
    assert MIXED[second[0] : cut].endswith("不足，")
    assert len(spans(MIXED, [*default_cuts(MIXED), cut])) == 3
    assert cut_points("增长1,000元，好。") == [len("增长1,000元，")]  # never inside a number
    assert parse_key(unit_key("d:abc:0", 3, 9)) == ("d:abc:0", (3, 9))
    assert parse_key("d:abc:0") == ("d:abc:0", None)


def test_clause_labels_live_beside_the_sentence_label_with_one_undo_history(store):
    doc = doc_of()
    s = mixed(doc)
    first, second = spans(s.text, default_cuts(s.text))
    session = LabelSession.open(store, doc, "li")
    assert session.toggle_label(s, "achievement", first).clauses == {s.id}
    session.toggle_label(s, "problem", second)
    session.set_note(s, "转折：但", second)
    session.toggle_label(s, "target")  # the sentence's own label is another record
    parts = session.clauses_of(s.id)
    assert {span: r.label for span, r in parts.items()} == {first: "achievement", second: "problem"}
    assert parts[second].note == "转折：但" and session.labels == {s.id: "target"}
    assert session.notes == {}  # a clause's note is the clause's, not the sentence's
    stored = store.doc_labels("t", "li")
    assert set(stored) == {s.id, unit_key(s.id, *first), unit_key(s.id, *second)}
    assert stored[unit_key(s.id, *second)].unit_text == s.text[second[0] : second[1]]
    session.undo()  # the sentence label
    session.undo()  # the note
    assert session.clauses_of(s.id)[second].note is None and session.labels == {}
    session.undo()
    assert list(session.clauses_of(s.id)) == [first]
    session.redo()
    assert session.label_of(s.id, second) == "problem"
    session.toggle_label(s, "problem", second)  # the same key again removes it
    assert session.label_of(s.id, second) is None
    # reopening shows what was stored
    again = LabelSession.open(store, doc, "li")
    assert {span: r.label for span, r in again.clauses_of(s.id).items()} == {first: "achievement"}


def test_a_clause_follows_edits_of_its_sentence_changed_or_orphaned_like_a_sentence(store):
    doc = doc_of()
    s = mixed(doc)
    first, second = spans(s.text, default_cuts(s.text))
    session = LabelSession.open(store, doc, "li")
    session.toggle_label(s, "achievement", first)
    session.toggle_label(s, "problem", second)
    # an edit in the first clause shifts the second: it is found, unchanged, at its new offsets
    shifted = doc_of(RAW.replace("增长5.2%", "增长5.25%"))
    new = mixed(shifted)
    reopened = LabelSession.open(store, shifted, "li")
    parts = {r.label: (span, r) for span, r in reopened.clauses_of(new.id).items()}
    span, record = parts["problem"]
    assert new.text[span[0] : span[1]] == s.text[second[0] : second[1]] and not record.text_changed
    span, record = parts["achievement"]  # a small edit of the clause itself: kept, to confirm
    assert record.text_changed and record.clause_text == s.text[first[0] : first[1]]
    assert [r.label for r in reopened.attention] == ["achievement"]
    reopened.confirm(new, span)
    assert not reopened.clauses_of(new.id)[span].text_changed and not reopened.attention
    # the clause rewritten (its sentence still found): an orphan, never dropped
    gone = doc_of(RAW.replace("但消费需求仍然不足，就业压力依然较大", "但消费需求明显回升，就业压力有所缓解"))
    last = LabelSession.open(store, gone, "li")
    orphan = [r for r in last.attention if r.orphan]
    assert [r.label for r in orphan] == ["problem"] and locate(orphan[0], gone).orphan


def test_export_carries_clause_records_and_import_brings_them_back(store, tmp_path):
    doc = doc_of()
    s = mixed(doc)
    first, second = spans(s.text, default_cuts(s.text))
    session = LabelSession.open(store, doc, "li")
    session.toggle_label(s, "achievement", first)
    session.toggle_label(s, "problem", second)
    session.set_note(s, "转折", second)
    session.toggle_reviewed(())  # the split sentence is no negative
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.txt").write_text(RAW, encoding="utf-8")
    out = collect(store, corpus, Selection(negatives=True), load=lambda p: doc).records
    clause_records = [r for r in out if r["unit"] == "clause"]
    assert [(r["label"], r["text"]) for r in clause_records] == [
        ("achievement", s.text[first[0] : first[1]]),
        ("problem", s.text[second[0] : second[1]]),
    ]
    for r in clause_records:
        assert r["sentence"] == s.id and doc.text[r["start"] : r["end"]] == r["text"]
        assert list(r) == list(out[0])  # the same keys as every record
    assert clause_records[1]["note"] == "转折" and clause_records[1]["id"] == unit_key(s.id, *second)
    negatives = [r for r in out if r["implicit"]]
    assert s.id not in {r["id"] for r in negatives} and negatives
    assert all(r["unit"] == "sentence" and r["sentence"] == r["id"] for r in negatives)
    # export → import into an empty store → export: the same records
    path = tmp_path / "x.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
    parsed = read_jsonl(path, store.labelset)
    with AnnotationStore(tmp_path / "other") as other:
        other.bulk_set(parsed.records, marks=parsed.marks)
        again = collect(other, corpus, Selection(negatives=True), load=lambda p: doc).records
        assert again == out
        LabelSession.open(other, doc, "li")  # the app re-attaches: the clause learns its sentence
        (clause,) = [r for r in other.labels() if r.label == "problem"]
        assert clause.text == s.text and clause.unit_text == s.text[second[0] : second[1]]
        assert collect(other, corpus, Selection(negatives=True), load=lambda p: doc).records == out
