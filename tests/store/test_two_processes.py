"""Two processes on one annotations folder: the second is read-only, says why, and loses nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reader.store import AnnotationStore, ReadOnlyStore

WRITER = textwrap.dedent("""
    import sys
    from reader.store import AnnotationStore
    store = AnnotationStore(sys.argv[1])
    assert not store.read_only
    store.set_label("d", "s1", "target", annotator="li", text="一")
    print("ready", flush=True)
    sys.stdin.readline()
    store.set_label("d", "s2", "problem", annotator="li", text="二")
    store.clear_label("d", "s1", annotator="li")
    print("done", flush=True)
    sys.stdin.readline()
    store.close()
""")


def test_second_process_is_read_only_and_sees_the_first_ones_writes(tmp_path):
    folder = tmp_path / "annotations"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(folder)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert child.stdout.readline().strip() == "ready"
        second = AnnotationStore(folder)
        assert second.read_only
        assert f"pid {child.pid}" in second.read_only_reason and "read-only" in second.read_only_reason
        assert [r["sentence"] for r in second.labels()] == ["s1"]
        with pytest.raises(ReadOnlyStore):
            second.set_label("d", "s3", "target", annotator="wang", text="三")
        with pytest.raises(ReadOnlyStore):
            second.bulk_set([{"doc": "d", "sentence": "s3", "label": "target", "annotator": "w", "text": "三"}])
        child.stdin.write("go\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "done"
        # the read-only instance reflects what the writer stored since
        assert {r["sentence"]: r["label"] for r in second.labels()} == {"s2": "problem"}
        child.stdin.write("bye\n")
        child.stdin.flush()
        assert child.wait(10) == 0
        second.close()
        with AnnotationStore(folder) as third:  # the lock went with the first process
            assert not third.read_only
            assert [r["sentence"] for r in third.labels()] == ["s2"]
    finally:
        child.kill()


FOLDING_WRITER = textwrap.dedent("""
    import sys
    from reader.store import AnnotationStore
    from reader.store import journal as jr
    jr.FOLD_EVERY, jr.FOLD_IDLE, jr.FOLD_POLL = 7, 0.003, 0.001  # folds all the time, in the background
    store = AnnotationStore(sys.argv[1])
    for i in range(300):
        store.set_label("d", f"s{i}", "target", annotator="li", text="句")
        if i % 3 == 0:
            store.clear_label("d", f"s{i // 2}", annotator="li")
        print(f"ack {i}", flush=True)
    print(f"folds {store._folder.folds}", flush=True)
    store.close()
    print("closed", flush=True)
""")


def _states() -> tuple[list[frozenset[str]], dict[int, int]]:
    """Every state the writer's store passes through (one per change), and for each call i the
    index of the state once it returned."""
    states, after, now = [frozenset({"s0"})], {}, {"s0"}
    for i in range(300):
        now.add(f"s{i}")
        states.append(frozenset(now))
        if i % 3 == 0:
            now.discard(f"s{i // 2}")
            states.append(frozenset(now))
        after[i] = len(states) - 1
    return states, after


def test_a_reader_sees_every_acknowledged_change_while_the_writer_journals_and_folds(tmp_path):
    folder = tmp_path / "annotations"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))
    with AnnotationStore(folder) as first:  # the file exists: later changes go to the journal
        first.set_label("d", "s0", "target", annotator="li", text="句")
    child = subprocess.Popen(
        [sys.executable, "-c", FOLDING_WRITER, str(folder)], stdout=subprocess.PIPE, text=True, env=env
    )
    reader = AnnotationStore(folder, read_only=True)
    states, after = _states()
    checks = folds = 0
    try:
        for line in child.stdout:
            if line.startswith("folds"):
                folds = int(line.split()[1])
            if line.startswith("ack"):
                done = int(line.split()[1])
                if done % 5 == 0:
                    seen = frozenset(r["sentence"] for r in reader.labels())
                    # exactly a state the writer passed through, at or after the acknowledged call:
                    # never a half-applied fold, never a change going back
                    assert seen in states[after[done] :], f"after call {done}: {sorted(seen)}"
                    checks += 1
        assert child.wait(30) == 0
        assert frozenset(r["sentence"] for r in reader.labels()) == states[-1]
    finally:
        child.kill()
        reader.close()
    assert checks >= 50 and folds >= 5  # the reader read while the writer folded
    assert not (folder / "d.json.journal").exists()
    with AnnotationStore(folder, read_only=True) as again:
        assert frozenset(r["sentence"] for r in again.labels()) == states[-1]
