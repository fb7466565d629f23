"""Raw line numbers for any offset of the reflowed text.

The pipeline keeps every character of the raw file except whitespace and page furniture, in order
(a tested property of `reader.text`), so the n-th non-space character of the reflowed text is the
n-th non-space, non-furniture character of the raw file. Counting those per raw line gives the line
of any offset without running the pipeline again.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from pathlib import Path

from reader.text.chars import WS

_SPACE = re.compile(f"[{WS}\\s]+")


_NOT_ISSPACE = ("\u200b", "\ufeff")
"""The pipeline's whitespace that `str.isspace` does not know (`_SPACE` is `str.isspace` and these)."""


def _solid(text: str) -> int:
    """Characters that are not whitespace (the pipeline's whitespace and line breaks)."""
    if "\u200b" in text or "\ufeff" in text:
        return len(_SPACE.sub("", text))
    return sum(map(len, text.split()))  # `str.split()` drops exactly the `str.isspace` characters, in C


_JOIN = "\x00"  # not whitespace, and hardly ever in a text file (checked: see below)


def _solid_per_line(lines: list[str]) -> list[int]:
    """`_solid` of each line: the whitespace of all lines dropped at once, then split back."""
    joined = _JOIN.join(lines)
    if not lines or joined.count(_JOIN) != len(lines) - 1:  # a line holds the separator itself
        return [_solid(line) for line in lines]
    if any(ch in joined for ch in _NOT_ISSPACE):
        return [len(part) for part in _SPACE.sub("", joined).split(_JOIN)]
    return [len(part) for part in "".join(joined.split()).split(_JOIN)]  # as `_solid` counts


class LineMap:
    """`line_of(offset)` for one document, built from its raw text and the furniture it dropped."""

    def __init__(self, doc_text: str, raw_lines: list[str], dropped: list[tuple[str, int]]) -> None:
        per_line = _solid_per_line(raw_lines)
        for text, line in dropped:
            if 1 <= line <= len(per_line):
                per_line[line - 1] -= _solid(text)
        self._ends = list(accumulate(per_line))  # non-space characters up to and including each line
        self._text = doc_text
        self._pos = 0  # offsets come in order: count on from the last one
        self._count = 0
        self._last = max(len(self._ends), 1)

    def line_of(self, offset: int) -> int:
        """The raw line (1-based) of the character at `offset` of the reflowed text."""
        offset = min(max(offset, 0), len(self._text))
        if offset < self._pos:
            self._pos = self._count = 0
        self._count += _solid(self._text[self._pos : offset])
        self._pos = offset
        # The character is the (count+1)-th solid one: its line is the first whose running total exceeds count.
        return min(bisect_right(self._ends, self._count) + 1, self._last)


def line_map(doc) -> LineMap | None:
    """The LineMap of a `Document` read from a text file (None if the file can no longer be read as
    it was, or is a PDF: its raw lines are printed lines, and a clause gets its sentence's line)."""
    from reader.text.decode import split_lines

    if not doc.path or doc.places or doc.encoding == "pdf":
        return None
    try:
        # the encoding the pipeline found: decoding again with it gives the same text, without
        # `decode_bytes`'s checks (the pipeline made them on these bytes)
        text = Path(doc.path).read_bytes().decode(doc.encoding)
    except (OSError, UnicodeDecodeError, LookupError):
        return None
    return LineMap(doc.text, split_lines(text), [(d.text, d.line) for d in doc.dropped])
