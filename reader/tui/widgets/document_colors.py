"""Label colours made readable on the view's actual background (light or dark theme).

Label sets give one colour per label (`#3584e4`); mid-tone colours that read well on a dark
background can be faint on a light grey one. `readable` darkens (or lightens) a colour just enough
to reach a contrast ratio, keeping its hue, so the same label set works in every theme.
"""

from __future__ import annotations

from textual.color import Color

LABEL_CONTRAST = 4.0
"""Minimum WCAG contrast of label text against the background."""
SUGGESTION_TINT = 0.3
"""How far a suggestion's colour is blended from the text colour towards its label colour: mostly
the text colour (a suggestion is not a label), with a hint of the label's hue. The view draws it
dim as well, so it reads as fainter than both the text and the real labels."""


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(a: Color, b: Color) -> float:
    """WCAG contrast ratio of two colours (1 … 21)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(color: Color, background: Color, minimum: float = LABEL_CONTRAST) -> Color:
    """`color`, moved towards black (light background) or white (dark) until it has `minimum` contrast."""
    target = Color(0, 0, 0) if _luminance(background) > 0.18 else Color(255, 255, 255)
    adjusted = color
    step = 0
    while contrast(adjusted, background) < minimum and step < 12:
        step += 1
        adjusted = color.blend(target, step / 12)
    return adjusted


def suggestion_color(label_color: Color, foreground: Color) -> Color:
    """The colour of a suggested (not yet accepted) label's text: the text colour tinted by the label."""
    return foreground.blend(label_color, SUGGESTION_TINT)
