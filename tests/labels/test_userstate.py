"""The user's state file: outside the annotations folder, atomic, merged across instances."""

from __future__ import annotations

import os

from reader.labels.positions import Positions
from reader.userstate import StateFile, state_dir


def test_state_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path / "s"))
    assert state_dir() == tmp_path / "s"
    monkeypatch.delenv("READER_STATE_DIR")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "x"))
    assert state_dir() == tmp_path / "x" / "reader"


def test_two_instances_never_erase_each_others_entries(tmp_path):
    a, b = StateFile(tmp_path / "p.json"), StateFile(tmp_path / "p.json")
    a.set(["f", "li", "doc1"], "s1")
    b.set(["f", "li", "doc2"], "s2")
    assert a.get(["f", "li"]) == {"doc1": "s1", "doc2": "s2"}
    a.set(["f", "li", "doc1"], None)
    assert b.get(["f", "li"]) == {"doc2": "s2"}


def test_an_unwritable_state_folder_is_reported_not_raised(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    state = StateFile(blocker / "p.json")  # its folder is a file: cannot be created
    assert state.set(["k"], "v") is False and "cannot write" in state.error
    assert state.get(["k"]) is None


def test_positions_are_per_folder_and_annotator(tmp_path):
    state = StateFile(tmp_path / "positions.json")
    Positions(tmp_path / "a", "li", state).set("d", "s1")
    Positions(tmp_path / "b", "li", state).set("d", "s2")
    Positions(tmp_path / "a", "wang", state).set("d", "s3")
    assert Positions(tmp_path / "a", "li", state).get("d") == "s1"
    assert Positions(tmp_path / "b", "li", state).get("d") == "s2"
    assert not any(".tmp-" in p for p in os.listdir(tmp_path))
