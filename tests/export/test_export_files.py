"""What an export writes beside its records, and the mistakes it refuses (issue 11, findings 1–8):
one manifest and one card per export file, label ids fixed across splits, the same keys in every
record, the format from the extension, no empty split files, CSV safe in spreadsheets, no export
from a corpus folder that is not there."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml

from reader.cli import main
from tests.export.conftest import label


def read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def card_header(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1])


def test_two_exports_of_one_stem_keep_their_own_manifest_and_card(setup, capsys):
    """Finding 1: `-o labels.jsonl` then `-o labels.csv` both wrote labels.manifest.json."""
    tmp, opts = setup
    assert main(["export", *opts, "-o", str(tmp / "labels.jsonl")]) == 0
    assert main(["export", *opts, "--docs", "a", "-o", str(tmp / "labels.csv")]) == 0
    first = read_json(tmp / "labels.jsonl.manifest.json")
    second = read_json(tmp / "labels.csv.manifest.json")
    assert (first["format"], first["records"]) == ("jsonl", 19)
    assert (second["format"], second["records"]) == ("csv", 4)
    assert card_header(tmp / "labels.jsonl.README.md")["configs"][0]["data_files"] == [
        {"split": "train", "path": "labels.jsonl"}
    ]
    assert card_header(tmp / "labels.csv.README.md")["configs"][0]["data_files"][0]["path"] == "labels.csv"
    err = capsys.readouterr().err
    assert "labels.csv.manifest.json" in err and "labels.csv.README.md" in err


@pytest.fixture
def uneven(store, real_corpus, tmp_path):
    """Six reports; only a and b have a problem label, so some split lacks it."""
    for name in "abcdef":
        doc = real_corpus.add(name)
        label(store, doc, 1, "achievement")
        label(store, doc, 7, "target")
        if name in "ab":
            label(store, doc, 3, "problem")
    return tmp_path, ["--annotations", str(tmp_path / "annotations"), "--corpus", str(real_corpus.dir)]


def test_label_ids_are_the_same_in_every_split_and_a_missing_label_is_said(uneven, capsys):
    """Finding 2: ids from each split's own labels differed (target 2 in test, 3 in train); nothing
    warned that a split had no `problem`, and the actual shares were not reported."""
    tmp, opts = uneven
    out = tmp / "data.jsonl"
    assert main(["export", *opts, "-o", str(out), "--split", "train=0.5,dev=0.25,test=0.25"]) == 0
    err = capsys.readouterr().err
    manifest = read_json(tmp / "data.jsonl.manifest.json")
    assert manifest["label_ids"] == {"target": 0, "achievement": 1, "problem": 2, "none": 3}
    names = card_header(tmp / "data.jsonl.README.md")["dataset_info"]["features"]
    (label_feature,) = [f for f in names if f["name"] == "label"]
    assert label_feature["dtype"]["class_label"]["names"] == {
        "0": "target",
        "1": "achievement",
        "2": "problem",
        "3": "none",
    }
    lacking = [name for name, s in manifest["splits"].items() if s["missing_labels"] == ["problem"]]
    assert lacking, manifest["splits"]
    for name in lacking:
        assert f"warning: split {name} has no problem record" in err
    # Actual shares, beside the ones asked for, in the manifest and on stderr.
    shares = {name: s["share"] for name, s in manifest["splits"].items()}
    assert sum(shares.values()) == pytest.approx(1, abs=1e-3)
    assert manifest["splits"]["train"]["requested_share"] == 0.5
    assert f"train {shares['train']:.1%} (asked 50%)" in err


def test_manifest_records_every_option_the_output_hashes_and_jieba(setup, capsys):
    tmp, opts = setup
    out = tmp / "t.jsonl"
    args = ["export", *opts, "-o", str(out), "--tokens", "--negatives", "--split", "train=0.5,test=0.5", "--seed", "2"]
    assert main(args) == 0
    manifest = read_json(tmp / "t.jsonl.manifest.json")
    assert manifest["jieba_version"] == version("jieba")
    options = manifest["options"]
    assert options["tokens"] and options["negatives"] and options["seed"] == 2
    assert options["split"] == "train=0.5,test=0.5" and options["format"] == "jsonl"
    assert {"labels", "annotators", "docs", "orphans", "allow_damaged", "annotations", "corpus"} <= set(options)
    written = [tmp / "t.train.jsonl", tmp / "t.test.jsonl", tmp / "t.jsonl.README.md"]
    for path in written:
        entry = manifest["files"][str(path)]
        assert entry == {"sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "bytes": path.stat().st_size}
    assert "--tokens" in manifest["command"] and "--seed 2" in manifest["command"]


def test_every_record_of_every_format_has_the_same_keys_with_orphans(setup, capsys):
    """Finding 3: with --orphans, records of a report that left the corpus lacked `orphan`, and
    the CSV took its columns from the first record."""
    tmp, opts = setup
    (tmp / "corpus" / "a.txt").unlink()  # a's labels now come from the positions stored with them
    out = tmp / "o.jsonl"
    assert main(["export", *opts, "--orphans", "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["doc"] for r in records} >= {"a", "b"}
    assert len({tuple(r) for r in records}) == 1 and "orphan" in records[0]
    assert main(["export", *opts, "--orphans", "-o", str(tmp / "o.csv")]) == 0
    rows = list(csv.DictReader(io.StringIO((tmp / "o.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert list(rows[0]) == list(records[0]) and all(row["orphan"] in ("true", "false") for row in rows)


@pytest.mark.parametrize(
    ("name", "fmt", "first_bytes"),
    [
        ("x.csv", None, b"\xef\xbb\xbfid,doc,"),
        ("x.json", None, b"["),
        ("x.jsonl", None, b'{"id":'),
        ("x.jsonl", "prodigy-choice", b'{"text":'),
    ],
)
def test_the_extension_chooses_the_format(setup, capsys, name, fmt, first_bytes):
    """Finding 4: `-o x.csv` wrote JSON Lines into x.csv."""
    tmp, opts = setup
    assert main(["export", *opts, "-o", str(tmp / name), *(["--format", fmt] if fmt else [])]) == 0
    assert (tmp / name).read_bytes().startswith(first_bytes)


@pytest.mark.parametrize(
    ("name", "fmt", "message"),
    [
        ("y.jsonl", "csv", "-o {tmp}/y.jsonl names a .jsonl file but --format csv writes .csv; use -o {tmp}/y.csv"),
        ("y.csv", "jsonl", "names a .csv file but --format jsonl writes .jsonl"),
        ("y.json", "prodigy", "names a .json file but --format prodigy writes .jsonl"),
        ("y.xlsx", None, "cannot tell the format of {tmp}/y.xlsx from .xlsx"),
    ],
)
def test_an_extension_that_contradicts_the_format_is_an_error(setup, capsys, name, fmt, message):
    tmp, opts = setup
    assert main(["export", *opts, "-o", str(tmp / name), *(["--format", fmt] if fmt else [])]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message.format(tmp=tmp) in err
    assert not (tmp / name).exists()


def test_an_empty_split_writes_no_file(setup, capsys):
    """Finding 6: an empty split file was written (`datasets`: "corresponds to no data")."""
    tmp, opts = setup
    stale = tmp / "s.test.jsonl"
    stale.write_text("from an earlier export\n", encoding="utf-8")
    assert main(["export", *opts, "--docs", "a", "-o", str(tmp / "s.jsonl"), "--split", "train=0.9,test=0.1"]) == 0
    assert (tmp / "s.train.jsonl").stat().st_size > 0
    assert not stale.exists()
    manifest = read_json(tmp / "s.jsonl.manifest.json")
    assert manifest["splits"]["test"]["file"] is None and manifest["splits"]["test"]["records"] == 0
    header = card_header(tmp / "s.jsonl.README.md")
    assert [f["split"] for f in header["configs"][0]["data_files"]] == ["train"]
    assert "split test got no report" in capsys.readouterr().err


def test_csv_cells_never_run_as_formulas(store, corpus, tmp_path):
    """Finding 7: a note `=SUM(A1)` reached the spreadsheet as a formula."""
    from reader.export import formats

    record = {
        "id": "d:1:0",
        "doc": "d",
        "text": "-5%以内",
        "label": "target",
        "section": ["+一"],
        "start": 0,
        "end": 5,
        "line": 1,
        "annotator": "@li",
        "created": "2025-01-01T00:00:00Z",
        "updated": "2025-01-01T00:00:00Z",
        "note": "=SUM(A1)",
    }
    (row,) = list(csv.DictReader(io.StringIO(formats.render([record], "csv"), newline="")))
    assert (row["note"], row["text"], row["section"], row["annotator"]) == ("'=SUM(A1)", "'-5%以内", "'+一", "'@li")
    assert row["start"] == "0"  # numbers are left alone


def test_csv_reads_back_with_its_types_in_pandas(setup, capsys):
    """Finding 7: an empty note column read back as float. The card's pandas line keeps text as text."""
    import pandas as pd

    tmp, opts = setup
    out = tmp / "p.csv"
    assert main(["export", *opts, "--docs", "b", "--labels", "achievement", "-o", str(out)]) == 0
    card = (tmp / "p.csv.README.md").read_text(encoding="utf-8")
    (line,) = [line for line in card.splitlines() if line.startswith("df = pd.read_csv(")]
    df = eval(line.removeprefix("df = ").replace("'p.csv'", repr(str(out))), {"pd": pd})
    assert list(df["note"]) == [""] and df["start"].dtype.kind == "i"
    assert list(df["doc"]) == ["b"] and list(df["label"]) == ["achievement"]


@pytest.mark.parametrize("flag", ["--corpus", "--annotations"])
def test_a_folder_that_is_not_there_is_an_error(setup, capsys, flag):
    """Finding 8: `--corpus /typo` exited 0 and wrote "sha256": null."""
    tmp, opts = setup
    opts = list(opts)
    opts[opts.index(flag) + 1] = str(tmp / "typo")
    assert main(["export", *opts, "-o", str(tmp / "x.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{tmp / 'typo'} does not exist" in err
    assert not (tmp / "x.jsonl").exists() and not (tmp / "x.jsonl.manifest.json").exists()
    assert main(["stats", *opts]) == 2
