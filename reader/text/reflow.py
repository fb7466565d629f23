"""Reflow: cleaned, hard-wrapped lines → paragraphs and headings (blocks), each with its raw lines.

How the newspaper layouts are read:
- Wrap width differs per file (~17–22 characters) and per region (a wide sidebar); a line is
  "full" when it reaches the width measured around it (see `Layout`), "short" otherwise.
- A line ending without 。！？ continues on the next line, across blank lines (column and page
  breaks fall mid-sentence). A short line ending a sentence ends its paragraph. A full line ending a
  sentence ends its paragraph only if a blank line follows (in files that use blank lines between
  paragraphs; files with a blank line after every line carry no information in them).
- Files with one paragraph per line (lines far wider than a column) break after every sentence end.
- Headings: numbered parts and sections (一、/（一）) at a paragraph start, wrapped over up to three
  lines, or run into the paragraph and ending with 。 (the rest of the line starts the paragraph);
  unnumbered part headings (2024年工作回顾); a feature's kicker line ending in ——— with its subtitle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from reader.text import headings as hd
from reader.text.chars import SENTENCE_END, ends_sentence, width

_CONTINUES = "，、；：,;:（《“‘([—－-"
_LEADING_ASCII = re.compile(r"[0-9A-Za-z.%+\-/]*")
_ANY_END = re.compile(f"[{SENTENCE_END}]")
_ANY_PUNCT = re.compile(r"[，、；：,;:（）()“”]")
_NUMBERED_FIRST = set("（(一二三四五六七八九十")
_NEVER_FIRST = set("，。、；：？！）》」』】”’,;:?!)")
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

    def __post_init__(self) -> None:
        text = self.text
        self.ends = ends_sentence(text)
        self.has_end = bool(_ANY_END.search(text))
        self.opens = opens_heading(text)
        self.standalone = (
            len(text) <= 60
            and (
                text[0] in _STANDALONE_FIRST
                or text.endswith(("图片", "照片", "摄"))
                or (len(text) <= 24 and not self.has_end)
            )
            and bool(hd.STANDALONE_RE.search(text))
        )


def opens_heading(text: str) -> bool:
    if text[0] in _NUMBERED_FIRST and hd.numbered_level(text):
        return True
    if len(text) <= 20 and hd.is_unnumbered_part(text):
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
        self.column = widths[int(len(widths) * 0.75)] if widths else 0
        self.paragraph_per_line = median(widths) > 100
        followed = sum(1 for ln in lines[:-1] if ln.blank_after)
        self.blank_every_line = len(lines) > 4 and followed >= 0.75 * (len(lines) - 1)
        indented = [k for k, ln in enumerate(lines) if ln.indent]
        after_end = sum(1 for k in indented if k == 0 or lines[k - 1].ends)
        self.indents_paragraphs = (
            len(indented) >= max(3, 0.03 * len(lines))
            and len(indented) < 0.7 * len(lines)
            and after_end >= 0.8 * len(indented)
        )
        """Paragraphs start with an indent (most lines are not indented, and indented lines follow
        sentence ends): an indent after a sentence end starts a paragraph even after a full line."""

    def local_width(self, i: int) -> int:
        near = max(ln.width for ln in self.lines[max(0, i - 2) : i + 3])
        return near if near > 1.25 * self.column else self.column

    def is_short(self, i: int) -> bool:
        """Shorter than the column by more than justification explains. A number or Latin word is
        never split, so a line before one may fall short by that run's width (slack)."""
        w = self.local_width(i)
        nxt = self.lines[i + 1].text if i + 1 < len(self.lines) else ""
        slack = len(_LEADING_ASCII.match(nxt).group(0))
        return self.lines[i].width < w - max(4, 0.12 * w) - slack

    def is_very_short(self, i: int) -> bool:
        return self.lines[i].width < 0.6 * self.local_width(i)


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


def reflow(lines: list[Line]) -> list[Block]:
    return _Reflower(lines).run()


class _Reflower:
    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.layout = Layout(lines)
        self.blocks: list[Block] = []
        self._run_in: dict[int, bool] = {}
        """Per level: did the previous heading of that level (in this part) end with 。?"""

    def run(self) -> list[Block]:
        i, n = 0, len(self.lines)
        para: Block | None = None
        while i < n:
            line = self.lines[i]
            if para is None:
                taken = self._heading_at(i)
                if taken is not None:
                    i, rest = taken
                    if rest is not None:
                        para = Block("text", segments=[rest])
                        if self._ends_paragraph(i - 1, i):
                            self.blocks.append(para)
                            para = None
                    continue
                para = Block("text")
            para.segments.append((line.no, line.text))
            if i + 1 >= n or self._ends_paragraph(i, i + 1) or _ends_dateline(para, line):
                self.blocks.append(para)
                para = None
            i += 1
        if para is not None and para.segments:
            self.blocks.append(para)
        return self.blocks

    # -- paragraph breaks -------------------------------------------------------------------
    def _ends_paragraph(self, i: int, j: int) -> bool:
        """Does a paragraph end between line i and line j (the next non-blank line)?"""
        if j >= len(self.lines):
            return True
        a, b = self.lines[i], self.lines[j]
        lay = self.layout
        if b.text[0] in _NEVER_FIRST:
            return False  # a line opening with ，。） continues whatever came before
        if self._starts_heading(i, j):
            return True
        if a.standalone:
            return True
        if a.ends:
            if lay.indents_paragraphs and b.indent:
                return True
            if lay.paragraph_per_line or lay.is_short(i):
                return True
            return b.blank_before and not lay.blank_every_line
        if a.text[-1] in _CONTINUES:
            return False
        # A short line with no sentence in it, standing alone: a title, byline, caption or credit.
        return not a.has_end and (a.blank_after or lay.paragraph_per_line) and lay.is_very_short(i)

    def _starts_heading(self, i: int, j: int) -> bool:
        """Line j opens a heading whatever line i says (a kicker, or a numbered heading after a
        sentence end, a colon or a heading)."""
        a, b = self.lines[i], self.lines[j]
        if not (b.opens or b.standalone):
            return False
        if b.standalone:
            return a.ends or a.standalone
        if hd.is_kicker(b.text):
            return True
        # 2025年政府工作报告 / 一、…: a short line with no punctuation at all is a title
        title_like = not a.has_end and not _ANY_PUNCT.search(a.text) and self.layout.is_very_short(i)
        return a.ends or a.text[-1] in "：:" or title_like or self._is_heading_line(i)

    def _is_heading_line(self, i: int) -> bool:
        no = self.lines[i].no
        return bool(self.blocks) and self.blocks[-1].kind == "heading" and self.blocks[-1].segments[-1][0] == no

    # -- headings -----------------------------------------------------------------------------
    def _heading_at(self, i: int) -> tuple[int, tuple[int, str] | None] | None:
        """If a heading starts at line i (a paragraph start), append it and return (next line index,
        rest of the last line that starts the next paragraph, or None)."""
        text = self.lines[i].text
        if hd.is_kicker(text):
            segs = [(self.lines[i].no, text)]
            nxt = i + 1
            subtitle_next = bool(hd.KICKER_RE.search(text))
            if subtitle_next and nxt < len(self.lines) and not self.lines[nxt].has_end:
                segs.append((self.lines[nxt].no, self.lines[nxt].text))
                nxt += 1
            # A kicker and its subtitle wrapped over one more line: take the rest as a plain tail.
            last = nxt - 1
            if (
                nxt < len(self.lines)
                and not self.layout.is_short(last)
                and not self.lines[last].blank_after
                and (end := self._plain_tail_end(nxt)) is not None
                and end - nxt == 1
            ):
                segs.append((self.lines[nxt].no, self.lines[nxt].text))
                nxt = end
            self.blocks.append(Block("heading", 1, segs))
            self._note_style(1, text)
            return nxt, None
        if hd.TITLE_RE.match(text):
            return None
        if hd.is_unnumbered_part(text) and self._stands_alone(i):
            self.blocks.append(Block("heading", 1, [(self.lines[i].no, text)]))
            self._note_style(1, text)
            return i + 1, None
        level = hd.numbered_level(text)
        if not level or "；" in text or ";" in text:
            return None  # （一）加强领导；（二）… is an enumeration, not a heading
        return self._numbered_heading(i, level)

    def _stands_alone(self, i: int) -> bool:
        """An unnumbered part heading is a line of its own: a blank line (or the end) after it, and
        the line before it (if any) ends a sentence."""
        after = i + 1 >= len(self.lines) or self.lines[i].blank_after or self.layout.paragraph_per_line
        before = i == 0 or ends_sentence(self.lines[i - 1].text) or self._is_heading_line(i - 1)
        return after and before

    def _numbered_heading(self, i: int, level: int) -> tuple[int, tuple[int, str] | None] | None:
        lines, lay = self.lines, self.layout
        segs: list[tuple[int, str]] = []
        rest: tuple[int, str] | None = None
        j = i
        while True:
            line = lines[j]
            cut = _first_sentence_end(line.text)
            if cut is not None and cut < len(line.text):
                segs.append((line.no, line.text[:cut]))
                rest = (line.no, line.text[cut:])
                j += 1
                break
            segs.append((line.no, line.text))
            j += 1
            if cut is not None or j >= len(lines):
                break
            if line.text[-1] in "，、；,;":
                continue  # the heading goes on, whatever the next line looks like
            if lay.is_short(j - 1) and line.blank_after:
                break
            nxt = lines[j]
            if nxt.opens:
                break
            cut2 = _first_sentence_end(nxt.text)
            if cut2 is None:
                end = self._plain_tail_end(j)
                if end is None:
                    break
                segs.extend((ln.no, ln.text) for ln in lines[j:end])
                j = end
                break
            full = not lay.is_short(j - 1)
            # The next line is nothing but a short sentence that ends the paragraph: the heading's rest.
            whole_line = full and cut2 == len(nxt.text) and (lay.is_short(j) or nxt.blank_after or j + 1 >= len(lines))
            if whole_line or hd.looks_like_tail(
                nxt.text[:cut2], "".join(t for _, t in segs), full=full, run_in_siblings=self._run_in.get(level, False)
            ):
                segs.append((nxt.no, nxt.text[:cut2]))
                if cut2 < len(nxt.text):
                    rest = (nxt.no, nxt.text[cut2:])
                j += 1
            break
        title = join_segments([t for _, t in segs])
        if len(title) > hd.MAX_HEADING_CHARS:
            return None
        self.blocks.append(Block("heading", level, segs))
        self._note_style(level, title)
        return j, rest

    def _note_style(self, level: int, title: str) -> None:
        """Remember whether this heading ran in (ended with 。); a new part forgets its sections."""
        self._run_in = {k: v for k, v in self._run_in.items() if k < level}
        self._run_in[level] = title.endswith("。")

    def _plain_tail_end(self, j: int) -> int | None:
        """Lines j.. with no sentence end that close within three lines at a short line or a blank:
        the wrapped rest of a heading (Shuozhou). Returns the index after them, or None."""
        for m in range(j, min(j + 3, len(self.lines))):
            line = self.lines[m]
            if line.has_end or line.opens:
                return None
            if self.layout.is_short(m) or line.blank_after or m + 1 >= len(self.lines):
                return m + 1
        return None


def _ends_dateline(para: Block, line: Line) -> bool:
    """A dateline (——2025年2月26日在…会议上) wrapped over lines ends at its 会议上."""
    return para.segments[0][1].startswith(("——", "－－")) and line.text.endswith(("会议上", "大会上"))


def _first_sentence_end(text: str) -> int | None:
    """Index just after the first sentence end (with its closing quotes/brackets), or None."""
    for k, ch in enumerate(text):
        if ch in SENTENCE_END:
            k += 1
            while k < len(text) and text[k] in "”’）》」』】)":
                k += 1
            return k
    return None
