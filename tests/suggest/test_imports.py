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
