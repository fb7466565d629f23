"""Clean: one raw line → the same characters minus page furniture and spurious whitespace.

Page furniture is the newspaper's continuation markers (（上接第一版）, （下转第3版）, (上接第一版)),
also when glued to a sentence. What is dropped is returned so the pipeline can keep a record.
Spaces left by PDF extraction are removed between Chinese and digits/Latin, next to Chinese
punctuation, inside letter-spaced runs (政 府 工 作), between Chinese characters in running text,
and at line ends; a space between two Latin words, or between two Chinese phrases of a title-like
line (投资打好头阵 消费挖掘潜能), is kept as one space.
Nothing else is ever changed: no punctuation is normalised, no character added or reordered.
"""

from __future__ import annotations

import re

from reader.text.chars import CJK_PUNCT, HAN, WS, WS_CHARS

FURNITURE_RE = re.compile(
    rf"[（(][{WS}]*(?:上接|下转|紧接|接上|转下|接|转|续)[{WS}]*第?[{WS}]*"
    rf"[0-9０-９一二三四五六七八九十]{{1,3}}[{WS}]*[版页][{WS}]*[）)]"
)
_LETTER_SPACED = re.compile(rf"(?:[{HAN}{CJK_PUNCT}][{WS}]){{2,}}[{HAN}{CJK_PUNCT}]")
_INNER_WS = re.compile(rf"(?<=([^{WS}]))[{WS}]+(?=([^{WS}]))")
_HAN_ONLY = re.compile(rf"[{HAN}]")
_ANY_WS = re.compile(rf"[{WS}]")
_BODY_PUNCT = re.compile(r"[，。；、！？,;!?]")  # not the colon: 山西忻州：聚焦使命 厚植…


def drop_furniture(line: str) -> tuple[str, list[str]]:
    """Remove page continuation markers; return the line and what was removed."""
    if "版" not in line and "页" not in line:
        return line, []
    dropped = FURNITURE_RE.findall(line)
    if not dropped:
        return line, []
    return FURNITURE_RE.sub("", line), dropped


def _space_in_body(m: re.Match[str]) -> str:
    left, right = m.group(1), m.group(2)
    return " " if left.isascii() and right.isascii() else ""  # Latin words keep their space


def _space_in_title(m: re.Match[str]) -> str:
    if _HAN_ONLY.match(m.group(1)) and _HAN_ONLY.match(m.group(2)):
        return " "  # two Chinese phrases of a title: 投资打好头阵 消费挖掘潜能
    return _space_in_body(m)


def clean_spaces(line: str) -> str:
    """Remove the spurious whitespace of PDF extraction from one line (see module docstring)."""
    line = line.strip(WS_CHARS)
    if not _ANY_WS.search(line):
        return line
    if _LETTER_SPACED.search(line):
        line = _LETTER_SPACED.sub(lambda m: re.sub(f"[{WS}]", "", m.group(0)), line)
    # Between two Chinese characters a space means something only in a title-like line (short, no
    # sentence punctuation); in running text it is PDF debris (生 态环保, 增 长15.9%).
    title_like = len(line) <= 30 and not _BODY_PUNCT.search(line)
    return _INNER_WS.sub(_space_in_title if title_like else _space_in_body, line)


def clean_line(line: str) -> tuple[str, list[str]]:
    """Furniture out, then whitespace: the cleaned line and the furniture dropped from it."""
    line, dropped = drop_furniture(line)
    return clean_spaces(line), dropped
