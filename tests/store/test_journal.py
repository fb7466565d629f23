"""The write-ahead journal: one line per change, folded into the TinyDB file; readers replay it
without writing; a torn last line is ignored and reported; damage is reported, never overwritten;
replay is idempotent (a crash between the fold's rename and the journal's truncation is harmless).
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time

import pytest

from reader.cli import main
from reader.store import AnnotationStore, ReadOnlyStore
from reader.store import journal as jr
from reader.store.journal import parse_journal

from .conftest import label, make_doc

DOC = make_doc("jinzhong-2025", [f"第{i}句。" for i in range(12)])


def _journal(folder, doc=DOC.id):
    return folder / f"{doc}.json.journal"


def _file_labels(folder, doc=DOC.id):
    data = json.loads((folder / f"{doc}.json").read_text("utf-8"))
    return {r["sentence"]: r["label"] for r in data.get("labels", {}).values()}


def _state(folder):
    with AnnotationStore(folder, read_only=True) as s:
        return s.labels(include_notes=True), s.reviewed()


def _change_lines(folder) -> list[bytes]:
    """The journal's lines after its header (the line naming it)."""
    header, *lines = _journal(folder).read_bytes().splitlines(keepends=True)
    assert json.loads(header).keys() == {"journal"}
    return lines


def _emptied(folder) -> bool:
    """Folded: the journal holds its header and no change."""
    return len(_change_lines(folder)) == 0


def _bytes(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _die(store):
    """As if the process were killed: no fold, no close; the lock is gone with the process."""
    store._folder.stop(fold=False)
    store._docs.clear()
    store._lock.release()
    store._lock = None


@pytest.fixture
def slow_folds(monkeypatch):
    """No background fold during the test unless it asks for one."""
    monkeypatch.setattr(jr, "FOLD_IDLE", 3600.0)
    monkeypatch.setattr(jr, "FOLD_EVERY", 10**6)


def test_parse_keeps_complete_lines_reports_a_torn_tail_and_damaged_lines():
    put = b'{"table": "labels", "id": "1", "record": {"a": 1}}\n'
    batch = b'[{"table": "labels", "id": "2", "record": {"b": 2}}, {"table": "labels", "id": "1", "record": null}]\n'
    r = parse_journal(put + batch + b'{"table": "lab')
    assert r.changes == [("labels", "1", {"a": 1}), ("labels", "2", {"b": 2}), ("labels", "1", None)]
    assert (r.lines, r.end, r.torn, r.bad) == (2, len(put + batch), 14, [])
    r = parse_journal(put + b"garbage\n" + b'{"table": "labels"}\n' + put)
    assert r.lines == 4 and len(r.changes) == 2 and r.torn == 0
    assert [b.split(":")[0] for b in r.bad] == ["line 2", "line 3"]
    # a complete JSON object cut just before its newline is still torn: it was never acknowledged
    assert parse_journal(put[:-1]).changes == [] and parse_journal(put[:-1]).torn == len(put) - 1


def test_a_label_is_one_appended_line_and_the_file_waits_for_the_fold(folder, store, slow_folds):
    label(store, DOC, 0, "target")  # a new document: its first file is written whole
    before = (folder / f"{DOC.id}.json").read_bytes()
    label(store, DOC, 1, "achievement")
    label(store, DOC, 0, "problem")
    store.clear_label(DOC.id, DOC.sentences[1].id, annotator="li")
    store.mark_reviewed(DOC.id, None, annotator="li")
    assert (folder / f"{DOC.id}.json").read_bytes() == before  # not rewritten
    lines = _change_lines(folder)
    assert [json.loads(x)["table"] for x in lines] == ["labels", "labels", "labels", "reviewed"]
    assert json.loads(lines[2])["record"] is None  # the clear
    # a read-only instance sees every change, and writes nothing
    files = _bytes(folder)
    with AnnotationStore(folder, read_only=True) as other:
        assert {r["sentence"]: r["label"] for r in other.labels()} == {DOC.sentences[0].id: "problem"}
        assert len(other.reviewed()) == 1
    assert _bytes(folder) == files
    store.close()  # folds and removes the journal
    assert not _journal(folder).exists()
    assert _file_labels(folder) == {DOC.sentences[0].id: "problem"}
    assert (folder / f"{DOC.id}.json.bak").read_bytes() == (folder / f"{DOC.id}.json").read_bytes()


def test_replay_is_idempotent_twice_and_after_a_crash_between_fold_and_truncation(folder, slow_folds):
    store = AnnotationStore(folder)
    for i in range(8):
        label(store, DOC, i, ("target", "achievement", "problem")[i % 3])
    store.clear_label(DOC.id, DOC.sentences[2].id, annotator="li")
    store.set_note(DOC.id, DOC.sentences[9].id, "备注", annotator="li", text=DOC.sentences[9].text)
    journal = _journal(folder).read_bytes()
    expected = store.labels(include_notes=True)
    _die(store)  # the journal is left unfolded
    assert _state(folder)[0] == expected == _state(folder)[0]  # replayed twice by readers: same
    # a crash after the fold's rename but before the journal was emptied: file + the same journal
    crashed = folder.parent / "crashed"
    shutil.copytree(folder, crashed)
    with AnnotationStore(crashed) as writer:
        assert writer.labels(include_notes=True) == expected  # the writer folded on open
    assert not _journal(crashed).exists()
    _journal(crashed).write_bytes(journal)
    assert _state(crashed)[0] == expected  # replayed onto a file that already holds it: same
    with AnnotationStore(crashed) as writer:
        assert writer.labels(include_notes=True) == expected
        label(writer, DOC, 11, "target")
    assert len(_state(crashed)[0]) == len(expected) + 1


def test_a_torn_last_line_is_ignored_reported_and_dropped_by_the_writer(folder, slow_folds, capsys):
    store = AnnotationStore(folder)
    label(store, DOC, 0, "target")
    label(store, DOC, 1, "problem")
    _die(store)
    with _journal(folder).open("ab") as fh:
        fh.write(b'{"table": "labels", "id": "9", "record": {"doc": "jinz')  # cut mid-write
    with AnnotationStore(folder, read_only=True) as reader:
        assert [r["label"] for r in reader.labels()] == ["target", "problem"]
        assert reader.problems() == []  # a torn line is not damage: nothing saved is missing
    args = ["--annotations", str(folder), "--corpus", str(folder / "none")]
    assert main(["doctor", *args]) == 0
    out = capsys.readouterr().out
    assert f"{DOC.id}.json.journal: 1 change(s) not yet folded" in out
    assert "a torn last line (54 bytes)" in out and "drops the torn line" in out
    assert main(["doctor", "--repair", *args]) == 0
    out = capsys.readouterr().out
    assert "1 change(s) from jinzhong-2025.json.journal folded" in out and "torn last line (54 bytes" in out
    assert not _journal(folder).exists()
    assert _file_labels(folder) == {DOC.sentences[0].id: "target", DOC.sentences[1].id: "problem"}
    with AnnotationStore(folder) as writer:  # appends start on a clean journal
        label(writer, DOC, 2, "achievement")
        assert parse_journal(_journal(folder).read_bytes()).torn == 0
    assert len(_file_labels(folder)) == 3


def test_the_writer_drops_a_torn_line_on_open_before_appending(folder, slow_folds):
    store = AnnotationStore(folder)
    label(store, DOC, 0, "target")
    label(store, DOC, 1, "problem")
    _die(store)
    with _journal(folder).open("ab") as fh:
        fh.write(b'{"tab')
    with AnnotationStore(folder) as writer:
        label(writer, DOC, 2, "achievement")
        ds = writer._doc(DOC.id)
        assert "torn last line (5 bytes" in ds.recovered
        replay = parse_journal(_journal(folder).read_bytes())
        assert replay.torn == 0 and replay.bad == [] and len(replay.changes) == 1
    assert len(_file_labels(folder)) == 3


def test_a_damaged_journal_line_makes_the_document_read_only_and_repair_keeps_the_rest(folder, slow_folds, capsys):
    store = AnnotationStore(folder)
    for i in range(3):
        label(store, DOC, i, "target")
    _die(store)
    header, *lines = _journal(folder).read_bytes().splitlines(keepends=True)
    damaged = header + lines[0] + b"\x00\x00 not a change\n" + lines[1]
    _journal(folder).write_bytes(damaged)
    with AnnotationStore(folder) as writer:
        assert writer.is_read_only(DOC.id)
        assert "line 3" in writer.doc_read_only_reason(DOC.id)
        with pytest.raises(ReadOnlyStore, match="doctor --repair"):
            label(writer, DOC, 5, "problem")
        [(name, what)] = writer.problems()
        assert name == f"{DOC.id}.json" and "line 3" in what
        assert len(writer.labels()) == 3  # the file's label and the two readable changes
    assert _journal(folder).read_bytes() == damaged  # never overwritten
    args = ["--annotations", str(folder), "--corpus", str(folder / "none")]
    assert main(["doctor", *args]) == 1
    assert "PROBLEM" in capsys.readouterr().out
    assert main(["doctor", "--repair", *args]) == 0
    assert "folded the 2 readable change(s)" in capsys.readouterr().out
    [aside] = folder.glob(f"{DOC.id}.json.journal.damaged-*")
    assert aside.read_bytes() == damaged
    assert len(_file_labels(folder)) == 3
    with AnnotationStore(folder) as writer:
        assert not writer.is_read_only(DOC.id)


def test_a_damaged_file_shows_its_backup_plus_the_journal_and_repair_replays_it(folder, slow_folds):
    store = AnnotationStore(folder)
    label(store, DOC, 0, "target")
    store.close()
    store = AnnotationStore(folder)
    label(store, DOC, 1, "problem")  # journalled only
    _die(store)
    (folder / f"{DOC.id}.json").write_bytes(b"")
    with AnnotationStore(folder) as writer:
        assert writer.is_read_only(DOC.id)
        assert [r["label"] for r in writer.labels()] == ["target", "problem"]
        assert "replayed onto it" in writer.repair(DOC.id)
        assert [r["label"] for r in writer.labels()] == ["target", "problem"]
        assert not writer.is_read_only(DOC.id)
    assert len(_file_labels(folder)) == 2 and not _journal(folder).exists()


def test_a_reader_follows_the_writer_through_appends_and_folds(folder, store, slow_folds):
    label(store, DOC, 0, "target")
    reader = AnnotationStore(folder, read_only=True)
    try:
        for i in range(1, 6):
            label(store, DOC, i, "problem")
            assert len(reader.labels()) == i + 1
        store._doc(DOC.id).fold()
        assert len(reader.labels()) == 6 and _emptied(folder)
        label(store, DOC, 6, "achievement")
        store.clear_label(DOC.id, DOC.sentences[0].id, annotator="li")
        assert {r["label"] for r in reader.labels()} == {"problem", "achievement"} and len(reader.labels()) == 6
    finally:
        reader.close()


def test_a_fold_in_the_background_keeps_the_changes_made_while_it_wrote(folder, store, slow_folds, monkeypatch):
    for i in range(4):
        label(store, DOC, i, "target")
    ds = store._doc(DOC.id)
    real_stage = ds.storage.stage

    def stage_while_labelling(data, seq):
        staged = real_stage(data, seq)
        label(store, DOC, 4, "problem")  # arrives while the file is being written
        label(store, DOC, 5, "problem")
        return staged

    monkeypatch.setattr(ds.storage, "stage", stage_while_labelling)
    assert ds.fold_in_background(store._mutex)
    assert set(_file_labels(folder).values()) == {"target"} and len(_file_labels(folder)) == 4
    assert len(parse_journal(_journal(folder).read_bytes()).changes) == 2 and ds.pending == 2
    assert len(_state(folder)[0]) == 6
    label(store, DOC, 6, "achievement")
    store.close()
    assert len(_file_labels(folder)) == 7


def test_a_background_fold_made_stale_by_a_whole_file_write_is_discarded(folder, store, slow_folds, monkeypatch):
    for i in range(3):
        label(store, DOC, i, "target")
    ds = store._doc(DOC.id)
    real_stage = ds.storage.stage

    def stage_then_bulk(data, seq):
        staged = real_stage(data, seq)
        recs = [
            {"doc": DOC.id, "sentence": f"b{k}", "label": "problem", "annotator": "li", "text": "t"} for k in range(3)
        ]
        store.bulk_set(recs)  # writes the whole file meanwhile
        return staged

    monkeypatch.setattr(ds.storage, "stage", stage_then_bulk)
    assert not ds.fold_in_background(store._mutex)
    assert len(_file_labels(folder)) == 6 and not list(folder.glob("*.tmp-*"))


def test_background_folds_after_idle_and_every_n_changes(folder, store, monkeypatch):
    monkeypatch.setattr(jr, "FOLD_POLL", 0.02)
    monkeypatch.setattr(jr, "FOLD_IDLE", 0.1)
    monkeypatch.setattr(jr, "FOLD_EVERY", 10**6)
    label(store, DOC, 0, "target")
    label(store, DOC, 1, "problem")
    deadline = time.monotonic() + 10
    while _journal(folder).stat().st_size and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(_file_labels(folder)) == 2 and store._doc(DOC.id).pending == 0
    monkeypatch.setattr(jr, "FOLD_IDLE", 3600.0)
    monkeypatch.setattr(jr, "FOLD_EVERY", 5)
    for i in range(2, 12):
        label(store, DOC, i, "achievement")
        time.sleep(0.01)
    deadline = time.monotonic() + 10
    while store._doc(DOC.id).pending >= 5 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert store._doc(DOC.id).pending < 5 and len(_file_labels(folder)) >= 7
    assert store._folder.last_error is None


def test_a_small_batch_is_one_journal_line_a_large_one_a_whole_file_write(folder, store, slow_folds, monkeypatch):
    label(store, DOC, 0, "target")
    label(store, DOC, 1, "target")
    edited = make_doc(DOC.id, ["新开头。", *[s.text for s in DOC.sentences]])
    store.reattach(edited, refresh=True)  # both labels' positions move: one batch of two changes
    lines = _change_lines(folder)
    assert len(lines) == 2 and len(json.loads(lines[1])) == 2  # label 1's change, then the batch
    monkeypatch.setattr(jr, "BATCH_FOLD", 2)
    store.reattach(DOC, refresh=True)
    assert _emptied(folder)  # folded: the file holds everything
    assert {r["start"] for r in _state(folder)[0]} == {s.start for s in DOC.sentences[:2]}


def test_a_failed_append_is_cut_back_so_no_later_line_follows_a_torn_one(folder, store, slow_folds, monkeypatch):
    label(store, DOC, 0, "target")
    label(store, DOC, 1, "target")
    size = _journal(folder).stat().st_size
    real_write = os.write

    def half_then_full(fd, data):
        if fd != -1 and len(data) > 100 and threading.current_thread() is threading.main_thread():
            real_write(fd, bytes(data[: len(data) // 2]))
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", half_then_full)
    with pytest.raises(OSError):
        label(store, DOC, 2, "problem")
    monkeypatch.undo()
    assert _journal(folder).stat().st_size == size
    label(store, DOC, 3, "problem")
    replay = parse_journal(_journal(folder).read_bytes())
    assert replay.bad == [] and replay.torn == 0 and len(replay.changes) == 2
    assert sorted(r["sentence"] for r in _state(folder)[0]) == sorted(DOC.sentences[i].id for i in (0, 1, 3))


def test_bulk_set_writes_the_whole_file_once_and_leaves_no_journal(folder, store, slow_folds):
    recs = [{"doc": "big", "sentence": f"s{i}", "label": "target", "annotator": "li", "text": "t"} for i in range(3000)]
    assert store.bulk_set(recs).added == 3000
    assert not _journal(folder, "big").exists() and len(_file_labels(folder, "big")) == 3000


def test_a_background_fold_that_fails_loses_nothing(folder, store, slow_folds, monkeypatch):
    for i in range(4):
        label(store, DOC, i, "target")
    ds = store._doc(DOC.id)
    real = os.replace

    def full_disk(src, dst):
        if str(dst).endswith(".json"):
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError):
        ds.fold_in_background(store._mutex)
    monkeypatch.undo()
    assert len(store.labels()) == 4 and len(_state(folder)[0]) == 4
    label(store, DOC, 4, "problem")
    store.close()
    assert len(_file_labels(folder)) == 5 and not _journal(folder).exists()
    assert not list(folder.glob("*.tmp-*"))


def test_close_folds_every_touched_report_and_leaves_no_journal(folder, store, slow_folds):
    docs = [make_doc(f"r{k}", ["甲。", "乙。"]) for k in range(12)]
    for d in docs:
        label(store, d, 0, "target")  # each file is created whole
        label(store, d, 1, "problem")  # then journalled
    assert len(list(folder.glob("*.journal"))) == 12
    store.close()
    assert not list(folder.glob("*.journal"))
    assert all(len(_file_labels(folder, d.id)) == 2 for d in docs)
