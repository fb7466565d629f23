"""The store's indicator corrections: their own table, one undo history with the labels, a moved
correction as one step, the journal, read-only refusal."""

from __future__ import annotations

import json

import pytest

from reader.labels import IndicatorCorrection
from reader.store import AnnotationStore, ReadOnlyStore
from tests.store.conftest import make_doc

DOC = "qingshan-2025"


def correction(sentence: str = f"{DOC}:abc:0", at: int = 4, **fields) -> IndicatorCorrection:
    base = {
        "doc": DOC,
        "sentence": sentence,
        "text": "今年地区生产总值增长6%左右。",
        "annotator": "li",
        "created": "2025-03-01T08:00:00Z",
        "updated": "2025-03-01T08:00:00Z",
        "at": at,
        "clause": "地区生产总值增长6%左右",
        "indicator": "地区生产总值",
        "measure": "增长",
        "value": 6.5,
        "unit": "%",
        "qualifier": "左右",
    }
    return IndicatorCorrection(**{**base, **fields})


def test_put_list_remove_and_the_stored_shape(store, folder):
    stored = store.put_correction(correction())
    assert store.corrections(DOC, "li") == [stored] and store.corrections(DOC, "wang") == []
    assert store.corrections() == [stored]
    store.close()
    data = json.loads((folder / f"{DOC}.json").read_text(encoding="utf-8"))
    (row,) = data["indicator_corrections"].values()
    assert (row["at"], row["value"], row["clause"], row["rejected"]) == (4, 6.5, "地区生产总值增长6%左右", False)
    with AnnotationStore(folder) as again:
        assert again.corrections(DOC)[0] == stored
        assert again.remove_correction(DOC, stored.key, annotator="li") == stored
        assert again.corrections(DOC) == []
        assert again.remove_correction(DOC, stored.key, annotator="li") is None


def test_one_undo_history_with_labels(store):
    doc = make_doc(DOC, ["今年地区生产总值增长6%左右。", "城镇新增就业3万人。"])
    s = doc.sentences[1]
    store.set_label(DOC, s.id, "target", annotator="li", text=s.text)
    store.put_correction(correction())
    store.set_note(DOC, s.id, "check", annotator="li", text=s.text)
    assert store.undo().kind == "label"  # the note
    step = store.undo()
    assert (step.kind, step.sentence, step.record) == ("correction", f"{DOC}:abc:0", None)
    assert store.corrections(DOC) == []
    assert store.undo().kind == "label" and store.labels(DOC) == []
    assert store.redo().kind == "label"
    assert store.redo().record.value == 6.5 and len(store.corrections(DOC)) == 1


def test_the_same_correction_again_writes_nothing(store):
    first = store.put_correction(correction())
    again = store.put_correction(correction(updated="2025-03-02T08:00:00Z"))
    assert again == first
    store.undo()
    assert store.corrections(DOC) == [] and not store.can_undo


def test_a_correction_that_moved_replaces_its_old_key_in_one_step(store):
    old = store.put_correction(correction())
    moved = store.put_correction(
        correction(sentence=f"{DOC}:def:0", at=6, value=7, created="2025-04-01T00:00:00Z"), replaces=old.key
    )
    assert store.corrections(DOC) == [moved] and moved.created == old.created
    store.undo()
    assert store.corrections(DOC) == [old]


def test_rejections_and_other_annotators_are_kept_apart(store):
    store.put_correction(correction(rejected=True))
    store.put_correction(correction(annotator="wang", value=6))
    assert {(c.annotator, c.rejected) for c in store.corrections(DOC)} == {("li", True), ("wang", False)}


def test_a_read_only_store_refuses_and_says_why(folder):
    with AnnotationStore(folder) as writer:
        writer.put_correction(correction())
        with AnnotationStore(folder) as second:
            assert second.read_only and len(second.corrections(DOC)) == 1
            with pytest.raises(ReadOnlyStore, match="in use"):
                second.put_correction(correction(value=1))
