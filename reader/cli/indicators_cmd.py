"""`reader indicators PATH|FOLDER [--json | --csv] [-o FILE]`: targets and outcomes as data.

For a report: one record per quantitative clause of its target and achievement sentences (a table;
--json JSON Lines; --csv the same records as CSV). For a folder: --csv the corpus table (one row per
report and indicator: headline target, the outcome stated for last year, the previous report's
target), --json every report's records; without either, the corpus table on screen.
An annotator's corrections (stored in the annotations folder) are shown instead of the extraction,
each record marked `source`; clauses they marked "not an indicator" are left out.
Only argparse at the top: the pipeline and the extraction are imported inside `run`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli.common import annotations_dir, default_annotator, say


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "indicators",
        help="targets and outcomes as data: a report's quantitative clauses, or a folder's corpus table",
        description="Extract every quantitative clause of the target and achievement sentences of a report "
        "(indicator, measure, value, unit, qualifier, target or outcome, headline, year, where it is). "
        "Over a folder, --csv writes the corpus table: one row per report and indicator with the headline "
        "target, the outcome the report states for last year and, when the folder holds the previous "
        "report of the same place, the target it set.",
    )
    p.add_argument("path", metavar="PATH|FOLDER", help="a report file (.txt) or a folder of reports")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument(
        "--json",
        action="store_true",
        help="JSON Lines: doc, sentence, section, line, start, end, indicator, measure, value, unit, qualifier, "
        "kind, headline, year, text, source",
    )
    fmt.add_argument("--csv", action="store_true", help="CSV (UTF-8 with BOM); over a folder: the corpus table")
    p.add_argument("-o", "--output", default="-", metavar="FILE|-", help="write to FILE (default: - = standard output)")
    p.add_argument(
        "--annotator",
        default=None,
        metavar="NAME",
        help="whose corrections replace the extraction (default: $READER_ANNOTATOR, else the login name)",
    )
    p.add_argument(
        "--annotations",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder of the label stores, where corrections are kept (default: ./annotations)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from reader.errors import ReaderError
    from reader.export.writer import STDOUT, check_writable

    path = Path(args.path)
    if not path.exists():
        raise ReaderError(f"{path}: no such file or folder; give a report (.txt) or a folder of reports")
    fmt = "csv" if args.csv else "jsonl" if args.json else ""
    if args.output != STDOUT:
        fmt = fmt or ("csv" if args.output.lower().endswith(".csv") else "jsonl")
        check_writable([Path(args.output)])
    corrections = _Corrections(annotations_dir(args, must_exist=True), default_annotator(args.annotator))
    if path.is_dir():
        return _run_folder(path, fmt, args.output, corrections)
    return _run_report(path, fmt, args.output, corrections)


class _Corrections:
    """One annotator's corrections, read from the store (read-only) when there is one."""

    def __init__(self, folder: Path, annotator: str) -> None:
        self.folder = folder
        self.annotator = annotator

    def read(self, doc_ids: set[str] | None = None) -> dict[str, list]:
        """Document id → the annotator's corrections (only these documents, when given)."""
        if not self.folder.is_dir():
            return {}
        from reader.store import AnnotationStore

        out: dict[str, list] = {}
        with AnnotationStore(self.folder, read_only=True) as store:
            for doc_id in store.doc_ids():
                if doc_ids is None or doc_id in doc_ids:
                    found = store.corrections(doc_id, self.annotator)
                    if found:
                        out[doc_id] = found
        return out


def _load(path: Path):
    from reader.errors import ReaderError
    from reader.text.chars import HAN_RE
    from reader.text.pipeline import load_document

    doc = load_document(path)
    if not HAN_RE.search(doc.text):
        raise ReaderError(f"{path}: not a report (no Chinese text); give a government work report (.txt)")
    return doc


def _run_report(path: Path, fmt: str, output: str, corrections: _Corrections) -> int:
    from reader.indicators import extract
    from reader.indicators.corrections import apply
    from reader.indicators.model import FIELDS

    doc = _load(path)
    applied = apply(extract(doc), corrections.read({doc.id}).get(doc.id, ()), doc)
    if applied.orphans:
        say(
            f"{len(applied.orphans)} correction(s) by {corrections.annotator} no longer match a clause of "
            f"{doc.id} (kept in {corrections.folder})"
        )
    records = [r.to_dict() for r in applied.records]
    if fmt:
        _write(records, FIELDS, output, fmt)
        return 0
    _print_records(path.stem, records)
    return 0


def _run_folder(folder: Path, fmt: str, output: str, corrections: _Corrections) -> int:
    from reader.corpus.library import list_reports
    from reader.errors import ReaderError
    from reader.export.progress import Progress
    from reader.gcpause import no_gc_pauses
    from reader.indicators import batch
    from reader.indicators.cache import ResultCache

    paths = [entry.path for entry in list_reports(folder)]
    corrected = corrections.read({p.stem for p in paths})
    job = batch.records_job if fmt == "jsonl" else batch.summary_job
    # results of unchanged reports from the last run (in the annotations folder, when there is one)
    cache = ResultCache(corrections.folder if corrections.folder.is_dir() else None, job.__name__)
    with no_gc_pauses():  # the parent holds every report's result: collections would walk them all
        results: list = []
        failed = 0
        with Progress() as progress:
            advance = progress.task("indicators", len(paths))
            for path, result in batch.run(paths, job, advance, corrections=corrected, cache=cache):
                if isinstance(result, ReaderError):
                    failed += 1
                    print(f"reader: skipped {path.name}: {result}", file=sys.stderr)
                    continue
                results.append(result)
        if not results:
            raise ReaderError(f"{folder}: none of its {len(paths)} .txt files could be read as a report")
        if fmt == "jsonl":
            from reader.indicators.model import FIELDS

            _write([r.to_dict() for records in results for r in records], FIELDS, output, "jsonl")
            return 0
        from reader.indicators.table import COLUMNS, rows

        table = rows(results)
        if fmt == "csv":
            _write(table, COLUMNS, output, "csv")
        else:
            _print_table(folder, table)
        if failed:
            print(f"reader: {failed} of {len(paths)} files skipped (see above)", file=sys.stderr)
        return 0


def _write(records: list[dict], columns, output: str, fmt: str) -> None:
    """JSON Lines, or CSV (UTF-8 with a BOM, cells as `reader export` writes them), to a file
    (atomically) or to standard output."""
    import csv
    import io
    import json

    from reader.export.formats import FORMULA_START
    from reader.export.records import SECTION_SEPARATOR
    from reader.export.writer import STDOUT, write_text

    def cell(value, key: str):
        kind = type(value)  # most cells are text or numbers: those are tested first (a corpus table has 100,000s)
        if kind is str:
            return "'" + value if value.startswith(FORMULA_START) else value  # a spreadsheet must not run a formula
        if kind is int or kind is float:
            return value
        if value is None:
            return ""
        if kind is bool:
            return "true" if value else "false"
        if key == "section":
            return SECTION_SEPARATOR.join(value)
        if isinstance(value, list):  # a range: [4.5, 5]
            return json.dumps(value)
        if isinstance(value, str) and value.startswith(FORMULA_START):
            return "'" + value
        return value

    buffer = io.StringIO(newline="")
    if fmt == "csv":
        buffer.write("\ufeff")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(columns)
        writer.writerows([cell(r[c], c) for c in columns] for r in records)
    else:
        dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        buffer.writelines(dump(r) + "\n" for r in records)
    if output == STDOUT:
        sys.stdout.flush()
        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
        try:
            out.write(buffer.getvalue())
            out.flush()
        finally:
            out.detach()
        return
    write_text(buffer.getvalue(), Path(output))


def _show(value) -> str:
    from reader.indicators.model import show_value

    return show_value(value)


def _print_records(name: str, records: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    targets = sum(1 for r in records if r["kind"] == "target")
    table = Table(
        title=Text(f"{name}: {len(records)} figures ({targets} targets, {len(records) - targets} outcomes)"),
        show_lines=False,
    )
    table.add_column("line", justify="right", style="dim", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("indicator", ratio=1)
    table.add_column("figure", no_wrap=True)
    table.add_column("measure", style="dim", no_wrap=True)
    table.add_column("year", style="dim", no_wrap=True)
    for r in records:
        kind = Text("target" + (" ★" if r["headline"] else ""), style="bold" if r["headline"] else "")
        figure = _figure(r) + (" ✎" if r["source"] == "corrected" else "")
        table.add_row(
            str(r["line"]),
            kind if r["kind"] == "target" else Text("outcome", style="green"),
            Text(r["indicator"]),
            Text(figure),
            Text(r["measure"]),
            _show(r["year"]),
        )
    console = Console(highlight=False)
    if not records:
        console.print(
            f"{name}: no figures found: no target or achievement sentence states a quantity "
            "(is it a government work report? `reader outline PATH` shows how it was read)"
        )
        return
    console.print(table)
    if not any(r["headline"] for r in records):
        console.print(
            "no main targets paragraph found (…主要预期目标是：…): no ★ rows, and no headline targets for "
            "this report in the corpus table"
        )
    console.print(
        Text(
            "★ the report's main targets paragraph; ✎ an annotator's correction; --json or --csv for every field",
            style="dim",
        )
    )


def _print_table(folder: Path, table: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    view = Table(title=Text(f"{folder}: {len(table)} rows"), show_lines=False)
    for column in ("doc", "indicator", "target", "outcome", "previous target"):
        view.add_column(column, overflow="fold")
    for row in table:
        view.add_row(
            Text(row["doc"]),
            Text(row["indicator"]),
            Text(_figure(row, "target")),
            Text(_figure(row, "outcome") + (f" ({row['outcome_year']})" if row["outcome_year"] else "")),
            Text(_figure(row, "previous_target")),
        )
    console = Console(highlight=False)
    console.print(view)
    console.print(Text("--csv for every column (values, units, qualifiers, lines)", style="dim"))


def _figure(row: dict, prefix: str = "") -> str:
    """5%左右, 近10万人次, 力争8%以上, 基本同步: value, unit and hedge as a report writes them."""
    from reader.indicators.model import figure

    key = f"{prefix}_" if prefix else ""
    if prefix and not row[prefix]:
        return ""
    return figure(row[f"{key}value"], row[f"{key}unit"], row[f"{key}qualifier"])
