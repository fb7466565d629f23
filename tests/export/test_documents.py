"""The export's sentence tables: same as the pipeline, cached per id + content, pooled when many."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.export import documents
from reader.export.documents import DocumentSource
from reader.text.pipeline import load_document
from tests.export.conftest import LAYOUT


def write(folder: Path, name: str, extra: str = "") -> Path:
    path = folder / f"{name}.txt"
    path.write_text("\n\n".join(t for _, t, _ in LAYOUT) + "\n" + extra, encoding="utf-8")
    return path


def same_as_pipeline(rows, path: Path) -> None:
    doc = load_document(path)
    assert rows.id == doc.id and rows.sha256 == doc.sha256
    assert [tuple(r) for r in rows.sentences] == [
        (s.id, s.index, s.text, s.kind, s.start, s.end, s.line, tuple(s.section)) for s in doc.sentences
    ]


def test_rows_match_the_pipeline_and_are_cached(tmp_path):
    annotations = tmp_path / "annotations"
    annotations.mkdir()
    a, b = write(tmp_path, "a"), write(tmp_path, "b")  # same bytes, different documents
    source = DocumentSource(annotations)
    first = dict(source.load_all({"a": a, "b": b}, lambda n: None))
    same_as_pipeline(first["a"], a)
    same_as_pipeline(first["b"], b)
    assert first["a"].sentences[1].id != first["b"].sentences[1].id
    entries = sorted((annotations / ".cache" / "export").iterdir())
    assert len(entries) == 2
    # Second time: from the cache (the pipeline is not run).
    calls = []
    real = documents._process
    documents._process = lambda *job: calls.append(job) or real(*job)
    try:
        again = dict(DocumentSource(annotations).load_all({"a": a, "b": b}, lambda n: None))
        assert again == first and calls == []
        # An edited report is processed again; a damaged entry too.
        write(tmp_path, "a", extra="\n新增的一句话。\n")
        entries[0].write_bytes(b"garbage")
        entries[1].write_bytes(b"garbage")
        third = dict(DocumentSource(annotations).load_all({"a": a, "b": b}, lambda n: None))
        assert len(calls) == 2
        same_as_pipeline(third["a"], a)
        assert third["a"].sentences[-1].text == "新增的一句话。"
    finally:
        documents._process = real


def test_no_cache_without_an_annotations_folder(tmp_path):
    a = write(tmp_path, "a")
    rows = dict(DocumentSource(tmp_path / "missing").load_all({"a": a}, lambda n: None))["a"]
    same_as_pipeline(rows, a)
    assert not (tmp_path / "missing").exists()


def test_pool_for_many_documents_and_errors_per_file(tmp_path, monkeypatch):
    monkeypatch.setattr(documents, "POOL_THRESHOLD", 2)
    monkeypatch.setattr(documents.os, "cpu_count", lambda: 2)
    paths = {f"d{i}": write(tmp_path, f"d{i}", extra=f"\n第{i}份。\n") for i in range(5)}
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary" * 50)
    paths["bad"] = tmp_path / "bad.txt"
    paths["gone"] = tmp_path / "gone.txt"
    ticks = []
    got = dict(DocumentSource(None).load_all(paths, ticks.append))
    assert sum(ticks) == 7
    for i in range(5):
        same_as_pipeline(got[f"d{i}"], paths[f"d{i}"])
    assert isinstance(got["bad"], ReaderError) and isinstance(got["gone"], ReaderError)


def test_load_rows(tmp_path):
    a = write(tmp_path, "a")
    same_as_pipeline(documents.load_rows(a), a)
    with pytest.raises(ReaderError):
        documents.load_rows(tmp_path / "nope.txt")
