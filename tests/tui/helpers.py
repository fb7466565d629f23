"""Helpers for the Pilot tests."""

from __future__ import annotations

import asyncio

from reader.tui.screens.reading import ReadingScreen

DOC = "jinzhong-2025"


async def wait_for(pilot, condition, timeout: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.02)


async def reading(pilot) -> ReadingScreen:
    """Wait until the reading screen has its document, then return it."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, ReadingScreen) and app.screen.document is not None)
    await pilot.pause()
    return app.screen


def first_body(screen, after: int = 0) -> int:
    """Index of the first labellable sentence at or after `after`."""
    return next(s.index for s in screen.document.sentences[after:] if s.kind == "sentence")


def stored(app, doc: str = DOC) -> dict[str, str | None]:
    """What the store holds for the test annotator: sentence id → label."""
    return {sid: rec["label"] for sid, rec in app.store.doc_labels(doc, "tester").items()}
