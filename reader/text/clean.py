"""Clean: one raw line → the same characters minus page furniture and spurious whitespace.

Page furniture is the newspaper's continuation markers (（上接第一版）, （下转第3版）, (上接第一版)),
also when glued to a sentence, and whole lines of a web page's chrome (当前位置：…, 来源：…, 打印本页,
首页 > …, 上一篇：…, 主办单位：…, a WeChat article's 原创 header, 阅读原文, 分享 收藏 点赞 在看) or
of a browser's print header and footer (a date and time, a URL, 1/15). Kangxi radicals that PDF
extraction gives for ordinary characters (⽉) become those characters. What is dropped is returned so
the pipeline can keep a record.
Spaces left by PDF extraction are removed between Chinese and digits/Latin, next to Chinese
punctuation, between a number and its decimal point or sign (`5 . 6 %`), inside letter-spaced runs
(政 府 工 作, pdfminer.six's justified `加 到8 2 . 7万 亿 元`), between Chinese characters in running
text, and at line ends; a space between two Latin words or numbers, or between two Chinese phrases of
a title-like line (投资打好头阵 消费挖掘潜能), is kept as one space.
The cells of a table row (three short cells or more, apart by wide gaps) keep one ideographic space
between them: `地区生产总值　亿元　156.8　5.9`, never `亿元156.85.9`.
Two repairs of the whole text come first (`repair`): a text saved from a web page's source gets its
HTML character references (&nbsp; &ldquo; &mdash; &#8220;) decoded when it has several, and the
letter O or digit 0 that OCR reads for the 〇 of a written-out year (二O二二年, 二00八年) becomes 〇.
Nothing else is ever changed: no punctuation is normalised, no character added or reordered.
"""

from __future__ import annotations

import re
import unicodedata

from reader.text.chars import CJK_PUNCT, HAN, WS, WS_CHARS, ends_sentence
from reader.text.decode import line_indices

_ENTITY = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,7}|#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6});")
ENTITIES_MIN = 3
"""A text holding this many HTML character references was saved from a page's source: one or two
`&…;` may be the report's own characters (R&D;)."""


_OCR_ZERO = re.compile("(?<=[一二三四五六七八九〇])[OoΟО○0０]+(?=[〇一二三四五六七八九OoΟО○0０]*年)")
"""The 〇 of a year written out in characters (二〇二二年), read by OCR as a letter O or a digit 0."""


def repair(text: str) -> str:
    """The whole-text repairs (see the module's docstring), before the text is split into lines."""
    text = unescape_entities(text)
    # Looked for only before each 年 (a report has a few dozen): far cheaper than a scan of every character.
    at = text.find("年")
    while at >= 0:
        if _OCR_ZERO.search(text, max(0, at - 6), at + 1):
            return _OCR_ZERO.sub(lambda m: "〇" * len(m.group(0)), text)
        at = text.find("年", at + 1)
    return text


def unescape_entities(text: str) -> str:
    """Decode the HTML character references of a text saved from a web page's source (&nbsp; is a
    no-break space, &ldquo; a quote); a text with fewer than `ENTITIES_MIN` is left as it is."""
    if "&" not in text:
        return text
    for found, _ in enumerate(_ENTITY.finditer(text), 1):
        if found >= ENTITIES_MIN:
            from html import unescape  # (its table of entities is large: imported only when needed)

            return _ENTITY.sub(lambda m: unescape(m.group(0)), text)
    return text


FURNITURE_RE = re.compile(
    rf"[（(][{WS}]*(?:上接|下转|紧接|接上|转下|接|转|续)[{WS}]*第?[{WS}]*"
    rf"[0-9０-９一二三四五六七八九十]{{1,3}}[{WS}]*[版页][{WS}]*[）)]"
)
_SPACED_CHAR = rf"[{HAN}{CJK_PUNCT}0-9.．%]"
_LETTER_SPACED = re.compile(rf"(?:{_SPACED_CHAR}[{WS}]+){{2,}}{_SPACED_CHAR}|^{_SPACED_CHAR}[{WS}]+{_SPACED_CHAR}$")
"""Single characters each followed by a space: a justified line as pdfminer.six gives it (`8 2 . 7万`),
a heading letter-spaced with U+3000 (a wider gap in it is a word space), or its last two characters
wrapped onto a line of their own (`取　向`)."""
_SPACED_BETWEEN = re.compile(rf"[{WS}]{_SPACED_CHAR}[{WS}]")
_SPACED_PAIR = re.compile(rf"{_SPACED_CHAR}[{WS}]+{_SPACED_CHAR}")
"""A `_LETTER_SPACED` match holds a spaced character between two gaps (`_SPACED_BETWEEN`), or is the
whole line, two characters apart (`_SPACED_PAIR`): far quicker to look for in a long line, where
most characters are `_SPACED_CHAR` and `_LETTER_SPACED` tries a match at each of them."""
_LETTER_GAP = re.compile(rf"[{WS}]+")
_INNER_WS = re.compile(rf"(?<=([^{WS}]))[{WS}]+(?=([^{WS}]))")
_HAN_ONLY = re.compile(rf"[{HAN}]")
_ANY_WS = re.compile(rf"[{WS}]")
_BODY_PUNCT = re.compile(r"[，。；、！？,;!?]")  # not the colon: 山西忻州：聚焦使命 厚植…


# Lines of a web page's chrome or of a browser's print header/footer: never report text.
_CHROME_FIRST = (
    "当发更成来信作编阅浏点访【字扫打关分返网首上下主承技版原审责监排统喜收在转写您现联使楼本回引举只签T0-9h_=*~\\-"
    "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
)
"""The first character of every form of `CHROME_RE` (keep the two in step): a look at it turns away
most lines at once, before the forms are tried one by one."""
CHROME_RE = re.compile(
    rf"^(?=[{_CHROME_FIRST}])"
    r"(?:(?:您)?(?:当前|现在)的?位置[：:>].*|(?:发表|发布|更新|成文)(?:时间|日期)[：:].{0,90}|(?:来源|信息来源|作者|编辑)[：:].{0,60}"
    r"|(?:阅读量|浏览次数|点击数|访问量)[：:]?[0-9０-９]*.{0,4}|【?字体[：:].{0,12}】?|扫一扫在手机打开当前页|打印本页|关闭窗口"
    r"|(?:【(?:打印本页|打印|关闭窗口|关闭|返回顶部|收藏)】[ \t\u3000\u00a0]*)+|分享到[：:]?.{0,30}|返回顶部"
    # a site's menu bar and its footer's links, items apart by bars: 首页 | 政务公开 | …
    r"|(?:首页|网站地图|联系我们|使用帮助)(?:[ \t\u3000\u00a0]*[|｜丨][ \t\u3000\u00a0]*[^ \t|｜丨]{2,8}){2,9}"
    # a site's breadcrumb, links to the next and previous page, its footer (owner, site code, licence)
    r"|(?:网站)?首页[ \t\u3000]*[>＞›»].{0,80}|(?:上一篇|下一篇|上一条|下一条)[：:].{0,60}"
    r"|(?:主办单位|承办单位|主办|承办|技术支持|网站标识码|版权所有|网站地图)[：:].{0,90}|[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]ICP备.{0,40}"
    # a WeChat article's header, credits and action bar
    r"|原创[ \t\u3000].{0,40}[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日.{0,20}|点击(?:上方|下方)?蓝字.{0,12}"
    r"|(?:审核|责编|监制|排版|统筹)[：:].{0,30}|阅读原文|喜欢此内容的人还喜欢"
    r"|(?:分享|收藏|点赞|在看|转发|写留言)(?:[ \t\u3000]*(?:分享|收藏|点赞|在看|转发|写留言)){1,5}"
    r"|[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}[ \t]+[0-9]{1,2}:[0-9]{2}.{0,40}"
    # a forum post's lines: the poster's line, the edit note, the action links, a signature and the
    # rule above it
    r"|楼主[：:].{0,60}|本帖最后由.{0,40}编辑|签名档?[：:].{0,60}"
    r"|发表于[ \t\u3000]*[0-9]{4}[-/][0-9]{1,2}[-/][0-9]{1,2}.{0,30}"
    r"|(?:回复|引用|举报|只看该作者|TOP)(?:[ \t\u3000]+(?:回复|引用|举报|只看该作者|TOP|收藏|分享)){1,6}|[-_=*~]{5,}"
    r"|https?://\S+(?:[ \t]+[0-9]{1,3}/[0-9]{1,3})?|[0-9]{1,3}/[0-9]{1,3})$"
)
# Kangxi radicals, CJK radical supplements and CJK compatibility ideographs that PDF text
# extraction gives for ordinary characters (⽉ for 月, 年 for 年: a font's Unicode map names the
# glyph's other code point): only these are normalised (NFKC on the whole text would turn ，：（）
# into ASCII).
_RADICALS = re.compile("[\u2e80-\u2ef3\u2f00-\u2fd5\uf900-\ufad9]")
# The radical supplement's simplified forms that are whole characters have no NFKC mapping (⻓ stays
# ⻓): their look-alikes, from the radicals' names (CJK RADICAL C-SIMPLIFIED LONG is 长).
_SUPPLEMENT = {
    "⺠": "民", "⻄": "西", "⻅": "见", "⻆": "角", "⻉": "贝", "⻋": "车", "⻓": "长", "⻔": "门", "⻘": "青",
    "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻢": "马", "⻣": "骨", "⻤": "鬼", "⻥": "鱼",
    "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻬": "齐", "⻮": "齿", "⻰": "龙",
}  # fmt: skip


def _unradical(m: re.Match[str]) -> str:
    ch = m.group(0)
    return _SUPPLEMENT.get(ch) or unicodedata.normalize("NFKC", ch)


def unradical(text: str) -> str:
    """`text` with Kangxi radicals and compatibility ideographs as the ordinary characters they
    stand for, one character for one (the PDF reader maps them before it reads headings)."""
    return _RADICALS.sub(_unradical, text) if _RADICALS.search(text) else text


def drop_furniture(line: str) -> tuple[str, list[str]]:
    """Remove page continuation markers and page chrome; return the line and what was removed."""
    stripped = line.strip(WS_CHARS)
    if stripped and CHROME_RE.match(stripped):
        return "", [stripped]
    if "版" not in line and "页" not in line:
        return line, []
    dropped = FURNITURE_RE.findall(line)
    if not dropped:
        return line, []
    return FURNITURE_RE.sub("", line), dropped


def _space_in_body(m: re.Match[str]) -> str:
    left, right = m.group(1), m.group(2)
    # Latin words and numbers keep their space (`COVID 19`); not a number and its sign (`5 %`, `5 . 6`)
    return " " if left.isascii() and right.isascii() and left.isalnum() and right.isalnum() else ""


def _space_in_title(m: re.Match[str]) -> str:
    if _HAN_ONLY.match(m.group(1)) and _HAN_ONLY.match(m.group(2)):
        return " "  # two Chinese phrases of a title: 投资打好头阵 消费挖掘潜能
    return _space_in_body(m)


def _unspace(m: re.Match[str]) -> str:
    return _LETTER_GAP.sub(lambda g: " " if len(g.group(0)) > 1 else "", m.group(0))


CELL_GAP = "\u3000"
"""What separates the cells of a table row in the cleaned text (see `table_cells`)."""
_WIDE_GAP = re.compile(r"[\t\u3000]+| {2,}")
ROW_PUNCT = re.compile(r"[，。；！？：,;!?:]")
ROW_CELL_CHARS = 20
"""A table's cell (地区生产总值, 156.8, 增长（%）) is short; a longer piece is text."""


def table_cells(line: str) -> list[str] | None:
    """The cells of a line of a table of figures (指标名称　单位　完成值 / 地区生产总值   亿元   156.8),
    else None: three cells or more, apart by wide gaps (an ideographic space, a tab, two spaces),
    short, no sentence or clause punctuation, and most of them more than one Chinese character (a
    heading letter-spaced with U+3000 has one-character cells; a table's one-character cells are
    figures and units: `%　6.1　4`)."""
    cells = _WIDE_GAP.split(line)
    if len(cells) < 3 or ROW_PUNCT.search(line) or any(len(c) > ROW_CELL_CHARS for c in cells):
        return None
    wide = sum(1 for c in cells if len(c) >= 2 or not _HAN_ONLY.match(c))
    return cells if 3 * wide >= 2 * len(cells) else None


def clean_spaces(line: str) -> str:
    """Remove the spurious whitespace of PDF extraction from one line (see module docstring). A
    table row keeps one `CELL_GAP` between its cells."""
    line = line.strip(WS_CHARS)
    if not _ANY_WS.search(line):
        return line
    if ("\u3000" in line or "  " in line or "\t" in line) and (cells := table_cells(line)) is not None:
        return CELL_GAP.join(_INNER_WS.sub(_space_in_body, c) for c in cells)
    if (_SPACED_BETWEEN.search(line) or _SPACED_PAIR.fullmatch(line)) and _LETTER_SPACED.search(line):
        line = _LETTER_SPACED.sub(_unspace, line)
    # Between two Chinese characters a space means something only in a title-like line (short, no
    # sentence punctuation); in running text it is PDF debris (生 态环保, 增 长15.9%).
    title_like = len(line) <= 30 and not _BODY_PUNCT.search(line)
    return _INNER_WS.sub(_space_in_title if title_like else _space_in_body, line)


_WORK = re.compile(f"[{WS}版页]|{_RADICALS.pattern}")
"""A line with none of these (whitespace, the 版/页 of a page-turn marker, radicals) needs no
cleaning but the chrome test: most lines."""


_WORK_LINE = re.compile(f"(?:{_WORK.pattern})[^\n]*")  # the rest of the line: one match per line
_CHROME_LINE = re.compile("\n" + CHROME_RE.pattern.removeprefix("^"), re.MULTILINE)
"""`CHROME_RE` after a line end: the search jumps from line end to line end (run on LF + text)."""


def lines_to_clean(text: str) -> set[int]:
    """The lines (0-based) of `text` (lines joined by LF) that `clean_line` may change: those with a
    `_WORK` character, and whole lines of page chrome. Every other line is already clean
    (`clean_line(line) == (line, [])`), so a caller can skip it; two regex runs over the whole text
    find these few lines far faster than a call per line. (`CHROME_RE` reads each line whole, `.`
    never crosses a line end and `$` is its end: with MULTILINE it matches the same lines; a match at
    LF k of LF + text is at line k.)"""
    found = line_indices(text, [m.start() for m in _WORK_LINE.finditer(text)])
    found += line_indices(text, [m.start() for m in _CHROME_LINE.finditer("\n" + text)])
    return set(found)


def clean_line(line: str) -> tuple[str, list[str]]:
    """Furniture out, then whitespace: the cleaned line and the furniture dropped from it."""
    if not _WORK.search(line):
        return ("", [line]) if line and CHROME_RE.match(line) else (line, [])
    line, dropped = drop_furniture(line)
    if _RADICALS.search(line):
        line = _RADICALS.sub(_unradical, line)
    return clean_spaces(line), dropped


def drop_box_blanks(lines: list[tuple[str | None, list[str]]]) -> list[tuple[str | None, list[str]]]:
    """In a PDF extractor's text (it has form feeds between pages), a blank line after a line that
    does not end a sentence only closes one of the extractor's text boxes (pdfminer.six sets one
    after every box: a column's end, a wrapped heading's first line); it becomes None, like a
    furniture line. A blank after a sentence's end may be a paragraph break and stays."""
    if not any(line and "\f" in line for line, _ in lines):
        return lines
    out: list[tuple[str | None, list[str]]] = []
    last = ""
    for line, dropped in lines:
        if line is not None and not line.strip(WS_CHARS) and last and not ends_sentence(last):
            out.append((None, dropped))
            continue
        if line is not None:
            last = line.strip(WS_CHARS)
        out.append((line, dropped))
    return out
