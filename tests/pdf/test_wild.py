"""Reading PDFs directly on layouts the first harness never makes (tests/pdf/wild.py): the report
beside other news, boxes, pictures and tables; headings at the body size in another face; 楷体
quotations; margin text turned or set vertically; a two-page spread; a government A4 file and a
LibreOffice print. Each class test below failed before its fix."""

from __future__ import annotations

import pytest

from tests.pdf.conftest import pick_layout, read_built, reference
from tests.pdf.wild import BOX_BODY, BOX_HEAD, MARGIN, NEWS_BODY, WILD, available, build, score_wild
from tests.text.harness import Score, norm

REFS = ("national-2026", "jiangzhou-2026", "city-five-year-2027", "seed-jinzhong-2025")
FLOORS = {"headings": 0.97, "units": 0.985, "recall": 0.93, "precision": 0.85}
"""No wild layout may fall below these (REFS in one layout; LibreOffice layouts: the first only).
Over all references and layouts the figures are in benchmarks/README.md (benchmarks/pdf_direct.py)."""


@pytest.fixture(scope="session")
def wild_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("pdf-wild")


def _layout(name):
    return pick_layout(WILD, name, available)


def _read(ref_name, layout_name, folder):
    return read_built(build, reference(ref_name), _layout(layout_name), folder)


def _paragraph_of(doc, start: str) -> str:
    return next(
        norm(doc.text[p.start : p.end])
        for p in doc.paragraphs
        if norm(doc.text[p.start : p.end]).startswith(norm(start))
    )


@pytest.mark.parametrize("layout", [w.name for w in WILD])
def test_every_wild_layout_reads_back_above_the_floors(layout, wild_folder):
    lay = _layout(layout)
    total = Score()
    for name in REFS if lay.producer == "reportlab" else REFS[:1]:
        sc, _, _ = score_wild(reference(name), lay, wild_folder)
        sc.misses = sc.misses[:5]
        total += sc
    figures = (total.headings_rate, total.headings_extra, total.units_rate, total.recall, total.precision)
    assert total.headings_rate >= FLOORS["headings"] and total.headings_extra <= 2, (figures, total.misses)
    assert total.units_rate >= FLOORS["units"], (figures, total.misses)
    assert total.recall >= FLOORS["recall"] and total.precision >= FLOORS["precision"], (figures, total.misses)
    assert total.chrome_leaked == 0, "a running head, another article or a caption ran into report text"


def test_turned_and_vertical_margin_text_stays_out_of_the_report(wild_folder):
    doc, _ = _read("jiangzhou-2026", "front-a3", wild_folder)
    flat = norm(doc.text)
    assert norm(MARGIN) not in flat and norm(MARGIN)[::-1] not in flat and "出版物号" not in flat
    doc, _ = _read("jiangzhou-2026", "kai-table", wild_folder)
    stray = [s.text for s in doc.sentences if len(norm(s.text)) == 1]  # 要 闻 · 特 别 … one a line
    assert not stray, stray
    assert {"要", "闻"} <= {d.text for d in doc.dropped}


def test_a_column_running_on_below_a_gap_is_read_in_its_column(wild_folder):
    """A part heading with space above it, level with the end of the shorter columns: below it a gap
    runs across the page; the text under it is the rest of its column, read before the next one."""
    doc, _ = _read("jiangzhou-2026", "kai-table", wild_folder)
    texts = [norm(s.text) for s in doc.sentences]
    at = texts.index(norm("对此，我们一定采取有力措施，认真加以解决。"))
    assert texts[at + 1] == norm("二、2026年主要目标和重点工作")
    assert texts[at + 2] == norm("今年是“十五五”规划开局之年。")


def test_another_article_above_the_report_is_read_column_by_column_and_kept_aside(wild_folder):
    """A front page's lead story above the report: its headline over its short columns leaves them
    columns (read down, not across), and the report begins at its title: the story is kept aside."""
    doc, _ = _read("jiangzhou-2026", "front-a3", wild_folder)
    assert norm(NEWS_BODY) in norm("".join(d.text for d in doc.dropped))
    assert norm(NEWS_BODY)[:12] not in norm(doc.text)
    assert norm(doc.sentences[0].text) == "政府工作报告"


def test_datelines_are_kept_aside(wild_folder):
    for layout, dateline in (("front-a3", "新华社北京3月12日电"), ("kai-table", "本报讯（记者 周明 王芳）")):
        doc, _ = _read("seed-jinzhong-2025", layout, wild_folder)
        assert norm(dateline) in {norm(d.text) for d in doc.dropped}
        assert not any(norm(dateline) in norm(s.text) for s in doc.sentences)


def test_a_boxed_article_beside_the_report_is_kept_aside(wild_folder):
    doc, _ = _read("seed-jinzhong-2025", "boxed-unequal", wild_folder)
    flat = norm(doc.text)
    assert norm(BOX_HEAD) not in flat and norm(BOX_BODY)[:20] not in flat
    assert any(norm(BOX_HEAD) == norm(d.text) for d in doc.dropped)
    # the report's sentence the box interrupted reads on in one piece
    assert any(
        norm(s.text).startswith(norm("瞄准京津冀、长三角、珠三角等重点区域"))
        and norm("招引更多企业投资晋中") in norm(s.text)
        for s in doc.sentences
    )


def test_sentences_quoted_in_kai_stay_in_their_paragraph(wild_folder):
    """楷体 at the body size is a quotation's face, not a heading's: a line wholly in it after a full
    line goes on in the paragraph."""
    sc, _, _ = score_wild(reference("national-2026"), _layout("kai-table"), wild_folder)
    assert sc.recall == 1.0 and sc.precision >= 0.97, sc.misses[:10]


def test_a_run_in_heading_ends_at_its_first_full_stop(wild_folder):
    """`（一）…。` in 黑体 followed by a lead-in in the same face: the heading ends at its 。; the lead-in
    opens the body paragraph."""
    doc, _ = _read("jiangzhou-2026", "kai-table", wild_folder)
    assert (2, "（一）坚持项目为王，经济运行稳中向好。") in [(h.level, h.title) for h in doc.outline]
    assert norm("实施重点项目412个") in _paragraph_of(doc, "扩大有效投资。")


def test_a_centred_part_heading_wrapped_in_its_column_is_one_heading(wild_folder):
    doc, _ = _read("jiangzhou-2026", "front-a3", wild_folder)
    parts = [h.title for h in doc.outline if h.level == 1]
    assert "二、2026年主要目标和重点工作" in parts, parts


def test_a_two_page_spread_reads_page_by_page(wild_folder):
    doc, _ = _read("province-2026", "spread", wild_folder)
    first = [norm(s.text) for s in doc.sentences[:4]]
    assert first[:2] == ["政府工作报告", norm("——2026年1月20日在江岭省第十四届人民代表大会第五次会议上")], first


def test_a_lead_in_filling_a_first_line_is_no_heading(wild_folder):
    """A bold lead-in (`——五年来，…`) that fills its paragraph's first line and goes on plain on the
    next: one paragraph (only a numbered line wholly bold stands as a heading there)."""
    doc, _ = _read("city-five-year-2027", "boxed-unequal", wild_folder)
    assert norm("全市地区生产总值从2021年") in _paragraph_of(doc, "——五年来，我们坚持发展第一要务")


def test_columns_of_unequal_width_break_no_paragraph_at_a_full_line(wild_folder):
    """In a column narrower than the page's others every full line is short of the widest: a full
    line that ends a sentence inside a paragraph is no paragraph end (the layout saw it go on)."""
    sc, _, _ = score_wild(reference("seed-xinzhou-2025"), _layout("boxed-unequal"), wild_folder)
    assert sc.units_rate == 1.0 and sc.precision >= 0.99 and sc.recall >= 0.99, sc.misses[:10]


def test_a_table_of_figures_in_a_column_reads_as_rows_with_ideographic_spaces(wild_folder):
    """The raw-text pipeline's contract for a table: one row a paragraph, U+3000 between its cells
    (`地区生产总值　亿元　156.8`), not the cells read down as narrow columns or short paragraphs."""
    doc, _ = _read("jiangzhou-2026", "kai-table", wild_folder)
    paras = [doc.text[p.start : p.end] for p in doc.paragraphs]
    assert "指标\u30002025年\u3000增长" in paras, [p for p in paras if "指标" in p]
    assert "进出口总额\u3000486.3亿元\u300012.4%" in paras
    assert not any(p in ("指标", "2025年", "增长") for p in paras)
