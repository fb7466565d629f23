"""Text from real extractors (`pdftotext`, `pdftotext -layout`, pdfminer.six) of the wild layouts
(tests/pdf/wild.py): what is on a newspaper page but is not the report (another article, a
dateline, a caption, a table, the imprint, margin text set vertically, the running head) never
becomes a labelling unit nor runs into report text. The small texts below are written as the
extractors write those pages (one form feed a page); each class test failed before its fix.
Over all references and layouts the figures are in benchmarks/README.md (benchmarks/pdf_wild_text.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.text.pipeline import process_text
from tests.pdf.harness import extract, references, tool_missing
from tests.pdf.wild import WILD, available, build, glued, set_aside
from tests.text.harness import norm, score

BODY = (
    "过去一年，面对复杂严峻的外部环境和艰巨\n繁重的改革发展任务，我们坚持稳中求进工\n作总基调，全力以赴拼经济、"
    "抓项目、促改\n革、惠民生，较好完成了目标任务。\n"
)
NEXT = "全市地区生产总值达到3268.4亿元，增长\n5.6%；一般公共预算收入完成215.7亿元，\n增长6.1%。\n"


def _units(text: str) -> list[str]:
    return [s.text for s in process_text(text, "r").sentences if s.kind == "sentence"]


def _dropped(text: str) -> list[str]:
    return [d.text for d in process_text(text, "r").dropped]


def test_a_section_name_set_vertically_in_the_margin_is_kept_aside():
    """Both extractors write text set vertically one character a line (a page's section name down
    the margin; pdfminer.six also the imprint turned up the margin, reversed)."""
    text = f"一、2025年工作回顾\n{BODY}\n要\n闻\n·\n特\n别\n报\n道\n\n\f{NEXT}\n版\n出\n社\n报\n日\n州\n江\n\f"
    units = _units(text)
    assert not [u for u in units if len(norm(u)) <= 2], units
    dropped = "".join(_dropped(text))
    assert "要闻" in dropped and "特别报道" in dropped and "版出社报日州江" in dropped


@pytest.mark.parametrize(
    "table",
    [
        # pdftotext: one cell a line, blank lines between most
        "指标\n\n2025年\n\n增长\n\n地区生产总值\n\n3268.4亿元\n\n5.6%\n\n一般公共预算收入\n215.7亿元\n\n6.1%\n",
        # pdfminer.six: cells of one row run together, others alone
        "指标\n\n2025年\n\n地区生产总值 3268.4亿元\n\n一般公共预算收入215.7亿元\n\n增长\n\n5.6%\n\n6.1%\n",
    ],
    ids=["pdftotext", "pdfminer"],
)
def test_a_table_of_figures_in_a_column_is_kept_aside(table):
    text = f"一、2025年工作回顾\n{BODY}{table}\n（一）坚持项目为王，经济运行稳中向好。\n{NEXT}\f"
    units = _units(text)
    assert [norm(u) for u in units] == [
        norm(u) for u in _units(f"一、2025年工作回顾\n{BODY}（一）坚持项目为王，经济运行稳中向好。\n{NEXT}\f")
    ]
    assert any("3268.4亿元" in d for d in _dropped(text))


def test_a_short_run_of_figures_in_the_text_stays():
    """Lines of a paragraph broken before a figure, or a signature block, are no table."""
    text = f"{BODY}江州市人民政府\n2026年1月20日\n\f"
    assert "江州市人民政府" in process_text(text, "r").text


def test_the_papers_imprint_is_kept_aside():
    text = f"各位代表：\n\n国内统一连续出版物号 CN00-0000 江州日报社出版\n\n一、2025年工作回顾\n{BODY}\f"
    doc = process_text(text, "r")
    assert [h.title for h in doc.outline] == ["一、2025年工作回顾"]
    assert not any("出版" in s.text for s in doc.sentences)


def test_a_picture_caption_with_its_credit_is_kept_aside():
    text = f"{BODY}\n图为城东新区建设现场。本报记者 孙立 摄\n\n{NEXT}\f"
    assert not any("图为" in u or "摄" in u for u in _units(text))
    assert "图为城东新区建设现场。本报记者 孙立 摄" in _dropped(text)


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("新华社北京3月12日电\n各位代表：", "新华社北京3月12日电"),
        ("本报讯（记者 周明 王芳）各位代表：", "本报讯（记者 周明 王芳）"),
    ],
    ids=["agency", "paper"],
)
def test_a_dateline_opening_the_report_is_kept_aside(line, dateline):
    text = (
        "政府工作报告\n——2026年1月20日在江州市第十六届人民代表大会第五次会议上\n"
        f"{line}\n现在，我代表市人民政府，向大会报告工作，请予审议。\n\f"
    )
    doc = process_text(text, "r")
    assert not any("新华社" in s.text or "本报讯" in s.text for s in doc.sentences)
    assert "各位代表：" in [s.text for s in doc.sentences]
    assert dateline in [d.text for d in doc.dropped]


def test_another_article_above_the_report_on_its_front_page_is_kept_aside():
    story = (
        "江州日报\n全市重点项目集中开工\n本报讯（记者 刘洋）昨日上\n午，全市第一季度重点项目集中开\n"
        "工活动在城东新区举行。\n\n"
    )
    report = f"政府工作报告\n各位代表：\n现在，我代表市人民政府，向大会报告工作。\n\n一、2025年工作回顾\n{BODY}\f"
    doc = process_text(story + report, "r")
    assert not any("开工" in s.text for s in doc.sentences), [s.text for s in doc.sentences]
    assert [h.title for h in doc.outline] == ["一、2025年工作回顾"]


def test_a_story_opened_by_its_dateline_above_the_report_is_kept_aside():
    """`pdftotext` may write the report's title after the first columns: the story above is still
    told by its dateline running into its text (本报讯（记者 刘洋）昨日上…)."""
    story = (
        "全市重点项目集中开工\n本报讯（记者 刘洋）昨日上\n午，全市第一季度重点项目集中开\n"
        "工活动在城东新区举行。此次集中\n开工项目共58个，\n\n涵盖先进制造等领域。\n\n新华社北京3月12日电\n\n"
    )
    doc = process_text(f"{story}一、2025年工作回顾\n{BODY}\n政府工作报告\n\f{NEXT}\f", "r")
    assert not any("开工" in s.text or "新华社" in s.text for s in doc.sentences), [s.text for s in doc.sentences]
    assert [h.title for h in doc.outline] == ["一、2025年工作回顾"]


def test_text_before_a_title_written_late_is_the_reports_own():
    """`pdftotext` may write the title banner after the first column: what precedes it is the
    report's (a part heading, the salutation), not another article."""
    text = f"一、2025年工作回顾\n{BODY}\n政府工作报告\n\f{NEXT}\f"
    assert "过去一年" in process_text(text, "r").text


@pytest.mark.parametrize(
    ("first", "rest"),
    [
        ("二、2026年主要目标", "和重点工作"),
        ("一、2025年和“十四五”", "时期工作回顾"),
        ("二、今后五年的奋斗目", "标和主要任务"),
    ],
)
def test_a_part_heading_centred_in_a_narrow_column_wraps_onto_a_parts_ending(first, rest):
    """The second line reads like an unnumbered part heading (…工作回顾, …重点工作), but none is set
    right under a numbered one: it is the numbered heading's rest."""
    text = f"{BODY}\n{first}\n{rest}\n{NEXT}\f"
    assert [h.title for h in process_text(text, "r").outline] == [first + rest]


WIDE = (
    "以市场需求为导向，加快发展多业融合旅游新\n业态。深度挖掘古建、长城、火山、湿地、\n温泉等文化和自然资源，激发各类市场主体\n"
    "活力，乘势推出一批文创爆品，实施一批文\n"
)
BOXED = (
    "代表委员热议政府工作报告\n{gap}“报告通篇贯穿以人民为中心的\n发展思想，目标实、举措硬，让人倍\n"
    "感振奋。”市人大代表赵红梅说。\n"
)
GOES_ON = "旅项目，推动原创剧目首演，举办\n青少年雕塑作品大赛等国家级展览。\n"


@pytest.mark.parametrize("gap", ["", "\n"], ids=["pdftotext", "pdfminer"])
def test_a_story_boxed_beside_the_report_is_kept_aside(gap):
    """A headline alone at a box's start, then whole sentences set to the box's own measure (two
    characters narrower than the report's column before it): another story, not the report."""
    doc = process_text(f"{WIDE}\n{BOXED.format(gap=gap)}\n{GOES_ON}\f", "r")
    assert not any("报告通篇" in s.text or "赵红梅" in s.text for s in doc.sentences), [s.text for s in doc.sentences]
    assert not any("热议" in p for p in doc.text.split("\n"))


def test_a_report_box_at_its_columns_measure_stays():
    """The same box set to the measure of the report's text around it is the report's (a line
    that fills the column is no headline)."""
    text = f"{WIDE}\n确保高校毕业生就业率保持在百分之九十\n以上。加强职业技能培训，新增技能人才十五\n万人。\n\n{WIDE}\f"
    assert "确保高校毕业生就业率" in process_text(text, "r").text


def test_a_paragraphs_first_line_without_punctuation_is_no_headline():
    """pdfminer.six may set a paragraph's first line apart by a blank (two characters short of the
    column: its indent lost): in columns of the report's measure it is the report's, not a boxed
    story's headline."""
    para = (
        "今年全市经济社会发展的主要预期目标\n\n是：地区生产总值增长6%左右，规模以上工\n"
        "业增加值增长7%，固定资产投资增长7%，社\n会消费品零售总额增长5.5%左右。\n"
    )
    text = f"{WIDE}\n{para}\n{WIDE}\f"
    assert "今年全市经济社会发展的主要预期目标是：地区生产总值增长6%左右" in process_text(text, "r").text


def test_a_full_line_after_a_part_heading_is_no_part_heading_ending():
    """The line after a numbered part heading that fills the column and ends like a part heading
    (…规划目标任务) is the paragraph's first line going on, not the heading's rest."""
    text = (
        f"{BODY}\n二、2024年工作安排\n2024年是实现“十四五”规划目标任务\n的关键一年。全市经济社会发展的主要预\n"
        "期目标是：地区生产总值增长5%左右。\n\f"
    )
    assert [h.title for h in process_text(text, "r").outline] == ["二、2024年工作安排"]


def test_a_running_head_set_with_a_dot_is_furniture():
    text = f"江州日报 · 要闻\n\n2026年3月13日 星期五\n\n一、2025年工作回顾\n{BODY}\f江州日报 · 要闻\n\n{NEXT}\f"
    doc = process_text(text, "r")
    assert not any("江州日报" in p for p in doc.text.split("\n")), doc.text


EXTRACTED = Path(__file__).parent / "extracted"


def test_layout_columns_printed_staggered_are_read_one_after_the_other():
    """`pdftotext -layout` prints each column's lines on text lines of their own where the columns'
    baselines differ: most lines hold one column. The columns are still there, each at its start."""
    doc = process_text((EXTRACTED / "staggered-columns.layout.txt").read_text(encoding="utf-8"), "r")
    assert [h.title for h in doc.outline if h.level <= 2] == [
        "一、2025年工作回顾",
        "（一）坚持项目为王，经济运行稳中向好。",
        "（二）坚持创新驱动，产业结构持续优化。",
        "（三）坚持民生为本，人民生活持续改善。",
        "二、2026年主要目标和重点工作",
        "（一）着力扩大内需，推动经济持续回升向好",
        "（二）着力科技创新，加快发展新质生产力",
        "（三）着力保障改善民生，增进人民福祉",
    ]
    texts = [s.text for s in doc.sentences]
    assert "现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员提出意见。" in texts
    assert "强化企业创新主体地位。" in texts


def test_layout_keeps_indents_an_indented_line_after_a_section_heading_opens_a_paragraph():
    """`-layout` of a single-column file keeps each paragraph's indent: the indented line after a
    section heading that fills the line is no run-in heading's rest."""
    doc = process_text((EXTRACTED / "office-a4.layout.txt").read_text(encoding="utf-8"), "r")
    assert [h.title for h in doc.outline if h.level == 2] == [
        "(一)统筹提振消费和扩大投资,全力推动经济增长取得新突破",
        "(二)统筹科技创新和产业升级,全力培育资源型经济转型新动能",
    ]


@pytest.mark.parametrize("gap", ["", "\n"], ids=["rows", "rows-apart"])
def test_layout_table_rows_are_kept_aside(gap):
    rows = gap.join(
        f"{r}\n" for r in ("指标 2025年 增长", "地区生产总值 3268.4亿元 5.6%", "一般公共预算收入", "215.7亿元 6.1%")
    )
    text = f"一、2025年工作回顾\n{BODY}{rows}\n（一）坚持项目为王，经济运行稳中向好。\n{NEXT}\f"
    plain = f"一、2025年工作回顾\n{BODY}\n（一）坚持项目为王，经济运行稳中向好。\n{NEXT}\f"
    assert [norm(u) for u in _units(text)] == [norm(u) for u in _units(plain)]


# -- the wild PDFs themselves, through each extractor ------------------------------------------------------

CASES = [
    ("jiangzhou-2026", "front-a3"),
    ("jiangzhou-2026", "kai-table"),
    ("seed-datong-2025", "boxed-unequal"),
]


@pytest.fixture(scope="module")
def wild_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("pdf-wild-text")


def _wild_doc(ref_name, layout, extractor, folder):
    lay = next(w for w in WILD if w.name == layout)
    if why := available(lay) or tool_missing(extractor):
        pytest.skip(why)
    ref = next(r for r in references() if r.name == ref_name)
    pdf, out = build(ref, lay, folder)
    return ref, out, process_text(extract(pdf, extractor), ref_name)


@pytest.mark.parametrize(("ref_name", "layout"), CASES)
@pytest.mark.parametrize("extractor", ["pdftotext", "pdfminer"])
def test_no_foreign_text_in_a_labelling_unit(ref_name, layout, extractor, wild_folder):
    ref, out, doc = _wild_doc(ref_name, layout, extractor, wild_folder)
    strings = out.furniture + out.foreign
    assert glued(doc, [f for f in strings if f not in out.cells]) == 0
    keys = [norm(f) for f in strings]
    own = {norm(t) for t, _ in ref.units}
    alien = [s.text for s in doc.sentences if s.kind == "sentence" and norm(s.text) not in own]
    assert not [t for t in alien if any(norm(t) in k for k in keys)], alien


@pytest.mark.parametrize(("ref_name", "layout"), [("jiangzhou-2026", "front-a3"), ("jiangzhou-2026", "kai-table")])
@pytest.mark.parametrize("extractor", ["pdftotext", "pdfminer"])
def test_the_report_reads_back_beside_foreign_text(ref_name, layout, extractor, wild_folder):
    ref, out, doc = _wild_doc(ref_name, layout, extractor, wild_folder)
    sc = score(ref, set_aside(doc, out.foreign), out.furniture)
    assert sc.headings_rate >= 0.97 and sc.headings_extra == 0 and sc.units_rate >= 0.97, sc.misses[:10]
