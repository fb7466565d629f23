"""Command-line entry point: dispatches `reader <command>` to the modules of this package.

`reader` alone (or `reader PATH`) opens the Textual app; every other first word is a subcommand.
Command modules are imported up front, so they keep heavy imports (Textual, jieba, scikit-learn)
inside their `run` functions: `reader outline` must not pay for the TUI, nor the TUI for the model.
"""

from __future__ import annotations

import argparse
import sys

from reader import __version__
from reader.errors import ReaderError

# Each module defines `register(subparsers)`, adding its commands with `set_defaults(run=...)`.
_COMMAND_MODULES = ("text_cmds", "store_cmds", "export_cmds", "suggest_cmds", "indicators_cmd")


def _build_parser() -> tuple[argparse.ArgumentParser, set[str]]:
    from importlib import import_module

    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read and label Chinese government work reports. "
        "`reader [PATH]` opens the app; the commands below work from the shell.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMAND_MODULES:
        import_module(f"reader.cli.{name}").register(sub)
    return parser, set(sub.choices)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        parser, commands = _build_parser()
        if argv and (argv[0] in commands or argv[0] in ("-h", "--help", "--version")):
            args = parser.parse_args(argv)
            return int(args.run(args) or 0)
        from reader.cli import tui_cmd

        return int(tui_cmd.main(argv) or 0)
    except ReaderError as exc:
        print(f"reader: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `reader sentences X | head`: the reader of our output went away; not an error of ours.
        sys.stderr.close()
        return 0
