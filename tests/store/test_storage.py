"""The atomic TinyDB storage: readable files, damage never read as empty, no temp files left."""

from __future__ import annotations

import json

import pytest
from tinydb import TinyDB

from reader.store.storage import AtomicJSONStorage, DamagedFile, parse, salvage, serialize

DATA = {"labels": {"1": {"text": "加快推进“六新”突破", "n": 1}, "2": {"text": "b"}}, "reviewed": {}}


def test_serialized_file_is_utf8_json_with_one_record_per_line():
    raw = serialize(DATA)
    text = raw.decode("utf-8")
    assert "加快推进“六新”突破" in text and "\\u" not in text
    assert json.loads(text) == DATA
    assert sum(1 for line in text.splitlines() if line.startswith('  "')) == 2


def test_tinydb_round_trip_through_the_atomic_storage(tmp_path):
    path = tmp_path / "d.json"
    db = TinyDB(path, storage=AtomicJSONStorage)
    db.table("labels").insert({"text": "目标"})
    db.close()
    assert json.loads(path.read_text("utf-8"))["labels"]["1"]["text"] == "目标"
    assert path.with_name("d.json.bak").read_bytes() == path.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.json", "d.json.bak"]
    assert TinyDB(path, storage=AtomicJSONStorage).table("labels").all() == [{"text": "目标"}]


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"", "empty"),
        (b"  \n", "empty"),
        (serialize(DATA)[:-20], "truncated"),
        (b"\xff\xfe{}", "UTF-8"),
        (b"[1, 2]", "top level"),
        (b'{"labels": [1]}', "table"),
        (b'{"a": {}}{"b": {}}', "Extra data"),
    ],
)
def test_damage_is_reported_never_read_as_empty(raw, words):
    with pytest.raises(DamagedFile, match=words):
        parse(raw)


def test_a_damaged_file_is_not_overwritten_by_the_storage(tmp_path):
    path = tmp_path / "d.json"
    path.write_bytes(b"")
    storage = AtomicJSONStorage(path)
    with pytest.raises(DamagedFile):
        TinyDB(storage=lambda: storage).table("labels").insert({"x": 1})
    assert path.read_bytes() == b""


def test_reads_come_from_memory_until_the_file_changes(tmp_path):
    path = tmp_path / "d.json"
    path.write_bytes(serialize(DATA))
    storage = AtomicJSONStorage(path, read_only=True)
    first = storage.read()
    assert storage.read() is first and not storage.refresh()
    path.write_bytes(serialize({"labels": {}}))
    assert storage.refresh() and storage.read() == {"labels": {}}


def test_read_only_storage_refuses_writes(tmp_path):
    storage = AtomicJSONStorage(tmp_path / "d.json", read_only=True)
    with pytest.raises(PermissionError):
        storage.write({"labels": {}})
    assert not (tmp_path / "d.json").exists()


def test_salvage_keeps_the_complete_records_of_a_cut_file():
    raw = serialize(DATA)
    cut = raw[: raw.index(b'"2"') + 5]
    assert salvage(cut) == {"labels": {"1": DATA["labels"]["1"]}}
    assert salvage(raw) == {"labels": DATA["labels"]}


def test_the_line_cache_never_serves_a_stale_record():
    cache: dict = {}
    data = json.loads(json.dumps(DATA))
    assert serialize(data, cache) == serialize(data)
    data["labels"]["1"] = dict(data["labels"]["1"], n=2)  # replaced, as the document store does
    data["labels"]["3"] = {"text": "新"}
    del data["labels"]["2"]
    assert serialize(data, cache) == serialize(data)
    assert json.loads(serialize(data, cache)) == data


def test_tinydb_changing_records_in_place_is_written_right(tmp_path):
    path = tmp_path / "d.json"
    db = TinyDB(path, storage=AtomicJSONStorage)
    table = db.table("labels")
    doc_id = table.insert({"label": "target"})
    table.update({"label": "problem"}, doc_ids=[doc_id])  # TinyDB updates the record in place
    assert json.loads(path.read_text("utf-8"))["labels"][str(doc_id)]["label"] == "problem"


def test_a_record_line_is_exactly_what_json_dumps_gives():
    record = {
        "text": '引号"与\\反斜杠\n换行',
        "n": 1.5,
        "big": 10**20,
        "none": None,
        "ok": True,
        "list": [1, "二", {"a": []}],
    }
    line = serialize({"labels": {"7": record}}).decode("utf-8").splitlines()[2]
    assert line == '  "7": ' + json.dumps(record, ensure_ascii=False)
    with pytest.raises(TypeError, match="cannot be stored"):
        serialize({"labels": {"1": {"when": object()}}})
