"""A topic sentence printed in bold inside its paragraph is a lead-in of the outline when the PDF is
read directly (the weight is on the page; text extractors lose it)."""

from __future__ import annotations

import dataclasses

from reader.text.pipeline import load_document
from tests.pdf.harness import LAYOUTS, build_case, references

MID_PARAGRAPH = "外贸外资量质齐升。"
"""A lead-in in the middle of its paragraph whose words alone do not make it one (no evaluation word
the text rules know): only the bold says so."""


def _leadins(pdf_folder, layout):
    ref = next(r for r in references() if r.name == "city-halfwidth-2024")
    doc = load_document(build_case(ref, layout, pdf_folder).pdf, ref.name)
    return doc, [h for h in doc.outline if h.level == 3]


def test_a_bold_sentence_inside_a_paragraph_opens_a_lead_in_section(pdf_folder):
    bold = next(lay for lay in LAYOUTS if lay.bold_leadins and lay.name == "broadsheet-4")
    doc, leadins = _leadins(pdf_folder, bold)
    titles = [h.title for h in leadins]
    assert MID_PARAGRAPH in titles, titles
    heading = next(h for h in leadins if h.title == MID_PARAGRAPH)
    assert heading.path[0].endswith("2023年工作回顾") and "坚持项目为王" in heading.path[1], heading.path
    after = next(s for s in doc.sentences if s.text.startswith("进出口总额增长12.1%"))
    assert after.section[-1] == MID_PARAGRAPH, after.section


def test_without_bold_the_same_sentence_stays_in_the_lead_in_before_it(pdf_folder):
    plain = dataclasses.replace(next(lay for lay in LAYOUTS if lay.name == "broadsheet-4"), bold_leadins=False)
    doc, leadins = _leadins(pdf_folder, plain)
    assert MID_PARAGRAPH not in [h.title for h in leadins]
    after = next(s for s in doc.sentences if s.text.startswith("进出口总额增长12.1%"))
    assert after.section[-1] == "消费市场加快恢复。", after.section
