"""Reading positions: the sentence each annotator was last at in each report.

Kept in the user's state file (`reader.userstate`), never in the annotations folder: reading a
report changes no tracked file. Positions are keyed by the annotations folder (resolved), so two
projects on one machine keep their own. Positions that older versions kept in the store's
`positions` table are still read, once, when the state file has none.
"""

from __future__ import annotations

from pathlib import Path

from reader.userstate import StateFile, state_file

NAME = "positions"


class Positions:
    def __init__(self, annotations: str | Path, annotator: str, state: StateFile | None = None) -> None:
        self.folder = str(Path(annotations).resolve())
        self.annotator = annotator
        self.state = state or state_file(NAME)

    def get(self, doc_id: str) -> str | None:
        found = self.state.get([self.folder, self.annotator, doc_id])
        return found if isinstance(found, str) else None

    def set(self, doc_id: str, sentence_id: str) -> bool:
        """Remember the position (a small unsynced write); False if it could not be written."""
        return self.state.set([self.folder, self.annotator, doc_id], sentence_id)
