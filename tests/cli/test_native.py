"""The command line feels like one tool: `reader --help` shows the app's options beside the commands,
a mistyped command or option gets "did you mean", `--docs` has one form everywhere, `reader
sentences` piped prints whole texts, and counts say what they count."""

from __future__ import annotations

import pytest

from reader.cli import main
from tests.conftest import CORPUS

REPORT = str(CORPUS / "jinzhong-2025.txt")


def test_help_shows_the_apps_options_and_the_commands(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    for option in ("--annotator", "--keymap", "--theme", "--annotations", "--corpus"):
        assert option in out
    for command in ("export", "stats", "import-labels", "sentences", "suggest"):
        assert f"    {command}" in out
    assert out.startswith("usage: reader [PATH]")


@pytest.mark.parametrize(("typed", "meant"), [("exprot", "export"), ("stat", "stats"), ("outlin", "outline")])
def test_a_mistyped_command_gets_did_you_mean(capsys, typed, meant, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main([typed]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"did you mean `{meant}`?" in err


def test_a_word_that_is_no_command_nor_path(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["zzzz"]) == 2
    assert "no such file or folder, nor a command" in capsys.readouterr().err


def test_a_mistyped_option_gets_did_you_mean(capsys):
    with pytest.raises(SystemExit) as done:
        main(["export", "--negatve"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "reader export: error:" in err and "did you mean --negatives?" in err


def test_docs_takes_one_form_in_every_command(capsys):
    from reader.cli import _build_parser

    parser, _ = _build_parser()
    subs = parser._subparsers._group_actions[0].choices
    with_docs = {name for name, p in subs.items() if any("--docs" in a.option_strings for a in p._actions)}
    assert with_docs == {"export", "evaluate"}
    for name in with_docs:
        (action,) = [a for a in subs[name]._actions if "--docs" in a.option_strings]
        assert (action.metavar, type(action).__name__) == ("ID[,ID…]", "_AppendAction")


def test_sentences_piped_prints_whole_texts_and_names_its_counts(capsys):
    from reader.text.pipeline import load_document

    assert main(["sentences", REPORT]) == 0  # captured: not a terminal
    lines = capsys.readouterr().out.splitlines()
    doc = load_document(REPORT)
    headings = sum(s.kind == "heading" for s in doc.sentences)
    assert lines[0] == f"# jinzhong-2025: {len(doc.sentences) - headings} sentences, {headings} headings"
    rows = [line.split("\t") for line in lines[1:]]
    assert [row[4] for row in rows] == [s.text for s in doc.sentences]  # whole, never cut
    assert [row[2] for row in rows] == [s.kind for s in doc.sentences]
    longest = max(doc.sentences, key=lambda s: len(s.text))
    assert len(longest.text) > 150


def test_outline_counts_name_what_they_count(capsys):
    assert main(["outline", REPORT]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert "sentences," in first and "headings" in first and "units" not in first


def test_the_command_names_known_without_building_the_parser_are_the_parsers():
    from reader.cli import COMMANDS, _build_parser

    assert set(_build_parser()[1]) == COMMANDS
