"""Benchmark `reader export`: 100,000 labels, with and without --tokens.

Builds, in a temporary folder, a corpus of copies of the shipped reports and a store in which every
body sentence carries a label (written with the store's bulk API), then times the real command line
(`python -m reader export … -o FILE`, process start-up included):

- "copies": each copy is made distinct by a last line naming it (every file is its own document,
  with its own hash), so the sentences repeat from copy to copy. Timed without --tokens with a
  cold cache (nothing cached yet) and warm (cache filled by the first run), and with --tokens
  (words cache cold, then warm). Identical texts are segmented once.
- "distinct": every sentence of every copy gets the copy's number before its final punctuation,
  so 100,000 labels have 100,000 different texts: --tokens with nothing cached, the worst case.

Warm figures are the best of two runs.

    .venv/bin/python benchmarks/export.py [--labels 100000] [--keep DIR] [--skip-distinct]
        [--before REV [--only-before]]

`--before REV` also times REV's code on the same files (warm, alternated with today's, wall and CPU
seconds: on a shared machine the CPU ratio is the steadier figure).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ("target", "achievement", "problem")
_END = re.compile(r"([。！？；])")


def build(folder: Path, n_labels: int, *, distinct: bool) -> tuple[int, int]:
    from reader.store import AnnotationStore
    from reader.text.pipeline import load_document

    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    sources = sorted((ROOT / "corpus").glob("*.txt"))
    store = AnnotationStore(folder / "annotations")
    made = docs = copy = 0
    try:
        while made < n_labels:
            for src in sources:
                if made >= n_labels:
                    break
                path = corpus / f"{src.stem}-{copy:04d}.txt"
                text = src.read_text(encoding="utf-8")
                if distinct:
                    text = _END.sub(lambda m, c=copy: f"第{c}份{m.group(1)}", text)
                path.write_text(text + f"\n\n副本{copy}。\n", encoding="utf-8")
                doc = load_document(path)
                records = []
                for s in doc.sentences:
                    if s.kind != "sentence" or made >= n_labels:
                        continue
                    records.append(
                        {
                            "doc": doc.id,
                            "sentence": s.id,
                            "label": LABELS[s.index % 3],
                            "annotator": "bench",
                            "text": s.text,
                            "section": list(s.section),
                            "line": s.line,
                            "start": s.start,
                            "end": s.end,
                        }
                    )
                    made += 1
                store.bulk_set(records)
                docs += 1
            copy += 1
    finally:
        store.close()
    return made, docs


def timed_export(folder: Path, out: Path, *extra: str, code: Path | None = None) -> float:
    """Wall time of one `reader export` (with `code`: that tree's `reader` package); its CPU time
    (user + system, every process it starts) goes to `CPU[-1]`."""
    cmd = [
        sys.executable,
        "-m",
        "reader",
        "export",
        "--annotations",
        str(folder / "annotations"),
        "--corpus",
        str(folder / "corpus"),
        "-o",
        str(out),
        *extra,
    ]
    env = dict(os.environ, PYTHONPATH=str(code)) if code else None
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    # run from the data folder: `-m reader` must not find a `reader/` of the current directory
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env, cwd=folder)
    elapsed = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        sys.exit(f"export failed: {done.stderr}")
    return elapsed


CPU: list[float] = []


def best(folder: Path, out: Path, *extra: str, code: Path | None = None, runs: int = 3) -> tuple[float, float]:
    """(wall, CPU) of the fastest of `runs` warm exports."""
    times = []
    for _ in range(runs):
        wall = timed_export(folder, out, *extra, code=code)
        times.append((wall, CPU[-1]))
    return min(times, key=lambda wc: wc[1])


def compare(folder: Path, rev: str, root: Path, rounds: int = 3) -> None:
    """The same warm export with today's code and with `rev`'s, alternated (the machine is shared:
    only the ratio in one run means something)."""
    code = root / f"code-{rev}"
    if not code.exists():
        blob = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "reader"], capture_output=True, check=True)
        with tarfile.open(fileobj=BytesIO(blob.stdout)) as tar:
            tar.extractall(code, filter="data")
    out = folder / "compare.jsonl"
    timed_export(folder, out, code=code)  # fill `rev`'s sentence cache (its pipeline may differ)
    now, then = [], []
    for _ in range(rounds):
        now.append(best(folder, out, runs=1))
        then.append(best(folder, out, code=code, runs=1))
    (nw, nc), (tw, tc) = min(now, key=lambda x: x[1]), min(then, key=lambda x: x[1])
    print(f"  warm, no --tokens, best of {rounds} alternated: now {nw:.2f} s wall / {nc:.2f} s CPU; ", end="")
    print(f"{rev} {tw:.2f} s wall / {tc:.2f} s CPU; now / {rev}: wall ×{nw / tw:.2f}, CPU ×{nc / tc:.2f}")


def distinct_texts(path: Path) -> int:
    with path.open(encoding="utf-8") as lines:
        return len({json.loads(line)["text"] for line in lines})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="build in (and keep) this folder")
    parser.add_argument("--skip-distinct", action="store_true", help="skip the distinct-texts corpus")
    parser.add_argument("--before", metavar="REV", help="also time REV's code on the same files (warm, no --tokens)")
    parser.add_argument("--only-before", action="store_true", help="with --before: just that comparison")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="reader-export-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        print(f"cores: {os.cpu_count()}; load average before: {os.getloadavg()[0]:.1f}")
        copies = root / "copies"
        t = time.perf_counter()
        n, docs = build(copies, args.labels, distinct=False)
        print(f"copies: {n:,} labels over {docs} documents, built in {time.perf_counter() - t:.1f} s")
        shutil.rmtree(copies / "annotations" / ".cache", ignore_errors=True)
        out = copies / "out.jsonl"
        if args.before and args.only_before:
            compare(copies, args.before, root)
            return
        cold = timed_export(copies, out)
        warm = min(timed_export(copies, out), timed_export(copies, out))
        tokens_cold = timed_export(copies, out, "--tokens")
        tokens_warm = min(timed_export(copies, out, "--tokens"), timed_export(copies, out, "--tokens"))
        print(f"  no --tokens, cold cache:  {cold:6.2f} s")
        print(f"  no --tokens, warm cache:  {warm:6.2f} s")
        print(f"  --tokens, words not cached: {tokens_cold:6.2f} s  ({distinct_texts(out):,} distinct texts)")
        print(f"  --tokens, words cached:     {tokens_warm:6.2f} s")
        if args.before:
            compare(copies, args.before, root)
        if not args.skip_distinct:
            unique = root / "distinct"
            n, docs = build(unique, args.labels, distinct=True)
            out = unique / "out.jsonl"
            plain = timed_export(unique, out)
            shutil.rmtree(unique / "annotations" / ".cache" / "export", ignore_errors=True)
            tokens = timed_export(unique, out, "--tokens")
            print(f"distinct: {n:,} labels over {docs} documents, {distinct_texts(out):,} distinct texts")
            print(f"  no --tokens, cold cache: {plain:6.2f} s")
            print(f"  --tokens, nothing cached: {tokens:6.2f} s")
        print(f"load average after: {os.getloadavg()[0]:.1f}")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
