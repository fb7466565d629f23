"""Build one native export record from a stored label (or a reviewed, unlabelled sentence).

The native record is the source for every format. Its keys, in order: `id` (sentence id), `doc`,
`text`, `label`, `section` (list of titles), `start`, `end`, `line`, `annotator`, `created`,
`updated`, `note` (always present, "" when there is none: every row has the same columns with the
same types, which `datasets.load_dataset("json")` needs — a column that is null throughout its first
block fails to cast when a later block has a string), `text_changed` (the report was edited after
labelling: `text` is the current sentence, `labelled_text` the one labelled), `labelled_text`
(equal to `text` unless `text_changed`), `implicit` (a `none` that comes from a review mark, not a
stored label), `reviewed` and `review_scope` (the annotator marked this sentence's section, or the
whole document when the scope is `[]`, reviewed), then `orphan` (only with --orphans) and `tokens`
(only with --tokens).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reader.labels import NONE, LabelRecord, ReviewMark, squeeze

NONE_LABEL = NONE
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
)


def _review(mark: Mapping[str, Any] | None) -> dict[str, Any]:
    return {"reviewed": mark is not None, "review_scope": list(mark["section"]) if mark is not None else []}


def from_label(stored: LabelRecord, sentence: Any | None, mark: ReviewMark | None = None) -> dict[str, Any]:
    """A record for a stored label; positions come from `sentence` (current pipeline) when given,
    else from what the store kept when the label was made. `mark`: the review mark covering it."""
    labelled = stored.labelled_text or stored.text or ""
    if sentence is not None:
        text, section = sentence.text, list(sentence.section)
        start, end, line = sentence.start, sentence.end, sentence.line
    else:
        text, section = stored.text, list(stored.section)
        start, end, line = stored.start, stored.end, stored.line
    changed = text != labelled and squeeze(text) != squeeze(labelled)
    return {
        "id": stored.sentence,
        "doc": stored.doc,
        "text": text,
        "label": stored.label,
        "section": section,
        "start": start,
        "end": end,
        "line": line,
        "annotator": stored.annotator,
        "created": stored.created,
        "updated": stored.updated,
        "note": stored.note or "",
        "text_changed": changed,
        "labelled_text": labelled if changed else text,
        "implicit": False,
        **_review(mark),
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
    }


def in_scope(section: tuple[str, ...] | list[str], scope: list[str] | tuple[str, ...]) -> bool:
    """Whether a sentence whose section path is `section` lies inside the reviewed `scope`
    (a section path; empty = the whole document)."""
    scope = tuple(scope)
    return tuple(section[: len(scope)]) == scope
