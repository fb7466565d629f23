"""The extraction of a report, cached under `<annotations>/.cache/indicators/`.

An entry is the report's records as JSON, keyed by the document id, the hash of its raw bytes, the
pipeline's fingerprint and the extractor's (a hash of `reader/indicators/*.py` and of the part rule
it reads, `reader/suggest/context.py`): an edited report, a new pipeline or a changed extractor never
reads a stale entry. Best effort: an unreadable, damaged or unwritable entry means the extractor runs.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
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
            from reader.store.storage import atomic_write

            payload = json.dumps([r.to_dict() for r in records], ensure_ascii=False).encode("utf-8")
            with contextlib.suppress(OSError):
                entry.parent.mkdir(parents=True, exist_ok=True)
                atomic_write(entry, payload, sync_file=False, sync_dir=False)
        return records
