"""Benchmark `reader export`: 100,000 labels, with and without --tokens.

Builds, in a temporary folder, a corpus of copies of the shipped reports (each copy made distinct by
a last line naming the copy, so every file is its own document with its own hash) and a store in
which every body sentence carries a label (written with the store's bulk API), then times the
real command line (`python -m reader export …`, start-up included):

- without --tokens, cold (no pipeline cache yet) and warm (cache filled by the first run);
- with --tokens (warm pipeline cache). Warm figures are the best of two runs. The copies repeat
  the same sentences, and identical texts are segmented once, so this also times jieba on
  100,000 distinct texts directly, the worst case.

    .venv/bin/python benchmarks/export.py [--labels 100000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ("target", "achievement", "problem")


def build(folder: Path, n_labels: int) -> tuple[int, int]:
    from reader.store import AnnotationStore
    from reader.text.pipeline import load_document

    corpus = folder / "corpus"
    corpus.mkdir()
    sources = sorted((ROOT / "corpus").glob("*.txt"))
    store = AnnotationStore(folder / "annotations")
    made = docs = copy = 0
    try:
        while made < n_labels:
            for src in sources:
                if made >= n_labels:
                    break
                path = corpus / f"{src.stem}-{copy:04d}.txt"
                path.write_bytes(src.read_bytes() + f"\n\n副本{copy}。\n".encode())
                doc = load_document(path)
                records = []
                for s in doc.sentences:
                    if s.kind != "sentence" or made >= n_labels:
                        continue
                    records.append({
                        "doc": doc.id, "sentence": s.id, "label": LABELS[s.index % 3], "annotator": "bench",
                        "text": s.text, "section": list(s.section), "line": s.line,
                        "start": s.start, "end": s.end,
                    })
                    made += 1
                store.bulk_set(records)
                docs += 1
            copy += 1
    finally:
        store.close()
    return made, docs


def timed_export(folder: Path, out: Path, *extra: str) -> tuple[float, str]:
    cmd = [sys.executable, "-m", "reader", "export", "--annotations", str(folder / "annotations"),
           "--corpus", str(folder / "corpus"), "-o", str(out), *extra]
    t = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - t
    if done.returncode != 0:
        sys.exit(f"export failed: {done.stderr}")
    return elapsed, done.stderr.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="build in (and keep) this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="reader-export-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        print(f"cores: {os.cpu_count()}")
        t = time.perf_counter()
        n, docs = build(folder, args.labels)
        print(f"built {n:,} labels over {docs} documents in {time.perf_counter() - t:.1f} s")
        shutil.rmtree(folder / "annotations" / ".cache", ignore_errors=True)
        cold, _ = timed_export(folder, folder / "plain.jsonl")
        warm, message = timed_export(folder, folder / "plain.jsonl")
        tokens, _ = timed_export(folder, folder / "tokens.jsonl", "--tokens")
        # Again, in case the pipeline's sources changed meanwhile (that invalidates the cache).
        warm = min(warm, timed_export(folder, folder / "plain.jsonl")[0])
        tokens = min(tokens, timed_export(folder, folder / "tokens.jsonl", "--tokens")[0])
        records = sum(1 for _ in (folder / "plain.jsonl").open(encoding="utf-8"))
        texts = [json.loads(line)["text"] for line in (folder / "tokens.jsonl").open(encoding="utf-8")]
        print(f"export without --tokens, cold pipeline cache: {cold:.2f} s")
        print(f"export without --tokens, warm pipeline cache: {warm:.2f} s  ({records:,} records; {message})")
        print(f"export with --tokens ({len(set(texts)):,} distinct texts):  {tokens:.2f} s")

        from reader.export.tokens import tokenize

        distinct = [f"{text}{i}" for i, text in enumerate(texts)]
        t = time.perf_counter()
        tokenize(distinct)
        print(f"jieba on {len(distinct):,} distinct texts, all cores: {time.perf_counter() - t:.2f} s")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
