"""Many reports at once: each report is read, run through the pipeline and the extraction in a pool of
worker processes (fork: workers start at once and share the imported code), results come back in
the order of the paths, with a progress callback.

A report that cannot be read comes back as its `ReaderError`, never stopping the others.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

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


def records_job(path: Path):
    """Every indicator record of one report (for `--json` over a folder)."""
    from reader.indicators.extract import extract

    try:
        return extract(load(path))
    except ReaderError as exc:
        return exc


def summary_job(path: Path):
    """What the corpus table needs of one report."""
    from reader.indicators.extract import extract
    from reader.indicators.structure import report_place, report_year
    from reader.indicators.table import summarize

    try:
        doc = load(path)
    except ReaderError as exc:
        return exc
    return summarize(doc, extract(doc, all_targets=False), report_place(doc), report_year(doc))


def run(
    paths: list[Path], job: Callable, advance: Callable[[int], object] | None = None, workers: int | None = None
) -> Iterator[tuple[Path, object]]:
    """(path, job(path)) for each path, in order."""
    advance = advance or (lambda n: None)
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(paths) < POOL_THRESHOLD:
        for path in paths:
            result = job(path)
            advance(1)
            yield path, result
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        for path, result in zip(paths, pool.map(job, paths, chunksize=CHUNK), strict=True):
            advance(1)
            yield path, result
