"""Suggestion figures (issues 6, 15): quality by leave-one-document-out over the seed reports' reference
labels, the shipped model on reports it has not seen (tests/suggest/data/unseen: national, provincial
and city styles, development data; tests/suggest/data/heldout: a county and a 2019 provincial report,
held out), leave-one-report-out over all of them, `suggest` time on a 35k-character report, `train`
time on 5,000 labels. Body sentences only (the export's units).

    .venv/bin/python benchmarks/suggest.py [--annotations annotations] [--corpus corpus]

Needs the reference labels imported (`reader import-seeds`; they ship in annotations/).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.store import AnnotationStore  # noqa: E402
from reader.suggest import LABELS, Suggester  # noqa: E402
from reader.suggest import model as m  # noqa: E402
from reader.suggest.metrics import scores  # noqa: E402
from reader.suggest.training import collect_examples  # noqa: E402
from reader.text.pipeline import load_document, process_bytes  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from suggest_curve import HELDOUT, UNSEEN, unseen_examples  # noqa: E402


def line(name: str, sc: dict) -> str:
    per = "  ".join(f"{lab} {sc['labels'][lab]['f1']:.3f}" for lab in LABELS)
    return (
        f"{name:<22} macro-F1 {sc['macro_f1']:.3f}  |  F1: {per}  |  problem recall "
        f"{sc['labels']['problem']['recall']:.3f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--annotations", default=str(ROOT / "annotations"))
    ap.add_argument("--corpus", default=str(ROOT / "corpus"))
    args = ap.parse_args()
    corpus = Path(args.corpus)

    store = AnnotationStore(args.annotations, read_only=True)
    records, reviewed = store.labels(annotator="reference"), store.reviewed(annotator="reference")
    store.close()
    docs = {d: load_document(corpus / f"{d}.txt") for d in sorted({r["doc"] for r in records})}
    examples = collect_examples(records, docs, reviewed).examples
    print(f"reference labels: {len(examples)} sentences, {len(docs)} documents")

    t0 = time.perf_counter()
    cv = m.cross_validate(examples, seed=0)
    print(f"leave-one-document-out ({cv['folds']} folds, {time.perf_counter() - t0:.1f} s):")
    print("  " + line("rules alone", cv["rules"]))
    print("  " + line("rules + model", cv["model"]))
    print("  per held-out document (rules+model macro-F1): " + ", ".join(f"{d} {v:.3f}" for d, v in cv["docs"].items()))

    shipped = m.train(examples, seed=0)
    written: dict[str, list] = {}
    for title, folder in (("unseen (development)", UNSEEN), ("held out", HELDOUT)):
        unseen = unseen_examples(folder)
        written.update(unseen)
        pooled_gold, pooled_rules, pooled_model = [], [], []
        print(f"the shipped model (trained on the seeds) on the {title} reports:")
        for d, exs in unseen.items():
            gold = [e.label for e in exs]
            got = [lab for lab, _d, _s in m.predict(shipped, [e.ctx for e in exs])]
            rules = [lab for lab, _d, _s in m.predict(None, [e.ctx for e in exs])]
            pooled_gold += gold
            pooled_model += got
            pooled_rules += rules
            print("  " + line(f"{d} ({len(exs)})", scores(gold, got)))
        print("  " + line("all, rules", scores(pooled_gold, pooled_rules)))
        print("  " + line("all, model", scores(pooled_gold, pooled_model)))
    everything = examples + [e for exs in written.values() for e in exs]
    n_docs = len({e.doc for e in everything})
    cv8 = m.cross_validate(everything, seed=0, max_folds=n_docs)
    print(f"leave-one-report-out over the seeds and the written reports ({cv8['folds']} folds):")
    print("  " + line("rules alone", cv8["rules"]))
    print("  " + line("rules + model", cv8["model"]))
    print("  per held-out report: " + ", ".join(f"{d} {v:.3f}" for d, v in cv8["docs"].items()))

    # suggest: a report of ~35,000 characters (three city reports joined), model loaded
    raw = "\n\n".join(
        (corpus / f"{d}.txt").read_text(encoding="utf-8") for d in ("jinzhong-2025", "xinzhou-2025", "shuozhou-2024")
    )
    big = process_bytes(raw.encode("utf-8"), "big")
    chars = sum(len(s.text) for s in big.sentences)
    s = Suggester.load(args.annotations)
    t0 = time.perf_counter()
    s.warm()
    warm = time.perf_counter() - t0
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        s.suggest(big)
        times.append(time.perf_counter() - t0)
    print(
        f"suggest on a {chars:,}-character report ({len(big.sentences)} sentences), model loaded: "
        f"median {statistics.median(times) * 1000:.0f} ms (loading model + jieba once: {warm * 1000:.0f} ms)"
    )
    rules_only = Suggester.rules_only()
    t0 = time.perf_counter()
    rules_only.suggest(big)
    print(f"  rules alone: {(time.perf_counter() - t0) * 1000:.0f} ms")
    path = Path("/tmp/reader-bench-35k.txt")
    path.write_text(raw, encoding="utf-8")
    t0 = time.perf_counter()
    subprocess.run(
        [str(ROOT / ".venv/bin/reader"), "suggest", str(path), "--json", "--annotations", args.annotations],
        check=True,
        capture_output=True,
    )
    print(
        f"  whole `reader suggest --json` command (new process: imports, model and jieba load): "
        f"{time.perf_counter() - t0:.2f} s"
    )

    # train: 5,000 labels (the reference labels repeated over document copies), with doc-wise CV
    copies = -(-5000 // len(examples))
    many = [m.Example(e.ctx, e.label, f"{e.doc}#{k}") for k in range(copies) for e in examples][:5000]
    t0 = time.perf_counter()
    m.train(many, seed=0)
    fit = time.perf_counter() - t0
    t0 = time.perf_counter()
    m.cross_validate(many, seed=0)
    cvt = time.perf_counter() - t0
    print(f"train on {len(many):,} labels: fit {fit:.1f} s; + 5-fold doc-wise CV {cvt:.1f} s; total {fit + cvt:.1f} s")


if __name__ == "__main__":
    main()
