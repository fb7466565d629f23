"""The pipeline's output types: a reflowed document with its paragraphs, outline and sentences.

Offsets (`start`, `end`) are character offsets into `Document.text`, the reflowed text in which
paragraphs are joined by a single newline. `line` is always the 1-based raw line number in the
source file where the unit starts (provenance).
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from typing import Literal, TypeVar

_T = TypeVar("_T")


def _sets_slots(cls: type[_T]) -> type[_T]:
    """Give a frozen slotted dataclass an `__init__` that fills its slots directly, with the same
    parameters. The one `dataclass` writes must go around the frozen `__setattr__` with a call of
    `object.__setattr__` per field, about twice as slow; the pipeline builds these records by the ten
    thousand (12% of the sentence stage's instructions). Only construction changes: instances are
    the same (fields, repr, equality, hash, pickling, `dataclasses.replace`), and stay frozen."""
    names = [f.name for f in fields(cls)]
    scope = {f"_set_{n}": getattr(cls, n).__set__ for n in names}
    params = []
    for f in fields(cls):
        if f.default is not MISSING:
            scope[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        else:
            params.append(f.name)
    source = f"def __init__(self, {', '.join(params)}):\n" + "".join(f"    _set_{n}(self, {n})\n" for n in names)
    exec(source, scope)  # generated from the field names, as `dataclass` does
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init
    return cls


ParagraphKind = Literal["heading", "text", "title", "note"]
"""heading: a part or section heading; text: body; title: a line of a title block (report title,
dateline, byline, banner, a notes header); note: an end note (［1］…). Titles and notes are in no
section of the body."""
SentenceKind = Literal["heading", "sentence", "title"]
"""Only "sentence" units are labelled (exported, trained on, counted in progress); "heading" and
"title" units are shown but never labelled. Sentences of end notes are "sentence" units with no
section."""


@_sets_slots
@dataclass(frozen=True, slots=True)
class Dropped:
    """A piece of page furniture removed by the cleaner (e.g. （上接第一版）)."""

    text: str
    line: int


@_sets_slots
@dataclass(frozen=True, slots=True)
class Paragraph:
    """One reflowed paragraph: a heading line or a run of body text."""

    index: int
    kind: ParagraphKind
    start: int
    end: int
    line: int
    level: int = 0
    """Outline level for headings (1 = part, 2 = numbered section); 0 for body text."""


@_sets_slots
@dataclass(frozen=True, slots=True)
class Heading:
    """One outline entry."""

    level: int
    """1 = part (一、…), 2 = numbered section (（一）…), 3 = lead-in (一是…, a short opening sentence)."""
    title: str
    """The heading as shown, numbering included (a lead-in's trailing 。 is kept)."""
    start: int
    end: int
    line: int
    path: tuple[str, ...]
    """Titles from the top of the outline down to and including this heading."""


@_sets_slots
@dataclass(frozen=True, slots=True)
class Sentence:
    """One labelling unit: a sentence of body text, or a whole heading."""

    id: str
    """Stable id: document id, a hash of the whitespace-free text and an occurrence count."""
    index: int
    text: str
    kind: SentenceKind
    start: int
    end: int
    line: int
    section: tuple[str, ...]
    """Titles of the enclosing outline entries, top down (a heading's path includes itself)."""
    paragraph: int


@_sets_slots
@dataclass(frozen=True, slots=True)
class Place:
    """Where a raw line of a PDF was printed: page (1-based) and its start, in points from the
    page's top-left corner."""

    page: int
    x: float
    y: float


@dataclass(slots=True)
class Document:
    """A report after the whole pipeline (decode → clean → reflow → outline → sentences)."""

    id: str
    text: str
    paragraphs: list[Paragraph]
    outline: list[Heading]
    sentences: list[Sentence]
    dropped: list[Dropped] = field(default_factory=list)
    encoding: str = "utf-8"
    sha256: str = ""
    """Hash of the raw bytes: the document's identity for caches and export manifests."""
    path: str | None = None
    places: list[Place] = field(default_factory=list)
    """For a PDF, where raw line n (its printed lines in reading order) is: `places[n - 1]`; empty for text."""
    notices: list[str] = field(default_factory=list)
    """What the reader could not read and the person should be told (a PDF's scanned pages, read
    around): shown as warnings (`reader.text.quality.warnings`)."""
