"""`Suggester`: a label suggestion for every sentence of a document, from the rules and (when one is
trained) the model; the API the CLI and the TUI use.

    s = Suggester.load("annotations", annotator="li")   # li's own model, else the shipped one; cheap
    s.describe()                          # which model, in words ("li's model (230 of li's labels + …)")
    s.suggest(doc) -> list[Suggestion]    # first call with a model loads it (sklearn, jieba)
    Suggester.train(records, docs, reviewed, own=("li",)) -> (TrainedModel, report)
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.suggest.context import contexts
from reader.suggest.labels import LABELS
from reader.suggest.saved import ModelChoice, choose

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

    def __init__(self, model: TrainedModel | None = None, *, choice: ModelChoice | None = None) -> None:
        self._model = model
        self.choice = choice if choice is not None else ModelChoice("rules" if model is None else "given")
        """Which saved model this suggester uses (kind 'rules' for none, 'given' for one passed in)."""
        self._loaded = model is not None or self.choice.folder is None
        self._lock = threading.Lock()

    # --- loading ---------------------------------------------------------------------------------
    @classmethod
    def load(cls, annotations: str | Path, annotator: str | None = None, *, fallback: Path | None = None) -> Suggester:
        """Suggester for `annotator`'s own model under `annotations/models/`, else a model in
        `annotations/model/` (else `fallback/model/`), else the shipped one installed with reader
        (`reader/suggest/shipped/`), else the rules alone.
        Cheap: the model file is read on the first `suggest` (or `warm()`).
        """
        return cls(choice=choose(Path(annotations), annotator, fallback=fallback))

    @classmethod
    def rules_only(cls) -> Suggester:
        return cls()

    @property
    def has_model(self) -> bool:
        return self._model is not None or self.choice.folder is not None

    def describe(self) -> str:
        """Which model the suggestions come from, in words (cheap)."""
        return self.choice.describe() if self.choice.kind != "given" else "a model passed in"

    def warm(self) -> None:
        """Load the model (and jieba) now, e.g. in a worker thread before the first `suggest`."""
        model = self._get_model()
        if model is not None:
            from reader.suggest.features import words

            words("预热")

    def _get_model(self) -> TrainedModel | None:
        with self._lock:
            if not self._loaded:
                from reader.suggest.saved import load

                self._model = load(self.choice.folder)
                self._loaded = True
            return self._model

    @property
    def info(self) -> dict:
        """The model's metadata (labels, counts, date, CV scores), {} without a model. Cheap."""
        if self._model is not None:
            return dict(self._model.meta)
        return self.choice.meta()

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
        own: Iterable[str] = (),
        seed: int = 0,
        cross_validate: bool = True,
    ) -> tuple[TrainedModel, dict]:
        """Train on store records (+ reviewed marks as negatives) over `docs` {doc id: Document}.

        `own`: the annotators whose model this is. Their labels outweigh the others' (the reference
        labels, a prior) and win where both labelled a sentence; the model learns where they depart
        from the reference. Without `own` every label counts the same (the shipped model).
        Returns the model and a report: counts per label, documents, and (if `cross_validate` and at
        least two documents) leave-one-document-out scores of rules alone and rules+model (on the own
        annotators' labels when there are any).
        Raises ReaderError if there is too little to learn from.
        """
        from collections import Counter

        from reader.suggest import model as m
        from reader.suggest.training import collect_examples

        own = tuple(sorted(set(own)))
        got = collect_examples(records, docs, reviewed)
        examples = got.examples
        trained = m.train(examples, seed=seed, own=own)
        mine = [e for e in examples if e.annotator in own]
        report: dict = {
            "examples": len(examples),
            "own_examples": len(mine),
            "prior_examples": len(examples) - len(mine) if own else 0,
            "counts": dict(Counter(e.label for e in (mine if own else examples))),
            "documents": sorted({e.doc for e in examples}),
            "own_documents": sorted({e.doc for e in mine}),
            "negatives_from_reviewed": got.negatives,
            "explicit_nones": got.explicit_nones,
            "notes_only": got.notes_only,
            "without_document": got.without_doc,
            "not_sentences": got.not_sentences,
            "skipped": got.skipped,
        }
        if cross_validate:
            report["cv"] = m.cross_validate(examples, seed=seed, own=own)
        return trained, report
