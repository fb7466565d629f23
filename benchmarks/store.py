"""Benchmark of the annotation store (issue 3): 100,000 labels over 1,000 documents.

Prints p50/p99 of set and clear of one label, load of one document's labels, and the bulk import
time, for our store (per-document files, atomic durable writes) and for TinyDB's default
`JSONStorage` in the same run: one file per document (same layout, default storage) and one file
for everything (the naive design). The ratio is the headline.

    .venv/bin/python benchmarks/store.py [--docs 1000] [--per-doc 100] [--default-ops 10]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tinydb import Query, TinyDB

from reader.store import AnnotationStore
from reader.store.importer import read_jsonl

LABELS = ("target", "achievement", "problem")


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))] * 1000


def record(doc: int, i: int, rng: random.Random) -> dict:
    return {
        "id": f"doc{doc:04d}:{i:08x}:0",
        "doc": f"doc{doc:04d}",
        "text": "全年地区生产总值增长5.1%左右。" * 2,
        "label": rng.choice(LABELS),
        "annotator": "li",
        "section": ["二、2025年工作安排", "（一）扩大内需"],
        "line": i + 10,
        "start": i * 40,
        "end": i * 40 + 30,
    }


def timed(fn, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def fsync_floor(root: Path, n: int = 200) -> list[float]:
    """The disk's own cost of one durable small write: write + fsync a 40 KiB file, fsync the folder."""
    import os

    out = []
    for _ in range(n):
        t = time.perf_counter()
        fd = os.open(root / "floor", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.write(fd, b"x" * 40_000)
        os.fsync(fd)
        os.close(fd)
        dfd = os.open(root, os.O_RDONLY)
        os.fsync(dfd)
        os.close(dfd)
        out.append(time.perf_counter() - t)
    return out


def bench_ours(root: Path, docs: int, per_doc: int, ops: int, rng: random.Random) -> dict:
    folder = root / "ours"
    src = root / "labels.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for d in range(docs):
            for i in range(per_doc):
                fh.write(json.dumps(record(d, i, rng), ensure_ascii=False) + "\n")
    t = time.perf_counter()
    with AnnotationStore(folder) as store:  # exactly what `reader import-labels` does
        parsed = read_jsonl(src, store.labelset)
        report = store.bulk_set(parsed.records)
    bulk = time.perf_counter() - t
    assert report.added == docs * per_doc
    t = time.perf_counter()
    again = AnnotationStore(folder)
    again.bulk_set(parsed.records)
    reimport = time.perf_counter() - t
    again.close()

    store = AnnotationStore(folder)
    order = rng.sample(range(docs), docs)
    loads = []
    for d in order[: min(ops, docs)]:  # cold: parse the document's file
        t = time.perf_counter()
        store.doc_labels(f"doc{d:04d}", "li")
        loads.append(time.perf_counter() - t)
    warm = timed(lambda: store.doc_labels(f"doc{order[0]:04d}", "li"), ops)
    targets = [(f"doc{rng.randrange(docs):04d}", rng.randrange(per_doc * 2)) for _ in range(ops)]
    it = iter(targets)

    def set_one():
        doc, i = next(it)
        store.set_label(doc, f"{doc}:{i:08x}:0", rng.choice(LABELS), annotator="wang", text="新句子。")

    sets = timed(set_one, ops)
    it = iter(targets)

    def clear_one():
        doc, i = next(it)
        store.clear_label(doc, f"{doc}:{i:08x}:0", annotator="wang")

    clears = timed(clear_one, ops)
    positions = timed(lambda: store.set_position(f"doc{rng.randrange(docs):04d}", "li", f"s{rng.random()}"), ops)
    undo = timed(store.undo, min(ops, 500))
    total = len(store.labels())
    store.close()
    size = (folder / "doc0000.json").stat().st_size
    return {
        "bulk": bulk,
        "reimport": reimport,
        "load": loads,
        "warm": warm,
        "set": sets,
        "clear": clears,
        "position": positions,
        "undo": undo,
        "total": total,
        "file_size": size,
    }


def bench_big_doc(root: Path, per_doc: int, ops: int, rng: random.Random) -> dict:
    folder = root / f"big{per_doc}"
    recs = [{**record(0, i, rng), "sentence": f"s{i}"} for i in range(per_doc)]
    with AnnotationStore(folder) as store:
        store.bulk_set(recs)
        sets = timed(
            lambda: store.set_label(
                "doc0000", f"s{rng.randrange(per_doc)}", rng.choice(LABELS), annotator="li", text="句子。"
            ),
            ops,
        )
    return {"set": sets, "file_size": (folder / "doc0000.json").stat().st_size}


def bench_default_per_doc(root: Path, docs: int, per_doc: int, ops: int, rng: random.Random) -> dict:
    """TinyDB's default JSONStorage, one file per document: the same layout, the default storage."""
    folder = root / "default-per-doc"
    folder.mkdir()
    t = time.perf_counter()
    for d in range(docs):
        db = TinyDB(folder / f"doc{d:04d}.json", ensure_ascii=False)
        db.table("labels").insert_multiple(record(d, i, rng) for i in range(per_doc))
        db.close()
    bulk = time.perf_counter() - t
    q = Query()
    open_dbs: dict[int, TinyDB] = {}

    def db_for(d: int) -> TinyDB:
        if d not in open_dbs:
            open_dbs[d] = TinyDB(folder / f"doc{d:04d}.json", ensure_ascii=False)
        return open_dbs[d]

    loads = []
    for d in rng.sample(range(docs), min(ops, docs)):
        t = time.perf_counter()
        db_for(d).table("labels").search(q.annotator == "li")
        loads.append(time.perf_counter() - t)
    targets = [(rng.randrange(docs), rng.randrange(per_doc * 2)) for _ in range(ops)]
    it = iter(targets)

    def set_one():
        d, i = next(it)
        db_for(d).table("labels").upsert(
            {**record(d, i, rng), "annotator": "wang"}, (q.id == f"doc{d:04d}:{i:08x}:0") & (q.annotator == "wang")
        )

    sets = timed(set_one, ops)
    it = iter(targets)

    def clear_one():
        d, i = next(it)
        db_for(d).table("labels").remove((q.id == f"doc{d:04d}:{i:08x}:0") & (q.annotator == "wang"))

    clears = timed(clear_one, ops)
    for db in open_dbs.values():
        db.close()
    return {"bulk": bulk, "load": loads, "set": sets, "clear": clears}


def bench_default_single(root: Path, docs: int, per_doc: int, ops: int, rng: random.Random) -> dict:
    """TinyDB's default JSONStorage, everything in one file (the naive design)."""
    path = root / "default-single.json"
    t = time.perf_counter()
    db = TinyDB(path, ensure_ascii=False)
    db.table("labels").insert_multiple(record(d, i, rng) for d in range(docs) for i in range(per_doc))
    bulk = time.perf_counter() - t
    q = Query()
    table = db.table("labels")
    loads = timed(lambda: table.search(q.doc == f"doc{rng.randrange(docs):04d}"), ops)
    targets = [(rng.randrange(docs), rng.randrange(per_doc * 2)) for _ in range(ops)]
    it = iter(targets)
    sets = timed(
        lambda: (
            lambda d, i: table.upsert(
                {**record(d, i, rng), "annotator": "wang"}, (q.id == f"doc{d:04d}:{i:08x}:0") & (q.annotator == "wang")
            )
        )(*next(it)),
        ops,
    )
    it = iter(targets)
    clears = timed(
        lambda: (lambda d, i: table.remove((q.id == f"doc{d:04d}:{i:08x}:0") & (q.annotator == "wang")))(*next(it)), ops
    )
    db.close()
    return {"bulk": bulk, "load": loads, "set": sets, "clear": clears, "file_size": path.stat().st_size}


def row(name: str, values: list[float] | None) -> str:
    if not values:
        return f"| {name} | – | – | – |"
    return f"| {name} | {pct(values, 50):.2f} | {pct(values, 99):.2f} | {len(values)} |"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--per-doc", type=int, default=100)
    ap.add_argument("--ops", type=int, default=2000, help="operations measured on our store")
    ap.add_argument("--default-ops", type=int, default=200, help="operations on default, per document")
    ap.add_argument("--single-ops", type=int, default=10, help="operations on default, one file")
    args = ap.parse_args()
    rng = random.Random(3)
    root = Path(tempfile.mkdtemp(prefix="reader-store-bench-"))
    n = args.docs * args.per_doc
    try:
        floor = fsync_floor(root)
        ours = bench_ours(root, args.docs, args.per_doc, args.ops, rng)
        big = {size: bench_big_doc(root, size, 300, rng) for size in (1500, 5000)}
        dflt = bench_default_per_doc(root, args.docs, args.per_doc, args.default_ops, rng)
        single = bench_default_single(root, args.docs, args.per_doc, args.single_ops, rng)
    finally:
        shutil.rmtree(root, ignore_errors=True)

    print(
        f"\n{n:,} labels over {args.docs:,} documents ({ours['total']:,} after the runs); "
        f"one document file: {ours['file_size'] / 1024:.1f} KiB\n"
    )
    print("| ours: per-document files, atomic durable writes + .bak | p50 ms | p99 ms | n |")
    print("|---|---|---|---|")
    for name, key in (
        ("set one label", "set"),
        ("clear one label", "clear"),
        ("load one document's labels (cold, parses its file)", "load"),
        ("load one document's labels (warm)", "warm"),
        ("set position", "position"),
        ("undo", "undo"),
    ):
        print(row(name, ours[key]))
    print(row("(disk floor: write+fsync 40 KiB, fsync folder)", floor))
    for size, b in big.items():
        print(row(f"set one label in a document with {size:,} records ({b['file_size'] / 1024:.0f} KiB)", b["set"]))
    print(
        f"\nbulk import of {n:,} labels (`reader import-labels` path): {ours['bulk']:.2f} s; "
        f"importing the same file again (all unchanged): {ours['reimport']:.2f} s"
    )
    print("\n| TinyDB default JSONStorage, one file per document | p50 ms | p99 ms | n |")
    print("|---|---|---|---|")
    for name, key in (
        ("set one label (upsert)", "set"),
        ("clear one label", "clear"),
        ("load one document's labels", "load"),
    ):
        print(row(name, dflt[key]))
    print(f"\n| TinyDB default JSONStorage, one file ({single['file_size'] / 1e6:.0f} MB) | p50 ms | p99 ms | n |")
    print("|---|---|---|---|")
    for name, key in (
        ("set one label (upsert)", "set"),
        ("clear one label", "clear"),
        ("load one document's labels", "load"),
    ):
        print(row(name, single[key]))
    print(
        f"\nbulk insert, default per-document: {dflt['bulk']:.2f} s; default one file: {single['bulk']:.2f} s "
        "(insert_multiple: one write each, no per-record check)"
    )
    print(
        "\nheadline (p99, default one file / ours): "
        f"set ×{pct(single['set'], 99) / pct(ours['set'], 99):.0f}, "
        f"clear ×{pct(single['clear'], 99) / pct(ours['clear'], 99):.0f}, "
        f"load ×{pct(single['load'], 99) / pct(ours['load'], 99):.0f}; "
        f"(default per-document / ours): set ×{pct(dflt['set'], 99) / pct(ours['set'], 99):.1f}, "
        f"load ×{pct(dflt['load'], 99) / pct(ours['load'], 99):.1f}"
    )


if __name__ == "__main__":
    main()
