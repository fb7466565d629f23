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
import operator
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

from reader.labels.clauses import CLAUSE, SENTENCE, unit_key

SCHEMA = 1
NONE = "none"
"""The reserved label of an explicit negative ("this sentence is none of the labels")."""


def now() -> str:
    """The current time as `2026-11-24T12:00:00Z`."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _RecordMapping(Mapping):
    """Read-only mapping access to a frozen slotted dataclass's fields (`r["doc"]`, `dict(r)`).

    Records are read by the hundred thousand (an export, an import, a store file opened), so the
    per-class tables below are built once (`__init_subclass__`) and every access is one set lookup and
    one slot read; a record from trusted stored data is built without `__init__` (see
    `LabelRecord.from_dict`).
    """

    __slots__ = ()
    _names: frozenset[str] = frozenset()
    _order: tuple[str, ...] = ()
    _values: Any = None
    """`operator.attrgetter` of every field, in order: the field values as one tuple (in C)."""
    _setters: tuple[tuple[str, Any], ...] = ()
    """(name, the slot's `__set__`) of every field: sets a slot of a frozen instance directly."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Fill in the per-class tables once `@dataclass(slots=True)` has made the slotted class
        (it creates a new class, which lands here with its fields and slot descriptors)."""
        super().__init_subclass__(**kwargs)
        if "__dataclass_fields__" not in cls.__dict__ or "__slots__" not in cls.__dict__:
            return
        cls._order = tuple(cls.__dataclass_fields__)
        cls._names = frozenset(cls._order)
        cls._values = operator.attrgetter(*cls._order)
        cls._setters = tuple((name, getattr(cls, name).__set__) for name in cls._order)

    def __getitem__(self, key: str) -> Any:
        if key in self._names:
            return getattr(self, key)
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key) if key in self._names else default

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, key: object) -> bool:
        return key in self._names

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values(self) == self._values(other)
        if isinstance(other, Mapping):
            return dict(zip(self._order, self._values(self), strict=True)) == dict(other.items())
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values(self))

    def replace(self, **changes: Any):
        """A copy with some fields changed."""
        if "section" in changes:
            changes["section"] = tuple(changes["section"] or ())
        unknown = changes.keys() - self._names
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field(s) {', '.join(sorted(unknown))}")
        out = object.__new__(self.__class__)
        for (name, put), value in zip(self._setters, self._values(self), strict=True):
            put(out, changes.get(name, value))
        return out

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape stored on disk (`section` as a list)."""
        out = dict(zip(self._order, self._values(self), strict=True))
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
    unit: str = SENTENCE
    """"sentence", or "clause": a part of the sentence, labelled apart (`reader.labels.clauses`)."""
    clause_start: int | None = None
    """A clause's offsets in its sentence's `text` (`clause_start`, `clause_end`)."""
    clause_end: int | None = None
    clause_text: str | None = None
    """A clause's text as labelled (`text` is its whole sentence, so that the sentence is located
    by the one rule); differs from `text[clause_start:clause_end]` while `text_changed`."""

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
        clause: tuple[int, int, str] | None = None,
    ) -> LabelRecord:
        """A fresh record, stamped now unless `created`/`updated` are given; `clause` (start, end,
        text in the sentence) makes it a clause's."""
        if not (created and updated):
            stamp = now()
            created, updated = created or stamp, updated or stamp
        return cls(
            doc=doc,
            sentence=sentence,
            text=text,
            label=label,
            annotator=annotator,
            created=created,
            updated=updated,
            section=tuple(section or ()),
            line=line,
            start=start,
            end=end,
            note=note or None,
            **_clause_fields(clause),
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LabelRecord:
        """A record from its stored JSON shape; missing optional keys take their defaults, unknown
        keys (from a newer schema) are ignored.

        Built slot by slot, without `__init__`: the store turns every stored object of a report into
        a record, so this is the hot path of opening, exporting and importing.
        """
        if data.__class__ is cls:
            return data  # type: ignore[return-value]
        get = data.get
        out = object.__new__(cls)
        for name, put, default in _PLAIN:
            put(out, get(name, default))
        updated = get("updated")
        created = get("created") or updated or now()  # older records: the first time known
        _set.created(out, created)
        _set.updated(out, updated or created)
        _set.text(out, get("text") or "")
        _set.section(out, tuple(get("section") or ()))
        _set.note(out, get("note") or None)
        _set.orphan(out, bool(get("orphan")))
        _set.text_changed(out, bool(get("text_changed")))
        _set.labelled_text(out, get("labelled_text") or None)
        _set.schema(out, get("schema") or SCHEMA)
        for name in _REQUIRED:
            if getattr(out, name) is None:
                raise KeyError(name)
        return out

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape stored on disk; a sentence's record has no clause fields (the files
        written before clauses existed stay byte for byte what they were)."""
        out = _RecordMapping.to_dict(self)
        if self.unit == SENTENCE:
            for name in CLAUSE_FIELDS:
                del out[name]
        return out

    @property
    def key(self) -> str:
        """The unit this record is on: the sentence id, or the clause's key (`reader.labels.clauses.unit_key`)."""
        if self.unit == SENTENCE:
            return self.sentence
        return unit_key(self.sentence, self.clause_start, self.clause_end)

    @property
    def is_clause(self) -> bool:
        return self.unit == CLAUSE

    @property
    def unit_text(self) -> str:
        """The text of the unit as last attached: the sentence, or the clause's part of it."""
        if self.unit == SENTENCE:
            return self.text
        return self.text[self.clause_start : self.clause_end]

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


CLAUSE_FIELDS = ("unit", "clause_start", "clause_end", "clause_text")


def _clause_fields(clause: tuple[int, int, str] | None) -> dict[str, Any]:
    if clause is None:
        return {}
    start, end, text = clause
    return {"unit": CLAUSE, "clause_start": start, "clause_end": end, "clause_text": text}


_REQUIRED = ("doc", "sentence", "annotator")
_set = SimpleNamespace(**dict(LabelRecord._setters))
"""Each field's slot setter (`_set.note(record, value)`), for `from_dict`."""
_NORMALIZED = {"created", "updated", "text", "section", "note", "orphan", "text_changed", "labelled_text", "schema"}
_PLAIN = tuple(
    (f.name, getattr(_set, f.name), None if f.default is dataclasses.MISSING else f.default)
    for f in dataclasses.fields(LabelRecord)
    if f.name not in _NORMALIZED
)
"""The fields `from_dict` takes as stored (a field added later lands here, with its default)."""


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
