"""Structure stress harness: clean reference reports → raw layouts → the pipeline → scores.

A reference (tests/fixtures/reports/*.txt, format in that folder's README) is a report as a human
reads it: one paragraph per line, headings and lead-ins marked. `LAYOUTS` turn it into the raw
shapes users have (newspaper columns with kinsoku, blank lines, indents, half-width punctuation,
page markers, web chrome, print-to-PDF copy); `score` compares what the pipeline makes of the raw
text with the reference: headings found, lead-ins found, sentences exact, sections right, paragraph
breaks recall/precision, chrome leaked into labelling units. Used by tests/text/test_structure.py
and benchmarks/structure.py (and by the PDF harness, which typesets the same references).

The reference's sentence split is done here, independently of reader/text/sentences.py.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reader.text.model import Document

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "reports"

_LEADIN = re.compile(r"\{\{(.+?)\}\}")
_SENTENCE = re.compile(r"[^。！？!?]*(?:[。！？!?]+[”’）》」』】]*|$)")
_HALF = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"})
_WS = re.compile(r"\s+")


def norm(text: str) -> str:
    """Whitespace out, half-width punctuation made full-width: how texts are compared."""
    return _WS.sub("", text).translate(_HALF)


# -- references -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RefParagraph:
    kind: str
    """"heading", "text", "title" (title block line: no section) or "note" (end notes: no section)."""
    text: str
    level: int = 0
    leadins: tuple[str, ...] = ()


@dataclass
class Reference:
    name: str
    paragraphs: list[RefParagraph]
    outline: list[tuple[int, str]] = field(default_factory=list)
    units: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    """(text, section path) of every unit a reader should get: headings, title lines, sentences."""


def split_sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.findall(text) if s.strip()]


def parse_reference(name: str, source: str) -> Reference:
    paragraphs: list[RefParagraph] = []
    for line in source.splitlines():
        if not line.strip():
            continue
        if line.startswith("#"):
            marks = len(line) - len(line.lstrip("#"))
            paragraphs.append(RefParagraph("heading", line[marks:].strip(), marks))
        elif line.startswith("@ "):
            paragraphs.append(RefParagraph("title", line[2:]))
        elif line.startswith("^ "):
            paragraphs.append(RefParagraph("note", line[2:]))
        else:
            paragraphs.append(RefParagraph("text", _LEADIN.sub(r"\1", line), leadins=tuple(_LEADIN.findall(line))))
    ref = Reference(name, paragraphs)
    stack: list[tuple[int, str]] = []
    for p in paragraphs:
        if p.kind == "heading":
            while stack and stack[-1][0] >= p.level:
                stack.pop()
            stack.append((p.level, p.text))
            ref.outline.append((p.level, p.text))
            ref.units.append((p.text, tuple(t for _, t in stack)))
            continue
        if p.kind in ("title", "note"):
            ref.units += [(s, ()) for s in ([p.text] if p.kind == "title" else split_sentences(p.text))]
            continue
        # A lead-in is a level-3 section from its sentence to the next lead-in or the paragraph's end.
        while stack and stack[-1][0] >= 3:
            stack.pop()
        for s in split_sentences(p.text):
            if s in p.leadins:
                while stack and stack[-1][0] >= 3:
                    stack.pop()
                stack.append((3, s))
                ref.outline.append((3, s))
            ref.units.append((s, tuple(t for _, t in stack)))
        while stack and stack[-1][0] >= 3:
            stack.pop()
    return ref


def references() -> list[Reference]:
    return [parse_reference(p.stem, p.read_text(encoding="utf-8")) for p in sorted(REPORTS.glob("*.txt"))]


# -- raw layouts --------------------------------------------------------------------------------

NO_LINE_START = set("，。、；：？！）》”’,.;:?!)")
NO_LINE_END = set("（《“‘(")
HALF_WIDTH = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")"})
_TOKEN = re.compile(r"[0-9A-Za-z.%]+|.")


def _cells(token: str) -> int:
    return sum(1 if c.isascii() else 2 for c in token)


def wrap(text: str, chars: int, first: int | None = None) -> list[str]:
    """Hard-wrap at `chars` Han characters (2 cells each, ASCII 1) the way a newspaper column does:
    numbers and Latin words are never split, closing punctuation never starts a line (it is pushed
    into the line before), opening punctuation never ends one (it moves down). `first`: the first
    line's measure when it differs (an indented first line holds two characters less)."""
    lines: list[str] = []
    cur = ""
    for token in _TOKEN.findall(text):
        limit = 2 * (chars if lines or first is None else first)
        if cur and _cells(cur + token) > limit and token[0] not in NO_LINE_START:
            carry = ""
            while cur and cur[-1] in NO_LINE_END:
                carry, cur = cur[-1] + carry, cur[:-1]
            if cur:
                lines.append(cur)
            cur = carry
        cur += token
    if cur:
        lines.append(cur)
    return lines


@dataclass
class Raw:
    text: str
    furniture: list[str] = field(default_factory=list)
    """Strings the layout added that are no part of the report (chrome, browser lines)."""


def _runs_in(p: RefParagraph) -> bool:
    return p.kind == "heading" and p.text.endswith("。")


def _blocks(ref: Reference, *, run_in: bool = False) -> list[tuple[RefParagraph, str]]:
    """(paragraph, text) in order; with run_in, a heading ending with 。 is glued to the paragraph after."""
    out: list[tuple[RefParagraph, str]] = []
    ps = ref.paragraphs
    k = 0
    while k < len(ps):
        p = ps[k]
        if run_in and _runs_in(p) and k + 1 < len(ps) and ps[k + 1].kind == "text":
            out.append((ps[k + 1], p.text + ps[k + 1].text))
            k += 2
            continue
        out.append((p, p.text))
        k += 1
    return out


def _column(rng: random.Random) -> int:
    return rng.randint(15, 22)


def newspaper(
    ref: Reference,
    rng: random.Random,
    *,
    blank_between: bool = False,
    blank_every: bool = False,
    indent: str = "",
    wide_headings: bool = False,
    run_in: bool = False,
    half_width: bool = False,
    digit_spaces: bool = False,
    page_markers: bool = False,
) -> Raw:
    cols = _column(rng)
    lines: list[str] = []
    for p, text in _blocks(ref, run_in=run_in):
        if half_width:
            text = text.translate(HALF_WIDTH)
        heading_alone = p.kind == "heading" and not (run_in and _runs_in(p))
        # Paragraphs and section headings are set with a two-character first-line indent; part
        # headings and title lines are centred.
        indented = bool(indent) and (p.kind in ("text", "note") or (p.kind == "heading" and p.level == 2))
        if (wide_headings and heading_alone) or p.kind == "title":
            wrapped = [text]
        else:
            wrapped = wrap(text, cols, cols - 2 if indented else None)
        if digit_spaces:
            wrapped = [re.sub(r"(?<=[^\d.])(\d[\d.]*)", lambda m: " " + m.group(1) + " ", ln).strip() for ln in wrapped]
        if indented and indent == "shown":
            wrapped[0] = "\u3000\u3000" + wrapped[0]
        for ln in wrapped:
            lines.append(ln)
            if blank_every:
                lines.append("")
            elif page_markers and not ln.endswith("。") and rng.random() < 0.04:
                lines.append("")  # a column break mid-sentence
        if blank_between and not blank_every:
            lines.append("")
    if page_markers:
        lines.insert(0, "（上接第一版）")
        k = rng.randrange(len(lines) // 3, max(len(lines) // 3 + 1, 2 * len(lines) // 3))
        lines[k] = lines[k] + "（下转第3版）"
        lines.insert(k + 1, "")
        lines.insert(k + 2, "（上接第2版）")
    return Raw("\n".join(lines) + "\n")


WEB_TOP = [
    "当前位置：首页 > 政务公开 > 政府工作报告",
    "发表时间：2026-02-14 09:30",
    "来源：市人民政府办公室",
    "阅读量：12873",
    "【字体：小 中 大】",
]
WEB_BOTTOM = ["扫一扫在手机打开当前页", "打印本页", "关闭窗口"]


def web(ref: Reference, rng: random.Random) -> Raw:
    body = [text for _, text in _blocks(ref)]
    top = WEB_TOP[: rng.randint(3, len(WEB_TOP))]
    lines = [*top, *body, *WEB_BOTTOM]
    if rng.random() < 0.5:
        lines = [x for line in lines for x in (line, "")]
    return Raw("\n".join(lines) + "\n", [*top, *WEB_BOTTOM])


_KANGXI = {"月": "⽉", "工": "⼯", "人": "⼈", "大": "⼤", "长": "⻓", "力": "⼒", "文": "⽂", "方": "⽅"}


def print_pdf(ref: Reference, rng: random.Random) -> Raw:
    """Text copied out of a browser's print-to-PDF of the web page: lines of ~40 characters,
    headings letter-spaced with U+3000 and extracted twice (bold), Kangxi look-alikes, and the
    browser's header and footer (date and time, title, URL, page x/y) every ~45 lines."""
    kangxi = str.maketrans(_KANGXI)
    lines: list[str] = []
    for p, text in _blocks(ref):
        if p.kind == "heading" and p.level <= 2:
            text = text + text  # bold text extracted twice
            if rng.random() < 0.5:
                text = "\u3000".join(text)
        lines += wrap(text.translate(kangxi), 40)
    pages = max(1, (len(lines) + 44) // 45)
    out: list[str] = []
    furniture: list[str] = []
    for n in range(pages):
        head = f"2026/2/14 10:{21 + n:02d}"
        title = "云川市人民政府 政府工作报告"
        foot = f"https://www.example.gov.cn/zwgk/gzbg/202602/t20260214_{n}.html"
        page = f"{n + 1}/{pages}"
        out += [f"{head} {title}", *lines[n * 45 : (n + 1) * 45], f"{foot} {page}"]
        furniture += [f"{head}{title}", f"{foot}{page}"]
    return Raw("\n".join(out) + "\n", furniture)


Layout = Callable[[Reference, random.Random], Raw]

LAYOUTS: dict[str, Layout] = {
    "one line per paragraph": lambda r, g: Raw("\n".join(t for _, t in _blocks(r)) + "\n"),
    "wrapped": lambda r, g: newspaper(r, g),
    "wrapped, blank between paragraphs": lambda r, g: newspaper(r, g, blank_between=True),
    "wrapped, blank after every line": lambda r, g: newspaper(r, g, blank_every=True),
    "wrapped, first-line indent": lambda r, g: newspaper(r, g, indent="shown"),
    "wrapped, indent lost (first line short)": lambda r, g: newspaper(r, g, indent="lost"),
    "wrapped, headings wider than the column": lambda r, g: newspaper(r, g, wide_headings=True),
    "wide headings, blank after every line": lambda r, g: newspaper(r, g, wide_headings=True, blank_every=True),
    "wrapped, run-in headings": lambda r, g: newspaper(r, g, run_in=True),
    "wrapped, half-width punctuation": lambda r, g: newspaper(r, g, half_width=True),
    "wrapped, spaces by digits, page markers": lambda r, g: newspaper(r, g, digit_spaces=True, page_markers=True),
    "one line per paragraph, blank after each": lambda r, g: Raw("\n\n".join(t for _, t in _blocks(r)) + "\n"),
    "one line per paragraph, half-width": lambda r, g: Raw(
        "\n".join(t.translate(HALF_WIDTH) for _, t in _blocks(r)) + "\n"
    ),
    "web page with chrome": web,
    "print-to-PDF copy": print_pdf,
}


# -- scores -----------------------------------------------------------------------------------


@dataclass
class Score:
    headings: int = 0
    headings_found: int = 0
    headings_extra: int = 0
    leadins: int = 0
    leadins_found: int = 0
    leadins_extra: int = 0
    units: int = 0
    units_exact: int = 0
    sections_right: int = 0
    breaks: int = 0
    breaks_out: int = 0
    breaks_hit: int = 0
    chrome_leaked: int = 0
    misses: list[str] = field(default_factory=list)

    def __iadd__(self, other: Score) -> Score:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    @property
    def headings_rate(self) -> float:
        return self._ratio(self.headings_found, self.headings)

    @property
    def leadins_rate(self) -> float:
        return self._ratio(self.leadins_found, self.leadins)

    @property
    def units_rate(self) -> float:
        return self._ratio(self.units_exact, self.units)

    @property
    def sections_rate(self) -> float:
        return self._ratio(self.sections_right, self.units)

    @property
    def recall(self) -> float:
        return self._ratio(self.breaks_hit, self.breaks)

    @property
    def precision(self) -> float:
        return self._ratio(self.breaks_hit, self.breaks_out)


def paragraph_breaks(texts: list[str]) -> set[int]:
    """Where paragraph breaks fall in the texts run together (character offsets)."""
    out, pos = set(), 0
    for t in texts[:-1]:
        pos += len(t)
        out.add(pos)
    return out


def _strip_furniture(text: str, furniture: list[str]) -> str:
    for f in furniture:
        text = text.replace(norm(f), "")
    return text


def score(ref: Reference, doc: Document, furniture: list[str] = ()) -> Score:
    sc = Score()
    furniture = list(furniture)
    kinds = {p.index: p.kind for p in doc.paragraphs}
    got = Counter((h.level, norm(h.title)) for h in doc.outline)
    want = Counter((lv, norm(t)) for lv, t in ref.outline)
    for (lv, t), n in want.items():
        found = min(n, got[(lv, t)])
        if lv <= 2:
            sc.headings += n
            sc.headings_found += found
        else:
            sc.leadins += n
            sc.leadins_found += found
        if found < n:
            sc.misses.append(f"outline lacks {lv} {t[:30]}")
    for (lv, t), n in got.items():
        extra = max(0, n - want[(lv, t)])
        if extra and lv <= 2:
            sc.headings_extra += extra
            sc.misses.append(f"extra heading {lv} {t[:30]}")
        elif extra:
            sc.leadins_extra += extra
    units = [s for s in doc.sentences if s.kind != "chrome"]
    have = Counter(norm(s.text) for s in units)
    with_section = Counter((norm(s.text), tuple(norm(x) for x in s.section)) for s in units)
    for text, section in ref.units:
        sc.units += 1
        key = norm(text)
        if have[key] > 0:
            have[key] -= 1
            sc.units_exact += 1
        elif len(sc.misses) < 400:
            sc.misses.append(f"no unit {text[:30]}")
        sk = (key, tuple(norm(x) for x in section))
        if with_section[sk] > 0:
            with_section[sk] -= 1
            sc.sections_right += 1
    for s in doc.sentences:
        if s.kind == "sentence" and any(norm(f) in norm(s.text) or norm(s.text) in norm(f) for f in furniture):
            sc.chrome_leaked += 1
    ref_texts = [norm(p.text) for p in ref.paragraphs]
    out_texts = [
        t
        for p in doc.paragraphs
        if kinds[p.index] != "chrome" and (t := _strip_furniture(norm(doc.text[p.start : p.end]), furniture))
    ]
    want_b, got_b = paragraph_breaks(ref_texts), paragraph_breaks(out_texts)
    sc.breaks, sc.breaks_out, sc.breaks_hit = len(want_b), len(got_b), len(want_b & got_b)
    joined = "".join(ref_texts)
    for pos in sorted(want_b - got_b):
        sc.misses.append(f"missed break {joined[max(0, pos - 12) : pos]}|{joined[pos : pos + 12]}")
    for pos in sorted(got_b - want_b):
        sc.misses.append(f"extra break {joined[max(0, pos - 12) : pos]}|{joined[pos : pos + 12]}")
    return sc


def run(ref: Reference, layout: str, seed: int = 0) -> tuple[Raw, Document, Score]:
    from reader.text.pipeline import process_text

    raw = LAYOUTS[layout](ref, random.Random(f"{ref.name}/{layout}/{seed}"))
    doc = process_text(raw.text, ref.name)
    return raw, doc, score(ref, doc, raw.furniture)
