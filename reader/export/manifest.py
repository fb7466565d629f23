"""The manifest written beside an export (`FILE.manifest.json`, FILE being the `-o` name, extension
included, so two exports never share one): what is in it, where it came from, and how to check it.

Holds the counts per label and split (with each split's actual share of the records beside the share
asked for, and the labels a split lacks), the class names in id order and the label → id mapping,
every option of the command, the sha256 and size of every file written, the sha256 and split of
every report, the tool, pipeline and (with --tokens) jieba versions.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader.export.classes import Classes


def file_digest(path: Path) -> dict[str, Any]:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return {"sha256": digest.hexdigest(), "bytes": path.stat().st_size}


def split_summary(
    records_by_split: dict[str, list[dict[str, Any]]], shares: dict[str, float] | None
) -> dict[str, dict[str, Any]]:
    """Per split: records, labels, documents, actual share of the records (and the share asked for),
    and the labels of the whole export that the split has no record of."""
    total = sum(len(rs) for rs in records_by_split.values())
    present = {r["label"] for rs in records_by_split.values() for r in rs}
    out = {}
    for name, records in records_by_split.items():
        counts = Counter(r["label"] for r in records)
        out[name] = {
            "records": len(records),
            "share": round(len(records) / total, 4) if total else 0.0,
            "requested_share": shares.get(name) if shares else None,
            "labels": dict(sorted(counts.items())),
            "missing_labels": sorted(present - set(counts)),
            "documents": sorted({r["doc"] for r in records}),
        }
    return out


def build(
    *,
    records_by_split: dict[str, list[dict[str, Any]]],
    summary: dict[str, dict[str, Any]],
    files: dict[str, Path | None],
    extra_files: dict[str, Path],
    documents: dict[str, dict[str, Any]],
    names: Classes,
    command: str,
    fmt: str,
    options: dict[str, Any],
    versions: dict[str, str | None],
) -> dict[str, Any]:
    """`records_by_split` maps a split name (or "all" without --split) to its records, `summary` to
    its `split_summary`, `files` to the file written (None: none, for an empty split); `extra_files`
    names the other files written (card, labelling config); `documents` maps a document id to
    {sha256, path, missing}."""
    by_label: Counter[str] = Counter()
    annotators: set[str] = set()
    doc_split: dict[str, str] = {}
    splits = {name: dict(s) for name, s in summary.items()}
    for name, records in records_by_split.items():
        by_label.update(r["label"] for r in records)
        annotators.update(r["annotator"] for r in records if r.get("annotator"))
        for doc in splits[name]["documents"]:
            doc_split[doc] = name
        path = files.get(name)
        splits[name] = {"file": str(path) if path else None, **splits[name]}
    docs_out = {}
    for doc_id in sorted(documents):
        info = dict(documents[doc_id])
        if doc_id in doc_split and len(records_by_split) > 1:
            info["split"] = doc_split[doc_id]
        docs_out[doc_id] = info
    written = {str(p): file_digest(p) for p in [*files.values(), *extra_files.values()] if p is not None}
    return {
        "tool": "reader",
        **versions,
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": command,
        "format": fmt,
        "options": options,
        "records": sum(by_label.values()),
        "labels": dict(sorted(by_label.items())),
        "label_names": list(names.names),
        "label_ids": names.ids,
        "annotators": sorted(annotators),
        "splits": splits,
        "files": written,
        **{name: str(path) for name, path in extra_files.items()},
        "documents": docs_out,
    }
