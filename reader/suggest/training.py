"""Training examples from the store: label records (a label of the set, or an explicit `none`) are
examples; the unlabelled sentences of a section an annotator marked reviewed are that annotator's
`none` examples. A record that only carries a note (label None) is no example, and its sentence is
an unlabelled one.

The units are those of the export: body sentences (`reader.labels.is_unit`) only. Headings, titles
and page chrome are `none` by definition and never count, neither as examples nor in an evaluation
(they would inflate every score with easy answers).

A record is joined to its sentence by `reader.labels.locate_all`, the one rule the store, the export
and the app use (by id, else the same text nearest its old place, else a small edit), so the model
sees the same sentence and context as the export. Records of a document that is not available are
used with a context rebuilt from the record (text, section); orphans are left out. As in the export,
no sentence an orphan or a changed label points at or near (`Locator.near`) is a reviewed negative.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.labels import NONE, Locator
from reader.labels import is_unit as _is_unit
from reader.suggest.context import Context, classify_part_title, contexts, normalize
from reader.suggest.labels import LABELS
from reader.suggest.model import Example

if TYPE_CHECKING:
    from reader.text.model import Document


@dataclass
class Collected:
    examples: list[Example] = field(default_factory=list)
    positives: int = 0
    negatives: int = 0
    """`none` examples from reviewed sections."""
    explicit_nones: int = 0
    """Records labelled `none` (also counted in `positives`: they are examples like any label)."""
    notes_only: int = 0
    """Records with a note and no label: not examples."""
    without_doc: int = 0
    """Records whose document was not available (context rebuilt from the record)."""
    skipped: int = 0
    """Records with a label outside the four classes, or whose sentence is gone (orphans)."""
    not_sentences: int = 0
    """Records on headings or other units that are not body sentences (not training units)."""


def _in_section(section: tuple[str, ...], reviewed: tuple[str, ...]) -> bool:
    return section[: len(reviewed)] == reviewed


def collect_examples(
    records: Iterable[Mapping],
    docs: Mapping[str, Document],
    reviewed: Iterable[Mapping] = (),
) -> Collected:
    """Examples from label `records` and `reviewed` marks (store shapes) over the documents `docs`."""
    out = Collected()
    by_doc: dict[str, list[Mapping]] = defaultdict(list)
    for r in records:
        if r.get("label") is None:
            out.notes_only += 1
        elif r["label"] not in LABELS:
            out.skipped += 1
        else:
            by_doc[r["doc"]].append(r)
    marks: dict[str, dict[str, list[tuple[str, ...]]]] = defaultdict(lambda: defaultdict(list))
    for m in reviewed:
        marks[m["doc"]][m["annotator"]].append(tuple(m.get("section") or ()))

    for doc_id in sorted(set(by_doc) | set(marks)):
        doc = docs.get(doc_id)
        recs = by_doc.get(doc_id, [])
        if doc is None:  # the context each record remembers
            for r in recs:
                out.examples.append(Example(_record_context(r), r["label"], doc_id, r.get("annotator") or ""))
                out.positives += 1
                out.without_doc += 1
                out.explicit_nones += r["label"] == NONE
            continue
        ctxs = contexts(doc)
        locator = Locator(doc)
        keep_out: dict[str, set[str]] = defaultdict(set)  # annotator → never one of their negatives
        for r, found in locator.locate_all(recs):
            sentence = found.sentence
            if sentence is None or found.text_changed:  # as the export: not a negative near it either
                keep_out[r["annotator"]] |= locator.near(r)
            if sentence is None:  # an orphan: its sentence is gone
                out.skipped += 1
                continue
            keep_out[r["annotator"]].add(sentence.id)
            if not _is_unit(sentence) or r.get("clause_start") is not None:  # a clause's label: no
                out.not_sentences += 1  # sentence example, and its sentence no negative (as the export)
                continue
            out.examples.append(Example(ctxs[sentence.index], r["label"], doc_id, r.get("annotator") or ""))
            out.positives += 1
            out.explicit_nones += r["label"] == NONE
        for annotator, paths in marks.get(doc_id, {}).items():
            for s in doc.sentences:
                if s.id in keep_out[annotator] or not _is_unit(s):
                    continue
                if any(_in_section(tuple(s.section), p) for p in paths):
                    out.examples.append(Example(ctxs[s.index], NONE, doc_id, annotator))
                    out.negatives += 1
    return out


def _record_context(r: Mapping) -> Context:
    section = tuple(r.get("section") or ())
    part = next((p for p in (classify_part_title(t) for t in section) if p), "")
    return Context(text=normalize(r.get("text") or ""), part=part, section=section)
