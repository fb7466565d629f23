"""Every export format reads back (`reader.export.tool_files`) into the same labels: what
`reader import-labels` takes from files that went through doccano, Prodigy or Label Studio."""

from __future__ import annotations

import json

import pytest

from reader.errors import ReaderError
from reader.export import tool_files
from tests.export.conftest import EXPORT_FILES, export_every_format

FORMATS = EXPORT_FILES


@pytest.fixture
def exported(store, real_corpus, tmp_path):
    export_every_format(store, real_corpus, tmp_path, "--negatives", "--orphans")
    native = [json.loads(line) for line in (tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines()]
    return tmp_path, native


def key(record: dict) -> tuple:
    return tuple(json.dumps(record[k], ensure_ascii=False) for k in (*tool_files.FIELDS, "orphan"))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_reads_back_to_the_same_labels(exported, fmt):
    tmp, native = exported
    got = tool_files.read(tmp / FORMATS[fmt])
    assert got.format == fmt and not got.skipped
    want = sorted(key(r) for r in native)
    assert sorted(key(r) for _, r in got.records) == want


def test_rows_that_are_no_label_are_counted_not_dropped(tmp_path):
    rows = [
        {"text": "甲。", "label": "target", "answer": "reject", "meta": {}},
        {"text": "乙。", "label": "target", "answer": "accept", "meta": {"doc": "d"}},
    ]
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    got = tool_files.read(path)
    assert [(r["text"], r["label"], r["doc"], r["id"]) for _, r in got.records] == [("乙。", "target", "d", None)]
    assert sum(got.skipped.values()) == 1 and "reject" in next(iter(got.skipped))


def test_a_tools_own_numeric_id_is_not_a_sentence_id(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": 17, "text": "甲。", "label": ["problem"]}, ensure_ascii=False), encoding="utf-8")
    ((where, record),) = tool_files.read(path).records
    assert record["id"] is None and record["label"] == "problem" and where.endswith("d.jsonl:1")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("two.jsonl", '{"text": "甲。", "label": ["target", "problem"]}', "2 labels (target, problem)"),
        ("mixed.jsonl", '{"text": "甲。", "label": "target"}\n{"text": "乙。", "label": ["target"]}', "one format"),
        ("bad.json", "[{}]", "task 1 has no data.text"),
        ("short.csv", "id,text,label\nx,甲。\n", "fewer cells than columns"),
        ("nolabel.csv", "id,text\nx,甲。\n", "no column label"),
    ],
)
def test_bad_files_are_one_clear_error(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReaderError) as err:
        tool_files.read(path)
    assert message in str(err.value) and "\n" not in str(err.value)


def _json_min(tasks: list[dict]) -> list[dict]:
    """What Label Studio's JSON-MIN export makes of tasks: one flat row per annotation, the data's
    fields beside each control's value (one choice as a string, a text area as {"text": [...]})."""
    rows = []
    for number, task in enumerate(tasks, 1):
        for annotation in task.get("annotations", []):
            row = {"id": number, **task["data"]}
            for result in annotation["result"]:
                value = result["value"]
                if result["type"] == "choices":
                    row[result["from_name"]] = value["choices"][0] if len(value["choices"]) == 1 else value
                else:
                    row[result["from_name"]] = value
            rows.append(
                {
                    **row,
                    "annotator": annotation.get("annotator"),
                    "annotation_id": number,
                    "created_at": annotation["created_at"],
                    "updated_at": annotation["updated_at"],
                    "lead_time": 2.5,
                }
            )
    return rows


def test_label_studio_json_min_reads_back_to_the_same_labels(exported):
    tmp, native = exported
    tasks = json.loads((tmp / FORMATS["labelstudio"]).read_text(encoding="utf-8"))
    path = tmp / "project-min.json"
    path.write_text(json.dumps(_json_min(tasks), ensure_ascii=False), encoding="utf-8")
    got = tool_files.read(path)
    assert got.format == "labelstudio-min" and not got.skipped

    def fields(record: dict) -> tuple:  # JSON-MIN has no place for reader's other fields (orphan, …)
        return tuple(json.dumps(record[k], ensure_ascii=False) for k in tool_files.FIELDS)

    assert sorted(fields(r) for _, r in got.records) == sorted(fields(r) for r in native)


def test_a_json_min_row_with_two_choices_is_an_error_and_one_without_a_choice_is_counted(tmp_path):
    path = tmp_path / "min.json"
    rows = [{"id": 1, "text": "甲。", "label": {"choices": ["target", "problem"]}}]
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ReaderError, match="row 1: 2 choices"):
        tool_files.read(path)
    path.write_text(json.dumps([{"id": 1, "text": "甲。"}], ensure_ascii=False), encoding="utf-8")
    got = tool_files.read(path)
    assert got.records == [] and got.skipped == {"Label Studio row without a choice": 1}
