"""Open what export and stats read: the annotation store (read-only, never created) and the corpus.

A damaged store file is never silently skipped: with a good backup its labels come from the backup
(said through `warn`); without one, unless `allow_damaged`, this is an error, because the export
would quietly lack that report's labels. A corpus folder that does not exist is an error too: every
record would fall back to stored positions and the manifest would hold no report hashes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.errors import ReaderError


class EmptyStore:
    """Stands in for a store folder that does not exist yet: no labels, no review marks."""

    def labels(self, *a: Any, **k: Any) -> list[dict[str, Any]]:
        return []

    def reviewed(self, *a: Any, **k: Any) -> list[dict[str, Any]]:
        return []

    def close(self) -> None:
        pass


def open_store(path: Path, *, allow_damaged: bool = True, warn: Callable[[str], object] = print):
    """The store under `path`, read-only; an `EmptyStore` when the folder does not exist."""
    if not path.exists():
        return EmptyStore()
    if not path.is_dir():
        raise ReaderError(f"annotations folder {path} is not a folder; give one with --annotations")
    from reader.store import AnnotationStore

    store = AnnotationStore(path, read_only=True)
    lost = []
    for name, what in store.problems():
        warn(f"warning: {path / name}: {what}")
        if "no usable backup" in what:
            lost.append(name)
    if lost and not allow_damaged:
        store.close()
        raise ReaderError(
            f"{', '.join(lost)} in {path} {'is' if len(lost) == 1 else 'are'} damaged without a usable backup: "
            "its labels would be missing from the export; "
            "run `reader doctor --repair` first, or pass --allow-damaged to go on without them"
        )
    return store


def check_corpus(path: Path) -> Path:
    """`path` if it is a folder; else a ReaderError saying what to do."""
    if path.is_dir():
        return path
    what = "is not a folder" if path.exists() else "does not exist"
    raise ReaderError(f"corpus folder {path} {what}; give the folder of the reports with --corpus DIR")
