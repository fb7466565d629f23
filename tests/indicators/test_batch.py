"""The worker pool of `reader indicators FOLDER`: results in order, and garbage collection paused only
in the parent that holds them."""

from __future__ import annotations

import gc

from reader.gcpause import no_gc_pauses
from reader.indicators import batch


def _collects(path, corrections=()):
    return path.name, gc.isenabled()


def test_workers_collect_garbage_while_the_parent_holding_the_results_does_not(tmp_path):
    paths = []
    for k in range(batch.POOL_THRESHOLD + 4):  # enough for the pool
        path = tmp_path / f"r{k:02d}.txt"
        path.write_text("x", encoding="utf-8")
        paths.append(path)
    was = gc.isenabled()
    gc.enable()
    try:
        with no_gc_pauses():
            assert not gc.isenabled()
            results = [result for _, result in batch.run(paths, _collects, workers=2)]
        assert gc.isenabled()
        assert results == [(p.name, True) for p in paths]
        gc.disable()
        with no_gc_pauses():
            pass
        assert not gc.isenabled()  # a caller that had paused it finds it paused
    finally:
        (gc.enable if was else gc.disable)()
