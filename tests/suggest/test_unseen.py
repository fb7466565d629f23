"""The shipped model on reports it was not trained on (issue 15's "stronger start"): three reports
written and labelled in national, provincial and city styles, each in its own raw layout
(tests/suggest/data/unseen; labels by the guideline, body sentences only, as the export)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.suggest import Suggester
from reader.suggest.metrics import scores
from reader.suggest.model import predict
from reader.suggest.seeds import labelled_examples, read_units
from reader.text.pipeline import load_document

ROOT = Path(__file__).resolve().parents[2]
UNSEEN = Path(__file__).parent / "data" / "unseen"


@pytest.mark.slow
def test_the_shipped_model_on_unseen_reports() -> None:
    units = read_units(UNSEEN / "labels.jsonl")
    assert {Path(n).stem for n in units} == {"national-2024", "province-2023", "city-2024"}
    examples = [e for name, us in units.items() for e in labelled_examples(load_document(UNSEEN / name), us)]
    suggester = Suggester.load(ROOT / "annotations")
    assert suggester.choice.kind == "shipped"
    model = suggester._get_model()
    assert not set(model.meta["documents"]) & {e.doc for e in examples}  # really unseen by the model
    got = [lab for lab, _d, _s in predict(model, [e.ctx for e in examples])]
    sc = scores([e.label for e in examples], got)
    assert sc["macro_f1"] >= 0.92
    assert sc["labels"]["none"]["f1"] >= 0.85
    assert sc["labels"]["problem"]["recall"] >= 0.95
