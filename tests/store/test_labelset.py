"""The label set: defaults, labels.toml, and clear errors for a bad file."""

from __future__ import annotations

import pytest

from reader.errors import ReaderError
from reader.store import AnnotationStore, StoreError, load_labelset


def test_defaults(tmp_path):
    labels = load_labelset(tmp_path)
    assert [(lb.name, lb.display, lb.key) for lb in labels] == [
        ("target", "目标", "t"),
        ("achievement", "成绩", "a"),
        ("problem", "问题", "p"),
    ]
    assert all(lb.color.startswith("#") for lb in labels)
    assert labels.by_key("p").name == "problem" and "target" in labels and "none" not in labels


def test_labels_toml_replaces_the_defaults_in_file_order(tmp_path):
    (tmp_path / "labels.toml").write_text(
        '[labels.risk]\ndisplay = "风险"\ncolor = "#aa0000"\nkey = "r"\n\n[labels.target]\ndisplay = "目标"\n',
        encoding="utf-8",
    )
    labels = load_labelset(tmp_path)
    assert labels.names == ("risk", "target") and labels.get("risk").display == "风险"
    assert labels.get("target").key == "t"
    with AnnotationStore(tmp_path) as store:
        store.set_label("d", "s", "risk", annotator="li", text="t")
        with pytest.raises(StoreError, match="unknown label 'problem'"):
            store.set_label("d", "s", "problem", annotator="li", text="t")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[labels.target\n", "not valid TOML"),
        ("[other]\n", "no \\[labels.NAME\\] tables"),
        ('[labels.target]\nkey = "tt"\n', "single character"),
        ('[labels.target]\nkey = "x"\n[labels.problem]\nkey = "x"\n', "already the key of target"),
        ("[labels.Bad]\n", "lower-case"),
        ("[labels.none]\n", "not 'none'"),
        ('[labels.target]\ncolour = "red"\n', "unknown key"),
        ('[labels.target]\ncolor = "#12345"\n', "not a colour"),
        ("labels = 3\n", "no \\[labels.NAME\\] tables"),
    ],
)
def test_bad_labels_toml_names_the_file_and_the_problem(tmp_path, text, message):
    (tmp_path / "labels.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ReaderError, match=message) as err:
        load_labelset(tmp_path)
    assert str(tmp_path / "labels.toml") in str(err.value)
