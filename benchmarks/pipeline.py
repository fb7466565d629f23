"""Pipeline throughput: the corpus repeated to >= 10 MB, timed stage by stage on one core.

    .venv/bin/python benchmarks/pipeline.py [--mb 10] [--repeat 3] [--rounds 2] [--baseline TREE]

Times are CPU time of the process (`time.process_time`: less disturbed by other work on a shared
machine than wall time). Each copy of a report gets a distinct marker so no stage can profit from
repeated text. The stages run on the whole 10 MB as one text, with the garbage collector paused
as that tree's `process_text` pauses it (reader.gcpause); "report by report" runs
`process_text` on each copy on its own (what the library and the corpus table do: each report's
objects are freed before the next, so the garbage collector has little to walk). jieba is not
imported anywhere on this path (checked at the end). With `--baseline TREE` (a checkout of an older
commit, e.g. `git worktree add /tmp/base-c5c c5c66d8`), the same measurement is made on that tree's
pipeline in a subprocess, interleaved with this tree's (`--rounds` times each, best of `--repeat`
per round), and the table gives both and their ratio: on a shared machine only a same-run ratio
means anything.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("decode", "clean", "reflow", "assemble", "outline+sentences", "total", "total, report by report")


def corpus_reports(target_mb: float) -> list[str]:
    """The shipped reports, copied (each copy marked) until they hold `target_mb`."""
    texts = [p.read_bytes().decode("utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    parts, size, n = [], 0, 0
    while size < target_mb * 1e6:
        for t in texts:
            chunk = f"第{n}份材料。\n\n" + t + "\n\n"
            parts.append(chunk)
            size += len(chunk.encode("utf-8"))
            n += 1
    return parts


def corpus_bytes(target_mb: float) -> bytes:
    return "".join(corpus_reports(target_mb)).encode("utf-8")


def measure(tree: Path, mb: float, repeat: int) -> dict:
    """Best-of-`repeat` seconds per stage of the pipeline found in `tree`, on this tree's corpus."""
    sys.path.insert(0, str(tree))
    from reader.text import pipeline
    from reader.text.decode import decode_bytes
    from reader.text.pipeline import assemble, clean_text, process_text, segment
    from reader.text.reflow import make_lines, reflow

    # The stages as that tree's `process_text` runs them: with the collector paused if it pauses it.
    paused = getattr(pipeline, "no_gc_pauses", contextlib.nullcontext)

    raw = corpus_bytes(mb)
    reports = corpus_reports(mb)
    best: dict[str, float] = {}
    for _ in range(repeat):
        t0 = time.process_time()
        text, _ = decode_bytes(raw, "bench")
        with paused():
            t1 = time.process_time()
            cleaned, _dropped = clean_text(text)
            t2 = time.process_time()
            blocks = reflow(make_lines(cleaned))
            t3 = time.process_time()
            full, paragraphs, line_at = assemble(blocks)
            t4 = time.process_time()
            outline, sentences = segment("bench", full, paragraphs, line_at)
            t5 = time.process_time()
        for n, report in enumerate(reports):  # as the library and `reader indicators` run them
            process_text(report, str(n))
        t6 = time.process_time()
        times = dict(zip(STAGES, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t5 - t0, t6 - t5), strict=True))
        for k, v in times.items():
            best[k] = min(best.get(k, v), v)
    return {
        "mb": len(raw) / 1e6,
        "units": len(sentences),
        "outline": len(outline),
        "seconds": best,
        "jieba": "jieba" in sys.modules,
        "textual": "textual" in sys.modules,
    }


def _in_subprocess(tree: Path, mb: float, repeat: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree))
    cmd = [sys.executable, __file__, "--mb", str(mb), "--repeat", str(repeat), "--tree", str(tree), "--json"]
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def _rng(values: list[float]) -> str:
    lo, hi = min(values), max(values)
    return f"{lo:.1f}" if f"{lo:.1f}" == f"{hi:.1f}" else f"{lo:.1f}–{hi:.1f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=2, help="with --baseline: interleaved rounds of each")
    ap.add_argument("--baseline", metavar="TREE", type=Path, help="checkout of an older commit to compare with")
    ap.add_argument("--tree", type=Path, default=ROOT, help=argparse.SUPPRESS)
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.json:
        print(json.dumps(measure(args.tree, args.mb, args.repeat)))
        return
    trees = {"now": ROOT} | ({"baseline": args.baseline.resolve()} if args.baseline else {})
    runs: dict[str, list[dict]] = {name: [] for name in trees}
    for _ in range(args.rounds if args.baseline else 1):
        for name, tree in trees.items():
            runs[name].append(_in_subprocess(tree, args.mb, args.repeat))
    first = runs["now"][0]
    print(
        f"input: {first['mb']:.1f} MB, {first['units']:,} units, {first['outline']:,} outline entries "
        f"(best of {args.repeat}{f', {args.rounds} interleaved rounds' if args.baseline else ''}; "
        f"load {os.getloadavg()[0]:.1f})"
    )
    mbps = {name: {k: [r["mb"] / r["seconds"][k] for r in rs] for k in STAGES} for name, rs in runs.items()}
    head = f"{'stage':<24}{'MB/s now':>12}"
    if args.baseline:
        head += f"{'baseline':>12}{'now/base':>12}"
    print(head)
    for k in STAGES:
        row = f"{k:<24}{_rng(mbps['now'][k]):>12}"
        if args.baseline:
            ratios = [n / b for n, b in zip(mbps["now"][k], mbps["baseline"][k], strict=True)]
            row += f"{_rng(mbps['baseline'][k]):>12}{'×' + _rng(ratios):>12}"
        print(row)
    for name, rs in runs.items():
        print(
            f"{name}: jieba imported: {any(r['jieba'] for r in rs)} | textual imported: {any(r['textual'] for r in rs)}"
        )


if __name__ == "__main__":
    main()
