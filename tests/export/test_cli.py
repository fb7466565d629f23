"""`reader export` and `reader stats` end to end through the CLI entry point."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import reader
from reader.cli import main
from reader.text.pipeline import PIPELINE_VERSION


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_stdout_default(setup, capsys):
    _, opts = setup
    assert main(["export", *opts]) == 0
    out = capsys.readouterr().out
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 19
    assert {r["label"] for r in records} == {"target", "achievement", "problem"}
    assert records[0]["doc"] == "a" and records[0]["line"] == 3


def test_file_and_manifest(setup, capsys):
    tmp, opts = setup
    out = tmp / "out.jsonl"
    assert main(["export", *opts, "-o", str(out), "--negatives", "--annotator", "li"]) == 0
    records = read_jsonl(out)
    assert [r["label"] for r in records if r["doc"] == "a"] == ["achievement", "problem", "none", "target"]
    manifest = json.loads((tmp / "out.jsonl.manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] == reader.__version__
    assert manifest["records"] == len(records) == 19
    assert manifest["labels"] == {"achievement": 6, "none": 1, "problem": 6, "target": 6}
    assert manifest["label_names"] == ["target", "achievement", "problem", "none"]
    assert manifest["label_ids"] == {"target": 0, "achievement": 1, "problem": 2, "none": 3}
    assert manifest["annotators"] == ["li"]
    raw = (tmp / "corpus" / "a.txt").read_bytes()
    assert manifest["documents"]["a"]["sha256"] == hashlib.sha256(raw).hexdigest()
    assert manifest["pipeline_version"] == PIPELINE_VERSION
    assert manifest["command"].startswith("reader export -o ") and "--negatives" in manifest["command"]
    assert manifest["created"].endswith("Z")
    assert manifest["splits"]["all"]["records"] == 19
    assert "exported 19 record(s)" in capsys.readouterr().err
    # Loadable as one table: same columns, same types in every row (notes or not, negatives or not).
    assert len({tuple(r) for r in records}) == 1
    for key in records[0]:
        assert len({type(r[key]) for r in records}) == 1, key


def test_split_files_no_leakage_and_deterministic(setup):
    tmp, opts = setup
    args = ["export", *opts, "--split", "train=0.5,dev=0.25,test=0.25", "--seed", "3"]
    assert main([*args, "-o", str(tmp / "one.jsonl")]) == 0
    assert main([*args, "-o", str(tmp / "two.jsonl")]) == 0
    docs_of = {}
    for name in ("train", "dev", "test"):
        first = (tmp / f"one.{name}.jsonl").read_bytes()
        assert first == (tmp / f"two.{name}.jsonl").read_bytes()
        docs_of[name] = {r["doc"] for r in read_jsonl(tmp / f"one.{name}.jsonl")}
        assert docs_of[name]
    assert not (
        docs_of["train"] & docs_of["dev"] or docs_of["train"] & docs_of["test"] or docs_of["dev"] & docs_of["test"]
    )
    assert set().union(*docs_of.values()) == set("abcdef")
    manifest = json.loads((tmp / "one.jsonl.manifest.json").read_text(encoding="utf-8"))
    assert {name: sorted(s["documents"]) for name, s in manifest["splits"].items()} == {
        name: sorted(docs) for name, docs in docs_of.items()
    }
    assert sum(s["records"] for s in manifest["splits"].values()) == 19
    assert manifest["options"]["seed"] == 3


@pytest.mark.parametrize("fmt", ["doccano", "prodigy", "csv"])
def test_other_formats_through_the_cli(setup, fmt):
    tmp, opts = setup
    out = tmp / f"out.{'csv' if fmt == 'csv' else 'jsonl'}"
    assert main(["export", *opts, "--format", fmt, "-o", str(out), "--docs", "b"]) == 0
    raw = out.read_bytes()
    if fmt == "csv":
        assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == 4  # header + 3 rows
    else:
        rows = [json.loads(line) for line in raw.decode().splitlines()]
        assert len(rows) == 3 and all(r["text"] for r in rows)
    assert json.loads((tmp / f"{out.name}.manifest.json").read_text(encoding="utf-8"))["format"] == fmt


def test_tokens(setup):
    tmp, opts = setup
    out = tmp / "t.jsonl"
    assert main(["export", *opts, "--tokens", "--docs", "a", "-o", str(out)]) == 0
    for r in read_jsonl(out):
        assert r["tokens"] and "".join(r["tokens"]) == r["text"]
    assert "力争" in next(r for r in read_jsonl(out) if r["label"] == "target")["tokens"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--format", "xml"], "unknown format 'xml'"),
        (["--split", "train=0.9,dev=0.2", "-o", "{tmp}/x.jsonl"], "bad --split"),
        (["--split", "train=0.8,dev=0.2"], "--split writes one file per split"),
        (["--split", "train=0.8,dev=0.2", "--seed", "x", "-o", "{tmp}/x.jsonl"], "--seed"),
        (["-o", "/dev/null/under/a/file.jsonl"], "cannot create folder"),
        (["-o", "{tmp}"], "is a folder"),
        (["--annotator", "nobody"], "unknown annotator nobody"),
        (["--docs", "a,zz"], "unknown document zz"),
        (["--labels", "goal"], "unknown label goal"),
    ],
)
def test_errors_are_one_line_exit_2(setup, capsys, extra, message):
    tmp, opts = setup
    extra = [e.replace("{tmp}", str(tmp)) for e in extra]
    assert main(["export", *opts, *extra]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and message in captured.err, captured.err


def test_output_folders_are_created(setup, capsys):
    tmp, opts = setup
    out = tmp / "new" / "data" / "labels.jsonl"
    assert main(["export", *opts, "-o", str(out)]) == 0
    assert out.exists() and out.with_name("labels.jsonl.manifest.json").exists()


def test_unwritable_output(setup, capsys):
    tmp, opts = setup
    locked = tmp / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        import os

        # Root may write into any folder, but not into sysfs.
        target = locked / "x.jsonl" if not os.access(locked, os.W_OK) else Path("/sys/x.jsonl")
        assert main(["export", *opts, "-o", str(target)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and f"cannot write {target}" in err
        assert not target.exists()
    finally:
        locked.chmod(0o700)


def test_no_labels_is_an_empty_export(tmp_path, real_corpus, capsys):
    corpus = real_corpus
    corpus.add("a")
    out = tmp_path / "empty.jsonl"
    (tmp_path / "empty-store").mkdir()
    opts = ["--annotations", str(tmp_path / "empty-store"), "--corpus", str(corpus.dir)]
    assert main(["export", *opts, "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == ""
    assert "no labels to export" in capsys.readouterr().err
    assert json.loads((tmp_path / "empty.jsonl.manifest.json").read_text(encoding="utf-8"))["records"] == 0
    assert not [p for p in (tmp_path / "empty-store").iterdir() if p.name != ".cache"]  # exporting never writes a store


def test_round_trip_through_import_labels(setup, capsys):
    tmp, opts = setup
    first = tmp / "first.jsonl"
    assert main(["export", *opts, "-o", str(first)]) == 0
    fresh = tmp / "fresh"
    corpus_opt = opts[2:]
    assert main(["import-labels", str(first), "--annotations", str(fresh)]) == 0, capsys.readouterr().err
    second = tmp / "second.jsonl"
    assert main(["export", "--annotations", str(fresh), *corpus_opt, "-o", str(second)]) == 0
    assert read_jsonl(first) == read_jsonl(second)
    assert len(read_jsonl(second)) == 19


def test_stats_command(setup, capsys):
    _, opts = setup
    assert main(["stats", *opts, "--disagreements"]) == 0
    out = capsys.readouterr().out
    assert "Labels per document" in out and "Agreement" in out
    empty = setup[0] / "empty"
    empty.mkdir()
    assert main(["stats", "--annotations", str(empty), "--corpus", str(empty)]) == 0
    assert "No documents" in capsys.readouterr().out


def test_every_record_traces_back_to_its_raw_line(setup, capsys):
    tmp, opts = setup
    assert main(["export", *opts, "--negatives"]) == 0
    from reader.text.pipeline import load_document

    for r in (json.loads(line) for line in capsys.readouterr().out.splitlines()):
        path = tmp / "corpus" / f"{r['doc']}.txt"
        doc = load_document(path)
        assert doc.text[r["start"] : r["end"]] == r["text"]
        raw_line = path.read_text(encoding="utf-8").splitlines()[r["line"] - 1]
        assert raw_line.startswith(r["text"][:6])
        assert r["section"] == list(next(s.section for s in doc.sentences if s.id == r["id"]))


def test_jieba_and_textual_stay_unloaded_without_tokens(setup):
    import subprocess
    import sys

    tmp, opts = setup
    code = (
        "import sys; from reader.cli import main; "
        f"rc = main(['export', *{opts!r}, '-o', {str(tmp / 'x.jsonl')!r}]); "
        "rc |= main(['stats', *" + repr(opts) + "]); "
        "bad = [m for m in ('jieba', 'textual') if m in sys.modules]; "
        "print(bad); sys.exit(rc or bool(bad))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp / "x.jsonl").stat().st_size > 0


def test_stats_per_annotator(setup, capsys):
    """li labelled 3 sentences of a, wang 1 (sentence 9), li reviewed part 2 section 1 of a."""
    _, opts = setup
    assert main(["stats", *opts]) == 0
    table = [line.split() for line in capsys.readouterr().out.splitlines()]
    a_li = next(row for row in table if row[:2] == ["a", "li"])
    a_wang = table[table.index(a_li) + 1]
    # Sent. 目标 成绩 问题 Labelled Reviewed: each row adds up; the reviewed share is li's alone.
    assert a_li == ["a", "li", "7", "1", "1", "1", "3", "43%", "29%"]
    assert a_wang == ["wang", "1", "1", "14%", "0%"]
    assert main(["stats", *opts, "--annotator", "wang"]) == 0
    out = capsys.readouterr().out
    assert "Labels per document — wang" in out and " li " not in out
    table = [line.split() for line in out.splitlines()]
    assert ["a", "wang", "7", "1", "1", "14%", "0%"] in table
    assert ["b", "wang", "7", "0", "0%", "0%"] in table
    assert ["total", "wang", "42", "1", "1", "2%", "0%"] in table


@pytest.mark.parametrize("annotations", ["store", "empty"])
def test_stats_unknown_annotator(setup, capsys, tmp_path, annotations):
    _, opts = setup
    if annotations == "empty":
        (tmp_path / "none").mkdir()
        opts = ["--annotations", str(tmp_path / "none"), *opts[2:]]
    assert main(["stats", *opts, "--annotator", "nobody"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1 and "unknown annotator nobody" in captured.err


def test_export_negatives_use_only_the_chosen_annotators_marks(setup, capsys):
    _, opts = setup  # only li marked a section reviewed
    assert main(["export", *opts, "--negatives", "--annotator", "wang"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["doc"], r["label"], r["annotator"]) for r in records] == [("a", "target", "wang")]
    assert main(["export", *opts, "--negatives", "--annotator", "li"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["annotator"] for r in records} == {"li"} and sum(r["label"] == "none" for r in records) == 1
