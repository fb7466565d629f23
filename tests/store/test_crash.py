"""Crash test: a child writes labels in a loop and is killed with SIGKILL at random moments.

After every kill, every store file (and backup) parses, every journal has complete lines only but
perhaps a torn last one, replaying it twice gives the same state, and every acknowledged label is
there. Half the rounds fold rarely (the kill lands between append and fold: the changes are in the
journal only), half fold all the time in the background (the kill lands in the middle of folds).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.store import AnnotationStore
from reader.store.journal import parse_journal

ROUNDS = 60
CHILD = Path(__file__).with_name("crash_child.py")


def _expect(lines: list[str], expected: dict, uncertain: set) -> None:
    """Apply the child's acknowledged calls to `expected`; the call in flight goes to `uncertain`."""
    pending = None
    for line in lines:
        if line.startswith("do "):
            pending = line.split()[1:]
        elif line == "ack" and pending:
            kind, doc, sid, name = pending
            if kind == "set":
                expected[(doc, sid)] = name
            elif kind == "clear":
                expected[(doc, sid)] = None
            else:
                for k in range(20):
                    expected.setdefault((doc, f"{sid}{k}"), name)
            pending = None
    if pending:
        kind, doc, sid, _ = pending
        keys = [(doc, f"{sid}{k}") for k in range(20)] if kind == "bulk" else [(doc, sid)]
        for key in keys:
            uncertain.add(key)


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_acknowledged_label(tmp_path):
    folder = tmp_path / "annotations"
    rng = random.Random(20261124)
    expected: dict[tuple[str, str], str | None] = {}
    uncertain: set[tuple[str, str]] = set()
    acks = unfolded = torn = 0
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))
    for rnd in range(ROUNDS):
        cmd = [sys.executable, str(CHILD), str(folder), str(rnd), str(rng.randrange(1 << 30))]
        if rnd % 2:
            cmd += ["3", "0.002", "0.001"]  # fold every 3 changes / 2 ms idle, polled every 1 ms
        errors = tmp_path / "child.err"
        with errors.open("w") as err:
            child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, text=True, env=env)
        assert child.stdout.readline().strip() == "ready", errors.read_text()
        # Kill after a random number of calls (whatever the disk's speed), at a random instant.
        seen = [child.stdout.readline().strip() for _ in range(rng.randrange(0, 40))]
        time.sleep(rng.uniform(0.0, 0.005))
        child.send_signal(signal.SIGKILL)
        # Read the rest through the same buffered reader (communicate() would skip its buffer).
        out = "\n".join([*seen, child.stdout.read()])
        child.wait()
        child.stdout.close()
        assert child.returncode == -signal.SIGKILL
        lines = out.splitlines()
        acks += lines.count("ack")
        _expect(lines, expected, uncertain)

        for f in folder.iterdir():
            if f.name.endswith((".json", ".json.bak")):
                json.loads(f.read_text("utf-8"))  # every file parses, always
            elif f.name.endswith(".journal"):
                replay = parse_journal(f.read_bytes())
                assert replay.bad == [], f"round {rnd}: {f.name}: {replay.bad}"  # only the last line may be torn
                unfolded += len(replay.changes)
                torn += bool(replay.torn)
        states = []
        for _ in range(2):  # replayed twice, by two readers that write nothing: the same state
            with AnnotationStore(folder, read_only=True) as store:
                assert store.problems() == []
                states.append({(r["doc"], r["sentence"]): r["label"] for r in store.labels(annotator="crash")})
        assert states[0] == states[1]
        for key, name in expected.items():
            if key not in uncertain:
                assert states[0].get(key) == name, f"round {rnd}: {key} should be {name}\n{out}"
    assert acks > ROUNDS * 5  # the kills really landed among the writes
    assert unfolded > ROUNDS  # ... and often between a change's append and its fold
    print(f"{ROUNDS} kills, {acks} acknowledged calls; after the kills, {unfolded} journalled changes (summed)")
    print(f"were not folded yet and {torn} journal(s) had a torn last line")
