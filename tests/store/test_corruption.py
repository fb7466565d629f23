"""Damaged, empty and truncated store files: reported by name, never overwritten, repaired by doctor."""

from __future__ import annotations

import json

import pytest

from reader.cli import main
from reader.store import AnnotationStore, ReadOnlyStore

from .conftest import label, make_doc

DOC = make_doc("datong-2025", ["全年接待游客1.2亿人次。", "力争开工项目200个。", "短板依然突出。"])
OTHER = make_doc("shuozhou-2024", ["完成投资100亿元。"])


def _damage(path, how):
    raw = path.read_bytes()
    if how == "empty":
        path.write_bytes(b"")
    elif how == "truncated":
        path.write_bytes(raw[: len(raw) * 2 // 3])
    elif how == "garbage":
        path.write_bytes(b"\x00\x13garbage" + raw[5:])
    return path.read_bytes()


def _dirs(folder):
    return ["--annotations", str(folder), "--corpus", str(folder.parent / "corpus")]


@pytest.fixture
def damaged(folder):
    with AnnotationStore(folder) as s:
        label(s, DOC, 0, "achievement")
        label(s, DOC, 1, "target")
        label(s, OTHER, 0, "achievement")
    return folder


@pytest.mark.parametrize("how", ["empty", "truncated", "garbage"])
def test_damaged_file_is_reported_read_only_and_never_overwritten(damaged, how):
    path = damaged / f"{DOC.id}.json"
    bad = _damage(path, how)
    with AnnotationStore(damaged) as store:
        assert not store.read_only and store.is_read_only(DOC.id) and not store.is_read_only(OTHER.id)
        [(name, what)] = store.problems()
        assert name == f"{DOC.id}.json"
        assert ("empty" in what) if how == "empty" else ("not" in what)
        assert "datong-2025.json is damaged" in store.doc_read_only_reason(DOC.id)
        # the last good copy is what the app shows, read-only
        assert [r["label"] for r in store.labels(DOC.id)] == ["achievement", "target"]
        with pytest.raises(ReadOnlyStore, match="doctor --repair"):
            label(store, DOC, 2, "problem")
        with pytest.raises(ReadOnlyStore):
            store.clear_label(DOC.id, DOC.sentences[0].id, annotator="li")
        store.set_position(DOC.id, "li", DOC.sentences[2].id)
        label(store, OTHER, 0, "target")  # other documents are unaffected
    assert path.read_bytes() == bad


def test_damage_appearing_while_open_is_detected_before_the_next_write(damaged):
    with AnnotationStore(damaged) as store:
        label(store, DOC, 2, "problem")
        bad = _damage(damaged / f"{DOC.id}.json", "truncated")
        with pytest.raises(ReadOnlyStore):
            label(store, DOC, 0, "target")
        assert (damaged / f"{DOC.id}.json").read_bytes() == bad


def test_doctor_lists_then_repairs_keeping_the_damaged_file(damaged, capsys):
    path = damaged / f"{DOC.id}.json"
    bad = _damage(path, "truncated")
    assert main(["doctor", *_dirs(damaged)]) == 1
    out = capsys.readouterr().out
    assert f"PROBLEM {DOC.id}.json" in out and "truncated" in out
    assert path.read_bytes() == bad  # listing does not touch anything
    assert main(["doctor", "--repair", *_dirs(damaged)]) == 0
    [aside] = damaged.glob(f"{DOC.id}.json.damaged-*")
    assert aside.read_bytes() == bad
    with AnnotationStore(damaged) as store:
        assert store.problems() == []
        assert [r["label"] for r in store.labels(DOC.id)] == ["achievement", "target"]
        label(store, DOC, 2, "problem")  # writable again
    assert main(["doctor", *_dirs(damaged)]) == 0


def test_repair_without_a_backup_salvages_complete_records(damaged):
    path = damaged / f"{DOC.id}.json"
    (damaged / f"{DOC.id}.json.bak").unlink()
    lines = path.read_text("utf-8").splitlines(keepends=True)
    cut = "".join(lines[:3]) + lines[3][:20]  # first record whole, second cut in the middle
    path.write_text(cut, encoding="utf-8")
    with AnnotationStore(damaged) as store:
        assert store.labels(DOC.id) == []  # nothing to show, still read-only
        assert "no usable backup" in store.problems()[0][1]
        assert "salvaged 1" in store.repair(DOC.id)
        assert [r["label"] for r in store.labels(DOC.id)] == ["achievement"]


def test_a_deleted_file_with_its_backup_left_is_a_problem_not_an_empty_document(damaged):
    (damaged / f"{DOC.id}.json").unlink()
    with AnnotationStore(damaged) as store:
        assert store.is_read_only(DOC.id)
        assert "missing" in store.problems()[0][1]
        assert len(store.labels(DOC.id)) == 2
        store.repair(DOC.id)
        assert not store.is_read_only(DOC.id)
    assert json.loads((damaged / f"{DOC.id}.json").read_text("utf-8"))["labels"]


def test_a_second_reader_cannot_repair(damaged, capsys):
    _damage(damaged / f"{DOC.id}.json", "empty")
    with AnnotationStore(damaged):
        assert main(["doctor", "--repair", *_dirs(damaged)]) == 1
    assert "cannot repair" in capsys.readouterr().out
