"""Many reports at once: each report is read, run through the pipeline and the extraction in a pool of
worker processes (fork: workers start at once and share the imported code), results come back in
the order of the paths, with a progress callback.

A report that cannot be read comes back as its `ReaderError`, never stopping the others. An
annotator's corrections of a report (`reader.labels.IndicatorCorrection`) go to its job with it and
are applied there (`reader.indicators.corrections`). A `ResultCache` gives the results of reports
seen before without running them (a second run of the corpus table only hashes the files).
"""

from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.indicators.cache import ResultCache

POOL_THRESHOLD = 16
"""Fewer reports than this are processed in this process (starting a pool costs ~0.1 s)."""
CHUNK = 8
"""Reports per task sent to a worker: large enough that sending tasks costs little, small enough
that both cores finish together."""


_loaded: tuple[Path, str] | None = None
"""(path, hash of its bytes) of the report `load` read last in this process: its result cache key
needs no second reading and hashing of the file."""


def load(path: Path):
    """The `Document` of a report file (ReaderError if it cannot be read or is not text)."""
    global _loaded
    from reader.text.pipeline import load_document

    doc = load_document(path)
    _loaded = (path, doc.sha256)
    return doc


def _corrected(doc, records, corrections: Sequence[Any]):
    if not corrections:
        return records
    from reader.indicators.corrections import apply

    return apply(records, corrections, doc).records


def records_job(path: Path, corrections: Sequence[Any] = ()):
    """Every indicator record of one report (for `--json` over a folder), corrections applied."""
    from reader.indicators.extract import extract

    try:
        doc = load(path)
    except ReaderError as exc:
        return exc
    return _corrected(doc, extract(doc), corrections)


def summary_job(path: Path, corrections: Sequence[Any] = ()):
    """What the corpus table needs of one report, corrections applied."""
    from reader.indicators.extract import extract
    from reader.indicators.structure import report_place, report_year
    from reader.indicators.table import summarize

    try:
        doc = load(path)
    except ReaderError as exc:
        return exc
    records = _corrected(doc, extract(doc, all_targets=False), corrections)
    return summarize(doc, records, report_place(doc), report_year(doc))


def _call(task: tuple) -> object:
    job, path, corrections, _ = task
    return job(path, corrections) if corrections else job(path)


def _call_keyed(task: tuple) -> tuple[str | None, object]:
    """(the report's cache key if the task asks for it, the result)."""
    global _loaded
    _loaded = None
    result = _call(task)
    if not task[3] or isinstance(result, ReaderError):
        return None, result
    path = task[1]
    if _loaded is not None and _loaded[0] == path and _loaded[1]:  # the bytes the job read
        return ResultCache.entry_key(path.stem, _loaded[1]), result
    return ResultCache.key(path), result


def _call_pickled(task: tuple) -> tuple[str | None, bytes]:
    """`_call_keyed` in a worker, the result pickled there: the parent keeps the bytes for the result
    cache as they are and unpickles them once (the pool only copies bytes)."""
    key, result = _call_keyed(task)
    return key, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


def run(
    paths: list[Path],
    job: Callable,
    advance: Callable[[int], object] | None = None,
    workers: int | None = None,
    corrections: Mapping[str, Sequence[Any]] | None = None,
    cache: ResultCache | None = None,
) -> Iterator[tuple[Path, object]]:
    """(path, job(path)) for each path, in order; `job(path, corrections)` for a report (by file
    stem, its document id) that has some in `corrections`. With `cache`, a report without
    corrections whose bytes were seen before gets its result from there, and new results go in it
    (a first run, with nothing cached, hashes each file in the worker that reads it)."""
    advance = advance or (lambda n: None)
    workers = workers or os.cpu_count() or 1
    look_up = cache is not None and not cache.empty()
    tasks = []
    keys: list[str | None] = [None] * len(paths)
    known: dict[int, object] = {}
    for i, path in enumerate(paths):
        corrected = tuple((corrections or {}).get(path.stem, ()))
        if look_up and not corrected and (key := cache.key(path)) is not None:
            keys[i] = key
            if (found := cache.get(key)) is not None:
                known[i] = found
        tasks.append((job, path, corrected, cache is not None and not corrected and keys[i] is None))
    todo = [task for i, task in enumerate(tasks) if i not in known]
    try:
        results = _results(todo, workers)
        for i, task in enumerate(tasks):
            if i in known:
                result = known[i]
            else:
                key, result, payload = next(results)
                key = keys[i] or key
                if cache is not None and key is not None and not isinstance(result, ReaderError):
                    cache.put(key, payload if payload is not None else pickle.dumps(result, pickle.HIGHEST_PROTOCOL))
            advance(1)
            yield task[1], result
    finally:
        if cache is not None:
            cache.save()


def _results(tasks: list[tuple], workers: int) -> Iterator[tuple[str | None, object, bytes | None]]:
    """(cache key, result, result pickled or None) of each task, in order: in this process for a few,
    else in a pool of `workers`."""
    if workers <= 1 or len(tasks) < POOL_THRESHOLD:
        for key, result in map(_call_keyed, tasks):
            yield key, result, None
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=gc.enable) as pool:
        for key, payload in pool.map(_call_pickled, tasks, chunksize=CHUNK):
            yield key, pickle.loads(payload), payload
