"""Importing the suggestion package (what the TUI and every CLI call do) loads no heavy library."""

from __future__ import annotations

import subprocess
import sys


def test_import_is_light() -> None:
    code = (
        "import sys, reader.suggest, reader.cli.suggest_cmds\n"
        "heavy = [m for m in ('sklearn', 'jieba', 'textual', 'scipy', 'numpy', 'joblib') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_jieba_prints_nothing() -> None:
    code = "from reader.suggest.features import words\nwords('加快推进项目建设')\n"
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout == "" and res.stderr == ""


def test_the_domain_knows_nothing_of_the_command_line() -> None:
    """Layers (issue 11): the suggestion package never imports reader.cli, argparse or Rich; the command
    handlers live in reader/cli/suggest_cmds.py. Checked on the source, so a lazy import counts too."""
    import ast
    from pathlib import Path

    import reader.suggest

    offenders = []
    for path in sorted(Path(reader.suggest.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n == "argparse" or n.startswith(("reader.cli", "rich"))]
    assert offenders == []
