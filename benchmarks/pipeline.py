"""Pipeline throughput: the corpus repeated to >= 10 MB, timed stage by stage on one core.

    .venv/bin/python benchmarks/pipeline.py [--mb 10] [--repeat 3]

Each copy of a report gets a distinct marker so no stage can profit from repeated text. jieba is
not imported anywhere on this path (checked at the end).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.text.decode import decode_bytes  # noqa: E402
from reader.text.pipeline import assemble, clean_text, segment  # noqa: E402
from reader.text.reflow import make_lines, reflow  # noqa: E402


def corpus_bytes(target_mb: float) -> bytes:
    texts = [p.read_bytes().decode("utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    parts, size, n = [], 0, 0
    while size < target_mb * 1e6:
        for t in texts:
            chunk = f"第{n}份材料。\n\n" + t + "\n\n"
            parts.append(chunk)
            size += len(chunk.encode("utf-8"))
            n += 1
    return "".join(parts).encode("utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    raw = corpus_bytes(args.mb)
    mb = len(raw) / 1e6
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        times = {}
        t0 = time.perf_counter()
        text, _ = decode_bytes(raw, "bench")
        t1 = time.perf_counter()
        cleaned, _dropped = clean_text(text)
        t2 = time.perf_counter()
        blocks = reflow(make_lines(cleaned))
        t3 = time.perf_counter()
        full, paragraphs, line_at = assemble(blocks)
        t4 = time.perf_counter()
        outline, sentences = segment("bench", full, paragraphs, line_at)
        t5 = time.perf_counter()
        times = {
            "decode": t1 - t0,
            "clean": t2 - t1,
            "reflow": t3 - t2,
            "assemble": t4 - t3,
            "outline+sentences": t5 - t4,
            "total": t5 - t0,
        }
        for k, v in times.items():
            best[k] = min(best.get(k, v), v)
    print(f"input: {mb:.1f} MB, {len(sentences):,} units, {len(outline):,} outline entries (best of {args.repeat})")
    print(f"{'stage':<20}{'seconds':>10}{'MB/s':>10}")
    for k, v in best.items():
        print(f"{k:<20}{v:>10.3f}{mb / v:>10.1f}")
    print("jieba imported:", "jieba" in sys.modules, "| textual imported:", "textual" in sys.modules)


if __name__ == "__main__":
    main()
