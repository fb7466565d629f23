"""Build one native export record from a stored label (or a reviewed, unlabelled sentence).

The native record is the source for every format. Its keys, in order: `id` (the unit's id: the
sentence id, or a clause's key `sentence#start-end`), `doc`, `text` (the unit's text),
`label`, `section` (list of titles), `start`, `end`, `line`, `annotator`, `created`,
`updated`, `note` (always present, "" when there is none: every row has the same columns with the
same types, which `datasets.load_dataset("json")` needs — a column that is null throughout its first
block fails to cast when a later block has a string), `text_changed` (the report was edited after
labelling: `text` is the current sentence, `labelled_text` the one labelled), `labelled_text`
(equal to `text` unless `text_changed`), `implicit` (a `none` that comes from a review mark, not a
stored label), `reviewed` and `review_scope` (the annotator marked this sentence's section, or the
whole document when the scope is `[]`, reviewed), `unit` (`"sentence"`, or `"clause"`: a part of a
sentence labelled apart, `reader.labels.clauses`) and `sentence` (the id of the sentence the unit
is, or is part of), then `orphan` (only with --orphans) and `tokens` (only with --tokens).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reader.labels import NONE, LabelRecord, ReviewMark, squeeze
from reader.labels.clauses import CLAUSE, SENTENCE, unit_key

NONE_LABEL = NONE
SECTION_SEPARATOR = " > "
"""How a record's section path is written as one string (CSV cells, Label Studio's `section_path`)."""
NATIVE_FIELDS = (
    "id",
    "doc",
    "text",
    "label",
    "section",
    "start",
    "end",
    "line",
    "annotator",
    "created",
    "updated",
    "note",
    "text_changed",
    "labelled_text",
    "implicit",
    "reviewed",
    "review_scope",
    "unit",
    "sentence",
)


def _review(mark: Mapping[str, Any] | None) -> dict[str, Any]:
    return {"reviewed": mark is not None, "review_scope": list(mark["section"]) if mark is not None else []}


def from_label(
    stored: LabelRecord, sentence: Any | None, mark: ReviewMark | None = None, clause: tuple[int, int] | None = None
) -> dict[str, Any]:
    """A record for a stored label; positions come from `sentence` (current pipeline) when given,
    else from what the store kept when the label was made. `mark`: the review mark covering it.
    A clause's record: `clause` is where `locate` found it in `sentence` (its offsets in it)."""
    if stored.is_clause:
        return _clause(stored, sentence, mark, clause)
    place = sentence if sentence is not None else stored
    sid = sentence.id if sentence is not None else stored.sentence
    return _record(
        stored,
        mark,
        unit_id=sid,
        sentence_id=sid,
        text=place.text,
        labelled=stored.labelled_text or stored.text or "",
        section=place.section,
        span=(place.start, place.end),
        line=place.line,
        unit=SENTENCE,
    )


def _clause(
    stored: LabelRecord, sentence: Any | None, mark: ReviewMark | None, clause: tuple[int, int] | None
) -> dict[str, Any]:
    if sentence is not None and clause is not None:
        (a, b), whole, sid = clause, sentence, sentence.id
    else:
        a, b, whole, sid = stored.clause_start, stored.clause_end, stored, stored.sentence
    base = whole.start
    return _record(
        stored,
        mark,
        unit_id=unit_key(sid, a, b),
        sentence_id=sid,
        text=whole.text[a:b],
        labelled=stored.clause_text or stored.unit_text,
        section=whole.section,
        span=(None, None) if base is None else (base + a, base + b),
        line=whole.line,
        unit=CLAUSE,
    )


def _record(
    stored: LabelRecord,
    mark: ReviewMark | None,
    *,
    unit_id: str,
    sentence_id: str,
    text: str,
    labelled: str,
    section: Any,
    span: tuple[int | None, int | None],
    line: Any,
    unit: str,
) -> dict[str, Any]:
    """The one shape of an exported label record, for a sentence or a clause (`NATIVE_FIELDS` order)."""
    changed = text != labelled and squeeze(text) != squeeze(labelled)
    return {
        "id": unit_id,
        "doc": stored.doc,
        "text": text,
        "label": stored.label,
        "section": list(section),
        "start": span[0],
        "end": span[1],
        "line": line,
        "annotator": stored.annotator,
        "created": stored.created,
        "updated": stored.updated,
        "note": stored.note or "",
        "text_changed": changed,
        "labelled_text": labelled if changed else text,
        "implicit": False,
        **_review(mark),
        "unit": unit,
        "sentence": sentence_id,
    }


def negative(doc_id: str, sentence: Any, annotator: str, mark: Mapping[str, Any], note: str = "") -> dict[str, Any]:
    """A `label: "none"` record for an unlabelled sentence of a reviewed section; its times are
    those of the review mark (when the annotator said "nothing else here")."""
    when = mark.get("updated") or mark.get("created")
    return {
        "id": sentence.id,
        "doc": doc_id,
        "text": sentence.text,
        "label": NONE_LABEL,
        "section": list(sentence.section),
        "start": sentence.start,
        "end": sentence.end,
        "line": sentence.line,
        "annotator": annotator,
        "created": mark.get("created") or when,
        "updated": when,
        "note": note or "",
        "text_changed": False,
        "labelled_text": sentence.text,
        "implicit": True,
        **_review(mark),
        "unit": SENTENCE,
        "sentence": sentence.id,
    }


def in_scope(section: tuple[str, ...] | list[str], scope: list[str] | tuple[str, ...]) -> bool:
    """Whether a sentence whose section path is `section` lies inside the reviewed `scope`
    (a section path; empty = the whole document)."""
    scope = tuple(scope)
    return tuple(section[: len(scope)]) == scope
