"""Structure figures: every reference report (tests/fixtures/reports) in every raw layout of the
stress harness (tests/text/harness.py), through the pipeline, scored against the reference.

    .venv/bin/python benchmarks/structure.py [--seeds 3] [--misses LAYOUT] [--only NAME]

Per layout: headings (levels 1–2) found and extra, lead-ins found, units exact (sentences,
headings, title lines), sections right, paragraph breaks recall / precision, chrome leaked into
labelling units. Each (report, layout) is run with `--seeds` different column widths.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.text.harness import LAYOUTS, Score, references, run  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--misses", metavar="LAYOUT", help="print what went wrong in this layout")
    ap.add_argument("--only", metavar="NAME", help="only the references whose name contains NAME")
    args = ap.parse_args()
    refs = [r for r in references() if not args.only or args.only in r.name]
    total = Score()
    print(f"{len(refs)} reference reports, {args.seeds} seed(s) per layout")
    print(
        f"{'layout':<44}{'headings':>9}{'extra':>6}{'lead-ins':>9}{'units':>7}{'sections':>9}"
        f"{'breaks R':>9}{'P':>6}{'chrome':>7}"
    )
    for layout in LAYOUTS:
        sc = Score()
        for ref in refs:
            for seed in range(args.seeds):
                _, _, s = run(ref, layout, seed)
                if args.misses and args.misses in layout and s.misses:
                    print(f"-- {ref.name} seed {seed}:", *s.misses[:60], sep="\n   ")
                s.misses = []
                sc += s
        total += sc
        print(
            f"{layout:<44}{sc.headings_rate:>9.3f}{sc.headings_extra:>6}{sc.leadins_rate:>9.3f}{sc.units_rate:>7.3f}"
            f"{sc.sections_rate:>9.3f}{sc.recall:>9.3f}{sc.precision:>6.3f}{sc.chrome_leaked:>7}"
        )
    print(
        f"{'all layouts':<44}{total.headings_rate:>9.3f}{total.headings_extra:>6}{total.leadins_rate:>9.3f}"
        f"{total.units_rate:>7.3f}{total.sections_rate:>9.3f}{total.recall:>9.3f}{total.precision:>6.3f}"
        f"{total.chrome_leaked:>7}"
    )


if __name__ == "__main__":
    main()
