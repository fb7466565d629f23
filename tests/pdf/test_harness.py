"""The harness itself: the PDFs it sets hold the reference's text, with running heads and feet on
every page, readable by the real extractors."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.pdf.conftest import case_params
from tests.pdf.harness import EXTRACTORS, tool_missing
from tests.text.harness import norm

INVENTED = ("national-2026", "province-2026", "jiangzhou-2026")


@pytest.mark.parametrize("case", case_params(INVENTED), indirect=True)
@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_every_reference_character_comes_back_from_the_extractor(case, extractor):
    """The fonts are embedded with a Unicode map the real tools read: nothing is lost or garbled."""
    if reason := tool_missing(extractor):
        pytest.skip(reason)
    text = norm(case.texts[extractor])
    want = norm("".join(p.text for p in case.reference.paragraphs))
    missing = Counter(want) - Counter(text)
    assert not missing, f"characters lost in {extractor}: {dict(missing.most_common(10))}"


@pytest.mark.parametrize("case", case_params(INVENTED), indirect=True)
def test_running_head_and_foot_are_on_every_page(case):
    if reason := tool_missing("pdftotext"):
        pytest.skip(reason)
    pages = case.texts["pdftotext"].split("\f")[:-1]
    assert len(pages) == case.pages
    first = case.layout.first_page
    for k, page in enumerate(pages):
        flat = norm(page)
        assert f"第{first + k}版" in flat
        assert norm(case.layout.date) in flat and case.layout.newspaper in flat and case.layout.section in flat
        assert "责任编辑：" in flat and "校对：" in flat
    if case.pages > 1 and case.layout.markers:
        joined = norm(case.texts["pdftotext"])
        assert re.search(r"（下转第\d+版）", joined) and re.search(r"（上接第\d+版）", joined)
        assert any(f.startswith("（下转") for f in case.furniture)
