"""Text boxes of a PDF extractor put back in reading order (a pre-pass before the reflow).

`pdftotext` and pdfminer.six write a newspaper page as *boxes*: runs of lines set apart by blank
lines, each in the right order inside, but the boxes of neighbouring columns are sometimes written
out of order (a column's headings ahead of its text, a column's top piece ahead of the column
before it, the last lines of a column after the next column's heading). The text still shows
where a box belongs, by how a justified column is printed:

- a line fills the column exactly, except a paragraph's last line (short) and its first line (two
  characters short: the extractor lost the indent);
- so a box whose first line fills the column continues a paragraph, and a box whose last line
  fills the column without a sentence end is continued by such a box (a sentence cut at a
  column's foot goes on at the next column's head);
- a box whose paragraph visibly ended (a short last line with a sentence end, or a heading) is not
  continued, so a continuing box after it is out of place.

`in_reading_order` repairs only where these rules are broken, moving as little as it can: of the
out-of-place continuing boxes near a box cut in mid-sentence, the one whose words run on from it
(the report's own character n-grams across the junction: `…实现高` + `质量发展`) is brought after
it; two headings written side by side are parted; a part's sections (a section heading
and the boxes after it) written out of number order are put in it (（一）, （二）, （三） run in order
within a part and start again in the next). It acts only on an extractor's
text (form feeds between pages) with the print's marks (many lines fill one column width,
paragraph starts two characters short); anything else is returned as it is. Lines keep their raw
line numbers. (A heading an extractor writes alone, several boxes from its column's text, is not
brought to it: the text does not say which paragraph it heads.)
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from reader.text.chars import CLOSERS, WS, width
from reader.text.headings import PART_RE, SECTION_RE, is_unnumbered_part

Item = tuple[str | None, list[str]]
"""A raw line (None: page furniture) and the furniture cut from it, as `furniture.strip_furniture`
gives them."""

THRESHOLDS = {
    "column_min_units": (16, "a newspaper column holds 8 characters or more"),
    "column_max_units": (80, "…and at most 40: wider lines are a page's, not a column's"),
    "full_slack_units": (
        1,
        "justification fills a line to within half a character (a number kept whole); a first line is 4 short",
    ),
    "indent_units": (4, "a paragraph's first line lost a two-character indent: 4 units short"),
    "column_share": (0.35, "in column text a good part of the lines fill the column (paragraphs are 3–8 lines)"),
    "indent_share": (0.5, "…and most paragraph starts after a short last line are two characters short"),
    "min_starts": (4, "the indent habit is known from four paragraph starts"),
    "max_reach": (
        12,
        "extractors misplace a box among its neighbours on the page (a column's head beside the next column's)",
    ),
    "reach_cost": (1.0, "each box between a cut sentence and its continuation weighs as much as a bigram met once"),
    "max_moves": (200, "a bound on repairs (each move fixes one broken rule; a text is never shuffled)"),
}
T = {name: value for name, (value, _why) in THRESHOLDS.items()}

_ITEM_RE = re.compile(
    r"^(?:[0-9]{1,2}[.．、](?![0-9])|[一二三四五六七八九十]是|[［\[][0-9]{1,2}[］\]]|政府工作报告|[—－]{2})"
)
"""Lines that open a paragraph of their own: items, end notes, the title and its dateline."""
_END = "。！？!?：:；;…"
_SENTENCE_END = re.compile("[。！？!?]")
_SPACES = re.compile(f"[{WS}]+")
_NOTES = ("注释", "注：", "名词解释")
_OPENINGS = ("各位代表", *_NOTES)
_NUMERALS = "一二三四五六七八九十"


@dataclass
class _Box:
    numbers: list[int]
    """Its raw lines (0-based), then the blank and furniture lines after it."""
    text: list[str]
    """Its text lines, spaces out (pdfminer.six letter-spaces justified lines)."""


def _heading_rank(line: str) -> int:
    if PART_RE.match(line):
        return 1
    if SECTION_RE.match(line):
        return 2
    return 0


class _Column:
    """The column measure of a text (in width units), or not a column text at all."""

    def __init__(self, lines: list[str]) -> None:
        widths = Counter(width(t) for t in lines if t)
        self.width = 0
        if not widths:
            return
        w, _ = max(widths.items(), key=lambda kv: (kv[1], kv[0]))
        if not T["column_min_units"] <= w <= T["column_max_units"]:
            return
        full = sum(n for v, n in widths.items() if v >= w - T["full_slack_units"])
        if full < T["column_share"] * sum(widths.values()):
            return
        starts = indented = 0
        body = [t for t in lines if t]
        for a, b in pairwise(body):
            if (
                _SENTENCE_END.match(a.rstrip(CLOSERS)[-1:])
                and width(a) < w - T["indent_units"]
                and not _heading_rank(b)
            ):
                starts += 1
                indented += abs(width(b) - (w - T["indent_units"])) <= 1 or width(b) < w - T["indent_units"]
        if starts >= T["min_starts"] and indented >= T["indent_share"] * starts:
            self.width = w

    def full(self, line: str) -> bool:
        # digits set narrower than half a character: a full line may be a little wider
        return width(line) >= self.width - T["full_slack_units"]

    def short(self, line: str) -> bool:
        """Shorter than a paragraph's first line: a paragraph's last line (or a heading)."""
        return width(line) < self.width - T["indent_units"] - 1


def _boxes(items: list[Item]) -> list[_Box]:
    boxes: list[_Box] = []
    lead: list[int] = []
    gap = True
    for k, (line, _furniture) in enumerate(items):
        text = _squeeze(line) if line is not None else ""
        if not text:
            (boxes[-1].numbers if boxes else lead).append(k)
            gap = True
        elif gap or not boxes:
            boxes.append(_Box([k], [text]))
            gap = False
        else:
            boxes[-1].numbers.append(k)
            boxes[-1].text.append(text)
    if lead and boxes:
        boxes[0].numbers[:0] = lead
    return boxes


def _squeeze(line: str) -> str:
    return _SPACES.sub("", line)


class _Reader:
    def __init__(self, col: _Column, boxes: list[_Box]) -> None:
        self.col = col
        self.words = "\n".join("".join(box.text) for box in boxes)
        """The text's own words, each box's lines joined: what the report says elsewhere."""
        self._counts: dict[str, int] = {}

    def continuity(self, before: str, after: str) -> float:
        """How well `after` goes on from `before` (a line cut in mid-sentence): the strings of two to
        four characters across the junction that the text holds elsewhere (`…实现高质量` + `发展的…`:
        `量发`, `质量发`, `量发展`…), longer ones weighing more. A character model of the report itself:
        the words a report repeats (高质量发展, 基础设施, 营商环境) tell which column head goes on
        which column foot; a cut between two words scores nothing either way."""
        joined, k = before[-3:] + after[:3], len(before[-3:])
        fit = 0.0
        for size in (2, 3, 4):
            for start in range(max(0, k - size + 1), min(k, len(joined) - size + 1)):
                gram = joined[start : start + size]
                count = self._counts.get(gram)
                if count is None:
                    count = self._counts[gram] = self.words.count(gram)
                fit += (size - 1) * math.log1p(count)
        return fit

    def open_end(self, box: _Box) -> bool:
        """Cut in mid-sentence at a column's foot: the last line fills the column (or is a first
        line, two characters short) and has no sentence end."""
        last = box.text[-1]
        return (
            not self.col.short(last)
            and last.rstrip(CLOSERS)[-1:] not in _END
            and not self.heading(box)
            and not _ITEM_RE.match(box.text[0])
        )

    def continues(self, box: _Box) -> bool:
        """Goes on with a paragraph begun elsewhere: the first line fills the column, or is a
        paragraph's short last line (a sentence's end, no heading, item or salutation)."""
        first = box.text[0]
        if _heading_rank(first) or _ITEM_RE.match(first) or first.startswith(_OPENINGS):
            return False
        if self.col.full(first):
            return True
        return self.col.short(first) and _SENTENCE_END.match(first.rstrip(CLOSERS)[-1:])

    def closed(self, box: _Box) -> bool:
        """Its paragraph ends here: a short last line with a sentence end, or a heading (a sentence
        ending in a full line may go on in the next column)."""
        last = box.text[-1]
        return bool(self.heading(box)) or (self.col.short(last) and last.rstrip(CLOSERS)[-1:] in _END)

    def heading(self, box: _Box) -> int:
        """A heading box: a numbered heading, wrapped over up to three lines, with no sentence end
        (a run-in heading `（一）…。` and its text are a paragraph)."""
        rank = _heading_rank(box.text[0])
        return rank if rank and len(box.text) <= 3 and not _SENTENCE_END.search("".join(box.text)) else 0


def in_reading_order(
    items: list[Item], kept: list[Item] | None = None, *, extracted: bool | None = None
) -> list[tuple[int, Item]]:
    """(raw line number, item of `kept`) in reading order: an extractor's boxes put back where they
    belong. `items` are the raw lines (their blank lines set the boxes apart); `kept` is the same
    list as the later stages take it (defaults to `items`). Unchanged where nothing is out of place,
    and for text that is not an extractor's or not a justified column's. `extracted`: whether the
    text had form feeds (by default, whether `items` still hold one: the furniture stage takes a
    form feed away with the running head it is glued to)."""
    kept = items if kept is None else kept
    order = list(range(len(items)))
    if extracted if extracted is not None else any(line and "\f" in line for line, _ in items):
        col = _Column([_squeeze(line) for line, _ in items if line])
        if col.width:
            boxes = _boxes(items)
            r = _Reader(col, boxes)
            for _ in range(T["max_moves"]):
                if not (_join_cut_sentence(boxes, r) or _separate_headings(boxes, r) or _order_sections(boxes, r)):
                    break
            order = [k for box in boxes for k in box.numbers]
    return [(k + 1, kept[k]) for k in order]


def _join_cut_sentence(boxes: list[_Box], r: _Reader) -> bool:
    """Boxes cut in mid-sentence not followed by a box that continues them, and continuing boxes
    that follow a finished paragraph: of all such pairs (within reach), the one whose words run on
    best across the junction, and nearest, is joined: the continuing box (with the boxes that
    continue it) is brought after the cut one."""
    n = len(boxes)
    cut = [i for i in range(n) if r.open_end(boxes[i]) and not (i + 1 < n and r.continues(boxes[i + 1]))]
    orphans = [j for j in range(1, n) if r.continues(boxes[j]) and r.closed(boxes[j - 1])] if cut else []
    best = None
    for i in cut:
        for j in orphans:
            if j != i + 1 and abs(j - i) <= T["max_reach"]:
                fit = r.continuity(boxes[i].text[-1], boxes[j].text[0]) - T["reach_cost"] * abs(j - i)
                if best is None or fit > best[0]:
                    best = (fit, i, j)
    if best is None:
        return False
    _, i, j = best
    k = j
    while k + 1 < n and r.open_end(boxes[k]) and r.continues(boxes[k + 1]) and k + 1 != i:
        k += 1
    if j <= i <= k:
        return False
    piece = boxes[j : k + 1]
    del boxes[j : k + 1]
    at = i + 1 if j > i else i + 1 - len(piece)
    boxes[at:at] = piece
    return True


def _separate_headings(boxes: list[_Box], r: _Reader) -> bool:
    """Two headings with nothing between them, written side by side from two columns: two of one
    rank, or a section heading and then a part heading (a section has text before the next part
    begins). The second goes before the first paragraph start after the first one's text (a box
    opening a paragraph after a closed one). A part heading then a section heading is how a part
    begins, and stays."""
    for i in range(len(boxes) - 2):
        rank = r.heading(boxes[i])
        if not rank or (rank, r.heading(boxes[i + 1])) not in ((1, 1), (2, 2), (2, 1)):
            continue
        for k in range(i + 3, len(boxes)):
            if r.heading(boxes[k]) or r.heading(boxes[k - 1]):
                break
            if r.closed(boxes[k - 1]) and not r.continues(boxes[k]):
                second = boxes.pop(i + 1)
                boxes.insert(k - 1, second)
                return True
        return False
    return False


_ORDINAL = re.compile(rf"^[（(]?([{_NUMERALS}]{{1,3}})")


def _number(line: str) -> int:
    """The number of a numbered heading line (`（三）…` → 3, `十二、…` → 12)."""
    m = _ORDINAL.match(line)
    digits = [_NUMERALS.index(c) + 1 for c in m.group(1)] if m else []
    if digits[:1] == [10]:  # 十, 十二
        return 10 + sum(digits[1:2])
    if digits[1:2] == [10]:  # 二十, 二十三
        return digits[0] * 10 + sum(digits[2:3])
    return digits[0] if digits else 0


def _ends_part(line: str) -> bool:
    """The next part's heading (numbered or not: 2026年工作安排), or the end notes (注释, 名词解释:
    after the text, in no section)."""
    return _heading_rank(line) == 1 or is_unnumbered_part(line) or line.startswith(_NOTES)


def _order_sections(boxes: list[_Box], r: _Reader) -> bool:
    """A part's sections in number order: the boxes between two part headings fall into the
    section headings' runs (a section heading's box and the boxes after it up to the next section
    heading); where their numbers are all different but out of order, the runs are put in order,
    the boxes before the first section staying first."""
    start = 0
    while start < len(boxes):
        end = next((k for k in range(start + 1, len(boxes)) if _ends_part(boxes[k].text[0])), len(boxes))
        heads = [k for k in range(start, end) if _heading_rank(boxes[k].text[0]) == 2]
        numbers = [_number(boxes[k].text[0]) for k in heads]
        runs = [boxes[a:b] for a, b in pairwise([*heads, end])]
        if (
            heads
            and len(set(numbers)) == len(numbers)
            and numbers != sorted(numbers)
            and (len(runs[-1]) > 1 or not r.heading(runs[-1][0]))
        ):
            runs = [run for _, run in sorted(zip(numbers, runs, strict=True), key=lambda nr: nr[0])]
            boxes[heads[0] : end] = [box for run in runs for box in run]
            return True
        start = end
    return False
