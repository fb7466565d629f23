"""The collector is paused only inside the pipeline and comes back as it was."""

from __future__ import annotations

import gc

from reader.gcpause import no_gc_pauses
from reader.text.pipeline import process_text

TEXT = "政府工作报告\n\n一、过去一年\n\n地区生产总值增长5%。\n"


def test_the_pipeline_leaves_the_collector_on_and_does_not_run_it_while_it_works():
    assert gc.isenabled()
    runs = []
    gc.callbacks.append(lambda phase, info: runs.append(phase))
    try:
        doc = process_text(TEXT * 200, "d")  # 1,800 lines: unpaused, the collector runs 4 times
    finally:
        gc.callbacks.pop()
    assert gc.isenabled() and doc.sentences
    assert runs.count("start") <= 1  # at most once, when the pause ends


def test_a_paused_caller_stays_paused_and_nesting_restores_only_the_outer_state():
    with no_gc_pauses():
        with no_gc_pauses():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block did not switch it back on
        process_text(TEXT, "d")
        assert not gc.isenabled()
    assert gc.isenabled()
