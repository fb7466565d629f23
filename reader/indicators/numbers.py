"""Numbers as the reports write them, and the quantities they form with a unit and a hedge.

`normalize(text)` gives a copy of a sentence that the patterns can read (whitespace dropped,
full-width digits, ％ and half-width punctuation made uniform) and, for each of its characters, the
offset in the original text, so that every span found maps back exactly. `find_quantities(norm)`
returns each number with its unit, range, hedges and whether it stands before a noun it counts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from reader.indicators import vocab

_FULL_DIGITS = str.maketrans("０１２３４５６７８９％～－／", "0123456789%~-/")
_HALF_PUNCT = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"})
_WS = re.compile(r"\s+")
_NEEDS_HALF_WIDTH = re.compile("[０-９％～－／]")
_NEEDS_FULL_WIDTH = re.compile("[,;:()!?]")
_FULL_WIDTH_POINT = re.compile(r"(?<=\d)．(?=\d)")
_THOUSANDS_COMMA = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")


def normalize(text: str) -> tuple[str, Sequence[int]]:
    """(normalized text, original offset of each of its characters). Whitespace is dropped; digits,
    ％, ～, － and ／ (微克／立方米) become half-width; a full-width point between digits becomes ".";
    half-width , ; : ( ) become full-width except a "," that groups thousands (1,069)."""
    if _WS.search(text):
        index: Sequence[int] = [i for i, ch in enumerate(text) if not ch.isspace()]
        out = _WS.sub("", text)
    else:
        index, out = range(len(text)), text
    if _NEEDS_HALF_WIDTH.search(out):
        out = out.translate(_FULL_DIGITS)
    if "．" in out:
        out = _FULL_WIDTH_POINT.sub(".", out)
    if _NEEDS_FULL_WIDTH.search(out):
        out = out.translate(_HALF_PUNCT)
        if "," in text:  # a comma that groups thousands (1,069) stays
            out = _THOUSANDS_COMMA.sub(",", out)
    return out, index


_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_LARGE = {"万": 10_000, "亿": 100_000_000}


def chinese_number(text: str) -> int | None:
    """一千二百 → 1200, 两 → 2, 十五 → 15, 千 → 1000; None if `text` is not a Chinese numeral."""
    total = section = digit = 0
    seen = False
    for ch in text:
        if ch in _CN_DIGIT:
            digit = _CN_DIGIT[ch]
            seen = True
        elif ch in _CN_SMALL:
            section += (digit or 1) * _CN_SMALL[ch]
            digit = 0
            seen = True
        elif ch in _CN_LARGE:
            total += (section + digit or 1) * _CN_LARGE[ch]
            section = digit = 0
            seen = True
        else:
            return None
    return total + section + digit if seen else None


_DECIMAL = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def parse_number(text: str) -> int | float | None:
    """A written number as a value: "3.2" → 3.2, "1,069" → 1069, "1/6" → 0.1667, "两" → 2."""
    if "/" in text:
        num, den = text.split("/", 1)
        return round(int(num) / int(den), 4) if int(den) else None
    if _DECIMAL.fullmatch(text):
        plain = text.replace(",", "")
        return float(plain) if "." in plain else int(plain)
    return chinese_number(text)


def _alternation(words) -> str:
    """A regex matching any of `words` (longest first), as a trie: Python's `re` tries the branches of
    a plain alternation one by one at every position, and the sentences have many positions."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            body = f"(?:{body})?"
        return body

    return build(trie)


_AR = r"\d+(?:,\d{3})*(?:\.\d+)?(?:/\d+)?"
_CN = r"[零〇一二两三四五六七八九十百千万亿]+"
_UNIT = _alternation((*vocab.PERCENT_UNITS, *vocab.MEASURE_UNITS, *vocab.COUNT_UNITS))
_MULT = _alternation(vocab.MULTIPLIERS)
_ROUGH = _alternation(vocab.ROUGH)
_PRE = _alternation(vocab.PRE_QUALIFIERS)
_POST = _alternation(vocab.POST_QUALIFIERS)
_RANGE = r"—|－|-|~|～|〜|至|到"
_CN_UNIT = _alternation((*vocab.COUNT_UNITS, *vocab.MEASURE_UNITS, "个百分点"))
_CN_PLACE = re.compile("[十百千万亿]")
_QUANTITY = re.compile(
    rf"(?=[\d零〇一二两三四五六七八九十百千万亿{''.join(sorted({w[0] for w in vocab.PRE_QUALIFIERS}))}])"
    rf"(?P<pre>{_PRE})?"
    rf"(?:(?P<ar>{_AR})(?P<rough1>{_ROUGH})?(?P<mult>{_MULT})?(?P<rough2>{_ROUGH})?(?P<unit>{_UNIT})?"
    rf"|(?P<cn>{_CN})(?P<cnrough>{_ROUGH})?(?P<cnunit>{_CN_UNIT}))"
    rf"(?:(?:{_RANGE})(?P<hi>{_AR})(?P<hmult>{_MULT})?(?P<hunit>{_UNIT})?)?"
    rf"(?P<post>{_POST})?"
)
"""A Chinese numeral is read only with a measure word it can count with (两个, 千余名, 八成; not a
name: 一批, 三北), or with a unit of measure when it is a written-out number (三百二十公里, 十二万亩;
not 七元, 千米: a single character before a measure is a name or part of the unit)."""
_SHARED_UNIT = re.compile(rf"(?:和|、|与)(?:{_AR})(?P<mult>{_MULT})?(?P<unit>{_UNIT})")
_BARE_LEAD = re.compile(r"(?:为|达到|达|是)$")
"""A number without a unit counts only after these (综合指数为4.04)."""
_FIXED_NAMES = re.compile(
    r"八项规定|两个毫不动摇|两个确立|两个维护|四个意识|四个自信|三大攻坚战|三个一批|五位一体|四个全面|一带一路|十四五|十五五"
    r"|届(?:人大|人民代表大会|党代会|政协)?[一二三四五六七八九十]+次(?:全体)?(?:会议|全会)|[一二三四五六七八九十]+中全会"
)
"""Political formulae written with a numeral and a measure word: names, never quantities; and the
sessions of a congress or a plenum (市十七届人大一次会议, 市委七届六次全会, 二十届三中全会): an
ordinal after 届, never a count of meetings (召开常务会议12次 is one)."""


class Quantity(NamedTuple):
    """One number found in a normalized sentence (a named tuple: a sentence makes several, and a
    tuple is built ×3 faster than a frozen dataclass)."""

    start: int
    end: int
    """Span in the normalized text, hedges included."""
    value: int | float | list | None
    unit: str
    pre: str
    """Hedge right before the number (近, 突破, 不低于)."""
    post: str
    """Hedge after it (左右, 以上) or the 余/多 inside it."""
    kind: str
    """'percent', 'measure', 'count' (a measure word that counts) or 'bare' (a multiplier or nothing)."""
    prenominal: bool
    """The number stands before a noun it counts (5户企业, 1.1万户城镇低收入家庭)."""
    attributive: bool
    """Followed by 的 (总投资5.3亿元的项目, 20万人以上的县)."""


_QUOTED = re.compile(
    r"“[^“”]{0,40}”|《[^《》]{0,40}》|「[^「」]{0,40}」|『[^『』]{0,40}』|【[^【】]{0,40}】|\"[^\"]{0,40}\"|‘[^‘’]{0,40}’"
)


def quoted_spans(norm: str) -> list[tuple[int, int]]:
    """Spans inside quotes and title marks (“三北”, 《…》): numbers there are names."""
    return [m.span() for m in _QUOTED.finditer(norm)]


_PERCENT_UNITS = frozenset(vocab.PERCENT_UNITS)
_MEASURE_UNITS = frozenset(vocab.MEASURE_UNITS)


def _kind(unit: str, mult: str) -> str:
    if unit in _PERCENT_UNITS:
        return "percent"
    if unit in _MEASURE_UNITS:
        return "measure"
    if unit:
        return "count"
    return "bare" if mult else ""


_CODE_CHAR = re.compile(r"[A-Za-z0-9.]")
_LATIN = re.compile(r"[A-Za-z]")
_NOUN_START = re.compile(r"[\u4e00-\u9fff“《「（0-9]")


def find_quantities(norm: str, quoted: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Every quantity of a normalized sentence, in order (`quoted`: its `quoted_spans`, if known)."""
    quoted = quoted_spans(norm) if quoted is None else quoted
    skip = quoted + [m.span() for m in _FIXED_NAMES.finditer(norm)]
    found: list[Quantity] = []
    for m in _QUANTITY.finditer(norm):
        # the groups in the order the pattern writes them (one call: a sentence has many matches)
        pre, ar, rough1, mult, rough2, unit, cn, cnrough, cnunit, hi, hmult, hunit, post = m.groups()
        num_start = m.start("ar") if ar else m.start("cn")
        if skip and any(a <= num_start < b for a, b in skip):
            continue
        before = norm[num_start - 1] if num_start else ""
        if before == "第" or (before and _CODE_CHAR.match(before)):
            continue  # an ordinal (第三), or the tail of a code or version
        if before == "前" and unit in ("位", "名"):
            continue  # 前10位: a rank
        unit, mult = unit or cnunit or "", mult or ""
        if hi:  # 4.5—5%: the unit written once, after the range
            unit, mult = unit or hunit or "", mult or hmult or ""
        end = m.end()
        after = norm[end : end + 2]
        if cn and (cn[0] in "零〇" or (cn in ("万", "亿", "千", "百", "十") and not cnrough)):
            continue  # 零部件; 万人空巷
        if (
            cn
            and cnunit in _MEASURE_UNITS
            and cnunit not in vocab.CN_MEASURES
            and (len(cn) < 2 or not _CN_PLACE.search(cn))
        ):
            continue  # 七元, 千米, 一公里路: not a written-out number
        kind = _kind(unit, mult)
        if not kind and (shared := _SHARED_UNIT.match(norm, end)):
            # 6.3和9.1个百分点: the unit is written once, after the last number
            unit, mult = shared.group("unit") or "", shared.group("mult") or ""
            kind = _kind(unit, mult)
        if not kind:
            if "/" in (ar or ""):
                kind = "bare"  # 1/6: a share
            elif not (_BARE_LEAD.search(norm[:num_start]) and (not after or after[0] in "，。；、）")):
                continue  # years, dates, versions, names (2024年, 3.0改革, 5G)
            else:
                kind = "bare"
        next_char = after[:1]
        if next_char and _LATIN.match(next_char):
            continue  # 5G, 14MWh not read as a unit we know
        written = ar or cn
        if cn and len(written) > 1 and written[-1] in "万亿" and not mult:
            written, mult = written[:-1], written[-1]  # 两万个 → 2 万个, as 2万个 is read
        value: int | float | list | None = parse_number(written)
        if hi:
            value = [value, parse_number(hi)]
        rough = rough1 or rough2 or cnrough or ""
        post = rough + post if post and rough else post or rough
        prenominal = (
            (kind == "count" or kind == "bare")
            and bool(next_char)
            and (_NOUN_START.match(next_char) is not None)
            and not vocab.VERB_AFTER_NUMBER.match(norm[end:])
        )
        found.append(Quantity(m.start(), end, value, mult + unit, pre or "", post, kind, prenominal, next_char == "的"))
    return found


_USER_RANGE = re.compile(r"^\[?\s*(?P<lo>[^,，—\-~～〜至到\]]+?)\s*(?:,|，|—|-|~|～|〜|至|到)\s*(?P<hi>[^\]]+?)\s*\]?$")


def parse_value(text: str) -> int | float | list | None:
    """A value as a person types it in a correction: "5", "5.5", "１２", "1,069", "两万"; a range
    "4.5-5", "4.5—5", "4.5至5", "[4.5, 5]"; "" for none. ValueError saying what is wrong otherwise."""
    norm, _ = normalize(text.strip().rstrip("%"))
    if not norm:
        return None

    def number(part: str) -> int | float:
        value = parse_number(part.strip().rstrip("%"))
        if value is None:
            raise ValueError(f"{part!r} is not a number (write 5, 5.5, 4.5-5 for a range, or leave it empty)")
        return value

    if re.fullmatch(r"-?" + _AR, norm):
        return -number(norm[1:]) if norm.startswith("-") else number(norm)
    match = _USER_RANGE.match(norm)
    if match:
        lo, hi = number(match["lo"]), number(match["hi"])
        if lo > hi:
            raise ValueError(f"the range {lo}–{hi} runs backwards; write the lower bound first")
        return [lo, hi]
    return number(norm)
