"""Finding 12 of issue 10, end to end in a real terminal: after `kill -9` the app reopens on the
sentence the user was on (not one back). The app runs under tmux on its own socket; the status bar's
`k/N` says which sentence the cursor is on."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "corpus" / "jinzhong-2025.txt"
WHERE = re.compile(r"jinzhong-2025 (\d+)/(\d+)")


class Terminal:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False)
        return done.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "app")

    def position(self, timeout: float = 30.0) -> int:
        """The cursor's sentence number in the status bar, once the screen has settled: the same for
        1.2 s (on a loaded machine the app can pause longer than one look between two keys)."""
        deadline, seen = time.monotonic() + timeout, []
        while time.monotonic() < deadline:
            found = WHERE.search(self.screen())
            seen.append(int(found.group(1)) if found else None)
            if len(seen) >= 5 and seen[-1] is not None and len(set(seen[-5:])) == 1:
                return seen[-1]
            time.sleep(0.3)
        raise AssertionError(f"no settled position in the status bar; the screen was:\n{self.screen()}")

    def start(self, tmp_path: Path) -> int:
        """Start the app on the report; the pid of its process."""
        env = {"READER_STATE_DIR": str(tmp_path / "state"), "TERM": "xterm-256color"}
        command = ["env", *(f"{k}={v}" for k, v in env.items()), sys.executable, "-m", "reader", str(REPORT)]
        command += ["--annotations", str(tmp_path / "annotations"), "--annotator", "kill9"]
        shell = f"cd {shlex.quote(str(tmp_path))} && exec " + " ".join(shlex.quote(c) for c in command)
        self.tmux("new-session", "-d", "-s", "app", "-x", "120", "-y", "40", shell)
        return int(self.tmux("display-message", "-p", "-t", "app", "#{pane_pid}").strip())


def test_finding_12_kill_9_reopens_on_the_sentence_the_user_was_on(tmp_path):
    term = Terminal(f"labels-{os.getpid()}")
    try:
        pid = term.start(tmp_path)
        opened = term.position()
        for key in ("j", "j", "j", "J", "j", "k", "j", "j"):
            term.tmux("send-keys", "-t", "app", key)
            time.sleep(0.1)
        moved = term.position()
        assert moved > opened  # the keys moved the cursor
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and term.tmux("has-session", "-t", "app") == "" and _alive(pid):
            time.sleep(0.1)
        assert not _alive(pid)
        term.tmux("kill-server")
        time.sleep(0.3)
        term.start(tmp_path)
        assert term.position() == moved
    finally:
        term.tmux("kill-server")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie until tmux reaps it counts as gone
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ", 1)[-1].startswith("Z"))
