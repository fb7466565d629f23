"""Keymap files: layering, key names, and errors that name the file and line before the app starts."""

from __future__ import annotations

import pytest

from reader.errors import ReaderError
from reader.store import DEFAULT_LABELS
from reader.tui.actions import all_specs
from reader.tui.keymap import KEYMAP_DIR, load_keymap, normalize_key


def write(tmp_path, text: str):
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_default_keymap_binds_every_action_with_the_issue_keys():
    keymap = load_keymap(None, DEFAULT_LABELS)
    assert {spec.id for spec in all_specs(DEFAULT_LABELS)} <= set(keymap.keys)
    assert keymap.key_list("sentence.next") == ["j", "down"]
    assert keymap.key_list("sentence.prev") == ["k", "up"]
    assert keymap.keys["label.target"] == "t"
    assert keymap.keys["label.achievement"] == "a"
    assert keymap.keys["label.problem"] == "p"
    assert [keymap.keys[f"label.{n}.alt"] for n in ("target", "achievement", "problem")] == ["1", "2", "3"]
    assert keymap.keys["history.undo"] == "u"
    assert keymap.keys["search.start"] == "slash"
    assert keymap.keys["app.help"] == "question_mark"
    assert keymap.keys["app.quit"] == "q"


def test_vim_keymap_is_layered_over_the_default():
    keymap = load_keymap("vim", DEFAULT_LABELS)
    assert keymap.name == "vim"
    assert keymap.key_list("doc.bottom") == ["G", "end"]
    assert keymap.keys["label.target"] == "t"  # not in vim.toml: the default stays


def test_a_user_file_overrides_single_ids(tmp_path):
    path = write(tmp_path, '"sentence.next" = "ctrl+n"\n[history]\nredo = "shift+r"\n')
    keymap = load_keymap(str(path), DEFAULT_LABELS)
    assert keymap.keys["sentence.next"] == "ctrl+n"
    assert keymap.keys["history.redo"] == "R"  # shift+letter is the capital letter in Textual
    assert keymap.keys["sentence.prev"] == "k,up"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('# mine\n\n"sentence.nxt" = "j"\n', 3, ["unknown binding id", "sentence.nxt"]),
        ('"sentence.next" = "j"\n"page.down" = "ctrl+pgdn"\n', 2, ["unknown key", "ctrl+pgdn"]),
        ('"sentence.next" = "hyperspace"\n', 1, ["unknown key", "hyperspace"]),
        ('\n"sentence.next" = "t"\n', 2, ["bound to both", "sentence.next", "label.target", "default.toml:"]),
        ('"app.help" = "j"\n', 1, ["bound to both", "app.help", "sentence.next"]),
        ('"sentence.next" = "ctrl+p"\n', 1, ["command palette"]),
        ('"sentence.next" = ""\n', 1, ["must be a string of keys"]),
        ('"sentence.next" = 3\n', 1, ["must be a string of keys"]),
    ],
)
def test_errors_name_the_file_and_line(tmp_path, text, line, words):
    path = write(tmp_path, text)
    with pytest.raises(ReaderError) as info:
        load_keymap(str(path), DEFAULT_LABELS)
    message = str(info.value)
    assert message.startswith(f"{path}:{line}: "), message
    for word in words:
        assert word in message


def test_same_key_in_different_screens_is_not_a_clash(tmp_path):
    # "/" filters the library and searches a report: two screens, no clash.
    keymap = load_keymap(None, DEFAULT_LABELS)
    assert keymap.keys["library.filter"] == keymap.keys["search.start"]


def test_bad_toml_and_missing_keymap(tmp_path):
    with pytest.raises(ReaderError, match="not a valid TOML"):
        load_keymap(str(write(tmp_path, "sentence.next = \n")), DEFAULT_LABELS)
    with pytest.raises(ReaderError, match="default, vim"):
        load_keymap("emacs", DEFAULT_LABELS)


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("?", "question_mark"),
        ("/", "slash"),
        ("]", "right_square_bracket"),
        ("J", "J"),
        ("ctrl+r", "ctrl+r"),
        ("shift+u", "U"),
        ("PageDown", "pagedown"),
        ("f5", "f5"),
        ("ctrl+question_mark", "ctrl+question_mark"),
        ("ctrl+", None),
        ("ctl+r", None),
        ("", None),
    ],
)
def test_key_names(raw, key):
    assert normalize_key(raw) == key


def test_keymaps_are_found_from_the_package():
    assert (KEYMAP_DIR / "default.toml").is_file()
    assert (KEYMAP_DIR / "vim.toml").is_file()
