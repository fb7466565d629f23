"""Whitespace-insensitive search in a document's text (pure; used by `DocumentView`).

The reflowed text still has the odd space (`5G 应用`) and paragraphs are joined by newlines, and a
visual line break is not a character at all, so a query matches across any whitespace: `应用建设`
finds `应用 建设`, and a phrase that wraps over two visual lines is found like any other.
"""

from __future__ import annotations

import re


def compile_query(query: str) -> re.Pattern[str] | None:
    """A pattern matching the query's non-space characters with any whitespace between them."""
    chars = [c for c in query if not c.isspace()]
    if not chars:
        return None
    return re.compile(r"\s*".join(re.escape(c) for c in chars), re.IGNORECASE)


def find_matches(text: str, query: str) -> list[tuple[int, int]]:
    """Character spans `(start, end)` of every non-overlapping match of `query` in `text`."""
    pattern = compile_query(query)
    if pattern is None:
        return []
    return [m.span() for m in pattern.finditer(text)]
