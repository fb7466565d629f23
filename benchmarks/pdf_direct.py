"""PDFs read directly on layouts the first harness never makes (tests/pdf/wild.py), and how fast.

    .venv/bin/python benchmarks/pdf_direct.py [--layouts NAME,...] [--only REF,...] [--misses] [--cache DIR]
    .venv/bin/python benchmarks/pdf_direct.py --open      # a ten-page report: first open and from the cache

Every reference report is set in every layout of `tests/pdf/wild.py` (round 1) and of
`tests/pdf/wild2.py` (round 2: turned pages and crop boxes, content drawn out of reading order, a
text object a character, characters placed one by one, another article under a banner in mid-page,
a report jumping over pages of other news, footnotes, a two-column bulletin, Kangxi radicals):
(other news above the report,
boxed articles beside it, unequal columns, headings at the body size in another face, 楷体
quotations, pictures, tables, pull quotes, margin text, a two-page spread, a government A4 file and
a LibreOffice print) and read by reader directly. Scored as the structure harness scores
(tests/text/harness.py) with every string that is not the report (other articles, captions, cells,
bylines) set aside like furniture; `glued` counts units where such a string or a running head ran
into report text.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.pdf.harness import references  # noqa: E402
from tests.pdf.wild import WILD, available, score_wild  # noqa: E402
from tests.pdf.wild2 import WILD2, score_wild2  # noqa: E402
from tests.text.harness import Score  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--layouts")
    ap.add_argument("--only")
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--open", action="store_true")
    ap.add_argument("--round", choices=("1", "2", "all"), default="all", help="1: wild.py, 2: wild2.py")
    args = ap.parse_args()
    folder = args.cache or Path(tempfile.gettempdir()) / "reader-pdf-wild"
    if args.open:
        open_time(folder)
        return
    refs = [r for r in references() if not args.only or r.name in args.only.split(",")]
    rounds = [("round 1 (tests/pdf/wild.py)", WILD, score_wild), ("round 2 (tests/pdf/wild2.py)", WILD2, score_wild2)]
    for k, (title, layouts, scorer) in enumerate(rounds, start=1):
        if args.round in (str(k), "all"):
            print(title)
            table(
                [w for w in layouts if not args.layouts or w.name in args.layouts.split(",")],
                refs,
                scorer,
                folder,
                args,
            )


def table(layouts, refs, scorer, folder: Path, args) -> None:
    total = Score()
    head = f"{'layout':<16}{'headings':>9}{'extra':>6}{'units':>7}{'sections':>9}{'breaks R':>9}{'P':>7}"
    print(f"{head}{'glued':>6}{'pages':>6}{'s':>7}")
    for lay in layouts:
        if why := available(lay):
            print(f"{lay.name:<16} skipped: {why}")
            continue
        sub, secs, pages = Score(), 0.0, 0
        for ref in refs:
            sc, s, p = scorer(ref, lay, folder)
            secs += s
            pages += p
            if args.misses and sc.misses:
                print(f"-- {ref.name} {lay.name}:", *sc.misses[:25], sep="\n   ")
            sc.misses = []
            sub += sc
        total += sub
        print(
            f"{lay.name:<16}{sub.headings_rate:>9.3f}{sub.headings_extra:>6}{sub.units_rate:>7.3f}{sub.sections_rate:>9.3f}"
            f"{sub.recall:>9.3f}{sub.precision:>7.3f}{sub.chrome_leaked:>6}{pages:>6}{secs:>7.2f}"
        )
    print(
        f"{'all':<16}{total.headings_rate:>9.3f}{total.headings_extra:>6}{total.units_rate:>7.3f}{total.sections_rate:>9.3f}"
        f"{total.recall:>9.3f}{total.precision:>7.3f}{total.chrome_leaked:>6}"
    )


def open_time(folder: Path) -> None:
    """A ten-page report in a wild layout (A3 front page with other news, five columns, margin text),
    opened in a fresh process the first time and then through the cache; the baseline in the same
    run: pdfminer.six `extract_text` of the same file (characters only, no layout)."""
    import subprocess

    from tests.pdf.wild import build
    from tests.text.harness import Reference

    lay = next(w for w in WILD if w.name == "front-a3")
    paragraphs = []
    for ref in references():
        paragraphs += ref.paragraphs
        pdf, out = build(Reference("ten-pages", list(paragraphs)), lay, folder)
        if out.pages >= 10:
            break
    annotations = Path(tempfile.mkdtemp(prefix="reader-pdf-open-"))
    code = (
        "import time; t = time.perf_counter();"
        "from reader.corpus.cache import DocumentCache;"
        f"d = DocumentCache({str(annotations)!r}).load({str(pdf)!r});"
        "print(f'{time.perf_counter() - t:.2f}')"
    )
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout)
        for _ in range(3)
    ]
    miner = (
        "import time; t = time.perf_counter(); from pdfminer.high_level import extract_text;"
        f"extract_text({str(pdf)!r}); print(f'{{time.perf_counter() - t:.2f}}')"
    )
    base = float(subprocess.run([sys.executable, "-c", miner], capture_output=True, text=True, check=True).stdout)
    chars = sum(len(p.text) for p in paragraphs)
    print(f"ten-page report ({out.pages} A3 pages, {chars} characters, {lay.name}):")
    print(f"  first open {runs[0]:.2f} s (goal 2 s), from the cache {runs[1]:.2f} / {runs[2]:.2f} s")
    print(f"  baseline, same run: pdfminer.six extract_text {base:.2f} s; first open / baseline = {runs[0] / base:.2f}")


if __name__ == "__main__":
    main()
