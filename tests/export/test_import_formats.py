"""`reader import-labels` takes every format `reader export` writes (and what the tools give back):
each round-trips to the same labels; labels without reader's ids find their sentence by text;
every field is checked first (finding 5: "updated": "yesterday" was accepted)."""

from __future__ import annotations

import json

import pytest

from reader.cli import main
from tests.export.conftest import EXPORT_FILES, export_every_format

FILES = EXPORT_FILES
LABEL_FIELDS = ("id", "doc", "text", "label", "annotator", "note", "section", "line", "created", "updated")


@pytest.fixture
def exported(store, real_corpus, tmp_path):
    return tmp_path, export_every_format(store, real_corpus, tmp_path)


def labels_of(path) -> list[tuple]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return sorted(tuple(json.dumps(r[k], ensure_ascii=False) for k in LABEL_FIELDS) for r in rows)


@pytest.mark.parametrize("fmt", list(FILES))
def test_every_format_round_trips_through_import_labels(exported, fmt, capsys):
    tmp, corpus = exported
    fresh = tmp / f"fresh-{fmt}"
    assert main(["import-labels", str(tmp / FILES[fmt]), "--annotations", str(fresh), *corpus]) == 0
    assert f"({fmt})" in capsys.readouterr().out
    again = tmp / f"again-{fmt}.jsonl"
    assert main(["export", "--annotations", str(fresh), *corpus, "-o", str(again)]) == 0
    assert labels_of(again) == labels_of(tmp / "x.jsonl")


def test_labels_from_a_tool_without_ids_find_their_sentence_by_text(exported, capsys):
    tmp, corpus = exported
    rows = [json.loads(line) for line in (tmp / "x.jsonl").read_text(encoding="utf-8").splitlines()]
    # doccano's own numeric ids replace reader's; the report name stays (doccano keeps extra keys).
    plain = [
        {"id": i, "doc": r["doc"], "text": r["text"], "label": r["label"], "annotator": r["annotator"]}
        for i, r in enumerate(rows)
    ]
    plain.append({"id": 99, "doc": "a", "text": "没有这一句。", "label": ["target"], "annotator": "li"})
    for row in plain[:-1]:
        row["label"] = [row["label"]]
    path = tmp / "from-doccano.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in plain), encoding="utf-8")
    fresh = tmp / "fresh"
    assert main(["import-labels", str(path), "--annotations", str(fresh), *corpus]) == 1  # one left over
    captured = capsys.readouterr()
    assert f"{len(rows)} matched to their sentence by text" in captured.out
    assert "1 label(s) not imported" in captured.err and "没有这一句" in captured.err
    again = tmp / "again.jsonl"
    assert main(["export", "--annotations", str(fresh), *corpus, "-o", str(again)]) == 0
    got = {(r["doc"], r["id"], r["label"]) for r in map(json.loads, again.read_text(encoding="utf-8").splitlines())}
    assert got == {(r["doc"], r["id"], r["label"]) for r in rows}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"updated": "yesterday"}, "field updated 'yesterday' is not an ISO 8601 UTC time"),
        ({"created": "2025-03-05 08:00"}, "field created '2025-03-05 08:00' is not an ISO 8601 UTC time"),
        ({"created": "2025-03-05T08:00:00+08:00"}, "field created '2025-03-05T08:00:00+08:00' is not an ISO 8601 UTC"),
        ({"label": "goal"}, "unknown label 'goal'"),
        ({"line": "3"}, "field line must be an integer"),
        ({"section": [1]}, "field section must be a list of titles"),
    ],
)
def test_every_field_is_checked_before_anything_is_stored(exported, capsys, change, message):
    tmp, corpus = exported
    rows = [json.loads(line) for line in (tmp / "x.jsonl").read_text(encoding="utf-8").splitlines()]
    rows[1].update(change)
    path = tmp / "bad.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    fresh = tmp / "fresh"
    assert main(["import-labels", str(path), "--annotations", str(fresh), *corpus]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"bad.jsonl:2: {message}" in err
    assert not list(fresh.glob("*.json"))  # nothing stored
