"""Text from real PDF extractors of the wild layouts (tests/pdf/wild.py), read by the text pipeline.

    .venv/bin/python benchmarks/pdf_wild_text.py [--layouts NAME,...] [--only REF,...] [--extractors NAME,...]
                                                 [--cache DIR] [--misses EXTRACTOR] [--show KIND]
    .venv/bin/python benchmarks/pdf_wild_text.py --time OTHER_CHECKOUT [--cache DIR]

`benchmarks/pdf_direct.py` scores reader reading the wild PDFs directly; this scores what users do
as often: `pdftotext`, `pdftotext -layout` or pdfminer.six `extract_text` of the same PDFs, then
the text pipeline (`process_text`, what `reader outline|sentences FILE.txt` run). Per layout ×
extractor: headings of levels 1–2 found (extra), units exact, sections right, paragraph breaks R / P
by offset and on the content-aligned text (benchmarks/pdf.py's `Aligned`), and two counts of text
that is not the report (other articles, bylines, datelines, captions, table cells, pull quotes,
margin text, masthead, running heads and feet, folios):
- `glued`: units where such text ran into report text (tests/pdf/wild.py's `glued`);
- `leaked`: labelling units (kind `sentence`) made only of such text.
Scored as pdf_direct scores (`set_aside`: a paragraph made only of foreign strings is skipped like
furniture, so it costs no break; the `leaked` count says whether it was offered for labelling).

`--time OTHER_CHECKOUT`: the pipeline's time on every cached extractor text, this checkout against
another one's `reader` (e.g. `git archive main | tar -x -C /tmp/main-tree`), interleaved, best of 3.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.pdf import Aligned, _breaks, _paragraphs  # noqa: E402
from reader.text.pipeline import process_text  # noqa: E402
from tests.pdf.harness import EXTRACTORS, extracted_texts, references, tool_missing  # noqa: E402
from tests.pdf.wild import WILD, available, build, glued, set_aside  # noqa: E402
from tests.text.harness import Score, norm, score  # noqa: E402


def aliens(strings: list[str]) -> list[str]:
    return sorted({norm(f) for f in strings if norm(f)}, key=len, reverse=True)


def is_alien(text: str, keys: list[str]) -> bool:
    """`text` is made only of strings that are not the report's, or is a piece of one."""
    text = norm(text)
    rest = text
    for k in keys:
        rest = rest.replace(k, "")
    rest = rest.strip("·•")
    return bool(text) and (not rest or any(text in k for k in keys))


def leaked(doc, ref, strings: list[str]) -> list[str]:
    """Labelling units made only of text that is not the report (and not one of its units)."""
    keys = aliens(strings)
    own = {norm(t) for t, _ in ref.units}
    return [
        s.text for s in doc.sentences if s.kind == "sentence" and norm(s.text) not in own and is_alien(s.text, keys)
    ]


def glued_units(doc, strings: list[str]) -> list[str]:
    """The units `wild.glued` counts (report text with foreign text in it), for `--show glued`."""
    return [s.text for s in doc.sentences if glued(_One(s), strings)]


class _One:
    def __init__(self, s) -> None:
        self.sentences = [s]


class Row:
    def __init__(self) -> None:
        self.score = Score()
        self.aligned = Aligned()
        self.glued = self.leaked = 0
        self.seconds = 0.0
        self.cases = 0


def score_text(ref, out, text: str, row: Row, misses: list[str] | None, show: str | None) -> None:
    t0 = time.perf_counter()
    doc = process_text(text, ref.name)
    row.seconds += time.perf_counter() - t0
    row.cases += 1
    aside = set_aside(doc, out.foreign)
    sc = score(ref, aside, out.furniture)
    strings = out.furniture + out.foreign
    not_cells = [f for f in strings if f not in out.cells]
    g = glued(doc, not_cells)
    lk = leaked(doc, ref, strings)
    ref_p, got_p = _paragraphs(ref, aside, out.furniture)
    want = [t for _, t in ref_p]
    row.aligned.add("".join(want), "".join(got_p), _breaks(want), _breaks(got_p))
    if misses is not None:
        misses += sc.misses[:25]
        if show in (None, "glued"):
            misses += [f"glued: {t[:60]}" for t in glued_units(doc, not_cells)]
        if show in (None, "leaked"):
            misses += [f"leaked: {t[:60]}" for t in lk]
    sc.misses = []
    row.score += sc
    row.glued += g
    row.leaked += len(lk)


HEAD = (
    f"{'layout':<17}{'read as':<18}{'headings':>9}{'extra':>6}{'units':>7}{'sections':>9}"
    f"{'breaks R':>9}{'P':>7}{'aligned R':>10}{'P':>7}{'glued':>6}{'leaked':>7}"
)


def line(layout: str, reader: str, row: Row) -> str:
    sc = row.score
    return (
        f"{layout:<17}{reader:<18}{sc.headings_rate:>9.3f}{sc.headings_extra:>6}{sc.units_rate:>7.3f}"
        f"{sc.sections_rate:>9.3f}{sc.recall:>9.3f}{sc.precision:>7.3f}"
        f"{row.aligned.recall:>10.3f}{row.aligned.precision:>7.3f}{row.glued:>6}{row.leaked:>7}"
    )


def add(a: Row, b: Row) -> None:
    a.score += b.score
    for k in ("want", "got", "missed", "extra", "astray"):
        setattr(a.aligned, k, getattr(a.aligned, k) + getattr(b.aligned, k))
    a.glued += b.glued
    a.leaked += b.leaked
    a.seconds += b.seconds
    a.cases += b.cases


def figures(args, folder: Path) -> None:
    layouts = [w for w in WILD if not args.layouts or w.name in args.layouts.split(",")]
    refs = [r for r in references() if not args.only or r.name in args.only.split(",")]
    extractors = [e for e in EXTRACTORS if not args.extractors or e in args.extractors.split(",")]
    extractors = [e for e in extractors if not tool_missing(e)]
    totals = {e: Row() for e in extractors}
    print(HEAD)
    for lay in layouts:
        if why := available(lay):
            print(f"{lay.name:<17}skipped: {why}")
            continue
        rows = {e: Row() for e in extractors}
        for ref in refs:
            pdf, out = build(ref, lay, folder)
            texts = extracted_texts(pdf, extractors)
            for e in extractors:
                if texts[e] is None:
                    continue
                misses: list[str] | None = [] if args.misses == e else None
                score_text(ref, out, texts[e], rows[e], misses, args.show)
                if misses:
                    print(f"-- {ref.name} {lay.name} {e}:", *misses[:40], sep="\n   ")
        for e in extractors:
            print(line(lay.name, e, rows[e]))
            add(totals[e], rows[e])
    for e in extractors:
        print(line("all", e, totals[e]) + f"   {totals[e].seconds:.2f} s, {totals[e].cases} texts")


_TIMER = """
import sys, time, pathlib
sys.path.insert(0, {root!r})
from reader.text.pipeline import process_text
texts = [pathlib.Path(p).read_text(encoding="utf-8") for p in {paths!r}]
best = None
for _ in range(3):
    t0 = time.process_time()
    for t in texts:
        process_text(t, "r")
    s = time.process_time() - t0
    best = s if best is None else min(best, s)
print(f"{{best:.3f}}")
"""


def timing(folder: Path, other: Path) -> None:
    """The pipeline on every cached extractor text of the wild PDFs: this checkout against `other`,
    each in a fresh process (no bytecode written into either tree), interleaved; CPU time (the
    machine is shared), best of 3 each, in 3 rounds."""
    paths = sorted(str(p) for p in folder.glob("*.txt"))
    if not paths:
        sys.exit(f"no extracted texts in {folder}: run the figures first")
    runs: dict[str, list[float]] = {"this": [], "other": []}
    for _ in range(3):
        for name, root in (("other", other), ("this", ROOT)):
            code = _TIMER.format(root=str(root), paths=paths)
            done = subprocess.run(
                [sys.executable, "-B", "-c", code],
                capture_output=True,
                text=True,
                check=True,
                cwd=tempfile.gettempdir(),
            )
            runs[name].append(float(done.stdout))
    this, base = min(runs["this"]), min(runs["other"])
    chars = sum(Path(p).stat().st_size for p in paths)
    print(
        f"{len(paths)} extracted texts ({chars / 1e6:.1f} MB): this {this:.2f} s, "
        f"{other} {base:.2f} s, ×{this / base:.2f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--layouts")
    ap.add_argument("--only")
    ap.add_argument("--extractors")
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--misses", choices=EXTRACTORS)
    ap.add_argument("--show", choices=("glued", "leaked"), help="with --misses: only these")
    ap.add_argument("--time", type=Path, metavar="OTHER_CHECKOUT")
    args = ap.parse_args()
    folder = args.cache or Path(tempfile.gettempdir()) / "reader-pdf-wild"
    if args.time:
        timing(folder, args.time)
        return
    figures(args, folder)


if __name__ == "__main__":
    main()
