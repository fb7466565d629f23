"""Gather export records: labels from the store, positions from the current pipeline, negatives.

Each label's `start`, `end`, `line`, `section` and `text` come from the document as the pipeline
reads it now, so every record points at the raw line of the report. When the document is gone
from the corpus, the positions stored with the label are used instead (and the caller is told).
Labels whose sentence is no longer in the text (orphans) are left out unless asked for.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.export import records as rec
from reader.labels import Locator, units


@dataclass
class Selection:
    """What to export; None = everything."""

    labels: set[str] | None = None
    annotators: list[str] | None = None
    docs: list[str] | None = None
    negatives: bool = False
    orphans: bool = False


@dataclass
class Collected:
    records: list[dict[str, Any]]
    documents: dict[str, dict[str, Any]]
    """Document id → {"path", "sha256", "missing"}: provenance for the manifest."""
    notes: list[str] = field(default_factory=list)
    """Things the user should know (missing documents, skipped orphans), one line each."""
    note_records: list[dict[str, Any]] = field(default_factory=list)
    """Notes on sentences that have no label and are not negatives (native records with `label`
    None): written beside the export (`FILE.notes.jsonl`), so that every note is exported."""


def corpus_files(corpus_dir: Path) -> dict[str, Path]:
    """Document id (file stem) → path, for the report files (`.txt`, `.text`) of the corpus folder."""
    from reader.text.pipeline import TEXT_SUFFIXES

    if not corpus_dir.is_dir():
        return {}
    return {p.stem: p for p in sorted(corpus_dir.iterdir()) if p.suffix in TEXT_SUFFIXES and p.is_file()}


Loaded = Iterator[tuple[str, Any]]
"""(document id, document or the ReaderError saying why it could not be read)."""
LoadAll = Callable[[dict[str, Path], Callable[[int], object]], Loaded]


def loader_of(load: Callable[[Path], Any]) -> LoadAll:
    """A `load_all` from a one-document `load(path)` (e.g. `reader.text.pipeline.load_document`)."""

    def load_all(paths: dict[str, Path], advance: Callable[[int], object]) -> Loaded:
        for doc_id, path in paths.items():
            try:
                doc = load(path)
            except ReaderError as exc:
                doc = exc
            advance(1)
            yield doc_id, doc

    return load_all


def default_loader() -> LoadAll:
    from reader.export.documents import DocumentSource

    return DocumentSource(None).load_all


def load_documents(
    doc_ids: list[str], files: dict[str, Path], load_all: LoadAll, advance: Callable[[int], object]
) -> dict[str, Any]:
    """Document id → document, or the reason (a string) why there is none."""
    found = {doc_id: files[doc_id] for doc_id in doc_ids if doc_id in files}
    out: dict[str, Any] = dict(load_all(found, advance))
    for doc_id in doc_ids:
        if doc_id not in found:
            advance(1)
        result = out.get(doc_id)
        if result is None:
            out[doc_id] = "is not in the corpus folder"
        elif isinstance(result, ReaderError):
            out[doc_id] = f"cannot be read ({result})"
    return out


def _check_known(kind: str, wanted: Iterable[str], known: set[str], hint: str) -> None:
    unknown = [w for w in wanted if w not in known]
    if unknown:
        listing = ", ".join(sorted(known)[:12]) or "none"
        raise ReaderError(f"unknown {kind} {', '.join(unknown)} (known: {listing}); {hint}")


def by_document(labels, marks) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[dict[str, Any]]]]:
    """Label records and review marks grouped by document id."""
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in labels:
        by_doc[r["doc"]].append(r)
    marks_by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in marks:
        marks_by_doc[m["doc"]].append(m)
    return by_doc, marks_by_doc


def collect(
    store: Any,
    corpus_dir: Path,
    selection: Selection,
    *,
    load: Callable[[Path], Any] | None = None,
    load_all: LoadAll | None = None,
    label_set: Iterable[str] | None = None,
    advance: Callable[[int], object] | None = None,
    on_documents: Callable[[int], object] | None = None,
) -> Collected:
    """Build the native records for `selection`.

    Documents are read by `load_all(paths, advance)` (default: the pipeline, uncached) or a
    one-document `load(path)`. `label_set` (with "none" and the labels in the store) is what
    `selection.labels` is checked against. `on_documents(n)` is told how many documents will be
    read, and `advance(1)` is called after each.
    """
    load_all = load_all or (loader_of(load) if load else default_loader())
    advance = advance or (lambda n: None)
    files = corpus_files(corpus_dir)
    everything = list(store.labels(include_notes=True))
    all_marks = list(store.reviewed())

    known_annotators = {r.annotator for r in everything} | {m.annotator for m in all_marks}
    if selection.annotators:
        _check_known("annotator", selection.annotators, known_annotators, "check the name with `reader stats`")
    labels_in_store = {r.label for r in everything if r.label}
    if selection.labels and label_set is not None:
        known_labels = set(label_set) | {rec.NONE_LABEL} | labels_in_store
        _check_known("label", sorted(selection.labels), known_labels, "see labels.toml or `reader stats`")
    known_docs = {r.doc for r in everything} | set(files)
    if selection.docs:
        _check_known("document", selection.docs, known_docs, "a document id is the corpus file name without .txt")

    def wanted(item: Any) -> bool:
        return (not selection.annotators or item.annotator in selection.annotators) and (
            not selection.docs or item.doc in selection.docs
        )

    everything = [r for r in everything if wanted(r)]
    marks = [m for m in all_marks if wanted(m)]
    notes: list[str] = []
    by_doc, marks_by_doc = by_document(everything, marks)
    doc_ids = sorted(set(by_doc) | (set(marks_by_doc) if selection.negatives else set()))
    if on_documents:
        on_documents(len(doc_ids))
    loaded = load_documents(doc_ids, files, load_all, advance)
    out: list[dict[str, Any]] = []
    note_records: list[dict[str, Any]] = []
    documents: dict[str, dict[str, Any]] = {}
    orphans_out = orphans_in = moved = 0
    for doc_id in doc_ids:
        doc = loaded[doc_id]
        path = files.get(doc_id)
        recs = by_doc.get(doc_id, [])
        scopes: dict[str, list[Any]] = defaultdict(list)  # annotator → review marks, outermost first
        for m in sorted(marks_by_doc.get(doc_id, ()), key=lambda m: m.section):
            scopes[m.annotator].append(m)

        def mark_for(annotator: str, section, scopes=scopes) -> Any | None:
            return next((m for m in scopes.get(annotator, ()) if m.covers(section)), None)

        if isinstance(doc, str):
            problem = doc
            documents[doc_id] = {"path": str(path) if path else None, "sha256": None, "missing": True}
            n = sum(1 for r in recs if r.label)
            tail = ", and no negatives come from it" if selection.negatives and marks_by_doc.get(doc_id) else ""
            notes.append(f"document {doc_id} {problem}: its {n} label(s) use the positions stored with them{tail}")
            keyed = []
            for r in recs:
                record = rec.from_label(r, None, mark_for(r.annotator, r.section))
                if selection.orphans:
                    record["orphan"] = r.orphan
                elif r.orphan:
                    orphans_out += 1
                    continue
                target = out if r.label else note_records
                keyed.append(((r.line or 0, r.start or 0), record, target))
            keyed.sort(key=lambda kv: (kv[0], kv[1]["annotator"] or ""))
            for _, record, target in keyed:
                target.append(record)
            continue
        documents[doc_id] = {"path": str(path), "sha256": doc.sha256, "missing": False}
        locator = Locator(doc)
        keyed = []
        keep_out: dict[str, set[str]] = defaultdict(set)  # annotator → never a negative
        notes_on: dict[tuple[str, str], str] = {}  # (annotator, sentence id) → note of a note-only record
        for r, found in locator.locate_all(recs):
            who, s = r.annotator, found.sentence
            if not r.label:
                if s is not None and r.note and not r.is_clause:
                    notes_on[(who, s.id)] = r.note
                continue
            if s is None or found.text_changed:
                keep_out[who] |= locator.near(r)
            if s is not None:
                keep_out[who].add(s.id)  # a sentence with a labelled clause is no negative either
                if s.id != r.sentence and not r.orphan:
                    moved += 1
            if s is None:
                if not selection.orphans:
                    orphans_out += 1
                    continue
                orphans_in += 1
            record = rec.from_label(r, s, mark_for(who, s.section if s is not None else r.section), found.clause)
            if s is not None:
                order = (0, s.index, found.clause or (-1, -1))
            else:
                order = (1, r.start or 0, (r.clause_start or -1, -1))
            if selection.orphans:
                record["orphan"] = s is None
            keyed.append((order, record))
        # Negatives: unlabelled units inside what each annotator marked reviewed, never a sentence
        # that any label, orphan or changed label of theirs points at or near.
        negative_ids: set[tuple[str, str]] = set()
        if selection.negatives:
            for annotator in scopes:
                for s in units(doc):
                    mark = None if s.id in keep_out[annotator] else mark_for(annotator, s.section)
                    if mark is None:
                        continue
                    record = rec.negative(doc_id, s, annotator, mark, notes_on.get((annotator, s.id), ""))
                    negative_ids.add((annotator, s.id))
                    if selection.orphans:
                        record["orphan"] = False
                    keyed.append(((0, s.index, (-1, -1)), record))
        for r, found in locator.locate_all([r for r in recs if not r.label]):
            s = found.sentence
            if s is not None and not r.is_clause and (r.annotator, s.id) in negative_ids:
                continue  # the note is on the negative record
            record = rec.from_label(r, s, mark_for(r.annotator, s.section if s else r.section), found.clause)
            note_records.append(record)
        keyed.sort(key=lambda kv: (kv[0], kv[1]["annotator"] or ""))
        out.extend(record for _, record in keyed)

    if selection.labels is not None:
        out = [
            r
            for r in out
            if r["label"] in selection.labels
            or (selection.negatives and r["label"] == rec.NONE_LABEL and r["implicit"])
        ]
    if orphans_out:
        notes.append(
            f"left out {orphans_out} orphan label(s) (their sentence is no longer in the text); --orphans includes them"
        )
    if orphans_in:
        notes.append(f"{orphans_in} label(s) no longer match a sentence of the current text: included as orphans")
    if moved:
        notes.append(
            f"{moved} label(s) found their sentence again by its text "
            "(the store has not been reattached since the text changed)"
        )
    return Collected(out, documents, notes, note_records)
