"""Reports typeset as newspaper PDFs, read back: per extractor and by reading the PDF directly.

    .venv/bin/python benchmarks/pdf.py [--layouts NAME,...] [--limits] [--only NAME] [--cache DIR] [--misses READER]
                                       [--classify READER] [--ceiling]

Every reference report (tests/fixtures/reports and tests/pdf/data) is set in every layout of the
PDF harness (tests/pdf/harness.py: page sizes, 3–5 columns, body sizes, two font set-ups, banners,
run-in bold headings, running heads and feet, page-turn markers), then read four ways: the text of
`pdftotext`, `pdftotext -layout` and pdfminer.six `extract_text` through the text pipeline, and
reader reading the PDF itself. Scored as the structure harness scores (tests/text/harness.py):
headings (levels 1–2) found and extra, lead-ins, units exact, sections right, paragraph-break
recall / precision, furniture leaked into labelling units; with the seconds each reading took.
Then the open time of a ten-page report, first time and from the cache.

The harness scores a paragraph break by its offset in the text, so one box out of place or one
character lost (a `·` the CID font cannot map back) moves every break after it; the table also
gives the breaks on the content-aligned text (`Aligned`), where a lost character costs only the
breaks beside it. `--classify READER` sorts each wrong break of the aligned text by its cause:
a stretch read out of order or lost, a heading joined, a paragraph end after a full or short last
line, a break inside a line; with the break recall / precision on the aligned text. `--ceiling`
puts every box of the extractors' text in its true place (found in the reference) and scores that:
what a perfect reading order would give.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.text.chars import width  # noqa: E402
from reader.text.pipeline import load_document, process_text  # noqa: E402
from tests.pdf.harness import EXTRACTORS, LAYOUTS, LIMITS, build_case, references  # noqa: E402
from tests.text.harness import Score, norm, score  # noqa: E402

READERS = (*EXTRACTORS, "direct")


def read(case, reader_name):
    if reader_name == "direct":
        return load_document(case.pdf, case.reference.name)
    text = case.texts.get(reader_name)
    return None if text is None else process_text(text, case.reference.name)


def figures(folder: Path, layouts, refs, misses: str | None) -> None:
    totals = {name: Score() for name in READERS}
    aligned = {name: Aligned() for name in READERS}
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
                ref_p, got_p = _paragraphs(ref, doc, case.furniture)
                want = [t for _, t in ref_p]
                aligned[name].add("".join(want), "".join(got_p), _breaks(want), _breaks(got_p))
                if misses == name and s.misses:
                    print(f"-- {ref.name} {lay.name}:", *s.misses[:20], sep="\n   ")
                s.misses = []
                totals[name] += s
    print(f"{len(refs)} references × {len(layouts)} layouts = {len(refs) * len(layouts)} PDFs, {pages} pages")
    print(
        f"{'read as':<18}{'headings':>9}{'extra':>6}{'lead-ins':>9}{'units':>7}{'sections':>9}"
        f"{'breaks R':>9}{'P':>7}{'aligned R':>10}{'P':>7}{'leaked':>7}{'seconds':>9}"
    )
    for name in READERS:
        sc = totals[name]
        print(
            f"{name:<18}{sc.headings_rate:>9.3f}{sc.headings_extra:>6}{sc.leadins_rate:>9.3f}{sc.units_rate:>7.3f}"
            f"{sc.sections_rate:>9.3f}{sc.recall:>9.3f}{sc.precision:>7.3f}"
            f"{aligned[name].recall:>10.3f}{aligned[name].precision:>7.3f}{sc.chrome_leaked:>7}{seconds[name]:>9.2f}"
        )


def _paragraphs(ref, doc, furniture) -> tuple[list[tuple[str, str]], list[str]]:
    """The reference's paragraphs (kind, text) and the paragraphs read (furniture out), compared
    as the structure harness compares them (`norm`)."""
    kinds = {p.index: p.kind for p in doc.paragraphs}
    got = []
    for p in doc.paragraphs:
        t = norm(doc.text[p.start : p.end])
        for f in furniture:
            t = t.replace(norm(f), "")
        if kinds[p.index] != "chrome" and t:
            got.append(t)
    return [(p.kind, norm(p.text)) for p in ref.paragraphs], got


class Aligned:
    """Paragraph breaks scored on the content-aligned text: a break read is right where the text
    either side of it lines up with the reference's text either side of one of its breaks. A lost
    character costs the breaks beside it only (the offset score loses every break after it); a
    stretch read out of order or lost still loses every break in it."""

    def __init__(self) -> None:
        self.want = self.got = self.missed = self.extra = self.astray = 0

    def add(self, want_text: str, got_text: str, want: dict[int, int], got: dict[int, int]) -> tuple:
        ops = difflib.SequenceMatcher(None, want_text, got_text, autojunk=False).get_opcodes()
        self.astray += sum(i2 - i1 for tag, i1, i2, _j1, _j2 in ops if tag != "equal")
        to_got, to_want = _aligned(ops), _aligned([(t, j1, j2, i1, i2) for t, i1, i2, j1, j2 in ops])
        missed = [pos for pos in want if to_got.get(pos) not in got]
        extra = [pos for pos in got if to_want.get(pos) not in want]
        self.want, self.got = self.want + len(want), self.got + len(got)
        self.missed, self.extra = self.missed + len(missed), self.extra + len(extra)
        return to_got, to_want, missed, extra

    @property
    def recall(self) -> float:
        return 1 - self.missed / max(1, self.want)

    @property
    def precision(self) -> float:
        return 1 - self.extra / max(1, self.got)


def _breaks(texts: list[str]) -> dict[int, int]:
    """Offset of every break in the joined texts → the index of the paragraph before it."""
    out, pos = {}, 0
    for k, t in enumerate(texts[:-1]):
        pos += len(t)
        out[pos] = k
    return out


def _aligned(ops) -> dict[int, int]:
    """Offsets of the first text → offsets of the second where the two agree (`ops`: difflib's
    opcodes from the first to the second)."""
    out: dict[int, int] = {}
    for tag, i1, i2, j1, _j2 in ops:
        if tag == "equal":
            for d in range(i2 - i1 + 1):
                out.setdefault(i1 + d, j1 + d)
    return out


def _kept(m: dict[int, int], p: int) -> bool:
    """Offset p and a character either side of it are aligned, in order."""
    q = m.get(p)
    return q is not None and m.get(p - 1) == q - 1 and m.get(p + 1) == q + 1


def _raw_end(raw: list[str], text: str) -> str | None:
    """The extracted line `text` ends with."""
    return next((line for line in raw if line.endswith(text[-8:])), None)


def classify(folder: Path, layouts, refs, reader_name: str) -> None:
    """Paragraph-break errors of `reader_name`, sorted by cause on the content-aligned text."""
    classes: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    al = Aligned()
    for ref in refs:
        for lay in layouts:
            case = build_case(ref, lay, folder)
            doc = read(case, reader_name)
            if doc is None:
                continue
            ref_p, got_p = _paragraphs(ref, doc, case.furniture)
            want_text, got_text = "".join(t for _, t in ref_p), "".join(got_p)
            want, got = _breaks([t for _, t in ref_p]), _breaks(got_p)
            to_got, to_want, missed, extra = al.add(want_text, got_text, want, got)
            raw = [norm(line) for line in (case.texts.get(reader_name) or "").split("\n") if norm(line)]
            column = Counter(width(line) for line in raw).most_common(1)[0][0] if raw else 0

            for pos in missed:
                k = want[pos]
                (kind_a, a), (kind_b, b) = ref_p[k], ref_p[k + 1]
                if not _kept(to_got, pos):
                    cause = "missed: in a stretch read out of order or lost"
                elif kind_a == "heading":
                    cause = "missed: heading joined to what follows"
                elif kind_b == "heading":
                    cause = "missed: heading joined to what precedes"
                elif (last := _raw_end(raw, a)) is None or not column:
                    cause = "missed: (last line not found)"
                elif width(last) >= column - 1:
                    cause = "missed: after a full last line"
                elif width(last) >= column - 5:
                    cause = "missed: after a last line as wide as a first line"
                else:
                    cause = "missed: after a short last line"
                classes[cause] += 1
                examples.setdefault(cause, []).append(f"{ref.name} {lay.name}: {a[-12:]}|{b[:12]}")
            for pos in extra:
                back = to_want.get(pos)
                if not _kept(to_want, pos):
                    cause = "extra: in a stretch read out of order or lost"
                    back = pos
                else:
                    left, right = want_text[max(0, back - 8) : back], want_text[back : back + 8]
                    last = _raw_end(raw, left[-6:])
                    if last is None or not any(line.startswith(right[:6]) for line in raw):
                        cause = "extra: inside a line"
                    elif width(last) >= column - 1:
                        cause = "extra: after a full line"
                    else:
                        cause = "extra: after a short line"
                classes[cause] += 1
                examples.setdefault(cause, []).append(
                    f"{ref.name} {lay.name}: {want_text[max(0, back - 12) : back]}|{want_text[back : back + 12]}"
                )
    print(
        f"{reader_name}: {al.want} breaks, {al.got} read; on the aligned text recall "
        f"{al.recall:.3f}, precision {al.precision:.3f}; "
        f"{al.astray} of the reference's characters read out of place or lost"
    )
    for cause, n in classes.most_common():
        print(f"{n:6}  {cause}")
        for example in examples[cause][:3]:
            print(f"          {example}")


def ceiling(folder: Path, layouts, refs) -> None:
    """The extractors' text with every box (a run of lines between blank lines) put in its true
    place, found in the reference: what a perfect reading order would give, everything else as it is."""
    import re

    import reader.text.boxes as boxes_module
    import reader.text.pipeline as pipeline

    truth = {"text": ""}

    def true_order(items, kept=None, *, extracted=None):
        kept = items if kept is None else kept
        boxes = boxes_module._boxes(items)
        places, last = [], 0
        for box in boxes:
            text = norm("".join(box.text))
            hits = [m.start() for m in re.finditer(re.escape(text[:20]), truth["text"])] if text else []
            last = min(hits, key=lambda h: abs(h - last)) if hits else last
            places.append(last)
        order = sorted(range(len(boxes)), key=lambda i: (places[i], i))
        return [(k + 1, kept[k]) for i in order for k in boxes[i].numbers]

    def build(ref, lay, folder, build_case=build_case):
        truth["text"] = "".join(norm(p.text) for p in ref.paragraphs)
        return build_case(ref, lay, folder)

    global READERS
    saved = pipeline.in_reading_order, READERS, globals()["build_case"]
    pipeline.in_reading_order, READERS, globals()["build_case"] = true_order, EXTRACTORS, build
    try:
        print("every box in its true place:")
        figures(folder, layouts, refs, None)
    finally:
        pipeline.in_reading_order, READERS, globals()["build_case"] = saved


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
    ap.add_argument("--classify", choices=READERS, help="sort this reader's wrong breaks by cause, and stop")
    ap.add_argument("--ceiling", action="store_true", help="the extractors' text with every box in its true place")
    args = ap.parse_args()
    layouts = [
        lay for lay in (LIMITS if args.limits else LAYOUTS) if not args.layouts or lay.name in args.layouts.split(",")
    ]
    refs = [r for r in references() if args.only in r.name]
    folder = args.cache or Path(tempfile.mkdtemp(prefix="reader-pdf-bench-"))
    if args.ceiling:
        ceiling(folder, layouts, refs)
        return
    if args.classify:
        classify(folder, layouts, refs, args.classify)
        return
    figures(folder, layouts, refs, args.misses)
    ten_pages(Path(tempfile.mkdtemp(prefix="reader-pdf-ten-")))


if __name__ == "__main__":
    main()
