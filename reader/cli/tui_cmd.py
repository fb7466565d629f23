"""`reader [PATH]`: check the arguments, then open the Textual app (library or one report).

Everything that can be wrong with the arguments (missing path, a folder without reports, a bad
keymap or label set) is reported as a one-line ReaderError before Textual is even imported.
"""

from __future__ import annotations

import argparse
import gc
from pathlib import Path

from reader.cli.common import add_store_options, annotations_dir, corpus_dir, default_annotator
from reader.errors import ReaderError


def add_app_options(parser) -> None:
    """The app's own options (also shown by `reader --help`)."""
    add_store_options(parser)
    parser.add_argument(
        "--keymap",
        default=None,
        metavar="NAME|PATH",
        help="keymap: default, vim, or a TOML file layered over the default",
    )
    parser.add_argument(
        "--theme", choices=("dark", "light"), default=None, help="colour theme (default: the last one used, else dark)"
    )


def _parser() -> argparse.ArgumentParser:
    from reader.cli import Parser

    parser = Parser(
        prog="reader",
        description="Open the reader: the library of a folder of reports, or one report. "
        "Other commands: reader --help.",
    )
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        default=None,
        help="a report (.txt or .pdf) to open, or a folder to use as the library (default: --corpus)",
    )
    add_app_options(parser)
    return parser


def build_config(argv: list[str]):
    """Parse and validate everything the app needs; ReaderError on any problem."""
    from reader.corpus.library import list_reports
    from reader.store.labelset import load_labelset
    from reader.tui.config import AppConfig
    from reader.tui.keymap import load_keymap

    args = _parser().parse_args(argv)
    path = args.path if args.path is not None else corpus_dir(args)
    library = file = None
    if path.is_dir():
        list_reports(path)  # raises if there is no report in it
        library = path
    elif path.is_file():
        file = path
    elif args.path is None:
        raise ReaderError(f"{path}: no corpus folder here; give a folder or report (reader PATH) or --corpus DIR")
    else:
        raise ReaderError(f"{path}: no such file or folder")
    annotations = annotations_dir(args)
    labels = load_labelset(annotations)
    keymap = load_keymap(args.keymap, labels)
    return AppConfig(
        annotations=annotations,
        annotator=default_annotator(args.annotator),
        labels=labels,
        keymap=keymap,
        library=library,
        file=file,
        theme=args.theme,
    )


def main(argv: list[str]) -> int:
    # Start-up allocates a great deal (imports, styles, the first frame) and frees almost nothing:
    # the cyclic collector would rescan it all again and again. It is switched back on once the
    # first screen is drawn (`reader.tui.app.settle_memory`).
    gc.disable()
    config = build_config(argv)
    from reader.store import AnnotationStore
    from reader.tui.app import ReaderApp

    store = AnnotationStore(config.annotations, labelset=config.labels)
    try:
        ReaderApp(config, store).run()
    finally:
        store.close()
    return 0
