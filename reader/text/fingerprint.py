"""The pipeline's version and fingerprint: what caches of its output are keyed by.

Light on purpose (no pipeline stage is imported): the app checks its cache with it before any of
the pipeline is needed, so opening a cached report never pays for importing the pipeline.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

PIPELINE_VERSION = "1"
"""Bumped whenever the pipeline's output may change: caches keyed by it are invalidated."""

_fingerprint: str | None = None


def pipeline_fingerprint() -> str:
    """`PIPELINE_VERSION` plus a hash of the pipeline's source files (every `reader/text/*.py` and
    `reader/pdf/*.py`), so
    that a changed pipeline never serves stale sentences or offsets."""
    global _fingerprint
    if _fingerprint is None:
        digest = hashlib.sha256(PIPELINE_VERSION.encode())
        pdf_reader = Path(__file__).parent.parent / "pdf"  # a PDF's Document depends on it too
        for source in sorted([*Path(__file__).parent.glob("*.py"), *pdf_reader.glob("*.py")]):
            digest.update(source.name.encode() + b"\0" + source.read_bytes())
        _fingerprint = f"{PIPELINE_VERSION}-{digest.hexdigest()[:12]}"
    return _fingerprint
