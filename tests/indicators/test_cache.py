"""The extraction cache: keyed by content hash, document id and the extractor's fingerprint; a
damaged entry is recomputed, an unwritable folder only means no cache."""

from __future__ import annotations

import importlib

import pytest

from reader.indicators.cache import ExtractionCache, extractor_fingerprint
from reader.text.pipeline import process_bytes
from tests.indicators import passages as P

extract_module = importlib.import_module("reader.indicators.extract")


def test_a_cached_extraction_is_the_extraction_and_is_not_recomputed(tmp_path, monkeypatch):
    doc = process_bytes(P.NATIONAL.encode("utf-8"), "nation-2025")
    cache = ExtractionCache(tmp_path)
    first = cache.records(doc)
    assert first == extract_module.extract(doc)
    (entry,) = (tmp_path / ".cache" / "indicators").iterdir()

    def fail(doc):
        raise AssertionError("extracted again")

    monkeypatch.setattr(extract_module, "extract", fail)
    assert ExtractionCache(tmp_path).records(doc) == first
    # another text, or the same text under another name, is another entry
    edited = process_bytes(P.NATIONAL.replace("5.66万亿元", "5.7万亿元").encode("utf-8"), "nation-2025")
    renamed = process_bytes(P.NATIONAL.encode("utf-8"), "nation-2025b")
    for other in (edited, renamed):
        with pytest.raises(AssertionError, match="extracted again"):
            cache.records(other)
    # a damaged entry is recomputed
    entry.write_text("[{", encoding="utf-8")
    monkeypatch.undo()
    assert ExtractionCache(tmp_path).records(doc) == first
    assert len(extractor_fingerprint()) == 16


def test_no_cache_folder_means_no_cache(tmp_path):
    doc = process_bytes(P.NATIONAL.encode("utf-8"), "nation-2025")
    assert ExtractionCache(None).records(doc) == extract_module.extract(doc)
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert ExtractionCache(blocked).records(doc) == extract_module.extract(doc)
