"""The harness itself: the PDFs it sets hold the reference's text, furniture on every page, in the
layouts it promises; the metrics count what they say."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.pdf.conftest import case_params
from tests.pdf.harness import EXTRACTORS, tool_missing
from tests.pdf.metrics import compare, nows


@pytest.mark.parametrize("case", case_params(), indirect=True)
@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_every_reference_character_comes_back_from_the_extractor(case, extractor):
    """The fonts are embedded with a Unicode map the real tools read: nothing is lost or garbled."""
    if reason := tool_missing(extractor):
        pytest.skip(reason)
    text = nows(case.texts[extractor])
    missing = Counter(nows(case.reference.text)) - Counter(text)
    assert not missing, f"characters lost in {extractor}: {dict(missing.most_common(10))}"


@pytest.mark.parametrize("case", case_params(), indirect=True)
def test_header_and_footer_are_on_every_page(case):
    if reason := tool_missing("pdftotext"):
        pytest.skip(reason)
    pages = case.texts["pdftotext"].split("\f")[:-1]
    assert pages
    first = case.layout.first_page
    for k, page in enumerate(pages):
        flat = nows(page)
        assert f"第{first + k}版" in flat
        assert nows(case.layout.date) in flat and case.layout.newspaper in flat and case.layout.section in flat
        assert "责任编辑：" in flat and "校对：" in flat
    if len(pages) > 1 and case.layout.markers:
        joined = nows(case.texts["pdftotext"])
        assert re.search(r"（下转第\d+版）", joined) and re.search(r"（上接第\d+版）", joined)


def test_breaks_are_compared_through_an_alignment():
    ref = ["一、总体要求", "第一段。第二句。", "第二段文字。"]
    # furniture inserted and the second paragraph's break missed; one extra break inside
    got = ["一、总体要求", "江州日报第2版第一段。", "第二句。第二段文字。"]
    counts = compare(ref, [(1, "一、总体要求")], ["第一段。", "第二句。", "第二段文字。"], got, [], ["第一段。"])
    assert counts.breaks == (1, 2, 2)  # the break before 第一段 maps across the furniture
    s = counts.scores()
    assert (s.headings, s.recall, s.precision) == (0.0, 0.5, 0.5)
    assert s.sentences == pytest.approx(1 / 3)
