"""`reader import-labels`: read labels in the native JSONL export format and put them in the store.

A line is a JSON object with at least `id` (sentence id), `doc`, `text`, `label`, `annotator`, and
optionally `section`, `line`, `start`, `end`, `created`, `updated`, `note`. Every line is checked
before anything is written; a bad line stops the import with its file name and line number.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.store.errors import StoreError
from reader.store.labelset import LabelSet

REQUIRED = ("id", "doc", "text", "label", "annotator")


@dataclass
class ParsedFile:
    records: list[dict[str, Any]]
    """Store-shaped records (`sentence` instead of `id`)."""
    skipped_none: int
    """Records labelled `none`: negatives come from reviewed marks, not stored as labels."""


def read_jsonl(path: Path, labelset: LabelSet, *, annotator: str | None = None) -> ParsedFile:
    """Parse and check a JSONL file of label records; raise StoreError naming file and line if bad."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise StoreError(f"{path}: no such file") from exc
    except OSError as exc:
        raise StoreError(f"{path}: cannot read it ({exc.strerror})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StoreError(f"{path}: not UTF-8 text (byte {exc.start}); export it again as UTF-8") from exc
    records: list[dict[str, Any]] = []
    skipped = 0
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue

        def bad(what: str, lineno: int = lineno) -> StoreError:
            return StoreError(f"{path}:{lineno}: {what}; fix or remove that line and import again")

        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise bad(f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
        if not isinstance(obj, dict):
            raise bad("not a JSON object")
        if annotator and not obj.get("annotator"):
            obj["annotator"] = annotator
        missing = [k for k in REQUIRED if obj.get(k) in (None, "")]
        if missing:
            raise bad(f"missing field(s) {', '.join(missing)}")
        for k in ("id", "doc", "text", "label", "annotator"):
            if not isinstance(obj[k], str):
                raise bad(f"field {k} must be a string")
        if obj["label"] == "none":
            skipped += 1
            continue
        if obj["label"] not in labelset:
            raise bad(f"unknown label {obj['label']!r} (the labels are {', '.join(labelset.names)})")
        section = obj.get("section") or []
        if isinstance(section, str):
            section = [section]
        if not isinstance(section, list) or not all(isinstance(s, str) for s in section):
            raise bad("field section must be a list of titles")
        for k in ("line", "start", "end"):
            if obj.get(k) is not None and (not isinstance(obj[k], int) or isinstance(obj[k], bool)):
                raise bad(f"field {k} must be an integer")
        note = obj.get("note")
        if note is not None and not isinstance(note, str):
            raise bad("field note must be a string")
        records.append(
            {
                "doc": obj["doc"],
                "sentence": obj["id"],
                "text": obj["text"],
                "label": obj["label"],
                "annotator": obj["annotator"],
                "section": section,
                "line": obj.get("line"),
                "start": obj.get("start"),
                "end": obj.get("end"),
                "note": note,
                "created": obj.get("created") if isinstance(obj.get("created"), str) else None,
                "updated": obj.get("updated") if isinstance(obj.get("updated"), str) else None,
            }
        )
    return ParsedFile(records, skipped)
