"""Robustness: each seed's clean text, hard-wrapped again at other column widths (with blank lines
between paragraphs, and with run-in headings glued to their paragraph as some papers print them),
gives the same outline and the same sentences. The wrap here is naive (it may put ，or 。 at a line
start), which is harder than any newspaper."""

import re
from functools import cache
from pathlib import Path

import pytest

from reader.text.chars import width
from reader.text.pipeline import load_document, process_text

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
NAMES = sorted(p.stem for p in CORPUS.glob("*.txt"))


def wrap(text: str, cells: int) -> list[str]:
    lines, cur = [], ""
    for token in re.findall(r"[0-9.%A-Za-z]+|.", text):
        if cur and width(cur + token) > cells:
            lines.append(cur)
            cur = ""
        cur += token
    return [*lines, cur] if cur else lines


@cache
def doc(name):
    return load_document(CORPUS / f"{name}.txt")


def nows(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.mark.parametrize("run_in", [False, True], ids=["own-line", "run-in"])
@pytest.mark.parametrize("cells", [30, 34, 40, 44, 48, 60])
@pytest.mark.parametrize("name", NAMES)
def test_rewrapped_seed_gives_the_same_outline_and_sentences(name, cells, run_in):
    d = doc(name)
    paras = [(p, d.text[p.start : p.end]) for p in d.paragraphs]
    lines: list[str] = []
    k = 0
    while k < len(paras):
        p, text = paras[k]
        if run_in and p.kind == "heading" and text.endswith("。") and k + 1 < len(paras):
            text += paras[k + 1][1]
            k += 1
        lines += [*wrap(text, cells), ""]
        k += 1
    again = process_text("\n".join(lines), d.id)
    assert [(h.level, nows(h.title)) for h in again.outline] == [(h.level, nows(h.title)) for h in d.outline]
    assert [nows(s.text) for s in again.sentences] == [nows(s.text) for s in d.sentences]
