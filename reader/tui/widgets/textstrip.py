"""A Rich `Text` of one line as a `Strip`, quickly: the Line-API widgets (outline, statistics) draw
each row from a Text, and `Text.render` (wrapping, justification, a console) cost more than the
rest of drawing the row.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip


@lru_cache(maxsize=256)
def _style(style: str) -> Style:
    return Style.parse(style)


def text_strip(text: Text, base: Style, width: int) -> Strip:
    """`text` (one line, no wrapping) over `base`, cut or padded to `width` cells."""
    plain = text.plain
    cuts = {0, len(plain)}
    spans = []
    for span in text.spans:
        style = _style(span.style) if isinstance(span.style, str) else span.style
        spans.append((span.start, span.end, style))
        cuts.update((span.start, span.end))
    points = sorted(c for c in cuts if 0 <= c <= len(plain))
    start_style = base + (_style(text.style) if isinstance(text.style, str) and text.style else Style())
    segments = []
    for a, b in itertools.pairwise(points):
        style = start_style
        for sa, sb, span_style in spans:  # in order: later spans win, as in Rich
            if sa <= a and b <= sb:
                style = style + span_style
        segments.append(Segment(plain[a:b], style))
    return Strip(segments).adjust_cell_length(width, base)
