"""Score the pipeline on the held-out set: every raw layout of every gold report, read through
`load_document` (what `reader outline|sentences PATH --json` print), compared with the hand-read gold.

Figures: headings (numbered and unnumbered headings found with their whole path: depth and parents),
lead-ins (found with their path), extra headings, units exact (headings, title lines, sentences),
sections right (a unit exact and under its gold section path), paragraph breaks recall/precision,
chrome leaked (page furniture in a labelled unit).
Usage: python -m tests.text.heldout.score [-v] [NAME-SUBSTRING]
"""

from __future__ import annotations

import sys
from collections import Counter

from reader.text.model import Document
from reader.text.pipeline import load_document
from tests.text.harness import Score, paragraph_breaks
from tests.text.heldout.gold import RAW, Gold, golds, norm
from tests.text.heldout.make_raw import ROUND_2, furniture_of


def figures(sc: Score) -> dict[str, float]:
    """The held-out table's figures: rates to three places, extra outline entries of either kind
    together, chrome leaked."""
    return {
        "headings": round(sc.headings_rate, 3),
        "leadins": round(sc.leadins_rate, 3),
        "extra": sc.headings_extra + sc.leadins_extra,
        "units": round(sc.units_rate, 3),
        "sections": round(sc.sections_rate, 3),
        "recall": round(sc.recall, 3),
        "precision": round(sc.precision, 3),
        "chrome": sc.chrome_leaked,
    }


def furniture(gold: Gold) -> list[str]:
    return [*gold.chrome, *furniture_of(gold.name)]


def score(gold: Gold, doc: Document, printed: list[str] | None = None) -> Score:
    """`printed`: the furniture the layout added, when not a raw layout's (a PDF's heads and feet)."""
    sc = Score()
    chrome = [norm(c) for c in (furniture(gold) if printed is None else [*gold.chrome, *printed])]
    leadin_paths = {p for p in gold.outline if p[-1] not in {h.text for h in gold.paragraphs if h.kind == "heading"}}
    want = Counter(tuple(norm(t) for t in p) for p in gold.outline)
    got = Counter(tuple(norm(t) for t in h.path) for h in doc.outline)
    leadin_keys = {tuple(norm(t) for t in p) for p in leadin_paths}
    for path, n in want.items():
        found = min(n, got[path])
        if path in leadin_keys:
            sc.leadins += n
            sc.leadins_found += found
        else:
            sc.headings += n
            sc.headings_found += found
        if found < n:
            sc.misses.append(f"outline lacks {'/'.join(t[:14] for t in path)}")
    for path, n in got.items():
        if n > want[path] and (path[-1][-1:] != "。" or path not in leadin_keys):
            if path[-1][-1:] in "。.":
                sc.leadins_extra += n - want[path]
            else:
                sc.headings_extra += n - want[path]
            sc.misses.append(f"extra outline {'/'.join(t[:14] for t in path)}")
    units = [s for s in doc.sentences]
    have = Counter(norm(s.text) for s in units)
    with_section = Counter((norm(s.text), tuple(norm(x) for x in s.section)) for s in units)
    for text, section in gold.units:
        sc.units += 1
        key = norm(text)
        if have[key] > 0:
            have[key] -= 1
            sc.units_exact += 1
        else:
            sc.misses.append(f"no unit {text[:30]}")
        sk = (key, tuple(norm(x) for x in section))
        if with_section[sk] > 0:
            with_section[sk] -= 1
            sc.sections_right += 1
        elif have.get(key) is not None and key in {norm(s.text) for s in units}:
            got_sections = [s.section for s in units if norm(s.text) == key]
            sc.misses.append(f"section of {text[:16]}: {'/'.join(x[:10] for x in got_sections[0])}")
    gold_keys = {norm(t) for t, _ in gold.units}
    for s in units:
        t = norm(s.text)
        if s.kind == "title" or not t:
            continue
        # A unit holding a line of furniture, or a piece of one that is no unit of the report.
        if any(c in t for c in chrome) or (t not in gold_keys and any(t in c for c in chrome)):
            sc.chrome_leaked += 1
            sc.misses.append(f"chrome in unit {s.text[:30]}")
    gold_texts = [norm(p.text) for p in gold.paragraphs if p.kind != "chrome"]
    out_texts = []
    for p in doc.paragraphs:
        t = norm(doc.text[p.start : p.end])
        for c in sorted(chrome, key=len, reverse=True):  # a whole line before a word of it (政务公开)
            t = t.replace(c, "")
        if t:
            out_texts.append(t)
    want_b, got_b = paragraph_breaks(gold_texts), paragraph_breaks(out_texts)
    sc.breaks, sc.breaks_out, sc.breaks_hit = len(want_b), len(got_b), len(want_b & got_b)
    joined = "".join(gold_texts)
    for pos in sorted(want_b - got_b):
        sc.misses.append(f"missed break {joined[max(0, pos - 12) : pos]}|{joined[pos : pos + 12]}")
    for pos in sorted(got_b - want_b):
        sc.misses.append(f"extra break {joined[max(0, pos - 12) : pos]}|{joined[pos : pos + 12]}")
    return sc


def run_all(pattern: str = "") -> list[tuple[str, Score]]:
    out = []
    for gold in golds():
        for raw in sorted(RAW.glob(f"{gold.name}.*.txt")):
            if pattern in raw.name:
                out.append((raw.name, score(gold, load_document(raw))))
    return out


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    total = Score()
    results = run_all(args[0] if args else "")
    for name, sc in results:
        total += sc
        print(name, figures(sc))
        if verbose:
            for m in sc.misses:
                print("   ", m)
    if not args:
        reports: dict[str, Score] = {}
        for name, sc in results:
            reports.setdefault(name.split(".")[0], Score()).__iadd__(sc)
        for report, sc in reports.items():
            print("REPORT", report, figures(sc))
        for label, names in (("round 1", lambda n: n not in ROUND_2), ("round 2", lambda n: n in ROUND_2)):
            part = Score()
            for name, sc in results:
                if names(name.split(".")[0]):
                    part += sc
            print(label.upper(), figures(part))
    print("ALL", figures(total))


if __name__ == "__main__":
    main(sys.argv[1:])
