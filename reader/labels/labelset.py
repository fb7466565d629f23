"""The label set: names, Chinese display names, colours and keys, optionally from `labels.toml`.

The defaults are target/目标/t, achievement/成绩/a, problem/问题/p. A `labels.toml` in the
annotations folder replaces them, in file order:

    [labels.target]
    display = "目标"
    color = "#3584e4"
    key = "t"
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reader.errors import ReaderError

LABELS_FILE = "labels.toml"

_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
_COLOR = re.compile(r"^(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}|[a-z][a-z0-9_ ]*)$")
# Mid-luminance colours: readable as text or highlight on both light and dark terminals.
_PALETTE = ("#3584e4", "#26a269", "#e66100", "#9141ac", "#c64600", "#1c71d8", "#986a44", "#e01b24")


@dataclass(frozen=True, slots=True)
class Label:
    name: str
    """Stored in records and exports (`target`)."""
    display: str
    """Shown to the annotator (`目标`)."""
    color: str
    """A Rich colour: `#rrggbb` or a colour name."""
    key: str
    """The single key that applies the label in the app."""


class LabelSet:
    """An ordered, read-only collection of labels."""

    def __init__(self, labels: tuple[Label, ...], source: Path | None = None) -> None:
        self._labels = labels
        self._by_name = {label.name: label for label in labels}
        self._by_key = {label.key: label for label in labels}
        self.source = source
        """The `labels.toml` these came from, or None for the defaults."""

    def __iter__(self):
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)

    def __getitem__(self, index: int) -> Label:
        return self._labels[index]

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __repr__(self) -> str:
        return f"LabelSet({', '.join(label.name for label in self._labels)})"

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(label.name for label in self._labels)

    def get(self, name: str) -> Label | None:
        return self._by_name.get(name)

    def by_key(self, key: str) -> Label | None:
        return self._by_key.get(key)


DEFAULT_LABELS = LabelSet(
    (
        Label("target", "目标", "#3584e4", "t"),
        Label("achievement", "成绩", "#26a269", "a"),
        Label("problem", "问题", "#e66100", "p"),
    )
)


def load_labelset(annotations_dir: str | Path | None = None) -> LabelSet:
    """The label set of an annotations folder: its `labels.toml` if present, else the defaults.

    Raises ReaderError naming the file and what is wrong when the file is bad.
    """
    if annotations_dir is None:
        return DEFAULT_LABELS
    path = Path(annotations_dir) / LABELS_FILE
    if not path.is_file():
        return DEFAULT_LABELS
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ReaderError(f"{path}: not UTF-8 text ({exc.reason}); save it as UTF-8") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ReaderError(f"{path}: not valid TOML: {exc}; fix the file or delete it to use the defaults") from exc
    return _parse(data, path)


def _parse(data: dict, path: Path) -> LabelSet:
    def bad(what: str) -> ReaderError:
        return ReaderError(f"{path}: {what}; see the [labels.NAME] example in the README")

    table = data.get("labels")
    if not isinstance(table, dict) or not table:
        raise bad("no [labels.NAME] tables")
    unknown_top = set(data) - {"labels"}
    if unknown_top:
        raise bad(f"unknown top-level key(s) {', '.join(sorted(unknown_top))}")
    labels: list[Label] = []
    keys: dict[str, str] = {}
    for i, (name, spec) in enumerate(table.items()):
        if not _NAME.match(name) or name == "none":
            raise bad(f"label name {name!r} must be lower-case letters, digits, - or _ (and not 'none')")
        if not isinstance(spec, dict):
            raise bad(f"labels.{name} must be a table (display, color, key)")
        unknown = set(spec) - {"display", "color", "key"}
        if unknown:
            raise bad(f"labels.{name}: unknown key(s) {', '.join(sorted(unknown))}")
        display = spec.get("display", name)
        color = spec.get("color", _PALETTE[i % len(_PALETTE)])
        key = spec.get("key", name[0])
        for field, value in (("display", display), ("color", color), ("key", key)):
            if not isinstance(value, str) or not value.strip():
                raise bad(f"labels.{name}.{field} must be a non-empty string")
        if not _COLOR.match(color):
            raise bad(f"labels.{name}.color {color!r} is not a colour (#rrggbb or a name)")
        if len(key) != 1:
            raise bad(f"labels.{name}.key {key!r} must be a single character")
        if key in keys:
            raise bad(f"labels.{name}.key {key!r} is already the key of {keys[key]}")
        keys[key] = name
        labels.append(Label(name, display, color, key))
    return LabelSet(tuple(labels), source=path)
