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
