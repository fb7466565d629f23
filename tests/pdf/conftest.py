"""Fixtures of the PDF tests: the harness's cases, built once per session."""

from __future__ import annotations

import pytest

from tests.pdf.harness import LAYOUTS, build_case, fonts_available, references


@pytest.fixture(scope="session")
def pdf_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("pdf-cases")


def case_params(names=None):
    return [
        pytest.param((ref, lay), id=f"{ref.name}-{lay.name}")
        for ref in references()
        if names is None or ref.name in names
        for lay in LAYOUTS
    ]


@pytest.fixture
def case(request, pdf_folder):
    ref, lay = request.param
    if not fonts_available(lay.fonts):
        pytest.skip("CJK TrueType fonts missing (apt-get install fonts-arphic-uming fonts-wqy-zenhei)")
    return build_case(ref, lay, pdf_folder)


def reference(name: str):
    """The harness's reference report of that name."""
    return next(r for r in references() if r.name == name)


def pick_layout(layouts, name: str, available):
    """The layout of that name, or skip the test with the reason it cannot be made here."""
    lay = next(w for w in layouts if w.name == name)
    if why := available(lay):
        pytest.skip(why)
    return lay


def read_built(build, ref, layout, folder):
    """(the Document read from `ref` set in `layout` by a generator's `build`, its record of what it set)."""
    from reader.text.pipeline import load_document

    pdf, out = build(ref, layout, folder)
    return load_document(pdf, ref.name), out
