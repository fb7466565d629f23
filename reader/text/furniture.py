"""Page furniture in text extracted from a newspaper PDF: running heads and feet, kept aside.

A newspaper prints on every page a running head and foot: the paper's name (江州日报), the page
(第2版), the date with its weekday (2026年1月23日 星期五), the page's section name (要闻, 特别报道) and
the staff line (责任编辑：李娜　美术编辑：王磊　校对：吴海波). `pdftotext` and pdfminer.six put them
wherever their reading order falls: on lines of their own at a page's top or bottom, between two
lines of a sentence, or several on one line (江州日报 要闻). A reader recognises them as a reader of
the paper does:
- by form: a page number, a date with its weekday, a staff line, a masthead (a name ending in 报);
- by company: a short label on a line with such a piece, or among them in a page's head or foot;
- by repetition: a short label standing alone on a line on several pages.
Lines made only of furniture are removed, and a staff line or dated weekday glued to text (the
extractor ran the foot into a line of text) is cut out of it. What is removed is returned, so the
pipeline keeps it in `Document.dropped`; the cleaner (clean.py) handles page-turn markers and spaces.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from reader.text.chars import HAN, WS, WS_CHARS, ends_sentence
from reader.text.clean import FURNITURE_RE

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
_FORMS = (CREDITS_RE, DATED_RE, PAGE_RE, MASTHEAD_RE, FURNITURE_RE)
_SPACED = re.compile(f"{CREDITS_RE.pattern}|{DATED_RE.pattern}")
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
_GATE = re.compile(f"\f|{_TRIGGER.pattern}|{PAGE_RE.pattern}|日报|晚报|早报|时报|商报")
"""Text with none of these (no page of a PDF, no form of furniture) has no furniture to find."""


@lru_cache(maxsize=4096)
def _form(piece: str) -> bool:
    if _RUNNING.search(piece) and not _TRIGGER.search(piece):
        return False
    return any(rx.fullmatch(piece) for rx in _FORMS)


def _pieces(line: str) -> list[str]:
    """The line's pieces: staff lines and dated weekdays whole, the rest split at whitespace. A line
    of running text (sentence punctuation, no staff role or weekday) is one piece, found quickly."""
    if _RUNNING.search(line) and not _TRIGGER.search(line):
        return [line.strip(WS_CHARS)]
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


def find_labels(lines: list[str], pieces_of: list[list[str]] | None = None) -> set[str]:
    """Short labels the pages use as furniture: section names and the like (see module docstring).
    `pieces_of`: every line's `_pieces`, if the caller has them."""
    if pieces_of is None:
        pieces_of = [_pieces(line) for line in lines]
    labels: set[str] = set()
    pages: dict[str, set[int]] = defaultdict(set)
    rows: list[list[str]] = []  # the non-blank lines' pieces
    candidates: list[int] = []  # rows of one label, set apart by blank lines
    page = 0
    for k, pieces in enumerate(pieces_of):
        if "\f" in lines[k]:
            page += lines[k].count("\f")
        if not pieces:
            continue
        if len(pieces) == 1:
            if _label(pieces[0]):
                pages[pieces[0]].add(page)
                apart = (k == 0 or not pieces_of[k - 1]) and (k + 1 == len(lines) or not pieces_of[k + 1])
                if apart:
                    candidates.append(len(rows))
        elif any(_form(p) for p in pieces):
            rest = [p for p in pieces if not _form(p)]
            if rest and all(_label(p) for p in rest):  # in company on one line: 江州日报 要闻
                labels.update(rest)
        rows.append(pieces)
    labels.update(label for label, seen in pages.items() if len(seen) >= 2)

    # in company on lines of their own, inside the text: `…发展不平衡不充分 / 要闻 / 第2版 / 问题依然…`
    # or `第1版 / 要闻 / 2026年1月23日 星期五` (a kicker over a title, 新闻·综览, is text)
    def furniture(pieces: list[str]) -> bool:
        return all(_form(p) or p in labels for p in pieces)

    for _ in range(3):
        before = len(labels)
        for k in candidates:
            label = rows[k][0]
            if label in labels:
                continue
            if k > 0 and len(rows[k - 1]) == 1 and MASTHEAD_RE.fullmatch(rows[k - 1][0]):
                labels.add(label)  # the paper's name, then the page's section name
                continue
            prev = k > 0 and furniture(rows[k - 1])
            nxt = k + 1 < len(rows) and furniture(rows[k + 1])
            if not (prev or nxt):
                continue
            j = k - 1
            while j >= 0 and furniture(rows[j]):
                j -= 1
            if (prev and nxt) or (j >= 0 and _cut_text("".join(rows[j]))):
                labels.add(label)
        if len(labels) == before:
            break
    return labels


def strip_furniture(lines: list[str]) -> list[tuple[str | None, list[str]]]:
    """Every line without its page furniture, and the furniture taken from it. A line that was only
    furniture is None, and so are the blank lines around it: they set the furniture apart from the
    text, and are no paragraph break of the text."""
    if not _GATE.search("\n".join(lines)):
        return [(line, []) for line in lines]
    pieces_of = [_pieces(line) for line in lines]
    labels = find_labels(lines, pieces_of)
    out: list[tuple[str | None, list[str]]] = []
    for line, pieces in zip(lines, pieces_of, strict=True):
        if pieces and all(_form(p) or p in labels for p in pieces):
            while out and out[-1][0] is not None and not out[-1][0].strip(WS_CHARS):
                out[-1] = (None, [])
            out.append((None, pieces))
            continue
        if not line.strip(WS_CHARS) and out and out[-1][0] is None:
            out.append((None, []))
            continue
        dropped: list[str] = []
        if not _TRIGGER.search(line):
            out.append((line, dropped))
            continue
        if DATED_RE.search(line):
            dropped += DATED_RE.findall(line)
            line = DATED_RE.sub("", line)
        if _GLUED_ROLE.search(line):
            cut = [m for m in CREDITS_RE.finditer(line) if _GLUED_ROLE.match(m.group(0))]
            for m in reversed(cut):
                line = line[: m.start()] + line[m.end() :]
            dropped += [m.group(0) for m in cut]
        out.append((line, dropped))
    return out
