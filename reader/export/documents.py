"""Documents for export and stats: just the sentence table of each report, fast and cached.

Export needs, per report, its hash and its sentences' id, index, text, kind, offsets, raw line and
section; nothing else of the `Document`. Those rows are kept in `<annotations>/.cache/export/`,
one `marshal` file per (document id, hash of the raw bytes, pipeline fingerprint), which reads back
in well under a millisecond (unpickling a whole `Document` costs more than half of running the
pipeline again). The fingerprint is `PIPELINE_VERSION` plus a hash of the pipeline's source files,
so a changed pipeline never serves stale positions, even before its version is bumped.

Cache misses are processed in a pool of worker processes when there are many of them. The cache is
best effort: an unwritable or damaged entry just means the pipeline runs.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from reader.errors import ReaderError
from reader.files import write_cache_file

CACHE_SUBDIR = Path(".cache") / "export"
POOL_THRESHOLD = 24
"""Fewer uncached documents than this are processed in this process (a pool costs ~0.1 s)."""
_FORMAT = 1


class Row(NamedTuple):
    """The parts of `reader.text.model.Sentence` an export needs (same attribute names)."""

    id: str
    index: int
    text: str
    kind: str
    start: int
    end: int
    line: int
    section: tuple[str, ...]


class DocRows(NamedTuple):
    """Stands in for a `Document` in export and stats: `id`, `sha256`, `sentences`."""

    id: str
    sha256: str
    sentences: list[Row]


def pipeline_fingerprint() -> str:
    from reader.text.pipeline import pipeline_fingerprint as fingerprint

    return f"{fingerprint()}/{_FORMAT}"


def _process(doc_id: str, raw: bytes, path: str) -> tuple[str, list[tuple]]:
    from reader.text.pipeline import process_bytes

    doc = process_bytes(raw, doc_id, name=path, path=path)
    return doc.sha256, [
        (s.id, s.index, s.text, s.kind, s.start, s.end, s.line, tuple(s.section)) for s in doc.sentences
    ]


def _process_job(job: tuple[str, bytes, str]) -> tuple[str, list[tuple]] | ReaderError:
    try:
        return _process(*job)
    except ReaderError as exc:  # returned, not raised: one bad file must not stop the others
        return exc


class DocumentSource:
    """Load many documents' sentence tables at once, through the cache."""

    def __init__(self, annotations_dir: Path | None) -> None:
        self.folder = Path(annotations_dir) / CACHE_SUBDIR if annotations_dir else None
        # Never create an annotations folder just for a cache.
        self.writable = bool(annotations_dir and Path(annotations_dir).is_dir())

    def _entry(self, doc_id: str, sha: str) -> Path | None:
        if self.folder is None:
            return None
        key = hashlib.sha256(f"{doc_id}\0{sha}\0{pipeline_fingerprint()}".encode()).hexdigest()[:40]
        return self.folder / f"{key}.marshal"

    def _read(self, entry: Path | None, doc_id: str, sha: str) -> DocRows | None:
        if entry is None:
            return None
        try:
            stored_id, stored_sha, rows = marshal.loads(entry.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return None
        if stored_id != doc_id or stored_sha != sha:
            return None
        return DocRows(doc_id, sha, [Row._make(r) for r in rows])

    def _write(self, entry: Path | None, doc_id: str, sha: str, rows: list[tuple]) -> None:
        if entry is None or not self.writable:
            return
        with contextlib.suppress(OSError):
            write_cache_file(entry, marshal.dumps((doc_id, sha, rows)))

    def load_all(
        self, paths: dict[str, Path], advance: Callable[[int], object] | None = None
    ) -> Iterator[tuple[str, DocRows | ReaderError]]:
        """Yield (document id, rows or the ReaderError saying why it cannot be read), in the order of
        `paths` for cached documents, then the others as they are processed."""
        advance = advance or (lambda n: None)
        misses: list[tuple[str, bytes, str, Path | None]] = []
        for doc_id, path in paths.items():
            try:
                raw = path.read_bytes()
            except FileNotFoundError:
                yield doc_id, ReaderError(f"{path}: no such file")
                advance(1)
                continue
            except OSError as exc:
                yield doc_id, ReaderError(f"{path}: cannot be read ({exc.strerror})")
                advance(1)
                continue
            sha = hashlib.sha256(raw).hexdigest()
            entry = self._entry(doc_id, sha)
            rows = self._read(entry, doc_id, sha)
            if rows is not None:
                yield doc_id, rows
                advance(1)
            else:
                misses.append((doc_id, raw, str(path), entry))
        yield from self._process_misses(misses, advance)

    def _process_misses(self, misses, advance) -> Iterator[tuple[str, DocRows | ReaderError]]:
        jobs = [(doc_id, raw, path) for doc_id, raw, path, _ in misses]
        workers = os.cpu_count() or 1
        if len(jobs) >= POOL_THRESHOLD and workers > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
            with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
                results = pool.map(_process_job, jobs, chunksize=4)
                yield from self._store_results(misses, results, advance)
        else:
            yield from self._store_results(misses, map(_process_job, jobs), advance)

    def _store_results(self, misses, results, advance) -> Iterator[tuple[str, DocRows | ReaderError]]:
        for (doc_id, _, _, entry), result in zip(misses, results, strict=True):
            advance(1)
            if isinstance(result, ReaderError):
                yield doc_id, result
                continue
            sha, rows = result
            self._write(entry, doc_id, sha, rows)
            yield doc_id, DocRows(doc_id, sha, [Row._make(r) for r in rows])


def load_rows(path: Path, annotations_dir: Path | None = None) -> Any:
    """One document's rows (raises ReaderError when it cannot be read)."""
    ((_, result),) = DocumentSource(annotations_dir).load_all({Path(path).stem: Path(path)})
    if isinstance(result, ReaderError):
        raise result
    return result
