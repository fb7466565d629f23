"""Shared fixtures: paths of the project, the shipped corpus, and a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(autouse=True)
def _user_state(tmp_path_factory, monkeypatch):
    """Each test gets its own user state folder (reading positions, view settings): tests never
    touch the real one, and never see each other's."""
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path_factory.mktemp("state")))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


def run_cli(
    *args: str, cwd: Path | None = None, input: str | None = None, env: dict | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run `python -m reader ARGS` as a user would, capturing output."""
    full_env = {**os.environ, "READER_ANNOTATOR": "tester", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        input=input,
        env=full_env,
        timeout=timeout,
    )


@pytest.fixture
def cli():
    return run_cli
