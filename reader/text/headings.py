"""What a heading looks like in these reports: pure recognisers on text, used by reflow and outline.

Levels: 1 = part (一、…, 2024年工作回顾, a feature's kicker 发力有效需求———), 2 = numbered section
(（一）…, (一)…), 3 = lead-in (一是…, a paragraph's short opening sentence such as 持续扩大有效投资。).
"""

from __future__ import annotations

import re

from reader.text.chars import HAN, SENTENCE_END, ends_with_stop

_NUM = "一二三四五六七八九十"
PART_RE = re.compile(rf"^[{_NUM}]{{1,3}}[、．.](?![{_NUM}])")
# A report in a few large divisions (第一部分 过去五年工作回顾, as many 2018 reports are set): the
# divisions are its level 1, and its numbered parts (一、…) and sections (（一）…) move one level down.
DIVISION_RE = re.compile(rf"^第[{_NUM}]{{1,3}}部分")
SECTION_RE = re.compile(rf"^[（(][{_NUM}]{{1,3}}[）)]")
# What opens an enumeration item: 一是…, 第一，…, 其一，…, a third-level number (1.…, （1）…) or an
# item dash (——五年来，…; a dateline's dashes are followed by a date, not by words).
_ENUM = (
    rf"[{_NUM}]{{1,3}}是|第[{_NUM}]{{1,3}}[，,、]|其[{_NUM}][，,、]|[0-9]{{1,2}}[.．、](?![0-9])(?=[{HAN}“])"
    rf"|[（(][0-9]{{1,2}}[）)](?=[{HAN}“])|[—－]{{2,3}}(?=[{HAN}“])"
)
ENUM_LEADIN_RE = re.compile(rf"^(?:{_ENUM})")
# What opens an enumeration item or an end note (［1］…, 1.“四上”企业：…) at a line start.
ITEM_RE = re.compile(rf"^(?:{_ENUM}|[［\[][0-9]{{1,2}}[］\]]|[0-9]{{1,2}}[.．、](?![0-9])[^：:]{{1,16}}[：:])")
KICKER_RE = re.compile(r"[—－\-]{2,}$")
# The same kicker with its subtitle already on the line (as `reader text` prints it).
KICKER_JOINED_RE = re.compile(r"^[^，。！？,!?—]{2,14}—{3,}[^，。！？,!?—]{2,30}$")
# Part headings printed without a number: 2024年工作回顾, 2025年工作安排, 过去五年工作回顾 …
_PART_ENDINGS = ("工作回顾", "工作安排", "重点工作", "工作任务", "主要任务", "目标任务", "总体要求", "自身建设")
UNNUMBERED_PART_RE = re.compile(
    r"^(?:(?:19|20)\d{2}年|过去[一二三四五]年|今年|今后[一二三四五]年|“十[一二三四五六七]五”)?"
    rf"[^，。、；：！？,;:!?]{{0,10}}(?:{'|'.join(_PART_ENDINGS)})$"
)
# Lines that are the document's title or dateline rather than a part of its outline.
TITLE_RE = re.compile(r"^政府工作报告|^[—－]{2}")
# Lines that stand alone though they end without a full stop: dateline, banner, source credit.
# (Anchored as a whole, so that a search gives up after the line's start instead of trying every
# position; a line holds no newline.)
STANDALONE_RE = re.compile(
    r"^(?:各位代表[：:！!，,]?$|[—－]{2}.*(?:会议上|大会上)$|政府工作报告(?:[（(]摘要[）)])?$"
    rf"|[^\s，。、；：“”‘’（）《》,;:()]{{2,14}}(?:省长|市长|县长|区长|州长|盟长|主席|总理)\s?[{HAN}]{{2,4}}$"
    r"|【[^】]*】$|[（(]据[^）)]*[）)]$|.*(?:资料图片|资料照片|记者\S{2,8}摄)$"
    r"|(?:注释|注|附注|名词解释|名词注释)[：:]?$"
    r"|(?:附件|附表|附录)[0-9０-９一二三四五六七八九十]{0,2}[：:]?$"
    r"|专栏\s?[0-9０-９一二三四五六七八九十]{1,2}(?:\s?[^。！？；，]{0,30})?$)"
)
_STANDALONE_FIRST = frozenset("各—－政【（(注附名专")


def may_stand_alone(text: str) -> bool:
    """A quick test that `STANDALONE_RE` may match (keep the two in step): every form of it opens
    with one of a few characters, but a byline (…市长 王某) and a caption or credit (…资料图片,
    记者…摄), which end so. Most lines fail it at once; the pattern is slow to fail."""
    return text[0] in _STANDALONE_FIRST or text[-1] in "片摄" or "长" in text or "主席" in text or "总理" in text


# The first clause of the allowed "一年来，我们…" lead-ins of a review part.
REVIEW_LEADIN_RE = re.compile(r"^(?:一年来|过去一年|五年来|过去五年)[，,](?:我们|[市省县区州]政府)")
# The formulae with which these reports open a paragraph: addressing the delegates, the review's
# 一年来，我们…, the turn to problems, the thanks, the year's framing and its targets.
OPENER_RE = re.compile(
    r"^(?:各位代表[，,！!：:]|(?:一年来|过去一年|五年来|过去五年|这一年|这五年)[，,]|回顾(?:过去|一年来|五年来)"
    r"|(?:同时[，,])?我们(?:也|还|要)?(?:清醒|深刻|也清醒)?(?:地)?(?:看到|认识到)|在[^，,。]{2,12}的同时[，,]"
    r"|(?:这些|上述)成绩的取得|综合考虑|实现(?:上述|今年|以上)目标|做好今年的?(?:政府)?工作|重点(?:抓好|做好)以下"
    r"|(?:今年|明年|(?:19|20)\d{2}年)(?:是|[^，,。]{0,14}主要预期目标))"
)
_NOT_LEADIN_RE = re.compile(r"^(?:今年是|去年是|这是|这些|各位|我们|同时|此外|其中|在此)")
# Characters that cannot open a sentence but do continue a phrase: a line opening with one of
# them after a heading line is that heading's wrapped tail (在克难前行 / 中持续向好。).
BOUND_START = set("的得了着们")
# Characters a heading cannot end on (a preposition, a conjunction, a particle): a heading line ending
# on one was wrapped. (Not 新, 高, 向, 同: 创新, 提高, 导向, 协同 end many headings.)
NON_FINAL = set("的和与及在对把将为以从更不各并使让于之而由被给该每")
MAX_HEADING_CHARS = 60


def numbered_level(text: str) -> int:
    """1 for 一、… (and a division 第一部分…), 2 for （一）…, 0 otherwise."""
    if SECTION_RE.match(text):
        return 2
    if PART_RE.match(text) or (text[:1] == "第" and DIVISION_RE.match(text)):
        return 1
    return 0


PART_LAST_CHARS = frozenset(e[-1] for e in _PART_ENDINGS) | {"\n"}
"""The last character of an unnumbered part heading (see `is_unnumbered_part`)."""


JOINING_START = BOUND_START | set("和与及并暨")
"""…and these join what follows to what came before (和重点工作): no heading opens with one."""


def is_unnumbered_part(text: str) -> bool:
    # (the ending first: most lines are decided without the pattern; `$` also matches before a final newline)
    return (
        len(text) <= 20
        and text[:1] not in JOINING_START
        and (text.endswith(_PART_ENDINGS) or text.endswith("\n"))
        and bool(UNNUMBERED_PART_RE.match(text))
    )


def is_kicker(text: str) -> bool:
    """A feature's section kicker: a short line ending in a dash rule (发力有效需求———)."""
    if TITLE_RE.match(text):
        return False
    return (len(text) <= 24 and bool(KICKER_RE.search(text))) or bool(KICKER_JOINED_RE.match(text))


def looks_like_tail(fragment: str, heading: str, *, full: bool, run_in_siblings: bool = False) -> bool:
    """Is `fragment` (the next line up to its first 。) the rest of a wrapped `heading`, rather
    than a lead-in sentence of its own? `full`: the heading's line fills the column (else it
    was not wrapped and only the strongest cues count). `run_in_siblings`: the previous section of
    this part was a run-in heading ending with 。 (sections of one part share a style)."""
    body = fragment.rstrip(SENTENCE_END + ".”’）》」』】)")
    if not body:
        return True  # the line opens with the heading's own 。
    if any(c in body for c in "，,；;："):
        return False
    if body[0] in BOUND_START:
        return True
    # Lead-ins are phrases of six characters or more; a shorter rest is the heading's tail.
    if full and (len(body) <= 5 or heading[-1] in NON_FINAL or run_in_siblings):
        return True
    # An open locative frame (…在克难前行) wants its closing 中/上/里 from the next line.
    last_clause = re.split(r"[，,]", heading)[-1]
    opened = last_clause.rfind("在")
    return (
        opened >= 0
        and not any(c in last_clause[opened:] for c in _FRAME_CLOSERS)
        and any(c in body for c in _FRAME_CLOSERS)
    )


_FRAME_CLOSERS = "中上里下内"


# A topic sentence inside a paragraph (项目建设支撑有力。 营商环境持续优化。): a generic subject and an
# evaluation of how it went, no figures, no clause; an event (机场通航。) or an order (夯实出口基本盘。)
# is not one.
_EVALUATION_RE = re.compile(
    r"(?:更加|不断|持续|全面|进一步|加快|加速|扎实|稳步|深入|明显|有效|显著|蓬勃|优先|有力|提质|扩面|增效|升级"
    r"|壮大|布局|释放|优化|改善|巩固|见效|累累|向好|繁荣|稳定|步稳|增强|夯实|深化|加强|发展|推进|提升)"
)
_ORDER_START_RE = re.compile(
    r"^(?:做|建强|建设|建立|提升|提高|实现|实施|推动|推进|加快|加强|加大|强化|深化|扩大|培育|打好|打造|用好|抓|优化"
    r"|完善|健全|落实|坚持|突出|全面|持续|积极|大力|着力|稳定|守牢|构建|激发|促进|聚焦|办好|发挥|统筹|筑牢|巩固|防范"
    r"|保障|支持|引导|鼓励|严格|切实|多措并举|坚决|深入|精准|全力|不断|成功|启动|开工|完成|让|努力|夯实|挖掘|畅通|创建)"
)
_FIGURES_OR_CLAUSES = re.compile(r"[0-9０-９，,；;：:、（）()《》]")
MID_LEADIN_CHARS = (5, 14)
"""A topic sentence inside a paragraph has 5 to 14 characters before its 。: shorter is a fragment,
longer a statement of fact."""


def order_leadin(sentence: str) -> bool:
    """Is `sentence` (a short sentence without a clause) an order (做大项目牵引。 提高就业质量水平。)?
    A plan's orders open its paragraphs; the topic sentences strung inside a paragraph are
    evaluations of what happened (see `mid_leadin`)."""
    return bool(_ORDER_START_RE.match(sentence)) and not _FIGURES_OR_CLAUSES.search(sentence)


def mid_leadin(sentence: str) -> bool:
    """Is `sentence`, met inside a paragraph with more sentences after it, a topic sentence that opens
    a level-3 section (项目建设支撑有力。)?"""
    if not ends_with_stop(sentence):
        return False
    body = sentence[:-1]
    lo, hi = MID_LEADIN_CHARS
    return (
        lo <= len(body) <= hi
        and not _FIGURES_OR_CLAUSES.search(body)
        and not _ORDER_START_RE.match(body)
        and not _NOT_LEADIN_RE.match(body)
        and bool(_EVALUATION_RE.search(body, 2))
    )


# Lines of a title block: the report's title, its dateline, the speaker's byline, a page banner or
# a page section name. They stand alone and belong to no section of the body.
TITLE_LINE_RE = re.compile(
    r"^(?:\S{0,16}政府工作报告(?:[（(](?:摘要|全文)[）)]|全文\S{0,4})?[！!]?|[—－]{2}.*(?:会议上|大会上)"
    rf"|[^\s，。、；：“”‘’（）《》,;:()]{{2,14}}(?:省长|市长|县长|区长|州长|盟长|主席|总理)\s?[{HAN}]{{2,4}}"
    r"|【[^】]*】|[^，。；：！？,;:!?]{2,6}·[^，。；：！？,;:!?]{2,6})$"
)


ITEM_HEADING_RE = re.compile(
    rf"^(?:[0-9０-９]{{1,2}}[.．、](?![0-9０-９])|[（(][0-9０-９]{{1,2}}[）)])[{HAN}“][^。！？!?：:；;]{{1,38}}$"
)
"""A numbered item set as a heading of its own under a section (1.做强先进制造业, （1）工业提质增效):
the numbering's third level (一、 → （一） → 1. or （1）), no sentence in it."""
ITEM_HEADING_FIRST = frozenset("0123456789０１２３４５６７８９（(")
"""The first character of every `ITEM_HEADING_RE` match (most paragraphs are turned away by it)."""
NOTE_RE = re.compile(r"^(?:[［\[][0-9]{1,2}[］\]]|[0-9]{1,2}[.．、](?![0-9])[^：:，。]{1,16}[：:])")
"""An end note: ［1］一降三减：…, 1.“四上”企业：…"""
NOTES_HEAD_RE = re.compile(r"^(?:注释|注|附注|名词解释|名词注释)[：:]?$")
APPENDIX_RE = re.compile(
    r"^(?:附件|附表|附录)[0-9０-９一二三四五六七八九十]{0,2}(?:[：:]?$|[：:\s\u3000][^。！？!?]{2,40}$)"
)
"""The head of an appendix after the report's closing call (附件1, 附件：主要预期目标, 附表2 …): what
follows it (a table of targets, notes) belongs to no section of the body."""


def is_title_line(text: str) -> bool:
    return len(text) <= 40 and bool(TITLE_LINE_RE.match(text))


PAIRED_CLAUSE_CHARS = (4, 12)
"""Each phrase of a two-phrase lead-in (坚持创新驱动发展，加快发展现代产业体系。) has 4 to 12 characters."""


def paired_leadin(sentence: str) -> bool:
    """Is `sentence` (a paragraph's first sentence) two parallel orders joined by a comma, without
    figures (坚持创新驱动发展，加快发展现代产业体系。 形成强大国内市场，构建新发展格局。)? Such a sentence
    is a lead-in only where the paragraphs beside it open the same way (see outline.build_outline):
    alone it may be any sentence."""
    if not ends_with_stop(sentence) or sentence.count("，") != 1:
        return False
    body = sentence[:-1]
    if _FIGURES_OR_CLAUSES.search(body.replace("，", "")) or any(c in body for c in "“”"):
        return False
    lo, hi = PAIRED_CLAUSE_CHARS
    first, second = body.split("，")
    return (
        lo <= len(first) <= hi
        and lo <= len(second) <= hi
        and (bool(_ORDER_START_RE.match(first)) or bool(_ORDER_START_RE.match(second)))
    )


EMPHASISED_LEADIN_CHARS = 40
"""A sentence printed in bold inside its paragraph is a lead-in up to 40 characters before its 。 (the
longest enumerated lead-in, 一是…。): a longer bold sentence is a statement stressed, not a topic."""


def emphasised_leadin(sentence: str) -> bool:
    """Can `sentence`, printed in bold inside a paragraph with more after it, be a lead-in by its form?"""
    body = sentence[:-1]
    return (
        ends_with_stop(sentence)
        and 2 <= len(body) <= EMPHASISED_LEADIN_CHARS
        and not _NOT_LEADIN_RE.match(body)
        and not any(c in body for c in "：:")
    )


def leadin_title(sentence: str, *, has_more: bool) -> str | None:
    """The outline title if `sentence` (a paragraph's first sentence) is a lead-in, else None."""
    if not has_more or not ends_with_stop(sentence):
        return None
    body = sentence[:-1]
    if ENUM_LEADIN_RE.match(body):
        return sentence if len(body) <= 40 else None
    if REVIEW_LEADIN_RE.match(body):
        return sentence if len(body) <= 32 else None
    if len(body) > 16 or _NOT_LEADIN_RE.match(body):
        return None
    # An enumeration comma may join the two phrases of one (坚持稳中求进、以进促稳。); a clause may not.
    if any(c in body for c in "，,；;：:") or any(c.isdigit() for c in body):
        return None
    return sentence
