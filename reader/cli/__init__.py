"""Command-line entry point: dispatches `reader <command>` to the modules of this package.

`reader` alone (or `reader PATH`) opens the Textual app; every other first word is a subcommand.
`reader --help` shows both: the app's options and the commands. A first word that is neither a
command nor an existing path, but close to a command, gets "did you mean"; so does a mistyped option.
Command modules are imported only for a command (the app's start-up never builds their parsers),
and keep heavy imports (Textual, jieba, scikit-learn) inside their `run` functions: `reader
outline` must not pay for the TUI, nor the TUI for the model.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from reader import __version__
from reader.errors import ReaderError

# Each module defines `register(subparsers)`, adding its commands with `set_defaults(run=...)`.
_COMMAND_MODULES = ("text_cmds", "store_cmds", "export_cmds", "suggest_cmds", "indicators_cmd")
COMMANDS = frozenset(
    [
        "doctor",
        "evaluate",
        "export",
        "import-labels",
        "import-seeds",
        "indicators",
        "outline",
        "sentences",
        "stats",
        "suggest",
        "text",
        "train",
    ]
)
"""The commands those modules register (a test keeps the two the same): `reader PATH` opens the app
without importing them or building their parsers (tens of milliseconds of start-up)."""


class Parser(argparse.ArgumentParser):
    """argparse, plus "did you mean --negatives?" for a mistyped option."""

    def error(self, message: str):
        prefix = "unrecognized arguments: "
        if message.startswith(prefix):
            known = [s for action in self._actions for s in action.option_strings if s.startswith("--")]
            for word in message[len(prefix) :].split():
                close = difflib.get_close_matches(word.split("=")[0], known, n=1) if word.startswith("-") else []
                if close:
                    message += f" (did you mean {close[0]}?)"
                    break
        super().error(message)


def _build_parser() -> tuple[Parser, set[str]]:
    from importlib import import_module

    from reader.cli.tui_cmd import add_app_options

    parser = Parser(
        prog="reader",
        usage="reader [PATH] [--annotations DIR] [--corpus DIR] [--annotator NAME] [--keymap NAME|PATH] "
        "[--theme {dark,light}]\n       reader COMMAND [options]   (reader COMMAND --help for its options)",
        description="Read and label Chinese government work reports. `reader [PATH]` opens the app on a "
        "report or a folder of reports (default: ./corpus); the commands below work from the shell.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    add_app_options(parser.add_argument_group("options of the app (reader [PATH] [options])"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands", prog="reader")
    for name in _COMMAND_MODULES:
        import_module(f"reader.cli.{name}").register(sub)
    return parser, set(sub.choices)


def _unknown_command(word: str, commands: set[str]) -> None:
    """A first word that is no command and no existing file or folder: say so, with the closest command."""
    if word.startswith("-") or Path(word).exists():
        return
    close = difflib.get_close_matches(word, sorted(commands), n=1, cutoff=0.6)
    if close:
        raise ReaderError(f"unknown command {word!r}; did you mean `{close[0]}`? (`reader --help` lists the commands)")
    if "/" not in word and "." not in word:
        raise ReaderError(f"{word}: no such file or folder, nor a command; `reader --help` lists the commands")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and (argv[0] in COMMANDS or argv[0] in ("-h", "--help", "--version")):
            parser, _ = _build_parser()
            args, extra = parser.parse_known_args(argv)
            if extra:  # said by the command's own parser: its usage, its options
                sub = parser._subparsers._group_actions[0].choices[argv[0]]
                sub.error(f"unrecognized arguments: {' '.join(extra)}")
            return int(args.run(args) or 0)
        if argv:
            _unknown_command(argv[0], COMMANDS)
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
