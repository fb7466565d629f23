"""The dataset card written beside every export file: `FILE.README.md` in the Hugging Face dataset
card format (a YAML header, then prose).

The header says language `zh`, the task (text classification, one class of several), the size
category, the files of each split (`configs`) and, for the table formats (jsonl, csv), the features
with `label` as a `class_label` whose names are the export's classes in id order, and the split
sizes. Renamed to README.md in a folder with the files, the folder loads with
`datasets.load_dataset(FOLDER)`; the prose says how to load the files with consistent label ids.

The YAML is written by hand (no YAML library at run time): every string is a JSON string, which
YAML reads as the same double-quoted scalar.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reader.export.classes import Classes

TABLE_FORMATS = ("jsonl", "csv")
_INT_FIELDS = ("start", "end", "line")
"""The kinds of the native fields when an export is empty (no value to look at)."""


def field_kinds(records: list[dict[str, Any]], columns: list[str]) -> dict[str, str]:
    """Column → "string", "int", "bool" or "list", from the first value that is not null."""
    kinds = {}
    for key in columns:
        value = next((r[key] for r in records if r.get(key) is not None), None)
        if isinstance(value, bool):
            kinds[key] = "bool"
        elif isinstance(value, int) or (value is None and key in _INT_FIELDS):
            kinds[key] = "int"
        elif isinstance(value, list):
            kinds[key] = "list"
        else:
            kinds[key] = "string"
    return kinds


MEANING = {
    "target": "what the government commits to",
    "achievement": "what it says it did",
    "problem": "shortcomings it admits",
    "none": "none of these",
}


def _described(name: str, names: Classes) -> str:
    details = [d for d in (names.display.get(name), MEANING.get(name)) if d and d != name]
    return f"**{name}**" + (f" ({', '.join(details)})" if details else "")


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def size_category(n: int) -> str:
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if n < limit:
            return name
    return "1M<n<10M"


def _feature(key: str, kind: str, fmt: str, names: Classes) -> list[str]:
    if key == "label":
        lines = [f"  - name: {key}", "    dtype:", "      class_label:", "        names:"]
        return lines + [f"          {_q(str(i))}: {_q(name)}" for i, name in enumerate(names.names)]
    if fmt == "csv" and kind != "int":  # a CSV cell is text: lists joined, booleans spelled
        kind = "string"
    if key == "indicators" and kind == "list":  # `--indicators`: a list of records
        from reader.indicators.export import card_feature

        return card_feature()
    if kind == "list":
        return [f"  - name: {key}", "    sequence: string"]
    dtype = {"int": "int64", "bool": "bool"}.get(kind, "string")
    return [f"  - name: {key}", f"    dtype: {dtype}"]


def pandas_csv_line(path: str, kinds: dict[str, str]) -> str:
    """The pandas call that reads an exported CSV with its types: text columns stay text (an empty
    note is "", not a float NaN), numbers are numbers."""
    strings = ", ".join(f"{_q(c)}: str" for c, kind in kinds.items() if kind != "int")
    return f"pd.read_csv({path!r}, dtype={{{strings}}}, keep_default_na=False)"


def render(
    *,
    title: str,
    fmt: str,
    kinds: dict[str, str],
    names: Classes,
    splits: dict[str, dict[str, Any]],
    manifest_name: str,
    command: str,
    versions: dict[str, str | None],
) -> str:
    """The card. `splits`: name → {"file": path or None, "records", "labels", "documents"} (as in
    the manifest; "all" without --split); `kinds`: the record fields, in order, and their kinds
    (`field_kinds`)."""
    written = {name: s for name, s in splits.items() if s["file"]}
    total = sum(s["records"] for s in splits.values())
    head = [
        "---",
        "language:",
        "- zh",
        f"pretty_name: {_q(title)}",
        "task_categories:",
        "- text-classification",
        "task_ids:",
        "- multi-class-classification",
        "size_categories:",
        f"- {size_category(total)}",
    ]
    if written:
        head += ["configs:", "- config_name: default", "  data_files:"]
        for name, s in written.items():
            split = "train" if name == "all" else name
            head += [f"  - split: {_q(split)}", f"    path: {_q(Path(s['file']).name)}"]
    if fmt in TABLE_FORMATS:
        head += ["dataset_info:", "  features:"]
        for key, kind in kinds.items():
            head += _feature(key, kind, fmt, names)
        head += ["  splits:"]
        for name, s in splits.items():
            head += [f"  - name: {_q('train' if name == 'all' else name)}", f"    num_examples: {s['records']}"]
    head.append("---")

    ids = "\n".join(f"| {i} | `{name}` | {names.display.get(name, '')} |" for i, name in enumerate(names.names))
    rows = []
    for name, s in splits.items():
        counts = ", ".join(f"{label} {n}" for label, n in s["labels"].items()) or "–"
        file = f"`{Path(s['file']).name}`" if s["file"] else "(empty: not written)"
        rows.append(f"| {name} | {file} | {s['records']} | {len(s['documents'])} | {counts} |")
    body = [
        f"# {title}",
        "",
        "Sentences of Chinese government work reports (政府工作报告), each with one label: "
        + ", ".join(_described(name, names) for name in names.names)
        + ". Labelled by hand in `reader`; every record names its report (`doc`), section path, raw line "
        "and character offsets.",
        "",
        "## Labels",
        "",
        "The ids below are the same in every split and every export of this label set "
        "(also in the manifest's `label_ids`).",
        "",
        "| id | label | display |",
        "|---|---|---|",
        ids,
        "",
        "## Files",
        "",
        "| split | file | records | reports | labels |",
        "|---|---|---|---|---|",
        *rows,
        "",
        "No report is in two splits.",
        "",
        "## Loading",
        "",
        *_loading(fmt, written, names, kinds),
        "",
        "## Provenance",
        "",
        f"Made by `{command}` with reader {versions.get('version')}, text pipeline "
        f"{versions.get('pipeline_version')}"
        + (f", jieba {versions['jieba_version']}" if versions.get("jieba_version") else "")
        + f". `{manifest_name}` lists every option, the sha256 of every file written and of every report read.",
    ]
    return "\n".join(head) + "\n\n" + "\n".join(body) + "\n"


def _loading(fmt: str, written: dict[str, dict[str, Any]], names: Classes, kinds: dict[str, str]) -> list[str]:
    files = {("train" if n == "all" else n): Path(s["file"]).name for n, s in written.items()}
    label_names = "[" + ", ".join(_q(n) for n in names.names) + "]"
    if fmt == "jsonl":
        return [
            "```python",
            "from datasets import ClassLabel, load_dataset",
            "",
            f'ds = load_dataset("json", data_files={files!r})',
            f'ds = ds.cast_column("label", ClassLabel(names={label_names}))',
            "```",
        ]
    if fmt == "csv":
        first = next(iter(files.values()), "FILE.csv")
        return [
            "```python",
            "import pandas as pd",
            "",
            f"df = {pandas_csv_line(first, kinds)}",
            "```",
            "",
            "Cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`) start "
            "with an apostrophe; `reader import-labels` removes it.",
        ]
    if fmt == "labelstudio":
        return [
            "Create a project with the labelling config written beside this card "
            "(`…label_config.xml`: Settings → Labeling Interface → Code), then import the `.json` file. "
            "Each task is a sentence; its labels are annotations, the suggestion a prediction with its score.",
        ]
    if fmt.startswith("prodigy"):
        view = "choice" if fmt == "prodigy-choice" else "classification"
        return [f"`prodigy db-in DATASET FILE.jsonl` (interface `{view}`); the option ids are the labels above."]
    return ["Import the `.jsonl` file into a doccano text classification project; `label` holds the label."]
