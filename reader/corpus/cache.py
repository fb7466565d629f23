"""A per-file cache of the text pipeline's output, under `<annotations>/.cache/pipeline/`.

Documents are pickled under the hash of their raw bytes, the document id and the pipeline's
fingerprint (`PIPELINE_VERSION` + its source), so an edited report
or a new pipeline never reads a stale entry. A small JSON index (file name, size, mtime → hash and
sentence counts) lets the library show progress without reading or hashing unchanged files.
Everything here is best effort: an unreadable or damaged cache entry is recomputed, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

from reader.files import write_cache_file

CACHE_SUBDIR = Path(".cache") / "pipeline"


@dataclass(frozen=True, slots=True)
class Summary:
    """What the library needs to know about a report without loading it."""

    sha256: str
    sentences: int
    """Labelling units that can take a label (body sentences; headings excluded)."""
    headings: int


def pipeline_version() -> str:
    from reader.text.fingerprint import pipeline_fingerprint

    return pipeline_fingerprint()


SUMMARY_RULE = 2
"""Bumped when what a summary counts changes (2: labelling units by `is_unit`, as the reading
screen and the stats count them): older indexes are then not read."""


def summarize(document) -> Summary:
    from reader.labels import is_unit

    labellable = sum(1 for s in document.sentences if is_unit(s))
    return Summary(document.sha256, labellable, len(document.outline))


class DocumentCache:
    """Load documents through the pipeline, remembering the result per content hash."""

    def __init__(self, annotations_dir: str | Path, *, enabled: bool = True) -> None:
        self.folder = Path(annotations_dir) / CACHE_SUBDIR
        self.enabled = enabled
        self._version: str | None = None
        self._index: dict[str, dict] | None = None
        self._dirty = 0
        self._by_sha: dict[str, dict] | None = None
        self._lock = threading.Lock()

    @property
    def version(self) -> str:
        if self._version is None:
            self._version = pipeline_version()
        return self._version

    # -- documents -------------------------------------------------------------------------------

    def load(self, path: str | Path):
        """The Document of a report file: from the cache when its bytes were processed before."""
        from reader.errors import ReaderError

        path = Path(path)
        try:
            raw = path.read_bytes()
            stat = path.stat()
        except FileNotFoundError:
            raise ReaderError(f"{path}: no such file") from None
        except OSError as exc:
            raise ReaderError(f"{path}: cannot read ({exc.strerror})") from None
        sha = hashlib.sha256(raw).hexdigest()
        entry = self._entry(path, sha)
        document = self._read_pickle(entry, sha, path.stem)
        if document is None:
            from reader.text.pipeline import process_bytes

            document = process_bytes(raw, path.stem)
            if not getattr(document, "path", None):
                document.path = str(path)
            if self.enabled:
                # A read-only annotations folder: work without a cache.
                with contextlib.suppress(OSError):
                    write_cache_file(entry, pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL))
        document.path = str(path)
        self._remember(path, stat, summarize(document))
        return document

    def cached(self, path: str | Path, max_bytes: int):
        """The Document of a report of at most `max_bytes` when the cache holds it, else None.

        Never runs the pipeline, never raises: what cannot be answered at once is None (the
        caller then uses `load` off the UI thread).
        """
        path = Path(path)
        try:
            stat = path.stat()
            if stat.st_size > max_bytes:
                return None
            raw = path.read_bytes()
        except OSError:
            return None
        sha = hashlib.sha256(raw).hexdigest()
        document = self._read_pickle(self._entry(path, sha), sha, path.stem)
        if document is not None:
            document.path = str(path)
            self._remember(path, stat, summarize(document))
        return document

    def _entry(self, path: Path, sha: str) -> Path:
        # The document id (the file's stem) is part of the key: two files with the same bytes are
        # two documents, and their sentence ids (which start with the document id) must differ.
        stem_key = hashlib.sha256(path.stem.encode("utf-8")).hexdigest()[:12]
        return self.folder / f"{sha[:40]}-{stem_key}-v{self.version}.pickle"

    def _read_pickle(self, entry: Path, sha: str, doc_id: str):
        if not self.enabled:
            return None
        try:
            with entry.open("rb") as handle:
                document = pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception:
            return None
        if getattr(document, "sha256", None) != sha or getattr(document, "id", None) != doc_id:
            return None
        return document

    # -- summaries (the library's progress figures) ----------------------------------------------

    @property
    def _index_path(self) -> Path:
        return self.folder / f"index-v{self.version}.{SUMMARY_RULE}.json"

    def _load_index(self) -> dict[str, dict]:
        if self._index is None:
            try:
                self._index = json.loads(self._index_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._index = {}
        return self._index

    def _remember(self, path: Path, stat: os.stat_result, summary: Summary) -> None:
        with self._lock:
            index = self._load_index()
            item = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, **asdict(summary)}
            index[str(path.resolve())] = item
            if self._by_sha is not None:
                self._by_sha[summary.sha256] = item
            self._dirty += 1

    def known_summary(self, path: Path, size: int, mtime_ns: int) -> Summary | None:
        """The summary of an unchanged file from the index (no file read), else None."""
        with self._lock:
            item = self._load_index().get(str(Path(path).resolve()))
        if item and item.get("size") == size and item.get("mtime_ns") == mtime_ns:
            return Summary(item["sha256"], item["sentences"], item["headings"])
        return None

    def summary(self, path: Path, size: int, mtime_ns: int) -> Summary:
        """The summary of a report, running the pipeline only if the file is new or changed."""
        known = self.known_summary(path, size, mtime_ns)
        if known is not None:
            return known
        path = Path(path)
        try:
            raw = path.read_bytes()
            stat = path.stat()
        except OSError:
            return summarize(self.load(path))  # load() words the error
        sha = hashlib.sha256(raw).hexdigest()
        with self._lock:
            if self._by_sha is None:
                self._by_sha = {item.get("sha256"): item for item in self._load_index().values()}
            same = self._by_sha.get(sha)
        if same is not None:  # the same bytes under another name (or moved): no pipeline run
            summary = Summary(sha, same["sentences"], same["headings"])
            self._remember(path, stat, summary)
            return summary
        return summarize(self.load(path))

    def save_index(self) -> None:
        """Write the index if it changed (call after a batch; cheap when nothing changed)."""
        with self._lock:
            if not self._dirty or not self.enabled or self._index is None:
                return
            data = json.dumps(self._index, ensure_ascii=False).encode("utf-8")
            self._dirty = 0
        with contextlib.suppress(OSError):
            write_cache_file(self._index_path, data)
