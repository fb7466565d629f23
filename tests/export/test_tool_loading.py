"""Every format loads the way its tool loads it: the JSONL splits through the Arrow JSON reader that
Hugging Face `datasets` uses (pyarrow.json), typed by the dataset card's features and label names;
Label Studio tasks against their labelling config and documented fields; Prodigy and doccano rows
against theirs."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pyarrow as pa
import pyarrow.json as paj
import pytest
import yaml

from reader.cli import main
from tests.export.conftest import PART2, SEC21, label


def card(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def arrow_schema(features: list[dict]) -> pa.Schema:
    """The Arrow types `datasets` gives the card's features (a class label is stored as an int)."""
    types = {"string": pa.string(), "int64": pa.int64(), "bool": pa.bool_()}
    fields = []
    for f in features:
        if "sequence" in f:
            fields.append(pa.field(f["name"], pa.list_(types[f["sequence"]])))
        elif isinstance(f["dtype"], dict):
            fields.append(pa.field(f["name"], pa.int64()))
        else:
            fields.append(pa.field(f["name"], types[f["dtype"]]))
    return pa.schema(fields)


@pytest.fixture
def labelled(store, real_corpus, tmp_path):
    """Eight reports: notes on some labels only, negatives in a reviewed section, two annotators."""
    for name in "abcdefgh":
        doc = real_corpus.add(name)
        label(store, doc, 1, "achievement", note="对比上年" if name == "h" else None)
        label(store, doc, 7, "target")
        if name in "ab":
            label(store, doc, 3, "problem")
    label(store, real_corpus.docs["a"], 7, "achievement", annotator="wang")
    store.mark_reviewed("c", (PART2, SEC21), annotator="li")
    return tmp_path, ["--annotations", str(tmp_path / "annotations"), "--corpus", str(real_corpus.dir)]


def test_jsonl_splits_load_through_arrow_with_the_cards_label_ids(labelled, capsys):
    tmp, opts = labelled
    args = [
        "export",
        *opts,
        "--negatives",
        "--tokens",
        "--orphans",
        "-o",
        str(tmp / "ds.jsonl"),
        "--split",
        "train=0.6,test=0.4",
    ]
    assert main(args) == 0
    header = card(tmp / "ds.jsonl.README.md")
    names = header["dataset_info"]["features"]
    (label_feature,) = [f for f in names if f["name"] == "label"]
    class_names = [label_feature["dtype"]["class_label"]["names"][str(i)] for i in range(4)]
    schema = arrow_schema(names)
    ids = {name: i for i, name in enumerate(class_names)}
    per_split = {}
    for entry in header["configs"][0]["data_files"]:
        path = tmp / entry["path"]
        # A small block size: a column must keep its type from block to block (a note that is
        # null in the first block and a string later fails here, as it does in `datasets`).
        table = paj.read_json(path, read_options=paj.ReadOptions(block_size=512))
        assert table.column_names == schema.names
        labels = table.column("label").to_pylist()
        table = table.set_column(table.schema.get_field_index("label"), "label", pa.array([ids[x] for x in labels]))
        table = table.cast(schema)
        per_split[entry["split"]] = table
    assert {name: t.num_rows for name, t in per_split.items()} == {
        s["name"]: s["num_examples"] for s in header["dataset_info"]["splits"]
    }
    manifest = json.loads((tmp / "ds.jsonl.manifest.json").read_text(encoding="utf-8"))
    assert class_names == manifest["label_names"]
    # The same id for the same label in every split.
    for table in per_split.values():
        for text_label, label_id in zip(
            [class_names[i] for i in table.column("label").to_pylist()], table.column("label").to_pylist(), strict=True
        ):
            assert manifest["label_ids"][text_label] == label_id


def test_label_studio_tasks_match_their_config_and_documented_fields(labelled, capsys):
    tmp, opts = labelled
    out = tmp / "ls.json"
    assert main(["export", *opts, "--negatives", "-o", str(out)]) == 0
    tasks = json.loads(out.read_text(encoding="utf-8"))
    config = ET.fromstring((tmp / "ls.json.label_config.xml").read_text(encoding="utf-8"))
    objects = {el.get("name"): el.get("value") for el in config.iter("Text")}
    controls = {el.get("name"): el for el in config if el.get("toName")}
    choices = {c.get("value") for c in controls["label"].iter("Choice")}
    assert choices == {"target", "achievement", "problem", "none"}
    assert controls["label"].get("choice") == "single"
    variables = {v[1:] for v in objects.values()} | {
        word[1:] for word in config.find("Header").get("value").split() if word.startswith("$")
    }
    records = [json.loads(line) for line in _native(tmp, opts).splitlines()]
    assert sum(len(t["annotations"]) for t in tasks) == len(records)
    assert len(tasks) == len({(r["doc"], r["id"]) for r in records})  # one task per sentence
    for task in tasks:
        assert variables <= set(task["data"]), variables - set(task["data"])
        assert isinstance(task["data"]["text"], str) and task["data"]["text"]
        for annotation in task["annotations"]:
            assert annotation["ground_truth"] is False and annotation["was_cancelled"] is False
            assert "completed_by" not in annotation  # Label Studio accepts only its own users there
            for result in annotation["result"]:
                assert result["from_name"] in controls and result["to_name"] in objects
                assert controls[result["from_name"]].get("toName") == result["to_name"]
                if result["type"] == "choices":
                    assert len(result["value"]["choices"]) == 1 and result["value"]["choices"][0] in choices
                else:
                    assert result["type"] == "textarea" and controls[result["from_name"]].tag == "TextArea"
                    assert result["value"]["text"] == ["对比上年"]
        (prediction,) = task["predictions"]
        assert 0 <= prediction["score"] <= 1 and isinstance(prediction["model_version"], str)
        (result,) = prediction["result"]
        assert result["type"] == "choices" and result["value"]["choices"][0] in choices
    two = next(t for t in tasks if len(t["annotations"]) == 2)
    assert sorted(a["annotator"] for a in two["annotations"]) == ["li", "wang"]
    assert any(a["result"][0]["value"]["choices"] == ["none"] for t in tasks for a in t["annotations"])


def _native(tmp: Path, opts: list[str]) -> str:
    out = tmp / "native.jsonl"
    assert main(["export", *opts, "--negatives", "-o", str(out)]) == 0
    return out.read_text(encoding="utf-8")


ANSWERS = {"accept", "reject", "ignore"}


def test_prodigy_binary_and_choice_and_doccano_rows(labelled, capsys):
    tmp, opts = labelled
    records = [json.loads(line) for line in _native(tmp, opts).splitlines()]
    rows = {}
    for fmt in ("prodigy", "prodigy-choice", "doccano"):
        out = tmp / f"{fmt}.jsonl"
        assert main(["export", *opts, "--negatives", "--format", fmt, "-o", str(out)]) == 0
        rows[fmt] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert len(rows[fmt]) == len(records)
    for row, r in zip(rows["prodigy"], records, strict=True):  # `classification` interface
        assert (row["text"], row["label"], row["answer"]) == (r["text"], r["label"], "accept")
        assert isinstance(row["meta"], dict)
    for row, r in zip(rows["prodigy-choice"], records, strict=True):  # `choice` interface
        assert row["answer"] in ANSWERS and row["text"] == r["text"]
        ids = [o["id"] for o in row["options"]]
        assert ids == ["target", "achievement", "problem", "none"]
        assert all(isinstance(o["text"], str) and o["text"] for o in row["options"])
        assert row["accept"] == [r["label"]] and set(row["accept"]) <= set(ids)
    assert rows["prodigy-choice"][0]["options"][0]["text"] == "目标 target"
    for row, r in zip(rows["doccano"], records, strict=True):  # text classification JSONL
        assert row["text"] == r["text"] and row["label"] == [r["label"]]
