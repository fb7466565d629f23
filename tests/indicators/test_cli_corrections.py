"""Corrections from the command line: `reader indicators` marks each record's `source` and uses the
chosen annotator's corrections; `reader export --indicators` adds each sentence's records, loadable
through Arrow with the dataset card's feature."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pyarrow as pa
import pyarrow.json as paj
import pytest
import yaml

from reader.indicators.model import FIELDS
from reader.indicators.table import COLUMNS
from reader.indicators.view import IndicatorView
from reader.store import AnnotationStore
from reader.text.pipeline import load_document
from tests.indicators import passages as P


@pytest.fixture
def project(tmp_path, corpus_dir):
    """A corpus of two reports of one place and an annotations folder where `li` corrected two
    headline targets of the later one and said one is not an indicator."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "qingshan-2024.txt").write_text(P.CITY_2024, encoding="utf-8")
    (corpus / "qingshan-2025.txt").write_text(P.CITY_2025, encoding="utf-8")
    shutil.copy(corpus_dir / "xinzhou-2025.txt", corpus / "xinzhou-2025.txt")
    annotations = tmp_path / "annotations"
    doc = load_document(corpus / "qingshan-2025.txt")
    with AnnotationStore(annotations) as store:
        view = IndicatorView.open(store, doc, "li")
        head = [r for r in view.rows if r.record.headline]
        view.correct(head[0], value=6.2, qualifier="左右")
        view.reject(head[1])
        gdp_sentence = head[0].sentence
        store.set_label(doc.id, gdp_sentence.id, "target", annotator="li", text=gdp_sentence.text)
        store.set_label(doc.id, gdp_sentence.id, "target", annotator="wang", text=gdp_sentence.text)
        other = IndicatorView.open(store, load_document(corpus / "xinzhou-2025.txt"), "li")
        with_figures = {r.sentence for r in other.extracted}
        plain = next(s for s in other.document.sentences if s.kind == "sentence" and s.id not in with_figures)
        store.set_label(other.document.id, plain.id, "none", annotator="li", text=plain.text)
    return tmp_path, corpus, annotations, head[0].record, head[1].record


def _jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_records_are_marked_extracted_or_corrected_for_the_chosen_annotator(cli, project):
    _tmp, corpus, annotations, gdp, dropped = project
    path = str(corpus / "qingshan-2025.txt")
    mine = cli("indicators", path, "--json", "--annotations", str(annotations), "--annotator", "li")
    assert mine.returncode == 0, mine.stderr
    records = _jsonl(mine.stdout)
    assert all(list(r) == list(FIELDS) for r in records)
    corrected = [r for r in records if r["source"] == "corrected"]
    assert [(r["start"], r["value"], r["qualifier"]) for r in corrected] == [(gdp.start, 6.2, "左右")]
    assert not any(r["start"] == dropped.start for r in records)  # "not an indicator"
    assert all(r["source"] == "extracted" for r in records if r is not corrected[0])
    # the default annotator ($READER_ANNOTATOR, "tester" here) has no corrections
    theirs = _jsonl(cli("indicators", path, "--json", "--annotations", str(annotations)).stdout)
    assert {r["source"] for r in theirs} == {"extracted"} and len(theirs) == len(records) + 1
    env = {"READER_ANNOTATOR": "li"}
    assert _jsonl(cli("indicators", path, "--json", "--annotations", str(annotations), env=env).stdout) == records
    # CSV and the table on screen say it too
    rows = list(
        csv.DictReader(
            io.StringIO(
                cli("indicators", path, "--csv", "--annotations", str(annotations), env=env).stdout.lstrip("\ufeff")
            )
        )
    )
    assert [row["source"] for row in rows].count("corrected") == 1
    shown = cli("indicators", path, "--annotations", str(annotations), env={**env, "COLUMNS": "160"}).stdout
    assert "6.2%左右 ✎" in shown


def test_the_corpus_table_uses_the_corrections(cli, project):
    _tmp, corpus, annotations, gdp, dropped = project
    r = cli("indicators", str(corpus), "--csv", "--annotations", str(annotations), "--annotator", "li")
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    assert list(rows[0]) == list(COLUMNS)
    row = next(row for row in rows if row["doc"] == "qingshan-2025" and row["indicator"] == gdp.indicator)
    assert (row["target_value"], row["target_source"]) == ("6.2", "corrected")
    assert row["outcome_source"] in ("extracted", "")
    assert not any(row["doc"] == "qingshan-2025" and row["target"] == dropped.text for row in rows)
    jsonl = _jsonl(
        cli("indicators", str(corpus), "--json", "--annotations", str(annotations), "--annotator", "li").stdout
    )
    assert sum(r["source"] == "corrected" for r in jsonl) == 1


def test_a_missing_annotations_folder_given_by_name_is_an_error(cli, project):
    tmp, corpus, _annotations, *_ = project
    r = cli("indicators", str(corpus / "qingshan-2025.txt"), "--annotations", str(tmp / "nope"))
    assert r.returncode == 2 and "nope" in r.stderr and "Traceback" not in r.stderr


def _card(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def _arrow_type(feature: dict) -> pa.DataType:
    scalar = {"string": pa.string(), "int64": pa.int64(), "bool": pa.bool_(), "float64": pa.float64()}
    if "list" in feature:
        return pa.list_(pa.struct([pa.field(f["name"], _arrow_type(f)) for f in feature["list"]]))
    if "sequence" in feature:
        return pa.list_(scalar[feature["sequence"]])
    if isinstance(feature.get("dtype"), dict):  # the class label: names in the file, ids after the cast
        return pa.string()
    return scalar[feature["dtype"]]


def test_export_with_indicators_loads_through_arrow_with_the_cards_features(cli, project):
    tmp, corpus, annotations, gdp, dropped = project
    out = tmp / "labels.jsonl"
    r = cli("export", "--indicators", "--annotations", str(annotations), "--corpus", str(corpus), "-o", str(out))
    assert r.returncode == 0, r.stderr
    records = _jsonl(out.read_text(encoding="utf-8"))
    assert len(records) == 3 and all("indicators" in rec for rec in records)
    keys = {tuple(item) for rec in records for item in rec["indicators"]}
    assert len(keys) == 1  # the same keys in every item
    li = next(rec for rec in records if rec["annotator"] == "li" and rec["label"] == "target")
    wang = next(rec for rec in records if rec["annotator"] == "wang")
    first = next(i for i in li["indicators"] if i["start"] == gdp.start)
    assert (first["values"], first["source"]) == ([6.2], "corrected")
    assert not any(i["start"] == dropped.start for i in li["indicators"])  # li said: not an indicator
    assert any(i["start"] == dropped.start for i in wang["indicators"])  # wang did not
    assert next(i for i in wang["indicators"] if i["start"] == gdp.start)["source"] == "extracted"
    assert next(rec for rec in records if rec["label"] == "none")["indicators"] == []
    features = _card(out.with_name("labels.jsonl.README.md"))["dataset_info"]["features"]
    schema = pa.schema([pa.field(f["name"], _arrow_type(f)) for f in features])
    table = paj.read_json(out, parse_options=paj.ParseOptions(explicit_schema=schema))
    assert table.num_rows == 3 and table.schema.field("indicators").type == schema.field("indicators").type
    manifest = json.loads(out.with_name("labels.jsonl.manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["indicators"] is True and "--indicators" in manifest["command"]


def test_export_with_indicators_as_csv_keeps_them_as_json(cli, project):
    tmp, corpus, annotations, gdp, _ = project
    out = tmp / "labels.csv"
    r = cli("export", "--indicators", "--annotations", str(annotations), "--corpus", str(corpus), "-o", str(out))
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    items = json.loads(next(row for row in rows if row["annotator"] == "li" and row["label"] == "target")["indicators"])
    assert any(i["start"] == gdp.start and i["values"] == [6.2] for i in items)
    # a CSV export with indicators still reads back
    back = cli("import-labels", str(out), "--annotations", str(tmp / "again"), "--corpus", str(corpus))
    assert back.returncode == 0, back.stderr
