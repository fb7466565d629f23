"""Text on a newspaper page that is not the report, in an extractor's text: kept aside.

A paper prints a report among other things, and `pdftotext` or pdfminer.six write them into the
text wherever their reading order falls. Each is told by how papers print it, never by its words:
- **text set vertically** (a page's section name down the margin, the imprint turned up the
  margin): the extractors write it one character a line, upright or reversed; report text never
  holds three lines of one character in a row;
- **the imprint** (国内统一连续出版物号 CN11-0000, 邮发代号 1-1): printed on every paper, never in a
  report;
- **a table of figures**: the extractors write its cells one a line or a row a line; running text
  never gives a line that is a figure alone (3268.4亿元, 5.6%), and a run of short lines without
  punctuation, several of them figures alone, is a table's;
- **a picture's caption**: a short box ending in a photographer's credit (本报记者 孙立 摄);
- **a dateline** opening the report's text (新华社北京3月12日电, 本报讯（记者 周明）): the paper's,
  not the report's;
- **another article above the report** on its first page: running text before the report's title
  line (政府工作报告) is a news story's (a kicker or a page's section name, without a sentence end,
  stays: the title block reads it).
Only on an extractor's text (form feeds): plain text is never looked at. What is kept aside goes to
`Document.dropped` as page furniture does; the blank lines beside it are no paragraph break.
"""

from __future__ import annotations

import re
from collections import Counter

from reader.text.chars import HAN, WS, WS_CHARS, width
from reader.text.headings import (
    NON_FINAL,
    NOTES_HEAD_RE,
    PART_RE,
    SECTION_RE,
    STANDALONE_RE,
    TITLE_RE,
    is_kicker,
    is_title_line,
    is_unnumbered_part,
)

Item = tuple[str | None, list[str]]
"""A raw line (None: kept aside) and what was taken from it (furniture.strip_furniture's items)."""

THRESHOLDS = {
    "vertical_run": (3, "a page's section name set vertically has 2–6 characters; report text never 3 one-char lines"),
    "table_announce_lines": (3, "a table's announcement, its title and its head row come before its body rows"),
    "table_lines": (4, "a table has a head row and two rows at least"),
    "table_figures": (2, "…and figures alone in two cells at least (running text never ends a line on one)"),
    "cell_chars": (16, "a cell (or a row of short cells run together) is narrower than a column's line of text"),
    "caption_lines": (3, "a caption is a line or two under its picture"),
    "first_page_lines": (80, "the report's title is near the top of its first page"),
    "boxed_lines": (16, "a story boxed beside the report is short: a headline and a few sentences"),
    "headline_chars": ((6, 20), "a story's headline is a phrase (a page's section name is shorter)"),
    "measure_gap": (4, "a box is set to its own measure: two characters (4 units) or more off the report's"),
    "headline_short": (6, "a headline is three characters or more short of the box's measure (a first line: two)"),
    "min_measure": (16, "a column's measure is eight characters or more (16 units)"),
    "story_lines": (40, "a story above a report on its front page is short (the report takes the page)"),
}
T = {name: value for name, (value, _why) in THRESHOLDS.items()}

IMPRINT_RE = re.compile(
    rf"CN[{WS}]*[0-9]{{2}}[{WS}]*[-－—–][{WS}]*[0-9]{{4}}|国内统一连续出版物号|国际标准连续出版物号|邮发代号|ISSN[{WS}]*[0-9]{{4}}"
)
"""A paper's imprint: its serial numbers (every Chinese paper prints them; no report does)."""
_DIGIT = "0-9０-９一二三四五六七八九十〇"
DATELINE_RE = re.compile(
    rf"^[{WS}]*(?:(?:新华社|中新社|人民网|新华网|央视网|本报)[{HAN}]{{0,8}}?[{_DIGIT}]{{1,3}}月[{_DIGIT}]{{1,3}}日"
    rf"(?:电|讯)(?:[{WS}]*[（(](?:记者|通讯员)[^）)]{{1,30}}[）)])?|本报讯(?:[{WS}]*[（(][^）)]{{1,30}}[）)])?)[{WS}]*"
)
"""A news dateline opening a story: the agency or paper, place, date, 电; or 本报讯 with its byline."""
_NAME = f"[{HAN}]{{2,4}}"
CREDIT_RE = re.compile(
    rf"(?:(?:本报|新华社|人民日报)?(?:特约)?(?:记者|通讯员)[{WS}]*{_NAME}(?:[{WS}、]+{_NAME})*|[{WS}]{_NAME})[{WS}]*摄[）)]?$"
)
"""A photographer's credit ending a caption: 本报记者 孙立 摄, （新华社记者 王鹏 摄）, … 孙立 摄."""
FIGURE_RE = re.compile(r"[-+＋－]?[0-9０-９][0-9０-９.,，．]*(?:%|％|‰|[\u4e00-\u9fff]{1,3})?")
"""A table's cell holding a figure alone: 3268.4亿元, 5.6%, 2025年, 318家."""
TABLE_CAPTION_RE = re.compile(r"^(?:表|附件|附表)\s?[0-9０-９一二三四五六七八九十]")
"""A table's caption in a report (表1 2023年主要预期目标), or an appendix's head (附件1): the report's."""
TABLE_REFERRED_RE = re.compile(r"见(?:附件|附表|表)\s?[0-9０-９一二三四五六七八九十]|如下表|见下表")
"""A sentence that sends the reader to the table (具体指标见附件1。): the table after it is the report's."""
TABLE_ANNOUNCED_RE = re.compile(r"如下|下表|见表|指标|(?:主要|预期)目标")
"""Words of a line that announces a table (主要预期目标如下：); 以下几个方面工作： announces text."""
_CELL_PUNCT = re.compile("[，。；：！？、“”‘’（）《》,;:!?()]")
_HEADING_START = re.compile(rf"^(?:[{_DIGIT}]{{1,3}}、|[（(][{_DIGIT}]{{1,3}}[）)]|第[{_DIGIT}]{{1,3}}[章节部])")


def set_aside(items: list[Item]) -> list[Item]:
    """`items` with the text that is not the report set to None (its text in the furniture list).
    Each class is looked for line by line only where the whole text holds its mark (most pages have
    no table, caption or imprint)."""
    items = list(items)
    texts = [None if line is None else line.strip(WS_CHARS) for line, _ in items]
    whole = "\n".join(t for t in texts if t)
    if _ONE_CHAR_LINE.search(whole):
        _vertical(items, texts)
        for k, text in enumerate(texts):
            if text in ("·", "•"):  # a dot alone on a line: a running head's or margin text's, never the report's
                _aside(items, texts, [k])
    if len(_FIGURE_CELL.findall(whole, 0)) >= T["table_figures"]:
        _tables(items, texts)
    if IMPRINT_RE.search(whole):
        for k, text in enumerate(texts):
            if text and IMPRINT_RE.search(text):
                _aside(items, texts, [k])
    if "摄" in whole:
        _captions(items, texts)
    _story_above(items, texts)
    _boxed_stories(items, texts)
    if _DATELINE_MARK.search(whole):
        _datelines(items, texts)
    return items


_ONE_CHAR_LINE = re.compile(r"^\S$", re.M)
_FIGURE_CELL = re.compile(
    rf"(?:^|[{WS}])[-+＋－]?[0-9０-９][0-9０-９.,，．]*(?:%|％|‰|[\u4e00-\u9fff]{{1,3}})?(?=[{WS}]|$)", re.M
)
"""A figure alone in a cell (a line's or a space-set piece's whole): what `_tables` needs two of."""
_DATELINE_MARK = re.compile("新华社|中新社|人民网|新华网|央视网|本报")


def _aside(items: list[Item], texts: list[str | None], lines: list[int], sep: str = " ") -> None:
    """Keep lines aside, and the blank lines around them (they set them apart from the text)."""
    taken = sep.join(t for k in lines if (t := texts[k]))
    for k in lines:
        items[k] = (None, [*items[k][1]])
        texts[k] = None
    if taken:
        items[lines[0]] = (None, [*items[lines[0]][1], taken])
    for k in (lines[0] - 1, lines[-1] + 1):
        if 0 <= k < len(items) and texts[k] == "":
            items[k] = (None, items[k][1])
            texts[k] = None


def _runs(texts: list[str | None], member, *, gaps: bool = True) -> list[list[int]]:
    """Runs of lines for which `member(text)` holds; blank lines (and lines kept aside) may sit
    between them with `gaps`. Each run lists its member lines."""
    runs: list[list[int]] = []
    cur: list[int] = []
    for k, text in enumerate(texts):
        if text and member(text):
            cur.append(k)
        elif text is None or (gaps and not text):
            continue  # a line kept aside, or a blank line where gaps are allowed
        elif cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return runs


def _one_char(text: str) -> bool:
    return (len(text) == 1 and not text.isascii()) or text in ("·", "•")


def _vertical(items: list[Item], texts: list[str | None]) -> None:
    for run in _runs(texts, _one_char):
        if len(run) >= T["vertical_run"]:
            _aside(items, texts, run, sep="")


def _cell(text: str) -> bool:
    """A table's cell on a line of its own, or a row of cells set apart by spaces (`-layout`)."""
    return (
        all(len(piece) <= T["cell_chars"] for piece in text.split())
        and not _CELL_PUNCT.search(text)
        and not _HEADING_START.match(text)
        and not is_title_line(text)
    )


def _tables(items: list[Item], texts: list[str | None]) -> None:
    owned_end = None  # the last line of the report's own table so far
    for run in _runs(texts, _cell):
        cells = [c for k in run for c in re.split(f"[{WS}]+", texts[k] or "") if c]
        figures = sum(bool(FIGURE_RE.fullmatch(c)) for c in cells)
        if len(run) < T["table_lines"] or figures < T["table_figures"]:
            continue
        continued = owned_end is not None and not any(
            (t or "").rstrip().endswith(("。", "！", "？")) for t in texts[owned_end : run[0]]
        )  # the report's table going on (over a page or a head row): no sentence between
        if continued or _announced(texts, run):
            owned_end = run[-1]
        else:
            _aside(items, texts, run)


def _announced(texts: list[str | None], run: list[int]) -> bool:
    """The report announces its own table: a caption (表1 …, 附件1) among the run's lines (an
    extractor writes cells and captions alike, a line each) or on one of the three lines before it
    (a head row 指标名称 单位 增长（%） and a title may stand between), or a line ending in ： there that
    says a table or the targets follow (…主要预期目标如下：), or a sentence there that sends the reader
    to it (具体指标见附件1。). Its rows stay, a paragraph each, as in a
    text report; a table printed beside the report, wherever it falls in the text, is not."""
    if any(TABLE_CAPTION_RE.match(texts[k] or "") for k in run):
        return True
    before = [t.rstrip() for t in reversed(texts[: run[0]]) if t][: T["table_announce_lines"]]
    for line in before:
        if TABLE_CAPTION_RE.match(line):
            return True
        if (line.endswith(("：", ":")) and TABLE_ANNOUNCED_RE.search(line)) or TABLE_REFERRED_RE.search(line):
            return True
    return False


def _box(texts: list[str | None], k: int) -> list[int]:
    """The lines of the box (lines between blanks) line k ends."""
    start = k
    while start > 0 and texts[start - 1]:
        start -= 1
    return list(range(start, k + 1))


def _captions(items: list[Item], texts: list[str | None]) -> None:
    for k, text in enumerate(texts):
        if text and CREDIT_RE.search(text) and (k + 1 == len(texts) or not texts[k + 1]):
            box = _box(texts, k)
            if len(box) <= T["caption_lines"]:
                _aside(items, texts, box)


def _story_above(items: list[Item], texts: list[str | None]) -> None:
    """Another article above the report on its first page: running text before the report's title
    line, or a story opened by its dateline (本报讯（记者 刘洋）昨日上午，…) before anything of the
    report's. Not where what comes before reads as the report's own (a heading, the salutation: the
    extractor wrote the title after the columns), nor more than a short story's lines."""
    end = next((k for k, (line, _) in enumerate(items) if line is not None and "\f" in line), len(items))
    end = min(end, T["first_page_lines"], len(texts))
    for k in range(end):
        text = texts[k]
        if not text:
            continue
        if is_title_line(text) and "政府工作报告" in text:
            before = [j for j in range(k) if texts[j]]
            if (
                len(before) <= T["story_lines"]
                and any(t[-1:] in "。！？”" for j in before if (t := texts[j]))
                and not any(_reports_own(t) for j in before if (t := texts[j]))
            ):
                _aside(items, texts, before)
            return
        if _reports_own(text):
            return
        if (m := DATELINE_RE.match(text)) and text[m.end() :] and not _reports_own(text[m.end() :]):
            story = _story(texts, k, end)
            if story:
                _aside(items, texts, story)
            return


def _story(texts: list[str | None], k: int, end: int) -> list[int]:
    """The lines of the story whose dateline opens line k: its headline (the lines of the box before
    it) and its text up to the first box that ends a sentence."""
    lines = [j for j in range(k - 1, -1, -1) if texts[j]][:2]
    lines = [j for j in lines if j >= k - 2 and not _CELL_PUNCT.search(texts[j] or "")]
    j = k
    while j < end:
        if texts[j]:
            lines.append(j)
            if texts[j][-1:] in "。！？”" and (j + 1 >= len(texts) or not texts[j + 1]):
                return sorted(lines) if len(lines) <= T["story_lines"] else []
        j += 1
    return []


def _reports_own(text: str) -> bool:
    return bool(PART_RE.match(text) or SECTION_RE.match(text) or is_unnumbered_part(text)) or text.startswith(
        "各位代表"
    )


def _boxed_stories(items: list[Item], texts: list[str | None]) -> None:
    """A story boxed beside the report (代表委员热议…): a headline alone at a box's start, then a
    box of whole sentences set to the box's own measure, two characters or more off the measure
    most of the report's lines fill. The headline is set apart, well short of that measure (a
    paragraph's first line is two characters short: its indent lost) and ends on no word that
    runs on. (A report's own unnumbered headings are its parts, notes, kickers and title lines:
    none of them is taken.)"""
    n = len(texts)
    usual = 0
    for k, text in enumerate(texts):
        if not text or (k and texts[k - 1]) or not _headline(text):
            continue
        start = k + 1 + (k + 1 < n and texts[k + 1] == "")
        body = []
        j = start
        while j < n and texts[j]:
            body.append(j)
            j += 1
        if not 2 <= len(body) <= T["boxed_lines"] or (texts[body[-1]] or "")[-1:] not in "。！？”":
            continue
        if _table_row(text) or any(
            _reports_own(t) or is_title_line(t) or _table_row(t) for b in body if (t := texts[b])
        ):
            continue  # the report's own table, or a line of it, is no story
        measure = max(width(texts[b] or "") for b in body)
        if width(text) > measure - T["headline_short"]:
            continue  # a line nearly filling the measure is a paragraph's first line, no headline
        usual = usual or _usual_measure(texts)
        if abs(usual - measure) >= T["measure_gap"]:
            _aside(items, texts, [k, *body])


def _headline(text: str) -> bool:
    low, high = T["headline_chars"]
    return (
        low <= len(text) <= high
        and text[-1] not in NON_FINAL
        and not _CELL_PUNCT.search(text)
        and not _reports_own(text)
        and not TITLE_RE.match(text)
        and not STANDALONE_RE.match(text)
        and not NOTES_HEAD_RE.match(text)
        and not is_kicker(text)
        and not FIGURE_RE.search(text[:1])
    )


def _table_row(text: str) -> bool:
    """A table's row written a line: cells apart by spaces, one of them a figure alone (亿元 62.5)."""
    cells = re.split(f"[{WS}]+", text.strip())
    return len(cells) >= 2 and any(FIGURE_RE.fullmatch(c) for c in cells)


def _usual_measure(texts: list[str | None]) -> int:
    """The width most lines of the text fill (its columns' measure)."""
    counts = Counter(w for t in texts if t and (w := width(t)) >= T["min_measure"])
    return counts.most_common(1)[0][0] if counts else 0


def _datelines(items: list[Item], texts: list[str | None]) -> None:
    for k, text in enumerate(texts):
        if not text or not (m := DATELINE_RE.match(text)):
            continue
        rest = text[m.end() :]
        if rest:
            line = items[k][0] or ""
            indent = line[: len(line) - len(line.lstrip(WS_CHARS))]
            items[k] = (indent + rest, [*items[k][1], m.group().strip(WS_CHARS)])
            texts[k] = rest
        else:
            _aside(items, texts, [k])
