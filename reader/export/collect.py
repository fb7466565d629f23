"""Gather export records: labels from the store, positions from the current pipeline, negatives.

Each label's `start`, `end`, `line`, `section` and `text` come from the document as the pipeline
reads it now, so every record points at the raw line of the report. When the document is gone
from the corpus, the positions stored with the label are used instead (and the caller is told).
Labels whose sentence is no longer in the text (orphans) are left out unless asked for.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.export import records as rec

_WS = re.compile(r"\s+")


class SentenceFinder:
    """Finds a label's sentence in the current text: by id, else (for a label that is not yet
    flagged orphan) by its whitespace-free text when exactly one sentence has it, as the store's
    reattach would."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.by_id = {s.id: s for s in doc.sentences}
        self._by_text: dict[str, list[Any]] | None = None

    def find(self, record: dict[str, Any]) -> tuple[Any | None, str | None]:
        """(sentence, "id" | "text") or (None, None)."""
        sentence = self.by_id.get(record["sentence"])
        if sentence is not None:
            return sentence, "id"
        if record.get("orphan"):
            return None, None
        if self._by_text is None:
            self._by_text = defaultdict(list)
            for s in self.doc.sentences:
                self._by_text[_WS.sub("", s.text)].append(s)
        candidates = self._by_text.get(_WS.sub("", record.get("text") or ""), [])
        return (candidates[0], "text") if len(candidates) == 1 else (None, None)


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
    labels = list(store.labels())
    marks = list(store.reviewed()) if selection.negatives else []
    marks = [m for m in marks if m.get("reviewed", True)]

    known_annotators = {r["annotator"] for r in labels} | {m["annotator"] for m in marks}
    if selection.annotators:
        if not selection.negatives:
            known_annotators |= {m["annotator"] for m in store.reviewed()}
        _check_known("annotator", selection.annotators, known_annotators, "check the name with `reader stats`")
    if selection.labels and label_set is not None:
        known_labels = set(label_set) | {rec.NONE_LABEL} | {r["label"] for r in labels if r.get("label")}
        _check_known("label", sorted(selection.labels), known_labels, "see labels.toml or `reader stats`")
    known_docs = {r["doc"] for r in labels} | set(files)
    if selection.docs:
        _check_known("document", selection.docs, known_docs, "a document id is the corpus file name without .txt")

    def wanted(item: dict[str, Any]) -> bool:
        return (not selection.annotators or item["annotator"] in selection.annotators) and (
            not selection.docs or item["doc"] in selection.docs
        )

    labels = [r for r in labels if wanted(r) and r.get("label")]
    marks = [m for m in marks if wanted(m)]
    notes: list[str] = []
    stored_orphans = [r for r in labels if r.get("orphan")]
    if stored_orphans and not selection.orphans:
        labels = [r for r in labels if not r.get("orphan")]
        notes.append(
            f"left out {len(stored_orphans)} orphan label(s) (their sentence is no longer in "
            "the text); --orphans includes them"
        )

    by_doc, marks_by_doc = by_document(labels, marks)
    doc_ids = sorted(set(by_doc) | set(marks_by_doc))
    if on_documents:
        on_documents(len(doc_ids))
    loaded = load_documents(doc_ids, files, load_all, advance)
    out: list[dict[str, Any]] = []
    documents: dict[str, dict[str, Any]] = {}
    lost = matched_by_text = 0
    for doc_id in doc_ids:
        doc = loaded[doc_id]
        path = files.get(doc_id)
        if isinstance(doc, str):
            problem = doc
            documents[doc_id] = {"path": str(path) if path else None, "sha256": None, "missing": True}
            n = len(by_doc.get(doc_id, ()))
            tail = ", and no negatives come from it" if marks_by_doc.get(doc_id) else ""
            notes.append(f"document {doc_id} {problem}: its {n} label(s) use the positions stored with them{tail}")
            keyed = [
                ((r.get("line") or 0, r.get("start") or 0), rec.from_label(r, None)) for r in by_doc.get(doc_id, ())
            ]
            if selection.orphans:  # every record of an export has the same keys
                for (_, record), r in zip(keyed, by_doc.get(doc_id, ()), strict=True):
                    record["orphan"] = bool(r.get("orphan"))
            keyed.sort(key=lambda kv: (kv[0], kv[1]["annotator"] or ""))
            out.extend(record for _, record in keyed)
            continue
        documents[doc_id] = {"path": str(path), "sha256": doc.sha256, "missing": False}
        finder = SentenceFinder(doc)
        keyed = []
        labelled: dict[str, set[str]] = defaultdict(set)  # annotator → sentence ids (any label)
        for r in by_doc.get(doc_id, ()):
            sentence, how = finder.find(r)
            if how == "text":
                matched_by_text += 1
            elif sentence is None and not r.get("orphan"):
                lost += 1
                if not selection.orphans:
                    continue
            record = rec.from_label(r, sentence)
            if sentence is not None:
                record["id"] = sentence.id
                labelled[r["annotator"]].add(sentence.id)
                order = (0, sentence.index)
            else:
                order = (1, r.get("start") or 0)
            if selection.orphans:
                record["orphan"] = sentence is None
            keyed.append((order, record))
        # Negatives: unlabelled body sentences inside what each annotator marked reviewed.
        scopes: dict[str, list[tuple[list[str], dict[str, Any]]]] = defaultdict(list)
        for m in marks_by_doc.get(doc_id, ()):
            scopes[m["annotator"]].append((list(m.get("section") or []), m))
        for annotator, marks_of in scopes.items():
            done = labelled[annotator]
            for s in doc.sentences:
                if s.kind != "sentence" or s.id in done:
                    continue
                mark = next((m for scope, m in marks_of if rec.in_scope(s.section, scope)), None)
                if mark is not None:
                    record = rec.negative(doc_id, s, annotator, mark)
                    if selection.orphans:
                        record["orphan"] = False
                    keyed.append(((0, s.index), record))
        keyed.sort(key=lambda kv: (kv[0], kv[1]["annotator"] or ""))
        out.extend(record for _, record in keyed)

    if selection.labels is not None:
        out = [
            r for r in out if r["label"] in selection.labels or (selection.negatives and r["label"] == rec.NONE_LABEL)
        ]
    if lost:
        what = "included as orphans" if selection.orphans else "left out (--orphans includes them)"
        notes.append(f"{lost} label(s) no longer match a sentence of the current text: {what}")
    if matched_by_text:
        notes.append(
            f"{matched_by_text} label(s) found their sentence again by its text "
            "(the store has not been reattached since the text changed)"
        )
    return Collected(out, documents, notes)
