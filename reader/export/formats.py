"""Output formats, each a function of the native records and the export's classes.

- jsonl (native): the records as they are, one JSON object a line.
- doccano (text classification JSONL): `{"text", "label": [label], …}` with every other native
  field beside them (doccano keeps unknown keys as metadata).
- prodigy (binary, `classification` interface): `{"text", "label", "answer": "accept", "meta": {…}}`.
- prodigy-choice (`choice` interface, one exclusive label of all): `{"text", "options": [{"id",
  "text"}…], "accept": [label], "answer": "accept", "meta": {…}}`: Prodigy learns that the other
  options were not chosen, which a binary accept of `none` cannot say.
- labelstudio: a JSON array of tasks (`reader.export.labelstudio`).
- csv: one row per record, UTF-8 with a BOM so spreadsheets detect the encoding; `section` is
  joined with " > " and `tokens` with spaces; a cell that a spreadsheet would run as a formula
  (starting with = + - @, tab or carriage return) starts with an apostrophe.

A file's extension names its format (`.csv`, `.json` = Label Studio, `.jsonl` = one of the JSON
Lines formats); `resolve` turns `-o` and `--format` into one format or a clear error.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from pathlib import PurePath
from typing import Any, TextIO

from reader.errors import ReaderError
from reader.export.classes import Classes, classes
from reader.export.records import NATIVE_FIELDS, SECTION_SEPARATOR

SUFFIX = {
    "jsonl": ".jsonl",
    "doccano": ".jsonl",
    "prodigy": ".jsonl",
    "prodigy-choice": ".jsonl",
    "labelstudio": ".json",
    "csv": ".csv",
}
"""Each format and the extension of its files."""
FORMATS = tuple(SUFFIX)
DEFAULT_FOR_SUFFIX = {".jsonl": "jsonl", ".json": "labelstudio", ".csv": "csv"}
CHUNK = 5000
Advance = Callable[[int], object]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP's list)."""


def resolve(output: str, fmt: str | None) -> str:
    """The format of an export to `output` ("-" = stdout): the extension decides, `--format` may
    only agree with it (or pick among the JSON Lines formats); no extension: `--format`, else jsonl."""
    if fmt is not None and fmt not in SUFFIX:
        raise ReaderError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    suffix = PurePath(output).suffix.lower() if output != "-" else ""
    if not suffix:
        return fmt or "jsonl"
    if suffix not in DEFAULT_FOR_SUFFIX:
        raise ReaderError(
            f"cannot tell the format of {output} from {suffix}: name the file .jsonl (JSON Lines: "
            "jsonl, doccano, prodigy, prodigy-choice), .json (labelstudio) or .csv"
        )
    if fmt is None:
        return DEFAULT_FOR_SUFFIX[suffix]
    if SUFFIX[fmt] != suffix:
        right = PurePath(output).with_suffix(SUFFIX[fmt])
        raise ReaderError(
            f"-o {output} names a {suffix} file but --format {fmt} writes {SUFFIX[fmt]}; "
            f"use -o {right}, or drop --format to write {DEFAULT_FOR_SUFFIX[suffix]}"
        )
    return fmt


def columns(records: Iterable[dict[str, Any]]) -> list[str]:
    """The keys of the records: the native fields, then `orphan` and `tokens` when present. Every
    record must have them all (a table needs the same columns in every row)."""
    records = list(records)
    if not records:
        return list(NATIVE_FIELDS)
    first = records[0].keys()
    for i, record in enumerate(records):
        if record.keys() != first:
            raise ValueError(f"record {i} has keys {sorted(record)}, the first has {sorted(first)}")
    return list(first)


def to_doccano(record: dict[str, Any]) -> dict[str, Any]:
    out = {"text": record["text"], "label": [record["label"]]}
    out.update((k, v) for k, v in record.items() if k not in out)
    return out


def _meta(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in ("text", "label")}


def to_prodigy(record: dict[str, Any]) -> dict[str, Any]:
    return {"text": record["text"], "label": record["label"], "answer": "accept", "meta": _meta(record)}


def prodigy_options(names: Classes) -> list[dict[str, str]]:
    return [{"id": name, "text": names.title(name)} for name in names.names]


def to_prodigy_choice(record: dict[str, Any], options: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "text": record["text"],
        "options": options,
        "accept": [record["label"]],
        "answer": "accept",
        "meta": _meta(record),
    }


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


def csv_cell(value: Any, key: str) -> Any:
    """A record's value as a CSV cell (lists joined, booleans spelled, formulas defused)."""
    if value is None:
        return ""
    if key == "indicators":  # a list of records (`reader export --indicators`): as JSON
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):  # section paths (and any other list of titles) with " > ", words with spaces
        value = (" " if key == "tokens" else SECTION_SEPARATOR).join(value)
    elif isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _write_csv(records: list[dict[str, Any]], out: TextIO, advance: Advance) -> None:
    keys = columns(records)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(keys)
    for i in range(0, len(records), CHUNK):
        chunk = records[i : i + CHUNK]
        writer.writerows([csv_cell(r.get(k), k) for k in keys] for r in chunk)
        advance(len(chunk))


def write(
    records: list[dict[str, Any]],
    out: TextIO,
    fmt: str,
    advance: Advance | None = None,
    *,
    names: Classes | None = None,
    predictions: dict[str, Any] | None = None,
) -> None:
    """Write records to an open text stream (opened with newline="" for csv); `advance(n)` is
    called as records are written. `names`: the export's classes (the options of prodigy-choice,
    the choices of Label Studio; default: the records' labels). `predictions`: sentence id →
    suggestion, for Label Studio."""
    advance = advance or (lambda n: None)
    names = names or classes([], (r["label"] for r in records))
    columns(records)
    if fmt == "jsonl":
        _write_jsonl(records, out, None, advance)
    elif fmt == "doccano":
        _write_jsonl(records, out, to_doccano, advance)
    elif fmt == "prodigy":
        _write_jsonl(records, out, to_prodigy, advance)
    elif fmt == "prodigy-choice":
        options = prodigy_options(names)
        _write_jsonl(records, out, lambda r: to_prodigy_choice(r, options), advance)
    elif fmt == "labelstudio":
        from reader.export.labelstudio import tasks

        out.write(json.dumps(tasks(records, predictions or {}), ensure_ascii=False, indent=1) + "\n")
        advance(len(records))
    elif fmt == "csv":
        _write_csv(records, out, advance)
    else:  # resolve() validates first; this is for library callers
        raise ReaderError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def render(records: list[dict[str, Any]], fmt: str, **kwargs: Any) -> str:
    """The whole output as a string (without the csv BOM): for tests and small exports."""
    buf = io.StringIO(newline="")
    write(records, buf, fmt, **kwargs)
    return buf.getvalue()


def encoding(fmt: str) -> str:
    return "utf-8-sig" if fmt == "csv" else "utf-8"
