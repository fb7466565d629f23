"""A PDF report → the same `Document` as a text report: layout → reconstructed text → the pipeline.

The layout reader (`layout.py`) gives paragraphs in reading order, each with the printed lines it
came from. They become one text: the printed lines, a blank line between paragraphs, a line that
ends a sentence inside a paragraph joined to the next and a wrapped heading on one line (the
pipeline would judge them by their length); the text pipeline processes it as it would a text file:
the same cleaning, headings, outline, sentence splitting and sentence ids. Provenance then moves
from the reconstructed text back to the PDF: a unit's `line` is the printed line where it starts
(found by its first characters among the printed lines of its raw line), numbered
in reading order over the whole PDF (running heads and feet counted), and `Document.places[line - 1]`
says on which page and where that line is printed. Running heads, feet and page-turn markers are
kept in `Document.dropped` with their printed line, as is what the layout set aside (datelines,
framed and vertical text, what precedes the report's title on its page, what is read between a
（下转第N版） and the （上接…） that brings the report back).
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import replace

from reader.errors import ReaderError
from reader.pdf.chars import PdfText, read_pdf
from reader.pdf.emphasis import emphasised_sentences
from reader.pdf.layout import (
    Block,
    Line,
    body_style,
    mark_emphasis,
    mark_framed,
    mark_furniture,
    mark_jumps,
    mark_notes,
    mark_vertical,
    order_page,
    page_lines,
    paragraphs,
)
from reader.pdf.thresholds import GARBLED_SHARE, HAN_MIN_SHARE, SCANNED_MAX_SHARE, SCANNED_MIN_CHARS, TITLE_SIZE
from reader.text.chars import content_key
from reader.text.model import Document, Dropped, Place
from reader.text.pipeline import process_text


def process_pdf_bytes(raw: bytes, doc_id: str, *, path: str, trace: list[str] | None = None) -> Document:
    """A PDF's bytes → Document (`reader.text.pipeline.process_bytes` hands PDFs here, so
    `load_document` reads them). ReaderError (one line, what to do) for a broken,
    password-protected or scanned PDF."""
    if not raw.lstrip()[:5] == b"%PDF-" and b"%PDF-" not in raw[:1024]:
        raise ReaderError(f"{path}: not a PDF file (no %PDF header); give a PDF or a text report")
    pdf = read_pdf(path, raw)
    scanned = _check_text_layer(pdf, path)
    lines, blocks = read_layout(pdf)
    doc = _document(doc_id, lines, blocks, trace)
    if scanned:
        one = len(scanned) == 1
        what = "is a scanned page" if one else "are scanned pages"
        doc.notices.append(
            f"{_page_list(scanned)} of {len(pdf.pages)} {what} (images without a text layer), not read; "
            f"{_OCR} to read {'it' if one else 'them'} too"
        )
    doc.encoding = "pdf"
    doc.sha256 = hashlib.sha256(raw).hexdigest()
    doc.path = path
    return doc


_OCR = "run OCR on it first (e.g. `ocrmypdf -l chi_sim in.pdf out.pdf`) and open the result"


def _check_text_layer(pdf: PdfText, path: str) -> list[int]:
    """The numbers of the scanned pages read around (a cover, a photo page); ReaderError when the
    PDF has no text to read or is mostly scans, or its text does not read as Chinese."""
    if not pdf.pages:
        raise ReaderError(f"{path}: the PDF has no pages")
    chars = [ch for page in pdf.pages for run in page.runs for ch in run.text if not ch.isspace()]
    scanned = [page.number for page in pdf.pages if page.images and _text_chars(page) < SCANNED_MIN_CHARS]
    ocr = _OCR
    if len(chars) < SCANNED_MIN_CHARS * len(pdf.pages):
        what = "scanned pages (images without a text layer)" if scanned else "no text"
        raise ReaderError(f"{path}: the PDF has {what}; {ocr}")
    if len(scanned) > SCANNED_MAX_SHARE * len(pdf.pages):
        # a typed cover or a stamped line on a scan must not pass for the report
        raise ReaderError(
            f"{path}: {_page_list(scanned)} of {len(pdf.pages)} are scanned pages (images without a text layer); {ocr}"
        )
    garbled = sum(1 for ch in chars if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff" or ord(ch) < 32)
    han = sum(1 for ch in chars if ord(ch) >= 0x2E80)
    letters = sum(1 for ch in chars if ch.isalpha() and ord(ch) < 0x2E80)
    if garbled > GARBLED_SHARE * len(chars) or han < HAN_MIN_SHARE * (han + letters):
        # fonts without a ToUnicode map: PDFium falls back to the glyph codes, which read as
        # private-use characters or as Latin letters (`ÄÅÇÉÑÖ…`), not as the Chinese printed
        sample = "".join(ch for ch in chars if ch.isprintable() and not ch.isdigit())[:12]
        raise ReaderError(
            f"{path}: the PDF's text does not read as the Chinese it prints ({sample!r}…): its fonts carry no "
            "Unicode map; run OCR on it (e.g. `ocrmypdf -l chi_sim --force-ocr in.pdf out.pdf`) or find a text version"
        )
    return scanned


def _text_chars(page) -> int:
    return sum(len(run.text) - run.text.count(" ") for run in page.runs)


def _page_list(numbers: list[int]) -> str:
    """`pages 2–4, 7` (runs of pages shortened)."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    words = [f"{a}" if a == b else f"{a}–{b}" for a, b in spans]
    return ("page " if len(numbers) == 1 else "pages ") + ", ".join(words)


def read_layout(pdf: PdfText) -> tuple[list[Line], list[Block]]:
    """Every printed line (numbered in reading order) and the blocks in reading order."""
    per_page = []
    sizes: dict[float, int] = {}
    for page in pdf.pages:
        lines = page_lines(page, pdf.styles)
        mark_vertical(lines)
        mark_framed(page, lines)
        per_page.append((page, lines))
        for ln in lines:
            sizes[ln.size] = sizes.get(ln.size, 0) + len(ln.text)
    em = max(sizes, key=sizes.__getitem__) if sizes else 10.0
    ordered = []
    for page, lines in per_page:
        if not lines:
            continue
        notes = mark_notes(page, lines, em)  # footnotes: ordered apart, after the page's text
        text = [ln for ln in lines if not ln.note]
        blocks = order_page(text, em, page.width, page.height) if text else []
        blocks += [Block(g, min(ln.x0 for ln in g), max(ln.x1 for ln in g)) for g in notes]
        ordered.append((page, blocks))
    mark_furniture(ordered)
    blocks = [block for _, page_blocks in ordered for block in page_blocks]
    lines = [ln for block in blocks for ln in block.lines]
    mark_before_title(lines, em)
    mark_jumps(lines)
    for no, ln in enumerate(lines, start=1):
        ln.no = no
    body = body_style(pdf, lines)
    mark_emphasis(pdf, lines, body)
    return lines, blocks


def mark_before_title(lines: list[Line], em: float) -> None:
    """Another article printed above (or before) the report on the page where the report begins
    (a front page's lead story, the masthead): the report begins at its title, the first line set
    large (`TITLE_SIZE`) that names a report (…报告); what is read before it on that page is kept
    aside. Pages before it (a cover) are left as they are."""
    title = next(
        (k for k, ln in enumerate(lines) if not ln.furniture and ln.size >= TITLE_SIZE * em and "报告" in ln.text), None
    )
    if title is None:
        return
    for ln in lines[:title]:
        if ln.page == lines[title].page:
            ln.furniture = True


def _document(doc_id: str, lines: list[Line], blocks: list[Block], trace: list[str] | None = None) -> Document:
    sizes = [ln.size for ln in lines if not ln.furniture]
    em = max(set(sizes), key=sizes.count) if sizes else 10.0
    paras = paragraphs(blocks, em)
    # The text the pipeline reads: the printed lines, a blank line between paragraphs (the raw
    # layout it reads most surely: benchmarks/structure.py). Inside a paragraph, a printed line that
    # ends a sentence is joined to the next: the layout has seen the paragraph go on, while the
    # pipeline would judge the line by its length, and in a column narrower than the page's others
    # (columns of unequal width) every full line looks short. A wrapped heading is one line. Each
    # raw line keeps where its printed lines start, so a unit's `line` is the printed line where it
    # starts.
    raw_lines: list[str] = []
    starts: list[tuple[list[int], list[int]]] = []  # per raw line: key offsets, printed line numbers
    for para in paras:
        if raw_lines:
            raw_lines.append("")
            starts.append(starts[-1])
        text, offsets, numbers = "", [], []
        for k, (no, piece) in enumerate(para.pieces):
            offsets.append(len(content_key(text)))
            numbers.append(no)
            text += piece
            last = k == len(para.pieces) - 1
            if last or not (para.heading_like or piece.endswith(SENTENCE_END)):
                raw_lines.append(text)
                starts.append((offsets, numbers))
                text, offsets, numbers = "", [], []
    emphasised = emphasised_sentences(paras, lines)
    doc = process_text("\n".join(raw_lines) + "\n", doc_id, trace, emphasised)
    keys = [content_key(t) for t in raw_lines]

    def locate(units: list) -> list:
        """Each unit (in text order) with `line` the printed line where its text starts."""
        cursor: dict[int, int] = {}
        out = []
        for u in units:
            if not raw_lines:
                out.append(u)
                continue
            raw_no = min(max(u.line, 1), len(raw_lines))
            offsets, numbers = starts[raw_no - 1]
            head = content_key(doc.text[u.start : u.end])[:8]
            found = keys[raw_no - 1].find(head, cursor.get(raw_no, 0)) if head else -1
            if found < 0:
                found = cursor.get(raw_no, 0)
            cursor[raw_no] = found
            k = max(0, bisect.bisect_right(offsets, found) - 1)
            out.append(replace(u, line=numbers[k] if numbers else 1))
        return out

    def at(raw_no: int) -> int:
        numbers = starts[min(max(raw_no, 1), len(starts)) - 1][1] if starts else []
        return numbers[0] if numbers else 1

    doc.paragraphs = locate(doc.paragraphs)
    doc.outline = locate(doc.outline)
    doc.sentences = locate(doc.sentences)
    furniture = [Dropped(ln.text.strip(), ln.no) for ln in lines if ln.furniture]
    doc.dropped = sorted([*furniture, *(replace(d, line=at(d.line)) for d in doc.dropped)], key=lambda d: d.line)
    doc.places = [Place(ln.page, round(ln.x0, 1), round(ln.top, 1)) for ln in lines]
    return doc


SENTENCE_END = ("。", "！", "？", "；", "!", "?", ";", "”", "’")
