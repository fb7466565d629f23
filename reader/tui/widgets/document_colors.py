"""Label colours made readable on the view's actual background (light or dark theme).

Label sets give one colour per label (`#3584e4`); mid-tone colours that read well on a dark
background can be faint on a light grey one. `readable` darkens (or lightens) a colour just enough
to reach a contrast ratio, keeping its hue, so the same label set works in every theme. Suggested
sentences keep the text's brightness with a tint of their label; sentences suggested `none` recede a
little (never below AA contrast), so the content, not the ceremony, stands out.
"""

from __future__ import annotations

from textual.color import Color

LABEL_CONTRAST = 4.5
"""Minimum WCAG contrast of label text against the background (AA for body text)."""
SUGGESTION_TINT = 0.25
"""How far a suggested sentence's text colour is blended from the text colour towards its label's
colour: a hint of the hue on text as bright as any other (a suggestion is not a label, but the
content it marks must not look faded)."""
NONE_FADE = 0.3
"""How far the text of a sentence suggested `none` (ceremony, guiding ideology, headings' echoes)
is blended towards the background: it recedes a little so content stands out."""
NONE_CONTRAST = 4.5
"""…but never below this contrast (WCAG AA for body text): a wrong `none` must stay readable."""


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


def none_color(foreground: Color, background: Color) -> Color:
    """The colour of a sentence suggested `none`: the text colour a little towards the background."""
    faded = foreground.blend(background, NONE_FADE)
    step = NONE_FADE
    while contrast(faded, background) < NONE_CONTRAST and step > 0:
        step = max(0.0, step - 0.05)
        faded = foreground.blend(background, step)
    return faded


def readable_spans(text, background: Color, minimum: float = LABEL_CONTRAST):
    """A copy of a Rich `Text` whose coloured spans (label colours) are `readable` on `background`."""
    from rich.style import Style
    from rich.text import Span

    out = text.copy()
    spans = []
    for span in out.spans:
        style = Style.parse(span.style) if isinstance(span.style, str) else span.style
        if style.color is not None and style.color.triplet is not None:
            color = readable(Color.from_rich_color(style.color), background, minimum)
            style = style + Style(color=color.rich_color)
        spans.append(Span(span.start, span.end, style))
    out.spans = spans
    return out
