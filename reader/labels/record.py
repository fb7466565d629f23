"""The label record: one annotator's decision about one sentence, the same type in every layer.

A `LabelRecord` is frozen. The store keeps it on disk as a plain JSON object (`to_dict`, `from_dict`)
and hands it out as a record; export, training and the app read the same fields. It is also a
read-only `Mapping` (`r["doc"]`, `r.get("note")`, `dict(r)`), so code and scripts written against
the older dict records keep working.

`label` is a name of the label set, `"none"` (an explicit "nothing here" for this one sentence), or
None (a record that only carries a note). `text` is the sentence's text when the record was last
attached; when the report was edited and the label followed its sentence to a slightly different
text, `text_changed` is true and `labelled_text` keeps the text the annotator actually labelled,
until they confirm the label on the new text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

SCHEMA = 1
NONE = "none"
"""The reserved label of an explicit negative ("this sentence is none of the labels")."""


def now() -> str:
    """The current time as `2026-11-24T12:00:00Z`."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _RecordMapping(Mapping):
    """Read-only mapping access to a frozen dataclass's fields (for `r["doc"]`, `dict(r)`)."""

    __slots__ = ()

    def __getitem__(self, key: str) -> Any:
        if key in self._fields():
            return getattr(self, key)
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields())

    def __len__(self) -> int:
        return len(self._fields())

    def __contains__(self, key: object) -> bool:
        return key in self._fields()

    @classmethod
    def _fields(cls) -> tuple[str, ...]:
        return cls.__dataclass_fields__.keys()  # type: ignore[attr-defined,return-value]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self.items()) == dict(other.items())
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self.values()))

    def replace(self, **changes: Any):
        """A copy with some fields changed."""
        if "section" in changes:
            changes["section"] = tuple(changes["section"] or ())
        return dataclasses.replace(self, **changes)  # type: ignore[type-var]

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape stored on disk (`section` as a list)."""
        out = {name: getattr(self, name) for name in self._fields()}
        out["section"] = list(out["section"])
        return out


@dataclass(frozen=True, slots=True, eq=False)
class LabelRecord(_RecordMapping):
    """One annotator's label (or note) on one sentence of one document."""

    doc: str
    sentence: str
    """The sentence id (`doc:hash:n`, see `reader.text.sentences.sentence_id`)."""
    text: str
    label: str | None
    annotator: str
    created: str
    updated: str
    section: tuple[str, ...] = ()
    line: int | None = None
    start: int | None = None
    end: int | None = None
    note: str | None = None
    orphan: bool = False
    """The sentence is no longer in the text (kept, never dropped)."""
    text_changed: bool = False
    """Re-attached to an edited sentence: `labelled_text` is what was labelled."""
    labelled_text: str | None = None
    schema: int = SCHEMA

    @classmethod
    def new(
        cls,
        doc: str,
        sentence: str,
        label: str | None,
        *,
        annotator: str,
        text: str,
        section=(),
        line=None,
        start=None,
        end=None,
        note=None,
        created=None,
        updated=None,
    ) -> LabelRecord:
        """A fresh record, stamped now unless `created`/`updated` are given."""
        stamp = now()
        return cls(
            doc=doc,
            sentence=sentence,
            text=text,
            label=label,
            annotator=annotator,
            created=created or stamp,
            updated=updated or stamp,
            section=tuple(section or ()),
            line=line,
            start=start,
            end=end,
            note=note or None,
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LabelRecord:
        """A record from its stored JSON shape; missing optional keys take their defaults, unknown
        keys (from a newer schema) are ignored."""
        if isinstance(data, LabelRecord):
            return data
        stamp = data.get("created") or data.get("updated") or now()
        return cls(
            doc=data["doc"],
            sentence=data["sentence"],
            text=data.get("text") or "",
            label=data.get("label"),
            annotator=data["annotator"],
            created=stamp,
            updated=data.get("updated") or stamp,
            section=tuple(data.get("section") or ()),
            line=data.get("line"),
            start=data.get("start"),
            end=data.get("end"),
            note=data.get("note") or None,
            orphan=bool(data.get("orphan")),
            text_changed=bool(data.get("text_changed")),
            labelled_text=data.get("labelled_text") or None,
            schema=data.get("schema") or SCHEMA,
        )

    @property
    def is_label(self) -> bool:
        """A real decision (a label of the set or an explicit none), not just a note."""
        return self.label is not None

    @property
    def needs_attention(self) -> bool:
        """An orphan or a label whose sentence changed: shown to the annotator until resolved."""
        return self.orphan or self.text_changed

    def same_content(self, other: Mapping[str, Any]) -> bool:
        """Whether two records say the same thing (label and note), whatever their times."""
        return self.label == other.get("label") and (self.note or None) == (other.get("note") or None)


@dataclass(frozen=True, slots=True, eq=False)
class ReviewMark(_RecordMapping):
    """An annotator's "this section is done": its unlabelled sentences are explicit negatives.

    `section` is the titles path of the section; () is the whole document.
    """

    doc: str
    annotator: str
    section: tuple[str, ...] = ()
    created: str = ""
    updated: str = ""
    schema: int = SCHEMA

    @classmethod
    def new(cls, doc: str, section, *, annotator: str, created=None, updated=None) -> ReviewMark:
        stamp = now()
        created = created or updated or stamp
        return cls(doc, annotator, tuple(section or ()), created, updated or created)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ReviewMark:
        if isinstance(data, ReviewMark):
            return data
        created = data.get("created") or data.get("updated") or ""
        return cls(
            doc=data["doc"],
            annotator=data["annotator"],
            section=tuple(data.get("section") or ()),
            created=created,
            updated=data.get("updated") or created,
            schema=data.get("schema") or SCHEMA,
        )

    def covers(self, section) -> bool:
        """Whether a sentence with this section path lies inside the reviewed section."""
        return tuple(section[: len(self.section)]) == self.section
