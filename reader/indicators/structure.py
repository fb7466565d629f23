"""What a report's structure says about its figures: the year it plans for, the place it governs, its
main targets paragraph, and whether a sentence states a target or an outcome.

The part of the report (review of last year vs plan for this year) and the problem paragraph come
from `reader.suggest.context` (read-only): one rule for "which part is this sentence in" across
the product.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from reader.indicators import vocab

if TYPE_CHECKING:
    from reader.text.model import Document

_PLAN_YEAR = re.compile(r"(20\d\d)年(?:的)?(?:工作)?(?:安排|重点工作|主要任务|工作任务|目标任务|政府工作任务)")
_REVIEW_YEAR = re.compile(r"(20\d\d)年(?:的)?(?:工作)?回顾")
_TARGETS_YEAR = re.compile(r"(20\d\d)年(?:全市|全省|全区|全县)?(?:经济社会)?(?:发展的?)?主要(?:预期)?目标")
_DATELINE = re.compile(r"(20\d\d)年\d{1,2}月\d{1,2}日(?:在|，在)")
_ID_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_PLACE = re.compile(
    r"在([\u4e00-\u9fff]{1,10}?(?:省|市|自治区|自治州|州|县|区|盟))第[\u4e00-\u9fff\d]{1,4}届人民代表大会"
)
_GOVERNMENT = re.compile(r"(?<!代)((?:(?!代表)[\u4e00-\u9fff]){2,10}?(?:省|市|自治区|县|区))人民政府")
"""A government's name (忻州市人民政府), not the speaker's formula that names none (我代表市人民政府)."""
_PLACE_REACH = 1 + 10 + 3 + 1 + 4 + 1
"""The most characters `_PLACE` matches before 人民代表大会: 在, the name, the longest suffix, 第, the number, 届."""
_GOVERNMENT_REACH = 10 + 3
"""The most characters `_GOVERNMENT` matches before 人民政府."""
_FIVE_YEARS = re.compile(r"五年|十三五|十四五|十五五")


def report_year(doc: Document) -> int | None:
    """The year the report plans for (its own year): from the plan part's title (2025年工作安排),
    the review's (2024年工作回顾 → 2025), the targets paragraph, the dateline, else the file name."""
    for h in doc.outline:
        if h.level == 1 and (m := _PLAN_YEAR.search(h.title)):
            return int(m.group(1))
    for h in doc.outline:
        if h.level == 1 and (m := _REVIEW_YEAR.search(h.title)):
            return int(m.group(1)) + 1
    if m := _TARGETS_YEAR.search(doc.text):
        return int(m.group(1))
    if m := _DATELINE.search(doc.text[:3000]):
        return int(m.group(1))
    if m := _ID_YEAR.search(doc.id):
        return int(m.group(1))
    return None


def report_place(doc: Document) -> str:
    """The place the report is for (忻州市), from the title block; else the file name without its
    year (`xinzhou-2025` → `xinzhou`), so that one place's reports of several years pair up."""
    head = doc.text[:3000]
    # Each pattern is searched from a little before the first place its fixed words could end it
    # (the same leftmost match: no match starts earlier), not from every character of the head.
    if (at := head.find("人民代表大会")) >= 0 and (m := _PLACE.search(head, max(0, at - _PLACE_REACH))):
        return m.group(1)
    if (at := head.find("人民政府")) >= 0 and (m := _GOVERNMENT.search(head, max(0, at - _GOVERNMENT_REACH))):
        return m.group(1)
    return _ID_YEAR.sub("", doc.id).strip("-_ .") or doc.id


@dataclass(frozen=True, slots=True)
class Headline:
    """The main targets paragraph: the items start after the marker (主要预期目标是：)."""

    start: int
    end: int
    sentences: frozenset[int]
    """Indexes of the sentences that list the targets."""


def _marked_paragraphs(doc: Document) -> list:
    """The paragraphs that hold a targets marker (most reports have one or two): one search of the
    whole text instead of one per paragraph (a marker never runs across a line break)."""
    starts = [m.start() for m in vocab.HEADLINE_MARKER.finditer(doc.text)]
    if not starts:
        return []
    from bisect import bisect_right

    firsts = [p.start for p in doc.paragraphs]
    marked = sorted({bisect_right(firsts, at) - 1 for at in starts} - {-1})
    return [doc.paragraphs[i] for i in marked]


def _headline_marker(text: str, start: int, end: int) -> re.Match | None:
    """The first marker of the year's targets in text[start:end] (not a plan period's goals)."""
    for m in vocab.HEADLINE_MARKER.finditer(text, start, end):
        sentence_start = max(text.rfind(ch, start, m.start()) for ch in "。！？") + 1
        if not vocab.LONG_TERM.search(text, max(sentence_start, start), m.start()):
            return m
    return None


def long_term_spans(doc: Document) -> list[tuple[int, int]]:
    """Where the goals of a plan period are set (今后五年的主要目标是：… up to the end of the paragraph
    or the next targets marker): their figures are for no single year unless they name one."""
    out = []
    for p in _marked_paragraphs(doc):
        markers = list(vocab.HEADLINE_MARKER.finditer(doc.text, p.start, p.end))
        for k, m in enumerate(markers):
            sentence_start = max(doc.text.rfind(ch, p.start, m.start()) for ch in "。！？") + 1
            if vocab.LONG_TERM.search(doc.text, max(sentence_start, p.start), m.start()):
                end = markers[k + 1].start() if k + 1 < len(markers) else p.end
                out.append((m.start(), end))
    return out


def find_headline(doc: Document) -> Headline | None:
    """The report's main targets paragraph, or None. Items run from the marker to the end of the
    paragraph (or, when the marker ends its paragraph, through the item paragraphs after it), and
    stop at a sentence that explains the targets instead of listing them."""
    marked = _marked_paragraphs(doc)
    if not marked:
        return None
    by_paragraph: dict[int, list] = {}
    for s in doc.sentences:
        by_paragraph.setdefault(s.paragraph, []).append(s)
    for p in marked:
        if p.kind != "text":
            continue
        m = _headline_marker(doc.text, p.start, p.end)
        if not m:
            continue
        start = m.end()
        chosen: list[int] = []
        paragraphs = [p.index]
        if not doc.text[start : p.end].strip():  # the items are the next paragraphs
            paragraphs = [q.index for q in doc.paragraphs[p.index + 1 : p.index + 16]]
        end = start
        for index in paragraphs:
            if doc.paragraphs[index].kind != "text":
                break
            stop = False
            for s in by_paragraph.get(index, []):
                if s.end <= start:
                    continue
                opens = s.start < start  # the sentence holding the marker
                if not opens and (vocab.HEADLINE_END.search(s.text.strip()) or s.text.rstrip().endswith(("：", ":"))):
                    stop = True
                    break
                chosen.append(s.index)
                end = s.end
            if stop:
                break
        if chosen:
            return Headline(start, end, frozenset(chosen))
    return None


_REVIEW_FUTURE = re.compile(r"^(?:今年|明年)|力争|计划(?!单列)|到20\d\d年")
_UNKNOWN_TARGET = re.compile(r"左右|以上|以内|力争|确保|目标|今年|明年|到20\d\d年|将")


def sentence_kind(part: str, text: str) -> str:
    """'target' or 'outcome' for a sentence of the given part ('review', 'plan' or '' unknown),
    from the part first and the sentence's own words second."""
    t = text.strip()
    if part == "plan":
        return "outcome" if vocab.PAST_START.search(t) else "target"
    if part == "review":
        return "target" if _REVIEW_FUTURE.search(t) else "outcome"
    return "target" if _UNKNOWN_TARGET.search(t) else "outcome"


_EXPLICIT_YEAR = re.compile(r"(?:^|到|至)(20\d\d)年(?:底|末|前)?")
_OPENING_YEAR = re.compile(r"\s*(20\d\d)年[，,]")
"""A paragraph that opens with a year (2022年，面对…) reviews that year: its outcomes are of it."""


def paragraph_year(text: str, start: int) -> int | None:
    """The year a paragraph starting at `start` opens with (2022年，…), or None."""
    m = _OPENING_YEAR.match(text, start)
    return int(m.group(1)) if m else None


_YEAR_IN_CLAUSE = re.compile(r"(20\d\d)年(?:底|末|前)?")


def figure_year(
    kind: str,
    report: int | None,
    section: tuple[str, ...],
    sentence: str,
    before: str,
    long_term: bool = False,
    opening: int | None = None,
) -> int | None:
    """The year a figure is for: a year written before it in its clause (到2027年, 力争2027年突破…)
    or opening its sentence (2024年，…), for an outcome the year its paragraph opens with (`opening`:
    a year's paragraph inside a five-year review), else the report's year for a target and the year
    before for an outcome (None in a five-year review)."""
    years = [int(y) for y in _YEAR_IN_CLAUSE.findall(before)] if "年" in before else []
    if not years and "年" in sentence and (m := _EXPLICIT_YEAR.match(sentence.strip())):
        years = [int(m.group(1))]
    if years:
        return years[-1]
    if opening is not None and kind == "outcome":
        return opening
    if report is None or long_term:
        return None
    if kind == "target":
        return report
    if _five_years(section):
        return None
    return report - 1


@lru_cache(maxsize=256)  # asked for every figure: a report has a few dozen sections
def _five_years(section: tuple[str, ...]) -> bool:
    """Whether a section is (under) a review of five years or of a five-year plan."""
    return any(_FIVE_YEARS.search(title) for title in section)
