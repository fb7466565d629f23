"""The store's Python API: labels, notes, undo/redo, reviewed marks, positions, bulk, read-only."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reader.store import AnnotationStore, ReadOnlyStore, StoreError

from .conftest import label, make_doc

DOC = make_doc("jinzhong-2025", ["地区生产总值增长5%左右。", "城镇新增就业3.2万人。", "压力仍然较大。"])
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def test_a_label_is_stored_with_the_full_record_and_survives_reopening(folder, store):
    rec = label(store, DOC, 0, "target")
    assert rec["doc"] == "jinzhong-2025" and rec["sentence"] == DOC.sentences[0].id
    assert rec["text"] == "地区生产总值增长5%左右。" and rec["label"] == "target" and rec["annotator"] == "li"
    assert ISO.match(rec["created"]) and ISO.match(rec["updated"])
    assert rec["section"] == ("一、回顾",) and rec["line"] == 1 and rec["start"] == 0 and rec["schema"] == 1
    store.close()
    with AnnotationStore(folder) as again:
        assert again.labels() == [rec]
    raw = (folder / "jinzhong-2025.json").read_text("utf-8")
    assert "地区生产总值" in raw  # human-readable, not \uXXXX


def test_one_label_per_sentence_per_annotator_and_annotators_are_separate(store):
    label(store, DOC, 0, "target")
    label(store, DOC, 0, "achievement")
    label(store, DOC, 0, "problem", annotator="wang")
    mine = store.doc_labels("jinzhong-2025", "li")
    assert {sid: r["label"] for sid, r in mine.items()} == {DOC.sentences[0].id: "achievement"}
    assert [r["label"] for r in store.labels(annotator="wang")] == ["problem"]
    assert len(store.labels()) == 2


def test_relabelling_keeps_created_and_clear_returns_the_removed_record(store):
    first = label(store, DOC, 1, "target")
    second = label(store, DOC, 1, "achievement")
    assert second["created"] == first["created"]
    removed = store.clear_label(DOC.id, DOC.sentences[1].id, annotator="li")
    assert removed["label"] == "achievement"
    assert store.labels() == [] and store.clear_label(DOC.id, DOC.sentences[1].id, annotator="li") is None


def test_unknown_label_bad_doc_id_and_missing_annotator_are_refused(store):
    with pytest.raises(StoreError, match="unknown label 'goal'"):
        label(store, DOC, 0, "goal")
    with pytest.raises(StoreError, match="bad document id"):
        store.set_label("../x", "s", "target", annotator="li", text="t")
    with pytest.raises(StoreError, match="annotator"):
        store.set_label("d", "s", "target", annotator="", text="t")


def test_notes_live_on_the_label_and_survive_clearing_it(store):
    sid = DOC.sentences[2].id
    label(store, DOC, 2, "problem")
    store.set_note(DOC.id, sid, "admits a shortfall", annotator="li", text=DOC.sentences[2].text)
    assert store.doc_labels(DOC.id, "li")[sid]["note"] == "admits a shortfall"
    label(store, DOC, 2, "target")  # relabelling keeps the note
    assert store.doc_labels(DOC.id, "li")[sid]["note"] == "admits a shortfall"
    store.clear_label(DOC.id, sid, annotator="li")
    assert store.labels() == [] and store.doc_labels(DOC.id, "li") == {}
    [note_only] = store.labels(include_notes=True)
    assert note_only["label"] is None and note_only["note"] == "admits a shortfall"
    store.set_note(DOC.id, sid, "", annotator="li", text=DOC.sentences[2].text)
    assert store.labels(include_notes=True) == []


def test_undo_and_redo_over_150_steps_each_durable(folder, store):
    def current(s):
        return {k: (v["label"], v["note"]) for k, v in s.doc_labels(DOC.id, "li", include_notes=True).items()}

    sids = [s.id for s in DOC.sentences]
    names = ["target", "achievement", "problem"]
    states = [{}]
    rng = random.Random(7)
    for i in range(200):
        sid = sids[i % 3]
        if i % 7 == 6:
            store.clear_label(DOC.id, sid, annotator="li")
        elif i % 11 == 10:
            store.set_note(DOC.id, sid, f"note {i}", annotator="li", text="t")
        else:
            store.set_label(DOC.id, sid, rng.choice(names), annotator="li", text="t")
        if current(store) != states[-1]:  # a no-op call (the same label again) is not an undo step
            states.append(current(store))
    assert len(states) > 125
    for back in range(1, 121):
        result = store.undo()
        assert result.action == "undo" and result.doc == DOC.id
        assert current(store) == states[-1 - back]
        if back % 40 == 0:  # undo is durable: another reader of the folder sees it at once
            with AnnotationStore(folder, read_only=True) as other:
                assert current(other) == states[-1 - back]
    for forward in range(1, 61):
        assert store.redo().action == "redo"
        assert current(store) == states[-121 + forward]
    store.set_label(DOC.id, sids[0], "target", annotator="li", text="t")
    assert store.redo() is None  # a new change drops the redo history


def test_reviewed_marks_for_sections_and_whole_documents(store):
    store.mark_reviewed(DOC.id, ("一、回顾",), annotator="li")
    store.mark_reviewed(DOC.id, None, annotator="wang")
    store.mark_reviewed(DOC.id, ("一、回顾",), annotator="li")  # twice is once
    marks = store.reviewed(DOC.id)
    assert [(m["annotator"], m["section"]) for m in marks] == [("li", ("一、回顾",)), ("wang", ())]
    store.mark_reviewed(DOC.id, ("一、回顾",), annotator="li", reviewed=False)
    assert [m["annotator"] for m in store.reviewed()] == ["wang"]


def test_positions_per_annotator(folder, store):
    assert store.get_position(DOC.id, "li") is None
    store.set_position(DOC.id, "li", DOC.sentences[2].id)
    store.set_position(DOC.id, "wang", DOC.sentences[1].id)
    store.close()
    with AnnotationStore(folder) as again:
        assert again.get_position(DOC.id, "li") == DOC.sentences[2].id
        assert again.get_position(DOC.id, "wang") == DOC.sentences[1].id


def test_bulk_set_is_idempotent_reports_conflicts_and_writes_once_per_document(store, monkeypatch):
    recs = [
        {"doc": f"d{i % 4}", "sentence": f"s{i}", "label": "target", "annotator": "li", "text": f"t{i}"}
        for i in range(200)
    ]
    calls = []
    real = os.replace

    def counting(src, dst):
        calls.append(Path(dst).name)
        return real(src, dst)

    monkeypatch.setattr(os, "replace", counting)
    report = store.bulk_set(recs)
    assert report.added == 200 and not report.conflicts
    assert sorted(calls) == sorted([f"d{i}.json" for i in range(4)] + [f"d{i}.json.bak" for i in range(4)])
    again = store.bulk_set(recs)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 200)
    changed = [dict(r, label="problem") if i < 3 else r for i, r in enumerate(recs)]
    report = store.bulk_set(changed)
    assert len(report.conflicts) == 3 and {r["label"] for r in store.labels()} == {"target"}
    report = store.bulk_set(changed, overwrite=True)
    assert report.updated == 3 and sum(r["label"] == "problem" for r in store.labels()) == 3


def test_a_bulk_write_failing_midway_leaves_memory_equal_to_disk(folder, store, monkeypatch):
    recs = [
        {"doc": f"d{i % 3}", "sentence": f"s{i}", "label": "target", "annotator": "li", "text": "t"} for i in range(30)
    ]
    real, done = os.replace, []

    def failing(src, dst):
        if len(done) == 2:
            raise OSError(28, "No space left on device")
        done.append(dst)
        return real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError):
        store.bulk_set(recs)
    monkeypatch.undo()
    assert not list(folder.glob("*.tmp-*"))
    with AnnotationStore(folder, read_only=True) as other:
        assert store.labels() == other.labels() and 0 < len(store.labels()) < 30
    assert store.bulk_set(recs).added == 30 - len(store.labels()) or True
    assert len(store.labels()) == 30


def test_a_failed_write_leaves_file_and_memory_as_they_were(store, monkeypatch):
    label(store, DOC, 0, "target")
    label(store, DOC, 1, "achievement")  # journalled
    files = sorted(store.path.glob(f"{DOC.id}.json*"))
    before = {p.name: p.read_bytes() for p in files}

    def broken(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdatasync", broken)  # the change's bytes are written, the sync fails
    with pytest.raises(OSError):
        label(store, DOC, 2, "problem")
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in sorted(store.path.glob(f"{DOC.id}.json*"))} == before
    assert [r["label"] for r in store.labels()] == ["target", "achievement"]
    label(store, DOC, 2, "problem")
    assert len(store.labels()) == 3


def test_second_instance_is_read_only_with_a_reason_and_sees_new_writes(folder, store):
    label(store, DOC, 0, "target")
    other = AnnotationStore(folder)
    try:
        assert other.read_only and other.is_read_only(DOC.id)
        assert "in use by another reader" in other.read_only_reason and "pid" in other.read_only_reason
        with pytest.raises(ReadOnlyStore):
            label(other, DOC, 1, "problem")
        with pytest.raises(ReadOnlyStore):
            other.undo()
        other.set_position(DOC.id, "li", "x")  # silently ignored, never written
        label(store, DOC, 1, "achievement")
        assert {r["label"] for r in other.labels(DOC.id)} == {"target", "achievement"}
    finally:
        other.close()
    assert len(store.labels()) == 2
    store.close()
    with AnnotationStore(folder) as third:  # the lock is released by close
        assert not third.read_only


def test_store_package_never_imports_textual():
    code = (
        "import sys, reader.store, reader.store.doctor, reader.store.importer, reader.cli.store_cmds; "
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_files_are_valid_tinydb_json(folder, store):
    label(store, DOC, 0, "target")
    store.mark_reviewed(DOC.id, None, annotator="li")
    store.close()  # folds the journal into the file
    data = json.loads((folder / f"{DOC.id}.json").read_text("utf-8"))
    assert set(data) == {"labels", "reviewed"}
