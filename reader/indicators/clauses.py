"""One sentence → its quantitative clauses: indicator, measure, value, unit and qualifier of each.

A sentence is cut into clauses at ，；：。 (and at 、 right after a number: 建成示范村42个、提档升级村291个).
In a clause, a number is either
- the predicate of what comes before it (地区生产总值增长5%左右: indicator 地区生产总值, measure 增长),
  in which case counts written before nouns earlier in the clause are part of the indicator's name
  (为5242户企业授信金额110.53亿元 → 授信金额…, one record), or
- a count of the noun after it (12家博士工作站获评…, 建成34个精品示范村): a record of that noun.
A clause without its own subject (增长23.3%, 全省排名第四) speaks of the previous record's indicator;
`分别` spreads a list of indicators over a list of values. Ranks (全省排名第二) and comparisons that
stand for a number (与经济增长同步, 保持正增长) are records with no value.
Pure functions on strings: no document, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from reader.indicators import vocab
from reader.indicators.numbers import Quantity, find_quantities, normalize, quoted_spans

_CLAUSE_END = "，；：。！？"
_NOUN_MAX = 16
"""Characters of the noun a count stands before (longer runs are cut: the noun has ended)."""
_INDICATOR_MAX = 40
"""An indicator longer than this is a whole clause of prose: only its last phrase is kept."""
_MEASURE_TAILS = (
    ("浓度", "浓度"),
    ("产量", "产量"),
    ("率", "率"),
    ("比例", "比例"),
    ("比重", "比重"),
    ("占比", "占比"),
)
_TAILS = tuple(tail for tail, _ in _MEASURE_TAILS)
_SAME_MEASURE = {"增速": "增长", "增幅": "增长", "年均增长": "增长"}
_CUT_END = re.compile(
    "(?:"
    + "|".join(
        re.escape(w)
        for w in sorted(
            {
                *vocab.CHANGE_MEASURES,
                *vocab.LEVEL_VERBS,
                *vocab.GLUE_BEFORE_NUMBER,
                *vocab.INTENT_HEDGES,
                "拟按",
                "按",
                "拟",
            },
            key=len,
            reverse=True,
        )
    )
    + r"|连续(?:\d+|[一二三四五六七八九十两]+|多)年)$"
)
"""Verbs, measures, hedges and glue words cut from the end of the words before a number."""
_LEADING_JOINERS = re.compile(r"^(?:和|及|以及|与|并|、|而|但|其中|同时|还)+")
_MODIFIER_LEAD = re.compile(r"\d+(?:\.\d+)?(?:岁|年|米|公里|亩|吨|万吨)(?:以上|以下)?的?")
_RANGE_TO = re.compile(r"(?:至|到)$")
_NOUN_START = re.compile(r"[\u4e00-\u9fff“《]")
_JOINER = re.compile(r"(?:和|、|与|及)")


class Found(NamedTuple):
    """One record of a sentence; offsets are into the sentence's own text (a named tuple: cheap to
    build, and a report has hundreds)."""

    start: int
    end: int
    """The clause."""
    at: int
    """Where the number (or the rank, the comparison) starts."""
    indicator: str
    measure: str
    value: int | float | list | None
    unit: str
    qualifier: str


@dataclass(slots=True)
class _Draft:
    clause: tuple[int, int]
    at: int
    indicator: str
    measure: str
    value: int | float | list | None
    unit: str
    qualifier: str
    inherited: bool = False
    joined: bool = False
    """Written right after the previous number (6.3和9.1个百分点): shares its hedge too."""
    spread: list[str] | None = None
    respectively: bool = False
    """A subjectless 分别 clause (…，分别增长7.9%和8.6%): its values go to the indicators before it, in order."""


_CUT = re.compile(f"[{_CLAUSE_END}、]")


def _clauses(norm: str, cuts_after: set[int], quoted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _CUT.finditer(norm):
        i = m.start()
        if norm[i] == "、" and i not in cuts_after:
            continue
        if quoted and any(a < i < b - 1 for a, b in quoted):
            continue
        if i > start:
            spans.append((start, i))
        start = i + 1
    if start < len(norm):
        spans.append((start, len(norm)))
    return spans


def _noun_after(norm: str, pos: int, end: int) -> str:
    """The noun a count stands before: up to a verb, a particle, punctuation or another number."""
    text = norm[pos:end]
    # skip an attribute that is itself a measure (7.8万名|80岁以上|老年人)
    lead = _MODIFIER_LEAD.match(text)
    if lead:
        text = text[lead.end() :]
    out = []
    depth = 0
    for i, ch in enumerate(text[: _NOUN_MAX + 8]):
        if ch in "“《「（(":
            if depth == 0 and out and ch == "“":
                break
            depth += 1
        elif ch in "”》」）)":
            depth = max(0, depth - 1)
        elif depth == 0:
            if ch.isdigit() or ch in _CLAUSE_END or ch == "、":
                break
            if vocab.AFTER_NOUN_STOP.match(text, i):
                break
        out.append(ch)
        if len(out) >= _NOUN_MAX and depth == 0:
            break
    return "".join(out).strip()


def _clean_indicator(prefix: str) -> tuple[str, str, str]:
    """(indicator, measure, intent hedge) from the words before a number."""
    measure = ""
    text = prefix
    while text and (m := _CUT_END.search(text)):
        word = m.group(0)
        if word in vocab.CHANGE_MEASURES and not measure:
            measure = word
        text = text[: m.start()]
    text = vocab.SCOPE_PREFIX.sub("", vocab.LIST_MARK.sub("", text))
    text = _LEADING_JOINERS.sub("", text)
    if "等" in text:  # X、Y等各类资金: the category after 等
        tail = text.rsplit("等", 1)[1]
        if len(tail) >= 2:
            text = tail
    if len(text) > _INDICATOR_MAX:
        text = text[-_INDICATOR_MAX:]
    return text.strip("，、的"), measure, ""


def _intent(clause_before: str) -> str:
    """The last intent hedge (力争, 确保, 争取…) before the number, or ""."""
    if "力争" not in clause_before and "确保" not in clause_before and "争取" not in clause_before:
        return ""
    last = ""
    for m in vocab.INTENT_HEDGE.finditer(clause_before):
        last = m.group(0)
    return last


def _join(pre: str, post: str) -> str:
    if pre and post:
        return f"{pre}…{post}"
    return pre or post


def _measure_of(indicator: str, unit: str, measure: str) -> str:
    if measure:
        return _SAME_MEASURE.get(measure, measure)
    if indicator.endswith(_TAILS):
        for tail, name in _MEASURE_TAILS:
            if indicator.endswith(tail):
                return name
    if unit.endswith(vocab.PEOPLE_UNITS):
        return "人数"
    return ""


_RANK_SCOPE = re.compile(r"(?:全[国省市区]|地区|同类城市|地级市)(?:排名|排|位列|位居|居)?(?:第|首位|前列|前)")
"""What every `vocab.RANK` holds (a scope, then 第…, 首位, 前列 or 前…): a sentence without it has no
rank, and is not searched with the long pattern (its optional openings are tried at every position)."""


def _ranks(norm: str, quoted: list[tuple[int, int]]) -> list[re.Match]:
    if not _RANK_SCOPE.search(norm):
        return []
    out = []
    for m in vocab.RANK.finditer(norm):
        if any(a <= m.start() < b for a, b in quoted) or vocab.RANK_IDIOM.search(norm[: m.start()]):
            continue
        out.append(m)
    return out


_CN_UNIT_STARTS = "".join(sorted({w[0] for w in (*vocab.COUNT_UNITS, *vocab.MEASURE_UNITS, "个百分点")}))
_CANDIDATE = re.compile(
    rf"[0-9０-９]|[零〇一二两三四五六七八九十百千万亿][余多]?[{_CN_UNIT_STARTS}]"
    r"|(?:全[国省市区]|地区|城市|地级市)[^，。；]{0,4}(?:第|首位|前列|前)|同步|高于|快于|正增长|(?:平稳|稳定|稳步|较快|快速|高速|合理)增长|下达|平衡"
)
"""A sentence without any of these has no quantitative clause (most sentences): skipped at once."""


def might_hold_figures(text: str) -> bool:
    """False for a sentence that certainly has no quantitative clause (most sentences): a cheap test."""
    return _CANDIDATE.search(text) is not None


def find_records(text: str) -> list[Found]:
    """The quantitative clauses of one sentence, in order."""
    if not _CANDIDATE.search(text):
        return []
    return records_of_candidate(text)


def records_of_candidate(text: str) -> list[Found]:
    """`find_records` of a sentence already known to pass `might_hold_figures`."""
    norm, index = normalize(text)
    quoted = quoted_spans(norm)
    quantities = find_quantities(norm, quoted)
    ranks = _ranks(norm, quoted)
    if not quantities and not ranks and not vocab.COMPARISON_WORDS.search(norm):
        return []
    # 、 cuts a clause after a number or a rank, and before a rank (企业187户、排全省第3位)
    cuts_after = {q.end for q in quantities} | {m.end() for m in ranks} | {m.start() - 1 for m in ranks}
    items: list[tuple[int, str, object]] = [(q.start, "q", q) for q in quantities]
    items += [(m.start(), "r", m) for m in ranks]
    if ranks:
        items.sort(key=_first)
    comparisons = bool(vocab.COMPARISON_WORDS.search(norm))
    drafts: list[_Draft] = []
    k = 0
    for cs, ce in _clauses(norm, cuts_after, quoted):
        while k < len(items) and items[k][0] < cs:
            k += 1
        first = k
        while k < len(items) and items[k][0] < ce:
            k += 1
        if first == k and not comparisons:
            continue
        drafts.extend(_clause_drafts(norm, cs, ce, items[first:k], quantities, comparisons))
    _resolve(drafts)
    out = []
    for d in drafts:
        if not d.indicator or vocab.GENERIC_INDICATOR.match(d.indicator):
            continue
        cs, ce = d.clause
        start = index[cs]
        end = index[ce - 1] + 1
        out.append(Found(start, end, index[d.at], d.indicator, d.measure, d.value, d.unit, d.qualifier))
    return out


def _first(item: tuple) -> int:
    return item[0]


def _clause_drafts(
    norm: str, cs: int, ce: int, items: list[tuple[int, str, object]], quantities: list[Quantity], comparisons: bool
) -> list[_Draft]:
    """The records of one clause, from its numbers and ranks (`items`, in order)."""
    drafts: list[_Draft] = []
    counts: list[_Draft] = []
    seg = cs  # where the words of the next predicate start
    baseline = -1  # where a 由… baseline starts: the next predicate's words end there
    predicate_seen = False
    for at, what, item in items:
        if what == "r":
            m = item
            indicator, _, _ = _clean_indicator(norm[seg:at])
            draft = _Draft((cs, ce), at, indicator, "排名", None, "", m.group(1))
            if not indicator or vocab.BARE_MEASURE_SUBJECT.match(indicator):
                draft.indicator, draft.inherited = "", True
            drafts.append(draft)
            counts.clear()  # 3项生态指标继续保持全省第一: the count names the indicator
            seg = m.end()
            predicate_seen = True
            continue
        q: Quantity = item
        if _is_baseline(norm, q, quantities, ce):
            baseline = q.start - 1  # 由1.6天增长至2.6天: the figure is where it went
            continue
        if q.prenominal:
            if q.post in ("以上", "以下"):
                continue  # 两次以上来同游客: a condition on the noun, not a count of it
            noun = _noun_after(norm, q.end, ce)
            if noun:
                counts.append(_Draft((cs, ce), q.start, noun, "", q.value, q.unit, _join(q.pre, q.post)))
            continue
        if q.kind == "measure" and _is_attribute(norm, q, ce):
            continue  # 500万吨智能化矿井: a size, not a figure
        prefix = norm[seg:at]
        if q.attributive and not _clean_indicator(prefix)[0]:
            continue  # 20万人以上的县: a condition
        drafts.append(_predicate(norm, cs, ce, seg, q, baseline))
        baseline = -1
        counts.clear()
        seg = q.end
        predicate_seen = True
    drafts.extend(counts)
    if not predicate_seen and comparisons:
        drafts.extend(_comparisons(norm, cs, ce))
    if len(drafts) > 1:
        drafts.sort(key=_at)
    return drafts


def _at(d: _Draft) -> int:
    return d.at


def _is_baseline(norm: str, q: Quantity, quantities: list[Quantity], ce: int) -> bool:
    if q.start == 0 or norm[q.start - 1] not in "由从":
        return False
    later = [o for o in quantities if q.end <= o.start < ce]
    return bool(later) and _RANGE_TO.search(norm[q.end : later[0].start]) is not None


def _is_attribute(norm: str, q: Quantity, ce: int) -> bool:
    nxt = norm[q.end : q.end + 1]
    return q.end < ce and bool(_NOUN_START.match(nxt)) and not vocab.VERB_AFTER_NUMBER.match(norm[q.end :])


def _predicate(norm: str, cs: int, ce: int, seg: int, q: Quantity, baseline: int = -1) -> _Draft:
    prefix = norm[seg : baseline if baseline >= seg else q.start]
    compare = ""
    m = vocab.COMPARE_BEFORE_NUMBER.search(prefix)
    if m and not q.pre:
        compare = m.group(0)
        prefix = prefix[: m.start()]
    indicator, measure, _ = _clean_indicator(prefix)
    intent = _intent(norm[cs : q.start])
    pre = intent + (q.pre or compare) if intent and (q.pre or compare) else (intent or q.pre or compare)
    draft = _Draft((cs, ce), q.start, indicator, measure, q.value, q.unit, _join(pre, q.post))
    stripped = vocab.SCOPE_PREFIX.sub("", _LEADING_JOINERS.sub("", prefix))
    if share := vocab.PLAN_SHARE.match(stripped):  # 完成年度目标的105.8%: the previous indicator's
        draft.indicator, draft.measure, draft.inherited = "", "完成率", True
        draft.qualifier = _join(share.group("q"), q.post)
    elif stripped.startswith("占"):  # 占一般公共预算支出81.8%: a share of the previous indicator
        draft.indicator, draft.measure, draft.inherited = "", "占比", True
    elif not indicator or vocab.BARE_MEASURE_SUBJECT.match(indicator):
        draft.indicator, draft.inherited = "", True
        draft.joined = bool(_JOINER.fullmatch(prefix))
        draft.respectively = "分别" in norm[cs : q.start]
    elif "、" in indicator and "分别" in norm[cs:ce]:
        draft.spread = _with_shared_head([part for part in indicator.split("、") if part])
    return draft


_HEADS = sorted(vocab.SHARED_HEADS, key=len, reverse=True)
_PARALLEL_NOUN_MAX = 4
"""The most characters of a noun between a parallel modifier and the head (城镇、农村|常住居民|人均消费支出)."""


def _with_shared_head(parts: list[str]) -> list[str]:
    """城镇居民、农村居民人均可支配收入 → 城镇居民人均可支配收入, 农村居民人均可支配收入: a known head
    written once after the last item belongs to the items before it that are about as long as the last
    item's own words (工业、服务业增加值); a parallel modifier (城镇、农村常住居民人均消费支出) takes the last
    item's words after as many characters, when those are the head and a short noun before it. Items
    of unequal length (集成电路、新能源汽车零部件两大产业集群产值) keep their own words."""
    if len(parts) < 2:
        return parts
    last = parts[-1]
    head = next((h for h in _HEADS if last.endswith(h) and len(last) > len(h)), "")
    if not head:
        return parts
    out = []
    for part in parts[:-1]:
        if not part.endswith(head):
            if abs(len(last) - len(head) - len(part)) <= 1:
                part += head
            elif 0 < len(last) - len(part) - len(head) <= _PARALLEL_NOUN_MAX:
                part += last[len(part) :]
        out.append(part)
    return [*out, last]


def _comparisons(norm: str, cs: int, ce: int) -> list[_Draft]:
    clause = norm[cs:ce]
    if not vocab.COMPARISON_WORDS.search(clause):
        return []
    for pattern, measure in vocab.COMPARISONS:
        m = pattern.search(clause)
        if not m:
            continue
        before = clause[: m.start()]
        if pattern is vocab.SYNC:
            before = clause[: m.start()]
        indicator, _, _ = _clean_indicator(before)
        if not indicator or vocab.NOT_A_SUBJECT.search(indicator):
            return []
        return [_Draft((cs, ce), cs + m.start(), indicator, measure, None, "", m.group("q"))]
    return []


def _resolve(drafts: list[_Draft]) -> None:
    """Fill inherited indicators from the record before, spread `分别` lists, derive measures."""
    last: _Draft | None = None
    group: list[_Draft] = []
    for d in drafts:
        if d.inherited and last is not None:
            d.indicator = last.indicator
            d.measure = d.measure or last.measure
            if d.joined and not d.qualifier:
                d.qualifier = last.qualifier
            if group:
                group.append(d)
        elif not d.inherited:
            _spread(group)
            group = [d] if d.spread else []
            last = d
    _spread(group)
    _respectively(drafts)
    for d in drafts:
        d.measure = _measure_of(d.indicator, d.unit, d.measure) if d.measure != "排名" else d.measure


def _spread(group: list[_Draft]) -> None:
    if not group:
        return
    parts = group[0].spread or []
    values = [d for d in group if d.measure != "排名"]
    if parts and len(values) % len(parts) == 0:  # 分别为x元、y元，增长a%和b%: each run in the list's order
        for i, d in enumerate(values):
            d.indicator = parts[i % len(parts)]


def _respectively(drafts: list[_Draft]) -> None:
    """城镇居民…34562元，农村居民…15120元，分别增长7.9%和8.6%: the values of a subjectless 分别 clause go to
    the distinct indicators of the records before it, in order, when there are as many of them."""
    k = 0
    while k < len(drafts):
        if not (drafts[k].respectively and drafts[k].inherited):
            k += 1
            continue
        end = k + 1
        while end < len(drafts) and drafts[end].inherited and drafts[end].clause == drafts[k].clause:
            end += 1
        values = drafts[k:end]
        names: list[str] = []
        for d in reversed(drafts[:k]):
            if d.inherited or d.measure == "排名":
                break
            if d.indicator not in names:
                names.insert(0, d.indicator)
        if len(values) >= 2 and len(names) >= len(values):
            for d, name in zip(values, names[-len(values) :], strict=True):
                d.indicator = name
        k = end


_ROW_UNIT = "|".join(
    re.escape(u)
    for u in sorted(
        {
            *vocab.PERCENT_UNITS,
            *(m + u for m in ("", *vocab.MULTIPLIERS) for u in (*vocab.MEASURE_UNITS, *vocab.COUNT_UNITS)),
        },
        key=len,
        reverse=True,
    )
)
_ROW = re.compile(
    r"^(?P<name>[\u4e00-\u9fff“”（）]+?)"
    rf"(?P<unit>{_ROW_UNIT})"
    rf"(?:(?P<sign>{'|'.join(map(re.escape, vocab.TABLE_SIGNS))})?"
    r"(?P<value>\d+(?:\.\d+)?(?:(?:—|－|-|～|至|到)\d+(?:\.\d+)?)?)(?P=unit)?"
    rf"(?P<post>{'|'.join(vocab.POST_QUALIFIERS)})?|(?P<words>[\u4e00-\u9fff]+))$"
)
"""A row of a targets table as text gives it (cells run together or apart: 地区生产总值增长　%　6左右):
the indicator, its unit, then the target value (a sign before it, its unit again or a hedge after it:
≥45.5, 6%左右) or the target in words."""


def records_of_row(text: str) -> list[Found]:
    """The target of one row of a targets table (指标 / 单位 / 目标值: 进出口总额增长 % 5以上), read as
    the clause it stands for (进出口总额增长5%以上), with offsets into `text`; [] if `text` is no row."""
    norm, index = normalize(text)
    m = _ROW.match(norm)
    if m is None:
        return []
    if m.group("value") is not None:
        sign = vocab.TABLE_SIGNS.get(m.group("sign") or "", "")
        clause = m.group("name") + sign + m.group("value") + m.group("unit") + (m.group("post") or "")
        at = m.start("value")
    elif m.group("unit") in vocab.PERCENT_UNITS and vocab.COMPARISON_WORDS.search(m.group("words")):
        clause = m.group("name") + m.group("words")  # 能耗降低 % 完成省下达任务
        at = m.start("words")
    else:
        return []
    start, end = index[0], index[-1] + 1
    return [f._replace(start=start, end=end, at=index[at]) for f in records_of_candidate(clause)]
