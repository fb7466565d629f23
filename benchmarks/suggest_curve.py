"""Learning curve and convention-change test of the suggestion model (issue 15), in one run.

    .venv/bin/python benchmarks/suggest_curve.py [--pairs all|cyclic] [--reports ID ...]

A simulated user labels one report A sentence by sentence and is scored on another report B, which no
model has seen: the prior (the reference labels) is trained on the reports other than A and B, as
the shipped model is trained on reports other than the user's. For every ordered pair (A, B):

- the curve: macro-F1 on B after 0 / 50 / 100 / 200 / all of A's sentences labelled, in reading
  order and least-sure-first (the app's `w`: the model retrains every 25 labels and asks next about
  the unlabelled sentences with the smallest margin);
- two users: one who follows the guideline (`agree`: the reference labels), one whose convention
  differs (`differ`: the plan part's run-in lead-ins are `target`, which the guideline calls `none`);
- the convention test: the share of B's plan-part lead-ins suggested `target` after the `differ`
  user labelled all of A.

Scores are on body sentences (the export's units); the `differ` user is scored against B's labels
under the same convention.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.store import AnnotationStore  # noqa: E402
from reader.suggest import model as m  # noqa: E402
from reader.suggest.metrics import scores  # noqa: E402
from reader.suggest.saved import REFERENCE  # noqa: E402
from reader.suggest.seeds import labelled_examples, read_units  # noqa: E402
from reader.suggest.training import collect_examples  # noqa: E402
from reader.text.pipeline import load_document  # noqa: E402

STEPS = (50, 100, 200)
BATCH = 25
"""Least-sure-first asks this many sentences between retrains (the app retrains every 20 labels)."""
USER = "user"


def differ(e: m.Example) -> str:
    """The `differ` user's label: plan-part lead-ins are targets."""
    return "target" if e.ctx.part == "plan" and e.ctx.lead else e.label


def agree(e: m.Example) -> str:
    return e.label


UNSEEN = ROOT / "tests" / "suggest" / "data" / "unseen"
"""Reports written and labelled for this check in national, provincial and city styles (not seeds)."""


def unseen_examples(folder: Path = UNSEEN) -> dict[str, list[m.Example]]:
    """The labelled units of the reports in `folder` (labels.jsonl + the raw texts), body sentences."""
    units = read_units(folder / "labels.jsonl")
    return {Path(name).stem: labelled_examples(load_document(folder / name), us) for name, us in sorted(units.items())}


def load_examples(annotations: Path, corpus: Path, *, unseen: bool = True) -> dict[str, list[m.Example]]:
    """Reference examples per report in reading order: the shipped store's, and the unseen reports'."""
    store = AnnotationStore(annotations, read_only=True)
    try:
        records, reviewed = store.labels(annotator=REFERENCE), store.reviewed(annotator=REFERENCE)
    finally:
        store.close()
    docs = {d: load_document(corpus / f"{d}.txt") for d in sorted({r["doc"] for r in records})}
    by_doc: dict[str, list[m.Example]] = {}
    for e in collect_examples(records, docs, reviewed).examples:
        by_doc.setdefault(e.doc, []).append(e)
    if unseen:
        by_doc.update(unseen_examples())
    for exs in by_doc.values():
        exs.sort(key=lambda e: e.ctx.position)  # reading order
    return by_doc


def macro(model, test: list[m.Example], convention) -> float:
    pred = [lab for lab, _d, _s in m.predict(model, [e.ctx for e in test])]
    return scores([convention(e) for e in test], pred)["macro_f1"]


def user_examples(chosen: list[m.Example], convention) -> list[m.Example]:
    return [m.Example(e.ctx, convention(e), e.doc, USER) for e in chosen]


def fit(prior: list[m.Example], mine: list[m.Example]):
    return m.train(prior + mine, own=(USER,) if mine else ())


def run_pair(prior, user_doc, test, convention) -> dict:
    """Scores on `test` along both orders for one user report; {'reading': {n: f1}, 'least': {n: f1},
    'all': f1, 'leads': (target, n) after all}."""
    out: dict = {"reading": {}, "least": {}}
    base = fit(prior, [])
    out["reading"][0] = out["least"][0] = macro(base, test, convention)
    for n in STEPS:
        if n <= len(user_doc):
            out["reading"][n] = macro(fit(prior, user_examples(user_doc[:n], convention)), test, convention)
    # least sure first: ask the smallest margins under the current model, retrain every BATCH labels
    asked: list[int] = []
    model = base
    while len(asked) < min(max(STEPS), len(user_doc)):
        rest = [i for i in range(len(user_doc)) if i not in set(asked)]
        got = m.predict(model, [user_doc[i].ctx for i in rest])
        margin = {}
        for i, (_lab, dist, _src) in zip(rest, got, strict=True):
            top = sorted(dist.values(), reverse=True)
            margin[i] = top[0] - top[1]
        asked += sorted(rest, key=lambda i: margin[i])[:BATCH]
        model = fit(prior, user_examples([user_doc[i] for i in asked], convention))
        out["least"][len(asked)] = macro(model, test, convention)
    final = fit(prior, user_examples(user_doc, convention))
    out["all"] = macro(final, test, convention)
    for n in STEPS:  # a report shorter than n: all of it
        if n >= len(user_doc):
            out["reading"][n] = out["least"][n] = out["all"]
    leads = [e for e in test if e.ctx.part == "plan" and e.ctx.lead]
    got = m.predict(final, [e.ctx for e in leads])
    out["leads"] = (sum(lab == "target" for lab, _d, _s in got), len(leads))
    return out


def first_reaching(curve: dict[int, float], goal: float) -> int | None:
    return next((n for n in sorted(curve) if curve[n] >= goal - 1e-9), None)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--annotations", default=str(ROOT / "annotations"))
    ap.add_argument("--corpus", default=str(ROOT / "corpus"))
    ap.add_argument("--pairs", choices=("all", "cyclic"), default="cyclic", help="cyclic: each report → the next")
    ap.add_argument("--reports", nargs="+", default=None, help="report ids (default: those with a plan part)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    by_doc = load_examples(Path(args.annotations), Path(args.corpus))
    reports = args.reports or sorted(d for d, exs in by_doc.items() if any(e.ctx.part == "plan" for e in exs))
    if args.pairs == "all":
        pairs = [(a, b) for a in reports for b in reports if a != b]
    else:
        pairs = [(a, reports[(k + 1) % len(reports)]) for k, a in enumerate(reports)]
    print(f"{len(pairs)} (user report → scored report) pairs over {', '.join(reports)}; body sentences only")
    results: dict[str, list[dict]] = {"agree": [], "differ": []}
    for a, b in pairs:
        prior = [e for d, exs in by_doc.items() if d not in (a, b) for e in exs]
        for name, convention in (("agree", agree), ("differ", differ)):
            r = run_pair(prior, by_doc[a], by_doc[b], convention)
            r["pair"] = (a, b)
            results[name].append(r)
        print(f"  {a} → {b}: done ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)

    def mean(rows, order, n):
        vals = [r[order][n] for r in rows if n in r[order]]
        return statistics.mean(vals) if vals else float("nan")

    print()
    print("macro-F1 on the scored report (mean over pairs); 0 = the prior alone, as the shipped model")
    print(f"{'user':<8}{'order':<20}" + "".join(f"{n:>8}" for n in (0, *STEPS)) + f"{'all':>8}")
    for name, rows in results.items():
        for order, label in (("reading", "reading order"), ("least", "least sure first")):
            cells = "".join(f"{mean(rows, order, n):>8.3f}" for n in (0, *STEPS))
            print(f"{name:<8}{label:<20}{cells}{statistics.mean(r['all'] for r in rows):>8.3f}")
    for name, rows in results.items():
        gains = [r["least"][200] - r["least"][0] for r in rows]
        gains_r = [r["reading"][200] - r["reading"][0] for r in rows]
        print(
            f"{name}: +200 labels vs the prior: reading order {statistics.mean(gains_r):+.3f} "
            f"(worst pair {min(gains_r):+.3f}), least sure first {statistics.mean(gains):+.3f} "
            f"(worst pair {min(gains):+.3f})"
        )
    # how many labels least-sure-first needs to match reading order's F1 at 50/100/200
    least_grid = sorted({n for r in results["differ"] for n in r["least"] if n <= max(STEPS)})
    curve = {n: mean(results["differ"], "least", n) for n in least_grid}
    for n in STEPS:
        goal = mean(results["differ"], "reading", n)
        reach = first_reaching(curve, goal)
        said = f"{reach} labels ({n / reach:.1f}× fewer)" if reach else "more than 200 labels"
        print(f"differ: reading order's F1 at {n} labels ({goal:.3f}) is reached least-sure-first with {said}")
    hit = sum(r["leads"][0] for r in results["differ"])
    total = sum(r["leads"][1] for r in results["differ"])
    worst = min(r["leads"][0] / r["leads"][1] for r in results["differ"] if r["leads"][1])
    print(
        f"convention test: after all of one report's lead-ins labelled `target`, {hit}/{total} "
        f"({hit / max(total, 1):.0%}) of the other reports' plan-part lead-ins are suggested `target` "
        f"(worst pair {worst:.0%}; goal ≥ 80%); the prior alone: {_prior_leads(results, by_doc)}"
    )
    print(f"({time.perf_counter() - t0:.0f} s)")


def _prior_leads(results, by_doc) -> str:
    hit = total = 0
    for r in results["differ"]:
        a, b = r["pair"]
        prior = [e for d, exs in by_doc.items() if d not in (a, b) for e in exs]
        leads = [e for e in by_doc[b] if e.ctx.part == "plan" and e.ctx.lead]
        got = m.predict(fit(prior, []), [e.ctx for e in leads])
        hit += sum(lab == "target" for lab, _d, _s in got)
        total += len(leads)
    return f"{hit}/{total}"


if __name__ == "__main__":
    main()
