"""Label files from annotation tools, read back into native records (the shape `reader export`
writes as JSONL), for `reader import-labels`.

Reads what `reader export` writes and what the tools give back: native JSONL and CSV, doccano
(text classification JSONL), Prodigy (`classification`: binary accept/reject of one label; `choice`:
`accept` holding the chosen option), Label Studio (a JSON array of tasks; each annotation's
`choices` result is the label, a `textarea` result the note; or its JSON-MIN export, one flat row per
annotation). The format comes from the extension
(`.csv`, `.json` = Label Studio) and, for `.jsonl`, from the keys of the first row.

A record keeps `id` and `doc` only when they are reader's (a tool's own numeric ids are dropped):
without them the label is matched to its sentence by text. Nothing here checks labels, times or
types (the importer does, for every format alike), and nothing is written. What cannot become a
label (a Prodigy reject or ignore, a cancelled Label Studio annotation, a row with no choice) is
counted in `skipped`, never silently dropped.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.export.formats import FORMULA_START
from reader.export.labelstudio import CONTROL, NOTE
from reader.export.records import SECTION_SEPARATOR

FIELDS = ("id", "doc", "text", "label", "section", "start", "end", "line", "annotator", "created", "updated", "note")
"""What a native record carries that an import uses."""
_INTS = ("start", "end", "line")
LIST_COLUMNS = ("section", "review_scope")
"""The CSV columns that hold a list of section titles."""
_NOT_LABEL_FIELDS = ("tokens", "section_path", "answer", "options", "accept", "meta", "config")
"""Keys of the formats themselves (and jieba words), never part of a label."""
_SKIP = frozenset(FIELDS) | frozenset(_NOT_LABEL_FIELDS)


@dataclass
class ToolFile:
    format: str
    """jsonl, csv, doccano, prodigy, prodigy-choice, labelstudio or labelstudio-min."""
    records: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    """(where in the file, e.g. "labels.jsonl:3", native-shaped record)."""
    skipped: Counter[str] = field(default_factory=Counter)
    """Why rows gave no label → how many."""


def _native(obj: dict[str, Any]) -> dict[str, Any]:
    """The record's fields (`FIELDS`, then whatever else it carries, e.g. `orphan`)."""
    out = {k: obj.get(k) for k in FIELDS}
    for k, v in obj.items():
        if k not in _SKIP and k[:1] != "_":
            out[k] = v
    for key in ("id", "doc"):  # a tool's own numeric id is not a sentence or report id
        if not isinstance(out[key], str) or not out[key]:
            out[key] = None
    if out["note"] is None:
        out["note"] = ""
    return out


def _decode(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ReaderError(f"{path}: no such file") from None
    except OSError as exc:
        raise ReaderError(f"{path}: cannot read it ({exc.strerror})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReaderError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8 and import again") from None


def jsonl_kind(obj: dict[str, Any]) -> str:
    """Which JSON Lines format a row is in, from its keys."""
    if "options" in obj and "accept" in obj:
        return "prodigy-choice"
    if "answer" in obj and "label" in obj:
        return "prodigy"
    if isinstance(obj.get("label"), list):
        return "doccano"
    return "jsonl"


def read(path: Path) -> ToolFile:
    """The label records of a file in any format reader exports."""
    text = _decode(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path, text)
    if suffix == ".json":
        return _read_labelstudio(path, text)
    return _read_jsonl(path, text)


def _read_jsonl(path: Path, text: str) -> ToolFile:
    out: ToolFile | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ReaderError(
                f"{where}: not valid JSON ({exc.msg} at column {exc.colno}); fix or remove that line"
            ) from None
        if not isinstance(obj, dict):
            raise ReaderError(f"{where}: not a JSON object; fix or remove that line")
        kind = jsonl_kind(obj)
        if out is None:
            out = ToolFile(kind)
        elif kind != out.format:
            raise ReaderError(f"{where}: a {kind} row in a {out.format} file; one file holds one format")
        label = _jsonl_label(obj, kind, where, out.skipped)
        if label is None and kind != "jsonl":  # a native row without a label carries a note
            continue
        if kind == "jsonl":  # reader's own rows: the row is the record
            record = _native(obj)
        else:
            meta = obj.get("meta") if kind.startswith("prodigy") and isinstance(obj.get("meta"), dict) else obj
            record = _native({**meta, "text": obj.get("text"), "label": label})
        out.records.append((where, record))
    return out or ToolFile("jsonl")


def _jsonl_label(obj: dict[str, Any], kind: str, where: str, skipped: Counter[str]) -> str | None:
    if kind == "jsonl":
        return obj.get("label")
    if kind == "doccano":
        labels = obj["label"]
        if len(labels) != 1:
            if not labels:
                skipped["doccano row without a label"] += 1
                return None
            raise ReaderError(f"{where}: {len(labels)} labels ({', '.join(map(str, labels))}); a sentence takes one")
        return labels[0]
    answer = obj.get("answer")
    if answer != "accept":
        skipped[f"Prodigy answer {answer!r} (only accepted answers are labels)"] += 1
        return None
    if kind == "prodigy":
        return obj.get("label")
    accepted = obj.get("accept")
    if not isinstance(accepted, list) or len(accepted) != 1:
        if isinstance(accepted, list) and not accepted:
            skipped["Prodigy choice with no option accepted"] += 1
            return None
        raise ReaderError(f"{where}: `accept` must hold the one chosen option, not {accepted!r}")
    return accepted[0]


def _read_csv(path: Path, text: str) -> ToolFile:
    out = ToolFile("csv")
    rows = csv.DictReader(io.StringIO(text, newline=""))
    missing = [k for k in ("text", "label") if k not in (rows.fieldnames or [])]
    if missing:
        raise ReaderError(f"{path}: no column {', '.join(missing)}; a reader CSV export has id, doc, text, label, …")
    for lineno, row in enumerate(rows, 2):
        where = f"{path}:{lineno}"
        obj: dict[str, Any] = {}
        for key, cell in row.items():
            if key is None or cell is None:
                raise ReaderError(f"{where}: {'more' if key is None else 'fewer'} cells than columns")
            if cell[:1] == "'" and cell[1:].startswith(FORMULA_START):
                cell = cell[1:]  # the apostrophe that kept a spreadsheet from running it
            obj[key] = cell
        for key in _INTS:
            if obj.get(key):
                try:
                    obj[key] = int(obj[key])
                except ValueError:
                    raise ReaderError(f"{where}: {key} {obj[key]!r} is not a whole number") from None
            else:
                obj[key] = None
        for key in LIST_COLUMNS:  # lists of titles, joined with " > " in the CSV
            if key in obj:
                obj[key] = obj[key].split(SECTION_SEPARATOR) if obj[key] else []
        for key in set(obj) - set(FIELDS):  # the other columns: booleans as `reader export` spells them
            if obj[key] in ("true", "false"):
                obj[key] = obj[key] == "true"
        for key in ("created", "updated"):
            obj[key] = obj.get(key) or None
        out.records.append((where, _native(obj)))
    return out


def _read_labelstudio(path: Path, text: str) -> ToolFile:
    out = ToolFile("labelstudio")
    try:
        tasks = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReaderError(
            f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}); export the tasks as JSON"
        ) from None
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise ReaderError(f"{path}: not a list of Label Studio tasks")
    if tasks and isinstance(tasks[0], dict) and "data" not in tasks[0] and "text" in tasks[0]:
        return _read_labelstudio_min(path, tasks)
    for t, task in enumerate(tasks, 1):
        data = task.get("data") if isinstance(task, dict) else None
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise ReaderError(f"{path}: task {t} has no data.text; export the project's tasks as JSON")
        for a, annotation in enumerate(task.get("annotations") or [], 1):
            where = f"{path}: task {t}, annotation {a}"
            if annotation.get("was_cancelled"):
                out.skipped["cancelled Label Studio annotation"] += 1
                continue
            chosen = [
                c for r in annotation.get("result") or [] if r.get("type") == "choices" for c in r["value"]["choices"]
            ]
            notes = [
                x for r in annotation.get("result") or [] if r.get("type") == "textarea" for x in r["value"]["text"]
            ]
            if len(chosen) != 1:
                if not chosen:
                    out.skipped["Label Studio annotation without a choice"] += 1
                    continue
                raise ReaderError(f"{where}: {len(chosen)} choices ({', '.join(chosen)}); a sentence takes one")
            by = annotation.get("annotator") or annotation.get("completed_by")
            if isinstance(by, dict):
                by = by.get("email")
            extra = annotation.get("reader") if isinstance(annotation.get("reader"), dict) else {}
            record = {
                **data,
                **extra,
                "label": chosen[0],
                "annotator": by if isinstance(by, str) else None,
                "created": annotation.get("created_at"),
                "updated": annotation.get("updated_at") or annotation.get("created_at"),
                "note": "\n".join(notes),
            }
            out.records.append((where, _native(record)))
    return out


def _read_labelstudio_min(path: Path, rows: list[Any]) -> ToolFile:
    """Label Studio's JSON-MIN export: one flat object per annotation, the task's data beside each
    control's value (a choice as a string, several as `{"choices": [...]}`; a text area likewise),
    `annotator` (an e-mail, or a user's number), `created_at`, `updated_at`."""
    out = ToolFile("labelstudio-min")
    for r, row in enumerate(rows, 1):
        where = f"{path}: row {r}"
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise ReaderError(f"{where} has no text; export the project as JSON-MIN or JSON")
        chosen = _values(row.get(CONTROL), "choices")
        if len(chosen) != 1:
            if not chosen:
                out.skipped["Label Studio row without a choice"] += 1
                continue
            raise ReaderError(f"{where}: {len(chosen)} choices ({', '.join(chosen)}); a sentence takes one")
        by = row.get("annotator")
        record = {
            **{k: v for k, v in row.items() if k not in (CONTROL, NOTE, "annotation_id", "lead_time")},
            "label": chosen[0],
            "annotator": by if isinstance(by, str) else None,
            "created": row.get("created_at"),
            "updated": row.get("updated_at") or row.get("created_at"),
            "note": "\n".join(_values(row.get(NOTE), "text")),
        }
        for key in ("created_at", "updated_at"):
            record.pop(key, None)
        out.records.append((where, _native(record)))
    return out


def _values(value: Any, key: str) -> list[str]:
    """A JSON-MIN control's value as a list: a string, a list, or {key: [...]}."""
    if isinstance(value, dict):
        value = value.get(key)
    if isinstance(value, str):
        return [value] if value else []
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


@dataclass
class Matched:
    records: list[tuple[str, dict[str, Any]]]
    """Records with their sentence: `id`, `doc` and positions filled in where they were missing."""
    by_text: int = 0
    """Records whose sentence was found by text (they came without reader's ids)."""
    unmatched: list[tuple[str, dict[str, Any], str]] = field(default_factory=list)
    """(where, record, why): no sentence of the corpus has that text, or several do."""


def match(records: list[tuple[str, dict[str, Any]]], corpus: Path, load_all) -> Matched:
    """Give every record that came without reader's sentence id (or report) its sentence, through
    the one locate rule: within its report when it names one, else the one sentence of the corpus
    with that text. `load_all(paths, advance)` reads reports (`DocumentSource.load_all`)."""
    from reader.export.collect import corpus_files
    from reader.labels import locate, squeeze

    out = Matched([])
    need = [(w, r) for w, r in records if r["id"] is None or r["doc"] is None]
    if not need:
        out.records = records
        return out
    files = corpus_files(corpus)
    wanted = {r["doc"] for _, r in need if r["doc"]} if all(r["doc"] for _, r in need) else set(files)
    docs = {d: doc for d, doc in load_all({d: files[d] for d in sorted(wanted) if d in files}, lambda n: None)}
    docs = {d: doc for d, doc in docs.items() if not isinstance(doc, Exception)}
    by_text: dict[str, list[tuple[str, Any]]] = {}
    for doc_id, doc in docs.items():
        for s in doc.sentences:
            by_text.setdefault(squeeze(s.text), []).append((doc_id, s))
    for where, record in records:
        if record["id"] is not None and record["doc"] is not None:
            out.records.append((where, record))
            continue
        if record["doc"] is not None:
            doc = docs.get(record["doc"])
            found = locate({**record, "sentence": ""}, doc).sentence if doc is not None else None
            hits = [(record["doc"], found)] if found is not None else []
            why = f"report {record['doc']} is not in {corpus}" if doc is None else f"no sentence of {record['doc']}"
        else:
            hits = by_text.get(squeeze(record["text"] or ""), [])
            why = f"no sentence of {corpus}" if not hits else f"{len(hits)} sentences of {corpus}"
        if len(hits) != 1:
            out.unmatched.append((where, record, f"{why} has this text"))
            continue
        doc_id, s = hits[0]
        record = {**record, "id": s.id, "doc": doc_id, "text": s.text, "section": list(s.section)}
        record.update(start=s.start, end=s.end, line=s.line)
        out.records.append((where, record))
        out.by_text += 1
    return out
