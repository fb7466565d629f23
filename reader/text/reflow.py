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
from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import median

from reader.text import headings as hd
from reader.text.chars import CLOSING_PUNCT, CONTINUES, SENTENCE_END, ends_sentence, first_sentence_end, width

THRESHOLDS: dict[str, tuple[float, str]] = {
    "column_quantile": (
        0.75,
        "the column is the width most full lines reach: last lines and headings pull a median down",
    ),
    "per_line_median": (100, "one paragraph per line: a typical line holds 50 Han characters, more than any column"),
    "blank_every_share": (0.75, "a blank after (nearly) every line says nothing about paragraphs"),
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
}
"""Every number of the reflow, with its reason (`reader text --explain` names the rules using them)."""
T = {name: value for name, (value, _why) in THRESHOLDS.items()}

_LEADING_ASCII = re.compile(r"[0-9A-Za-z.%+\-/]*")
_ANY_END = re.compile(f"[{SENTENCE_END}]")
_ANY_PUNCT = re.compile(r"[，、；：,;:（）()“”]")
_CLAUSE_PUNCT = re.compile(r"[，,；;：:]")
_ITEM_FIRST = set("一二三四五六七八九十第其［[0123456789")
_LEADIN_SPAN = int(T["leadin_max_chars"]) + 1
_NUMBERED_FIRST = set("（(一二三四五六七八九十")
_STANDALONE_FIRST = set("各—－政【（(")


@dataclass(slots=True)
class Line:
    no: int
    text: str
    width: int
    blank_before: bool = False
    blank_after: bool = False
    indent: bool = False
    """The raw line was indented (a paragraph start in files that indent paragraphs)."""
    ends: bool = False
    """Ends a sentence (。！？ maybe followed by closing quotes)."""
    has_end: bool = False
    """Has a sentence end anywhere."""
    opens: bool = False
    """Looks like the first line of a heading (numbered, unnumbered part, kicker)."""
    standalone: bool = False
    """A dateline, banner, source credit or caption: a paragraph of its own."""
    item: bool = False
    """Opens an enumeration item (一是…, 第一，…) or an end note (［1］…)."""
    leadin: bool = False
    """Opens with a short sentence without a comma (持续扩大有效投资。): the shape of a lead-in."""

    def __post_init__(self) -> None:
        text = self.text
        self.ends = ends_sentence(text)
        self.has_end = bool(_ANY_END.search(text))
        self.opens = opens_heading(text)
        self.standalone = (
            len(text) <= T["standalone_max_chars"]
            and (
                text[0] in _STANDALONE_FIRST
                or text.endswith(("图片", "照片", "摄"))
                or (len(text) <= T["standalone_bare_chars"] and not self.has_end)
            )
            and bool(hd.STANDALONE_RE.search(text))
        )
        self.item = text[0] in _ITEM_FIRST and bool(hd.ITEM_RE.match(text))
        cut = first_sentence_end(text[:_LEADIN_SPAN]) if self.has_end else None
        self.leadin = cut is not None and cut <= T["leadin_max_chars"] and not _CLAUSE_PUNCT.search(text, 0, cut)


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

    def __init__(self, lines: list[Line]):
        self.lines = lines
        widths = sorted(ln.width for ln in lines) or [0]
        self.column = widths[int(len(widths) * T["column_quantile"])] if widths else 0
        self.paragraph_per_line = median(widths) > T["per_line_median"]
        followed = sum(1 for ln in lines[:-1] if ln.blank_after)
        self.blank_every_line = len(lines) > 4 and followed >= T["blank_every_share"] * (len(lines) - 1)
        indented = [k for k, ln in enumerate(lines) if ln.indent]
        after_end = sum(1 for k in indented if k == 0 or lines[k - 1].ends)
        self.indents_paragraphs = (
            len(indented) >= max(T["indent_min_lines"], T["indent_min_share"] * len(lines))
            and len(indented) < T["indent_max_share"] * len(lines)
            and after_end >= T["indent_after_end"] * len(indented)
        )
        """Paragraphs start with an indent (most lines are not indented, and indented lines follow
        sentence ends): an indent after a sentence end starts a paragraph even after a full line."""
        self._wide = [False] * len(lines)
        for k, ln in enumerate(lines):
            if ln.width > T["wide_region"] * self.column:
                for m in range(max(0, k - 2), min(len(lines), k + 3)):
                    self._wide[m] = True

    def local_width(self, i: int) -> int:
        """The column around line i: the file's, or a wide region's (a sidebar) widest line."""
        if not self._wide[i]:
            return self.column
        return max(ln.width for ln in self.lines[max(0, i - 2) : i + 3])

    def is_short(self, i: int) -> bool:
        """Shorter than the column by more than justification explains. A number or Latin word is
        never split, so a line before one may fall short by that run's width (slack)."""
        w = self.local_width(i)
        nxt = self.lines[i + 1].text if i + 1 < len(self.lines) else ""
        slack = len(_LEADING_ASCII.match(nxt).group(0))
        return self.lines[i].width < w - max(T["short_min_units"], T["short_share"] * w) - slack

    def is_very_short(self, i: int) -> bool:
        return self.lines[i].width < T["very_short_share"] * self.local_width(i)

    def is_set_wide(self, i: int) -> bool:
        """Wider than the column of the body around it: a heading set on a wider measure."""
        return self.lines[i].width > T["wide_heading"] * self.column and not self.paragraph_per_line


def make_lines(cleaned: list[tuple[int, str, bool]]) -> list[Line]:
    """Non-blank lines with blank-before/after flags, from (raw line number, cleaned text, indented)."""
    out: list[Line] = []
    blank = False
    for no, text, indent in cleaned:
        if not text:
            blank = True
            if out:
                out[-1].blank_after = True
            continue
        out.append(Line(no, text, width(text), blank_before=blank, indent=indent))
        blank = False
    return out


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
    sentence end, a colon, a title line or a heading)."""
    a, b = g.a, g.b
    if not b.opens or b.standalone:
        return None
    if hd.is_kicker(b.text):
        return True
    title_like = not a.has_end and not _ANY_PUNCT.search(a.text) and g.layout.is_very_short(g.i)
    if a.ends or a.text[-1] in "：:" or title_like or g.after_heading:
        return True
    return None


def _standalone_next(g: Gap) -> bool | None:
    if g.b.standalone and (g.a.ends or g.a.standalone):
        return True
    return None


def _standalone_line(g: Gap) -> bool | None:
    return True if g.a.standalone else None


def _colon_before_item(g: Gap) -> bool | None:
    """A lead-in ending with ： (主要做了以下工作：) before an enumeration item (一是…, 聚焦稳增长。)."""
    if g.a.text[-1] in "：:" and (g.b.item or g.b.leadin or g.layout.is_short(g.i) or g.layout.paragraph_per_line):
        return True
    return None


def _indented_next(g: Gap) -> bool | None:
    return True if g.a.ends and g.layout.indents_paragraphs and g.b.indent else None


def _one_paragraph_per_line(g: Gap) -> bool | None:
    return True if g.a.ends and g.layout.paragraph_per_line else None


def _short_last_line(g: Gap) -> bool | None:
    return True if g.a.ends and g.layout.is_short(g.i) else None


def _blank_between_paragraphs(g: Gap) -> bool | None:
    if g.a.ends and g.b.blank_before and not g.layout.blank_every_line:
        return True
    return None


def _item_after_full_line(g: Gap) -> bool | None:
    """A full last line still ends its paragraph when the next line opens an enumeration item,
    a review lead-in or an end note: what a reader sees when no blank or indent tells."""
    return True if g.a.ends and g.b.item else None


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


def _mid_sentence(g: Gap) -> bool | None:
    return False


GapRule = Callable[[Gap], "bool | None"]
GAP_RULES: list[tuple[str, GapRule]] = [
    ("next line opens with closing punctuation", _next_opens_with_closer),
    ("next line opens a heading", _heading_next),
    ("next line stands alone (dateline, banner, credit)", _standalone_next),
    ("line stands alone (dateline, banner, credit)", _standalone_line),
    ("colon lead-in before an enumeration", _colon_before_item),
    ("indented line after a sentence end", _indented_next),
    ("one paragraph per line", _one_paragraph_per_line),
    ("short line ends a sentence", _short_last_line),
    ("blank line after a sentence end", _blank_between_paragraphs),
    ("full line ends a sentence, next opens an item", _item_after_full_line),
    ("full line ends a sentence, no sign of a break", _full_line_ends_sentence),
    ("line ends with continuing punctuation", _continuing_punctuation),
    ("short line without a sentence: a title", _title_line),
    ("sentence goes on", _mid_sentence),
]
"""Ordered: the first rule with an opinion (True = break, False = join) decides."""


_QUIET = {
    "line ends with continuing punctuation",
    "short line without a sentence: a title",
    "sentence goes on",
}
QUIET_RULES = [(name, rule) for name, rule in GAP_RULES if name in _QUIET]
"""The only rules with an opinion at a quiet gap (see `is_quiet`): asked alone there, for speed."""


def is_quiet(a: Line, b: Line) -> bool:
    """Nothing at this gap but a sentence going on or a title line: line a neither ends a sentence
    nor a lead-in (：) nor stands alone, and line b opens nothing (heading, item, standalone line,
    closing punctuation). Most gaps of a wrapped report are quiet."""
    return not (
        a.ends
        or a.standalone
        or a.text[-1] in "：:"
        or b.opens
        or b.standalone
        or b.item
        or b.leadin
        or b.text[0] in CLOSING_PUNCT
    )


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
    # A kicker and its subtitle wrapped over one more line: take the rest as a plain tail.
    last = nxt - 1
    if (
        nxt < len(lines)
        and not layout.is_short(last)
        and not lines[last].blank_after
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
        if layout.is_short(j - 1) and (line.blank_after or (not layout.blank_every_line and lines[j].item)):
            rule = "numbered heading on a short line"
            break
        nxt = lines[j]
        if nxt.opens or nxt.item:
            rule = "numbered heading before a heading or an item"
            break
        cut2 = first_sentence_end(nxt.text)
        if cut2 is None:
            end = _plain_tail_end(lines, j, layout)
            if end is None:
                rule = "numbered heading, next line is body"
                break
            segs.extend((ln.no, ln.text) for ln in lines[j:end])
            j = end
            rule = "numbered heading wrapped"
            break
        full = not layout.is_short(j - 1)
        # The next line is nothing but a short sentence that ends the paragraph: the heading's rest.
        whole_line = (
            full
            and cut2 == len(nxt.text)
            and (layout.is_short(j) or (nxt.blank_after and not layout.blank_every_line) or j + 1 >= len(lines))
        )
        if whole_line or hd.looks_like_tail(
            nxt.text[:cut2], "".join(t for _, t in segs), full=full, run_in_siblings=run_in_siblings
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


def _plain_tail_end(lines: list[Line], j: int, layout: Layout) -> int | None:
    """Lines j.. with no sentence end that close within three lines at a short line or a blank:
    the wrapped rest of a heading. Returns the index after them, or None."""
    for m in range(j, min(j + int(T["tail_lines"]), len(lines))):
        line = lines[m]
        if line.has_end or line.opens or line.item:
            return None
        if layout.is_short(m) or line.blank_after or m + 1 >= len(lines):
            return m + 1
    return None


# -- the whole file ---------------------------------------------------------------------------


def reflow(lines: list[Line], trace: list[str] | None = None) -> list[Block]:
    """Blocks of the file. With `trace`, every gap and heading decision is appended to it as
    `line A|B  break|join  rule  …end of A|start of B…` or `line A  heading N  rule  title`."""
    layout = Layout(lines)
    blocks: list[Block] = []
    run_in: dict[int, bool] = {}
    i, n = 0, len(lines)
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
        para.segments.append((line.no, line.text))
        if i + 1 >= n or _ends_dateline(para, line) or _gap(lines, i, i + 1, layout, False, trace):
            blocks.append(para)
            para = None
        i += 1
    if para is not None and para.segments:
        blocks.append(para)
    _mark_titles_and_notes(blocks, trace)
    return blocks


def _mark_titles_and_notes(blocks: list[Block], trace: list[str] | None) -> None:
    """Title-block lines (a report title, dateline, byline, banner; a short line without a sentence
    before the body starts) become "title" blocks; end notes (［1］…) "note" blocks."""
    body_started = False
    for block in blocks:
        if block.kind == "heading":
            body_started = True
            continue
        first = block.segments[0][1]
        text = block.text if len(block.segments) <= 2 else first
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
    verdict, rule = decide_gap(Gap(lines[i], lines[j], i, j, layout, after_heading))
    if trace is not None:
        a, b = lines[i].text, lines[j].text
        trace.append(f"line {lines[i].no}|{lines[j].no}  {'break' if verdict else 'join '}  {rule}  …{a[-8:]}|{b[:8]}…")
    return verdict


def _ends_dateline(para: Block, line: Line) -> bool:
    """A dateline (——2025年2月26日在…会议上) wrapped over lines ends at its 会议上."""
    return para.segments[0][1].startswith(("——", "－－")) and line.text.endswith(("会议上", "大会上"))
