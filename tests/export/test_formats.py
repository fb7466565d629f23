"""Each output format, field by field, from records of a real store."""

from __future__ import annotations

import csv
import io
import json

import pytest

from reader.export import formats, writer
from reader.export.collect import Selection, collect
from tests.export.conftest import PART1, PART2, SEC21, label


@pytest.fixture
def records(store, corpus):
    doc = corpus.add("jinzhong-2025")
    label(store, doc, 1, "achievement", note="对比上年")
    label(store, doc, 7, "target", annotator="wang")
    store.mark_reviewed("jinzhong-2025", (PART2, SEC21), annotator="wang")
    out = collect(store, corpus.dir, Selection(negatives=True), load=corpus.load).records
    assert [r["label"] for r in out] == ["achievement", "none", "target"]
    return out


def lines(text):
    return [json.loads(line) for line in text.splitlines()]


def test_jsonl_is_the_native_records(records):
    assert lines(formats.render(records, "jsonl")) == records
    # Chinese stays readable in the file.
    assert "全市地区生产总值" in formats.render(records, "jsonl")


def test_doccano(records):
    got = lines(formats.render(records, "doccano"))
    for row, r in zip(got, records, strict=True):
        assert row["text"] == r["text"]
        assert row["label"] == [r["label"]]
        for key in ("id", "doc", "section", "start", "end", "line", "annotator", "created", "updated", "note"):
            assert row[key] == r[key]
    assert got[0]["note"] == "对比上年" and got[0]["section"] == [PART1]
    assert got[1]["label"] == ["none"]


def test_prodigy(records):
    got = lines(formats.render(records, "prodigy"))
    for row, r in zip(got, records, strict=True):
        assert set(row) == {"text", "label", "answer", "meta"}
        assert (row["text"], row["label"], row["answer"]) == (r["text"], r["label"], "accept")
        assert row["meta"] == {k: v for k, v in r.items() if k not in ("text", "label")}
    assert got[2]["meta"]["annotator"] == "wang" and got[2]["meta"]["section"] == [PART2, SEC21]


def test_csv_with_bom(records, tmp_path):
    path = tmp_path / "out.csv"
    writer.write_records(records, path, "csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == len(records)
    for row, r in zip(rows, records, strict=True):
        assert list(row) == list(r)
        assert row["section"] == " > ".join(r["section"])
        for key in ("id", "doc", "text", "label", "annotator", "created", "updated"):
            assert row[key] == r[key]
        for key in ("start", "end", "line"):
            assert int(row[key]) == r[key]
        assert row["note"] == (r["note"] or "")


def test_csv_tokens_and_empty(tmp_path):
    rec = {
        "id": "d:1:0",
        "doc": "d",
        "text": "力争开工，项目",
        "label": "target",
        "section": ["一", "二"],
        "start": 0,
        "end": 7,
        "line": 1,
        "annotator": "li",
        "created": "t",
        "updated": "t",
        "note": 'with "quotes", and\nnewline',
        "tokens": ["力争", "开工", "，", "项目"],
    }
    rows = list(csv.reader(io.StringIO(formats.render([rec], "csv"), newline="")))
    assert rows[1][list(rec).index("tokens")] == "力争 开工 ， 项目"
    assert rows[1][list(rec).index("note")] == rec["note"]
    # An empty export still has the header, so spreadsheets show the columns.
    assert formats.render([], "csv").startswith("id,doc,text,label,section")


def test_jsonl_file_written_atomically(records, tmp_path):
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "out.jsonl"
    path.write_text("old content\n", encoding="utf-8")
    writer.write_records(records, path, "jsonl")
    assert lines(path.read_text(encoding="utf-8")) == records
    assert [p.name for p in path.parent.iterdir()] == ["out.jsonl"]  # no temporary file left
    assert path.stat().st_mode & 0o777 == 0o666 & ~_umask()  # like any file the user creates


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_output_names():
    assert writer.split_paths("dir/out.jsonl", ["train", "dev"], "jsonl") == {
        "train": writer.Path("dir/out.train.jsonl"),
        "dev": writer.Path("dir/out.dev.jsonl"),
    }
    assert writer.split_paths("out", ["test"], "csv") == {"test": writer.Path("out.test.csv")}
    # Named after the whole file name: out.jsonl and out.csv never share a manifest or a card.
    assert writer.manifest_path("dir/out.jsonl") == writer.Path("dir/out.jsonl.manifest.json")
    assert writer.manifest_path("dir/out.csv") == writer.Path("dir/out.csv.manifest.json")
    assert writer.card_path("out.jsonl") == writer.Path("out.jsonl.README.md")
