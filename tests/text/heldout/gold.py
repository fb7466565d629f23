"""The held-out set's hand-read gold: parse a gold file (format in README.md) into what a careful
reader gets from the report: the outline as a tree, every unit with its section path, the paragraph
texts, and the page chrome that must never be a unit.

Independent of reader/text: the sentence split here is written from the reports' punctuation, not
taken from reader/text/sentences.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold"
RAW = HERE / "raw"

_LEADIN = re.compile(r"\{\{(.+?)\}\}")
# A sentence ends at 。！？ (full or half width) and at an ASCII full stop that is neither a decimal
# point (6.2%) nor an item number's (1.做强…, 一.2023年…); closing quotes and brackets stay with it.
_END = re.compile(r"(?:[。！？!?]|(?<![0-9])\.(?![0-9])|(?<=[0-9])\.(?![0-9]))+[”’）》」』】\"]*")
_ITEM_NUMBER = re.compile(r"[0-9一二三四五六七八九十]{1,3}\.$")
_FULL = str.maketrans(
    {
        **{chr(0xFF10 + k): str(k) for k in range(10)},
        **{chr(0xFF21 + k): chr(0x41 + k) for k in range(26)},
        **{chr(0xFF41 + k): chr(0x61 + k) for k in range(26)},
        "％": "%",
        "．": ".",
        ",": "，",
        ";": "；",
        ":": "：",
        "(": "（",
        ")": "）",
        "!": "！",
        "?": "？",
        '"': "“",
        "”": "“",
    }
)
_WS = re.compile(r"\s+")


def norm(text: str) -> str:
    """How texts are compared: whitespace out, full-width digits and letters half-width, half-width
    punctuation full-width, quotes unified."""
    return _WS.sub("", text).translate(_FULL)


def split_sentences(text: str) -> list[str]:
    out, start = [], 0
    for m in _END.finditer(text):
        if m.group(0) == "." and _ITEM_NUMBER.fullmatch(text[start : m.end()]):
            continue  # the full stop of an item number
        out.append(text[start : m.end()])
        start = m.end()
    if text[start:].strip():
        out.append(text[start:])
    return out


@dataclass(frozen=True)
class Para:
    kind: str  # heading, text, title, note, chrome
    text: str
    depth: int = 0
    leadins: tuple[str, ...] = ()


@dataclass
class Gold:
    name: str
    paragraphs: list[Para]
    outline: list[tuple[str, ...]] = field(default_factory=list)
    """Every outline entry as its path (titles from the top down to it): depth and parents both count."""
    units: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    """(text, section path) of every unit: headings, title lines, sentences (notes: no section)."""
    chrome: list[str] = field(default_factory=list)


def parse(name: str, source: str) -> Gold:
    paras: list[Para] = []
    for line in source.splitlines():
        if not line.strip():
            continue
        if line.startswith("#"):
            marks = len(line) - len(line.lstrip("#"))
            paras.append(Para("heading", line[marks:].strip(), marks))
        elif line[:2] in ("@ ", "^ ", "~ "):
            paras.append(Para({"@": "title", "^": "note", "~": "chrome"}[line[0]], line[2:]))
        else:
            paras.append(Para("text", _LEADIN.sub(r"\1", line), leadins=tuple(_LEADIN.findall(line))))
    gold = Gold(name, paras)
    stack: list[tuple[int, str]] = []
    for p in paras:
        if p.kind == "heading":
            while stack and stack[-1][0] >= p.depth:
                stack.pop()
            stack.append((p.depth, p.text))
            path = tuple(t for _, t in stack)
            gold.outline.append(path)
            gold.units.append((p.text, path))
        elif p.kind == "chrome":
            gold.chrome.append(p.text)
        elif p.kind == "title":
            gold.units.append((p.text, ()))
        elif p.kind == "note":
            gold.units += [(s, ()) for s in split_sentences(p.text)]
        else:
            # A lead-in opens a section one level below the innermost heading, up to the next
            # lead-in or the paragraph's end.
            base = tuple(t for _, t in stack)
            current = base
            for s in split_sentences(p.text):
                if s in p.leadins:
                    current = (*base, s)
                    gold.outline.append(current)
                gold.units.append((s, current))
    return gold


def golds() -> list[Gold]:
    return [parse(p.stem, p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.txt"))]
