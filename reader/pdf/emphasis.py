"""Sentences the print sets apart by weight inside a paragraph: the PDF's evidence of lead-ins.

Newspapers and government prints set a paragraph's topic sentences (提振消费需求。, 二是大力提振消费。)
in bold or 黑体 where the text runs on in the body face. Text extractors lose that; the layout
reader keeps each character's weight (`Line.strong`), and a sentence wholly set heavier than the
body, inside a paragraph of body text, is handed to the pipeline as a lead-in (by its
`content_key`, which cleaning does not change).
"""

from __future__ import annotations

import re

from reader.pdf.layout import Line, Paragraph
from reader.text.chars import SENTENCE_END, content_key

_SENTENCE = re.compile(f"[^{SENTENCE_END}]*[{SENTENCE_END}][”’」』）)]*")


def emphasised_sentences(paras: list[Paragraph], lines: list[Line]) -> frozenset[str]:
    """Content keys of the sentences set wholly heavier than the body inside a paragraph that is not
    itself set apart (a heading, a title)."""
    by_no = {ln.no: ln for ln in lines}
    found: set[str] = set()
    for para in paras:
        if para.set_apart:
            continue
        text, strong = "", []
        for no, piece in para.pieces:
            ln = by_no.get(no)
            at = ln.text.rfind(piece) if ln is not None and ln.strong else -1
            text += piece
            strong += ln.strong[at : at + len(piece)] if at >= 0 else [False] * len(piece)
        if not any(strong):
            continue
        for m in _SENTENCE.finditer(text):
            flags = [f for ch, f in zip(m.group(), strong[m.start() : m.end()], strict=True) if not ch.isspace()]
            if flags and all(flags) and (key := content_key(m.group())):
                found.add(key)
    return frozenset(found)
