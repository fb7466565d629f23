"""Output formats, each a function of the native records: jsonl, doccano, prodigy, csv.

- jsonl (native): the records as they are, one JSON object a line.
- doccano (text classification JSONL): `{"text", "label": [label], …}` with every other native
  field beside them (doccano keeps unknown keys as metadata).
- prodigy (textcat): `{"text", "label", "answer": "accept", "meta": {…other fields}}`.
- csv: one row per record, UTF-8 with a BOM so spreadsheets detect the encoding; `section` is
  joined with " > " and `tokens` with spaces.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from typing import Any, TextIO

FORMATS = ("jsonl", "doccano", "prodigy", "csv")
CHUNK = 5000
Advance = Callable[[int], object]
SECTION_SEPARATOR = " > "


def to_doccano(record: dict[str, Any]) -> dict[str, Any]:
    out = {"text": record["text"], "label": [record["label"]]}
    out.update((k, v) for k, v in record.items() if k not in out)
    return out


def to_prodigy(record: dict[str, Any]) -> dict[str, Any]:
    meta = {k: v for k, v in record.items() if k not in ("text", "label")}
    return {"text": record["text"], "label": record["label"], "answer": "accept", "meta": meta}


# One encoder for the whole file: json.dumps with options builds a new encoder per call.
_dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _write_jsonl(
    records: Iterable[dict[str, Any]],
    out: TextIO,
    convert: Callable[[dict[str, Any]], dict[str, Any]] | None,
    advance: Advance,
) -> None:
    buf: list[str] = []
    for record in records:
        buf.append(_dump(convert(record) if convert else record))
        if len(buf) >= CHUNK:
            out.write("\n".join(buf) + "\n")
            advance(len(buf))
            buf.clear()
    if buf:
        out.write("\n".join(buf) + "\n")
        advance(len(buf))


def csv_columns(records: list[dict[str, Any]]) -> list[str]:
    columns: list[str] = []
    for record in records[:1]:
        columns.extend(record)
    if not columns:
        from reader.export.records import NATIVE_FIELDS

        columns = list(NATIVE_FIELDS)
    return columns


def _csv_cell(value: Any, key: str) -> Any:
    if value is None:
        return ""
    if key == "section":
        return SECTION_SEPARATOR.join(value)
    if key == "tokens":
        return " ".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _write_csv(records: list[dict[str, Any]], out: TextIO, advance: Advance) -> None:
    columns = csv_columns(records)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for i in range(0, len(records), CHUNK):
        chunk = records[i : i + CHUNK]
        writer.writerows([_csv_cell(r.get(k), k) for k in columns] for r in chunk)
        advance(len(chunk))


def write(records: list[dict[str, Any]], out: TextIO, fmt: str, advance: Advance | None = None) -> None:
    """Write records to an open text stream (opened with newline="" for csv); `advance(n)` is
    called as records are written."""
    advance = advance or (lambda n: None)
    if fmt == "jsonl":
        _write_jsonl(records, out, None, advance)
    elif fmt == "doccano":
        _write_jsonl(records, out, to_doccano, advance)
    elif fmt == "prodigy":
        _write_jsonl(records, out, to_prodigy, advance)
    elif fmt == "csv":
        _write_csv(records, out, advance)
    else:  # the CLI validates first; this is for library callers
        from reader.errors import ReaderError

        raise ReaderError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def render(records: list[dict[str, Any]], fmt: str) -> str:
    """The whole output as a string (without the csv BOM): for tests and small exports."""
    buf = io.StringIO(newline="")
    write(records, buf, fmt)
    return buf.getvalue()


def encoding(fmt: str) -> str:
    return "utf-8-sig" if fmt == "csv" else "utf-8"
