"""The classes of an export: label names in one fixed order, so every split, format and card gives
each label the same id (`ClassLabel(names=…)` in Hugging Face `datasets`).

The order is the label set's (labels.toml, else target, achievement, problem), then `none`, then any
other label found in the records (sorted). `none` is always a class, with or without --negatives:
ids stay the same whether or not an export has negatives.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from reader.export.records import NONE_LABEL


@dataclass(frozen=True)
class Classes:
    names: tuple[str, ...]
    """Class names in id order."""
    display: Mapping[str, str] = field(default_factory=dict)
    """Name → the annotator's display name (目标), where there is one."""
    keys: Mapping[str, str] = field(default_factory=dict)
    """Name → the app's key for it."""

    @property
    def ids(self) -> dict[str, int]:
        return {name: i for i, name in enumerate(self.names)}

    def title(self, name: str) -> str:
        """`目标 target`, or just the name without a display name."""
        shown = self.display.get(name)
        return f"{shown} {name}" if shown and shown != name else name


def classes(label_set: Iterable, used: Iterable[str] = ()) -> Classes:
    """Classes from a label set (an iterable of `Label`s or of names) and the labels `used` in the records."""
    labels = list(label_set)
    names = [getattr(label, "name", label) for label in labels]
    display = {label.name: label.display for label in labels if hasattr(label, "display")}
    keys = {label.name: label.key for label in labels if hasattr(label, "key")}
    ordered = [*names, *([NONE_LABEL] if NONE_LABEL not in names else [])]
    ordered += sorted(set(used) - set(ordered))
    return Classes(tuple(ordered), display, keys)
