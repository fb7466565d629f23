"""`reader import-labels`: idempotent, conflicts reported and kept, bad lines named."""

from __future__ import annotations

import json

import pytest

from reader.cli import main
from reader.store import AnnotationStore


def _write(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _records(n=30):
    return [
        {
            "id": f"jinzhong-2025:h{i}:0",
            "doc": "jinzhong-2025",
            "text": f"句子{i}。",
            "label": ("target", "achievement", "problem")[i % 3],
            "annotator": "li",
            "section": ["一、回顾"],
            "line": i + 1,
            "start": i * 5,
            "end": i * 5 + 4,
            "created": "2026-01-02T03:04:05Z",
            "updated": "2026-01-02T03:04:05Z",
        }
        for i in range(n)
    ]


@pytest.fixture
def args(tmp_path):
    return ["--annotations", str(tmp_path / "annotations"), "--corpus", str(tmp_path / "corpus")]


def test_import_twice_changes_nothing(tmp_path, args, capsys):
    src = _write(tmp_path / "labels.jsonl", [*_records(), {**_records(1)[0], "id": "x", "label": "none"}])
    assert main(["import-labels", str(src), *args]) == 0
    assert "31 added" in capsys.readouterr().out  # a none of an older export: kept as an explicit none
    folder = tmp_path / "annotations"
    before = (folder / "jinzhong-2025.json").read_bytes()
    assert main(["import-labels", str(src), *args]) == 0
    assert "0 added, 0 updated, 31 unchanged" in capsys.readouterr().out
    assert (folder / "jinzhong-2025.json").read_bytes() == before
    with AnnotationStore(folder) as store:
        recs = store.labels()
    assert sum(r.label == "none" for r in recs) == 1
    assert len(recs) == 31 and recs[0]["created"] == "2026-01-02T03:04:05Z"
    assert recs[0]["section"] == ("一、回顾",) and recs[0]["sentence"] == "jinzhong-2025:h0:0"


def test_conflicts_are_reported_and_kept_unless_overwrite(tmp_path, args, capsys):
    folder = tmp_path / "annotations"
    with AnnotationStore(folder) as store:
        store.set_label("jinzhong-2025", "jinzhong-2025:h0:0", "problem", annotator="li", text="句子0。")
        store.set_label("jinzhong-2025", "jinzhong-2025:h1:0", "problem", annotator="wang", text="句子1。")
    src = _write(tmp_path / "labels.jsonl", _records(3))
    assert main(["import-labels", str(src), *args]) == 1
    captured = capsys.readouterr()
    assert "1 conflict(s)" in captured.err and "stored problem, file target" in captured.err
    with AnnotationStore(folder) as store:
        assert store.get_label("jinzhong-2025", "jinzhong-2025:h0:0", annotator="li")["label"] == "problem"
        assert store.get_label("jinzhong-2025", "jinzhong-2025:h1:0", annotator="wang")["label"] == "problem"
    assert main(["import-labels", str(src), "--overwrite", *args]) == 0
    assert "1 updated" in capsys.readouterr().out
    with AnnotationStore(folder) as store:
        assert store.get_label("jinzhong-2025", "jinzhong-2025:h0:0", annotator="li")["label"] == "target"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "a", "doc": "d"', "labels.jsonl:2: not valid JSON"),
        ('{"id": "a", "doc": "d", "text": "t", "label": "target"}', "labels.jsonl:2: missing field(s) annotator"),
        ('{"id": "a", "doc": "d", "text": "t", "label": "goal", "annotator": "li"}', "labels.jsonl:2: unknown label"),
        ("[1]", "labels.jsonl:2: not a JSON object"),
    ],
)
def test_a_bad_line_stops_the_import_before_anything_is_written(tmp_path, args, capsys, line, message):
    src = tmp_path / "labels.jsonl"
    src.write_text(json.dumps(_records(1)[0]) + "\n" + line + "\n", encoding="utf-8")
    assert main(["import-labels", str(src), *args]) == 2
    assert message in capsys.readouterr().err
    assert not list((tmp_path / "annotations").glob("*.json"))


def test_missing_file_and_busy_store_are_clean_errors(tmp_path, args, capsys):
    assert main(["import-labels", str(tmp_path / "nope.jsonl"), *args]) == 2
    assert "no such file" in capsys.readouterr().err
    src = _write(tmp_path / "labels.jsonl", _records(2))
    with AnnotationStore(tmp_path / "annotations"):
        assert main(["import-labels", str(src), *args]) == 2
    assert "in use by another reader" in capsys.readouterr().err
