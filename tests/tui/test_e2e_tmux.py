"""End to end in a real terminal (tmux): open a report, move, label three sentences with t, a, p,
quit with q, and find the three labels with `reader export`."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def tmux(*args: str, socket: str) -> str:
    return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, check=False).stdout


def wait_screen(socket: str, needle: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", "e2e", socket=socket)
        if needle in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{needle!r} never appeared; the screen was:\n{screen}")


def test_label_three_sentences_in_tmux_and_export_them(tmp_path, corpus):
    socket = f"reader-e2e-{os.getpid()}"
    annotations = tmp_path / "annotations"
    command = " ".join(
        shlex.quote(part)
        for part in [
            sys.executable,
            "-m",
            "reader",
            str(corpus / "jinzhong-2025.txt"),
            "--annotations",
            str(annotations),
            "--annotator",
            "e2e",
        ]
    )
    env = f"cd {shlex.quote(str(tmp_path))} && TERM=xterm-256color "
    tmux("new-session", "-d", "-s", "e2e", "-x", "120", "-y", "40", env + command + "; sleep 30", socket=socket)
    try:
        wait_screen(socket, "saved")  # the status bar: the document is open
        for key in ("j", "t", "space", "a", "space", "p"):
            tmux("send-keys", "-t", "e2e", key, socket=socket)
            time.sleep(0.15)
        wait_screen(socket, "3/")  # "3/224 labelled"
        tmux("send-keys", "-t", "e2e", "q", socket=socket)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and (annotations / ".writer").exists():
            time.sleep(0.1)  # the app closed its store on the way out
    finally:
        tmux("kill-server", socket=socket)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "reader",
            "export",
            "-o",
            "-",
            "--annotations",
            str(annotations),
            "--corpus",
            str(corpus),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert sorted(r["label"] for r in records) == ["achievement", "problem", "target"]
    assert {r["annotator"] for r in records} == {"e2e"}


def test_go_to_sentence_typed_at_once_in_a_real_terminal(tmp_path, corpus):
    """`:212⏎` sent as one burst (as a fast typist types it) lands on sentence 212: the box is
    ready before its key, so no digit goes astray."""
    socket = f"tui-e2e-goto-{os.getpid()}"
    command = shlex.join(
        [sys.executable, "-m", "reader", str(corpus / "jinzhong-2025.txt"), "--annotations", str(tmp_path / "a")]
    )
    env = f"cd {shlex.quote(str(tmp_path))} && TERM=xterm-256color READER_ANNOTATOR=e2e "
    tmux("new-session", "-d", "-s", "e2e", "-x", "120", "-y", "40", env + command + "; sleep 30", socket=socket)
    try:
        wait_screen(socket, "saved")
        time.sleep(0.3)
        tmux("send-keys", "-t", "e2e", ":212", "Enter", socket=socket)
        wait_screen(socket, "212/239")
        tmux("send-keys", "-t", "e2e", "/增长", "Enter", socket=socket)  # a search typed at once, too
        wait_screen(socket, "(n/N next, Esc clears)")
        tmux("send-keys", "-t", "e2e", "Escape", socket=socket)
        time.sleep(0.3)  # (Esc then ":" at once is what a terminal sends for alt+:)
        tmux("send-keys", "-t", "e2e", ":212", "Enter", socket=socket)
        for key in ("Escape", "BSpace", "Escape"):  # apart: ESC then a key at once reads as alt+key
            time.sleep(0.4)
            tmux("send-keys", "-t", "e2e", key, socket=socket)
        assert "212/239" in wait_screen(socket, "to leave the report")  # Esc says how to leave, stays
    finally:
        tmux("kill-server", socket=socket)
