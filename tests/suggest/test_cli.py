"""The CLI contract: `reader suggest PATH --json`, `reader import-seeds`, `reader train`, `reader evaluate`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.cli import main
from reader.suggest import LABELS

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", ["jinzhong-2025.txt", "xinzhou-feature-2025.txt"])
def test_suggest_json_contract(capsys, name: str) -> None:
    code, out, _ = run(capsys, "suggest", str(CORPUS / name), "--json")
    assert code == 0
    from reader.text.pipeline import load_document

    doc = load_document(CORPUS / name)
    lines = out.splitlines()
    assert len(lines) == len(doc.sentences)
    for line, s in zip(lines, doc.sentences, strict=True):
        obj = json.loads(line)
        assert obj["id"] == s.id and obj["text"] == s.text and obj["section"] == list(s.section)
        assert obj["label"] in LABELS
        assert 0.0 <= obj["score"] <= 1.0 and 0.0 <= obj["margin"] <= 1.0
        assert obj["source"] in ("rules", "model")


def test_suggest_on_an_unseen_kind_of_text(capsys, tmp_path: Path) -> None:
    report = tmp_path / "national.txt"
    report.write_text(
        "政府工作报告\n\n一、2024年工作回顾\n\n过去一年，国内生产总值增长5%，城镇新增就业1256万人。\n\n"
        "在看到成绩的同时，我们也清醒看到面临的问题和挑战。国内需求不足，部分企业生产经营困难。\n\n"
        "二、2025年经济社会发展总体要求和政策取向\n\n今年发展主要预期目标是：国内生产总值增长5%左右。\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "suggest", str(report), "--json")
    assert code == 0
    got = {json.loads(x)["text"]: json.loads(x)["label"] for x in out.splitlines()}
    assert got["国内需求不足，部分企业生产经营困难。"] == "problem"
    assert got["今年发展主要预期目标是：国内生产总值增长5%左右。"] == "target"
    assert got["过去一年，国内生产总值增长5%，城镇新增就业1256万人。"] == "achievement"


def test_suggest_bad_input_is_one_line_exit_2(capsys, tmp_path: Path) -> None:
    code, out, err = run(capsys, "suggest", str(tmp_path / "missing.txt"), "--json")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    code, _, err = run(capsys, "suggest", str(binary), "--json")
    assert code == 2 and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "suggest", str(tmp_path), "--json")
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_suggest_table(capsys) -> None:
    code, out, _ = run(capsys, "suggest", str(CORPUS / "datong-2025.txt"), "--rules-only")
    assert code == 0 and "datong-2025" in out and "target" in out


@pytest.mark.slow
def test_import_train_evaluate(capsys, tmp_path: Path, monkeypatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("datong-2025.txt", "jinzhong-2025.txt", "SOURCES.md"):
        shutil.copy(CORPUS / name, corpus / name)
    seeds = tmp_path / "seeds.jsonl"
    wanted = {"002_73dc8c5210b09934.txt", "004_be2025eff9b5ccd6.txt"}
    fixture = [json.loads(x) for x in (Path(__file__).parent / "data" / "seed_units.jsonl").read_text().splitlines()]
    seeds.write_text("".join(json.dumps(u, ensure_ascii=False) + "\n" for u in fixture if u["seed"] in wanted))
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "import-seeds", str(seeds))
    assert code == 0 and "units matched" in out
    code, out, _ = run(capsys, "evaluate", "--rules-only", "--json")
    rules = json.loads(out)
    assert code == 0 and rules["model"] is False and rules["n"] > 300
    assert set(rules["labels"]) == set(LABELS) and rules["macro_f1"] > 0.7
    from reader.suggest.saved import installed_dir

    installed = {p.name: p.read_bytes() for p in installed_dir().iterdir()}
    code, out, _ = run(capsys, "train", "--annotator", "reference", "--shipped")
    assert code == 0 and "macro-F1" in out and (tmp_path / "annotations" / "model" / "suggest-model.joblib").exists()
    # --shipped on a folder other than the checkout's writes that folder's model, never the installed one
    assert {p.name: p.read_bytes() for p in installed_dir().iterdir()} == installed
    meta = json.loads((tmp_path / "annotations" / "model" / "suggest-model.json").read_text())
    assert meta["documents"] == ["datong-2025", "jinzhong-2025"] and "cv" in meta
    code, out, _ = run(capsys, "evaluate", "--docs", "datong-2025")
    assert code == 0 and "confusion" in out and "problem" in out
    code, out, err = run(capsys, "suggest", str(corpus / "datong-2025.txt"), "--json")
    assert code == 0 and "model" in {json.loads(x)["source"] for x in out.splitlines()}
    # the folder's own model/ (the old place of the shipped model) answers before the installed one
    assert "shipped model (418 reference labels; annotations/model)" in err


def test_train_without_labels_is_an_error(capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "annotations").mkdir()
    code, _, err = run(capsys, "train")
    assert code == 2 and "no labels" in err
    code, _, err = run(capsys, "train", "--annotator", "li", "--shipped")
    assert code == 2 and "--shipped" in err and len(err.strip().splitlines()) == 1


def _store_with_user_labels(tmp_path: Path) -> Path:
    """A copy of the shipped store (reference labels) plus a few labels by `li` on datong-2025."""
    from reader.store import AnnotationStore
    from reader.text.pipeline import load_document

    ann = tmp_path / "annotations"
    shutil.copytree(ROOT / "annotations", ann, ignore=shutil.ignore_patterns("*.lock", ".cache", "models"))
    doc = load_document(CORPUS / "datong-2025.txt")
    body = [s for s in doc.sentences if s.kind == "sentence"][:40]
    store = AnnotationStore(ann)
    try:
        for k, s in enumerate(body):
            label = ("target", "achievement", "problem")[k % 3]
            store.set_label(
                "datong-2025",
                s.id,
                label,
                annotator="li",
                text=s.text,
                section=s.section,
                line=s.line,
                start=s.start,
                end=s.end,
            )
    finally:
        store.close()
    return ann


@pytest.mark.slow
def test_a_users_model_never_overwrites_the_shipped_one(capsys, tmp_path: Path) -> None:
    from reader.suggest.saved import installed_dir

    ann = _store_with_user_labels(tmp_path)
    shipped = {p.name: p.read_bytes() for p in installed_dir().iterdir()}
    code, out, _ = run(
        capsys, "train", "--annotator", "li", "--no-cv", "--annotations", str(ann), "--corpus", str(CORPUS)
    )
    assert code == 0 and "li" in out
    assert {p.name: p.read_bytes() for p in installed_dir().iterdir()} == shipped
    meta = json.loads((ann / "models" / "li" / "suggest-model.json").read_text())
    assert meta["annotators"] == ["li"] and meta["own_examples"] == 40 and meta["reference_examples"] > 900
    # suggestions say whose model they come from
    code, _, err = run(
        capsys, "suggest", str(CORPUS / "datong-2025.txt"), "--json", "--annotations", str(ann), "--annotator", "li"
    )
    assert code == 0 and "li's model" in err
    code, _, err = run(
        capsys, "suggest", str(CORPUS / "datong-2025.txt"), "--json", "--annotations", str(ann), "--annotator", "wang"
    )
    assert code == 0 and "shipped model" in err
    code, _, err = run(
        capsys,
        "suggest",
        str(CORPUS / "datong-2025.txt"),
        "--json",
        "--annotations",
        str(ann),
        "--annotator",
        "li",
        "--shipped",
    )
    assert code == 0 and "shipped model" in err
    # without the reference labels, only li's count
    code, _, _ = run(
        capsys,
        "train",
        "--annotator",
        "li",
        "--no-cv",
        "--without-reference",
        "--annotations",
        str(ann),
        "--corpus",
        str(CORPUS),
    )
    meta = json.loads((ann / "models" / "li" / "suggest-model.json").read_text())
    assert code == 0 and meta["reference_examples"] == 0 and meta["examples"] == 40
