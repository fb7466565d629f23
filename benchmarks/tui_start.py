"""Cold start in a real terminal: `reader REPORT` against a bare Textual app, in the same run.

    .venv/bin/python benchmarks/tui_start.py [--runs 10] [--size 120x40] [--instructions]

Each run starts a fresh interpreter in a tmux pane (`respawn-pane`) and polls the pane until the
first screen shows: for the bare app its one line, for the reader a phrase of the report's text
(the report is cached: one untimed warm-up run fills `annotations/.cache/`, and the bytecode of
both, in a private `PYTHONPYCACHEPREFIX`). Runs alternate bare /
reader so both see the same machine load; the ratio of the medians is the figure (the machine is
shared, absolute times vary). The CPU time each process had used when its screen appeared is
printed too: on a busy machine it varies far less than the wall time. `--instructions` counts the
instructions each start-up executes up to its first frame under valgrind (callgrind), once each:
slow (minutes) but the same on a busy machine as on an idle one. Everything runs in a temporary
folder with a private tmux socket.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT = "jinzhong-2025.txt"
NEEDLE = "2024年是攻坚克难"
"""Report text on the first screen (the first body paragraph of the report)."""
BARE = """
import sys
from textual.app import App
from textual.widgets import Static


class Bare(App):
    def compose(self):
        yield Static("bare app ready")

    def on_mount(self):
        if "--exit" in sys.argv:  # (instruction counts) quit once the first frame is out
            self.call_after_refresh(self.exit)


Bare().run()
"""
READER_EXIT = """
import sys
from reader.cli import main
from reader.tui.app import ReaderApp

mount = ReaderApp.on_mount


def on_mount(self):
    mount(self)
    self.call_after_refresh(self.exit)  # the report's first frame is out (a cached report)


ReaderApp.on_mount = on_mount
sys.exit(main(sys.argv[1:]))
"""


def tmux(socket: str, *args: str) -> str:
    return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, check=False).stdout


def cpu_seconds(pid: int) -> float:
    """CPU time the process (all its threads) has used so far (`schedstat`: nanoseconds)."""
    return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9


def time_to_screen(socket: str, command: str, needle: str, timeout: float = 30.0) -> tuple[float, float]:
    """Seconds from starting `command` in the pane until `needle` is on screen, and the CPU
    seconds the process had used by then (less sensitive to a busy machine than the wall time)."""
    start = time.perf_counter()
    tmux(socket, "respawn-pane", "-k", "-t", "bench", command)
    pid = int(tmux(socket, "display", "-p", "-t", "bench", "#{pane_pid}").strip())
    while time.perf_counter() - start < timeout:
        if needle in tmux(socket, "capture-pane", "-p", "-t", "bench"):
            wall = time.perf_counter() - start
            return wall, cpu_seconds(pid)
        time.sleep(0.005)
    raise TimeoutError(f"{needle!r} never appeared:\n{tmux(socket, 'capture-pane', '-p', '-t', 'bench')}")


def instructions(socket: str, command: str, out: Path) -> int:
    """Instructions executed by `command` (which quits after its first frame) under callgrind."""
    tmux(
        socket,
        "respawn-pane",
        "-k",
        "-t",
        "bench",
        command.replace("exec ", f"exec valgrind --tool=callgrind --callgrind-out-file={out} ", 1),
    )
    deadline = time.perf_counter() + 900
    while time.perf_counter() < deadline and not (out.exists() and "summary:" in out.read_text(errors="replace")):
        time.sleep(1)
    for line in out.read_text(errors="replace").splitlines():
        if line.startswith("summary:"):
            return int(line.split()[1])
    raise TimeoutError(f"callgrind gave no summary in {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--size", default="120x40")
    parser.add_argument("--instructions", action="store_true", help="also count instructions (valgrind)")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("tmux is needed")
    width, height = args.size.split("x")
    socket = f"bench-start-{os.getpid()}"
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        (tmp / "corpus").mkdir()
        shutil.copy(ROOT / "corpus" / REPORT, tmp / "corpus" / REPORT)
        (tmp / "bare.py").write_text(BARE, encoding="utf-8")
        # Bytecode cached as an installed package has it (pip compiles on install): a private
        # prefix, filled by the warm-up runs, so an environment with PYTHONDONTWRITEBYTECODE does
        # not make the reader recompile its own modules on every start while Textual's are cached.
        env = (
            f"cd {shlex.quote(str(tmp))} && unset PYTHONDONTWRITEBYTECODE && "
            f"PYTHONPYCACHEPREFIX={shlex.quote(str(tmp / 'pycache'))} TERM=xterm-256color READER_ANNOTATOR=bench "
        )
        python = shlex.quote(sys.executable)
        bare = env + f"exec {python} bare.py"
        reader = env + f"exec {python} -m reader corpus/{REPORT} --annotations annotations"
        tmux(socket, "new-session", "-d", "-s", "bench", "-x", width, "-y", height, "sleep 600")
        tmux(socket, "set-option", "-t", "bench", "remain-on-exit", "on")  # the pane outlives a run that quits
        (tmp / "reader_exit.py").write_text(READER_EXIT, encoding="utf-8")
        try:
            time_to_screen(socket, reader, NEEDLE)  # warm-up: fills the pipeline cache
            time_to_screen(socket, bare, "bare app ready")
            bares, readers = [], []
            for _ in range(args.runs):
                bares.append(time_to_screen(socket, bare, "bare app ready"))
                readers.append(time_to_screen(socket, reader, NEEDLE))
            counts = None
            if args.instructions and shutil.which("valgrind"):
                reader_exit = env + f"exec {python} reader_exit.py corpus/{REPORT} --annotations annotations"
                counts = (
                    instructions(socket, bare + " --exit", tmp / "bare.callgrind"),
                    instructions(socket, reader_exit, tmp / "reader.callgrind"),
                )
        finally:
            tmux(socket, "kill-server")
    print(f"terminal {args.size}, {args.runs} runs each, load average {os.getloadavg()[0]:.1f}")
    for what, index in (("wall", 0), ("CPU", 1)):
        for stat in (statistics.median, min):
            b = stat(run[index] for run in bares)
            r = stat(run[index] for run in readers)
            print(f"{what:4} {stat.__name__:6}  bare Textual app {b:.3f} s   reader {r:.3f} s   ratio {r / b:.2f}")
    if counts:
        b, r = counts
        print(f"instructions  bare Textual app {b / 1e6:.0f} M   reader {r / 1e6:.0f} M   ratio {r / b:.2f}")
    print("goal: wall ratio <= 1.5 (the minimum is the run least disturbed by other work on the machine)")


if __name__ == "__main__":
    main()
