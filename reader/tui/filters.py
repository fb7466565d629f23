"""Sentence filters of the reading screen: which sentences the movement keys visit.

A filter is a name and a rule on one sentence unit, given what the session and the suggester know.
`matching` returns the indices (into `document.sentences`) of the units it keeps, in reading order;
the screen recomputes them after every change (labelling a sentence takes it out of
"unlabelled"), dims the other units and walks the kept ones. No widgets here.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from reader.labels import is_unit
from reader.tui.suggestions import UNSURE_MARGIN


@dataclass(frozen=True, slots=True)
class Filter:
    key: str
    """"unlabelled", "label:<name>", "unsure", "notes" or "attention"."""
    title: str
    """As the dialog, the palette and the status bar show it."""


def filters_for(labels) -> list[Filter]:
    """Every filter for a label set, in the order the dialog lists them."""
    out = [Filter("unlabelled", "unlabelled")]
    out += [Filter(f"label:{label.name}", f"{label.display} {label.name}") for label in labels]
    out += [
        Filter("label:none", "none (explicit negatives)"),
        Filter("unsure", "unsure suggestion"),
        Filter("notes", "with a note"),
        Filter("attention", "changed or orphaned labels"),
    ]
    return out


def matching(key: str, sentences, session, margins) -> list[int]:
    """Indices of the sentence units `key` keeps.

    `session`: the `LabelSession` (labels, notes, changed and orphaned records); `margins`: sentence
    id → the suggester's margin (top minus runner-up probability).
    """
    keep = _rule(key, session, margins)
    return [s.index for s in sentences if is_unit(s) and keep(s)]


def _rule(key: str, session, margins):
    labels = session.labels if session is not None else {}
    if key == "unlabelled":
        return lambda s: s.id not in labels
    if key.startswith("label:"):
        name = key.removeprefix("label:")
        return lambda s: labels.get(s.id) == name
    if key == "unsure":
        return lambda s: margins.get(s.id, 1.0) < UNSURE_MARGIN
    if session is None:
        return lambda s: False
    if key == "notes":
        notes = session.notes
        return lambda s: s.id in notes
    if key == "attention":
        ids = set(session.changed_ids)
        for record in session.attention:
            nearest = session.nearest_sentence(record)
            if nearest is not None:
                ids.add(nearest.id)
        return lambda s: s.id in ids
    raise ValueError(f"unknown filter {key!r}")


def step(kept: list[int], cursor: int, direction: int) -> int | None:
    """The kept sentence after (1) or before (-1) `cursor`, or None at the end."""
    if direction > 0:
        i = bisect_right(kept, cursor)
        return kept[i] if i < len(kept) else None
    i = bisect_left(kept, cursor) - 1
    return kept[i] if i >= 0 else None


def rank(kept: list[int], cursor: int) -> int | None:
    """1-based place of `cursor` among the kept sentences (None if it is not one of them)."""
    i = bisect_left(kept, cursor)
    return i + 1 if i < len(kept) and kept[i] == cursor else None
