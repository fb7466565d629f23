"""Figures behind `reader stats`: labelling progress per document and annotator, and agreement
between annotators.

Every figure of a row belongs to the same annotator: a document that several people labelled or
reviewed gets one row per person, so the label counts add up to the labelled sentences and the
reviewed share is that person's own review marks.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.export.collect import (
    LoadAll,
    by_document,
    corpus_files,
    default_loader,
    load_documents,
    loader_of,
)
from reader.export.kappa import cohen_kappa
from reader.export.records import in_scope
from reader.labels import Locator


@dataclass
class DocStats:
    """One document as one annotator left it (annotator None: nobody labelled or reviewed it)."""

    doc: str
    annotator: str | None
    sentences: int | None
    """Body sentences (kind "sentence") in the current text; None when the document is missing."""
    labels: Counter[str] = field(default_factory=Counter)
    """This annotator's labelled sentences per label (orphans not counted): they add up to `labelled`."""
    labelled: int = 0
    """Sentences this annotator labelled."""
    reviewed_sentences: int = 0
    """Body sentences inside a section (or document) this annotator marked reviewed."""
    orphans: int = 0
    """This annotator's labels whose sentence is no longer in the text."""
    missing: bool = False

    @property
    def reviewed(self) -> float | None:
        """Share of the body sentences this annotator marked reviewed."""
        return self.reviewed_sentences / self.sentences if self.sentences else None


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
    """Rows by document, then annotator."""
    agreements: list[Agreement]
    label_names: list[str]
    annotators: list[str] = field(default_factory=list)
    """The annotators counted (those asked for, else everyone with a label or a review mark)."""

    def totals(self) -> list[DocStats]:
        """One total row per annotator over the whole corpus (sentences of every document read,
        whether or not that annotator touched it); a single row with annotator None when nobody did."""
        sentences = {d.doc: d.sentences or 0 for d in self.docs}
        whole = sum(sentences.values())
        out = []
        for who in self.annotators or [None]:
            total = DocStats("total", who, whole)
            for d in self.docs:
                if d.annotator == who:
                    total.labels.update(d.labels)
                    total.labelled += d.labelled
                    total.reviewed_sentences += d.reviewed_sentences
                    total.orphans += d.orphans
            out.append(total)
        return out


def compute(
    store: Any,
    corpus_dir: Path,
    label_set: list[str],
    *,
    annotators: Iterable[str] | None = None,
    load: Callable[[Path], Any] | None = None,
    load_all: LoadAll | None = None,
    advance: Callable[[int], object] | None = None,
    on_documents: Callable[[int], object] | None = None,
) -> Stats:
    """Figures for every document of the corpus or the store (see `collect` for the loaders).

    With `annotators`, only their labels and review marks count (and the agreement is between
    them); an annotator with neither labels nor marks in the store is a ReaderError.
    """
    load_all = load_all or (loader_of(load) if load else default_loader())
    advance = advance or (lambda n: None)
    files = corpus_files(corpus_dir)
    labels = [r for r in store.labels() if r.get("label") and not r.is_clause]  # sentences are counted
    marks = [m for m in store.reviewed() if m.get("reviewed", True)]
    known = sorted({r["annotator"] for r in labels} | {m["annotator"] for m in marks})
    wanted = list(dict.fromkeys(annotators)) if annotators else None
    if wanted:
        unknown = [w for w in wanted if w not in known]
        if unknown:
            listing = ", ".join(known[:12]) or "none"
            raise ReaderError(
                f"unknown annotator {', '.join(unknown)} (known: {listing}); "
                "`reader stats` without --annotator shows everyone"
            )
        labels = [r for r in labels if r["annotator"] in wanted]
        marks = [m for m in marks if m["annotator"] in wanted]
    by_doc, marks_by_doc = by_document(labels, marks)
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
        locator = Locator(doc) if doc is not None else None
        located = {id(r): f.sentence for r, f in locator.locate_all(by_doc.get(doc_id, ()))} if locator else {}
        body = [s for s in doc.sentences if s.kind == "sentence"] if doc is not None else []
        # Who appears in this document: with --annotator, the ones asked for, even if absent here.
        present = {r["annotator"] for r in by_doc.get(doc_id, ())}
        present |= {m["annotator"] for m in marks_by_doc.get(doc_id, ())}
        rows = {
            who: DocStats(doc_id, who, len(body) if doc is not None else None, missing=doc is None)
            for who in (wanted or sorted(present) or [None])
        }
        # annotator → sentence → (updated, label): one label per sentence and annotator, even when
        # two stored labels (old and new sentence id) lead to the same sentence.
        chosen: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
        for r in by_doc.get(doc_id, ()):
            row = rows[r["annotator"]]
            s = located.get(id(r))
            if (locator is None and r.get("orphan")) or (locator is not None and s is None):
                row.orphans += 1
                continue
            key = (doc_id, s.id if s else r["sentence"])
            stamp = str(r.get("updated") or "")
            if key[1] not in chosen[r["annotator"]] or stamp >= chosen[r["annotator"]][key[1]][0]:
                chosen[r["annotator"]][key[1]] = (stamp, r["label"])
                votes[key][r["annotator"]] = r["label"]
            where[key] = (s.line, s.text) if s else (r.get("line"), r.get("text", ""))
        for who, by_sentence in chosen.items():
            rows[who].labels = Counter(label for _, label in by_sentence.values())
            rows[who].labelled = len(by_sentence)
        scopes: dict[str, list[list[str]]] = defaultdict(list)
        for m in marks_by_doc.get(doc_id, ()):
            scopes[m["annotator"]].append(list(m.get("section") or []))
        for who, scopes_of in scopes.items():
            rows[who].reviewed_sentences = sum(
                1 for s in body if any(in_scope(s.section, scope) for scope in scopes_of)
            )
        out.extend(rows.values())

    counted = wanted or known
    agreements = []
    for a, b in combinations(sorted({r["annotator"] for r in labels}), 2):
        both = [(key, v[a], v[b]) for key, v in votes.items() if a in v and b in v]
        la, lb = [x for _, x, _ in both], [y for _, _, y in both]
        observed = sum(x == y for x, y in zip(la, lb, strict=True)) / len(both) if both else None
        diffs = [Disagreement(key[0], *where[key], x, y) for key, x, y in both if x != y]
        diffs.sort(key=lambda d: (d.doc, d.line or 0))
        agreements.append(Agreement(a, b, len(both), observed, cohen_kappa(la, lb), diffs))
    used = {label for d in out for label in d.labels}
    names = list(label_set) + sorted(used - set(label_set))
    return Stats(out, agreements, names, list(counted))
