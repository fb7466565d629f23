"""Per-sentence context for the rules and the model: which part of the report, the problem paragraph,
lead-ins (the outline's level-3 entries), heading shape, position in the paragraph.

Built from the pipeline's `Document` (`contexts(doc)`); the rules only read `Context`, so they can be
tested on hand-made contexts. Everything here is plain Python (no jieba, no sklearn).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.text.model import Document

# Half-width punctuation that some reports use in Chinese text, mapped to the full-width forms the
# rules are written with.
_PUNCT = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"})
_WS = re.compile(r"\s+")
_TO_NORMALIZE = re.compile("[\\s" + re.escape("".join(map(chr, _PUNCT))) + "]")


def normalize(text: str) -> str:
    """Whitespace removed and punctuation made full-width: the form every rule matches against."""
    if not _TO_NORMALIZE.search(text):  # most sentences: a search is ×10 cheaper than the translation
        return text
    return _WS.sub("", text).translate(_PUNCT)


# Part titles: the review of the past period vs the plan for the coming one.
_REVIEW_TITLE = re.compile(r"回顾|过去(一|五|的)|一年来|五年来|主要工作|工作总结")
_PLAN_TITLE = re.compile(
    r"安排|任务|重点工作|打算|预期目标|主要目标|总体要求|政策取向|今后|计划|建议|展望|部署|目标任务|工作思路"
)


def classify_part_title(title: str) -> str:
    """'review', 'plan' or '' for a part (level-1) heading's title."""
    t = normalize(title)
    if _REVIEW_TITLE.search(t):
        return "review"
    if _PLAN_TITLE.search(t):
        return "plan"
    return ""


# The problem paragraph: its opener, and the resolve that closes it.
PROBLEM_OPENER = re.compile(
    r"(在(肯定|总结|看到)(成绩|成就)的同时|清醒(地)?(认识|看到)|同时(也)?(要|必须|应当)?(清醒)?(地)?看到"
    r"|我们也(要)?(清醒)?(地)?(看到|认识到)|存在(的)?(一些|不少)?(问题|困难)和不足|工作中(还)?存在)"
)
PROBLEM_CLOSER = re.compile(
    r"^(我们(一定|将|要|必须|务必|决心)|对此|对这些问题|针对这些问题|这些问题)|决不辜负|绝不辜负|加以解决|认真解决|切实解决"
)


@dataclass(frozen=True, slots=True)
class Context:
    """What the rules and the model know about one sentence."""

    text: str
    """The sentence, normalized (see `normalize`)."""
    kind: str = "sentence"
    """'heading' for part/section headings, else 'sentence'."""
    part: str = ""
    """'review', 'plan' or '' (unknown: no part heading, e.g. a news feature)."""
    section: tuple[str, ...] = ()
    in_problems: bool = False
    """Inside the problem paragraph, after its opener."""
    lead: bool = False
    """A lead-in: a level-3 entry of the document's outline (持续扩大有效投资。 opening its paragraph)."""
    shaped: bool = False
    """Heading-shaped (`heading_shaped`) but not a lead-in: not the last of its paragraph, not right
    after a lead-in. Apart from `lead`, so a model that learns about lead-ins (a user's convention)
    learns nothing about these from them."""
    para_first: bool = False
    para_last: bool = False
    position: float = 0.0
    """Index of the sentence in the document / number of sentences (0–1)."""


_SHAPE_MAX = 16  # characters (without the final 。) of a heading-shaped sentence without a comma
_SHAPE_MAX_COMMA = 24  # … with one comma: two parallel phrases (坚持惠企利民，提振大宗消费。)
# A sentence that opens with a modal, a subject or a connective is a statement (要加快各项资金下达拨付，
# 尽快形成实际支出。), and a figure makes it a goal.
_NOT_SHAPE = re.compile(
    r"^(要|将|需|须|应|必须|我们|各级|各地|各部门|今年|明年|去年|全年|同时|此外|其中|这|对于|为了|通过|按照|根据|如果|只有|只要|并|还|也)"
    r"|\d"
)


def heading_shaped(text: str) -> bool:
    """A short sentence with the shape of a heading (持续扩大有效投资。 / 坚持惠企利民，提振大宗消费。).

    Only a model feature: whether a sentence *is* a lead-in is the outline's decision (level-3
    entries, `reader.text.outline`). The shape lets the model learn what the outline does not mark,
    such as the plan part's sub-lead-ins inside a paragraph (夯实出口基本盘。).
    """
    t = text.rstrip("。！")
    if not t or t == text or re.search(r"[；：？]", t) or _NOT_SHAPE.search(t):
        return False
    commas = t.count("，")
    if commas == 0:
        return len(t) <= _SHAPE_MAX
    return commas == 1 and len(t) <= _SHAPE_MAX_COMMA


def _parts(doc: Document) -> dict[str, str]:
    """Each part heading's part. A report reviews first and plans after: once a part is the plan, a
    later part whose title names neither (三、突出抓好八个方面工作, 四、加强政府自身建设) is the plan too."""
    out: dict[str, str] = {}
    seen_plan = False
    for h in doc.outline:
        if h.level == 1:
            part = classify_part_title(h.title) or ("plan" if seen_plan else "")
            seen_plan = seen_plan or part == "plan"
            out[h.title] = part
    return out


def _states(doc: Document, sentences) -> Iterator[tuple[str, str, bool]]:
    """(normalized text, part, inside the problem paragraph after its opener) of each of `sentences`
    (the document's, or a selection of them in order): the one walk that tells parts and problems."""
    part_of_title = _parts(doc)
    # A report page that starts inside the review has no part heading there: take the part before
    # the first plan heading to be the review.
    first_part = next((part_of_title[h.title] for h in doc.outline if h.level == 1), "")
    before_first = "review" if first_part == "plan" else ""
    in_problems = False
    problem_para = -1
    for s in sentences:
        text = normalize(s.text)
        part = before_first
        for title in s.section:
            if title in part_of_title:
                part = part_of_title[title] or part
                break
        # problem paragraph state
        opener = s.kind != "heading" and PROBLEM_OPENER.search(text) is not None
        if s.kind == "heading":
            in_problems = False
        elif opener and part != "plan":
            in_problems = True
            problem_para = s.paragraph
        elif (
            in_problems
            and s.paragraph != problem_para
            and not (_continues_problems(text) or PROBLEM_CLOSER.search(text))
        ):
            in_problems = False
        elif in_problems and s.paragraph != problem_para:
            problem_para = s.paragraph
        yield text, part, in_problems and not opener
        if in_problems and not opener and PROBLEM_CLOSER.search(text):
            in_problems = False


def part_states(doc: Document, sentences=None) -> list[tuple[str, bool]]:
    """(part, in the problem paragraph) of each sentence (of `sentences`, a selection of the document's
    in order, when given), as `contexts` tells them, without the rest of a `Context`."""
    return [(part, problems) for _, part, problems in _states(doc, doc.sentences if sentences is None else sentences)]


def contexts(doc: Document) -> list[Context]:
    """One `Context` per sentence of `doc`, in order."""
    sents = doc.sentences
    n = len(sents)
    lead_starts = {h.start for h in doc.outline if h.level == 3}
    para_sizes: dict[int, int] = {}
    for s in sents:
        para_sizes[s.paragraph] = para_sizes.get(s.paragraph, 0) + 1

    out: list[Context] = []
    prev_para = None
    para_pos = 0
    for i, (s, (text, part, in_problems)) in enumerate(zip(sents, _states(doc, sents), strict=True)):
        if s.paragraph != prev_para:
            para_pos = 0
            prev_para = s.paragraph
        else:
            para_pos += 1
        first = para_pos == 0
        last = para_pos == para_sizes[s.paragraph] - 1
        lead = s.kind == "sentence" and s.start in lead_starts
        # A heading is not followed by another at once: a short sentence right after a lead-in in its
        # paragraph is the lead-in's first task.
        after_lead = not first and bool(out) and (out[-1].lead or out[-1].shaped)
        shaped = s.kind == "sentence" and not lead and heading_shaped(text) and not last and not after_lead
        out.append(
            Context(
                text=text,
                kind=s.kind,
                part=part,
                section=tuple(s.section),
                in_problems=in_problems,
                lead=lead,
                shaped=shaped,
                para_first=first,
                para_last=last,
                position=i / max(n, 1),
            )
        )
    return out


_PROBLEM_WORDS = re.compile(
    r"仍然|依然|仍|尚未|还不|不够|不足|不强|较弱|短板|弱项|薄弱|困难|压力|风险隐患|难度|欠账|滞后|不高|有待|亟待|瓶颈|制约"
)


def _continues_problems(text: str) -> bool:
    return bool(_PROBLEM_WORDS.search(text)) and not PROBLEM_CLOSER.search(text)
