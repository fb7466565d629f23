"""Benchmark of the annotation store (issues 3 and 14): what a label costs as a report and a store grow.

Through the documented API (`AnnotationStore.set_label`, `bulk_set`, the `reader import-labels` path),
each figure is measured twice in the same run:

- journal: the store as shipped (one fsynced journal line per change, folded in the background);
- whole-file: the same store with the journal off (`FOLD_EVERY = 1`): every change rewrites and
  fsyncs the report's whole file and its `.bak` — the design before issue 14.

The ratio whole-file / journal is the headline (the machine is shared: absolute times drift).
Two curves: labels in one report (100 → 20,000; one annotator, each call changes the label) and
labels in the store (1,000 → 100,000 over documents of 100 labels). `--before REV` also measures the
code of a git revision (e.g. the commit before the journal) in a subprocess on the same files.

    .venv/bin/python benchmarks/store.py [--report-sizes 100,1000,5000,20000]
        [--store-sizes 1000,10000,100000] [--ops 400] [--before REV] [--tinydb-default]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if "--code" not in sys.argv:
    sys.path.insert(0, str(ROOT))

LABELS = ("target", "achievement", "problem")
TEXT = "全年地区生产总值增长5.1%左右。" * 2
SECTION = ["二、2025年工作安排", "（一）扩大内需"]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))] * 1000


def record(doc: str, i: int, label: str) -> dict:
    return {
        "doc": doc,
        "sentence": f"{doc}:{i:08x}:0",
        "text": TEXT,
        "label": label,
        "annotator": "li",
        "section": SECTION,
        "line": i + 10,
        "start": i * 40,
        "end": i * 40 + 30,
    }


def timed(fn, n: int) -> list[float]:
    out = []
    for k in range(n):
        t = time.perf_counter()
        fn(k)
        out.append(time.perf_counter() - t)
    return out


def set_mode(mode: str) -> None:
    """journal (as shipped) or whole-file (the journal off). `plain` code has no journal at all."""
    if mode == "plain":
        return
    from reader.store import journal

    journal.FOLD_EVERY = 1 if mode == "whole-file" else 1000


# --- the two curves, through the public API --------------------------------------------------
def report_curve(folder: Path, n: int, ops: int, *, build: bool, seed: int) -> dict:
    """One report with n labels: bulk_set of all of them (timed), then `ops` set_label calls."""
    from reader.store import AnnotationStore

    rng = random.Random(seed)
    out: dict = {}
    if build:
        recs = [record("big", i, LABELS[i % 3]) for i in range(n)]
        t = time.perf_counter()
        with AnnotationStore(folder) as store:
            store.bulk_set(recs)
            out["bulk"] = time.perf_counter() - t
    targets = [rng.randrange(n) for _ in range(ops)]
    with AnnotationStore(folder) as store:
        t = time.perf_counter()
        store.doc_labels("big", "li")
        out["open"] = time.perf_counter() - t
        current = {r["sentence"]: r["label"] for r in store.labels("big")}

        def set_one(k: int) -> None:
            sid = f"big:{targets[k]:08x}:0"
            new = LABELS[(LABELS.index(current[sid]) + 1) % 3]  # always a change
            store.set_label("big", sid, new, annotator="li", text=TEXT, section=SECTION)
            current[sid] = new

        out["set"] = timed(set_one, ops)
        t = time.perf_counter()
    out["close"] = time.perf_counter() - t
    out["file"] = (folder / "big.json").stat().st_size
    return out


def session_curve(folder: Path, n: int, ops: int, *, build: bool, seed: int) -> dict:
    """A key in the app: `LabelSession.toggle_label` on a report of n sentences, all labelled (the
    session is what the reading screen maps keys to). Wall and CPU per key."""
    from reader.labels.session import LabelSession
    from reader.store import AnnotationStore
    from reader.text.pipeline import process_text

    sections = [f"（{i + 1}）第{i + 1}部分" for i in range(max(1, n // 500))]
    per = n // len(sections)
    raw = "\n".join(
        f"{title}\n" + "".join(f"全年第{k}项指标增长{k % 9 + 1}.{k % 7}%左右。" for k in range(j * per, (j + 1) * per))
        for j, title in enumerate(sections)
    )
    doc = process_text("一、工作安排\n" + raw, "big")
    body = [x for x in doc.sentences if x.kind == "sentence"]
    out: dict = {"sentences": len(body)}
    if build:
        with AnnotationStore(folder) as store:
            recs = [
                {"doc": "big", "sentence": x.id, "text": x.text, "label": LABELS[x.index % 3], "annotator": "li",
                 "section": list(x.section), "line": x.line, "start": x.start, "end": x.end}
                for x in body
            ]  # fmt: skip
            store.bulk_set(recs)
    rng = random.Random(seed)
    targets = [body[rng.randrange(len(body))] for _ in range(ops)]
    with AnnotationStore(folder) as store:
        session = LabelSession.open(store, doc, "li")
        walls, cpus = [], []
        for k, sentence in enumerate(targets):
            t, cpu = time.perf_counter(), time.process_time()
            session.toggle_label(sentence, LABELS[k % 3])
            walls.append(time.perf_counter() - t)
            cpus.append(time.process_time() - cpu)
    out["key"], out["key_cpu"] = walls, cpus
    return out


def store_curve(folder: Path, docs: int, per_doc: int, ops: int, *, build: bool, seed: int) -> dict:
    """`docs` documents of `per_doc` labels, imported like `reader import-labels` (timed), then
    set/clear at random documents and the cold load of one document's labels."""
    from reader.store import AnnotationStore

    rng = random.Random(seed)
    out: dict = {}
    if build:
        from reader.store.importer import read_jsonl

        src = folder.with_suffix(".jsonl")
        with src.open("w", encoding="utf-8") as fh:
            for d in range(docs):
                for i in range(per_doc):
                    rec = record(f"doc{d:04d}", i, rng.choice(LABELS))
                    rec["id"] = rec.pop("sentence")
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        t, cpu = time.perf_counter(), time.process_time()
        with AnnotationStore(folder) as store:
            parsed = read_jsonl(src, store.labelset)
            report = store.bulk_set(parsed.records)
        out["import"] = time.perf_counter() - t
        out["import_cpu"] = time.process_time() - cpu  # every thread of the process: less hit by the load
        assert report.added == docs * per_doc, report
        src.unlink()
    targets = [(f"doc{rng.randrange(docs):04d}", rng.randrange(per_doc * 2)) for _ in range(ops)]
    with AnnotationStore(folder) as store:
        # A report is open before its labels are set (the app opens it): first accesses apart.
        firsts = []
        for doc in dict.fromkeys(d for d, _ in targets):
            t = time.perf_counter()
            store.doc_labels(doc, "li")
            firsts.append(time.perf_counter() - t)
        out["first"] = firsts

        def set_one(k: int) -> None:
            doc, i = targets[k]
            store.set_label(doc, f"{doc}:{i:08x}:0", LABELS[k % 3], annotator="wang", text="新句子。")

        def clear_one(k: int) -> None:
            doc, i = targets[k]
            store.clear_label(doc, f"{doc}:{i:08x}:0", annotator="wang")

        out["set"] = timed(set_one, ops)
        seen: set[str] = set()
        first = [not (targets[k][0] in seen or seen.add(targets[k][0])) for k in range(ops)]
        out["set_later"] = [t for t, f in zip(out["set"], first, strict=True) if not f]
        out["set_first"] = [t for t, f in zip(out["set"], first, strict=True) if f]
        out["clear"] = timed(clear_one, ops)
    loads = []
    with AnnotationStore(folder, read_only=True) as reader:
        for d in rng.sample(range(docs), min(docs, 100)):
            t = time.perf_counter()
            reader.doc_labels(f"doc{d:04d}", "li")
            loads.append(time.perf_counter() - t)
    out["load"] = loads
    return out


def disk_floor(root: Path, n: int = 300) -> list[float]:
    """The disk's own cost of the journal's work: append a 450-byte line and fdatasync it."""
    path = root / "floor"
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        os.write(fd, b"x" * 449 + b"\n")
        os.fdatasync(fd)
        os.close(fd)
        out.append(time.perf_counter() - t)
    path.unlink()
    return out


# --- worker: one curve point in this process (used for --before, on another revision's code) --
def worker(args) -> None:
    set_mode(args.mode)
    folder = Path(args.folder)
    if args.worker == "report":
        out = report_curve(folder, args.n, args.ops, build=args.build, seed=args.seed)
    elif args.worker == "session":
        out = session_curve(folder, args.n, args.ops, build=args.build, seed=args.seed)
    else:
        out = store_curve(folder, args.n // 100, 100, args.ops, build=args.build, seed=args.seed)
    import reader

    out["code"] = reader.__file__
    print(json.dumps(out))


def run_before(rev: str, root: Path, kind: str, n: int, ops: int, build: bool, folder: Path, seed: int) -> dict:
    code = root / f"code-{rev}"
    if not code.exists():
        blob = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "reader"], capture_output=True, check=True)
        with tarfile.open(fileobj=BytesIO(blob.stdout)) as tar:
            tar.extractall(code, filter="data")
    cmd = [sys.executable, __file__, "--code", str(code), "--worker", kind, "--folder", str(folder)]
    cmd += ["--n", str(n), "--ops", str(ops), "--mode", "plain", "--seed", str(seed)]
    cmd += ["--build"] if build else []
    env = dict(os.environ, PYTHONPATH=str(code))
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if done.returncode:
        raise SystemExit(f"--before {rev}: the measurement failed:\n{done.stderr}")
    out = json.loads(done.stdout.splitlines()[-1])
    assert out["code"].startswith(str(code)), f"measured the wrong code: {out['code']}"
    return out


# --- TinyDB's default storage, for the issue-3 comparison -------------------------------------
def tinydb_default(root: Path, docs: int, per_doc: int, ops: int) -> dict:
    from tinydb import Query, TinyDB

    path = root / "default-single.json"
    db = TinyDB(path, ensure_ascii=False)
    table = db.table("labels")
    table.insert_multiple(record(f"doc{d:04d}", i, "target") for d in range(docs) for i in range(per_doc))
    q = Query()
    rng = random.Random(1)

    def set_one(k: int) -> None:
        doc = f"doc{rng.randrange(docs):04d}"
        sid = f"{doc}:{rng.randrange(per_doc * 2):08x}:0"
        table.upsert({**record(doc, 0, "problem"), "sentence": sid, "annotator": "wang"}, q.sentence == sid)

    out = {"set": timed(set_one, ops), "file": path.stat().st_size}
    db.close()
    return out


def session_rows(args, root: Path) -> None:
    """The key curve: today's session beside REV's (alternating the two, the same files)."""
    sizes = [int(x) for x in args.session_sizes.split(",") if x]
    if not sizes:
        return
    before = f" | before ({args.before}) | before / now, CPU p50 / p95" if args.before else ""
    print("A key in the app (`LabelSession.toggle_label`, every sentence of the report labelled), ms:\n")
    print(f"| sentences | wall p50 / p95 | CPU p50 / p95{before} |")
    print("|---|---|---|" + ("---|---|" if args.before else ""))
    for n in sizes:
        folder = root / f"k{n}"
        set_mode("journal")
        now = session_curve(folder, n, args.ops, build=True, seed=n)
        cells = f"| {now['sentences']:,} | {fmt95(now['key'])} | {fmt95(now['key_cpu'])}"
        if args.before:
            then = run_before(args.before, root, "session", n, args.ops, False, folder, n)
            ratio = [pct(then["key_cpu"], p) / max(pct(now["key_cpu"], p), 1e-6) for p in (50, 95)]
            cells += f" | {fmt95(then['key'])} wall, {fmt95(then['key_cpu'])} CPU | ×{ratio[0]:.0f} / ×{ratio[1]:.0f}"
        print(cells + " |", flush=True)
    print()


def fmt95(values: list[float]) -> str:
    return f"{pct(values, 50):.2f} / {pct(values, 95):.2f}"


def fmt(values: list[float]) -> str:
    return f"{pct(values, 50):.2f} / {pct(values, 99):.2f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--report-sizes", default="100,1000,5000,20000")
    ap.add_argument("--store-sizes", default="1000,10000,100000")
    ap.add_argument("--ops", type=int, default=400, help="set_label calls per point (journal)")
    ap.add_argument("--whole-ops", type=int, default=120, help="set_label calls per point (whole-file)")
    ap.add_argument("--before", metavar="REV", help="also measure this git revision's code (subprocess)")
    ap.add_argument("--before-max-bulk", type=int, default=5000, help="time REV's bulk_set up to this size")
    ap.add_argument("--session-sizes", default="1000,20000", help="sentences of the report for the key curve")
    ap.add_argument("--only-session", action="store_true", help="just the key curve (LabelSession)")
    ap.add_argument("--tinydb-default", action="store_true", help="also TinyDB's default storage, one file")
    ap.add_argument("--worker", choices=("report", "store", "session"), help=argparse.SUPPRESS)
    ap.add_argument("--code", help=argparse.SUPPRESS)
    ap.add_argument("--folder", help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--mode", default="journal", help=argparse.SUPPRESS)
    ap.add_argument("--build", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--seed", type=int, default=7, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args)
        return
    root = Path(tempfile.mkdtemp(prefix="reader-store-bench-"))
    report_sizes = [int(x) for x in args.report_sizes.split(",") if x]
    store_sizes = [int(x) for x in args.store_sizes.split(",") if x]
    rows_r, rows_s = [], []
    if args.only_session:
        report_sizes = store_sizes = []
    try:
        floor = disk_floor(root)
        print(f"disk floor (append 450 B + fdatasync) p50 / p99: {fmt(floor)} ms\n", flush=True)
        session_rows(args, root)
        if args.only_session:
            return
        for n in report_sizes:
            row = {"n": n}
            for mode, ops in (("journal", args.ops), ("whole-file", args.whole_ops)):
                set_mode(mode)
                row[mode] = report_curve(root / f"r{n}-{mode}", n, ops, build=True, seed=n)
            if args.before:
                folder = root / f"r{n}-before"
                build = n <= args.before_max_bulk
                if not build:  # the old bulk_set is quadratic: build the same file with today's code
                    set_mode("journal")
                    report_curve(folder, n, 0, build=True, seed=n)
                row["before"] = run_before(args.before, root, "report", n, args.whole_ops, build, folder, n)
            set_mode("journal")
            rows_r.append(row)
            print(f"  report of {n:,} labels measured", file=sys.stderr, flush=True)
        for n in store_sizes:
            docs = max(1, n // 100)
            row = {"n": n}
            set_mode("journal")
            row["journal"] = store_curve(root / f"s{n}-journal", docs, 100, args.ops, build=True, seed=n)
            set_mode("whole-file")
            shutil.copytree(root / f"s{n}-journal", root / f"s{n}-whole")
            row["whole-file"] = store_curve(root / f"s{n}-whole", docs, 100, args.whole_ops, build=False, seed=n)
            if args.before:
                row["before"] = run_before(
                    args.before, root, "store", n, args.whole_ops, True, root / f"s{n}-before", n
                )
            set_mode("journal")
            rows_s.append(row)
            print(f"  store of {n:,} labels measured", file=sys.stderr, flush=True)
        default = tinydb_default(root, 1000, 100, 10) if args.tinydb_default else None
    finally:
        shutil.rmtree(root, ignore_errors=True)

    before = f" | before ({args.before})" if args.before else ""
    print("Labels in one report (one annotator; each set_label changes the label). set_label p50 / p99 ms:\n")
    print(f"| labels in the report | journal | whole-file{before} | p99 whole-file / journal | file |")
    print("|---|---|---|---|---|" + ("---|" if args.before else ""))
    for row in rows_r:
        j, w = row["journal"], row["whole-file"]
        b = f" | {fmt(row['before']['set'])}" if "before" in row else ""
        print(
            f"| {row['n']:,} | {fmt(j['set'])} | {fmt(w['set'])}{b} | ×{pct(w['set'], 99) / pct(j['set'], 99):.0f} "
            f"| {j['file'] / 1e6:.2f} MB |"
        )
    print(f"\n| labels in the report | bulk_set of all (journal){before} | open (first doc_labels) | close (fold) |")
    print("|---|---|---|---|" + ("---|" if args.before else ""))
    for row in rows_r:
        j = row["journal"]
        b = ""
        if "before" in row:
            b = f" | {row['before']['bulk']:.2f} s" if "bulk" in row["before"] else " | (not timed: quadratic)"
        print(f"| {row['n']:,} | {j['bulk']:.2f} s{b} | {j['open'] * 1000:.0f} ms | {j['close'] * 1000:.0f} ms |")
    print(
        "\nLabels in the store (documents of 100 labels; set/clear at random documents, already open;"
        "\nfirst access: a document's first read in the session). p50 / p99 ms:\n"
    )
    head = f"| labels in the store | import{before} | set: journal | set: whole-file{before} | clear: journal"
    print(head + " | journal: 1st set in a report / later ones | first access |")
    print("|---|---|---|---|---|---|---|" + ("---|---|" if args.before else ""))
    for row in rows_s:
        j, w = row["journal"], row["whole-file"]
        b = f" | {fmt(row['before']['set'])}" if "before" in row else ""
        bi = f" | {row['before']['import']:.2f} s" if "before" in row else ""
        cpu = f" (CPU {j['import_cpu']:.2f} s" + (
            f" vs {row['before']['import_cpu']:.2f} s)" if "before" in row else ")"
        )
        print(
            f"| {row['n']:,} | {j['import']:.2f} s{cpu}{bi} | {fmt(j['set'])} | {fmt(w['set'])}{b} | {fmt(j['clear'])} "
            f"| {fmt(j['set_first'])} ({len(j['set_first'])}) / {fmt(j['set_later'])} ({len(j['set_later'])}) "
            f"| {fmt(j['first'])} |"
        )
    big, top = rows_r[-1], rows_s[-1]
    print(
        f"\nheadline (p99, whole-file / journal): {big['n']:,} labels in one report "
        f"×{pct(big['whole-file']['set'], 99) / pct(big['journal']['set'], 99):.0f}; "
        f"{top['n']:,} labels in the store ×{pct(top['whole-file']['set'], 99) / pct(top['journal']['set'], 99):.1f}; "
        f"journal set p99 / disk floor p99: ×{pct(big['journal']['set'], 99) / pct(floor, 99):.1f}"
    )
    if default:
        print(
            f"TinyDB default storage, one file of 100,000 labels ({default['file'] / 1e6:.0f} MB): set p50 / p99 "
            f"{fmt(default['set'])} ms; "
            f"×{pct(default['set'], 99) / pct(top['journal']['set'], 99):.0f} the journal's p99"
        )


if __name__ == "__main__":
    main()
