"""Reports typeset as newspaper PDFs, read back: per extractor and by reading the PDF directly.

    .venv/bin/python benchmarks/pdf.py [--layouts NAME,...] [--limits] [--only NAME] [--cache DIR] [--misses READER]

Every reference report (tests/fixtures/reports and tests/pdf/data) is set in every layout of the
PDF harness (tests/pdf/harness.py: page sizes, 3–5 columns, body sizes, two font set-ups, banners,
run-in bold headings, running heads and feet, page-turn markers), then read four ways: the text of
`pdftotext`, `pdftotext -layout` and pdfminer.six `extract_text` through the text pipeline, and
reader reading the PDF itself. Scored as the structure harness scores (tests/text/harness.py):
headings (levels 1–2) found and extra, lead-ins, units exact, sections right, paragraph-break
recall / precision, furniture leaked into labelling units; with the seconds each reading took.
Then the open time of a ten-page report, first time and from the cache.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.text.pipeline import load_document, process_text  # noqa: E402
from tests.pdf.harness import EXTRACTORS, LAYOUTS, LIMITS, build_case, references  # noqa: E402
from tests.text.harness import Score, score  # noqa: E402

READERS = (*EXTRACTORS, "direct")


def read(case, reader_name):
    if reader_name == "direct":
        return load_document(case.pdf, case.reference.name)
    text = case.texts.get(reader_name)
    return None if text is None else process_text(text, case.reference.name)


def figures(folder: Path, layouts, refs, misses: str | None) -> None:
    totals = {name: Score() for name in READERS}
    seconds = dict.fromkeys(READERS, 0.0)
    pages = 0
    for ref in refs:
        for lay in layouts:
            case = build_case(ref, lay, folder)
            pages += case.pages
            for name in READERS:
                t0 = time.perf_counter()
                doc = read(case, name)
                seconds[name] += time.perf_counter() - t0
                if doc is None:
                    continue
                s = score(ref, doc, case.furniture)
                if misses == name and s.misses:
                    print(f"-- {ref.name} {lay.name}:", *s.misses[:20], sep="\n   ")
                s.misses = []
                totals[name] += s
    print(f"{len(refs)} references × {len(layouts)} layouts = {len(refs) * len(layouts)} PDFs, {pages} pages")
    print(
        f"{'read as':<18}{'headings':>9}{'extra':>6}{'lead-ins':>9}{'units':>7}{'sections':>9}"
        f"{'breaks R':>9}{'P':>7}{'leaked':>7}{'seconds':>9}"
    )
    for name in READERS:
        sc = totals[name]
        print(
            f"{name:<18}{sc.headings_rate:>9.3f}{sc.headings_extra:>6}{sc.leadins_rate:>9.3f}{sc.units_rate:>7.3f}"
            f"{sc.sections_rate:>9.3f}{sc.recall:>9.3f}{sc.precision:>7.3f}{sc.chrome_leaked:>7}{seconds[name]:>9.2f}"
        )


def ten_pages(folder: Path) -> None:
    """Open time of a ten-page report: all references set as one A4 three-column report until it
    fills ten pages, opened in a fresh process (first time) and then through the cache."""
    import subprocess

    from tests.pdf.typeset import Layout, typeset

    paragraphs = []
    pdf = folder / "ten-pages.pdf"
    for ref in references():
        paragraphs += ref.paragraphs
        n, _ = typeset(paragraphs, Layout("ten", page="a4", columns=3, body=9.0), pdf)
        if n >= 10:
            break
    chars = sum(len(p.text) for p in paragraphs)
    annotations = folder / "annotations"
    code = (
        "import sys, time; t = time.perf_counter();"
        "from reader.corpus.cache import DocumentCache;"
        f"d = DocumentCache({str(annotations)!r}).load({str(pdf)!r});"
        "print(f'{time.perf_counter() - t:.2f}', len(d.sentences))"
    )
    runs = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
        runs.append(out.stdout.split()[0])
    print(f"ten-page report ({n} A4 pages, {chars} characters): first open {runs[0]} s, cached {runs[1]}–{runs[2]} s")
    # the baseline, in the same run: pdfminer.six reading the same characters (no layout analysis)
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    from reader.pdf.chars import read_pdf

    def walk(item):
        yield item
        for child in getattr(item, "_objs", ()):
            yield from walk(child)

    t0 = time.perf_counter()
    count = sum(isinstance(o, LTChar) for page in extract_pages(str(pdf)) for o in walk(page))
    miner = time.perf_counter() - t0
    t0 = time.perf_counter()
    read_pdf(pdf)
    pdfium = time.perf_counter() - t0
    print(f"characters with font and position: pypdfium2 {pdfium:.2f} s, pdfminer.six {miner:.2f} s ({count} chars)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--layouts", default="", help="comma-separated layout names (default: all)")
    ap.add_argument("--limits", action="store_true", help="the geometry the extractors lose the columns on")
    ap.add_argument("--only", default="", help="only references whose name contains this")
    ap.add_argument("--cache", type=Path, default=None, help="keep the PDFs and extracted texts here")
    ap.add_argument("--misses", choices=READERS, help="print what went wrong for this reader")
    args = ap.parse_args()
    layouts = [
        lay for lay in (LIMITS if args.limits else LAYOUTS) if not args.layouts or lay.name in args.layouts.split(",")
    ]
    refs = [r for r in references() if args.only in r.name]
    folder = args.cache or Path(tempfile.mkdtemp(prefix="reader-pdf-bench-"))
    figures(folder, layouts, refs, args.misses)
    ten_pages(Path(tempfile.mkdtemp(prefix="reader-pdf-ten-")))


if __name__ == "__main__":
    main()
