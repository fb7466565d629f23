"""Options and path resolution shared by commands: corpus folder, annotations folder, annotator."""

from __future__ import annotations

import argparse
import getpass
import os
from pathlib import Path

DEFAULT_CORPUS = Path("corpus")
DEFAULT_ANNOTATIONS = Path("annotations")


def add_store_options(parser: argparse.ArgumentParser, *, annotator: bool = True) -> None:
    """Add --annotations, --corpus and (optionally) --annotator."""
    parser.add_argument(
        "--annotations",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder of the label stores (default: ./annotations)",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder of the reports (default: ./corpus)",
    )
    if annotator:
        parser.add_argument(
            "--annotator",
            default=None,
            help="who is labelling (default: $READER_ANNOTATOR, else the login name)",
        )


def annotations_dir(args: argparse.Namespace) -> Path:
    return args.annotations if getattr(args, "annotations", None) else DEFAULT_ANNOTATIONS


def corpus_dir(args: argparse.Namespace) -> Path:
    return args.corpus if getattr(args, "corpus", None) else DEFAULT_CORPUS


def default_annotator(explicit: str | None = None) -> str:
    """--annotator, then $READER_ANNOTATOR, then the login name."""
    if explicit:
        return explicit
    env = os.environ.get("READER_ANNOTATOR")
    if env:
        return env
    try:
        return getpass.getuser() or "anonymous"
    except Exception:  # no login name in some containers
        return "anonymous"
