"""The held-out reports typeset as newspaper PDFs, read back: an honest estimate for PDFs.

    nice .venv/bin/python benchmarks/heldout_pdf.py [--layouts NAME,...] [--only NAME] [--cache DIR]
                                                   [--misses READER] [--per-report]

The PDF harness (tests/pdf/harness.py) typesets only its own reference reports, which the PDF
side was built on. This sets the held-out set's hand-read gold (tests/text/heldout/gold, reports
the PDF side never saw) in the same five newspaper layouts, reads each PDF four ways (`pdftotext`,
`pdftotext -layout` and pdfminer.six text through the text pipeline; reader reading the PDF
itself) and scores it with the held-out scorer (tests/text/heldout/score.py: outline entries with
their whole path, lead-ins, units exact, sections, paragraph breaks, furniture leaked) plus the
paragraph breaks on the content-aligned text (benchmarks/pdf.py `Aligned`).

Only the newspaper-like reports are set: the web and WeChat pastes (gold with `~` page chrome)
are skipped, as their specifics (breadcrumbs, action bars) never reach a newspaper page. A gold
report becomes the harness's reference by `gold.parse` (paragraph kinds, heading depth, lead-ins)
mapped onto `RefParagraph`. PDFs and extracted texts are cached (default /tmp/reader-heldout-pdf).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.pdf import READERS, Aligned, _breaks, read  # noqa: E402
from tests.pdf.harness import LAYOUTS, build_case  # noqa: E402
from tests.text.harness import Reference, RefParagraph, Score  # noqa: E402
from tests.text.heldout.gold import Gold, golds, norm  # noqa: E402
from tests.text.heldout.score import score  # noqa: E402

CACHE = Path("/tmp/reader-heldout-pdf")


def newspaper_golds() -> list[Gold]:
    """The gold reports a newspaper would print: none with web or WeChat page chrome."""
    return [g for g in golds() if not g.chrome]


def as_reference(gold: Gold) -> Reference:
    """The gold report as the PDF harness's reference (what `typeset` sets)."""
    paras = [RefParagraph(p.kind, p.text, p.depth, p.leadins) for p in gold.paragraphs if p.kind != "chrome"]
    return Reference(gold.name, paras)


def aligned_breaks(al: Aligned, gold: Gold, doc, printed: list[str]) -> None:
    """Add this reading's breaks to `al`, compared on the content-aligned text."""
    chrome = sorted((norm(c) for c in printed), key=len, reverse=True)
    want = [norm(p.text) for p in gold.paragraphs if p.kind != "chrome"]
    got = []
    for p in doc.paragraphs:
        t = norm(doc.text[p.start : p.end])
        for c in chrome:
            t = t.replace(c, "")
        if t:
            got.append(t)
    al.add("".join(want), "".join(got), _breaks(want), _breaks(got))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--layouts", default="", help="comma-separated layout names (default: all five)")
    ap.add_argument("--only", default="", help="only gold reports whose name contains this")
    ap.add_argument("--cache", type=Path, default=CACHE, help="keep the PDFs and extracted texts here")
    ap.add_argument("--misses", choices=READERS, help="print what went wrong for this reader")
    ap.add_argument("--per-report", action="store_true", help="a line per report for each reader")
    args = ap.parse_args()
    layouts = [lay for lay in LAYOUTS if not args.layouts or lay.name in args.layouts.split(",")]
    chosen = [g for g in newspaper_golds() if args.only in g.name]
    totals = {name: Score() for name in READERS}
    aligned = {name: Aligned() for name in READERS}
    per_report: dict[tuple[str, str], Score] = {}
    pages = 0
    for gold in chosen:
        ref = as_reference(gold)
        for lay in layouts:
            case = build_case(ref, lay, args.cache)
            pages += case.pages
            for name in READERS:
                doc = read(case, name)
                if doc is None:
                    continue
                sc = score(gold, doc, case.furniture)
                aligned_breaks(aligned[name], gold, doc, case.furniture)
                if args.misses == name and sc.misses:
                    print(f"-- {gold.name} {lay.name}:", *sc.misses, sep="\n   ")
                sc.misses = []
                totals[name] += sc
                per_report.setdefault((name, gold.name), Score()).__iadd__(sc)
    print(f"{len(chosen)} held-out reports × {len(layouts)} layouts = {len(chosen) * len(layouts)} PDFs, {pages} pages")
    head = (
        f"{'headings':>9}{'extra':>6}{'lead-ins':>9}{'units':>7}{'sections':>9}"
        f"{'breaks R':>9}{'P':>7}{'aligned R':>10}{'P':>7}{'leaked':>7}"
    )
    print(f"{'read as':<18}{head}")
    for name in READERS:
        print(f"{name:<18}{_row(totals[name], aligned[name])}")
    if args.per_report:
        for name in READERS:
            print(f"\n{name:<30}{head}")
            for gold in chosen:
                if (sc := per_report.get((name, gold.name))) is not None:
                    print(f"{gold.name:<30}{_row(sc, None)}")


def _row(sc: Score, al: Aligned | None) -> str:
    aligned = f"{al.recall:>10.3f}{al.precision:>7.3f}" if al else f"{'':>17}"
    return (
        f"{sc.headings_rate:>9.3f}{sc.headings_extra + sc.leadins_extra:>6}{sc.leadins_rate:>9.3f}"
        f"{sc.units_rate:>7.3f}{sc.sections_rate:>9.3f}{sc.recall:>9.3f}{sc.precision:>7.3f}"
        f"{aligned}{sc.chrome_leaked:>7}"
    )


if __name__ == "__main__":
    main()
