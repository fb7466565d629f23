"""Fixtures of the PDF tests: the harness's cases for the short references, built once per session."""

from __future__ import annotations

import pytest

from tests.pdf.harness import LAYOUTS, build_case, fonts_available, references


@pytest.fixture(scope="session")
def pdf_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("pdf-cases")


def short_references():
    return [r for r in references(include_corpus=False)]


def case_params():
    return [pytest.param((ref, lay), id=f"{ref.name}-{lay.name}") for ref in short_references() for lay in LAYOUTS]


@pytest.fixture
def case(request, pdf_folder):
    ref, lay = request.param
    if not fonts_available(lay.fonts):
        pytest.skip("CJK TrueType fonts missing (apt-get install fonts-arphic-uming fonts-wqy-zenhei)")
    return build_case(ref, lay, pdf_folder)
