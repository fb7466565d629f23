"""Page furniture in text extracted from a newspaper PDF: running heads and feet, kept aside.

A newspaper prints on every page a running head and foot: the paper's name (江州日报), the page
(第2版), the date with its weekday (2026年1月23日 星期五), the page's section name (要闻, 特别报道) and
the staff line (责任编辑：李娜　美术编辑：王磊　校对：吴海波). `pdftotext` and pdfminer.six put them
wherever their reading order falls: on lines of their own at a page's top or bottom, between two
lines of a sentence, or several on one line (江州日报 要闻). A reader recognises them as a reader of
the paper does:
- by form: a page number (第2版; a document's — 2 —), a date with its weekday, a staff line, a
  masthead (a name ending in 报);
- by company: a short label on a line with such a piece, or among them in a page's head or foot;
- by repetition: a short label standing alone on a line on several pages.
Lines made only of furniture are removed, and a staff line or dated weekday glued to text (the
extractor ran the foot into a line of text) is cut out of it. What is removed is returned, so the
pipeline keeps it in `Document.dropped`; the cleaner (clean.py) handles page-turn markers and spaces.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from functools import lru_cache

from reader.text.chars import HAN, WS, WS_CHARS, ends_sentence
from reader.text.clean import FURNITURE_RE
from reader.text.decode import line_indices

_ROLE = r"(?:责任编辑|美术编辑|版式设计|图片编辑|视觉设计|责任校对|校对|编辑|设计|制图|摄影)"
_NAME = rf"(?:(?!{_ROLE})[{HAN}]){{2,3}}"
"""A name: two or three characters, ending where the next role begins (责任编辑：李娜美术编辑：王磊)."""
_CREDIT = rf"{_ROLE}[{WS}]*[：:][{WS}]*{_NAME}(?:[{WS}]*[、，,][{WS}]*{_NAME})*"
CREDITS_RE = re.compile(rf"{_CREDIT}(?:[{WS}]*{_CREDIT})*")
"""A staff line: roles, each followed by one or more names."""
DATED_RE = re.compile(
    rf"[0-9０-９]{{4}}[{WS}]*年[{WS}]*[0-9０-９]{{1,2}}[{WS}]*月[{WS}]*[0-9０-９]{{1,2}}[{WS}]*日"
    rf"[{WS}]*(?:星期|周)[一二三四五六日天](?:[{WS}]*农历[{HAN}]{{2,6}})?"
)
"""A date with its weekday: only a paper's dateline gives the weekday."""
PAGE_RE = re.compile(rf"第?[{WS}]*[A-Z]?[0-9０-９]{{1,3}}[{WS}]*版")
MASTHEAD_RE = re.compile(rf"[{HAN}]{{1,6}}(?:日报|晚报|早报|时报|商报|都市报)")
_DIGITS = rf"[{WS}]*[0-9０-９]{{1,3}}[{WS}]*"
PAGE_NUMBER_RE = re.compile(
    rf"[—－–-]{{1,2}}{_DIGITS}[—－–-]{{1,2}}|[·•]{_DIGITS}[·•]"
    rf"|第{_DIGITS}页(?:[{WS}]*[/，,]?[{WS}]*共{_DIGITS}页)?"
)
"""A printed page number (— 2 —, - 3 -, ·4·, 第2页, 第 2 页 共 15 页): the foot of a document's page,
which an extractor puts wherever the page ends, often inside a sentence or a number."""
_FORMS = (CREDITS_RE, DATED_RE, PAGE_RE, MASTHEAD_RE, FURNITURE_RE, PAGE_NUMBER_RE)
_SPACED = re.compile(f"{CREDITS_RE.pattern}|{DATED_RE.pattern}|{PAGE_NUMBER_RE.pattern}")
"""Forms that hold spaces: one piece of a line each."""
_GLUED_ROLE = re.compile("责任编辑|美术编辑|版式设计|校对")

LABEL_CHARS = 8
"""A page's section name (要闻, 特别报道, 两会特刊) is at most this many characters, Han only:
anything longer, or with punctuation or digits, is text."""
_LABEL_RE = re.compile(rf"[{HAN}·]{{2,{LABEL_CHARS}}}")
CUT_LINE_CHARS = 10
"""A line of running text in a column is longer than this (3 columns of A4 hold 12 characters)."""
_CLAUSE_PUNCT = re.compile("[，、；“”（）]")
_PIECES = re.compile(rf"[^{WS}]+")
_RUNNING = re.compile("[，。；！？]")
_TRIGGER = re.compile("星期|周[一二三四五六日天]|编辑|校对|设计|制图|摄影")
"""Every staff line and dated weekday holds one of these; a line with sentence punctuation and none
of them is text (the quick path: most lines are)."""
_PAGE_NUMBER_KEY = re.compile("[—－–·•页-]")
"""Every `PAGE_NUMBER_RE` match holds one of these (and every staff line and dated weekday a `_TRIGGER`)."""
_GATE_WORDS = ("\f", "星期", "编辑", "校对", "设计", "制图", "摄影", "日报", "晚报", "早报", "时报", "商报")
_GATE_FORMS = (
    ("周", re.compile("周[一二三四五六日天]")),
    ("版", re.compile(rf"[0-9０-９][{WS}]*版")),  # what every PAGE_RE match holds
    ("", re.compile(rf"[—－–-]{_DIGITS}[—－–-]|[·•]{_DIGITS}[·•]|第{_DIGITS}页")),  # PAGE_NUMBER_RE
)


def _gate(text: str) -> bool:
    """Whether `text` holds a page of a PDF (form feed), a staff role or weekday (`_TRIGGER`), a page
    (`PAGE_RE`), a masthead or a page number: text with none of these has no furniture to find.
    (Words are looked for with `in`, forms only where their key character occurs: most texts are
    decided at the speed of a memory scan.)"""
    return any(word in text for word in _GATE_WORDS) or any(
        key in text and form.search(text) for key, form in _GATE_FORMS
    )


@lru_cache(maxsize=4096)
def _form(piece: str) -> bool:
    if _RUNNING.search(piece) and not _TRIGGER.search(piece):
        return False
    return any(rx.fullmatch(piece) for rx in _FORMS)


def _pieces(line: str) -> list[str]:
    """The line's pieces: staff lines and dated weekdays whole, the rest split at whitespace. A line
    of running text (sentence punctuation, no staff role or weekday) is one piece, found quickly."""
    if not line:  # a blank line: most of the lines asked about
        return []
    if not _TRIGGER.search(line):
        if _RUNNING.search(line):
            return [line.strip(WS_CHARS)]
        if not _PAGE_NUMBER_KEY.search(line):  # no `_SPACED` form can match
            return _PIECES.findall(line)
    out: list[str] = []
    pos = 0
    for m in _SPACED.finditer(line):
        out += _PIECES.findall(line[pos : m.start()])
        out.append(m.group(0))
        pos = m.end()
    return out + _PIECES.findall(line[pos:])


def _cut_text(text: str) -> bool:
    """A line of running text cut in mid-sentence (the page's furniture interrupts it)."""
    return len(text) >= CUT_LINE_CHARS and not ends_sentence(text) and bool(_CLAUSE_PUNCT.search(text))


def _label(piece: str) -> bool:
    return bool(_LABEL_RE.fullmatch(piece)) and not piece.endswith(("报告", "公报"))


_NO_RUNNING = re.compile("[^，。；！？]*").fullmatch
"""A line with none of the running text's punctuation (blank lines too): `_pieces` must split it."""

Pieces = dict[int, list[str]]
"""Line index → its pieces, for every line that is not one piece of running text (those are most
lines, and can be neither furniture nor a label: they are left out, and read as their stripped
text where a neighbour is asked about)."""


def _special_pieces(lines: list[str], text: str) -> Pieces:
    """The pieces of the lines `_pieces` does not take as one piece of running text: lines without
    sentence punctuation (blank lines give no pieces) and lines with a staff role or weekday."""
    found = [k for k, m in enumerate(map(_NO_RUNNING, lines)) if m]
    found += line_indices(text, [m.start() for m in _TRIGGER.finditer(text)])
    return {k: _pieces(lines[k]) for k in sorted(set(found))}


def _row(lines: list[str], pieces_of: Pieces, k: int) -> list[str]:
    """Line k's pieces (`_pieces`), also for a line of running text left out of `pieces_of`."""
    pieces = pieces_of.get(k)
    return [lines[k].strip(WS_CHARS)] if pieces is None else pieces


def find_labels(lines: list[str]) -> set[str]:
    """Short labels the pages use as furniture: section names and the like (see module docstring)."""
    text = "\n".join(lines)
    return _find_labels(lines, _special_pieces(lines, text), text)


def _find_labels(lines: list[str], pieces_of: Pieces, text: str) -> set[str]:
    n = len(lines)
    labels: set[str] = set()
    pages: dict[str, set[int]] = defaultdict(set)
    page_breaks = line_indices(text, [m.start() for m in re.finditer("\f", text)])
    candidates: list[int] = []  # lines of one label, set apart by blank lines

    def blank(k: int) -> bool:
        return pieces_of.get(k) == []

    def apart(k: int) -> bool:
        """Line k is set apart from the text: a blank line, or furniture by its form (a date)."""
        pieces = pieces_of.get(k)
        return pieces is not None and all(_form(p) for p in pieces)

    for k, pieces in pieces_of.items():
        if not pieces:
            continue
        if len(pieces) == 1:
            if _label(pieces[0]):
                pages[pieces[0]].add(bisect_right(page_breaks, k))
                if (k == 0 or apart(k - 1)) and (k + 1 == n or apart(k + 1)):
                    candidates.append(k)  # (松岚报 / 2023年1月12日 星期四: the date sets it apart too)
        elif any(_form(p) for p in pieces):
            rest = [p for p in pieces if not _form(p)]
            if rest and all(_label(p) for p in rest):  # in company on one line: 江州日报 要闻
                labels.update(rest)
    labels.update(label for label, seen in pages.items() if len(seen) >= 2)

    def before(k: int) -> int:
        """The non-blank line before line k, or -1."""
        k -= 1
        while k >= 0 and blank(k):
            k -= 1
        return k

    def after(k: int) -> int:
        """The non-blank line after line k, or n."""
        k += 1
        while k < n and blank(k):
            k += 1
        return k

    # in company on lines of their own, inside the text: `…发展不平衡不充分 / 要闻 / 第2版 / 问题依然…`
    # or `第1版 / 要闻 / 2026年1月23日 星期五` (a kicker over a title, 新闻·综览, is text)
    def furniture(k: int) -> bool:
        pieces = pieces_of.get(k)  # a line of running text (None) is not furniture
        return pieces is not None and all(_form(p) or p in labels for p in pieces)

    for _ in range(3):
        found = len(labels)
        for k in candidates:
            label = pieces_of[k][0]
            if label in labels:
                continue
            j = before(k)
            if j >= 0 and len(row := _row(lines, pieces_of, j)) == 1 and MASTHEAD_RE.fullmatch(row[0]):
                labels.add(label)  # the paper's name, then the page's section name
                continue
            prev = j >= 0 and furniture(j)
            nxt = (m := after(k)) < n and furniture(m)
            if not (prev or nxt):
                continue
            while j >= 0 and furniture(j):
                j = before(j)
            if (prev and nxt) or (j >= 0 and _cut_text("".join(_row(lines, pieces_of, j)))):
                labels.add(label)
        if len(labels) == found:
            break
    return labels


def furniture_changes(lines: list[str]) -> dict[int, tuple[str | None, list[str]]]:
    """The lines page furniture changes: line index → (the line without its furniture, or None;
    the furniture taken from it). A line that was only furniture is None, and so are the blank
    lines around it: they set the furniture apart from the text, and are no paragraph break of the
    text. Lines not in the result are unchanged (most lines: running text is never looked at twice)."""
    text = "\n".join(lines)
    if not _gate(text):
        return {}
    pieces_of = _special_pieces(lines, text)
    labels = _find_labels(lines, pieces_of, text)
    changes: dict[int, tuple[str | None, list[str]]] = {}
    for k, pieces in pieces_of.items():
        line = lines[k]
        if pieces and all(_form(p) or p in labels for p in pieces):
            before = changes.get(k - 1, (lines[k - 1],))[0] if k else None
            if before is not None and not before.strip(WS_CHARS):
                changes[k - 1] = (None, [])
            changes[k] = (None, pieces)
            continue
        if not pieces:  # a blank line
            if k and changes.get(k - 1, ("",))[0] is None:
                changes[k] = (None, [])
            continue
        if not _TRIGGER.search(line):
            continue
        dropped: list[str] = []
        if DATED_RE.search(line):
            dropped += DATED_RE.findall(line)
            line = DATED_RE.sub("", line)
        if _GLUED_ROLE.search(line):
            cut = [m for m in CREDITS_RE.finditer(line) if _GLUED_ROLE.match(m.group(0))]
            for m in reversed(cut):
                line = line[: m.start()] + line[m.end() :]
            dropped += [m.group(0) for m in cut]
        changes[k] = (line, dropped)
    return changes


_SEPARATOR_RE = re.compile(rf"(?<=[^{WS}])[{WS}]+[·•|｜][{WS}]+(?=[^{WS}])")
"""A paper's running head sets its pieces apart by a dot or bar (江州日报 · 要闻)."""
_SEPARATOR_CHARS = re.compile("[·•|｜]")


def strip_furniture(lines: list[str]) -> list[tuple[str | None, list[str]]]:
    """Every line of an extractor's text without its page furniture, and the furniture taken from
    it (see `furniture_changes`: a line that was only furniture, or a blank line beside it, is
    None). A dot or bar between a running head's pieces counts as the space it stands for."""
    probe = [_SEPARATOR_RE.sub("  ", line) if _SEPARATOR_CHARS.search(line) else line for line in lines]
    changes = furniture_changes(probe)
    return [changes.get(k) or (line, []) for k, line in enumerate(lines)]
