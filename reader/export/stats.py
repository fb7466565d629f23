"""Figures behind `reader stats`: per-document progress and agreement between annotators."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from reader.export.collect import (
    LoadAll,
    SentenceFinder,
    corpus_files,
    default_loader,
    load_documents,
    loader_of,
)
from reader.export.kappa import cohen_kappa
from reader.export.records import in_scope


@dataclass
class DocStats:
    doc: str
    sentences: int | None
    """Body sentences (kind "sentence") in the current text; None when the document is missing."""
    labels: Counter[str] = field(default_factory=Counter)
    """Label records per label (every annotator; orphans not counted here)."""
    labelled: int = 0
    """Distinct sentences with at least one label."""
    reviewed: float | None = None
    """Share of the body sentences inside a section someone marked reviewed."""
    orphans: int = 0
    annotators: Counter[str] = field(default_factory=Counter)
    missing: bool = False


@dataclass
class Disagreement:
    doc: str
    line: int | None
    text: str
    label_a: str
    label_b: str


@dataclass
class Agreement:
    a: str
    b: str
    n: int
    """Sentences both labelled."""
    observed: float | None
    kappa: float | None
    disagreements: list[Disagreement] = field(default_factory=list)


@dataclass
class Stats:
    docs: list[DocStats]
    agreements: list[Agreement]
    label_names: list[str]


def compute(store: Any, corpus_dir: Path, label_set: list[str], *,
            load: Callable[[Path], Any] | None = None,
            load_all: LoadAll | None = None,
            advance: Callable[[int], object] | None = None,
            on_documents: Callable[[int], object] | None = None) -> Stats:
    """Figures for every document of the corpus or the store (see `collect` for the loaders)."""
    load_all = load_all or (loader_of(load) if load else default_loader())
    advance = advance or (lambda n: None)
    files = corpus_files(corpus_dir)
    labels = list(store.labels())
    marks = list(store.reviewed())
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in labels:
        by_doc[r["doc"]].append(r)
    marks_by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in marks:
        marks_by_doc[m["doc"]].append(m)
    doc_ids = sorted(set(files) | set(by_doc) | set(marks_by_doc))
    if on_documents:
        on_documents(len(doc_ids))

    out: list[DocStats] = []
    # (doc, sentence) → {annotator: label}, and where each sentence is, for the disagreements.
    votes: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    where: dict[tuple[str, str], tuple[int | None, str]] = {}
    loaded = load_documents(doc_ids, files, load_all, advance)
    for doc_id in doc_ids:
        doc = loaded[doc_id] if not isinstance(loaded[doc_id], str) else None
        stats = DocStats(doc_id, None, missing=doc is None)
        finder = SentenceFinder(doc) if doc is not None else None
        labelled: set[str] = set()
        for r in by_doc.get(doc_id, ()):
            stats.annotators[r["annotator"]] += 1
            s = finder.find(r)[0] if finder else None
            if r.get("orphan") or (finder and s is None):
                stats.orphans += 1
                continue
            key = (doc_id, s.id if s else r["sentence"])
            stats.labels[r["label"]] += 1
            labelled.add(key[1])
            votes[key][r["annotator"]] = r["label"]
            where[key] = (s.line, s.text) if s else (r.get("line"), r.get("text", ""))
        stats.labelled = len(labelled)
        if doc is not None:
            body = [s for s in doc.sentences if s.kind == "sentence"]
            stats.sentences = len(body)
            scopes = [m.get("section") or [] for m in marks_by_doc.get(doc_id, ())]
            inside = sum(1 for s in body if any(in_scope(s.section, scope) for scope in scopes))
            stats.reviewed = inside / len(body) if body else None
        out.append(stats)

    annotators = sorted({r["annotator"] for r in labels})
    agreements = []
    for a, b in combinations(annotators, 2):
        both = [(key, v[a], v[b]) for key, v in votes.items() if a in v and b in v]
        la, lb = [x for _, x, _ in both], [y for _, _, y in both]
        observed = sum(x == y for x, y in zip(la, lb, strict=True)) / len(both) if both else None
        diffs = [Disagreement(key[0], *where[key], x, y) for key, x, y in both if x != y]
        diffs.sort(key=lambda d: (d.doc, d.line or 0))
        agreements.append(Agreement(a, b, len(both), observed, cohen_kappa(la, lb), diffs))
    used = {label for d in out for label in d.labels}
    names = list(label_set) + sorted(used - set(label_set))
    return Stats(out, agreements, names)
