"""What a reader must be told about a text the pipeline reads, but cannot read as a report: too
little Chinese text (a wrong file, or a file in an encoding that decoded to something else), no
sentence ends (no sentence can be told apart), a long text without a single heading (no outline).

Pure: `warnings(doc)` returns sentences for a person; the command line prints them on stderr (the
output itself is unchanged), so nobody labels garbage without having been told.
"""

from __future__ import annotations

import re

from reader.text.chars import END, HAN
from reader.text.model import Document

MIN_HAN_SHARE = 0.3
"""A report is Chinese text: figures, Latin words and punctuation are well under two thirds of it."""
MIN_CHARS = 20
"""Below this, a text is a fragment: no share of it says anything."""
MIN_SENTENCE_CHARS = 200
"""…and a text this long without a sentence end is no report."""
NO_HEADINGS_CHARS = 3000
"""A report this long always has parts or sections (a feature has its kickers)."""

_HAN = re.compile(f"[{HAN}]")
_END = re.compile(END)
_NOT_SPACE = re.compile(r"\S")


def warnings(doc: Document) -> list[str]:
    return [*doc.notices, *_text_warnings(doc)]


def _text_warnings(doc: Document) -> list[str]:
    text = doc.text
    visible = len(_NOT_SPACE.findall(text))
    if visible < MIN_CHARS:
        return []
    han = len(_HAN.findall(text))
    if han < MIN_HAN_SHARE * visible:
        return [
            f"only {100 * han // visible}% of its characters are Chinese: this does not look like a work report "
            "(a wrong file, or one saved in an encoding other than UTF-8, UTF-16 or GB18030?)"
        ]
    out = []
    if visible >= MIN_SENTENCE_CHARS and not _END.search(text):
        out.append("no sentence ends (。！？) found: sentences cannot be told apart; is the text complete?")
    if len(text) >= NO_HEADINGS_CHARS and not any(h.level <= 2 for h in doc.outline):
        out.append("no part or section headings found (一、…, （一）…): the outline is empty")
    return out
