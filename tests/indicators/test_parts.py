"""The part and problem state the extraction reads (`reader.suggest.context.part_states`) is what the
suggestion engine's `contexts` says, for a whole report and for a selection of its sentences (the
corpus table looks only at the sentences outside the plan part)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reader.suggest.context import contexts, part_states
from reader.text.pipeline import load_document
from tests.conftest import CORPUS

REPORTS = sorted(CORPUS.glob("*.txt"))


@pytest.mark.parametrize("path", REPORTS, ids=[p.stem for p in REPORTS])
def test_part_states_are_the_contexts_parts(path):
    doc = load_document(path)
    states = part_states(doc)
    assert states == [(c.part, c.in_problems) for c in contexts(doc)]
    assert any(problems for _, problems in states) or path.stem.endswith("feature-2025")
    every_other = doc.sentences[::2]
    assert part_states(doc, every_other) == [
        (c.part, c.in_problems) for c in contexts(replace(doc, sentences=every_other))
    ]
