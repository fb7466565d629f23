"""Every threshold of PDF reading, with its reason. Lengths are in units of the body text size
(one Chinese character, "em") unless said otherwise.
"""

RUN_BREAK_GAP = 0.8
"""Characters further apart than this along a baseline belong to different runs: justified Chinese
text adds at most ~0.3 em between characters, while column gutters are ≥ 1 em."""

RUN_BREAK_RISE = 0.3
"""A baseline change of more than this starts a new run (a new printed line)."""

ROTATED = 0.2
"""Text turned by more than this (the sine of its angle: ~12°) is left out: papers run their
publication data up the margin and label pictures at an angle; a report is set upright."""

FRAME_MIN = 20.0
"""A drawn shape at least this many points wide and tall may frame text (a box round another
article or a pull quote); rules and hairlines are thinner."""

FRAMED_MAX_SHARE = 0.4
"""Text inside a frame holding less than this share of the page's characters is another article, a
pull quote or a fact box beside the report, kept aside; a frame round (most of) the page's text is a
page border, and its text is the report."""

SAME_BASELINE = 0.25
"""Runs whose baselines differ by less than this are on one printed line."""

BAND_GAP = 1.0
"""A horizontal gap this tall across a whole region separates bands read one after the other (the
running head from the columns, a banner from the text): line spacing leaves less than ~0.6 em."""

TAIL_GAP = 3.0
"""A band below a gap goes on down a column of the band above (`TAIL_LONGER`) only if the gap is no
taller than this: the space above a heading; a staff line or caption at the foot stands further off."""

TAIL_LONGER = 1.5
"""… and only if that column reaches this much lower than every other column above the gap: the
band's text continues the one column still running (balanced columns end level)."""

MIN_GUTTER = 0.5
"""A vertical channel at least this wide with no text across it separates columns."""

CHANNEL_COVERAGE = 0.2
"""A channel blocked only by a few wide lines (banners, spanning headings) still separates columns
if, along it, fewer lines cross it than this share of the busiest column beside it."""

HEADLINE_OVER_COLUMNS = 3
"""A channel crossed by a single line still separates columns when at least this many lines stand on
each side of it: a short article's headline over its columns of three or four lines each (under
`CHANNEL_COVERAGE` a single crossing line needs five lines beside it)."""

SPREAD_ASPECT = 1.2
"""A page this many times wider than tall is a spread of two pages side by side (跨版), when no line
crosses its middle; newspaper and A4 pages are portrait."""

WIDE_GUTTER = 2.0
"""A free gutter at least this many times wider than the next widest is cut first, alone: the space
between the report and a note down the margin or an article beside it; column gutters are alike."""

APART_WIDTH = 0.8
"""A line centered on a region of columns, above (below) all its other lines, and narrower than this
share of the region's typical line (or in another size) is a title block or signature line, read
before (after) the columns, even when it happens to lie within one column."""

APART_SLACK = 0.2
"""How far such a line may reach into the first (last) line's height and still be above (below) it."""

INDENT = 1.2
"""A line starting this far right of its column's left edge opens a paragraph (the first-line indent
is two characters; one character of tolerance for a punctuation mark hung or squeezed)."""

SHORT_LINE = 0.8
"""A line ending this far left of its column's right edge ends its paragraph: justified lines reach
the edge, a paragraph's last line stops short (a full last line is caught by the next line's indent).
A line set larger than the body (a wrapped heading) is short only by one of its own characters: a
column of whole body characters leaves up to that much after its last character."""

CENTERED = 1.5
"""A line with at least this much space on both sides, balanced within `CENTERED_BALANCE`, is set
centered: a title, a banner, a heading."""

CENTERED_BALANCE = 1.0

SIZE_CHANGE = 1.12
"""Text this much larger than the body, or than the line before, is set in another size: a new
paragraph (titles, part headings)."""

HEADING_LINES = 3
"""A paragraph set apart (centred or wholly emphasised) of at most this many lines, with no sentence
end inside, is a heading wrapped in a narrow column: the pipeline is given it as one line, so a
first line that reads as a heading of its own (`二、2026年主要目标` / `和重点工作`) is not cut off."""

VERTICAL_MIN_CHARS = 3
VERTICAL_PITCH = 1.6
"""At least `VERTICAL_MIN_CHARS` one-character lines at one x, each at most `VERTICAL_PITCH` of its
size below the one above, are text set vertically (a section name down the margin); horizontal
text never stacks single characters (a line holding one character ends a paragraph, and the next
line starts at the column's edge with more)."""

MARGIN_ZONE = 0.1
"""Share of the page height at its top and bottom where running heads and feet are printed."""

RUNNING_HEAD_CHARS = 24
"""A running head or foot read by its words (`第2版`, a date, `责任编辑：…`) is short; a longer line
with a date in it is text (a dateline, a sentence)."""

SAME_ROW = 0.6
"""Lines of a running head within this many of their sizes of each other stand on one row (the
paper's name, set larger, beside the page number and the date)."""

REPEAT_TOLERANCE = 0.02
"""Running heads and feet repeat on other pages within this share of the page height."""

SCANNED_MIN_CHARS = 20
"""A page with fewer text characters than this (and an image) has no text layer worth reading."""

SCANNED_MAX_SHARE = 0.5
"""A PDF with more than this share of scanned pages is a scan (a typed cover or a stamp line on each
page must not pass for the report); fewer may be a cover or a photo page, read around."""

GARBLED_SHARE = 0.3
"""More than this share of unmapped characters (U+FFFD, private use): the fonts carry no Unicode."""

HAN_MIN_SHARE = 0.5
"""Fewer Chinese characters than this share of the letters (Han and Latin): the text does not read
as the Chinese report printed (fonts without a ToUnicode map give glyph codes read as `ÄÅÇÉÑ…`); a
report's Latin (GDP, 5G, PM2.5) is a small share."""

TITLE_SIZE = 1.5
"""A report's title is set at least this many body sizes large (papers: 2–3; a government file's
小标宋 title 22 pt over a 16 pt body: 1.4 with a 15 pt body is a part heading's size); part
headings (一、…) and subtitles are set smaller."""

TABLE_ROW_PITCH = 3.0
"""Rows of a table (three short cells or more on a baseline) follow each other within this many of
their sizes (a ruled table's rows stand further apart than lines of text)."""

TABLE_COVER_LINES = 6.0
TABLE_COVER_SIZE = 1.25
"""… and lie within this many of their sizes of a line of text that spans them all, set at most
this many times their size: the column's text above or below the table. Lines of neighbouring
columns are spanned only by a banner or a headline, set larger."""

NOTE_SIZE = 0.95
"""A footnote is set smaller than the body: at most this share of its size (papers set notes a
point or two smaller: 9 on 10.5, 8 on 10)."""

NOTE_PITCH = 1.8
"""A footnote's lines follow each other within this many of their sizes."""

NOTE_GAP = 0.8
"""… and stands this far below the text above it (a short rule and space set footnotes off; the
notes at a report's end run on at the line pitch under their 注释 line)."""
