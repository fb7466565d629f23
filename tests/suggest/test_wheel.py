"""The shipped suggestion model is package data (issue 11, finding 9): a wheel carries it, and reader
installed from that wheel, run outside any checkout, suggests with it and says so."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the sources (building in the checkout would write build/ into it)."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "reader", src / "reader", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    dist = tmp_path_factory.mktemp("dist")
    offline = ["--no-deps", "--no-build-isolation", "--no-index"]
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", *offline, str(src), "-w", str(dist)],
        check=True,
        capture_output=True,
    )
    (built,) = dist.glob("reader-*.whl")
    return built


def test_the_wheel_carries_the_shipped_model(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"reader/suggest/shipped/suggest-model.joblib", "reader/suggest/shipped/suggest-model.json"} <= names
    assert not any(n.startswith("annotations/") for n in names)


def test_reader_installed_from_the_wheel_suggests_with_the_shipped_model(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    report = tmp_path / "work" / "report.txt"
    report.parent.mkdir()
    shutil.copy2(ROOT / "corpus" / "jinzhong-2025.txt", report)
    # The installed copy comes first on sys.path (the checkout's editable finder only answers after it);
    # the working folder has no annotations/, so only the installed model can answer.
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import reader; print(reader.__file__, file=sys.stderr); "
        "from reader.cli import main; sys.exit(main(['suggest', 'report.txt', '--json', '--annotator', 'nobody']))"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "READER_ANNOTATOR")}
    res = subprocess.run(
        [sys.executable, "-c", code, str(site)], cwd=report.parent, capture_output=True, text=True, env=env
    )
    assert res.returncode == 0, res.stderr
    imported, said = res.stderr.splitlines()[:2]
    assert Path(imported).is_relative_to(site)
    assert said.startswith("suggestions from shipped model (")
    assert "installed with reader" in said and str(site / "reader" / "suggest" / "shipped") in said
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert rows and any(r["source"] == "model" for r in rows)


def test_suggest_always_names_its_model(capsys, tmp_path: Path) -> None:
    """Table and JSON alike, whichever model answers: the annotator's own, the shipped one, the rules."""
    from reader.cli import main

    path = str(ROOT / "corpus" / "jinzhong-2025.txt")
    empty = tmp_path / "annotations"
    empty.mkdir()
    for extra, expected in (
        (["--annotations", str(empty)], "shipped model ("),
        (["--annotations", str(empty), "--rules-only"], "rules alone"),
    ):
        for fmt in ([], ["--json"]):
            assert main(["suggest", path, *extra, *fmt]) == 0
            out, err = capsys.readouterr()
            assert expected in (err if fmt else out.replace("\n", " "))
