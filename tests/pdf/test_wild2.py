"""Reading PDFs directly on round-2 held-out layouts (tests/pdf/wild2.py): turned pages and crop
boxes, content out of reading order, characters placed one by one, another article under a banner
in mid-page, a report jumping over pages of other news, footnotes, a bulletin, Kangxi radicals and
compatibility ideographs. Each class test below failed before its fix."""

from __future__ import annotations

import pytest

from tests.pdf.conftest import pick_layout, read_built, reference
from tests.pdf.wild import NEWS_BODY
from tests.pdf.wild2 import OTHER_HEAD, WILD2, available, build, score_wild2
from tests.text.harness import Score, norm

REFS = ("national-2026", "seed-jinzhong-2025")
FLOORS = {"headings": 0.97, "units": 0.99, "recall": 0.95, "precision": 0.95}


@pytest.fixture(scope="session")
def wild2_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("pdf-wild2")


def _layout(name):
    return pick_layout(WILD2, name, available)


def _read(ref_name, layout_name, folder):
    return read_built(build, reference(ref_name), _layout(layout_name), folder)


def _score(layout, folder, refs=REFS) -> Score:
    total = Score()
    for name in refs:
        sc, _, _ = score_wild2(reference(name), _layout(layout), folder)
        sc.misses = sc.misses[:5]
        total += sc
    return total


@pytest.mark.parametrize("layout", ["rotated-crop", "compat-glyphs", "mid-banner", "jump", "kerned"])
def test_round_two_layouts_read_back_above_the_floors(layout, wild2_folder):
    total = _score(layout, wild2_folder)
    figures = (total.headings_rate, total.headings_extra, total.units_rate, total.recall, total.precision)
    assert total.headings_rate >= FLOORS["headings"] and total.headings_extra <= 1, (figures, total.misses)
    assert total.units_rate >= FLOORS["units"], (figures, total.misses)
    assert total.recall >= FLOORS["recall"] and total.precision >= FLOORS["precision"], (figures, total.misses)
    assert total.chrome_leaked == 0


def test_pages_turned_by_rotate_or_cropped_are_read_upright_in_place(wild2_folder):
    """A landscape MediaBox drawn turned and shown upright by /Rotate 90 or 270 (its text was all
    dropped as turned), a CropBox away from the origin (its text sat off the page)."""
    doc, out = _read("seed-jinzhong-2025", "rotated-crop", wild2_folder)
    assert out.pages >= 4
    pages = {doc.places[s.line - 1].page for s in doc.sentences}
    assert set(range(1, out.pages + 1)) <= pages
    # every page's running head is furniture, not text (it lies in the top margin as shown)
    assert not any("江州日报" in s.text for s in doc.sentences)
    assert all(p.y >= 0 and p.x >= 0 for p in doc.places)


def test_kangxi_radicals_and_compatibility_ideographs_read_as_the_characters(wild2_folder):
    doc, _ = _read("national-2026", "compat-glyphs", wild2_folder)
    assert not any("\u2f00" <= ch <= "\u2fd5" or "\uf900" <= ch <= "\ufad9" for ch in doc.text)
    parts = [h.title for h in doc.outline if h.level == 1]
    assert parts[:2] == ["一、2025年工作回顾", "二、2026年经济社会发展总体要求和政策取向"], parts


def test_text_between_a_jump_out_and_its_jump_back_is_kept_aside(wild2_folder):
    """（下转第4版） leaves the front page over another article under a banner (or over whole pages
    of other news); the report's paragraph goes on at （上接第1版） in one piece."""
    for layout in ("mid-banner", "jump"):
        doc, _ = _read("seed-jinzhong-2025", layout, wild2_folder)
        assert norm(OTHER_HEAD) not in norm(doc.text), layout
        assert norm(NEWS_BODY)[:12] not in norm(doc.text), layout
        assert norm(OTHER_HEAD) in {norm(d.text) for d in doc.dropped}, layout
        sc, _, _ = score_wild2(reference("seed-jinzhong-2025"), _layout(layout), wild2_folder)
        assert sc.recall >= 0.99 and sc.precision >= 0.99, (layout, sc.misses[:5])


def test_a_run_in_heading_then_a_lead_in_ending_its_line_keeps_the_body_with_the_lead_in(wild2_folder):
    """`（二）…优化。传统产业提质升级。` (heading run in, then a 黑体 lead-in filling the line): the
    plain line after it goes on in the lead-in's paragraph."""
    doc, _ = _read("seed-jinzhong-2025", "kerned", wild2_folder)
    para = next(doc.text[p.start : p.end] for p in doc.paragraphs if "传统产业提质升级。" in doc.text[p.start : p.end])
    assert "扛牢能源保供政治责任" in para


def test_footnotes_at_a_column_foot_are_read_after_the_paragraph_they_interrupt(wild2_folder):
    """① … set smaller at the foot of a column under a short rule: the report's paragraph running
    past it into the next column stays one paragraph, the columns stay in order, and the note is a
    paragraph of its own after it."""
    doc, _ = _read("national-2026", "footnotes", wild2_folder)
    paras = [norm(doc.text[p.start : p.end]) for p in doc.paragraphs]
    notes = [k for k, p in enumerate(paras) if p.startswith("①") or p.startswith("②")]
    assert len(notes) == 2, [p[:20] for p in paras]
    assert any(p.startswith(norm("积极扩大有效投资。")) and norm("带动民间投资增长。") in p for p in paras)
    sc = _score("footnotes", wild2_folder)
    assert sc.recall >= 0.99 and sc.precision >= 0.99 and sc.chrome_leaked == 0, sc.misses
