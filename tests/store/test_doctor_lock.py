"""Finding 12 of issue 10: `reader doctor` names the process holding the folder only while it is
alive; after a `kill -9` (a `.writer` file left behind) it says the folder is free."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from reader.cli import main

HOLD = textwrap.dedent(
    """
    import sys, time
    from reader.store import AnnotationStore
    store = AnnotationStore(sys.argv[1])
    assert not store.read_only, store.read_only_reason
    store.set_label("doc", "doc:0123456789:0", "target", annotator="li", text="全年增长5%。")
    print("ready", flush=True)
    time.sleep(120)
    """
)


def doctor(folder, tmp_path, capsys) -> str:
    capsys.readouterr()
    main(["doctor", "--annotations", str(folder), "--corpus", str(tmp_path / "corpus")])
    return capsys.readouterr().out


def test_doctor_names_a_live_writer_and_not_a_killed_one(tmp_path, capsys):
    folder = tmp_path / "annotations"
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(folder)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        alive = doctor(folder, tmp_path, capsys)
        assert f"pid {child.pid}" in alive and "open for writing" in alive
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert (folder / ".writer").exists()  # what a crash leaves: the holder's note, not the lock
    dead = doctor(folder, tmp_path, capsys)
    assert "open for writing" not in dead
    assert f"last writer (pid {child.pid}" in dead and "no process holds it now" in dead
    assert "1 record(s)" in dead  # the acknowledged label survived the kill
