"""Errors raised by the annotation store (both reach the user as one clean line)."""

from __future__ import annotations

from reader.errors import ReaderError


class StoreError(ReaderError):
    """The store cannot do what was asked (bad label, bad document id, unreadable folder...)."""


class ReadOnlyStore(StoreError):
    """A write was refused: the store, or this document's file, is open read-only (the reason says why)."""
