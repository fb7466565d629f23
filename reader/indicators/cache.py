"""The extraction of a report, and a batch job's result per report, cached under
`<annotations>/.cache/indicators/`.

`ExtractionCache` (the app's figures): an entry is the report's records as JSON, keyed by the
document id, the hash of its raw bytes, the pipeline's fingerprint and the extractor's (a hash of
`reader/indicators/*.py` and of the part rule it reads, `reader/suggest/context.py`): an edited
report, a new pipeline or a changed extractor never reads a stale entry. Best effort: an
unreadable, damaged or unwritable entry means the extractor runs.
`ResultCache` (`reader indicators FOLDER`): every report's result of one job in one file, so that a
second run over an unchanged corpus only hashes the files.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import pickle
from pathlib import Path
from typing import Any

from reader.indicators.model import FIELDS, Indicator

CACHE_SUBDIR = Path(".cache") / "indicators"
_FORMAT = 1

_fingerprint: str | None = None


def extractor_fingerprint() -> str:
    """The pipeline's fingerprint plus a hash of the extractor's sources."""
    global _fingerprint
    if _fingerprint is None:
        from reader.text.fingerprint import pipeline_fingerprint

        here = Path(__file__).resolve().parent
        digest = hashlib.sha256(f"{pipeline_fingerprint()}/{_FORMAT}".encode())
        for source in [*sorted(here.glob("*.py")), here.parent / "suggest" / "context.py"]:
            digest.update(source.name.encode() + b"\0" + source.read_bytes())
        _fingerprint = digest.hexdigest()[:16]
    return _fingerprint


def _record(data: dict[str, Any]) -> Indicator:
    return Indicator(**{**{k: data[k] for k in FIELDS}, "section": tuple(data["section"])})


class ExtractionCache:
    """`records(doc)`: the extraction of a document, from the cache when it was done before."""

    def __init__(self, annotations_dir: str | Path | None) -> None:
        self.folder = Path(annotations_dir) / CACHE_SUBDIR if annotations_dir is not None else None

    def _entry(self, doc) -> Path | None:
        if self.folder is None or not getattr(doc, "sha256", ""):
            return None
        key = hashlib.sha256(f"{doc.id}\0{doc.sha256}\0{extractor_fingerprint()}".encode()).hexdigest()[:40]
        return self.folder / f"{key}.json"

    def records(self, doc) -> list[Indicator]:
        entry = self._entry(doc)
        if entry is not None:
            with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
                return [_record(d) for d in json.loads(entry.read_bytes())]
        from reader.indicators.extract import extract

        records = extract(doc)
        if entry is not None:
            from reader.files import write_cache_file

            payload = json.dumps([r.to_dict() for r in records], ensure_ascii=False).encode("utf-8")
            with contextlib.suppress(OSError):
                write_cache_file(entry, payload)
        return records


class ResultCache:
    """A batch job's result per report (`batch.summary_job` for the corpus table, `batch.records_job`
    for `--json` over a folder), kept between runs in one file under `<annotations>/.cache/indicators/`
    named for the job and the extractor's fingerprint (a new pipeline or extractor starts afresh).
    An entry is keyed by the document id and the hash of the report's bytes, so a second run over a
    corpus reads and hashes each file and runs nothing for the unchanged ones. Entries are kept
    pickled, as the worker that made them sent them: saving writes them as they are. Reports with
    corrections are never cached here (`batch.run` runs them). Best effort, like `ExtractionCache`."""

    MAX_ENTRIES = 100_000
    """Entries not used by the last run are dropped beyond this many (a few KB each)."""

    def __init__(self, annotations_dir: str | Path | None, job: str) -> None:
        folder = Path(annotations_dir) / CACHE_SUBDIR if annotations_dir is not None else None
        self.file = folder / f"{job}-{extractor_fingerprint()}.pickle" if folder is not None else None
        self._entries: dict[str, bytes] | None = None
        self._used: set[str] = set()
        self._changed = False

    @staticmethod
    def key(path: Path) -> str | None:
        """The entry key of a report file: its document id and the hash of its bytes (None if unreadable)."""
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        return ResultCache.entry_key(path.stem, hashlib.sha256(raw).hexdigest())

    @staticmethod
    def entry_key(doc_id: str, sha256: str) -> str:
        """The entry key of a report whose bytes hash to `sha256` (hex), as `key` makes it."""
        return f"{doc_id}\0{sha256}"

    def _load(self) -> dict[str, bytes]:
        if self._entries is None:
            self._entries = {}
            if self.file is not None:
                with contextlib.suppress(Exception):  # missing, damaged, or from another version
                    entries = pickle.loads(self.file.read_bytes())
                    if isinstance(entries, dict):
                        self._entries = entries
        return self._entries

    def empty(self) -> bool:
        """Whether there is nothing to look up (a first run: no need to hash the files beforehand)."""
        return not self._load()

    def get(self, key: str) -> Any | None:
        payload = self._load().get(key)
        if payload is None:
            return None
        try:
            found = pickle.loads(payload)
        except Exception:  # a damaged entry: the report runs again
            return None
        self._used.add(key)
        return found

    def put(self, key: str, payload: bytes) -> None:
        """Keep a result, pickled (`pickle.dumps(result)`)."""
        self._load()[key] = payload
        self._used.add(key)
        self._changed = True

    def save(self) -> None:
        """Write the entries if the run added any (atomically; an unwritable folder is no error)."""
        if self.file is None or not self._changed:
            return
        entries = self._load()
        if len(entries) > self.MAX_ENTRIES:
            entries = {k: v for k, v in entries.items() if k in self._used}
        from reader.files import write_cache_file

        with contextlib.suppress(OSError):
            write_cache_file(self.file, pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL))
        self._changed = False
