"""The PDF harness: reference reports → newspaper PDFs → text from real extractors → scores.

    from tests.pdf.harness import LAYOUTS, build_case, references, score_text, score_pdf
    for ref in references():
        case = build_case(ref, LAYOUTS[0], folder)
        case.pdf                       # the typeset PDF
        case.texts["pdftotext"]        # what `pdftotext` makes of it (None if the tool is missing)
        case.texts["pdftotext-layout"], case.texts["pdfminer"]
        case.furniture                 # every running head, foot and page-turn marker printed
        score_text(case, "pdftotext")  # the text pipeline on that text, scored against the reference
        score_pdf(case)                # reader reading the PDF itself, scored the same way

References are the structure harness's (`tests/fixtures/reports/*.txt`, parsed and scored by
`tests/text/harness.py`: headings, lead-ins, units, sections, paragraph breaks) plus this
harness's own (`tests/pdf/data/*.txt`, same format). Cases are cached in `folder` under a hash of
the reference, the layout and the typesetter's source, so a second run only re-reads files.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reader.text.pipeline import process_text
from tests.pdf.typeset import HEI, SONG, Layout, typeset
from tests.text.harness import Reference, Score, parse_reference, score
from tests.text.harness import references as text_references

HERE = Path(__file__).resolve().parent

EXTRACTORS = ("pdftotext", "pdftotext-layout", "pdfminer")

LAYOUTS = [
    Layout("broadsheet-4", page="broadsheet", columns=4, body=10.5, leading=1.45, gutter=1.5),
    Layout(
        "broadsheet-5",
        page="broadsheet",
        columns=5,
        body=9.0,
        leading=1.4,
        gutter=1.6,
        rules=True,
        runin=False,
        banner_parts=True,
        first_page=1,
        editors_per_page=True,
    ),
    Layout(
        "tabloid-3",
        page="tabloid",
        columns=3,
        body=10.5,
        leading=1.35,
        gutter=2.0,
        heading_indent=True,
        bold_leadins=False,
        credits="head",
    ),
    Layout(
        "a3-4-cid",
        page="a3",
        columns=4,
        body=9.0,
        leading=1.45,
        gutter=1.3,
        rules=True,
        fonts="cid",
        banner_parts=True,
        section="特别报道",
    ),
    Layout(
        "a4-3",
        page="a4",
        columns=3,
        body=8.0,
        leading=1.4,
        banner_title=False,
        first_page=5,
        whole_columns=False,
        credits="head",
        editors_per_page=True,
    ),
]
"""Realistic newspaper geometry (see tests/pdf/typeset.py `Layout`): 行距 a third to just under half a
character, gutters of 1.3–2 characters (some with a rule), a baseline grid, whole-character columns."""

LIMITS = [
    Layout("loose-leading", page="broadsheet", columns=4, body=10.5, leading=1.6, gutter=1.5),
    Layout("narrow-gutter", page="broadsheet", columns=5, body=9.0, leading=1.4, gutter=1.0, rules=True),
]
"""Real geometry on which the extractors lose the column order (measured by benchmarks/pdf.py
--limits, not part of the goals): a baseline pitch over 1.5 body sizes (both tools then make every
line a block of its own and order the blocks across columns) and a gutter of one character, rule or
not (`pdftotext` reads across it: neither tool looks at rules)."""


@cache
def references() -> tuple[Reference, ...]:
    """The structure harness's references and this harness's own."""
    own = [parse_reference(p.stem, p.read_text(encoding="utf-8")) for p in sorted((HERE / "data").glob("*.txt"))]
    return (*text_references(), *own)


def fonts_available(kind: str) -> bool:
    return kind != "ttf" or (SONG.exists() and HEI.exists())


def tool_missing(extractor: str) -> str | None:
    """Why `extractor` cannot run here, or None."""
    if extractor.startswith("pdftotext"):
        return None if shutil.which("pdftotext") else "pdftotext missing (apt-get install poppler-utils)"
    return None  # pdfminer.six is a test dependency


def extract(pdf: Path, extractor: str) -> str | None:
    """The text `extractor` makes of `pdf`, as a user would get it; None if the tool is missing."""
    if tool_missing(extractor):
        return None
    if extractor == "pdfminer":
        from pdfminer.high_level import extract_text

        return extract_text(str(pdf))
    args = ["pdftotext", "-enc", "UTF-8"]
    if extractor == "pdftotext-layout":
        args.append("-layout")
    return subprocess.run([*args, str(pdf), "-"], capture_output=True, check=True).stdout.decode("utf-8")


@dataclass
class Case:
    reference: Reference
    layout: Layout
    pdf: Path
    pages: int
    furniture: list[str]
    texts: dict[str, str | None]


def _key(reference: Reference, layout: Layout) -> str:
    digest = hashlib.sha256(repr(reference.paragraphs).encode() + repr(layout).encode())
    digest.update((HERE / "typeset.py").read_bytes())
    return digest.hexdigest()[:12]


def build_case(reference: Reference, layout: Layout, folder: Path, extractors=EXTRACTORS) -> Case:
    """Typeset `reference` with `layout` into `folder` and extract it (cached by content)."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"{reference.name}.{layout.name}.{_key(reference, layout)}"
    pdf = stem.with_name(stem.name + ".pdf")
    meta = stem.with_name(stem.name + ".json")
    if not (pdf.exists() and meta.exists()):
        tmp = pdf.with_name(pdf.name + ".tmp")
        pages, furniture = typeset(reference.paragraphs, layout, tmp)
        meta.write_text(json.dumps({"pages": pages, "furniture": furniture}, ensure_ascii=False), encoding="utf-8")
        tmp.replace(pdf)
    info = json.loads(meta.read_text(encoding="utf-8"))
    return Case(reference, layout, pdf, info["pages"], info["furniture"], extracted_texts(pdf, extractors))


def extracted_texts(pdf: Path, extractors) -> dict[str, str | None]:
    """The text each extractor makes of `pdf` (None: the tool is missing), cached beside it as
    `STEM.EXTRACTOR.txt`."""
    texts: dict[str, str | None] = {}
    for name in extractors:
        cached = pdf.with_name(f"{pdf.stem}.{name}.txt")
        if cached.exists():
            texts[name] = cached.read_text(encoding="utf-8")
            continue
        text = extract(pdf, name)
        if text is not None:
            cached.write_text(text, encoding="utf-8")
        texts[name] = text
    return texts


def score_text(case: Case, extractor: str) -> Score | None:
    """The text pipeline on an extractor's text, scored against the reference."""
    text = case.texts.get(extractor)
    if text is None:
        return None
    return score(case.reference, process_text(text, case.reference.name), case.furniture)


def score_pdf(case: Case) -> Score:
    """reader reading the PDF itself, scored against the reference."""
    from reader.text.pipeline import load_document

    return score(case.reference, load_document(case.pdf, case.reference.name), case.furniture)
