"""PDFs read directly on layouts the first harness never makes (tests/pdf/wild.py), and how fast.

    .venv/bin/python benchmarks/pdf_direct.py [--layouts NAME,...] [--only REF,...] [--misses] [--cache DIR]
    .venv/bin/python benchmarks/pdf_direct.py --open      # a ten-page report: first open and from the cache

Every reference report is set in every layout of `tests/pdf/wild.py` (other news above the report,
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
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.text.pipeline import load_document  # noqa: E402
from tests.pdf.harness import references  # noqa: E402
from tests.pdf.wild import WILD, available, build  # noqa: E402
from tests.text.harness import Score, norm, score  # noqa: E402


def glued(doc, strings: list[str]) -> int:
    """Units where a string that is not the report's (a running head, another article, a caption)
    ran into report text: what is left of the unit without it is no piece of such a string."""
    keys = sorted({norm(f) for f in strings if norm(f)}, key=len, reverse=True)
    n = 0
    for s in doc.sentences:
        text = norm(s.text)
        rest = text
        for k in keys:
            rest = rest.replace(k, "")
        rest = rest.strip("·•")
        if rest != text and len(rest) >= 2 and not any(rest in k for k in keys):
            n += 1
    return n


def set_aside(doc, foreign: list[str]):
    """A copy of `doc` with every paragraph made only of strings that are not the report's (other
    articles, captions, table cells) marked chrome: the scorer skips them, as it skips furniture.
    Text of those strings inside a report paragraph stays, and is counted by `glued`."""
    keys = sorted({norm(f) for f in foreign if norm(f)}, key=len, reverse=True)

    def alien(text: str) -> bool:
        text = norm(text)
        for k in keys:
            text = text.replace(k, "")
        return not text.strip("·•")

    aside = {p.index for p in doc.paragraphs if alien(doc.text[p.start : p.end])}
    copy = replace(doc)
    copy.paragraphs = [replace(p, kind="chrome") if p.index in aside else p for p in doc.paragraphs]
    copy.sentences = [replace(s, kind="chrome") if s.paragraph in aside else s for s in doc.sentences]
    return copy


def score_wild(ref, lay, folder: Path):
    pdf, out = build(ref, lay, folder)
    t0 = time.perf_counter()
    doc = load_document(pdf, ref.name)
    seconds = time.perf_counter() - t0
    sc = score(ref, set_aside(doc, out.foreign), out.furniture)
    sc.chrome_leaked = glued(doc, [f for f in out.furniture + out.foreign if f not in out.cells])
    return sc, seconds, out.pages


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--layouts")
    ap.add_argument("--only")
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--open", action="store_true")
    args = ap.parse_args()
    folder = args.cache or Path(tempfile.gettempdir()) / "reader-pdf-wild"
    if args.open:
        open_time(folder)
        return
    layouts = [w for w in WILD if not args.layouts or w.name in args.layouts.split(",")]
    refs = [r for r in references() if not args.only or r.name in args.only.split(",")]
    total = Score()
    head = f"{'layout':<16}{'headings':>9}{'extra':>6}{'units':>7}{'sections':>9}{'breaks R':>9}{'P':>7}"
    print(f"{head}{'glued':>6}{'pages':>6}{'s':>7}")
    for lay in layouts:
        if why := available(lay):
            print(f"{lay.name:<16} skipped: {why}")
            continue
        sub, secs, pages = Score(), 0.0, 0
        for ref in refs:
            sc, s, p = score_wild(ref, lay, folder)
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
    raise SystemExit("todo")


if __name__ == "__main__":
    main()
