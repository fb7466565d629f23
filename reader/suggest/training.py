"""Training examples from the store: label records are positives; the unlabelled sentences of a
section an annotator marked reviewed are that annotator's `none` examples.

The units are those of the export: body sentences (`kind == "sentence"`) only. Headings, titles and
page chrome are `none` by definition and never count, neither as examples nor in an evaluation (they
would inflate every score with easy answers).

A record is joined to its sentence by id (then by whitespace-free text) in the pipeline's
`Document`, so the model sees the same context at training and at suggestion time. Records of a
document that is not available are used with a context rebuilt from the record (text, section).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.labels import locate_all
from reader.labels.units import UNIT_KIND
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
    without_doc: int = 0
    """Records whose document was not available (context rebuilt from the record)."""
    skipped: int = 0
    """Records with a label outside the four classes, or orphans."""
    not_sentences: int = 0
    """Records on headings or other units that are not body sentences (not training units)."""


def is_unit(kind: str) -> bool:
    """Whether a sentence of this kind is a training and evaluation unit (as in the export)."""
    return kind == UNIT_KIND


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
        if r.get("label") not in LABELS or r.get("orphan"):
            out.skipped += 1
            continue
        by_doc[r["doc"]].append(r)
    marks: dict[str, dict[str, list[tuple[str, ...]]]] = defaultdict(lambda: defaultdict(list))
    for m in reviewed:
        marks[m["doc"]][m["annotator"]].append(tuple(m.get("section") or ()))

    for doc_id in sorted(set(by_doc) | set(marks)):
        doc = docs.get(doc_id)
        recs = by_doc.get(doc_id, [])
        if doc is None:
            for r in recs:
                out.examples.append(Example(_record_context(r), r["label"], doc_id, r.get("annotator") or ""))
                out.positives += 1
                out.without_doc += 1
            continue
        ctxs = contexts(doc)
        labelled: dict[str, set[int]] = defaultdict(set)
        for r, found in locate_all(recs, doc):  # the rule the store and the export use
            i = found.sentence.index if found.sentence is not None else None
            ctx = ctxs[i] if i is not None else _record_context(r)
            if i is not None:
                labelled[r["annotator"]].add(i)
                if not is_unit(doc.sentences[i].kind):
                    out.not_sentences += 1
                    continue
            else:
                out.without_doc += 1
            out.examples.append(Example(ctx, r["label"], doc_id, r.get("annotator") or ""))
            out.positives += 1
        for annotator, paths in marks.get(doc_id, {}).items():
            for i, s in enumerate(doc.sentences):
                if i in labelled[annotator] or not is_unit(s.kind):
                    continue
                if any(_in_section(tuple(s.section), p) for p in paths):
                    out.examples.append(Example(ctxs[i], "none", doc_id, annotator))
                    out.negatives += 1
    return out


def _record_context(r: Mapping) -> Context:
    section = tuple(r.get("section") or ())
    part = next((p for p in (classify_part_title(t) for t in section) if p), "")
    return Context(text=normalize(r.get("text") or ""), part=part, section=section)
