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
        "and a trained model: the annotator's own (annotations/models/NAME/, made by `reader train`), else "
        "the shipped one (annotations/model/), else the rules alone. Says which on standard error.",
    )
    p.add_argument("path", metavar="PATH", help="a report (text file)")
    p.add_argument("--json", action="store_true", help="JSON Lines, one object per sentence")
    p.add_argument("--rules-only", action="store_true", help="ignore the trained models")
    p.add_argument("--shipped", action="store_true", help="use the shipped model, not the annotator's own")
    p.add_argument(
        "--annotator", default=None, help="whose model to use (default: $READER_ANNOTATOR, else the login name)"
    )
    p.add_argument(
        "--annotations",
        default=None,
        metavar="DIR",
        help="folder with the trained models (default: ./annotations, else the shipped one)",
    )
    p.set_defaults(run=run_suggest)

    p = sub.add_parser(
        "train",
        help="train the suggestion model on the labels in the store",
        description="Train an annotator's suggestion model on their labels, with the reference labels as a "
        "weaker prior (their labels win where the two disagree), print precision/recall/F1 per label from "
        "leave-one-document-out cross-validation on their labels, and save it under annotations/models/NAME/ "
        "(git-ignored). The shipped model (annotations/model/) is never touched, except by --shipped.",
    )
    add_store_options(p, annotator=False)
    p.add_argument(
        "--annotator",
        action="append",
        default=None,
        metavar="NAME",
        help="whose labels (repeat for several: one model for them together; default: $READER_ANNOTATOR, "
        "else the login name)",
    )
    p.add_argument("--without-reference", action="store_true", help="leave the reference labels out")
    p.add_argument(
        "--shipped",
        action="store_true",
        help="rebuild the shipped model annotations/model/ from the reference labels (with --annotator reference)",
    )
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
