"""The headless corpus layer: fast listing and the per-file pipeline cache."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reader.corpus.cache import DocumentCache
from reader.corpus.library import list_reports
from reader.errors import ReaderError


def test_listing_names_sizes_sorted_and_only_reports(corpus):
    (corpus / ".hidden.txt").write_text("x")
    (corpus / "notes.md").write_text("x")
    (corpus / "sub.txt").mkdir()
    entries = list_reports(corpus)
    assert [e.name for e in entries] == ["jinzhong-2025", "xinzhou-feature-2025"]
    assert entries[0].size == (corpus / "jinzhong-2025.txt").stat().st_size


def test_listing_errors(tmp_path):
    with pytest.raises(ReaderError, match="no such folder"):
        list_reports(tmp_path / "nope")
    with pytest.raises(ReaderError, match=r"no \.txt reports"):
        list_reports(tmp_path)


def test_cache_reuses_the_pipeline_result_by_content_hash(corpus, annotations, monkeypatch):
    import reader.text.pipeline as pipeline

    calls = []
    real = pipeline.process_bytes
    monkeypatch.setattr(pipeline, "process_bytes", lambda raw, doc_id: calls.append(doc_id) or real(raw, doc_id))
    path = corpus / "jinzhong-2025.txt"
    first = DocumentCache(annotations).load(path)
    again = DocumentCache(annotations).load(path)  # a new process: from disk
    assert calls == ["jinzhong-2025"]
    assert [s.id for s in again.sentences] == [s.id for s in first.sentences]
    assert list((annotations / ".cache" / "pipeline").glob("*.pickle"))
    path.write_bytes(path.read_bytes() + "各位代表！\n".encode())  # edited: a new hash
    DocumentCache(annotations).load(path)
    assert calls == ["jinzhong-2025", "jinzhong-2025"]


def test_damaged_cache_entries_are_recomputed(corpus, annotations):
    path = corpus / "jinzhong-2025.txt"
    document = DocumentCache(annotations).load(path)
    for entry in (annotations / ".cache" / "pipeline").glob("*.pickle"):
        entry.write_bytes(b"garbage")
    assert len(DocumentCache(annotations).load(path).sentences) == len(document.sentences)


def test_summary_index_answers_without_reading_unchanged_files(corpus, annotations):
    entry = list_reports(corpus)[0]
    cache = DocumentCache(annotations)
    assert cache.known_summary(entry.path, entry.size, entry.mtime_ns) is None
    summary = cache.summary(entry.path, entry.size, entry.mtime_ns)
    cache.save_index()
    fresh = DocumentCache(annotations)
    assert fresh.known_summary(entry.path, entry.size, entry.mtime_ns) == summary
    assert fresh.known_summary(entry.path, entry.size + 1, entry.mtime_ns) is None
    assert summary.sentences > 50


def test_corpus_layer_never_imports_textual():
    code = "import sys, reader.corpus.cache, reader.corpus.library; assert 'textual' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
