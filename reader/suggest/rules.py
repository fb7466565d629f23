"""Hand-written rules that know how government work reports are built (see ../shared/LABELS.md).

`rule_label(ctx) -> RuleResult(label, score, rule)`: the label the guideline's principles give a
sentence from its wording and its place (part, problem paragraph, lead-in), the confidence of that
rule, and the rule's name (a model feature, and shown to the user as the reason).
The rules are written from the guideline, not from the seed texts: cues are the general wording of
these reports (hedges, completion verbs, the problem paragraph's opener and resolve, ceremony).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.suggest.context import PROBLEM_CLOSER, PROBLEM_OPENER, Context


@dataclass(frozen=True, slots=True)
class RuleResult:
    label: str
    score: float
    rule: str


# --- none: ceremony, framing, ideology, list lead-ins -------------------------------------------
_CEREMONY = re.compile(
    r"^各位代表|^同志们|表示(衷心|诚挚)的?感谢|致以(崇高|诚挚|衷心)|衷心(的)?感谢|^在此，我代表|的结果。?$|的结果，"
    r"|根本在于|来之不易|^现在，我代表|请予审议|请各位政协委员"
    # the closing call and the review's opening: 团结在…周围…而不懈奋斗！, 很不平凡的一年
    r"|团结在.{0,30}周围|(而|努力)(不懈)?奋斗[！!。]?$|新篇章[！!。]?$|(很|极)不平凡"
)
_FRAMING = re.compile(
    r"^今年是|^明年是|之年[，。]|关键一年|^从(全国|全省|全市|国际|国内|我市|我省|我县|我区|外部|长远)看"
    r"|机遇与挑战并存|机遇和挑战并存|有利条件强于不利因素|^只要.*就(一定|必将|能)|必将|长久之策|大势所趋|^当前，"
    r"|是.*的(必然选择|应有之义|唯一出路|根本|基础|关键|出发点和落脚点)"
    # why the goals are what they are: 提出…的预期目标，综合考虑了…; 实现…目标并非易事
    r"|^提出.{0,30}目标|综合考虑了|并非易事"
)
_IDEOLOGY = re.compile(
    r"^做好(今年|明年|\d{4}年)?(的)?(政府|经济)?工作，(要|必须|我们要)|为指导，全面贯彻|要以.{2,30}为指导"
    r"|总的要求是|^(要|必须)?坚持稳中求进"
)
_LIST_LEAD = re.compile(
    r"[：:]$|以下(工作|几个方面|方面工作|\d+|[一二三四五六七八九十]+)"
    r"|主要做了|重点做好|着重抓好|着力抓好以下"
)
_QUESTION_OR_QUOTE = re.compile(r"？$|^“.*”$|^【|^（据")

# --- target: hedges, the targets paragraph, intentions -------------------------------------------
_TARGETS_PARA = re.compile(r"(主要|发展)?预期目标(是|为)|主要目标(是|为)|主要指标")
_HEDGE = re.compile(
    r"\d[\d.]*(%|万|亿|个|家|项|户|人|公里|亩|吨|千瓦|万千瓦)?[^，。；]{0,6}?(左右|以上|以内|以下)"
    r"|力争|确保"
)
_INTENT = re.compile(
    r"^(要|将|我们将|我们要|要坚持|今年|明年|\d{4}年(将|要)|全年|年内)"
    r"|计划|拟|预计|争取|即将|年内"
)
_RESOLVE_START = re.compile(r"^我们(一定|将|要|必须)")
_RHETORIC = re.compile(
    r"决心和勇气|以更大的勇气|更宽的胸襟|努力让.{2,12}成为|非常之力|同频共振"
    r"|质的有效提升和量的合理增长"
)

# --- achievement: completion, results, rankings ---------------------------------------------------
_PAST = re.compile(r"^(一年来|过去一年|去年|\d{4}年，|五年来|过去五年)|已经|已(建成|完成|实现|获)|累计")
_COMPLETION = re.compile(
    r"完成|建成|入选|获评|获批|荣获|获得|被评为|被确定为|列入|投产|投运|开通|落户|达到|突破|实现|增长\d|下降\d|提高\d"
    r"|居全省|全省(第|前)|全国(第|前)|排名|位列|首次|率先|上榜|挂牌|揭牌"
)
_ACTION_ANYWHERE = re.compile(r"推进|推动|加快|打造|建设|实施|开展|支持|培育|扩大|持续|谋划|提升|鼓励")

# --- problem ---------------------------------------------------------------------------------------
_GENERIC_PROBLEM = re.compile(r"困难和挑战|问题和挑战|差距和不足|问题和不足|困难和问题|不少困难|一些困难")
_PROBLEM_CUE = re.compile(
    r"(仍然|依然|仍|还|尚|较为|比较|相对)(较大|突出|不强|不足|不够|较弱|较多|严峻|薄弱|困难|不高|不优|滞后|不牢固|不充分|不平衡|有差距|需|没有|未|不)"
    r"|短板|弱项|欠账|风险隐患|阵痛|不容忽视|心存遗憾|深表歉意|不到位|不作为|难度加大|压力(较大|加大)"
    r"|不强|不足|不高|不多|较弱|薄弱环节|有待(提高|加强|提升)|亟待|尚未|困难(较多|增多)"
)
# Imperatives that use problem words for a measure: 补短板, 强弱项, 防范化解风险隐患 …
_MEASURE_ON_PROBLEM = re.compile(r"补(齐|上)?短板|强弱项|补齐|化解|排查|整治|破解|解决|防范|消除|治理|攻坚")

# Action heading: starts with an adverb/verb of action (扎实开展主题教育。) rather than a subject.
_ACTION_START = re.compile(
    r"^(扎实|持续|加快|深入|推进|推动|强化|提升|提高|打造|建设|实施|开展|加强|深化|全面|大力|积极|着力|坚持|统筹|用好"
    r"|突出|培育|构建|依法|优化|完善|促进|壮大|激发|聚焦|坚决|切实|不断|努力|全力|多措并举|做大|做强|做精|做优|做实|做好"
    r"|建强|拓展|拓宽|增强|巩固|筑牢|守牢|防范|维护|落实|履行|改造|前瞻|创建|创设|聚力|守住|织密|夯实|严格|规范|激活|释放"
    r"|抓好|抓实|抓牢|抓紧|抢抓|打好|办好|用活|发力|建立|健全|引导|支持|鼓励|稳定|保持|推行|探索|狠抓|下大力气|千方百计)"
)


# Measures named with problem words: 补齐…短板, 强弱项, 化解…风险隐患.
_MEASURE_PHRASE = re.compile(
    r"补(齐|上|强)?[^，。；]{0,12}(短板|弱项)|强弱项|(化解|排查|防范|消除|整治)[^，。；]{0,12}(风险隐患|隐患|风险)"
    r"|(破解|解决)[^，。；]{0,12}(难题|问题|困难)"
)
_LEAD_ORDINAL = re.compile(r"^[一二三四五六七八九十]+是")
_BYLINE = re.compile(
    r"^政府工作报告(（(摘要|全文)）)?$|^政府工作报告（摘要）|^[^，。]{0,30}人民代表大会[^，。]*会议上"
    r"|(市|省|县|区)长[\u4e00-\u9fff]{2,3}$|^（?(摘要|全文)）?$"
)
_DONE_VERB = re.compile(
    r"(开展|引进|推广|成立|建成|完成|实现|取得|举办|落地|签约|启动|开工|投产|打造|培育)了|已有|已经"
)


def _is_problem_statement(t: str) -> bool:
    t = _MEASURE_PHRASE.sub("", t)
    if not _PROBLEM_CUE.search(t):
        return False
    # a measure against a problem (补短板, 化解风险) is a target, not an admitted problem
    return not (_MEASURE_ON_PROBLEM.search(t) and _ACTION_START.search(t))


SHAPED_SCORE = 0.7
"""Confidence of the heading-shaped rules: about the share of heading-shaped sentences that are not
outline lead-ins and that the guideline calls none (plan part) or achievement (review)."""


def rule_label(ctx: Context) -> RuleResult:
    """The rules' label for one sentence (first matching rule wins)."""
    t = ctx.text
    if ctx.kind == "heading":
        return RuleResult("none", 0.97, "heading")
    if len(t) <= 3 or _QUESTION_OR_QUOTE.search(t):
        return RuleResult("none", 0.85, "fragment")

    # The problem paragraph comes first: its sentences use words that elsewhere mean a target.
    if PROBLEM_OPENER.search(t) and ctx.part != "plan":
        rest = PROBLEM_OPENER.split(t, maxsplit=1)[-1]
        named = _PROBLEM_CUE.search(_GENERIC_PROBLEM.sub("", rest)) or "：" in rest
        if named:
            return RuleResult("problem", 0.85, "problem-opener")
        return RuleResult("none", 0.8, "problem-opener-generic")
    if ctx.in_problems:
        if PROBLEM_CLOSER.search(t) and not _PROBLEM_CUE.search(PROBLEM_CLOSER.split(t, maxsplit=1)[0]):
            return RuleResult("none", 0.8, "problem-closer")
        return RuleResult("problem", 0.9, "problem-paragraph")

    if _BYLINE.search(t) and len(t) < 80:
        return RuleResult("none", 0.85, "byline")
    if _LEAD_ORDINAL.search(t) and len(t) <= 24:
        return RuleResult("none", 0.85, "ordinal-lead-in")
    if _CEREMONY.search(t):
        return RuleResult("none", 0.92, "ceremony")
    if _IDEOLOGY.search(t) and not (ctx.part == "review" and _PAST.search(t)):
        return RuleResult("none", 0.85, "ideology")
    if _LIST_LEAD.search(t) and len(t) < 40:
        return RuleResult("none", 0.85, "list-lead-in")
    if _TARGETS_PARA.search(t):
        return RuleResult("target", 0.95, "targets-paragraph")
    if _FRAMING.search(t) and not _HEDGE.search(t):
        return RuleResult("none", 0.75, "framing")

    if ctx.lead:
        if ctx.part == "review" and not _ACTION_START.search(t):
            return RuleResult("achievement", 0.8, "review-summary-lead")
        return RuleResult("none", 0.8, "lead-in")
    # Heading-shaped but not an outline lead-in: mostly a sub-lead-in inside a paragraph
    # (夯实出口基本盘。), but in the plan part about one in three is a short task
    # (推进城市生活垃圾分类。): less sure than a lead-in.
    if ctx.shaped:
        if ctx.part == "review" and not _ACTION_START.search(t):
            return RuleResult("achievement", SHAPED_SCORE, "review-summary-shaped")
        return RuleResult("none", SHAPED_SCORE, "heading-shaped")

    if ctx.part == "review":
        if _is_problem_statement(t) and not _COMPLETION.search(t):
            return RuleResult("problem", 0.55, "problem-words")
        if re.search(r"^(今年|\d{4}年(将|要))|力争|将(加快|继续|进一步)", t):
            return RuleResult("target", 0.6, "review-intent")
        return RuleResult("achievement", 0.85, "review-part")

    if ctx.part == "plan":
        if _RESOLVE_START.search(t) and _RHETORIC.search(t):
            return RuleResult("none", 0.65, "resolve-rhetoric")
        if _is_problem_statement(t) and not _HEDGE.search(t) and not _INTENT.search(t):
            return RuleResult("problem", 0.55, "problem-words")
        if _PAST.search(t) and not _HEDGE.search(t) and not _INTENT.search(t):
            return RuleResult("achievement", 0.6, "plan-past")
        return RuleResult("target", 0.85, "plan-part")

    # Unknown part (no part heading: news features, excerpts): judge by wording alone.
    if _HEDGE.search(t) or _INTENT.search(t):
        return RuleResult("target", 0.7, "intent-words")
    if _is_problem_statement(t):
        return RuleResult("problem", 0.55, "problem-words")
    if _PAST.search(t) or _COMPLETION.search(t) or _DONE_VERB.search(t):
        return RuleResult("achievement", 0.65, "completion-words")
    if _ACTION_ANYWHERE.search(t) and len(t) > 15:
        return RuleResult("target", 0.5, "action-words")
    return RuleResult("none", 0.5, "no-cue")
