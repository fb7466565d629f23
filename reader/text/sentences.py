"""Sentences: split a paragraph at 。！？ and ……, keeping closing quotes and brackets with their
sentence; make the stable sentence id.

Splitting never happens inside numbers: the full stop of a decimal (3.5%, 1.14亿吨) is a half-width
"." which is never a sentence end, and half-width ! ? end a sentence only outside Latin text.
"""

from __future__ import annotations

import hashlib
import re

from reader.text.chars import WS_RE

# (The lookahead changes no match: it lets the search skip at once to a character that can end one.)
_END_RE = re.compile(r"(?=[…。！？!?])(?:……|[。！？]+|(?<![A-Za-z0-9])[!?]+(?![A-Za-z0-9]))[”’）》」』】〕)\]\"']*")


def split_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of one paragraph, covering it in order
    (leading spaces of a sentence are left out of its span)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END_RE.finditer(text):
        end = m.end()
        s = _skip_space(text, start, end)
        if s < end:
            spans.append((s, end))
        start = end
    s = _skip_space(text, start, len(text))
    if s < len(text):
        spans.append((s, len(text)))
    return spans


def _skip_space(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def text_key(text: str) -> str:
    """The whitespace-free text: what identifies a sentence across pipeline versions."""
    return WS_RE.sub("", text).replace("\n", "")


def sentence_hash(key: str) -> str:
    """Hash of a whitespace-free text (see `text_key`)."""
    return hashlib.blake2b(key.encode("utf-8"), digest_size=5).hexdigest()


def sentence_id(doc_id: str, text: str, occurrence: int, *, key: str | None = None) -> str:
    """`doc:hash:n`: stable while the sentence's whitespace-free text is unchanged; `n` counts
    earlier sentences of the same document with the same text (0 for the first)."""
    return f"{doc_id}:{sentence_hash(text_key(text) if key is None else key)}:{occurrence}"
