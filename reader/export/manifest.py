"""The manifest written beside an export (`FILE.manifest.json`): what is in it and where it came from."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any


def build(
    *,
    records_by_split: dict[str, list[dict[str, Any]]],
    files: dict[str, str],
    documents: dict[str, dict[str, Any]],
    label_set: list[str],
    command: str,
    fmt: str,
    options: dict[str, Any],
    tool_version: str,
    pipeline_version: str | None,
) -> dict[str, Any]:
    """`records_by_split` maps a split name (or "all" without --split) to its records;
    `documents` maps a document id to {sha256, path, missing, …}."""
    by_label: Counter[str] = Counter()
    annotators: set[str] = set()
    splits: dict[str, Any] = {}
    doc_split: dict[str, str] = {}
    for name, records in records_by_split.items():
        counts = Counter(r["label"] for r in records)
        by_label.update(counts)
        annotators.update(r["annotator"] for r in records if r.get("annotator"))
        docs = sorted({r["doc"] for r in records})
        for doc in docs:
            doc_split[doc] = name
        splits[name] = {
            "file": files.get(name),
            "records": len(records),
            "labels": dict(sorted(counts.items())),
            "documents": docs,
        }
    docs_out = {}
    for doc_id in sorted(documents):
        info = dict(documents[doc_id])
        if doc_id in doc_split and len(records_by_split) > 1:
            info["split"] = doc_split[doc_id]
        docs_out[doc_id] = info
    labels_used = sorted(by_label)
    return {
        "tool": "reader",
        "version": tool_version,
        "pipeline_version": pipeline_version,
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": command,
        "format": fmt,
        "options": options,
        "records": sum(by_label.values()),
        "labels": dict(sorted(by_label.items())),
        "label_set": list(label_set) + [label for label in labels_used if label not in label_set],
        "annotators": sorted(annotators),
        "splits": splits,
        "documents": docs_out,
    }
