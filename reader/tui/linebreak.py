"""Chinese-aware line breaking: character spans of the visual lines of one paragraph.

Rich and Textual only break at whitespace and otherwise fold at the cell limit, which puts `，` at
the start of lines and splits numbers (`124|4`). `break_lines` instead:

* measures in terminal cells (`rich.cells`: Han and full-width punctuation are 2 cells);
* breaks between Han characters, so lines of Han text are filled to the width;
* keeps runs of digits/Latin letters whole, with their inner decimal points, thousands commas,
  hyphens, slashes and a trailing `%` (`1.14`, `23.3%`, `COVID-19`, `2,458`); a run longer than the
  line is folded;
* applies kinsoku: closing punctuation (`，。、；：？！）》」』”’…—%` …) never starts a line, it is
  kept with the character before it (that character moves down with it when they do not both
  fit); opening punctuation (`（《「『“‘` …) never ends a line, it moves down with what follows;
* treats an ASCII space as a break opportunity *after* the space: a space at a break stays at the
  end of the line it follows (inside that line's span, counted in its width) and never starts a
  line. Nothing is dropped, so the spans concatenate to the paragraph exactly.

Every line fits the width in cells, with one unavoidable exception: at a width of 0 or 1 a wide
character cannot fit at all and is put alone on its line. Width wins over the other rules: an
unbreakable group wider than the line (a long number or URL, or `字。”` at 4 cells) is folded at
the cell limit. Lines are never empty (unless the text is).
A `\\n` inside the text forces a break after it (it stays at the end of its line's span).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

from rich.cells import get_character_cell_size

from reader.text.chars import NO_LINE_END, NO_LINE_START

__all__ = ["NO_LINE_END", "NO_LINE_START", "break_lines", "char_widths"]

_WORD = r"0-9A-Za-z０-９Ａ-Ｚａ-ｚⅠ-ⅿ"
_JOIN = r"\.,/:\-+×_'＋·"


def _class(chars: frozenset[str]) -> str:
    return "".join(re.escape(c) for c in sorted(chars))


# Places where a break is not allowed: before closing marks and spaces, after opening marks, and
# inside a run of digits/Latin letters with its inner joiners (1.14, 2,458, COVID-19).
_CLOSERS = re.compile(rf"[{_class(NO_LINE_START)} ]+")
_OPENERS = re.compile(rf"[{_class(NO_LINE_END)}]+")
_WORDS = re.compile(rf"[{_WORD}]+(?:[{_JOIN}][{_WORD}]+)*")


class _WidthTable(dict):
    """`str.translate` table: character → chr(cell width), filled on first sight."""

    def __missing__(self, code: int) -> str:
        # The blocks a report is made of answer without asking rich (a new report meets ~1,000
        # distinct characters); their widths never vary between Unicode versions.
        if 0x4E00 <= code < 0xA000 or 0x3400 <= code < 0x4DC0:
            value = "\x02"
        elif 0x20 <= code < 0x7F:
            value = "\x01"
        else:
            value = chr(get_character_cell_size(chr(code)))
        self[code] = value
        return value


_WIDTHS = _WidthTable()


def char_widths(text: str) -> list[int]:
    """Cell width of every character of `text` (0 for control characters such as `\\n`)."""
    return list(text.translate(_WIDTHS).encode("latin-1"))


def break_lines(text: str, width: int) -> list[tuple[int, int]]:
    """Character spans `(start, end)` of the visual lines of `text` wrapped at `width` cells.

    The spans are in order and concatenate to `text`. An empty text gives `[(0, 0)]`: one empty line.
    The result is cached per (text, width).
    """
    return list(_break_lines(text, max(int(width), 0)))


@lru_cache(maxsize=8192)
def _break_lines(text: str, width: int) -> tuple[tuple[int, int], ...]:
    if not text:
        return ((0, 0),)
    if "\n" not in text:
        return tuple(_break_chunk(text, width, 0))
    lines: list[tuple[int, int]] = []
    offset = 0
    for chunk in text.split("\n"):
        end = offset + len(chunk) + 1  # the newline stays at the end of its line
        if end > len(text):
            end -= 1
            if end == offset:  # text ends with a newline: nothing after it
                break
        lines.extend(_break_chunk(text[offset:end], width, offset))
        offset = end
    return tuple(lines)


def _break_chunk(text: str, width: int, offset: int) -> list[tuple[int, int]]:
    n = len(text)
    cum = [0, *accumulate(text.translate(_WIDTHS).encode("latin-1"))]
    if cum[-1] <= width:
        return [(offset, offset + n)]

    allowed = bytearray(b"\x01") * (n + 1)
    for m in _CLOSERS.finditer(text):
        a, b = m.span()
        allowed[a:b] = bytes(b - a)
    for m in _OPENERS.finditer(text):
        a, b = m.span()
        allowed[a + 1 : b + 1] = bytes(b - a)
    for m in _WORDS.finditer(text):
        a, b = m.span()
        if b - a > 1:
            allowed[a + 1 : b] = bytes(b - a - 1)

    lines: list[tuple[int, int]] = []
    start = 0
    while start < n:
        # furthest position whose text still fits on this line
        fit = bisect_right(cum, cum[start] + width, start + 1) - 1
        if fit >= n:
            lines.append((offset + start, offset + n))
            return lines
        end = fit
        while end > start and not allowed[end]:
            end -= 1
        if end == start:
            # an unbreakable run wider than the line: fold it (a too-wide character goes alone)
            end = max(fit, start + 1)
        lines.append((offset + start, offset + end))
        start = end
    return lines
