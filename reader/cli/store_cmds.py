"""Store commands: `reader doctor` (check/repair the annotations folder) and `reader import-labels`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

CONFLICT_EXAMPLES = 5


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's commands to the `reader` parser."""
    from reader.cli.common import add_store_options

    p = sub.add_parser(
        "doctor",
        help="check the annotations folder (damaged files, orphans); --repair fixes",
        description="List damaged store files, leftovers and orphaned labels (re-checked against "
        "the corpus). --repair moves damaged files aside (keeping them), restores their last good "
        "copy and re-attaches labels; it needs the app closed. Exit status 1 if problems remain.",
    )
    add_store_options(p, annotator=False)
    p.add_argument("--repair", action="store_true", help="fix what can be fixed (never deletes a label)")
    p.set_defaults(run=run_doctor)

    p = sub.add_parser(
        "import-labels",
        help="load labels into the store from any export format or what the tools give back (idempotent)",
        description="Load labels into the store: reader's JSONL and CSV, doccano, Prodigy (binary and "
        "choice) and Label Studio files (JSON or JSON-MIN; the format from the extension and the rows). "
        "Labels find their sentence by id, else by text (in their report, else the one sentence of the "
        "corpus with that text). Every field is checked first (labels, ISO 8601 UTC times, types). Importing the same "
        "file twice changes nothing. A different stored label of the same annotator is a conflict: "
        "reported, kept unless --overwrite. Exit status 1 if conflicts or unmatched labels were left.",
    )
    p.add_argument("file", type=Path, metavar="FILE")
    add_store_options(p, annotator=True)
    p.add_argument("--overwrite", action="store_true", help="replace conflicting stored labels")
    p.set_defaults(run=run_import)


def run_doctor(args: argparse.Namespace) -> int:
    from reader.cli.common import annotations_dir, corpus_dir
    from reader.store.doctor import run_doctor as doctor

    report = doctor(annotations_dir(args), corpus_dir(args), repair=args.repair)
    for line in report.lines:
        print(line)
    print(
        "no problems found"
        if not report.problems
        else f"{report.problems} problem(s)" + ("" if args.repair else "; `reader doctor --repair` fixes what it can")
    )
    return 1 if report.problems else 0


def run_import(args: argparse.Namespace) -> int:
    from reader.cli.common import annotations_dir, corpus_dir
    from reader.export.documents import DocumentSource
    from reader.export.tool_files import match, read
    from reader.labels import load_labelset
    from reader.store import AnnotationStore, ReadOnlyStore
    from reader.store.importer import notes_file, parse_records

    tool = read(args.file)  # any format reader exports, from the extension and the rows' keys
    items = tool.records
    notes = notes_file(args.file)
    if tool.format == "jsonl" and notes != args.file and notes.is_file():  # the notes an export wrote beside it
        items = items + read(notes).records
    annotations = annotations_dir(args)
    source = DocumentSource(annotations if annotations.is_dir() else None)
    matched = match(items, corpus_dir(args), source.load_all)
    parsed = parse_records(matched.records, load_labelset(annotations), annotator=args.annotator)
    # the reports' sentence tables, read before the store is locked (cached; else in worker processes)
    documents = _documents(source, corpus_dir(args), {r.doc for r in parsed.records} | {m["doc"] for m in parsed.marks})
    with AnnotationStore(annotations) as store:
        if store.read_only:
            raise ReadOnlyStore(f"cannot import: {store.read_only_reason}")
        report = store.bulk_set(parsed.records, overwrite=args.overwrite, marks=parsed.marks)
        reattached = _reattach(store, [documents[d] for d in sorted(report.docs) if d in documents])
    parts = [f"{report.added} added", f"{report.updated} updated", f"{report.unchanged} unchanged"]
    if report.reviews:
        parts.append(f"{report.reviews} review mark(s) added")
    if parsed.skipped_none:
        parts.append(f"{parsed.skipped_none} negative(s) come back with their review marks")
    if matched.by_text:
        parts.append(f"{matched.by_text} matched to their sentence by text")
    print(f"{args.file} ({tool.format}): {', '.join(parts)}" + (f"; {reattached}" if reattached else ""))
    for why, n in tool.skipped.items():
        print(f"{n} row(s) skipped: {why}", file=sys.stderr)
    if matched.unmatched:
        print(
            f"{len(matched.unmatched)} label(s) not imported: no single sentence to put them on, e.g.:", file=sys.stderr
        )
        for where, record, why in matched.unmatched[:CONFLICT_EXAMPLES]:
            print(f"  {where}: {why} — {''.join((record['text'] or '').split())[:30]}", file=sys.stderr)
    if report.conflicts:
        what = "replaced" if args.overwrite else "kept the stored labels; --overwrite replaces them"
        print(f"{len(report.conflicts)} conflict(s) with stored labels ({what}), e.g.:", file=sys.stderr)
        for old, new in report.conflicts[:CONFLICT_EXAMPLES]:
            print(
                f"  {old['doc']} {old['sentence']} [{old['annotator']}]: stored {old['label']}, "
                f"file {new['label']} — {''.join(old['text'].split())[:30]}",
                file=sys.stderr,
            )
        return 1
    return 1 if matched.unmatched else 0


def _documents(source, corpus: Path, docs: set[str]) -> dict:
    """Document id → sentence table, for the documents of the corpus among `docs`."""
    from reader.export.collect import corpus_files

    files = corpus_files(corpus)
    found = source.load_all({doc_id: files[doc_id] for doc_id in sorted(docs) if doc_id in files})
    return {doc_id: doc for doc_id, doc in found if not isinstance(doc, Exception)}


def _reattach(store, documents: list) -> str:
    """Re-attach imported labels to the current text of their documents."""
    moved = orphaned = 0
    for doc in documents:
        r = store.reattach(doc)
        moved += len(r.moved) + len(r.revived)
        orphaned += len(r.orphaned)
    out = []
    if moved:
        out.append(f"{moved} re-attached to moved sentences")
    if orphaned:
        out.append(f"{orphaned} orphaned (sentence not in the current text; kept)")
    return ", ".join(out)
