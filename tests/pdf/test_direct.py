"""Reading a PDF directly: the typeset references come back with their outline, units and paragraph
breaks; furniture stays out; provenance points at the printed line; bad PDFs get one clear line."""

from __future__ import annotations

import re

import pytest

from reader.corpus.cache import DocumentCache
from reader.corpus.library import list_reports
from reader.errors import ReaderError
from reader.pdf.chars import read_pdf
from reader.pdf.document import read_layout
from reader.text.pipeline import load_document
from tests.pdf.conftest import case_params
from tests.pdf.harness import LAYOUTS, build_case, references, score_pdf
from tests.text.harness import Score, norm

INVENTED = ("national-2026", "province-2026", "yunchuan-city-2026", "heyang-city-2025", "jiangzhou-2026")
FLOORS = {"headings": 0.95, "units": 0.985, "recall": 0.97, "precision": 0.96}
"""No layout may fall below these (all references in one layout); over all layouts the issue's goals
(0.97 / 0.995 / 0.97 / 0.97) hold (benchmarks/pdf.py)."""


@pytest.fixture(scope="module")
def layout_scores(pdf_folder):
    scores = {}
    for lay in LAYOUTS:
        total = Score()
        for ref in references():
            s = score_pdf(build_case(ref, lay, pdf_folder))
            s.misses = s.misses[:5]
            total += s
        scores[lay.name] = total
    return scores


@pytest.mark.parametrize("layout", [lay.name for lay in LAYOUTS])
def test_every_layout_reads_back_above_the_floors(layout, layout_scores):
    sc = layout_scores[layout]
    figures = (sc.headings_rate, sc.headings_extra, sc.units_rate, sc.recall, sc.precision)
    assert sc.headings_rate >= FLOORS["headings"] and sc.headings_extra <= 3, (figures, sc.misses)
    assert sc.units_rate >= FLOORS["units"], (figures, sc.misses)
    assert sc.recall >= FLOORS["recall"] and sc.precision >= FLOORS["precision"], figures
    assert sc.chrome_leaked == 0, "a running head, foot or page marker ran into a labelling unit"


def test_the_goals_of_issue_16(layout_scores):
    total = Score()
    for sc in layout_scores.values():
        total += sc
    figures = (total.headings_rate, total.units_rate, total.recall, total.precision)
    assert total.headings_rate >= 0.97 and total.units_rate >= 0.995, figures
    assert total.recall >= 0.97 and total.precision >= 0.97, figures
    assert total.chrome_leaked == 0


@pytest.mark.parametrize("case", case_params(INVENTED), indirect=True)
def test_furniture_is_kept_aside_and_never_text(case):
    doc = load_document(case.pdf, case.reference.name)
    units = {norm(s.text) for s in doc.sentences}
    for f in case.furniture:
        assert not any(norm(f) in u for u in units), f
    dropped = {norm(d.text) for d in doc.dropped}
    assert any(re.fullmatch(r"第\d+版", d) for d in dropped)
    assert any(d.startswith("责任编辑") for d in dropped)
    if case.pages > 1:
        assert any("下转" in d for d in dropped)


@pytest.mark.parametrize("case", case_params(("national-2026",)), indirect=True)
def test_every_unit_points_at_the_printed_line_where_it_starts(case):
    doc = load_document(case.pdf, "national-2026")
    lines, _ = read_layout(read_pdf(case.pdf))
    printed = {ln.no: ln for ln in lines}
    assert len(doc.places) == len(lines)
    for s in doc.sentences:
        ln = printed[s.line]
        place = doc.places[s.line - 1]
        assert (place.page, place.x) == (ln.page, round(ln.x0, 1))
        head, printed_text = norm(s.text)[:4], norm(ln.text)
        starts_here = head in printed_text or any(printed_text.endswith(head[:k]) for k in range(1, 4))
        assert starts_here, (s.text, ln.text)


@pytest.mark.parametrize("case", case_params(("jiangzhou-2026",)), indirect=True)
def test_sentence_ids_are_those_of_the_clean_text(case, tmp_path):
    clean = tmp_path / "jiangzhou-2026.txt"
    clean.write_text("\n".join(p.text for p in case.reference.paragraphs) + "\n", encoding="utf-8")
    from_text = {s.id for s in load_document(clean).sentences}
    from_pdf = {s.id for s in load_document(case.pdf, "jiangzhou-2026").sentences}
    assert len(from_pdf & from_text) >= 0.95 * len(from_text)


@pytest.mark.parametrize("case", case_params(("jiangzhou-2026",)), indirect=True)
def test_pdfs_are_listed_and_cached_beside_text_reports(case, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a-report.pdf").write_bytes(case.pdf.read_bytes())
    (folder / "b-report.txt").write_text("一、总体要求\n今年工作很多。\n", encoding="utf-8")
    (folder / "b-report.pdf").write_bytes(case.pdf.read_bytes())  # the same report as text: text wins
    entries = list_reports(folder)
    assert [(e.name, e.path.suffix) for e in entries] == [("a-report", ".pdf"), ("b-report", ".txt")]
    cache = DocumentCache(tmp_path / "annotations")
    first = cache.load(folder / "a-report.pdf")
    assert first.id == "a-report" and first.places and first.encoding == "pdf"
    assert list((tmp_path / "annotations" / ".cache" / "pipeline").glob("*.pickle"))
    again = DocumentCache(tmp_path / "annotations").load(folder / "a-report.pdf")
    assert [s.id for s in again.sentences] == [s.id for s in first.sentences]


def test_a_wrapped_part_heading_in_whole_character_columns_stays_one_heading(pdf_folder):
    """On A4 with columns a whole number of body characters wide, a 12 pt part heading cannot fill
    its first line (it stops short by part of one of its own characters): that is no paragraph end."""
    import dataclasses

    a4 = dataclasses.replace(next(lay for lay in LAYOUTS if lay.name == "a4-3"), whole_columns=True)
    ref = next(r for r in references() if r.name == "province-2026")
    doc = load_document(build_case(ref, a4, pdf_folder).pdf, ref.name)
    parts = [h.title for h in doc.outline if h.level == 1]
    assert "二、2026年工作总体要求和主要目标" in parts, parts
    assert not any(s.text.startswith("主要目标") for s in doc.sentences)


def test_a_column_that_ends_near_the_top_of_a_band_is_read_in_its_place(pdf_folder):
    """Broadsheet, five columns, a gutter of 1.2 characters: between two part banners the fifth
    column holds one line (the end of column four's last sentence). It is a column all the same: read
    after column four, not before its text (which glued the next banner to column four's last line)."""
    import dataclasses

    narrow = dataclasses.replace(next(lay for lay in LAYOUTS if lay.name == "broadsheet-5"), gutter=1.2)
    ref = next(r for r in references() if r.name == "province-six-parts-2025")
    doc = load_document(build_case(ref, narrow, pdf_folder).pdf, ref.name)
    assert "四、持续保障和改善民生" in [h.title for h in doc.outline if h.level == 1]
    assert any(s.text.endswith("力争外贸进出口总额增长5%以上。") for s in doc.sentences)


def _pdf_without_text(path, *, image: bool) -> None:
    from PIL import Image
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    if image:
        picture = path.with_suffix(".png")
        Image.new("L", (200, 300), 200).save(picture)
        c.drawImage(str(picture), 50, 50, 400, 600)
    else:
        c.rect(50, 50, 300, 300)
    c.showPage()
    c.save()


def test_bad_pdfs_get_one_clear_line_and_exit_2(tmp_path, cli, pdf_folder):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    good = build_case(references()[-1], LAYOUTS[0], pdf_folder).pdf.read_bytes()
    names = ("scanned", "blank", "locked", "broken", "damaged")
    scanned, empty, locked, broken, damaged = (tmp_path / f"{n}.pdf" for n in names)
    _pdf_without_text(scanned, image=True)
    _pdf_without_text(empty, image=False)
    c = canvas.Canvas(str(locked), encrypt=StandardEncryption("secret", "owner"))
    c.drawString(100, 700, "text")
    c.save()
    broken.write_bytes(good[: len(good) // 3])  # an interrupted download
    damaged.write_bytes(good[:200] + bytes(len(good) - 400) + good[-200:])  # whole length, garbage inside
    expected = {
        scanned: "scanned pages",
        empty: "has no text",
        locked: "password-protected",
        broken: "cut short",
        damaged: "not a readable PDF",
    }
    for path, words in expected.items():
        for command in (["outline", "--json"], ["sentences"], ["text"]):
            r = cli(command[0], str(path), *command[1:])
            assert r.returncode == 2, (path, r.stderr)
            assert r.stdout == ""
            assert words in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
            assert "Traceback" not in r.stderr
        with pytest.raises(ReaderError, match=words):
            load_document(path)


def test_a_scan_with_a_typed_cover_is_refused_naming_its_scanned_pages(tmp_path, cli):
    """A typed cover (or a scanner's stamp line on every page) must not pass a scan off as a report
    with a few sentences: most pages are images with no text layer, so the PDF is refused."""
    from PIL import Image
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    picture = tmp_path / "page.png"
    Image.new("L", (200, 300), 200).save(picture)
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 14)
    for k, line in enumerate(
        [
            "某某市2025年政府工作报告",
            "——2025年1月8日在某某市第十七届人民代表大会第四次会议上",
            "某某市人民政府市长 某某某",
            "目录：一、2024年工作回顾　二、2025年工作安排",
        ]
    ):
        c.drawString(60, 700 - 30 * k, line)
    c.showPage()
    for n in range(2, 5):
        c.drawImage(str(picture), 30, 30, 530, 780)
        c.setFont("Helvetica", 8)
        c.drawString(40, 20, f"scan {n:02d}")
        c.showPage()
    c.save()
    r = cli("outline", str(path), "--json")
    assert r.returncode == 2 and r.stdout == ""
    assert "pages 2–4 of 4 are scanned pages" in r.stderr and "ocrmypdf" in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_a_scanned_page_among_text_pages_is_read_around_and_named(tmp_path, cli):
    """A photo or scanned page inside a typeset report: the text pages are read, and the person is
    told which page was not (a warning on stderr, `Document.notices`), never a page lost silently."""
    from PIL import Image
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    picture = tmp_path / "photo.png"
    Image.new("L", (200, 300), 200).save(picture)
    path = tmp_path / "report.pdf"
    c = canvas.Canvas(str(path))
    for page in range(1, 5):
        if page == 3:
            c.drawImage(str(picture), 30, 30, 530, 780)
        else:
            c.setFont("STSong-Light", 12)
            for k in range(25):
                c.drawString(60, 760 - 24 * k, f"第{page}页第{k + 1}句，今年经济社会发展的主要预期目标是增长百分之五。")
        c.showPage()
    c.save()
    doc = load_document(path)
    assert doc.notices and "page 3 of 4 is a scanned page" in doc.notices[0]
    assert {doc.places[s.line - 1].page for s in doc.sentences} == {1, 2, 4}
    r = cli("sentences", str(path))
    assert r.returncode == 0 and "第4页第25句" in r.stdout
    assert "warning" in r.stderr and "page 3 of 4 is a scanned page" in r.stderr and "ocrmypdf" in r.stderr


def test_an_encrypted_pdf_that_opens_without_a_password_is_read(tmp_path):
    """Government sites often publish PDFs encrypted with an owner password only (no copying or
    editing): any viewer opens them, and so does the reader."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "owner-only.pdf"
    c = canvas.Canvas(str(path), encrypt=StandardEncryption("", ownerPassword="owner", canCopy=0, canModify=0))
    c.setFont("STSong-Light", 12)
    for k in range(25):
        c.drawString(60, 760 - 24 * k, f"第{k + 1}句，今年经济社会发展的主要预期目标是增长百分之五。")
    c.save()
    doc = load_document(path)
    assert len(doc.sentences) == 25 and not doc.notices


def test_the_cli_reads_a_pdf_and_says_the_page(cli, pdf_folder):
    case = build_case(next(r for r in references() if r.name == "national-2026"), LAYOUTS[0], pdf_folder)
    import json

    outline = json.loads(cli("outline", str(case.pdf), "--json").stdout)
    assert [h["title"] for h in outline if h["level"] == 1][:2] == [
        "一、2025年工作回顾",
        "二、2026年经济社会发展总体要求和政策取向",
    ]
    assert all(h["page"] >= 1 for h in outline)
    rows = [json.loads(line) for line in cli("sentences", str(case.pdf), "--json").stdout.splitlines()]
    assert rows and {"id", "text", "kind", "section", "start", "end", "line", "paragraph", "page"} <= set(rows[0])
    assert rows[-1]["page"] == case.pages
    text = cli("text", str(case.pdf)).stdout
    assert "政府工作报告\n" in text and "责任编辑" not in text and "第2版" not in text


def test_a_pdf_whose_fonts_have_no_unicode_map_is_refused_in_one_line(tmp_path, cli, pdf_folder):
    """Embedded subset fonts without a ToUnicode map: PDFium reads glyph codes, which come out as
    Latin letters (`ÄÅÇÉÑ…`), not as garbage PDFium can flag. Refused, never a report of gibberish."""
    good = build_case(references()[-1], LAYOUTS[0], pdf_folder).pdf.read_bytes()
    assert b"/ToUnicode" in good
    garbled = tmp_path / "garbled.pdf"
    garbled.write_bytes(good.replace(b"/ToUnicode", b"/ToUnicodX"))  # same length: offsets hold
    for command in (["outline", "--json"], ["sentences"], ["text"]):
        r = cli(command[0], str(garbled), *command[1:])
        assert r.returncode == 2 and r.stdout == "", r.stderr
        assert "no Unicode map" in r.stderr and "ocrmypdf" in r.stderr, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    with pytest.raises(ReaderError, match="does not read as the Chinese"):
        load_document(garbled)
