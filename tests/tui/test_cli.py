"""`reader [PATH]`: argument errors are one line with exit status 2, before the app starts."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from reader.cli.tui_cmd import build_config


def run(args, cwd):
    env = dict(os.environ, READER_ANNOTATOR="tester")
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], cwd=cwd, capture_output=True, text=True, timeout=30, env=env
    )


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["nope"], "no such file or folder"),
        (["empty"], "no .txt reports"),
        (["--keymap", "emacs"], "keymap 'emacs' not found"),
        (["--keymap", "bad.toml"], "bad.toml:2: unknown binding id"),
    ],
)
def test_argument_errors(tmp_path, corpus, args, words):
    (tmp_path / "empty").mkdir()
    (tmp_path / "bad.toml").write_text('"sentence.next" = "j"\n"nope" = "x"\n')
    result = run(args, tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and words in result.stderr
    assert "Traceback" not in result.stderr


def test_no_corpus_folder_is_an_error(tmp_path):
    result = run([], tmp_path)
    assert result.returncode == 2 and "no corpus folder" in result.stderr


def test_paths_pick_library_or_file(tmp_path, corpus, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = build_config(["--annotator", "me"])
    assert config.library == corpus.relative_to(tmp_path) and config.file is None
    config = build_config([str(corpus / "jinzhong-2025.txt"), "--theme", "light", "--keymap", "vim"])
    assert config.file == corpus / "jinzhong-2025.txt" and config.library is None
    assert config.theme == "light" and config.keymap.name == "vim"


def test_tui_command_module_is_light():
    code = "import sys, reader.cli.tui_cmd; assert 'textual' not in sys.modules, 'textual imported'"
    subprocess.run([sys.executable, "-c", code], check=True)
