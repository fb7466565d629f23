"""`reader export --indicators`: each exported sentence with its indicator records.

Every record of the export gets an `indicators` list (empty when the sentence has none): the records
of that sentence as the record's annotator sees them (their corrections applied, clauses they marked
"not an indicator" left out). Each item has the same keys with the same types in every record, so the
export still loads through Arrow / Hugging Face `datasets` (`card_feature` gives the dataset card's
feature):

    indicator, measure, unit, qualifier, kind, text, source   strings
    values       [] for none, [x] for a number, [lo, hi] for a range (floats)
    headline     bool
    year, start, end   integers (year null when the report does not say)

`values` stands for `reader indicators`' `value` (a number, a range or null), which Arrow cannot hold
in one column.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.indicators.model import Indicator

KEY = "indicators"
"""The field added to each export record."""
ITEM_FIELDS = (
    ("indicator", "string"),
    ("measure", "string"),
    ("values", "float64 list"),
    ("unit", "string"),
    ("qualifier", "string"),
    ("kind", "string"),
    ("headline", "bool"),
    ("year", "int64"),
    ("start", "int64"),
    ("end", "int64"),
    ("text", "string"),
    ("source", "string"),
)
"""Each item's keys, in order, and their types (the dataset card's feature)."""


def values(value: Any) -> list[float]:
    if value is None:
        return []
    if isinstance(value, list):
        return [float(v) for v in value]
    return [float(value)]


def item(record: Indicator) -> dict[str, Any]:
    """One indicator as an export item."""
    out = {name: getattr(record, name) for name, _ in ITEM_FIELDS if name != "values"}
    out["values"] = values(record.value)
    return {name: out[name] for name, _ in ITEM_FIELDS}


def card_feature() -> list[str]:
    """The dataset card's feature lines (YAML) for the `indicators` field: a list of structs."""
    lines = [f"  - name: {KEY}", "    list:"]
    for name, kind in ITEM_FIELDS:
        if kind.endswith(" list"):
            lines += [f"    - name: {name}", f"      sequence: {kind.split()[0]}"]
        else:
            lines += [f"    - name: {name}", f"      dtype: {kind}"]
    return lines


def attach(
    records: list[dict[str, Any]],
    documents: dict[str, dict[str, Any]],
    annotations: Path,
    advance: Callable[[int], object] | None = None,
) -> list[str]:
    """Add `indicators` to every record (in place). `documents`: the export's provenance (document id
    → {"path", "missing"}). Returns notes for the user (reports whose indicators could not be read)."""
    from reader.corpus.cache import DocumentCache
    from reader.errors import ReaderError
    from reader.indicators.cache import ExtractionCache
    from reader.indicators.corrections import apply

    advance = advance or (lambda n: None)
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        r[KEY] = []
        by_doc[r["doc"]].append(r)
    folder = annotations if annotations.is_dir() else None
    pipeline = DocumentCache(folder, enabled=True) if folder is not None else None
    extraction = ExtractionCache(folder)
    corrections = _corrections(folder, set(by_doc))
    missing: list[str] = []
    for doc_id, recs in by_doc.items():
        info = documents.get(doc_id) or {}
        if info.get("missing", True) or not info.get("path"):
            missing.append(doc_id)
            advance(1)
            continue
        try:
            if pipeline is not None:
                doc = pipeline.load(Path(info["path"]))
            else:
                from reader.text.pipeline import load_document

                doc = load_document(Path(info["path"]))
        except ReaderError:
            missing.append(doc_id)
            advance(1)
            continue
        extracted = extraction.records(doc)
        shown: dict[str, dict[str, list[dict[str, Any]]]] = {}  # annotator → sentence id → items
        for r in recs:
            who = r.get("annotator") or ""
            if who not in shown:
                applied = apply(extracted, corrections.get((doc_id, who), ()), doc)
                per_sentence: dict[str, list[dict[str, Any]]] = defaultdict(list)
                for found in applied.records:
                    per_sentence[found.sentence].append(item(found))
                shown[who] = per_sentence
            r[KEY] = list(shown[who].get(r["id"], ()))
        advance(1)
    if missing:
        listing = ", ".join(sorted(missing)[:5]) + (" …" if len(missing) > 5 else "")
        return [
            f"--indicators: {len(missing)} report(s) not in the corpus or unreadable ({listing}): "
            "their records have no indicators"
        ]
    return []


def _corrections(folder: Path | None, doc_ids: set[str]) -> dict[tuple[str, str], list[Any]]:
    """(document id, annotator) → corrections, read-only from the store."""
    if folder is None:
        return {}
    from reader.store import AnnotationStore

    out: dict[tuple[str, str], list[Any]] = defaultdict(list)
    with AnnotationStore(folder, read_only=True) as store:
        for doc_id in sorted(doc_ids & set(store.doc_ids())):
            for c in store.corrections(doc_id):
                out[(doc_id, c.annotator)].append(c)
    return out
