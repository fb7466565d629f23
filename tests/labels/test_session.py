"""The headless labelling session: labels, nones, notes, review marks, one undo history, faults."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from reader.labels import squeeze
from reader.labels.session import LabelSession
from reader.store import AnnotationStore, StoreWriteError
from reader.text.pipeline import process_text

ROOT = Path(__file__).resolve().parents[2]
RAW = (ROOT / "corpus" / "jinzhong-2025.txt").read_text(encoding="utf-8")
DOC = process_text(RAW, "jinzhong-2025")
BODY = [s for s in DOC.sentences if s.kind == "sentence"]


@pytest.fixture
def store(tmp_path):
    s = AnnotationStore(tmp_path / "annotations")
    yield s
    s.close()


@pytest.fixture
def session(store):
    return LabelSession.open(store, DOC, "li")


def test_finding_4_undo_after_review_undoes_the_review_mark(session, store):
    s = BODY[3]
    session.toggle_label(s, "target")
    path = s.section[:1]
    session.toggle_reviewed(path)
    changed = session.undo()
    assert changed.reviewed and not changed.labels
    assert session.labels == {s.id: "target"} and session.reviewed == set()
    assert store.reviewed() == []
    assert session.redo().reviewed and session.reviewed == {path}


def test_undo_redo_cover_label_note_none_and_review(session):
    s, t = BODY[1], BODY[2]
    session.toggle_label(s, "achievement")
    session.set_note(s, "看数字")
    session.toggle_label(t, "none")  # finding 10: one sentence is none
    session.toggle_reviewed(())
    states = []
    for _ in range(4):
        states.append((dict(session.labels), dict(session.notes), set(session.reviewed)))
        session.undo()
    assert (session.labels, session.notes, session.reviewed) == ({}, {}, set())
    for state in reversed(states):
        session.redo()
        assert (dict(session.labels), dict(session.notes), set(session.reviewed)) == state
    assert session.labels[t.id] == "none"


def test_explicit_none_toggles_like_a_label(session, store):
    s = BODY[5]
    session.toggle_label(s, "none")
    assert store.get_label(DOC.id, s.id, annotator="li").label == "none"
    session.toggle_label(s, "none")
    assert store.get_label(DOC.id, s.id, annotator="li") is None


def test_headings_are_refused(session):
    heading = next(s for s in DOC.sentences if s.kind == "heading")
    with pytest.raises(Exception, match="not labelled"):
        session.toggle_label(heading, "target")


def test_a_full_disk_refuses_the_key_and_loses_nothing(session, store, monkeypatch):
    """Injected ENOSPC on every write: a clear message, nothing acknowledged lost, no file damaged."""
    import os

    session.toggle_label(BODY[1], "target")
    path = store.path / f"{DOC.id}.json"
    before = {p.name: p.read_bytes() for p in store.path.iterdir() if p.is_file()}

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(StoreWriteError, match=r"the disk is full.*nothing was changed"):
        session.toggle_label(BODY[2], "problem")
    with pytest.raises(StoreWriteError):
        session.toggle_reviewed(())
    monkeypatch.undo()
    assert session.labels == {BODY[1].id: "target"} and session.reviewed == set()
    assert {p.name: p.read_bytes() for p in store.path.iterdir() if p.is_file() and p.name in before} == before
    assert path.exists()
    session.toggle_label(BODY[2], "problem")  # space again: the key works
    with AnnotationStore(store.path, read_only=True) as other:
        assert {r.label for r in other.labels()} == {"target", "problem"}


def test_orphans_and_changed_labels_need_attention_and_are_resolved(store):
    s = next(s for s in BODY if "出行更加便捷" in squeeze(s.text))
    gone = next(x for x in BODY[30:] if len(x.text) > 12 and RAW.count(x.text) == 1)  # on one raw line
    first = LabelSession.open(store, DOC, "li")
    first.toggle_label(s, "achievement")
    first.toggle_label(gone, "problem")
    edited = RAW.replace("出行更加便捷", "出行更加方便")
    edited = edited.replace(gone.text, "这一句被完全改写成了别的内容，与原来毫无关系。")
    doc2 = process_text(edited, DOC.id)
    second = LabelSession.open(store, doc2, "li")
    kinds = sorted(("orphan" if r.orphan else "edited") for r in second.attention)
    assert kinds == ["edited", "orphan"]
    changed = next(r for r in second.attention if not r.orphan)
    assert "出行更加方便" in squeeze(changed.text) and "出行更加便捷" in squeeze(changed.labelled_text)
    assert second.changed_ids == {changed.sentence}
    second.confirm(second.by_id[changed.sentence])
    [orphan] = second.attention
    target = doc2.sentences[gone.index]
    second.reattach(orphan, target)
    assert second.attention == [] and second.labels[target.id] == "problem"
    second.undo()
    assert len(second.attention) == 1
    second.delete(second.attention[0])
    assert second.attention == [] and "problem" not in second.labels.values()


def view(session):
    return (
        dict(session.labels),
        dict(session.notes),
        set(session.changed_ids),
        set(session.reviewed),
        [r.sentence for r in session.attention],
        {sid: r.to_dict() for sid, r in session.records.items()},
    )


def test_a_key_updates_the_session_without_reading_the_report_again(store, monkeypatch):
    """Issue 14 in the app: a key costs the same in a long report as in a short one, so the session
    takes what the store wrote instead of reloading every record of the report; what it shows after
    any mix of changes is what a session opened afresh shows."""
    s = BODY[:8]
    session = LabelSession.open(store, DOC, "li")
    other = LabelSession.open(store, DOC, "wang")  # another annotator's changes stay out of this view

    def reload(*args, **kwargs):
        raise AssertionError("the session read the report again")

    monkeypatch.setattr(store, "doc_labels", reload)
    monkeypatch.setattr(store, "reviewed", reload)
    assert session.toggle_label(s[0], "target").labels == {s[0].id: "target"}
    other.toggle_label(s[1], "problem")
    session.toggle_label(s[1], "none")
    session.set_note(s[2], "再看")
    session.set_note(s[0], "目标")
    assert session.toggle_reviewed(s[3].section[:1]).reviewed
    assert session.toggle_label(s[0], "target").labels == {s[0].id: None}  # the same key again removes it
    session.undo()
    session.undo()
    session.redo()
    session.clear(s[1])
    session.set_note(s[2], "")
    after = view(session)
    assert after[0] == {s[0].id: "target"} and after[1] == {s[0].id: "目标"}
    monkeypatch.undo()
    assert after == view(LabelSession.open(store, DOC, "li"))
    assert other.labels == {s[1].id: "problem"}
