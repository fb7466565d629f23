"""Which sentences are labelling units, and the one whitespace squeeze.

Only units of kind "sentence" are labelled, counted in progress, exported as negatives and used
for training; headings (and any other kind the pipeline adds: titles, page chrome) are not.
"""

from __future__ import annotations

from typing import Any

from reader.text.sentences import text_key

UNIT_KIND = "sentence"

squeeze = text_key
"""Text without whitespace (and line breaks): what sentence ids hash, and how a label's text is
compared with a sentence's. The one squeeze of the project (defined by the pipeline)."""


def is_unit(sentence: Any) -> bool:
    """Whether a sentence is a labelling unit (body text, not a heading or page chrome)."""
    return sentence.kind == UNIT_KIND


def units(document: Any) -> list[Any]:
    """The labelling units of a document, in reading order."""
    return [s for s in document.sentences if s.kind == UNIT_KIND]
