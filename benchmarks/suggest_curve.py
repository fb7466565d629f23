"""Learning curve and convention-change test of the suggestion model (issue 15), in one run.

    .venv/bin/python benchmarks/suggest_curve.py [--pairs all|cyclic] [--reports ID ...] [--pairs-table]

A simulated user labels one report A sentence by sentence and is scored on another report B, which no
model has seen: the prior (the reference labels) is trained on the reports other than A and B, as
the shipped model is trained on reports other than the user's. For every ordered pair (A, B):

- the curve: macro-F1 on B after 0 / 50 / 100 / 200 / all of A's sentences labelled, in reading
  order and least-sure-first (the app's `w`: the model retrains every 25 labels and asks next about
  the unlabelled sentences with the smallest margin);
- two users: one who follows the guideline (`agree`: the reference labels), one whose convention
  differs (`differ`: the plan part's run-in lead-ins are `target`, which the guideline calls `none`);
- the convention test: the share of B's plan-part lead-ins suggested `target` after the `differ`
  user labelled all of A, on every pair where A has at least `MIN_CONVENTION` such lead-ins for
  the user to label and B at least as many to score (fewer is no convention to learn or to measure).

"Never worse" for the `agree` user is judged against the noise of the scored report itself: a
paired bootstrap over B's sentences (`BOOTSTRAP` resamples) gives the standard error of the
difference in macro-F1 between the user's model and the prior; a pair is worse only if the user's
model loses more than `TOLERANCE_SE` standard errors, and the largest such loss is printed.

Scores are on body sentences (the export's units); the `differ` user is scored against B's labels
under the same convention.
"""

from __future__ import annotations

import argparse
import random
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
MIN_CONVENTION = 3
"""Least number of plan-part lead-ins in the user's report and in the scored one for a pair to count
in the convention test."""
BOOTSTRAP = 1000
TOLERANCE_SE = 1.96
"""A loss of the `agree` user's model against the prior counts only beyond this many standard errors
of the paired difference (a two-sided 95% interval)."""


def differ(e: m.Example) -> str:
    """The `differ` user's label: plan-part lead-ins are targets."""
    return "target" if e.ctx.part == "plan" and e.ctx.lead else e.label


def agree(e: m.Example) -> str:
    return e.label


UNSEEN = ROOT / "tests" / "suggest" / "data" / "unseen"
"""Reports written and labelled for this check in national, provincial and city styles (not seeds)."""
HELDOUT = ROOT / "tests" / "suggest" / "data" / "heldout"
"""Reports written and labelled later, before any model ran on them (kept out of the curve)."""


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


def labels_of(model, test: list[m.Example]) -> list[str]:
    return [lab for lab, _d, _s in m.predict(model, [e.ctx for e in test])]


def macro(model, test: list[m.Example], convention) -> float:
    return scores([convention(e) for e in test], labels_of(model, test))["macro_f1"]


def paired_se(gold: list[str], a: list[str], b: list[str], *, seed: int = 0) -> float:
    """Standard error of macro-F1(b) − macro-F1(a) over bootstrap resamples of the sentences."""
    if a == b:
        return 0.0
    rng = random.Random(seed)
    n = len(gold)
    diffs = []
    for _ in range(BOOTSTRAP):
        idx = [rng.randrange(n) for _ in range(n)]
        g = [gold[i] for i in idx]
        diffs.append(scores(g, [b[i] for i in idx])["macro_f1"] - scores(g, [a[i] for i in idx])["macro_f1"])
    return statistics.stdev(diffs)


def user_examples(chosen: list[m.Example], convention) -> list[m.Example]:
    return [m.Example(e.ctx, convention(e), e.doc, USER) for e in chosen]


def fit(prior: list[m.Example], mine: list[m.Example]):
    return m.train(prior + mine, own=(USER,) if mine else ())


def run_pair(prior, user_doc, test, convention) -> dict:
    """Scores on `test` along both orders for one user report; {'reading': {n: f1}, 'least': {n: f1},
    'all': f1, 'leads': (target, n) after all}."""
    out: dict = {"reading": {}, "least": {}, "se": {}}
    gold = [convention(e) for e in test]
    base = fit(prior, [])
    base_pred = labels_of(base, test)
    out["reading"][0] = out["least"][0] = scores(gold, base_pred)["macro_f1"]

    def scored(model, key) -> float:
        pred = labels_of(model, test)
        out["se"][key] = paired_se(gold, base_pred, pred)
        return scores(gold, pred)["macro_f1"]

    for n in STEPS:
        if n <= len(user_doc):
            out["reading"][n] = scored(fit(prior, user_examples(user_doc[:n], convention)), ("reading", n))
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
        out["least"][len(asked)] = (
            scored(model, ("least", len(asked))) if len(asked) in STEPS else macro(model, test, convention)
        )
    final = fit(prior, user_examples(user_doc, convention))
    out["all"] = scored(final, ("all", None))
    for n in STEPS:  # a report shorter than n: all of it
        if n >= len(user_doc):
            out["reading"][n] = out["least"][n] = out["all"]
            out["se"][("reading", n)] = out["se"][("least", n)] = out["se"][("all", None)]
    out["leads"] = convention_hits(final, test)
    return out


def plan_leads(exs: list[m.Example]) -> list[m.Example]:
    return [e for e in exs if e.ctx.part == "plan" and e.ctx.lead]


def convention_hits(model, test: list[m.Example]) -> tuple[int, int]:
    """(suggested `target`, all) over the plan-part lead-ins of `test`."""
    leads = plan_leads(test)
    return sum(lab == "target" for lab in labels_of(model, leads)), len(leads)


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
    print()
    print("per pair, macro-F1 on B: the prior → +200 labels (Δ, paired-bootstrap SE), reading | least sure first")
    for ag, di in zip(results["agree"], results["differ"], strict=True):
        a, b = ag["pair"]
        cells = []
        for r in (ag, di):
            for order in ("reading", "least"):
                d = r[order][200] - r[order][0]
                cells.append(f"{d:+.3f}±{r['se'][(order, 200)]:.3f}")
        print(f"  {a:>22} → {b:<22} agree {cells[0]} | {cells[1]}   differ {cells[2]} | {cells[3]}")
    print()
    worst_loss, beyond = 0.0, []
    for r in results["agree"]:
        for (order, n), se in r["se"].items():
            curve = r["all"] if order == "all" else r[order][n]
            loss = r["reading"][0] - curve
            worst_loss = max(worst_loss, loss)
            if loss > TOLERANCE_SE * se + 1e-9:
                beyond.append(f"{r['pair'][0]}→{r['pair'][1]} {order} {n or ''}: −{loss:.3f} (SE {se:.3f})")
    print(
        f"agree: never worse than the prior beyond noise ({TOLERANCE_SE} paired-bootstrap SE) at any of "
        f"50/100/200/all labels, either order: {'yes' if not beyond else 'NO: ' + '; '.join(beyond)}; "
        f"largest loss {worst_loss:.3f}"
    )
    convention_test(by_doc, reports)
    print(f"({time.perf_counter() - t0:.0f} s)")


def convention_test(by_doc: dict[str, list[m.Example]], reports: list[str]) -> None:
    """After the `differ` user labelled all of A, the share of B's plan-part lead-ins suggested
    `target`, over every ordered pair of reports with at least MIN_CONVENTION of them on each side."""
    rows = []
    for a in reports:
        for b in reports:
            if a == b or min(len(plan_leads(by_doc[a])), len(plan_leads(by_doc[b]))) < MIN_CONVENTION:
                continue
            prior = [e for d, exs in by_doc.items() if d not in (a, b) for e in exs]
            hit, n = convention_hits(fit(prior, user_examples(by_doc[a], differ)), by_doc[b])
            before, _ = convention_hits(fit(prior, []), by_doc[b])
            rows.append((a, b, len(plan_leads(by_doc[a])), hit, n, before))
    hit, total, before = (sum(r[k] for r in rows) for k in (3, 4, 5))
    worst = min(rows, key=lambda r: r[3] / r[4])
    print(
        f"convention test, {len(rows)} ordered pairs (A with ≥ {MIN_CONVENTION} plan-part lead-ins to label, B with as "
        f"many to score): after all of A's labelled `target`, {hit}/{total} ({hit / total:.0%}) of B's are "
        f"suggested `target`; worst pair {worst[0]} ({worst[2]} labelled) → {worst[1]}: {worst[3]}/{worst[4]} "
        f"({worst[3] / worst[4]:.0%}); goal ≥ 80% on every pair. The prior alone: {before}/{total}"
    )
    fewest = min(rows, key=lambda r: (r[2], r[3] / r[4]))
    print(f"  fewest labelled: {fewest[0]} ({fewest[2]}) → {fewest[1]}: {fewest[3]}/{fewest[4]}")


if __name__ == "__main__":
    main()
