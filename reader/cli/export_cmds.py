"""`reader export` (labels → training set files) and `reader stats` (progress and agreement): the
options, and their translation into the typed requests of `reader.export`.

Only argparse at the top: the work (store, pipeline, Rich, jieba) is imported inside the `run`
functions, and jieba only with --tokens.
"""

from __future__ import annotations

import argparse

from reader.cli.common import add_docs_option, add_store_options, annotations_dir, corpus_dir, names, say
from reader.export.formats import FORMATS


def register(sub: argparse._SubParsersAction) -> None:
    """Add `export` and `stats` to the `reader` parser."""
    p = sub.add_parser(
        "export",
        help="export labels as a training set (JSONL, CSV, Label Studio, Prodigy, doccano)",
        description="Export labelled sentences, one record per label, with provenance (document, "
        "section, raw line, offsets), optional negatives from reviewed sections and document-level "
        "splits. The file's extension chooses the format (.jsonl, .csv, .json = Label Studio). Beside "
        "the export: FILE.manifest.json (counts, label ids, options, hashes) and FILE.README.md (a "
        "Hugging Face dataset card).",
    )
    p.add_argument(
        "-o",
        "--output",
        default="-",
        metavar="FILE|-",
        help="output file (default: - = standard output; --split needs a file)",
    )
    p.add_argument(
        "--format",
        default=None,
        metavar="FORMAT",
        help=f"one of {', '.join(FORMATS)} (default: from the extension of -o, else jsonl)",
    )
    p.add_argument(
        "--labels",
        action="append",
        metavar="NAME[,NAME…]",
        help="only these labels (default: all; --negatives still adds the none records)",
    )
    p.add_argument(
        "--annotator",
        action="append",
        metavar="NAME[,NAME…]",
        help="only these annotators' labels (default: everyone's)",
    )
    add_docs_option(p)
    p.add_argument(
        "--negatives", action="store_true", help='add label "none" for unlabelled sentences of sections marked reviewed'
    )
    p.add_argument(
        "--allow-damaged",
        action="store_true",
        help="export even if a store file is damaged without a usable backup (its labels are left out)",
    )
    p.add_argument(
        "--orphans", action="store_true", help="include labels whose sentence is no longer in the text (marked orphan)"
    )
    p.add_argument(
        "--split", metavar="SPEC", help="split by document, e.g. train=0.8,dev=0.1,test=0.1 → FILE.train.jsonl, …"
    )
    p.add_argument("--seed", default="0", metavar="N", help="seed of the split (default: 0)")
    p.add_argument("--tokens", action="store_true", help="add jieba words of each text as `tokens`")
    p.add_argument(
        "--indicators",
        action="store_true",
        help="add `indicators`: each sentence's quantitative clauses, with the record's annotator's corrections",
    )
    p.add_argument(
        "--no-suggestions",
        dest="suggestions",
        action="store_false",
        help="Label Studio: leave out the suggestions (predictions)",
    )
    add_store_options(p, annotator=False)
    p.set_defaults(run=run_export)

    s = sub.add_parser(
        "stats",
        help="labels per document, reviewed share, orphans and agreement between annotators",
        description="A table of every document and annotator: sentences, that annotator's labels, "
        "labelled and reviewed shares, orphans; with several annotators, Cohen's kappa per pair on "
        "sentences both labelled.",
    )
    add_store_options(s, annotator=False)
    s.add_argument(
        "--annotator",
        action="append",
        metavar="NAME[,NAME…]",
        help="only these annotators' labels and review marks (default: everyone's, "
        "one row per annotator of each document)",
    )
    s.add_argument("--disagreements", action="store_true", help="list the sentences on which annotators disagree")
    s.set_defaults(run=run_stats)


def _seed(value: str) -> int:
    from reader.errors import ReaderError

    try:
        return int(value)
    except ValueError:
        raise ReaderError(f"--seed {value!r} is not a whole number; e.g. --seed 1") from None


def _tuple(values: list[str] | None) -> tuple[str, ...] | None:
    got = names(values)
    return tuple(got) if got else None


def export_request(args: argparse.Namespace):
    from reader.export.run import ExportRequest

    return ExportRequest(
        annotations=annotations_dir(args, must_exist=True),
        corpus=corpus_dir(args),
        output=args.output,
        format=args.format,
        labels=_tuple(args.labels),
        annotators=_tuple(args.annotator),
        docs=_tuple(args.docs),
        negatives=args.negatives,
        orphans=args.orphans,
        split=args.split,
        seed=_seed(args.seed),
        tokens=args.tokens,
        allow_damaged=args.allow_damaged,
        suggestions=args.suggestions,
        indicators=args.indicators,
    )


def run_export(args: argparse.Namespace) -> int:
    from reader.export.run import run_export as export

    export(export_request(args), say=say)
    return 0


def run_stats(args: argparse.Namespace) -> int:
    from rich.console import Console

    from reader.cli.stats_view import render
    from reader.export.documents import DocumentSource
    from reader.export.progress import Progress
    from reader.export.source import check_corpus, open_store
    from reader.export.stats import compute
    from reader.gcpause import no_gc_pauses
    from reader.store.labelset import load_labelset

    annotations, corpus = annotations_dir(args, must_exist=True), check_corpus(corpus_dir(args))
    wanted = names(args.annotator)
    labelset = load_labelset(annotations if annotations.is_dir() else None)
    colors = {label.name: label.color for label in labelset}
    display = {label.name: label.display for label in labelset}
    store = open_store(annotations, warn=say)
    try:
        with Progress() as progress, no_gc_pauses():
            state: dict = {}
            result = compute(
                store,
                corpus,
                list(labelset.names),
                annotators=wanted,
                load_all=DocumentSource(annotations).load_all,
                on_documents=lambda n: state.setdefault("advance", progress.task("reading documents", n)),
                advance=lambda n: state.get("advance", lambda n: None)(n),
            )
    finally:
        store.close()
    console = Console()
    if not console.is_terminal:
        console.width = 120  # a file or a pipe: don't squeeze the tables into 80 columns
    if not result.docs:
        console.print(f"No documents in {corpus} and no labels in {annotations}.")
        return 0
    for renderable in render(
        result, disagreements=args.disagreements, colors=colors, display=display, chosen=bool(wanted)
    ):
        console.print(renderable)
    return 0
