"""`reader import-labels`: read labels in the native JSONL export format and put them in the store.

A line is a JSON object with at least `id` (sentence id), `doc`, `text`, `label`, `annotator`, and
optionally `section`, `line`, `start`, `end`, `created`, `updated`, `note`, `text_changed`,
`labelled_text`, `implicit`, `reviewed`, `review_scope`, `unit` and `sentence` (a clause's record:
`unit: "clause"`, `id` its key `SENTENCE#START-END`, `text` the clause). Every line is checked before anything is
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

from reader.labels import NONE, LabelRecord, LabelSet, now
from reader.labels.clauses import CLAUSE, SENTENCE, parse_key
from reader.store.errors import StoreError

REQUIRED = ("id", "doc", "text", "label", "annotator")
_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|\+00:00)$")


@dataclass
class ParsedFile:
    records: list[LabelRecord]
    """The records to store (`sentence` instead of `id`)."""
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


def _bad(where: str, what: str) -> StoreError:
    return StoreError(f"{where}: {what}; fix or remove that line and import again")


def _titles(value: Any) -> bool:
    """A list of strings (section titles)."""
    return isinstance(value, list) and (not value or all(isinstance(title, str) for title in value))


def parse_records(items: Iterable[tuple[str, Any]], labelset: LabelSet, *, annotator: str | None = None) -> ParsedFile:
    """Check label records (each with where it comes from, e.g. "labels.jsonl:3") and turn them into
    store records; a StoreError naming the place of the first bad one.

    One pass, a constant amount of work per record: a time string already found valid is not parsed
    again, and records without times get the import's own time (one clock read per import).
    """
    records: list[LabelRecord] = []
    marks: dict[tuple[str, str, tuple[str, ...]], dict[str, Any]] = {}
    skipped = 0
    stamp = now()
    valid_times: set[str] = set()
    names = frozenset(labelset.names) | {NONE}
    for where, obj in items:
        if not isinstance(obj, dict):
            raise _bad(where, "not a JSON object")
        get = obj.get
        created, updated = get("created"), get("updated")
        for k, value in (("created", created), ("updated", updated)):
            if value is not None and value not in valid_times:
                if not utc_time(value):
                    raise _bad(where, f"field {k} {value!r} is not an ISO 8601 UTC time like 2025-03-05T08:00:00Z")
                valid_times.add(value)
        if annotator and not get("annotator"):
            obj["annotator"] = annotator
        label, note = get("label"), get("note")
        note_only = label is None and isinstance(note, str) and note.strip()
        missing = [k for k in REQUIRED if get(k) in (None, "") and not (k == "label" and note_only)]
        if missing:
            raise _bad(where, f"missing field(s) {', '.join(missing)}")
        for k in REQUIRED:
            if not isinstance(obj[k], str) and not (k == "label" and note_only):
                raise _bad(where, f"field {k} must be a string")
        if label is not None and label not in names:
            raise _bad(where, f"unknown label {label!r} (the labels are {', '.join(labelset.names)}, or none)")
        implicit, reviewed, text_changed = get("implicit", False), get("reviewed", False), get("text_changed", False)
        for k, value in (("implicit", implicit), ("reviewed", reviewed), ("text_changed", text_changed)):
            if not isinstance(value, bool):
                raise _bad(where, f"field {k} must be true or false")
        scope = get("review_scope") or []
        if not _titles(scope):
            raise _bad(where, "field review_scope must be a list of titles")
        if reviewed:
            key = (obj["doc"], obj["annotator"], tuple(scope))
            mark = marks.setdefault(
                key, {"doc": key[0], "annotator": key[1], "section": list(scope), "created": None, "updated": None}
            )
            if implicit and mark["created"] is None:
                mark["created"] = created or updated or stamp
                mark["updated"] = updated or stamp
        if label == NONE and implicit:
            skipped += 1
            if not reviewed:
                raise _bad(where, "a none with implicit true needs reviewed true and its review_scope")
            if not (isinstance(note, str) and note.strip()):
                continue
            label = None  # the note of a negative is kept on its sentence
        section = get("section") or []
        if isinstance(section, str):
            section = [section]
        if not _titles(section):
            raise _bad(where, "field section must be a list of titles")
        for k in ("line", "start", "end"):
            value = get(k)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                raise _bad(where, f"field {k} must be an integer")
        if note is not None and not isinstance(note, str):
            raise _bad(where, "field note must be a string")
        unit = get("unit") or SENTENCE
        sentence_id, clause = parse_key(obj["id"]) if unit == CLAUSE else (obj["id"], None)
        if unit not in (SENTENCE, CLAUSE):
            raise _bad(where, f"field unit must be {SENTENCE!r} or {CLAUSE!r}, not {unit!r}")
        if unit == CLAUSE and clause is None:
            raise _bad(where, "a clause's id must be its sentence id and offsets, SENTENCE#START-END")
        clause_fields = {}
        if clause is not None:  # `text` is the clause until the app re-attaches it to its sentence
            clause_fields = {
                "unit": CLAUSE,
                "clause_start": clause[0],
                "clause_end": clause[1],
                "clause_text": get("labelled_text") if text_changed else obj["text"],
            }
            if obj.get("start") is not None:  # the export's offsets are the clause's; the record's its sentence's
                obj = {**obj, "start": obj["start"] - clause[0], "end": None}
                get = obj.get
        records.append(
            LabelRecord.from_dict(
                {
                    **clause_fields,
                    "doc": obj["doc"],
                    "sentence": sentence_id,
                    "text": obj["text"],
                    "label": label,
                    "annotator": obj["annotator"],
                    "section": section,
                    "line": get("line"),
                    "start": get("start"),
                    "end": get("end"),
                    "note": note,
                    "created": created or stamp,
                    "updated": updated or stamp,
                    "text_changed": text_changed,
                    "labelled_text": get("labelled_text") if text_changed and clause is None else None,
                }
            )
        )
    for mark in marks.values():
        mark["created"] = mark["created"] or stamp
        mark["updated"] = mark["updated"] or mark["created"]
    return ParsedFile(records, skipped, list(marks.values()))


def notes_file(path: Path) -> Path:
    """The notes beside an export: `FILE.jsonl` → `FILE.notes.jsonl`."""
    return path.with_name(path.name.removesuffix(".jsonl") + ".notes.jsonl")
