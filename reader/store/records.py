"""The shape of stored records: label records, reviewed marks, positions; times in ISO 8601 UTC."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

SCHEMA = 1

LABEL_KEYS = (
    "doc",
    "sentence",
    "text",
    "label",
    "annotator",
    "created",
    "updated",
    "section",
    "line",
    "start",
    "end",
    "note",
    "orphan",
    "schema",
)
_WS = re.compile(r"\s+")


def now() -> str:
    """The current time as `2026-11-24T12:00:00Z`."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def squeeze(text: str) -> str:
    """Text without any whitespace: how labels find their sentence again after a reflow."""
    return _WS.sub("", text)


def label_record(
    doc: str,
    sentence: str,
    label: str | None,
    *,
    annotator: str,
    text: str,
    section=(),
    line=None,
    start=None,
    end=None,
    note=None,
    created=None,
    updated=None,
    orphan=False,
) -> dict[str, Any]:
    """A complete label record (every key present, so an update is always a full replacement)."""
    stamp = now()
    return {
        "doc": doc,
        "sentence": sentence,
        "text": text,
        "label": label,
        "annotator": annotator,
        "created": created or stamp,
        "updated": updated or stamp,
        "section": list(section or ()),
        "line": line,
        "start": start,
        "end": end,
        "note": note or None,
        "orphan": bool(orphan),
        "schema": SCHEMA,
    }


def same_content(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two label records say the same thing (label and note), whatever their times."""
    return a.get("label") == b.get("label") and (a.get("note") or None) == (b.get("note") or None)
