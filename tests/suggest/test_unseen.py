"""The shipped model on reports it was not trained on (issue 15's "stronger start"), each written and
labelled by the guideline in its own raw layout (labels on body sentences only, as the export):

- `data/unseen`: national, provincial and city styles (2023–2024), written while the rules were
  developed (development data);
- `data/heldout`: a county's 2022 report and a 2019 provincial report with other part names, labelled
  before any model ran on them (held out; see benchmarks/README.md for the figures before and after).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.suggest import Suggester
from reader.suggest.metrics import scores
from reader.suggest.model import predict
from reader.suggest.seeds import labelled_examples, read_units
from reader.text.pipeline import load_document

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("folder", "reports"),
    [
        ("unseen", {"national-2024", "province-2023", "city-2024"}),
        ("heldout", {"county-2022", "province-2019"}),
    ],
)
def test_the_shipped_model_on_unseen_reports(folder: str, reports: set[str]) -> None:
    units = read_units(DATA / folder / "labels.jsonl")
    assert {Path(n).stem for n in units} == reports
    examples = [e for name, us in units.items() for e in labelled_examples(load_document(DATA / folder / name), us)]
    suggester = Suggester.load(ROOT / "annotations")
    assert suggester.choice.kind == "shipped"
    model = suggester._get_model()
    assert not set(model.meta["documents"]) & {e.doc for e in examples}  # really unseen by the model
    got = [lab for lab, _d, _s in predict(model, [e.ctx for e in examples])]
    sc = scores([e.label for e in examples], got)
    assert sc["macro_f1"] >= 0.92
    assert sc["labels"]["none"]["f1"] >= 0.85
    assert sc["labels"]["problem"]["recall"] >= 0.95
