"""Commands of the suggestion area: `reader suggest`, `reader train`, `reader evaluate`,
`reader import-seeds`. Top level stays light (argparse only); the work is imported inside `run_*`.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's commands to the `reader` parser."""
    from reader.cli.common import add_docs_option, add_store_options

    p = sub.add_parser(
        "suggest",
        help="suggest a label for every sentence of a report",
        description="Suggest target/achievement/problem/none for every sentence of PATH, from the rules "
        "and the trained model under annotations/model/ (rules alone if there is none).",
    )
    p.add_argument("path", metavar="PATH", help="a report (text file)")
    p.add_argument("--json", action="store_true", help="JSON Lines, one object per sentence")
    p.add_argument("--rules-only", action="store_true", help="ignore the trained model")
    p.add_argument(
        "--annotations",
        default=None,
        metavar="DIR",
        help="folder with the trained model (default: ./annotations, else the shipped one)",
    )
    p.set_defaults(run=run_suggest)

    p = sub.add_parser(
        "train",
        help="train the suggestion model on the labels in the store",
        description="Train the suggestion model on the stored labels (all annotators, or --annotator), "
        "print precision/recall/F1 per label from leave-one-document-out cross-validation, and save the "
        "model with its metadata under annotations/model/.",
    )
    add_store_options(p, annotator=False)
    p.add_argument("--annotator", default=None, help="train on this annotator's labels only (default: all)")
    p.add_argument("--no-cv", action="store_true", help="skip cross-validation (faster)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.set_defaults(run=run_train)

    p = sub.add_parser(
        "evaluate",
        help="compare suggestions with the labels in the store",
        description="Suggestions against the stored labels (labelled sentences, and the unlabelled "
        "sentences of reviewed sections as none): precision/recall/F1 per label and a confusion table.",
    )
    add_store_options(p, annotator=False)
    p.add_argument("--annotator", default=None, help="compare with this annotator's labels (default: all)")
    add_docs_option(p, "only these documents (default: all)")
    p.add_argument("--rules-only", action="store_true", help="evaluate the rules without the model")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.set_defaults(run=run_evaluate)

    p = sub.add_parser(
        "import-seeds",
        help="import the reference labels of the seed reports into the store",
        description="Import reference labels (JSON Lines with seed, text, label) into the store for the "
        "corpus copies of the seed texts, matching by whitespace-free text; reports what does not match.",
    )
    add_store_options(p, annotator=False)
    p.add_argument(
        "seeds", nargs="?", default=None, metavar="FILE", help="labels file (default: ../shared/labels/seeds.jsonl)"
    )
    p.add_argument("--annotator", default="reference", help="annotator name to store (default: reference)")
    p.add_argument("--dry-run", action="store_true", help="match and report, write nothing")
    p.set_defaults(run=run_import_seeds)


def run_suggest(args: argparse.Namespace) -> int:
    from reader.suggest.cli_impl import suggest

    return suggest(args)


def run_train(args: argparse.Namespace) -> int:
    from reader.suggest.cli_impl import train

    return train(args)


def run_evaluate(args: argparse.Namespace) -> int:
    from reader.cli.common import names
    from reader.suggest.cli_impl import evaluate

    args.docs = names(args.docs)  # --docs a,b --docs c → [a, b, c], as everywhere

    return evaluate(args)


def run_import_seeds(args: argparse.Namespace) -> int:
    from reader.suggest.seeds import run

    return run(args)
