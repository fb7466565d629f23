"""The PDF harness: clean reference reports → newspaper PDFs → text from real extractors.

    from tests.pdf.harness import LAYOUTS, build_case, references
    for ref in references():
        case = build_case(ref, LAYOUTS[0], folder)
        case.pdf                      # the typeset PDF
        case.texts["pdftotext"]       # what `pdftotext` makes of it (None if the tool is missing)
        case.texts["pdftotext-layout"], case.texts["pdfminer"]
        ref.paragraphs, ref.outline, ref.sentences   # what any reading of it must give

A reference is clean text, one paragraph per line (what `reader text` prints of a report). Its
paragraphs are its lines; its outline and sentences are what the pipeline makes of the clean text.
Cases are cached in `folder` under a hash of the reference, the layout and the typesetter's
source, so a second run only re-reads files.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reader.text.pipeline import load_document, process_text
from tests.pdf.typeset import HEI, SONG, Layout, typeset

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
FIXTURES = ROOT / "tests" / "fixtures" / "reports"
"""Short clean reference reports shared with the text pipeline's tests (when present)."""

EXTRACTORS = ("pdftotext", "pdftotext-layout", "pdfminer")

LAYOUTS = [
    Layout("broadsheet-4", page="broadsheet", columns=4, body=10.5),
    Layout("broadsheet-5", page="broadsheet", columns=5, body=9.0, runin=False, banner_parts=True, first_page=1),
    Layout("tabloid-3", page="tabloid", columns=3, body=10.5, heading_indent=True, bold_leadins=False),
    Layout("a3-4-cid", page="a3", columns=4, body=9.0, fonts="cid", banner_parts=True, section="特别报道"),
    Layout("a4-3", page="a4", columns=3, body=8.0, banner_title=False, runin=True, first_page=5),
]


@dataclass(frozen=True)
class Reference:
    name: str
    text: str = field(repr=False)
    """Clean text: one paragraph per line, headings on their own lines."""
    paragraphs: list[str] = field(repr=False)
    outline: list[tuple[int, str]] = field(repr=False)
    sentences: list[str] = field(repr=False)
    """The labelling units (kind "sentence")."""
    outline_lines: list[tuple[int, str, int]] = field(repr=False, default_factory=list)


def reference_from_text(name: str, text: str) -> Reference:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    clean = "\n".join(lines) + "\n"
    doc = process_text(clean, name)
    return Reference(
        name,
        clean,
        lines,
        [(h.level, h.title) for h in doc.outline],
        [s.text for s in doc.sentences if s.kind == "sentence"],
        [(h.level, h.title, h.line) for h in doc.outline],
    )


@cache
def references(include_corpus: bool = True) -> tuple[Reference, ...]:
    """The shared fixtures, this harness's own reports and (optionally) the corpus' clean text."""
    refs = [reference_from_text(p.stem, p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.glob("*.txt"))]
    refs += [reference_from_text(p.stem, p.read_text(encoding="utf-8")) for p in sorted((HERE / "data").glob("*.txt"))]
    if include_corpus:
        for p in sorted((ROOT / "corpus").glob("*.txt")):
            refs.append(reference_from_text(p.stem, load_document(p).text))
    return tuple(refs)


def fonts_available(kind: str) -> bool:
    return kind != "ttf" or (SONG.exists() and HEI.exists())


def tool_missing(extractor: str) -> str | None:
    """Why `extractor` cannot run here, or None."""
    if extractor.startswith("pdftotext"):
        return None if shutil.which("pdftotext") else "pdftotext missing (apt-get install poppler-utils)"
    try:
        import pdfminer  # noqa: F401
    except ImportError:
        return "pdfminer.six missing (pip install -e '.[dev]')"
    return None


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
    texts: dict[str, str | None]


def _key(reference: Reference, layout: Layout) -> str:
    digest = hashlib.sha256(reference.text.encode() + repr(layout).encode())
    digest.update((HERE / "typeset.py").read_bytes())
    return digest.hexdigest()[:12]


def build_case(reference: Reference, layout: Layout, folder: Path, extractors=EXTRACTORS) -> Case:
    """Typeset `reference` with `layout` into `folder` and extract it (cached by content)."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"{reference.name}.{layout.name}.{_key(reference, layout)}"
    pdf = stem.with_name(stem.name + ".pdf")
    if not pdf.exists():
        tmp = pdf.with_name(pdf.name + ".tmp")
        typeset(reference.text.splitlines(), reference.outline_lines, layout, tmp)
        tmp.replace(pdf)
    texts: dict[str, str | None] = {}
    for name in extractors:
        out = stem.with_name(f"{stem.name}.{name}.txt")
        if out.exists():
            texts[name] = out.read_text(encoding="utf-8")
            continue
        text = extract(pdf, name)
        if text is not None:
            out.write_text(text, encoding="utf-8")
        texts[name] = text
    return Case(reference, layout, pdf, texts)
