"""`reader indicators PATH|FOLDER [--json | --csv] [-o FILE]`: the contract, the corpus table, errors."""

from __future__ import annotations

import csv
import io
import json
import os
import stat

import pytest

from reader.indicators.model import FIELDS
from reader.indicators.table import COLUMNS
from tests.indicators import passages as P


def _csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_json_lines_with_exactly_the_issue_fields(cli, corpus_dir):
    r = cli("indicators", str(corpus_dir / "xinzhou-2025.txt"), "--json")
    assert r.returncode == 0, r.stderr
    records = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(records) > 100
    for rec in records:
        assert list(rec) == list(FIELDS)
        assert rec["kind"] in ("target", "outcome")
        assert isinstance(rec["headline"], bool) and isinstance(rec["line"], int)
    head = [rec for rec in records if rec["headline"]]
    assert head[0] == {
        **head[0],
        "indicator": "地区生产总值",
        "measure": "增长",
        "value": 5,
        "unit": "%",
        "qualifier": "左右",
        "kind": "target",
        "year": 2025,
        "text": "地区生产总值增长5%左右",
    }
    text = cli("text", str(corpus_dir / "xinzhou-2025.txt")).stdout
    assert all(text[rec["start"] : rec["end"]] == rec["text"] for rec in records)
    # the clause's raw line: the line holding its first character
    raw = (corpus_dir / "xinzhou-2025.txt").read_text(encoding="utf-8").splitlines()
    for rec in records[:40]:
        assert rec["text"][0] in raw[rec["line"] - 1]


def test_csv_of_one_report(cli, corpus_dir):
    r = cli("indicators", str(corpus_dir / "datong-2025.txt"), "--csv")
    assert r.returncode == 0, r.stderr
    rows = _csv(r.stdout)
    assert list(rows[0]) == list(FIELDS)
    assert {"地区生产总值", "5.5", "%", "左右", "true"} <= set(
        next(row for row in rows if row["headline"] == "true").values()
    )


def test_human_table(cli, corpus_dir):
    r = cli("indicators", str(corpus_dir / "jinzhong-2025.txt"), env={"COLUMNS": "160"})
    assert r.returncode == 0, r.stderr
    assert "规模以上工业增加值" in r.stdout and "4%以上" in r.stdout and "★" in r.stdout


def test_human_output_says_what_is_missing(cli, tmp_path):
    """A report without a targets paragraph, one without any figure, a malformed number: a clear
    sentence each, exit 0, never a traceback."""
    no_head = tmp_path / "no-head.txt"
    no_head.write_text("过去一年，全市地区生产总值增长5.5.5%，财政收入增长三成。\n\n今年，城镇新增就业两万人以上。\n")
    r = cli("indicators", str(no_head), env={"COLUMNS": "160"})
    assert r.returncode == 0 and "Traceback" not in r.stderr
    assert "no main targets paragraph found" in r.stdout and "城镇新增就业" in r.stdout
    assert "5.5.5" not in r.stdout  # a malformed number is no figure
    none = tmp_path / "none.txt"
    none.write_text("各位代表：\n\n现在，我代表市人民政府向大会报告工作，请予审议。\n")
    r = cli("indicators", str(none), env={"COLUMNS": "160"})
    assert r.returncode == 0 and "Traceback" not in r.stderr
    assert "no figures found" in r.stdout
    assert cli("indicators", str(none), "--json").stdout == ""


@pytest.fixture
def qingshan(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "qingshan-2024.txt").write_text(P.CITY_2024, encoding="utf-8")
    (folder / "qingshan-2025.txt").write_text(P.CITY_2025, encoding="utf-8")
    (folder / "notes.md").write_text("not a report", encoding="utf-8")
    return folder


def test_corpus_table_pairs_a_report_with_the_previous_one(cli, qingshan, tmp_path):
    out = tmp_path / "table.csv"
    r = cli("indicators", str(qingshan), "--csv", "-o", str(out))
    assert r.returncode == 0, r.stderr
    rows = _csv(out.read_text(encoding="utf-8"))
    assert list(rows[0]) == list(COLUMNS)
    gdp = next(row for row in rows if row["doc"] == "qingshan-2025" and row["indicator"] == "地区生产总值")
    assert gdp["target_value"] == "[6, 6.5]" and gdp["target_unit"] == "%"
    assert gdp["outcome_value"] == "6.2" and gdp["outcome_year"] == "2024"
    assert gdp["previous_doc"] == "qingshan-2024"
    assert gdp["previous_target"] == "地区生产总值增长6%左右" and gdp["previous_target_qualifier"] == "左右"
    # last year's target that this year's headline drops still meets this report's outcome
    revenue = next(row for row in rows if row["doc"] == "qingshan-2025" and row["indicator"] == "一般公共预算收入")
    assert revenue["target"] == "" and revenue["previous_target_value"] == "4"
    # the oldest report has no previous one
    assert all(row["previous_doc"] == "" for row in rows if row["doc"] == "qingshan-2024")


def test_folder_json_is_every_report_s_records(cli, qingshan):
    r = cli("indicators", str(qingshan), "--json")
    assert r.returncode == 0, r.stderr
    docs = {json.loads(line)["doc"] for line in r.stdout.splitlines()}
    assert docs == {"qingshan-2024", "qingshan-2025"}


def test_folder_on_screen(cli, corpus_dir):
    r = cli("indicators", str(corpus_dir), env={"COLUMNS": "160"})
    assert r.returncode == 0, r.stderr
    assert "xinzhou-2025" in r.stdout and "23.3%" in r.stdout  # the outcome beside 进出口总额's target


def test_bad_report_in_a_folder_is_skipped_and_named(cli, qingshan):
    (qingshan / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    r = cli("indicators", str(qingshan), "--csv")
    assert r.returncode == 0
    assert "broken.txt" in r.stderr and "qingshan-2025" in r.stdout


@pytest.mark.parametrize(
    "make",
    [
        lambda tmp: str(tmp / "missing.txt"),
        lambda tmp: (tmp / "bin.txt").write_bytes(b"\x00\xff" * 500) and str(tmp / "bin.txt"),
        lambda tmp: (tmp / "latin.txt").write_text("just some notes\n") and str(tmp / "latin.txt"),
        lambda tmp: (tmp / "empty").mkdir() or str(tmp / "empty"),
    ],
    ids=["missing", "binary", "not-a-report", "folder-without-reports"],
)
def test_bad_input_is_one_line_and_exit_2(cli, tmp_path, make):
    r = cli("indicators", make(tmp_path), "--json")
    assert r.returncode == 2
    assert r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_unwritable_output_as_user(cli, corpus_dir, tmp_path):  # pragma: no cover - CI runs as root
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    r = cli("indicators", str(corpus_dir / "datong-2025.txt"), "--csv", "-o", str(locked / "x.csv"))
    assert r.returncode == 2


@pytest.mark.parametrize("target", ["folder", "under-a-file"])
def test_unwritable_output_is_one_line_and_exit_2(cli, corpus_dir, tmp_path, target):
    (tmp_path / "file").write_text("x")
    output = tmp_path if target == "folder" else tmp_path / "file" / "out.csv"
    r = cli("indicators", str(corpus_dir / "datong-2025.txt"), "--csv", "-o", str(output))
    assert r.returncode == 2, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


@pytest.fixture(scope="module")
def typeset_report(tmp_path_factory):
    """A national report typeset as a newspaper PDF (tests/pdf's harness)."""
    from tests.pdf.harness import LAYOUTS, build_case, fonts_available, references

    if not fonts_available(LAYOUTS[0].fonts):
        pytest.skip("CJK TrueType fonts missing (apt-get install fonts-arphic-uming fonts-wqy-zenhei)")
    ref = next(r for r in references() if r.name == "national-2026")
    return build_case(ref, LAYOUTS[0], tmp_path_factory.mktemp("pdf"), extractors=()).pdf


def test_a_pdf_report_gives_its_figures_on_its_sentences_lines(cli, typeset_report, tmp_path):
    """A PDF's raw lines are its printed lines (there is no text file to count clauses in): each
    record carries its sentence's printed line, and the PDF reads as a report (it was an error)."""
    pdf = tmp_path / "national-2026.pdf"
    pdf.write_bytes(typeset_report.read_bytes())
    r = cli("indicators", str(pdf), "--json")
    assert r.returncode == 0, r.stderr
    records = [json.loads(line) for line in r.stdout.splitlines()]
    head = [rec for rec in records if rec["headline"]]
    assert {"国内生产总值", "城镇新增就业"} <= {rec["indicator"] for rec in head}
    s = cli("sentences", str(pdf), "--json")
    assert s.returncode == 0, s.stderr
    line_of = {u["id"]: u["line"] for u in map(json.loads, s.stdout.splitlines())}
    assert all(rec["line"] == line_of[rec["sentence"]] for rec in records)


def test_a_pdf_in_a_folder_joins_the_corpus_table(cli, typeset_report, qingshan):
    (qingshan / "national-2026.pdf").write_bytes(typeset_report.read_bytes())
    r = cli("indicators", str(qingshan), "--csv")
    assert r.returncode == 0, r.stderr
    docs = {row["doc"] for row in _csv(r.stdout)}
    assert docs == {"qingshan-2024", "qingshan-2025", "national-2026"}
