"""Reflow: cleaned, hard-wrapped lines → paragraphs and headings (blocks), each with its raw lines.

The model, in three parts that can each be read on their own:
- `Layout` measures one file once: its column width (per region: a sidebar or a heading set wider),
  its blank-line habits, whether it indents paragraphs or prints one paragraph per line, and
  whether its enumerations (一是…) start paragraphs. Every number it uses is in `THRESHOLDS`, with
  the reason for it.
- At every gap between two lines of body text, `GAP_RULES` are asked in order; the first with an
  opinion decides `break` or `join`, and its name is the reason (`reader text --explain` prints it).
- At a paragraph start, `read_heading` tries the heading readers (kicker, unnumbered part, numbered
  heading); a reader consumes lines and returns the heading block, the index after it and the rest
  of its last line that starts the body (a run-in heading), without touching any state.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from itertools import compress
from operator import attrgetter, itemgetter, or_
from statistics import median
from typing import NamedTuple

from reader.text import headings as hd
from reader.text.chars import (
    CLOSERS,
    CLOSING_PUNCT,
    CONTINUES,
    END,
    HALF_STOP,
    SENTENCE_END,
    ends_sentence,
    first_sentence_end,
    width,
    widths,
)
from reader.text.clean import CELL_GAP
from reader.text.decode import line_indices

THRESHOLDS: dict[str, tuple[float, str]] = {
    "column_quantile": (
        0.75,
        "the column is the width most full lines reach: last lines and headings pull a median down",
    ),
    "per_line_median": (100, "one paragraph per line: a typical line holds 50 Han characters, more than any column"),
    "per_line_mid_share": (
        0.15,
        "in a wrapped file most full lines end inside a sentence; a file of whole paragraphs has (almost) none",
    ),
    "blank_every_share": (0.5, "blanks after most lines that end inside a sentence say nothing about paragraphs"),
    "blank_every_min": (2, "…judged on two such lines at least (one can be a column break)"),
    "blank_between_min_clean": (
        1,
        "where no blank line falls inside a sentence, one blank after a sentence end shows the habit",
    ),
    "blank_between_share": (0.8, "a file that separates paragraphs by blank lines does so at nearly every end"),
    "leadin_style_min": (2, "a report's habit of opening paragraphs with topic sentences shows at least twice"),
    "leadin_inside_ratio": (
        0.6,
        "a report that strings topic sentences inside its paragraphs shows them inside lines at least half "
        "as often as at visible paragraph starts (measured: such reports put under half of the ambiguous "
        "ones at a paragraph start); below that, a topic sentence after a full line opens a paragraph",
    ),
    "indent_lost_units": (
        (3, 7),
        "a first line whose two-character indent was lost is 4 units short, give or take a character's "
        "kinsoku or an odd number of half-width characters",
    ),
    "indent_lost_share": (0.6, "…in most visible paragraph starts of such a file"),
    "column_min_lines": (3, "a column is known from three full lines; a shorter text has no measure"),
    "indent_min_lines": (3, "a file that indents paragraphs does so more than twice"),
    "indent_min_share": (0.03, "…and on at least one line in 33 (a paragraph is rarely longer)"),
    "indent_max_share": (0.7, "a file where most lines are indented indents nothing in particular"),
    "indent_after_end": (0.8, "indented lines of such a file follow a sentence end"),
    "wide_region": (1.25, "a sidebar or wide-set block is a quarter wider than the column or more"),
    "short_min_units": (
        4,
        "justification fills a line to within a character (2 units): a line short by 2 characters or more ends early",
    ),
    "short_share": (0.12, "…or short by an eighth of the column on wide measures"),
    "very_short_share": (0.6, "a title, byline or caption fills well under two thirds of the column"),
    "wide_heading": (1.1, "a heading set wider than the column is a line of its own, complete"),
    "standalone_max_chars": (60, "a dateline, banner, credit or caption is one or two lines at most"),
    "standalone_bare_chars": (24, "…and without a sentence end it is one short line"),
    "leadin_max_chars": (
        18,
        "a lead-in is a short topic sentence: 16 characters and its 。 at most, with room for quotes",
    ),
    "tail_lines": (3, "a wrapped heading takes at most three lines"),
    "short_heading_tail": (5, "a lead-in is a phrase of six characters or more; a shorter fragment ends the heading"),
    "open_clause_chars": (2, "no heading's last clause is one or two characters: a line ending so was cut by the wrap"),
    "doubled_min_chars": (
        4,
        "bold text read twice is a heading or a sentence: no report says four characters or more twice in a row",
    ),
}
"""Every number of the reflow, with its reason (`reader text --explain` names the rules using them)."""
T = {name: value for name, (value, _why) in THRESHOLDS.items()}

_LEADING_ASCII = re.compile(r"[0-9A-Za-z.%+\-/]*")
_ANY_END = re.compile(END)
_ANY_FULL_END = re.compile(f"[{SENTENCE_END}]")
"""`_ANY_END` without the ASCII full stop: the quick test for lines without a "."."""
_ANY_PUNCT = re.compile(r"[，、；：,;:（）()“”]")
_CLAUSE_PUNCT = re.compile(r"[，,；;：:]")
_ITEM_FIRST = set("一二三四五六七八九十第其［[0123456789（(—－")
# A short sentence without a clause or a figure (持续扩大有效投资。): the shape of a lead-in, at a line start or
# after a sentence end inside a line.
_LEADIN_SHAPE = re.compile(rf"[^，,；;：:。！？!?0-9]{{1,{int(T['leadin_max_chars']) - 1}}}(?:{END})")
_LEADIN_SHAPE_FULL = re.compile(rf"[^，,；;：:。！？!?0-9]{{1,{int(T['leadin_max_chars']) - 1}}}[{SENTENCE_END}]")
"""`_LEADIN_SHAPE` with the full-width ends only: the quicker pattern, asked first."""
_HALF_STOP = re.compile(HALF_STOP)
# (Found as the sentence end before it, the lead-in a group in a lookahead, so that a search skips
# to the next sentence end and lead-ins strung one after another are all found; never across a
# newline: it is searched in all of a file's lines at once, joined by newlines.)
_MID_LEADIN = re.compile(
    rf"[。！？!?](?=([^，,；;：:。！？!?”’）》」』】\n]{{1,{int(T['leadin_max_chars']) - 1}}}[。！？!?]))"
)
_NUMBERED_FIRST = set("（(一二三四五六七八九十第")
_OPENS, _ITEM = attrgetter("opens"), attrgetter("item")
_STANDALONE_FIRST = set("各—－政【（(")
_OPENER_FIRST = set("各一过五这回我在上综实做重今明同12")


class Line(NamedTuple):
    """A non-blank cleaned line, with what the rules ask of it (see `line_tests`). A tuple: a file's
    lines are built from columns of values without a Python call per line (`make_lines`)."""

    no: int
    text: str
    width: int
    blank_before: bool
    blank_after: bool
    indent: bool
    """The raw line was indented (a paragraph start in files that indent paragraphs)."""
    ends: bool
    """Ends a sentence (。！？ maybe followed by closing quotes)."""
    has_end: bool
    """Has a sentence end anywhere."""
    opens: bool
    """Looks like the first line of a heading (numbered, unnumbered part, kicker)."""
    standalone: bool
    """A dateline, banner, source credit or caption, or a table row: a paragraph of its own."""
    item: bool
    """Opens an enumeration item (一是…, 第一，…) or an end note (［1］…)."""
    leadin: bool
    """Opens with a short sentence without a comma (持续扩大有效投资。): the shape of a lead-in."""
    row: bool
    """A row of a table of figures, its cells apart by `CELL_GAP` (see `clean.table_cells`)."""
    opener: bool
    """Opens with a formula that opens paragraphs (各位代表，… 一年来，我们… 我们也清醒看到…); the
    next line counts too (a formula may wrap)."""


_END_TAIL = frozenset(SENTENCE_END + CLOSERS + "….")
"""The last character of a line that ends a sentence (`ends_sentence`)."""


def line_tests(texts: list[str]) -> tuple[list[bool], ...]:
    """The tests of `Line` on each text, column by column: (ends, has_end, opens, standalone, item,
    leadin, row). One pass per test over all of a file's lines, each starting with a look at the first
    or last character or the length that settles most lines without a regex (a `Line` computing
    its own tests cost a fifth of the reflow's time in calls)."""
    ends = [t[-1] in _END_TAIL and ends_sentence(t) for t in texts]
    full_end = _ANY_FULL_END.search
    has_end = [full_end(t) is not None for t in texts]
    # ASCII full stops that end a sentence: one search over all lines (it jumps from "." to ".")
    joined = "\n".join(texts)
    half = set(line_indices(joined, [m.start() for m in _HALF_STOP.finditer(joined)])) if "." in joined else set()
    for k in half:
        has_end[k] = True
    numbered, part_last = _NUMBERED_FIRST, hd.PART_LAST_CHARS
    opens = [
        (t[0] in numbered or t[-1] in part_last or "—" in t or "－" in t or "-" in t) and opens_heading(t)
        for t in texts
    ]
    standalone_max, bare_max = T["standalone_max_chars"], T["standalone_bare_chars"]
    standalone = [
        len(t) <= standalone_max
        and (t[0] in _STANDALONE_FIRST or t.endswith(("图片", "照片", "摄")) or (len(t) <= bare_max and not h))
        and hd.may_stand_alone(t)
        and hd.STANDALONE_RE.search(t) is not None
        for t, h in zip(texts, has_end, strict=True)
    ]
    row = [False] * len(texts)
    if CELL_GAP in joined:  # the cleaner leaves the gap in table rows only; a row stands alone
        for k in line_indices(joined, [m.start() for m in re.finditer(CELL_GAP, joined)]):
            row[k] = standalone[k] = True
    item = [t[0] in _ITEM_FIRST and hd.ITEM_RE.match(t) is not None for t in texts]
    shape, full_shape = _LEADIN_SHAPE.match, _LEADIN_SHAPE_FULL.match
    leadin = [h and full_shape(t) is not None for t, h in zip(texts, has_end, strict=True)]
    for k in half:  # a lead-in typed with an ASCII full stop
        leadin[k] = leadin[k] or shape(texts[k]) is not None
    return ends, has_end, opens, standalone, item, leadin, row


def opens_heading(text: str) -> bool:
    if text[0] in _NUMBERED_FIRST and hd.numbered_level(text):
        return True
    if hd.is_unnumbered_part(text):
        return True
    return ("—" in text or "－" in text or "-" in text) and hd.is_kicker(text)


@dataclass(slots=True)
class Block:
    """A reflowed paragraph before offsets are assigned: its kind and its pieces of raw lines."""

    kind: str  # "heading" | "text"
    level: int = 0
    segments: list[tuple[int, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_segments([t for _, t in self.segments])


def needs_space(before: str, after: str) -> bool:
    """Two Latin letters meeting at a wrap were two words: join them with a space."""
    return bool(before and after) and _is_latin(before[-1]) and _is_latin(after[0])


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def join_segments(parts: list[str]) -> str:
    """Join wrapped pieces as `assemble` does: directly, or with a space between two Latin words."""
    out = ""
    for part in parts:
        out += (" " if needs_space(out, part) else "") + part
    return out


class Layout:
    """Measurements of one file: column width, blank-line habits, paragraph-per-line or wrapped."""

    def __init__(self, lines: list[Line], *, extracted: bool = False):
        self.lines = lines
        self.extracted = extracted
        """The text of a PDF extractor (form feeds between pages): its blank lines close text boxes."""
        n = len(lines)
        line_widths = [ln.width for ln in lines]
        widths = sorted(line_widths) or [0]
        self.column = widths[int(len(widths) * T["column_quantile"])] if widths else 0
        self.local = self._local_widths(line_widths)
        """Per line: its column (`local_width`)."""
        self.short = self._short_lines(line_widths)
        """Line i ends before the column (by more than justification explains)."""
        self.very_short = [w < T["very_short_share"] * c for w, c in zip(line_widths, self.local, strict=True)]
        """Line i fills well under two thirds of its column (a title, byline or caption)."""
        # Text extracted from print loses the two-character indent of a paragraph's first line, but
        # that line still holds two characters less than the column: seen at the visible paragraph
        # starts (after a line that ends a sentence well short of the column).
        deficit = [c - w for c, w in zip(self.local, line_widths, strict=True)]
        lo, hi = T["indent_lost_units"]
        starts = [
            k
            for k in range(1, n - 1)
            if lines[k - 1].ends and deficit[k - 1] > hi and not lines[k].ends and not lines[k].opens
        ]
        if extracted:  # a one-line paragraph, or a note set smaller (wider in characters), shows no indent
            starts = [k for k in starts if 0 <= deficit[k] <= hi]
        else:  # and after a numbered heading or item on a short line of its own (a kicker's next line
            # is its subtitle), where a plan's paragraphs start
            # (the few heading and item lines are picked out of their columns first, at C speed)
            heads = compress(range(n - 2), map(or_, map(_OPENS, lines), map(_ITEM, lines)))
            starts += [
                k + 1
                for k in heads
                if deficit[k] > hi
                and not lines[k + 1].ends
                and not lines[k + 1].opens
                and (
                    (lines[k].opens and lines[k].text[0] in _NUMBERED_FIRST)
                    or hd.ITEM_HEADING_RE.match(lines[k].text) is not None
                )
                and (k == 0 or lines[k - 1].ends or lines[k - 1].opens)  # a heading, not a line that opens like one
            ]
        lost = sum(1 for k in starts if lo <= deficit[k] <= hi)
        self.indent_lost = len(starts) >= T["indent_min_lines"] and lost >= T["indent_lost_share"] * len(starts)
        """First lines of paragraphs are two characters short of the column (their indent was lost)."""
        self.first_line = [
            self.indent_lost and lo <= d <= hi and not ln.ends for d, ln in zip(deficit, lines, strict=True)
        ]
        if self.indent_lost:
            # a mark that may not open a line (，：) is squeezed in at the end of the line before:
            # such a first line holds one character more, one short of the column (exactly, in text
            # not extracted from a PDF: a full line with half-width characters may fall one unit short)
            squeezed = [k for k, d in enumerate(deficit) if (0 < d < lo if extracted else d == 2)]
            for k in squeezed:
                if lines[k].text[-1] in CLOSING_PUNCT and not lines[k].ends:
                    self.first_line[k] = True
        """Line i is a paragraph's first line, two characters short (only where indents were lost)."""
        self.full = [d < lo and not f for d, f in zip(deficit, self.first_line, strict=True)]
        self.column_seen = sum(self.full) >= T["column_min_lines"]
        """Enough lines fill the column to know it: only then does a short line tell anything."""
        if self.indent_lost:
            self.short = [s and not f for s, f in zip(self.short, self.first_line, strict=True)]
        # Full lines that end inside a sentence: what only a wrapped file has. The file's lines
        # that are whole paragraphs (or headings) end with 。！？ or ： wherever they stop.
        full = [k for k in range(n - 1) if not self.short[k] and not lines[k].opens]
        mid = [k for k in full if not lines[k].ends and lines[k].text[-1] not in "：:"]
        self.paragraph_per_line = median(widths) > T["per_line_median"] or (
            bool(full) and len(mid) <= T["per_line_mid_share"] * len(full)
        )
        """One paragraph per line: lines are long, or no full line of the file ends inside a
        sentence (a short file of paragraphs reads as one column of its longest line otherwise)."""
        self.blank_every_line = len(mid) >= T["blank_every_min"] and sum(1 for k in mid if lines[k].blank_after) >= T[
            "blank_every_share"
        ] * len(mid)
        """A blank line follows lines that end inside a sentence: blanks say nothing about paragraphs.
        (Paragraphs of one or two lines separated by blanks have a blank after nearly every line,
        but never inside a sentence.)"""
        ends = [k for k in range(n - 1) if lines[k].ends and self.short[k] and not lines[k + 1].opens]
        torn = any(lines[k].blank_after for k in mid)
        self.blank_between_paragraphs = (
            not self.blank_every_line
            and len(ends) >= (T["blank_every_min"] if torn else T["blank_between_min_clean"])
            and sum(1 for k in ends if lines[k].blank_after) >= T["blank_between_share"] * len(ends)
        )
        """Visible paragraph ends (a short line ending a sentence) are followed by a blank line: where
        no blank follows a sentence end, the paragraph goes on."""
        # Lead-in-shaped sentences that open a visible paragraph, against those inside a line (never
        # a paragraph start): some reports open paragraphs with topic sentences, others string them
        # inside paragraphs (项目建设支撑有力。消费需求加速释放。…).
        opening_at = [k for k in range(1, n) if lines[k].leadin and lines[k - 1].ends and self.short[k - 1]]
        inside_all = _MID_LEADIN.findall("\n".join(map(_TEXT, lines)))
        opening, inside = len(opening_at), len(inside_all)
        self.leadins_open_paragraphs = opening >= T["leadin_style_min"] and inside <= T["leadin_inside_ratio"] * opening
        """A lead-in-shaped sentence after a full line is a paragraph's opening in this file."""
        # The same, for orders only (做大项目牵引。): a report may string evaluations inside its
        # paragraphs (项目建设支撑有力。) and still open every paragraph of its plan with an order.
        orders_opening = sum(1 for k in opening_at if hd.order_leadin(_first_sentence(lines[k].text)))
        orders_inside = sum(1 for s in inside_all if hd.order_leadin(s))
        self.orders_open_paragraphs = (
            orders_opening >= T["leadin_style_min"] and orders_inside <= T["leadin_inside_ratio"] * orders_opening
        )
        """An order-shaped lead-in after a full line is a paragraph's opening in this file."""
        self.quick_join = quick_joins(lines, self)
        """Per gap after line i: the joining rule known without asking the rules, or None."""
        self.sections_run_in = self._section_styles()
        """Per line: whether the numbered sections of its part are run in (（一）…。 and the body on
        the same line), set apart (a short line of their own), or None if the part does not show."""
        indented = [k for k, ln in enumerate(lines) if ln.indent]
        # Paragraph indents: not the centred headings and title lines. They follow a sentence end, or
        # a line that closes without one (a heading, a title line, a row, a ： lead-in).
        body = [k for k in indented if not (lines[k].opens or lines[k].standalone)]
        after_end = sum(
            1
            for k in body
            if k == 0
            or lines[k - 1].ends
            or lines[k - 1].opens
            or lines[k - 1].standalone
            or lines[k - 1].text[-1] in "：:"
            or (k >= 2 and lines[k - 2].opens and not lines[k - 1].has_end)  # a heading wrapped on two lines
        )
        self.indents_paragraphs = (
            len(body) >= max(T["indent_min_lines"], T["indent_min_share"] * n)
            and len(indented) < T["indent_max_share"] * n
            and after_end >= T["indent_after_end"] * len(body)
        )
        """Paragraphs start with an indent (most lines are not indented, and indented lines follow
        sentence ends, headings or title lines): an indent after a sentence end starts a paragraph even
        after a full line."""

    def _section_styles(self) -> list[bool | None]:
        styles: list[bool | None] = []
        start, run_in, apart = 0, 0, 0

        def close(end: int) -> None:
            style = None if run_in == apart else run_in > apart
            styles.extend([style] * (end - start))

        for k, ln in enumerate(self.lines):
            if not ln.opens:
                continue
            level = hd.numbered_level(ln.text) or (1 if hd.is_unnumbered_part(ln.text) else 0)
            if level == 1:
                close(k)
                start, run_in, apart = k, 0, 0
            elif level == 2:
                if ln.has_end:
                    run_in += 1
                elif self.short[k] and ln.text[-1] not in CONTINUES:
                    apart += 1
        close(len(self.lines))
        return styles

    def _local_widths(self, widths: list[int]) -> list[int]:
        """The column of each line: the file's, or for a line wider than it near a wide-set one (a
        sidebar: a line a quarter wider than the column within two lines), the widest line around
        it. (A body line beside a heading set wide is measured against the body's column.)"""
        n, column = len(widths), self.column
        local = [column] * n
        for k in [k for k, w in enumerate(widths) if w > T["wide_region"] * column]:
            for m in range(max(0, k - 2), min(n, k + 3)):
                if widths[m] > column:
                    local[m] = max(widths[max(0, m - 2) : m + 3])
        return local

    def local_width(self, i: int) -> int:
        return self.local[i]

    def _short_lines(self, widths: list[int]) -> list[bool]:
        """Per line: shorter than its column by more than justification explains. A number or Latin
        word is never split, so a line before one may fall short by that run's width (slack)."""
        lo, share = T["short_min_units"], T["short_share"]
        column = self.column
        room_in_column = column - max(lo, share * column)
        room = [room_in_column if c == column else c - max(lo, share * c) for c in self.local]
        short = [w < r for w, r in zip(widths, room, strict=True)]
        # (slack only makes a line less short: only short lines before an ASCII run are asked again)
        again = [
            k for k, (s, nxt) in enumerate(zip(short, self.lines[1:], strict=False)) if s and nxt.text[0].isascii()
        ]
        for k in again:
            slack = len(_LEADING_ASCII.match(self.lines[k + 1].text).group(0))
            short[k] = widths[k] < room[k] - slack
        return short

    def is_short(self, i: int) -> bool:
        return self.short[i]

    def is_very_short(self, i: int) -> bool:
        return self.very_short[i]

    def is_set_wide(self, i: int) -> bool:
        """Wider than the column of the body around it: a heading set on a wider measure."""
        return self.lines[i].width > T["wide_heading"] * self.column and not self.paragraph_per_line


def make_lines(cleaned: list[tuple[int, str, int]]) -> list[Line]:
    """Non-blank lines with blank-before/after flags, from (raw line number, cleaned text, indent
    width). A line's width includes its indent: an indented first line fills the column too."""
    kept = [k for k, (_, text, _) in enumerate(cleaned) if text]
    if not kept:
        return []
    rows = [cleaned[k] for k in kept]
    nos, texts, indents = ([row[c] for row in rows] for c in range(3))
    blank = [b - a > 1 for a, b in zip([-1, *kept], [*kept, len(cleaned)], strict=True)]
    """Between line k-1 and line k (and before the first, after the last) lie blank lines."""
    line_widths = [w + indent for w, indent in zip(widths(texts), indents, strict=True)]
    opener = [
        t[0] in _OPENER_FIRST and hd.OPENER_RE.match(t + nxt[:16]) is not None
        for t, nxt in zip(texts, [*texts[1:], ""], strict=True)
    ]
    indented = [indent > 0 for indent in indents]
    columns = (nos, texts, line_widths, blank[:-1], blank[1:], indented, *line_tests(texts), opener)
    return list(map(_new_line, zip(*columns, strict=True)))


_new_line = partial(tuple.__new__, Line)
"""A `Line` from a row of all its fields (`Line._make` without the call and the count)."""


# -- bold text extracted twice ---------------------------------------------------------------


def undouble(lines: list[Line], trace: list[str] | None = None) -> list[Line]:
    """A browser's print-to-PDF draws bold text twice (a heading, a run-in lead-in), and text
    extracted from it reads it twice in a row: `一、2024年工作回顾一、2024年工作回顾`, also wrapped over
    lines. Where lines open with the same text twice over, and the second copy ends at a line's
    end (a heading on lines of its own) or the text ends a sentence (a run-in bold opening), the
    text is kept once, as one line of its own (it was one bold block, however it wrapped: letter-
    spaced with U+3000, its lines look short once the spaces are gone). What follows the second
    copy stays on its line: after the first copy if both were on that line (a run-in lead-in).
    Only what reports set in bold is undoubled (see `_bold`)."""
    lo = int(T["doubled_min_chars"])
    texts = [ln.text for ln in lines]
    # A quick look first: the second copy starts on the line or the next (X is a heading at most).
    maybe = [
        k for k, (t, nxt) in enumerate(zip(texts, [*texts[1:], ""], strict=True)) if (t + nxt).find(t[:lo], lo) >= 0
    ]
    if not maybe:
        return lines
    out: list[Line] = []
    i = 0
    for k in maybe:
        if k < i or lines[k].row:
            continue  # inside a doubled block already undone; a table's rows may repeat
        out += lines[i:k]
        i = k
        found = _doubled(lines, i) if len(texts[i]) >= lo else None
        if found is None:
            continue
        size, span = found
        first, last = lines[i], lines[i + span - 1]
        text = "".join(ln.text for ln in lines[i : i + span])
        rest = text[2 * size :]
        if rest and span == 1:
            out.append(_retext(first, text[:size] + rest))  # a run-in bold opening, once
        else:
            bold = _retext(first, text[:size], blank_after=last.blank_after and not rest)
            out += [bold, _retext(last, rest)] if rest else [bold]
        if trace is not None:
            trace.append(f"line {first.no}  bold text extracted twice: kept once  {text[:size]}")
        i += span
    return out + lines[i:]


def _doubled(lines: list[Line], i: int) -> tuple[int, int] | None:
    """(length of the text, lines its two copies span) if lines i.. open with a text at least
    `doubled_min_chars` long read twice in a row, else None."""
    t = lines[i].text
    lo = int(T["doubled_min_chars"])
    head = t[:lo]
    joined, ends = t, [len(t)]
    for k in range(i + 1, len(lines)):
        if len(joined) >= 2 * hd.MAX_HEADING_CHARS:
            break
        joined += lines[k].text
        ends.append(len(joined))
    p = joined.find(head, lo)
    while 0 < p <= hd.MAX_HEADING_CHARS:
        if joined.startswith(joined[:p], p) and _bold(joined[:p], alone=2 * p in ends):
            return p, next(k for k, e in enumerate(ends, start=1) if e >= 2 * p)
        p = joined.find(head, p + 1)
    return None


def _bold(text: str, *, alone: bool) -> bool:
    """What these reports set in bold: a heading, a title line (on lines of their own: `alone`), a
    lead-in (a short sentence without a clause, also run in). A body sentence is never bold."""
    if _LEADIN_SHAPE.fullmatch(text):
        return True
    return alone and (opens_heading(text) or not _ANY_END.search(text))


def _retext(line: Line, text: str, blank_after: bool | None = None) -> Line:
    """`line` with `text` (what is left of it), measured again (and `blank_after`, if given)."""
    tests = [column[0] for column in line_tests([text])]
    w = width(text) + line.width - width(line.text)
    opener = line.opener and text[0] == line.text[0]
    after = line.blank_after if blank_after is None else blank_after
    return Line(line.no, text, w, line.blank_before, after, line.indent, *tests, opener)


# -- the gap between two lines of body text ----------------------------------------------------


@dataclass(slots=True)
class Gap:
    """What the rules see at the gap between line i (the paragraph so far ends there) and line j."""

    a: Line
    b: Line
    i: int
    j: int
    layout: Layout
    after_heading: bool
    """Line i is the last line of a heading (the rest of a run-in heading's line is line i)."""


def _next_opens_with_closer(g: Gap) -> bool | None:
    return False if g.b.text[0] in CLOSING_PUNCT else None


def _heading_next(g: Gap) -> bool | None:
    """Line j opens a heading whatever line i says (a kicker, or a numbered heading after a
    sentence end, a colon, a title line, a heading, or a line that stops short of the column)."""
    a, b = g.a, g.b
    if not b.opens or b.standalone:
        return None
    if hd.is_kicker(b.text):
        return True
    title_like = not a.has_end and not _ANY_PUNCT.search(a.text) and g.layout.is_very_short(g.i)
    if a.ends or a.text[-1] in "：:" or title_like or g.after_heading or _stops_short(g):
        return True
    return None


def _stops_short(g: Gap) -> bool:
    """Line i ends before the column without an open clause: whatever it is (a title's last line, a
    heading), it is complete. (In a file of whole paragraphs every line is short: no sign there.)"""
    lay = g.layout
    return lay.short[g.i] and not lay.paragraph_per_line and g.a.text[-1] not in CONTINUES


def _standalone_next(g: Gap) -> bool | None:
    """An indented standalone line (a byline under a wrapped dateline) opens a block whatever
    line i says; an unindented one after a line ending a sentence, standing alone or stopping short.
    A table row stands alone whatever comes before it (its caption ends there)."""
    if g.b.standalone and (g.a.ends or g.a.standalone or g.b.indent or g.b.row or _stops_short(g)):
        return True
    return None


_DATELINE_START = re.compile(r"[—－]{2}[0-9０-９]{4}年")


def _dateline_next(g: Gap) -> bool | None:
    """A dateline (——2024年1月18日在…会议上) opens a block of its own, even after a line that is not
    seen to end (a web headline: 重磅！…政府工作报告全文来了)."""
    return True if g.b.text[0] in "—－" and _DATELINE_START.match(g.b.text) else None


def _standalone_line(g: Gap) -> bool | None:
    return True if g.a.standalone else None


def _colon_before_item(g: Gap) -> bool | None:
    """A lead-in ending with ： (主要做了以下工作：) before an enumeration item (一是…, 聚焦稳增长。)."""
    if g.a.text[-1] in "：:" and (g.b.item or g.b.leadin or g.layout.is_short(g.i) or g.layout.paragraph_per_line):
        return True
    return None


def _item_ends_with_semicolon(g: Gap) -> bool | None:
    """An item of a list set one to a line (——地区生产总值增长6%左右；) ends at its ； before the next
    item: the line is an item whole, or stops short, or each line is a paragraph. (A ； at the end of
    a full line inside a paragraph's running enumeration says nothing.)"""
    if g.a.text[-1] in "；;" and g.b.item and (g.a.item or g.layout.is_short(g.i) or g.layout.paragraph_per_line):
        return True
    return None


def _indented_next(g: Gap) -> bool | None:
    """Where paragraphs are indented, an indent after a sentence end or a ： opens one, even after a
    full line (a quotation after 正如…所说的： is a paragraph of its own)."""
    closes = g.a.ends or g.a.text[-1] in "：:"
    return True if closes and g.layout.indents_paragraphs and g.b.indent else None


def _one_paragraph_per_line(g: Gap) -> bool | None:
    return True if g.a.ends and g.layout.paragraph_per_line else None


def _short_last_line(g: Gap) -> bool | None:
    return True if g.a.ends and g.layout.is_short(g.i) else None


def _blank_between_paragraphs(g: Gap) -> bool | None:
    if g.a.ends and g.b.blank_before and not g.layout.blank_every_line:
        return True
    return None


def _column_foot_in_extractor_text(g: Gap) -> bool | None:
    """In an extractor's text a blank line closes a box, and a column's foot closes one: a sentence
    ending at a full line before a blank, then a line that fills the column (a paragraph would open
    two characters short) is a paragraph going on at the next column's head. (Not before an item, an
    end note or a paragraph formula, which are set without an indent.)"""
    lay, a, b = g.layout, g.a, g.b
    if lay.extracted and lay.indent_lost and a.ends and b.blank_before and lay.full[g.j] and not (b.item or b.opener):
        return False
    return None


def _first_line_in_extractor_box(g: Gap) -> bool | None:
    """An extractor groups lines that line up on either side into one text box (pdfminer.six sets a
    blank after each): a paragraph's full last line and the next one's first line, two characters
    short (its indent lost), line up on the right and share a box. So in its text no blank there
    says nothing, and the short first line tells."""
    return True if g.layout.extracted and g.a.ends and g.layout.first_line[g.j] else None


def _no_blank_where_paragraphs_have_one(g: Gap) -> bool | None:
    return False if g.a.ends and g.layout.blank_between_paragraphs and not g.b.blank_before else None


def _no_indent_where_paragraphs_have_one(g: Gap) -> bool | None:
    return False if g.a.ends and g.layout.indents_paragraphs and not g.b.indent else None


def _first_line_next(g: Gap) -> bool | None:
    """Where paragraph indents were lost, a line two characters short of the column that goes on
    is a paragraph's first line; a full line is not."""
    if not g.a.ends or not g.layout.indent_lost:
        return None
    if g.layout.first_line[g.j]:
        return True
    return False if g.layout.full[g.j] else None


def _item_after_full_line(g: Gap) -> bool | None:
    """A full last line still ends its paragraph when the next line opens an enumeration item,
    a review lead-in or an end note: what a reader sees when no blank or indent tells."""
    return True if g.a.ends and g.b.item else None


def _opener_after_full_line(g: Gap) -> bool | None:
    """…or when the next line opens with a formula that opens paragraphs (各位代表，…). Not after a
    paragraph's first line that is one whole sentence (2025年是…之年。 / 一年来，…): a full line is
    seldom a paragraph of its own, and the formula then goes on the paragraph it opened."""
    if not (g.a.ends and g.b.opener):
        return None
    before = g.layout.lines[g.i - 1] if g.i else None
    opens_paragraph = before is None or (g.a.blank_before and before.ends and not g.layout.blank_every_line)
    return None if opens_paragraph and first_sentence_end(g.a.text) == len(g.a.text) else True


def _leadin_after_full_line(g: Gap) -> bool | None:
    """…or when the next line opens with a lead-in: a short topic sentence (持续扩大有效投资。)."""
    if not (g.a.ends and g.b.leadin) or g.after_heading:
        return None  # (the line a run-in heading ends on opens its paragraph: it goes on)
    if g.layout.leadins_open_paragraphs:
        return True
    # A report that strings topic sentences inside its paragraphs may still open them with orders.
    return True if g.layout.orders_open_paragraphs and hd.order_leadin(_first_sentence(g.b.text)) else None


def _first_sentence(text: str) -> str:
    return text[: first_sentence_end(text)]


def _full_line_ends_sentence(g: Gap) -> bool | None:
    return False if g.a.ends else None


def _continuing_punctuation(g: Gap) -> bool | None:
    return False if g.a.text[-1] in CONTINUES else None


def _title_line(g: Gap) -> bool | None:
    """A short line with no sentence in it, standing alone: a title, byline, caption or credit."""
    a, lay = g.a, g.layout
    if not a.has_end and (a.blank_after or lay.paragraph_per_line) and lay.is_very_short(g.i):
        return True
    return None


def _stopped_short(g: Gap) -> bool | None:
    """A line well short of the column, with no sentence and no clause in it, ends its block: a
    title, a byline, a banner (新闻·综览). A line with a sentence end or a clause in it that stops
    short is more often cut by a column or page break than ended. Nor does a title end on a
    preposition or particle (——2022年1月6日在) or inside a number (增加到20 / 21年: the spaces an
    extractor puts by digits, squeezed out, make a full line look short)."""
    a = g.a
    lay = g.layout
    if (
        _stops_short(g)
        and lay.column_seen
        and not lay.blank_between_paragraphs  # there a title has its blank line after it
        and not a.has_end
        and not _CLAUSE_PUNCT.search(a.text)
        and a.text[-1] not in hd.NON_FINAL
        and not (a.text[-1].isascii() and a.text[-1].isalnum())
        and lay.is_very_short(g.i)
    ):
        return True
    return None


def _mid_sentence(g: Gap) -> bool | None:
    return False


GapRule = Callable[[Gap], "bool | None"]
GAP_RULES: list[tuple[str, GapRule]] = [
    ("next line opens with closing punctuation", _next_opens_with_closer),
    ("next line opens a heading", _heading_next),
    ("next line stands alone (dateline, banner, credit)", _standalone_next),
    ("line stands alone (dateline, banner, credit)", _standalone_line),
    ("colon lead-in before an enumeration", _colon_before_item),
    ("indented line after a sentence end or a colon", _indented_next),
    ("one paragraph per line", _one_paragraph_per_line),
    ("short line ends a sentence", _short_last_line),
    ("extractor's column foot: sentence end at a full line, next line full", _column_foot_in_extractor_text),
    ("blank line after a sentence end", _blank_between_paragraphs),
    ("extractor's box: sentence end, next line a first line two characters short", _first_line_in_extractor_box),
    ("no blank line after a sentence end, where paragraphs have one", _no_blank_where_paragraphs_have_one),
    ("no indent after a sentence end, where paragraphs have one", _no_indent_where_paragraphs_have_one),
    ("sentence end; next line is a first line two characters short, or full (indents lost)", _first_line_next),
    ("full line ends a sentence, next opens an item", _item_after_full_line),
    ("full line ends a sentence, next opens with a paragraph formula", _opener_after_full_line),
    ("full line ends a sentence, next opens a lead-in", _leadin_after_full_line),
    ("full line ends a sentence, no sign of a break", _full_line_ends_sentence),
    ("next line opens a dateline", _dateline_next),
    ("list item set on its own line ends with ；", _item_ends_with_semicolon),
    ("line ends with continuing punctuation", _continuing_punctuation),
    ("short line without a sentence: a title", _title_line),
    ("line stops short of the column", _stopped_short),
    ("sentence goes on", _mid_sentence),
]
"""Ordered: the first rule with an opinion (True = break, False = join) decides."""


_QUIET = {
    "line ends with continuing punctuation",
    "short line without a sentence: a title",
    "line stops short of the column",
    "sentence goes on",
}
QUIET_RULES = [(name, rule) for name, rule in GAP_RULES if name in _QUIET]
"""The only rules with an opinion at a quiet gap (see `is_quiet`): asked alone there, for speed."""


def is_quiet(a: Line, b: Line) -> bool:
    """Nothing at this gap but a sentence going on or a title line: line a neither ends a sentence
    nor a lead-in (：) nor stands alone, and line b opens no heading, standalone line or closing
    punctuation nor a dash; neither is a table row, nor is line b an item after a ；. (An item, a lead-in or a
    paragraph formula opens something only after a sentence end, a colon or an item's ；.) Most gaps
    of a wrapped report are quiet."""
    last = a.text[-1]
    return not (
        a.ends
        or a.standalone  # (a table row is standalone too)
        or b.opens
        or b.standalone
        or b.text[0] in _LOUD_FIRST
        or (last in "：:；;" and (last in "：:" or b.item))
    )


_LOUD_FIRST = CLOSING_PUNCT | {"—", "－"}
"""A line opening with one of these is never at a quiet gap: closing punctuation, a dash (an item,
a dateline)."""


def quick_joins(lines: list[Line], layout: Layout) -> list[str | None]:
    """Per gap (line i, line i+1): the rule that joins it, where that is known without asking the
    rules, else None. At a quiet gap only the quiet rules speak, and the two of them that break
    (a title line, a line stopped short) want line i very short: after any other line the gap is
    joined by "line ends with continuing punctuation" or "sentence goes on". Most gaps of a report
    are such; computed for all of them at once."""
    quick = [
        (_CONTINUING if a.text[-1] in CONTINUES else _GOES_ON) if not very_short and is_quiet(a, b) else None
        for a, b, very_short in zip(lines, lines[1:], layout.very_short, strict=False)
    ]
    return [*quick, None] if lines else []


_CONTINUING, _GOES_ON = "line ends with continuing punctuation", "sentence goes on"


def decide_gap(gap: Gap) -> tuple[bool, str]:
    for name, rule in QUIET_RULES if is_quiet(gap.a, gap.b) else GAP_RULES:
        verdict = rule(gap)
        if verdict is not None:
            return verdict, name
    raise AssertionError("the last rule always decides")


# -- headings ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HeadingRead:
    block: Block
    next: int
    """Index of the first line after the heading."""
    rest: tuple[int, str] | None
    """The rest of the heading's last line, which starts the paragraph (a run-in heading)."""
    rule: str


def read_heading(lines: list[Line], i: int, layout: Layout, run_in: dict[int, bool]) -> HeadingRead | None:
    """The heading starting at line i (a paragraph start), if any. `run_in`: per level, whether the
    previous heading of that level in this part ended with 。 (sections of one part share a style)."""
    text = lines[i].text
    if hd.is_kicker(text):
        return _read_kicker(lines, i, layout)
    if hd.TITLE_RE.match(text):
        return None
    if hd.is_unnumbered_part(text) and _stands_alone(lines, i, layout):
        return HeadingRead(Block("heading", 1, [(lines[i].no, text)]), i + 1, None, "unnumbered part heading")
    level = hd.numbered_level(text)
    if not level or "；" in text or ";" in text:
        return None  # （一）加强领导；（二）… is an enumeration, not a heading
    return _read_numbered(lines, i, level, layout, run_in.get(level, False))


def _read_kicker(lines: list[Line], i: int, layout: Layout) -> HeadingRead:
    segs = [(lines[i].no, lines[i].text)]
    nxt = i + 1
    if hd.KICKER_RE.search(lines[i].text) and nxt < len(lines) and not lines[nxt].has_end:
        segs.append((lines[nxt].no, lines[nxt].text))
        nxt += 1
    # A kicker and its subtitle wrapped over one more line: take the rest as a plain tail (the
    # kicker's line may be short of the body's column: it is set larger, on a narrower measure).
    last = nxt - 1
    if (
        nxt < len(lines)
        and (not lines[last].blank_after or layout.blank_every_line)
        and not lines[nxt].standalone
        and (end := _plain_tail_end(lines, nxt, layout)) is not None
        and end - nxt == 1
    ):
        segs.append((lines[nxt].no, lines[nxt].text))
        nxt = end
    return HeadingRead(Block("heading", 1, segs), nxt, None, "kicker with its subtitle")


def _stands_alone(lines: list[Line], i: int, layout: Layout) -> bool:
    """An unnumbered part heading is a line of its own: a blank line (or the end) or a line set
    wide after it, and the line before it (if any) ends a sentence or a heading."""
    after = i + 1 >= len(lines) or lines[i].blank_after or layout.paragraph_per_line or layout.is_short(i)
    prev = lines[i - 1] if i else None
    before = prev is None or prev.ends or prev.opens or (not prev.has_end and layout.is_very_short(i - 1))
    return after and before


def _read_numbered(lines: list[Line], i: int, level: int, layout: Layout, run_in_siblings: bool) -> HeadingRead | None:
    segs: list[tuple[int, str]] = []
    rest: tuple[int, str] | None = None
    j = i
    rule = "numbered heading"
    while True:
        line = lines[j]
        cut = first_sentence_end(line.text)
        if cut is not None and cut < len(line.text):
            segs.append((line.no, line.text[:cut]))
            rest = (line.no, line.text[cut:])
            j += 1
            rule = "run-in numbered heading ends at its 。"
            break
        segs.append((line.no, line.text))
        j += 1
        if cut is not None or j >= len(lines):
            rule = "numbered heading ends with 。" if cut is not None else "numbered heading at the end"
            break
        if line.text[-1] in "，、；,;":
            continue  # the heading goes on, whatever the next line looks like
        if layout.is_set_wide(j - 1):
            rule = "numbered heading set wider than the column"
            break
        # A numbered part heading centred in a narrow column wraps onto a line that reads like an
        # unnumbered part heading (…“十四五” / 时期工作回顾): none is set right under a numbered one.
        if level == 1 and not line.blank_after and layout.short[j] and hd.is_unnumbered_part(lines[j].text):
            segs.append((lines[j].no, lines[j].text))
            j += 1
            rule = "numbered part heading wrapped onto a part heading's ending"
            break
        # A short heading line ends the heading, unless a fragment without a sentence follows and
        # closes at once: a heading set larger than the body wraps on a narrower measure.
        if layout.short[j - 1] and (
            (line.blank_after and not layout.blank_every_line)
            or lines[j].item
            or _plain_tail_end(lines, j, layout) is None
        ):
            rule = "numbered heading on a short line"
            break
        nxt = lines[j]
        if nxt.opens or nxt.item:
            rule = "numbered heading before a heading or an item"
            break
        cut2 = first_sentence_end(nxt.text)
        if cut2 is None:
            end = _plain_tail_end(lines, j, layout)
            if end is None and _open_clause(line.text) and _ends_before_paragraph(lines, j):
                end = j + 1
            if end is None:
                rule = "numbered heading, next line is body"
                break
            segs.extend((ln.no, ln.text) for ln in lines[j:end])
            j = end
            rule = "numbered heading wrapped"
            break
        if level == 1:
            # A part heading stands on its own line: only a fragment that cannot start a sentence
            # (的…, a word's second half) is its wrapped rest.
            whole_line, run_in_siblings = False, False
        else:
            style = layout.sections_run_in[i]
            run_in_siblings = run_in_siblings if style is None else style
            # The next line is nothing but a short sentence that ends the paragraph: the heading's rest.
            whole_line = cut2 == len(nxt.text) and (
                layout.short[j] or (nxt.blank_after and not layout.blank_every_line) or j + 1 >= len(lines)
            )
        if (
            whole_line
            or (
                level == 2
                and layout.sections_run_in[i] is not False
                and not nxt.indent  # (`-layout` keeps indents: an indented next line opens a paragraph)
                and _runs_on_in_extractor_text(layout, j)
            )
            or hd.looks_like_tail(
                nxt.text[:cut2], "".join(t for _, t in segs), full=True, run_in_siblings=run_in_siblings
            )
            or (
                level == 2
                and layout.full[j - 1]
                and _cut_short("".join(t for _, t in segs))
                and _tail_before_leadin(nxt.text + (lines[j + 1].text if j + 1 < len(lines) else ""), cut2)
            )
        ):
            segs.append((nxt.no, nxt.text[:cut2]))
            if cut2 < len(nxt.text):
                rest = (nxt.no, nxt.text[cut2:])
            j += 1
            rule = "run-in numbered heading wrapped to its 。"
        else:
            rule = "numbered heading, next line opens a lead-in"
        break
    title = join_segments([t for _, t in segs])
    if len(title) > hd.MAX_HEADING_CHARS:
        return None
    return HeadingRead(Block("heading", level, segs), j, rest, rule)


def _cut_short(heading: str) -> bool:
    """A heading's clauses are parallel phrases of like length (扩大有效需求，推动经济回升): a last
    clause less than half as long as the one before it (…提高投资效益，全方位) was cut by the wrap."""
    clauses = _CLAUSE_PUNCT.split(heading)
    return len(clauses) >= 2 and 2 * len(clauses[-1]) < len(clauses[-2])


def _tail_before_leadin(text: str, cut: int) -> bool:
    """A section heading's line that was cut short (`_cut_short`) is followed by a short fragment
    without a clause, and right after it by a lead-in (…，全方位 / 扩大国内需求。大力实施提振消费专项
    行动。): the fragment is the heading's rest, as no lead-in is followed at once by another (a
    lead-in is elaborated).
    `text`: the line after the heading's and the one after it (the lead-in may wrap)."""
    return not _CLAUSE_PUNCT.search(text, 0, cut) and _LEADIN_SHAPE.match(text, cut) is not None


def _runs_on_in_extractor_text(layout: Layout, j: int) -> bool:
    """In extractor text whose paragraphs' first lines are two characters short, a section heading's
    line that fills the column (or opens a paragraph, two characters short) followed by a line that
    fills it runs on into that line: a paragraph after a heading would open two characters short.
    The heading is run in, to its 。 (Asked only where the part's sections are not seen set apart:
    there the line after a heading is another column's, written next by the extractor.)"""
    return layout.extracted and layout.indent_lost and not layout.short[j - 1] and layout.full[j]


def _open_clause(text: str) -> bool:
    """A heading line that stops one or two characters into a clause (…为根本，全) or on a
    preposition or particle was cut by the wrap: no heading ends so."""
    last = _CLAUSE_PUNCT.split(text)[-1]
    return 0 < len(last) <= T["open_clause_chars"] or text[-1] in hd.NON_FINAL


def _ends_before_paragraph(lines: list[Line], j: int) -> bool:
    """Line j has no sentence in it and the next line opens something (a lead-in, an item, a
    heading) or there is none: line j closes what came before it."""
    if lines[j].has_end:
        return False
    if j + 1 >= len(lines):
        return True
    b = lines[j + 1]
    return b.leadin or b.item or b.opens or b.opener


def _plain_tail_end(lines: list[Line], j: int, layout: Layout) -> int | None:
    """Lines j.. with no sentence end that close within three lines at a short line or a blank:
    the wrapped rest of a heading. Returns the index after them, or None. (In a file that indents
    paragraphs, an indented line opens one: a heading's rest is never indented.)"""
    for m in range(j, min(j + int(T["tail_lines"]), len(lines))):
        line = lines[m]
        if line.has_end or line.opens or line.item or line.row or line.text[-1] in "：:":
            return None  # (a line ending with ： leads in to what follows: no heading ends so)
        if line.indent and layout.indents_paragraphs:
            return None
        if layout.short[m] or (line.blank_after and not layout.blank_every_line) or m + 1 >= len(lines):
            return m + 1
    return None


# -- the whole file ---------------------------------------------------------------------------


def reflow(lines: list[Line], trace: list[str] | None = None, *, extracted: bool = False) -> list[Block]:
    """Blocks of the file. With `trace`, every gap and heading decision is appended to it as
    `line A|B  break|join  rule  …end of A|start of B…` or `line A  heading N  rule  title`.
    `extracted`: the text of a PDF extractor (its blank lines close text boxes)."""
    lines = undouble(lines, trace)
    layout = Layout(lines, extracted=extracted)
    blocks: list[Block] = []
    run_in: dict[int, bool] = {}
    i, n = 0, len(lines)
    quick = layout.quick_join
    asked = [k for k, rule in enumerate(quick) if rule is None]
    """The lines whose gap to the next one the rules decide (and the last line)."""
    pieces = list(map(_NO_AND_TEXT, lines))
    para: Block | None = None
    while i < n:
        line = lines[i]
        if para is None:
            read = read_heading(lines, i, layout, run_in)
            if read is not None:
                blocks.append(read.block)
                title = read.block.text
                run_in = {k: v for k, v in run_in.items() if k < read.block.level}
                run_in[read.block.level] = title.endswith("。")
                if trace is not None:
                    trace.append(f"line {line.no}  heading {read.block.level}  {read.rule}  {title}")
                i = read.next
                if read.rest is not None:
                    para = Block("text", segments=[read.rest])
                    if i >= n or _gap(lines, i - 1, i, layout, True, trace):
                        blocks.append(para)
                        para = None
                continue
            para = Block("text")
        # The lines up to the next gap the rules decide join the paragraph at once (a dateline
        # goes line by line: it ends at its 会议上 whatever the gap).
        first = para.segments[0][1] if para.segments else line.text
        stop = i if _is_dateline(first) else asked[bisect_left(asked, i)]
        if stop > i:
            para.segments += pieces[i:stop]
            if trace is not None:
                for k in range(i, stop):
                    _trace_gap(trace, lines[k], lines[k + 1], False, quick[k])
            i, line = stop, lines[stop]
        para.segments.append((line.no, line.text))
        if i + 1 >= n or _ends_dateline(para, line) or _gap(lines, i, i + 1, layout, False, trace):
            blocks.append(para)
            para = None
        i += 1
    if para is not None and para.segments:
        blocks.append(para)
    _mark_titles_and_notes(blocks, trace)
    _below_divisions(blocks)
    return blocks


def _below_divisions(blocks: list[Block]) -> None:
    """In a report set in divisions (第一部分…), every other heading is one level below them."""
    headings = [b for b in blocks if b.kind == "heading"]
    if any(b.segments[0][1].startswith("第") and hd.DIVISION_RE.match(b.segments[0][1]) for b in headings):
        for block in headings:
            if not hd.DIVISION_RE.match(block.segments[0][1]):
                block.level += 1


def _report_start(blocks: list[Block]) -> int:
    """The index of the report's title line (政府工作报告, its dateline in the next block) when
    paragraphs of text come before it and no heading does (a forum poster's or an editor's words
    above the report), else 0."""
    for k, block in enumerate(blocks[:12]):
        if block.kind == "heading":
            return 0
        if (
            k
            and block.text.endswith("政府工作报告")
            and hd.is_title_line(block.text)
            and k + 1 < len(blocks)
            and _is_dateline(blocks[k + 1].segments[0][1])
        ):
            return k if any(_ANY_END.search(b.text) for b in blocks[:k]) else 0
    return 0


def _mark_titles_and_notes(blocks: list[Block], trace: list[str] | None) -> None:
    """Title-block lines (a report title, dateline, byline, banner; a short line without a sentence
    before the body starts) become "title" blocks; end notes (［1］…) "note" blocks, and so does all
    that follows an appendix's head (附件1: its short lines "title"); a numbered item
    standing alone under a section (1.做强先进制造业, （1）做强主导产业) a heading one level below the section."""
    body_started = False
    appendix = False  # past an appendix's head (附件1): nothing after it is in a section of the body
    section = 0  # the level of the last heading that is not such an item
    start = _report_start(blocks)
    for block in blocks[:start]:  # a page's or a poster's words before the report's title block
        block.kind = "title"
        if trace is not None:
            trace.append(f"line {block.segments[0][0]}  title (before the report's title)  {block.text[:30]}")
    for block in blocks[start:]:
        if block.kind == "heading":
            body_started = True
            section = block.level
            continue
        first = block.segments[0][1]
        if first[0] == "附" and body_started and hd.APPENDIX_RE.match(block.text):
            appendix = True
        if appendix:
            short = len(block.segments) <= 2 and len(block.text) <= 40 and not _ANY_END.search(block.text)
            block.kind = "title" if short and CELL_GAP not in first else "note"
            if trace is not None:
                trace.append(f"line {block.segments[0][0]}  {block.kind} (appendix)  {block.text[:30]}")
            continue
        if section >= 2 and first[0] in hd.ITEM_HEADING_FIRST and hd.ITEM_HEADING_RE.match(block.text):
            block.kind, block.level = "heading", section + 1
            if trace is not None:
                trace.append(f"line {block.segments[0][0]}  heading {block.level}  numbered item alone  {block.text}")
            continue
        text = block.text if len(block.segments) <= 2 else first
        if CELL_GAP in first:
            body_started = True  # a table row is body, whatever its place
            continue
        if len(block.segments) <= 2 and (
            hd.is_title_line(text)
            or hd.NOTES_HEAD_RE.match(text)
            or (not body_started and len(text) <= 40 and not _ANY_END.search(text) and text[-1] not in "：:")
        ):
            block.kind = "title"
        elif first[0] in "［[0123456789" and hd.NOTE_RE.match(first):
            block.kind = "note"
        else:
            body_started = body_started or len(block.segments) > 2 or bool(_ANY_END.search(text))
            continue
        if trace is not None:
            trace.append(f"line {block.segments[0][0]}  {block.kind}  {text[:30]}")


def _gap(lines: list[Line], i: int, j: int, layout: Layout, after_heading: bool, trace: list[str] | None) -> bool:
    rule = layout.quick_join[i]
    if rule is None:
        verdict, rule = decide_gap(Gap(lines[i], lines[j], i, j, layout, after_heading))
    else:
        verdict = False
    if trace is not None:
        _trace_gap(trace, lines[i], lines[j], verdict, rule)
    return verdict


_NO_AND_TEXT = itemgetter(0, 1)
"""A line's (raw line number, text): a piece of a block."""
_TEXT = itemgetter(1)


def _trace_gap(trace: list[str], a: Line, b: Line, verdict: bool, rule: str) -> None:
    trace.append(f"line {a.no}|{b.no}  {'break' if verdict else 'join '}  {rule}  …{a.text[-8:]}|{b.text[:8]}…")


def _is_dateline(first: str) -> bool:
    """A paragraph opening so (`first`: its first piece) is a dateline (——2025年2月26日在…会议上)."""
    return first.startswith(("——", "－－"))


def _ends_dateline(para: Block, line: Line) -> bool:
    """A dateline wrapped over lines ends at its 会议上."""
    return _is_dateline(para.segments[0][1]) and line.text.endswith(("会议上", "大会上"))
