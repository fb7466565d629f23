"""Outline: the document's headings (parts, sections) and lead-ins, and each position's section path.

An entry's scope runs from its start to the next entry of the same or a higher level, so the
section path of any offset is the chain of entries whose scope contains it, top down.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from reader.text.chars import content_key
from reader.text.headings import (
    ENUM_LEADIN_RE,
    MID_LEADIN_CHARS,
    emphasised_leadin,
    leadin_title,
    mid_leadin,
    paired_leadin,
)
from reader.text.model import Heading, Paragraph

_MID_MAX = MID_LEADIN_CHARS[1] + 1  # the 。 included


def build_outline(
    text: str,
    paragraphs: list[Paragraph],
    sentences: dict[int, list[tuple[int, int]]],
    line_at: Callable[[int], int],
    emphasised: frozenset[str] = frozenset(),
) -> tuple[list[Heading], list[int]]:
    """Outline entries in document order, and where each one's scope ends. `sentences` maps a
    body paragraph's index to the spans of its sentences; `line_at(offset)` gives the raw line
    of an offset. A lead-in (a paragraph's short opening sentence, or a topic sentence inside it)
    runs to the next lead-in of its paragraph or the paragraph's end; a heading runs to the next
    heading of the same or a higher level. A sentence whose content key is in `emphasised` (a PDF
    printed it in bold inside its paragraph) is a lead-in where its form allows one."""
    entries: list[tuple[int, str, int, int, int]] = []  # level, title, start, end, scope end
    # Lead-ins are the third level of a report's structure: in a text without numbered sections
    # (a news feature), a short opening sentence is just a topic sentence.
    has_sections = any(p.kind == "heading" and p.level == 2 for p in paragraphs)
    leadin_level = 3  # one below the heading it is under (3 under a section; deeper in divided reports)
    paired = _paired_leadins(text, paragraphs, sentences) if has_sections else set()
    for p in paragraphs:
        if p.kind == "heading":
            entries.append((p.level, text[p.start : p.end], p.start, p.end, len(text)))
            leadin_level = max(3, p.level + 1)
        elif has_sections and p.index in sentences:
            found = _leadins(text, sentences[p.index], emphasised, opens_paired=p.index in paired)
            for n, (s, e) in enumerate(found):
                entries.append((leadin_level, text[s:e], s, e, found[n + 1][0] if n + 1 < len(found) else p.end))
    out: list[Heading] = []
    scopes: list[int] = []
    stack: list[tuple[int, str]] = []
    for level, title, start, end, scope_end in entries:
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, title))
        out.append(Heading(level, title, start, end, line_at(start), tuple(t for _, t in stack)))
        scopes.append(scope_end)
    return out, scopes


def _paired_leadins(text: str, paragraphs: list[Paragraph], sentences: dict[int, list[tuple[int, int]]]) -> set[int]:
    """The body paragraphs that open with a two-phrase lead-in (`paired_leadin`) next to another
    that does, with no heading between them: parallel lead-ins are set as a run."""
    runs: list[list[int]] = [[]]
    for p in paragraphs:
        spans = sentences.get(p.index)
        if p.kind != "text" or not spans:
            runs.append([])  # a heading (or anything else) ends a run
            continue
        s, e = spans[0]
        if len(spans) > 1 and paired_leadin(text[s:e]):
            runs[-1].append(p.index)
        else:
            runs.append([])
    return {k for run in runs if len(run) >= 2 for k in run}


def _leadins(
    text: str, spans: list[tuple[int, int]], emphasised: frozenset[str], *, opens_paired: bool = False
) -> list[tuple[int, int]]:
    """The spans of a body paragraph's sentences that are lead-ins: its opening sentence, topic
    sentences inside it, the siblings of an enumerated opening (一是…。 … 二是…。) and sentences the
    print set in bold; `opens_paired`: its opening sentence is one of a run of two-phrase lead-ins
    (`_paired_leadins`). None is the paragraph's last sentence: a lead-in has sentences to lead."""
    found = []
    enumerated = False  # the paragraph opens with an enumerated lead-in: its siblings follow inside it
    for k, (s, e) in enumerate(spans):
        sentence, more = text[s:e], k + 1 < len(spans)
        if k == 0:
            leads = opens_paired or leadin_title(sentence, has_more=more) is not None
            enumerated = leads and bool(ENUM_LEADIN_RE.match(sentence))
        else:
            leads = more and (
                (e - s <= _MID_MAX and mid_leadin(sentence))
                or (
                    enumerated
                    and bool(ENUM_LEADIN_RE.match(sentence))
                    and leadin_title(sentence, has_more=True) is not None
                )
            )
        if leads or (more and _printed_bold(sentence, emphasised)):
            found.append((s, e))
    return found


def _printed_bold(sentence: str, emphasised: frozenset[str]) -> bool:
    return bool(emphasised) and content_key(sentence) in emphasised and emphasised_leadin(sentence)


class SectionIndex:
    """Section path of any offset, by binary search over the outline's starts."""

    def __init__(self, outline: list[Heading], scopes: list[int]):
        self._starts = [h.start for h in outline]
        self._outline = outline
        self._scopes = scopes

    def path_at(self, offset: int) -> tuple[str, ...]:
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return ()
        path = self._outline[i].path
        if offset >= self._scopes[i]:  # past a lead-in's scope: back to its parent
            return path[:-1]
        return path
