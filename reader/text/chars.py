"""Character classes and display width shared by the pipeline stages (pure functions, no state)."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
# Chinese (full-width) punctuation and symbols that never want a space next to them.
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉「」『』【】〔〕…—～·・％＋－＝／"
SENTENCE_END = "。！？!?"
_NUMERALS = "一二三四五六七八九十"
HALF_STOP = (
    rf"\.(?<=[{HAN}%％)）”’》」』】A-Z]\.)(?<![\n，、；：。！？,;:(（ \t\u3000][{_NUMERALS}]\.)(?<!^[{_NUMERALS}]\.)"
    r"(?![0-9A-Za-z.])"
)
"""An ASCII full stop that ends a sentence, in text typed with half-width punctuation (…9800个.):
after a Chinese character, a percent sign, a closing bracket or quote, or a capital (150万TEU.);
never a decimal point (6.2%), an item number's (1.做强…, 一.2023年…), nor one inside a Latin word
or address (e.g., www.gov.cn). (A number before it is left alone: 达到1120. could be a decimal cut
by the wrap.) Regex source: the one rule, used wherever a sentence end is looked for. (It opens
with the stop itself and looks behind from there: a search jumps from one "." to the next.)"""
END = f"[{SENTENCE_END}]|{HALF_STOP}"
"""A sentence end as a regex (without its closing quotes or brackets)."""
CLOSERS = "”’）》」』】〕)]\"'"
CLOSING_PUNCT = frozenset("，。、；：？！）》」』】〕〉”’,;:?!)]}")
"""Closing and pause punctuation: a raw line opening with one continues the line before it."""
NO_LINE_START = frozenset(CLOSING_PUNCT | set("…—%.％‰℃°・·～］｝"))
"""Characters that must not begin a visual line (kinsoku; the TUI's line breaker)."""
NO_LINE_END = frozenset("（《「『“‘([{〔【〈｛［¥$￥#")
"""Characters that must not end a visual line (opening punctuation, currency prefixes)."""
CONTINUES = frozenset("，、；：,;:（《“‘([—－-")
"""A line ending with one of these goes on in the next line (a clause or a bracket is open)."""
# Whitespace that PDF extraction leaves around: ASCII, ideographic, no-break, thin spaces, form feed.
WS_CHARS = " \t\f\v\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200C))) + "\u202f\u205f\u3000\ufeff"
"""Every whitespace character, one by one (for `str.strip`)."""
WS = " \t\f\v\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff"
"""The same set as the body of a regex character class (it contains a range: never pass it to strip)."""
WS_RE = re.compile(f"[{WS}]+")


@lru_cache(maxsize=1)
def _han_re() -> re.Pattern[str]:
    return re.compile(f"[{HAN}]")


def __getattr__(name: str):
    # `HAN_RE` is compiled on first use: its supplementary-plane range makes it the costliest
    # pattern of the project to compile, and most programs (the app's start-up) never need it.
    if name == "HAN_RE":
        return _han_re()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WFA" else 1


# Every character from U+2000 up is two units in a Chinese newspaper column (CJK, full-width forms,
# curly quotes, dashes), except the half-width forms; below it, only a few Latin-1 signs are.
@lru_cache(maxsize=1)
def _rare() -> re.Pattern[str]:
    return re.compile(r"[\u0080-\u1fff\uff61-\uffdf]")  # compiled when first needed (costly)


def width(text: str) -> int:
    """Width as typeset in a newspaper column: Han, full-width punctuation and curly quotes take
    two units, ASCII one. (Rich's `cell_len` counts curly quotes as one cell; the newspaper does not.)"""
    n = len(text)
    ascii_count = len(text.encode("ascii", "ignore"))
    total = 2 * n - ascii_count
    if ascii_count == n or not _rare().search(text):
        return total
    return total + sum(_char_width(c) - 2 for c in _rare().findall(text))


def widths(texts: list[str]) -> list[int]:
    """`width` of each text, at once: one search over all of them finds the few that hold a
    character whose width is not told by ASCII or not (most reports hold none, or a handful)."""
    out = [2 * len(t) - len(t.encode("ascii", "ignore")) for t in texts]
    hits = [m.start() for m in _rare().finditer("\n".join(texts))]
    if hits:
        starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
        for k in {bisect_right(starts, at) - 1 for at in hits}:
            out[k] = width(texts[k])
    return out


def ends_sentence(text: str) -> bool:
    """True if `text` ends with 。！？ (or ……), possibly followed by closing quotes or brackets."""
    stripped = text.rstrip(CLOSERS)
    if not stripped:
        return False
    last = stripped[-1]
    if last == ".":
        return _HALF_STOP_AT_END.search(stripped) is not None
    return last in SENTENCE_END or stripped.endswith("……")


def ends_with_stop(sentence: str) -> bool:
    """A sentence ends with a full stop: 。 or an ASCII full stop that ends it (see `HALF_STOP`)."""
    return sentence.endswith("。") or (sentence.endswith(".") and ends_sentence(sentence))


_HALF_STOP_AT_END = re.compile(f"{HALF_STOP}$")
_FIRST_FULL_END = re.compile(f"[{re.escape(SENTENCE_END)}][{re.escape(CLOSERS)}]*")
_FIRST_END = re.compile(f"(?:{END})[{re.escape(CLOSERS)}]*")


def first_sentence_end(text: str) -> int | None:
    """Index just after the first sentence end (with its closing quotes/brackets), or None."""
    m = _FIRST_FULL_END.search(text)
    if text.find(".", 0, m.start() if m else len(text)) >= 0:  # rare: an ASCII full stop may come first
        m = _FIRST_END.search(text)
    return m.end() if m else None


_NOT_CONTENT = re.compile(r"[\W_]+")


def content_key(text: str) -> str:
    """Letters, digits and Han only: what cleaning keeps as it is (punctuation and spaces it may
    change). Finds a piece of a source (a PDF's printed line, a sentence the print emphasised) in
    the pipeline's text."""
    return _NOT_CONTENT.sub("", text)
