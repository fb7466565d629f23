"""What the app remembers between runs for the user (not data): the theme, the last report opened
from each library folder. Kept in the user's state file (`reader.userstate`, "view"), never in
the annotations folder; best effort (a state that cannot be written is only a convenience lost).
"""

from __future__ import annotations

from pathlib import Path

from reader.userstate import state_file

NAME = "view"
THEMES = ("dark", "light")


def remembered_theme() -> str | None:
    theme = state_file(NAME).get(["theme"])
    return theme if theme in THEMES else None


def remember_theme(theme: str) -> None:
    state_file(NAME).set(["theme"], theme)


def last_report(folder: Path) -> str | None:
    """The report (document id) last opened from the library of `folder`."""
    found = state_file(NAME).get(["last_report", str(Path(folder).resolve())])
    return found if isinstance(found, str) else None


def remember_report(folder: Path, doc_id: str) -> None:
    state_file(NAME).set(["last_report", str(Path(folder).resolve())], doc_id)
