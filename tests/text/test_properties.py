"""Property tests: wrap clean paragraphs the way the newspaper PDFs do, and get them back."""

import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reader.text.chars import width
from reader.text.pipeline import process_text
from reader.text.reflow import THRESHOLDS
from reader.text.sentences import text_key

HAN = "经济发展质量效益稳步提升全面推进改革开放城乡融合民生福祉持续增进产业项目建设投资消费市场创新"
NUMBERS = ["5%", "3.5%", "1.14亿吨", "5242户", "110.53亿元", "23.3%", "2024年", "14GW", "75周年", "2-3年", "2×35"]

# A number is always followed by a unit or a Chinese character, as in the reports.
number = st.tuples(st.sampled_from(NUMBERS), st.sampled_from(list(HAN))).map("".join)
SPACE = st.sampled_from(["", " "])
clause = st.lists(st.one_of(st.sampled_from(list(HAN)), number), min_size=4, max_size=14).map("".join)
sentence = st.lists(clause, min_size=1, max_size=4).map(lambda cs: "，".join(cs) + "。")
# No report says one sentence twice in a row: a short one read twice is bold text extracted twice
# from a print-to-PDF (reflow.undouble keeps it once).
paragraph = st.lists(sentence, min_size=3, max_size=8, unique=True).map("".join)


def wrap(text: str, cells: int) -> list[str]:
    lines, cur = [], ""
    for token in re.findall(r"[0-9.%A-Za-z]+|.", text):  # numbers and Latin words are never split (2-3 may be)
        if cur and width(cur + token) > cells:
            lines.append(cur)
            cur = ""
        cur += token
    if cur:
        lines.append(cur)
    return lines


def mess_up(lines: list[str], data, breaks: bool = True) -> list[str]:
    """Spaces around numbers, a column break (blank line) mid-sentence, page furniture."""
    out = []
    for k, line in enumerate(lines):
        if data.draw(st.booleans()):
            line = re.sub(
                r"(?<![\d.\-])(\d[\d.]*%?)(?![\dA-Za-z\-])",
                lambda m: data.draw(SPACE) + m.group(1) + data.draw(SPACE),
                line,
            )
        if data.draw(st.booleans()) and not line.startswith(" "):
            line = " " + line  # one stray space (two, with a number's space, would be an indent)
        out.append(line)
        mid_sentence = not line.rstrip().endswith("。") and k < len(lines) - 1
        if breaks and mid_sentence and data.draw(st.integers(0, 9)) == 0:
            out.append("")
    if data.draw(st.booleans()):
        out[0] = "（上接第一版）" + out[0]
    if data.draw(st.booleans()):
        out[-1] = out[-1] + " （下转第3版）"
    return out


@settings(max_examples=150, deadline=None)
@given(paragraph, st.integers(34, 44), st.data())
def test_a_wrapped_messy_paragraph_comes_back_whole(par, cells, data):
    wrapped = wrap(par, cells)
    # A column is known from a few full lines: two lines, the first full and ending a sentence,
    # read as well as two paragraphs of a web page (which the pipeline's own output must stay).
    assume(len(wrapped) > THRESHOLDS["column_min_lines"][0])
    lines = mess_up(wrapped, data)
    doc = process_text("\n".join(lines) + "\n", "p")
    assert doc.text == par


@settings(max_examples=60, deadline=None)
@given(st.lists(paragraph, min_size=2, max_size=4), st.integers(34, 44), st.data())
def test_paragraphs_separated_by_blank_lines_come_back(pars, cells, data):
    # Where every line ends a sentence, the text reads as one paragraph per line (a web page's).
    assume(any(not line.endswith("。") for par in pars for line in wrap(par, cells)[:-1]))
    lines: list[str] = []
    for par in pars:
        lines += [*mess_up(wrap(par, cells), data, breaks=False), ""]
    doc = process_text("\n".join(lines), "p")
    assert doc.text.split("\n") == pars


@settings(max_examples=60, deadline=None)
@given(st.lists(paragraph, min_size=1, max_size=4), st.integers(34, 44), st.data())
def test_pipeline_is_idempotent_and_keeps_every_character(pars, cells, data):
    lines: list[str] = []
    for par in pars:
        lines += [*mess_up(wrap(par, cells), data), ""]
    raw = "\n".join(lines)
    first = process_text(raw, "p")
    again = process_text(first.text, "p")
    assert again.text == first.text
    assert [s.id for s in again.sentences] == [s.id for s in first.sentences]
    furniture = re.compile(r"（上接第一版）|（下转第3版）")
    assert text_key(first.text) == text_key(furniture.sub("", raw))
