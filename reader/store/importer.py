"""`reader import-labels`: read labels in the native JSONL export format and put them in the store.

A line is a JSON object with at least `id` (sentence id), `doc`, `text`, `label`, `annotator`, and
optionally `section`, `line`, `start`, `end`, `created`, `updated`, `note`, `text_changed`,
`labelled_text`, `implicit`, `reviewed`, `review_scope`. Every line is checked before anything is
written; a bad line stops the import with its file name and line number.

What comes back: labels; explicit nones (`label: "none"`); review marks (`reviewed` with its
`review_scope`, the times taken from the negatives it produced); notes, also on sentences without a
label (`label: null`, as in the `FILE.notes.jsonl` beside an export). A `none` with `implicit: true`
is not stored as a label: the review mark it came from brings it back. A `none` from an export made
before `implicit` existed is kept as an explicit none (what it said is not lost).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from reader.labels import NONE, LabelSet, now
from reader.store.errors import StoreError

REQUIRED = ("id", "doc", "text", "label", "annotator")
_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|\+00:00)$")


@dataclass
class ParsedFile:
    records: list[dict[str, Any]]
    """Store-shaped records (`sentence` instead of `id`)."""
    skipped_none: int
    """Negatives that come from review marks (`implicit`): brought back by their mark."""
    marks: list[dict[str, Any]] = field(default_factory=list)
    """Review marks: {doc, annotator, section, created, updated}."""


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
    items = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise StoreError(
                f"{path}:{lineno}: not valid JSON ({exc.msg} at column {exc.colno}); "
                "fix or remove that line and import again"
            ) from exc
        items.append((f"{path}:{lineno}", obj))
    return parse_records(items, labelset, annotator=annotator)


def utc_time(value: Any) -> bool:
    """Whether `value` is an ISO 8601 time in UTC (`2025-03-05T08:00:00Z`, fractions and +00:00 allowed)."""
    if not isinstance(value, str) or not _UTC.match(value):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def parse_records(items: Iterable[tuple[str, Any]], labelset: LabelSet, *, annotator: str | None = None) -> ParsedFile:
    """Check label records (each with where it comes from, e.g. "labels.jsonl:3") and turn them into
    store records; a StoreError naming the place of the first bad one."""
    records: list[dict[str, Any]] = []
    marks: dict[tuple[str, str, tuple[str, ...]], dict[str, Any]] = {}
    skipped = 0
    for where, obj in items:

        def bad(what: str, where: str = where) -> StoreError:
            return StoreError(f"{where}: {what}; fix or remove that line and import again")

        if not isinstance(obj, dict):
            raise bad("not a JSON object")
        for k in ("created", "updated"):
            if obj.get(k) is not None and not utc_time(obj[k]):
                raise bad(f"field {k} {obj[k]!r} is not an ISO 8601 UTC time like 2025-03-05T08:00:00Z")
        if annotator and not obj.get("annotator"):
            obj["annotator"] = annotator
        note_only = obj.get("label") is None and isinstance(obj.get("note"), str) and obj["note"].strip()
        missing = [k for k in REQUIRED if obj.get(k) in (None, "") and not (k == "label" and note_only)]
        if missing:
            raise bad(f"missing field(s) {', '.join(missing)}")
        for k in ("id", "doc", "text", "label", "annotator"):
            if not isinstance(obj[k], str) and not (k == "label" and note_only):
                raise bad(f"field {k} must be a string")
        if obj["label"] is not None and obj["label"] != NONE and obj["label"] not in labelset:
            raise bad(f"unknown label {obj['label']!r} (the labels are {', '.join(labelset.names)}, or none)")
        for k in ("implicit", "reviewed", "text_changed"):
            if k in obj and not isinstance(obj[k], bool):
                raise bad(f"field {k} must be true or false")
        scope = obj.get("review_scope") or []
        if not isinstance(scope, list) or not all(isinstance(s, str) for s in scope):
            raise bad("field review_scope must be a list of titles")
        stamp = (obj.get("updated") if isinstance(obj.get("updated"), str) else None) or now()
        if obj.get("reviewed"):
            key = (obj["doc"], obj["annotator"], tuple(scope))
            mark = marks.setdefault(
                key, {"doc": key[0], "annotator": key[1], "section": list(scope), "created": None, "updated": None}
            )
            if obj.get("implicit") and mark["created"] is None:
                mark["created"] = obj.get("created") if isinstance(obj.get("created"), str) else stamp
                mark["updated"] = stamp
        if obj["label"] == NONE and obj.get("implicit"):
            skipped += 1
            if not obj.get("reviewed"):
                raise bad("a none with implicit true needs reviewed true and its review_scope")
            if not (isinstance(obj.get("note"), str) and obj["note"].strip()):
                continue
            obj["label"] = None  # the note of a negative is kept on its sentence
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
                "text_changed": bool(obj.get("text_changed")),
                "labelled_text": obj.get("labelled_text") if obj.get("text_changed") else None,
            }
        )
    for mark in marks.values():
        mark["created"] = mark["created"] or now()
        mark["updated"] = mark["updated"] or mark["created"]
    return ParsedFile(records, skipped, list(marks.values()))


def notes_file(path: Path) -> Path:
    """The notes beside an export: `FILE.jsonl` → `FILE.notes.jsonl`."""
    return path.with_name(path.name.removesuffix(".jsonl") + ".notes.jsonl")
