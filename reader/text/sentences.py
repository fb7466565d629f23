"""Sentences: split a paragraph at 。！？ and ……, keeping closing quotes and brackets with their
sentence; make the stable sentence id.

Splitting never happens inside numbers: the full stop of a decimal (3.5%, 1.14亿吨) is never a
sentence end; a half-width "." ends one only where `chars.HALF_STOP` says (…9800个.), and half-width
! ? only outside Latin text.
"""

from __future__ import annotations

import hashlib
import re

from reader.text.chars import HALF_STOP, WS_RE

# (The lookahead changes no match: it lets the search skip at once to a character that can end one.)
_CLOSE = r"[”’）》」』】〕)\]\"']*"
_FULL_END_RE = re.compile(rf"(?=[…。！？!?])(?:……|[。！？]+|(?<![A-Za-z0-9])[!?]+(?![A-Za-z0-9])){_CLOSE}")
_END_RE = re.compile(rf"(?=[…。！？!?.])(?:……|[。！？]+|(?<![A-Za-z0-9])[!?]+(?![A-Za-z0-9])|{HALF_STOP}){_CLOSE}")
"""The same ends and the ASCII full stop (`chars.HALF_STOP`): searched only where a "." occurs."""


def split_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of one paragraph, `text[start:end]` (the whole
    text by default), covering it in order (leading spaces of a sentence are left out of its span).
    Spans are offsets into `text`. (The range is searched in place, not copied: `_END_RE` never looks
    past `end`, and looks behind only for a Latin letter or digit, so a range that opens the text or
    follows a line end, as every paragraph of the reflowed text does, gives the spans of its slice.)"""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    ends = _END_RE if text.find(".", start, end) >= 0 else _FULL_END_RE
    for m in ends.finditer(text, start, end):
        stop = m.end()
        if text[start].isspace():  # rare: most sentences open at once
            start = _skip_space(text, start, stop)
        if start < stop:
            spans.append((start, stop))
        start = stop
    start = _skip_space(text, start, end)
    if start < end:
        spans.append((start, end))
    return spans


def _skip_space(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def text_key(text: str) -> str:
    """The whitespace-free text: what identifies a sentence across pipeline versions."""
    if " " not in text and text.isprintable():  # most texts: every whitespace character but " " is unprintable
        return text
    return WS_RE.sub("", text).replace("\n", "")


def sentence_hash(key: str) -> str:
    """Hash of a whitespace-free text (see `text_key`)."""
    return hashlib.blake2b(key.encode("utf-8"), digest_size=5).hexdigest()


def sentence_id(doc_id: str, text: str, occurrence: int, *, key: str | None = None) -> str:
    """`doc:hash:n`: stable while the sentence's whitespace-free text is unchanged; `n` counts
    earlier sentences of the same document with the same text (0 for the first)."""
    return f"{doc_id}:{sentence_hash(text_key(text) if key is None else key)}:{occurrence}"
