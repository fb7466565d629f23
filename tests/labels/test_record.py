"""The label record: frozen, read like a mapping, round-trips through its stored shape."""

from __future__ import annotations

import dataclasses

import pytest

from reader.labels import LabelRecord, ReviewMark


def test_frozen_mapping_roundtrip():
    r = LabelRecord.new("d", "d:abc:0", "target", annotator="li", text="文本。", section=["一、", "（一）"])
    assert r["doc"] == "d" and r.get("note") is None and r["section"] == ("一、", "（一）")
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.label = "problem"  # type: ignore[misc]
    stored = r.to_dict()
    assert stored["section"] == ["一、", "（一）"]
    assert LabelRecord.from_dict(stored) == r
    # a sentence's stored shape has no clause fields (files from before clauses are unchanged);
    # the mapping view has every field
    assert "unit" not in stored and "clause_start" not in stored
    whole = {**stored, "section": ("一、", "（一）"), "unit": "sentence"}
    whole |= {"clause_start": None, "clause_end": None, "clause_text": None}
    assert dict(r) == whole
    assert r == whole  # compares as a mapping
    assert r.replace(label="problem")["label"] == "problem" and r["label"] == "target"
    assert hash(r) == hash(LabelRecord.from_dict(stored))


def test_older_records_load_with_defaults():
    old = {
        "doc": "d",
        "sentence": "s",
        "text": "t",
        "label": "target",
        "annotator": "li",
        "created": "c",
        "updated": "u",
    }
    r = LabelRecord.from_dict(old)
    assert (r.orphan, r.text_changed, r.labelled_text, r.section) == (False, False, None, ())


def test_review_mark_scope():
    m = ReviewMark.new("d", ["一、回顾"], annotator="li")
    assert m.covers(("一、回顾", "（一）")) and not m.covers(("二、安排",))
    assert ReviewMark.new("d", None, annotator="li").covers(("x",))
