"""Options and path resolution shared by commands: corpus folder, annotations folder, annotator,
document and name lists (`--docs a,b --docs c`), messages on stderr."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from reader.errors import ReaderError

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
            metavar="NAME",
            help="who is labelling (default: $READER_ANNOTATOR, else the login name)",
        )


def add_docs_option(parser: argparse.ArgumentParser, what: str = "only these documents") -> None:
    """--docs ID[,ID…], repeatable: the one form every command takes."""
    parser.add_argument(
        "--docs",
        action="append",
        metavar="ID[,ID…]",
        help=f"{what} (document id = corpus file name without .txt; repeat or separate with commas)",
    )


def names(values: list[str] | None) -> list[str] | None:
    """`--x a,b --x c` → ["a", "b", "c"]; None when not given."""
    if not values:
        return None
    out = [n.strip() for v in values for n in v.split(",") if n.strip()]
    return list(dict.fromkeys(out)) or None


def say(message: str) -> None:
    """A note or warning for the user, on stderr (stdout may be the data)."""
    print(f"reader: {message}", file=sys.stderr)


def annotations_dir(args: argparse.Namespace, *, must_exist: bool = False) -> Path:
    """--annotations, else ./annotations. With `must_exist`, a folder given with --annotations that
    is not there is an error (a typo must not read as "no labels yet")."""
    given = getattr(args, "annotations", None)
    if given and must_exist and not Path(given).exists():
        raise ReaderError(
            f"annotations folder {given} does not exist; give the folder of the labels with --annotations"
        )
    return Path(given) if given else DEFAULT_ANNOTATIONS


def corpus_dir(args: argparse.Namespace) -> Path:
    return Path(args.corpus) if getattr(args, "corpus", None) else DEFAULT_CORPUS


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
