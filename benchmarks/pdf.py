"""Reports typeset as newspaper PDFs, read back: per extractor and by reading the PDF directly.

    .venv/bin/python benchmarks/pdf.py [--layouts NAME,...] [--refs NAME,...] [--cache DIR] [--no-corpus]

Every clean reference (tests/fixtures/reports, tests/pdf/data and the corpus' clean text) is set in
every harness layout (tests/pdf/harness.py: page sizes, 3–5 columns, body sizes, two font set-ups,
banners, run-in headings, headers, footers, page-turn markers), then read four ways: the text of
`pdftotext`, `pdftotext -layout` and pdfminer.six `extract_text` through the text pipeline, and
`reader` reading the PDF itself. Prints headings found, sentences exact and paragraph-break
recall / precision against the clean reference (tests/pdf/metrics.py), the clean text's own
figures (the pipeline's ceiling), and timings. Then the open time of a ten-page report.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.text.pipeline import process_text  # noqa: E402
from tests.pdf.harness import EXTRACTORS, LAYOUTS, build_case, references  # noqa: E402
from tests.pdf.metrics import Counts, compare_document  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--layouts", default="", help="comma-separated layout names (default: all)")
    ap.add_argument("--refs", default="", help="comma-separated reference names (default: all)")
    ap.add_argument("--cache", type=Path, default=None, help="keep the PDFs and extracted texts here")
    ap.add_argument("--no-corpus", action="store_true", help="only the short references, not the corpus")
    ap.add_argument("--verbose", "-v", action="store_true", help="a line per reference and layout")
    args = ap.parse_args()
    layouts = [lay for lay in LAYOUTS if not args.layouts or lay.name in args.layouts.split(",")]
    refs = [r for r in references(not args.no_corpus) if not args.refs or r.name in args.refs.split(",")]
    folder = args.cache or Path(tempfile.mkdtemp(prefix="reader-pdf-bench-"))

    readers = ["clean text", *EXTRACTORS]
    totals = {name: Counts() for name in readers}
    seconds = dict.fromkeys(readers, 0.0)
    pages = 0
    for ref in refs:
        for lay in layouts:
            case = build_case(ref, lay, folder)
            texts = {"clean text": ref.text, **case.texts}
            for name in readers:
                t0 = time.perf_counter()
                if texts.get(name) is None:
                    continue
                else:
                    doc = process_text(texts[name], ref.name)
                seconds[name] += time.perf_counter() - t0
                counts = compare_document(ref, doc)
                totals[name] += counts
                if args.verbose:
                    print(f"  {ref.name:28} {lay.name:14} {name:17} {counts.scores()}")
            pages += (case.texts.get("pdftotext") or "").count("\f")
    print(f"{len(refs)} references × {len(layouts)} layouts = {len(refs) * len(layouts)} PDFs, {pages} pages")
    print(f"{'read as':18} {'headings':>9} {'sentences':>10} {'breaks R':>9} {'breaks P':>9} {'seconds':>8}")
    for name in readers:
        s = totals[name].scores()
        print(
            f"{name:18} {s.headings:9.3f} {s.sentences:10.3f} {s.recall:9.3f} {s.precision:9.3f} {seconds[name]:8.2f}"
        )


if __name__ == "__main__":
    main()
