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


def _reports(folder, n=3):
    folder.mkdir(exist_ok=True)
    paths = []
    for k in range(n):
        path = folder / f"nation-{2020 + k}.txt"
        path.write_text(P.NATIONAL.replace("5.66万亿元", f"5.{k}万亿元"), encoding="utf-8")
        paths.append(path)
    return paths


def test_a_second_batch_run_takes_unchanged_reports_from_the_result_cache(tmp_path, monkeypatch):
    from reader.indicators import batch
    from reader.indicators.cache import ResultCache

    paths = _reports(tmp_path / "reports")
    first = list(batch.run(paths, batch.summary_job, cache=ResultCache(tmp_path, "summary_job")))
    ran: list = []
    real = batch.summary_job

    def counted(path, corrections=()):
        ran.append(path.name)
        return real(path)  # (the corrections themselves are tested with the table)

    paths[1].write_text(P.NATIONAL.replace("5.66万亿元", "9.9万亿元"), encoding="utf-8")  # edited since
    progress: list[int] = []
    second = list(batch.run(paths, counted, progress.append, cache=ResultCache(tmp_path, "summary_job")))
    assert ran == ["nation-2021.txt"] and len(progress) == 3
    assert [p for p, _ in second] == paths
    assert second[0] == first[0] and second[2] == first[2]
    assert second[1] == (paths[1], real(paths[1]))
    # a report with corrections is always run (its result depends on the annotator's store)
    ran.clear()
    list(batch.run(paths, counted, corrections={"nation-2020": ["x"]}, cache=ResultCache(tmp_path, "summary_job")))
    assert ran == ["nation-2020.txt"]


def test_a_damaged_result_cache_or_an_unwritable_folder_only_means_running_again(tmp_path):
    from reader.indicators import batch
    from reader.indicators.cache import ResultCache

    paths = _reports(tmp_path / "reports", 2)
    expected = list(batch.run(paths, batch.summary_job))
    cache = ResultCache(tmp_path, "summary_job")
    assert list(batch.run(paths, batch.summary_job, cache=cache)) == expected
    cache.file.write_bytes(b"not a pickle")
    assert list(batch.run(paths, batch.summary_job, cache=ResultCache(tmp_path, "summary_job"))) == expected
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert list(batch.run(paths, batch.summary_job, cache=ResultCache(blocked, "summary_job"))) == expected


def test_the_corpus_table_command_reuses_its_results_and_gives_the_same_table(cli, tmp_path):
    paths = _reports(tmp_path / "reports")
    annotations = tmp_path / "annotations"
    annotations.mkdir()
    args = ("indicators", str(paths[0].parent), "--csv", "--annotations", str(annotations))
    first = cli(*args, "-o", str(tmp_path / "1.csv"))
    assert first.returncode == 0, first.stderr
    (entry,) = (annotations / ".cache" / "indicators").glob("summary_job-*.pickle")
    stamp = entry.stat().st_mtime_ns
    second = cli(*args, "-o", str(tmp_path / "2.csv"))
    assert second.returncode == 0, second.stderr
    assert (tmp_path / "2.csv").read_bytes() == (tmp_path / "1.csv").read_bytes()
    assert entry.stat().st_mtime_ns == stamp  # nothing new: the file is not rewritten


def test_a_record_sent_from_a_worker_or_kept_in_the_cache_comes_back_field_for_field():
    import dataclasses
    import pickle

    from reader.indicators.model import Indicator

    # every field a different value, so that a field restored into another's place shows
    values = {f.name: f"{f.name}-value" for f in dataclasses.fields(Indicator)}
    values.update(section=("一、回顾", "（一）经济"), value=[4.5, 5], headline=True, year=2024, line=3, start=7, end=19)
    record = Indicator(**values)
    back = pickle.loads(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == record and {f.name: getattr(back, f.name) for f in dataclasses.fields(Indicator)} == values
