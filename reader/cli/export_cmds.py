"""`reader export` (labels → training set files) and `reader stats` (progress and agreement).

Only argparse at the top: the work (store, pipeline, Rich, jieba) is imported inside the `run`
functions, and jieba only with --tokens.
"""

from __future__ import annotations

import argparse

from reader.cli.common import add_store_options

FORMATS = ("jsonl", "doccano", "prodigy", "csv")


def register(sub: argparse._SubParsersAction) -> None:
    """Add `export` and `stats` to the `reader` parser."""
    p = sub.add_parser(
        "export",
        help="export labels as a training set (JSONL, doccano, prodigy, csv)",
        description="Export labelled sentences, one record per label, with provenance (document, "
        "section, raw line, offsets), optional negatives from reviewed sections and document-level "
        "splits. A manifest (FILE.manifest.json) is written beside every exported file.",
    )
    p.add_argument(
        "-o",
        "--output",
        default="-",
        metavar="FILE|-",
        help="output file (default: - = standard output; --split needs a file)",
    )
    p.add_argument("--format", default="jsonl", metavar="FORMAT", help=f"one of {', '.join(FORMATS)} (default: jsonl)")
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
    p.add_argument(
        "--docs", action="append", metavar="ID[,ID…]", help="only these documents (corpus file names without .txt)"
    )
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


def run_export(args: argparse.Namespace) -> int:
    from reader.export.command import export

    return export(args)


def run_stats(args: argparse.Namespace) -> int:
    from reader.export.stats_command import stats

    return stats(args)
