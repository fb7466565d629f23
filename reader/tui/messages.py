"""Messages that cross screens (attributes down, messages up)."""

from __future__ import annotations

from textual.message import Message


class DocumentClosed(Message):
    """A reading screen closed: the library refreshes that report's figures."""

    def __init__(self, doc_id: str) -> None:
        super().__init__()
        self.doc_id = doc_id
