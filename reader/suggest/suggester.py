"""`Suggester`: a label suggestion for every sentence of a document, from the rules and (when one is
trained) the model; the API the CLI and the TUI use.

    s = Suggester.load("annotations")     # cheap: reads no model yet
    s.suggest(doc) -> list[Suggestion]    # first call with a model loads it (sklearn, jieba)
    Suggester.train(records, docs, reviewed) -> (TrainedModel, report)
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.suggest.context import contexts
from reader.suggest.labels import LABELS

if TYPE_CHECKING:
    from reader.suggest.model import TrainedModel
    from reader.text.model import Document


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The suggested label of one sentence."""

    sentence_id: str
    label: str
    """One of target, achievement, problem, none."""
    score: float
    """Probability of `label` (0–1)."""
    source: str
    """'rules' or 'model'."""
    margin: float
    """Probability of `label` minus that of the runner-up (0–1): small = unsure; ask about these first."""
    rule: str
    """Name of the rule that fired (the reason, also when the model decided)."""
    probabilities: tuple[tuple[str, float], ...] = ()
    """(label, probability) for all four labels."""


class Suggester:
    """Suggestions from rules + an optional trained model. Thread-safe for `suggest` calls."""

    def __init__(self, model: TrainedModel | None = None, *, model_path: Path | None = None) -> None:
        self._model = model
        self._model_path = model_path
        self._loaded = model is not None or model_path is None
        self._lock = threading.Lock()

    # --- loading ---------------------------------------------------------------------------------
    @classmethod
    def load(cls, annotations: str | Path) -> Suggester:
        """Suggester for the model saved under `annotations/model/` (rules alone if there is none).
        Cheap: the model file is read on the first `suggest` (or `warm()`).
        """
        from reader.suggest.model import model_path

        path = model_path(Path(annotations))
        return cls(model_path=path if path.exists() else None)

    @classmethod
    def rules_only(cls) -> Suggester:
        return cls()

    @property
    def has_model(self) -> bool:
        return self._model is not None or self._model_path is not None

    def warm(self) -> None:
        """Load the model (and jieba) now, e.g. in a worker thread before the first `suggest`."""
        model = self._get_model()
        if model is not None:
            from reader.suggest.features import words

            words("预热")

    def _get_model(self) -> TrainedModel | None:
        with self._lock:
            if not self._loaded:
                from reader.suggest.model import load

                self._model = load(self._model_path.parent.parent)
                self._loaded = True
            return self._model

    @property
    def info(self) -> dict:
        """The model's metadata (labels, counts, date, CV scores), {} without a model. Cheap."""
        if self._model is not None:
            return dict(self._model.meta)
        if self._model_path is not None:
            from reader.suggest.model import META_FILE

            try:
                return json.loads((self._model_path.parent / META_FILE).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return {}
        return {}

    # --- suggesting ------------------------------------------------------------------------------
    def suggest(self, doc: Document) -> list[Suggestion]:
        """One suggestion per sentence of `doc`, in order."""
        from reader.suggest.model import predict
        from reader.suggest.rules import rule_label

        ctxs = contexts(doc)
        rules = [rule_label(c) for c in ctxs]
        results = predict(self._get_model(), ctxs, rules)
        out = []
        for s, r, (label, dist, source) in zip(doc.sentences, rules, results, strict=True):
            ranked = sorted(dist.values(), reverse=True)
            out.append(
                Suggestion(
                    sentence_id=s.id,
                    label=label,
                    score=round(float(dist[label]), 4),
                    source=source,
                    margin=round(float(ranked[0] - ranked[1]), 4),
                    rule=r.rule,
                    probabilities=tuple((lab, round(float(dist[lab]), 4)) for lab in LABELS),
                )
            )
        return out

    @staticmethod
    def least_sure(suggestions: Iterable[Suggestion], labelled: Iterable[str] = ()) -> list[str]:
        """Sentence ids of the unlabelled sentences, least sure first (the order to ask in)."""
        skip = set(labelled)
        pending = [s for s in suggestions if s.sentence_id not in skip]
        return [s.sentence_id for s in sorted(pending, key=lambda s: (s.margin, s.score))]

    # --- training --------------------------------------------------------------------------------
    @staticmethod
    def train(
        records: Iterable[Mapping],
        docs: Mapping[str, Document],
        reviewed: Iterable[Mapping] = (),
        *,
        seed: int = 0,
        cross_validate: bool = True,
    ) -> tuple[TrainedModel, dict]:
        """Train on store records (+ reviewed marks as negatives) over `docs` {doc id: Document}.

        Returns the model and a report: counts per label, documents, and (if `cross_validate` and at
        least two documents) leave-one-document-out scores of rules alone and rules+model.
        Raises ReaderError if there is too little to learn from.
        """
        from collections import Counter

        from reader.suggest import model as m
        from reader.suggest.training import collect_examples

        got = collect_examples(records, docs, reviewed)
        examples = got.examples
        trained = m.train(examples, seed=seed)
        report: dict = {
            "examples": len(examples),
            "counts": dict(Counter(e.label for e in examples)),
            "documents": sorted({e.doc for e in examples}),
            "negatives_from_reviewed": got.negatives,
            "without_document": got.without_doc,
            "skipped": got.skipped,
        }
        if cross_validate:
            report["cv"] = m.cross_validate(examples, seed=seed)
        return trained, report
