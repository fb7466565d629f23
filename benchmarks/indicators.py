"""The corpus table over many reports, against the bare pipeline over the same files in the same run.

    .venv/bin/python benchmarks/indicators.py [--reports 5000] [--keep DIR]

Copies the shipped corpus until there are N report files (each copy gets a distinct first line, so
no two files are the same bytes), then times, in this order and on the same worker pool:
1. the bare pipeline over every file (decode → … → sentences, results thrown away): the baseline;
2. the corpus table in-process (`batch.run(summary_job)` + `table.rows`): pipeline + extraction;
3. the whole command `reader indicators DIR --csv -o FILE` in a new process (imports, pool, CSV),
   with an empty annotations folder: the first run (it fills the result cache);
4. the same command again: the second run (every report from the cache: the files are only hashed).
Prints seconds, reports per second, CPU seconds (this process and its children) and each figure as a
ratio of the baseline (the machine is shared: absolute times vary with load, the ratios much less,
the CPU ratio least). Goal: 5,000 reports ≤ 30 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.gcpause import no_gc_pauses  # noqa: E402
from reader.indicators import batch  # noqa: E402
from reader.indicators.table import rows  # noqa: E402


def make_corpus(folder: Path, n: int) -> list[Path]:
    sources = [p for p in sorted((ROOT / "corpus").glob("*.txt"))]
    texts = [p.read_bytes() for p in sources]
    paths = []
    for i in range(n):
        k = i % len(sources)
        stem = sources[k].stem
        path = folder / f"{stem.rsplit('-', 1)[0]}{i // len(sources):05d}-{stem.rsplit('-', 1)[-1]}.txt"
        path.write_bytes(f"第{i}份\n".encode() + texts[k])
        paths.append(path)
    return paths


def pipeline_job(path: Path):
    batch.load(path)
    return None


def table_in_process(paths: list[Path]) -> list[dict]:
    with no_gc_pauses():  # as the command does
        return rows([r for _, r in batch.run(paths, batch.summary_job)])


def cpu() -> float:
    """CPU seconds of this process and of its finished children (the pool's workers, the command and
    its workers): far less dependent on the other engineers' load than wall time."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(label: str, fn, baseline: tuple[float, float] | None, n: int) -> tuple[float, float]:
    t0, c0 = time.perf_counter(), cpu()
    fn()
    seconds, cpu_seconds = time.perf_counter() - t0, cpu() - c0
    ratio = f"  ×{seconds / baseline[0]:.2f}, CPU ×{cpu_seconds / baseline[1]:.2f} of the pipeline" if baseline else ""
    print(f"{label:<46} {seconds:7.2f} s  {n / seconds:7.0f} reports/s  CPU {cpu_seconds:6.1f} s{ratio}", flush=True)
    return seconds, cpu_seconds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=5000)
    ap.add_argument("--keep", type=Path, help="build the copies in DIR and keep them")
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="reader-indicators-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        paths = make_corpus(folder, args.reports)
        size = sum(p.stat().st_size for p in paths) / 1e6
        print(f"{len(paths)} reports, {size:.0f} MB, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
        n = len(paths)
        base = timed("bare pipeline (same pool)", lambda: list(batch.run(paths, pipeline_job)), None, n)
        timed(
            "corpus table in-process (pipeline + extraction)",
            lambda: table_in_process(paths),
            base,
            n,
        )
        out = folder / "table.csv"
        annotations = Path(tempfile.mkdtemp(prefix="reader-indicators-annotations-"))
        command = [sys.executable, "-m", "reader", "indicators", str(folder), "--csv", "-o", str(out)]
        command += ["--annotations", str(annotations)]
        try:
            for run in ("first", "second"):
                label = f"`reader indicators DIR --csv -o FILE`, {run} run"
                timed(label, lambda: subprocess.run(command, check=True), base, n)
        finally:
            shutil.rmtree(annotations, ignore_errors=True)
        print(f"table: {sum(1 for _ in out.open(encoding='utf-8-sig')) - 1} rows; load now {os.getloadavg()[0]:.1f}")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
