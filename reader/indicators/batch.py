"""Many reports at once: each report is read, run through the pipeline and the extraction in a pool of
worker processes (fork: workers start at once and share the imported code), results come back in
the order of the paths, with a progress callback.

A report that cannot be read comes back as its `ReaderError`, never stopping the others. An
annotator's corrections of a report (`reader.labels.IndicatorCorrection`) go to its job with it and
are applied there (`reader.indicators.corrections`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from reader.errors import ReaderError

POOL_THRESHOLD = 16
"""Fewer reports than this are processed in this process (starting a pool costs ~0.1 s)."""
CHUNK = 8
"""Reports per task sent to a worker: large enough that sending tasks costs little, small enough
that both cores finish together."""


def load(path: Path):
    """The `Document` of a report file (ReaderError if it cannot be read or is not text)."""
    from reader.text.pipeline import load_document

    return load_document(path)


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
    job, path, corrections = task
    return job(path, corrections) if corrections else job(path)


def run(
    paths: list[Path],
    job: Callable,
    advance: Callable[[int], object] | None = None,
    workers: int | None = None,
    corrections: Mapping[str, Sequence[Any]] | None = None,
) -> Iterator[tuple[Path, object]]:
    """(path, job(path)) for each path, in order; `job(path, corrections)` for a report (by file
    stem, its document id) that has some in `corrections`."""
    advance = advance or (lambda n: None)
    workers = workers or os.cpu_count() or 1
    tasks = [(job, path, tuple((corrections or {}).get(path.stem, ()))) for path in paths]
    if workers <= 1 or len(paths) < POOL_THRESHOLD:
        for task in tasks:
            result = _call(task)
            advance(1)
            yield task[1], result
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        for path, result in zip(paths, pool.map(_call, tasks, chunksize=CHUNK), strict=True):
            advance(1)
            yield path, result
