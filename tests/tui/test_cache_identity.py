"""The pipeline cache never confuses two documents, nor serves output of another pipeline."""

import shutil

from reader.corpus.cache import DocumentCache


def test_identical_files_are_two_documents_with_their_own_ids(tmp_path, corpus_dir):
    src = corpus_dir / "jinzhong-2025.txt"
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(src, a)
    shutil.copy(src, b)
    cache = DocumentCache(tmp_path / "annotations")
    first = cache.load(a)
    second = cache.load(b)
    assert (first.id, second.id) == ("a", "b")
    assert all(s.id.startswith("b:") for s in second.sentences)
    again = DocumentCache(tmp_path / "annotations").load(b)  # now from the pickle
    assert again.id == "b" and again.sentences[0].id.startswith("b:")


def test_cache_key_follows_the_pipeline_fingerprint(tmp_path, corpus_dir, monkeypatch):
    src = tmp_path / "r.txt"
    shutil.copy(corpus_dir / "datong-2025.txt", src)
    DocumentCache(tmp_path / "ann").load(src)
    import reader.corpus.cache as cache_module

    monkeypatch.setattr(cache_module, "pipeline_version", lambda: "other-pipeline")
    DocumentCache(tmp_path / "ann").load(src)
    pickles = sorted(p.name for p in (tmp_path / "ann").rglob("*.pickle"))
    assert len(pickles) == 2 and any("other-pipeline" in p for p in pickles)
