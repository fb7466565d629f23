"""The whole text pipeline: decode → clean → reflow → outline → sentences, giving a `Document`.

Headless: nothing here imports Textual or jieba (a test checks it).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Callable, Sequence
from pathlib import Path

from reader.errors import ReaderError
from reader.gcpause import no_gc_pauses
from reader.text.boxes import in_reading_order
from reader.text.chars import WS_CHARS, width
from reader.text.clean import clean_line, drop_box_blanks, lines_to_clean, repair
from reader.text.decode import decode_bytes, split_lines
from reader.text.fingerprint import PIPELINE_VERSION, pipeline_fingerprint  # noqa: F401 (their home is fingerprint.py)
from reader.text.foreign import set_aside
from reader.text.furniture import furniture_changes, strip_furniture
from reader.text.model import Document, Dropped, Heading, Paragraph, Sentence
from reader.text.outline import SectionIndex, build_outline
from reader.text.reflow import Block, make_lines, needs_space, reflow
from reader.text.sentences import sentence_id, split_spans, text_key
from reader.text.side_by_side import unfold_columns

TEXT_SUFFIXES = (".txt", ".text", ".pdf")
"""Report files: text, and PDFs (read by reader.pdf, then this pipeline)."""
_INDENTS = ("\u3000", "  ", "\t")
"""A raw line starting with one of these is indented (a single space is PDF noise, not an indent)."""


def load_document(path: str | Path, doc_id: str | None = None, trace: list[str] | None = None) -> Document:
    """Read and process one report file. Raises ReaderError for a missing, unreadable, empty or
    binary file."""
    path = Path(path)
    if not path.exists():
        raise ReaderError(f"{path}: no such file; check the path")
    if path.is_dir():
        raise ReaderError(f"{path}: is a folder; give a report file (.txt or .pdf)")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReaderError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from exc
    return process_bytes(raw, doc_id or path.stem, name=str(path), path=str(path), trace=trace)


def process_bytes(
    raw: bytes, doc_id: str, *, name: str | None = None, path: str | None = None, trace: list[str] | None = None
) -> Document:
    if b"%PDF-" in raw[:1024]:
        from reader.pdf.document import process_pdf_bytes

        return process_pdf_bytes(raw, doc_id, path=path or name or doc_id, trace=trace)
    text, encoding = decode_bytes(raw, name or doc_id)
    doc = process_text(text, doc_id, trace)
    doc.encoding = encoding
    doc.sha256 = hashlib.sha256(raw).hexdigest()
    doc.path = path
    return doc


def process_text(
    text: str, doc_id: str, trace: list[str] | None = None, emphasised: frozenset[str] = frozenset()
) -> Document:
    """Run every stage after decoding on `text`. With `trace`, the reflow's decisions (which rule
    broke or joined each gap, which reader took each heading) are appended to it. `emphasised`: the
    content keys (`chars.content_key`) of sentences a PDF prints in bold inside a paragraph (lead-ins)."""
    with no_gc_pauses():  # a report's records form no cyclic garbage (gcpause.py)
        cleaned, dropped = clean_text(text)
        blocks = reflow(make_lines(cleaned), trace, extracted="\f" in text)
        full, paragraphs, line_at = assemble(blocks)
        outline, sentences = segment(doc_id, full, paragraphs, line_at, emphasised)
        return Document(doc_id, full, paragraphs, outline, sentences, dropped)


def clean_text(text: str) -> tuple[list[tuple[int, str, int]], list[Dropped]]:
    """Clean every raw line: (raw line number, cleaned text, width of its indent: 0 if none) and the
    furniture dropped."""
    lines = split_lines(repair(text))
    cleaned: list[tuple[int, str, int]] = []
    dropped: list[Dropped] = []
    if "\f" in text:  # an extractor's text, with its pages and text boxes
        numbers = None
        if unfolded := unfold_columns(lines):  # `pdftotext -layout`: columns side by side
            lines, numbers = unfolded
        items = set_aside(strip_furniture(lines))  # not the report's: other news, tables, captions…
        # its boxes put back in reading order first
        for no, (line, furniture) in in_reading_order(items, drop_box_blanks(items), extracted=True):
            _clean_into(cleaned, dropped, numbers[no - 1] if numbers else no, line, furniture)
        return cleaned, dropped
    changes = furniture_changes(lines)  # sparse: most lines have no furniture
    work = lines_to_clean("\n".join(lines))
    work.update(changes)
    for k, line in enumerate(lines):
        if k in work:
            line, furniture = changes.get(k) or (line, ())
            _clean_into(cleaned, dropped, k + 1, line, furniture)
        else:  # most lines: nothing to clean (see `lines_to_clean`), and no indent (that is whitespace)
            cleaned.append((k + 1, line, 0))
    return cleaned, dropped


def _clean_into(
    cleaned: list[tuple[int, str, int]],
    dropped: list[Dropped],
    no: int,
    raw_line: str | None,
    page_furniture: Sequence[str],
) -> None:
    """Clean raw line `no` (None: a line of page furniture, or a blank line setting it apart) into
    `cleaned`, and what was taken from it into `dropped`."""
    if page_furniture:
        dropped.extend(Dropped(f, no) for f in page_furniture)
    if raw_line is None:
        return
    line, furniture = clean_line(raw_line)
    if furniture:
        dropped.extend(Dropped(f, no) for f in furniture)
    indent = 0
    if raw_line.startswith(_INDENTS):
        indent = width(raw_line[: len(raw_line) - len(raw_line.lstrip(WS_CHARS))].replace("\t", "  "))
    cleaned.append((no, line, indent))


def assemble(blocks: list[Block]) -> tuple[str, list[Paragraph], Callable[[int], int]]:
    """The reflowed text (paragraphs joined by newlines), its paragraphs, and offset → raw line."""
    pieces: list[str] = []
    paragraphs: list[Paragraph] = []
    map_offsets: list[int] = []
    map_lines: list[int] = []
    pos = 0
    for block in blocks:
        if paragraphs:
            pieces.append("\n")
            pos += 1
        start = pos
        previous = ""
        for no, piece in block.segments:
            if previous[-1:].isascii() and needs_space(previous, piece):  # only Latin letters meet with a space
                pieces.append(" ")
                pos += 1
            map_offsets.append(pos)
            map_lines.append(no)
            pieces.append(piece)
            pos += len(piece)
            previous = piece
        paragraphs.append(Paragraph(len(paragraphs), block.kind, start, pos, block.segments[0][0], block.level))

    def line_at(offset: int) -> int:
        # the first piece is at offset 0: any offset (>= 0) is at or after it
        return map_lines[bisect_right(map_offsets, offset) - 1] if map_lines else 1

    return "".join(pieces), paragraphs, line_at


def segment(
    doc_id: str,
    full: str,
    paragraphs: list[Paragraph],
    line_at: Callable[[int], int],
    emphasised: frozenset[str] = frozenset(),
) -> tuple[list[Heading], list[Sentence]]:
    """Split paragraphs into sentences, build the outline, give each sentence its id and section."""
    spans: list[tuple[int, int, int, str, bool]] = []  # start, end, paragraph, kind, in a section
    body: dict[int, list[tuple[int, int]]] = {}
    for p in paragraphs:
        if p.kind in ("heading", "title"):
            spans.append((p.start, p.end, p.index, p.kind, p.kind == "heading"))
            continue
        own = split_spans(full, p.start, p.end)
        if p.kind == "text":
            body[p.index] = own
        in_section = p.kind != "note"  # end notes are in no section of the body, nor are titles
        spans += [(s, e, p.index, "sentence", in_section) for s, e in own]

    outline, scopes = build_outline(full, paragraphs, body, line_at, emphasised)
    section_at = SectionIndex(outline, scopes).path_at
    seen: dict[str, int] = {}  # occurrences of each text so far
    sentences: list[Sentence] = []
    for start, end, para, kind, in_section in spans:
        text = full[start:end]
        key = text_key(text)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        sid = sentence_id(doc_id, text, occurrence, key=key)
        section = section_at(start) if in_section else ()
        sentences.append(Sentence(sid, len(sentences), text, kind, start, end, line_at(start), section, para))
    return outline, sentences
