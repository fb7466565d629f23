"""The learned part: a logistic regression on `Featurizer` features, trained on labelled sentences,
evaluated by document-wise cross-validation, saved with its metadata under `annotations/model/`.

`combine()` merges the model's probabilities with the rules' verdict: a few rules are trusted over
the model (headings, the problem paragraph, the targets paragraph, ceremony), because their classes
are rare in any one user's labels (13 problem sentences in the seeds) but stable across reports.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from reader.errors import ReaderError
from reader.suggest.context import Context
from reader.suggest.labels import LABELS
from reader.suggest.rules import RuleResult, rule_label

MODEL_DIR = "model"
MODEL_FILE = "suggest-model.joblib"
META_FILE = "suggest-model.json"
FORMAT = 1

# Rules whose verdict stands over the model's when they are at least this sure.
TRUSTED_RULES = {
    "heading",
    "ceremony",
    "byline",
    "ordinal-lead-in",
    "ideology",
    "list-lead-in",
    "targets-paragraph",
    "problem-opener",
    "problem-opener-generic",
    "problem-paragraph",
    "problem-closer",
}


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled sentence with its context."""

    ctx: Context
    label: str
    doc: str


@dataclass
class TrainedModel:
    featurizer: object
    classifier: object
    labels: tuple[str, ...]
    meta: dict = field(default_factory=dict)

    def probabilities(self, ctxs: list[Context], rules: list[RuleResult]) -> list[dict[str, float]]:
        """Per sentence: {label: probability} over the four labels (0 for labels never trained on)."""
        if not ctxs:
            return []
        x = self.featurizer.transform(ctxs, rules)
        proba = self.classifier.predict_proba(x)
        classes = list(self.classifier.classes_)
        out = []
        for row in proba:
            d = dict.fromkeys(LABELS, 0.0)
            for c, p in zip(classes, row, strict=True):
                d[c] = float(p)
            out.append(d)
        return out


def rule_distribution(rule: RuleResult) -> dict[str, float]:
    """The rules' verdict as a distribution: its score on its label, the rest spread evenly."""
    rest = (1.0 - rule.score) / (len(LABELS) - 1)
    return {lab: (rule.score if lab == rule.label else rest) for lab in LABELS}


# Weight of the model against the rules when both speak (doc-wise CV over the seeds: 0.5 gives
# macro-F1 0.954, the model alone 0.946, the rules alone 0.947).
MODEL_WEIGHT = 0.5


def combine(rule: RuleResult, proba: dict[str, float] | None) -> tuple[dict[str, float], str]:
    """Final distribution over the labels and its source ('rules' or 'model')."""
    if proba is None or (rule.rule in TRUSTED_RULES and rule.score >= 0.8):
        return rule_distribution(rule), "rules"
    rd = rule_distribution(rule)
    return {lab: MODEL_WEIGHT * proba[lab] + (1 - MODEL_WEIGHT) * rd[lab] for lab in LABELS}, "model"


def _classifier(seed: int):
    # One-vs-rest liblinear, dual (far more features than sentences): as good as multinomial lbfgs on
    # these features in doc-wise CV (macro-F1 within 0.003) and ~7x faster to fit on 5,000 labels.
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    return OneVsRestClassifier(
        LogisticRegression(C=2.0, solver="liblinear", dual=True, class_weight="balanced", random_state=seed)
    )


def train(
    examples: list[Example], *, seed: int = 0, use_words: bool = True, rules: list[RuleResult] | None = None
) -> TrainedModel:
    """Fit featurizer and classifier on all `examples` (at least two labels needed); `rules` are the
    examples' rule results if already computed."""
    from reader.suggest.features import Featurizer

    labels = sorted({e.label for e in examples})
    if len(labels) < 2:
        raise ReaderError(
            f"cannot train on {len(examples)} label(s) of {len(labels)} kind; label sentences of at least "
            "two kinds first"
        )
    ctxs = [e.ctx for e in examples]
    if rules is None:
        rules = [rule_label(c) for c in ctxs]
    feat = Featurizer(use_words=use_words)
    x = feat.fit_transform(ctxs, rules)
    clf = _classifier(seed)
    clf.fit(x, [e.label for e in examples])
    return TrainedModel(feat, clf, tuple(labels))


def predict(
    model: TrainedModel | None, ctxs: list[Context], rules: list[RuleResult] | None = None
) -> list[tuple[str, dict[str, float], str]]:
    """(label, distribution, source) per context, from rules and (if given) the model."""
    if rules is None:
        rules = [rule_label(c) for c in ctxs]
    probas = model.probabilities(ctxs, rules) if model is not None else [None] * len(ctxs)
    out = []
    for rule, proba in zip(rules, probas, strict=True):
        dist, source = combine(rule, proba)
        out.append((max(dist, key=dist.get), dist, source))
    return out


def folds_of(docs: list[str], max_folds: int) -> list[list[str]]:
    """Documents grouped into at most `max_folds` folds (one document per fold when few)."""
    k = min(len(docs), max_folds)
    return [docs[i::k] for i in range(k)]


def cross_validate(examples: list[Example], *, seed: int = 0, use_words: bool = True, max_folds: int = 5) -> dict:
    """Document-wise cross-validation: for each fold of documents, train on the others and suggest
    for it (leave-one-document-out with up to `max_folds` documents).

    Returns {'folds', 'rules': scores, 'model': scores (rules+model), 'docs': per-document macro-F1}.
    With a single document there is nothing to hold out: returns the rules' scores only.
    """
    from reader.suggest.metrics import scores

    docs = sorted({e.doc for e in examples})
    gold = [e.label for e in examples]
    rules = [rule_label(e.ctx) for e in examples]
    report: dict = {"folds": len(docs), "rules": scores(gold, [r.label for r in rules]), "docs": {}}
    if len(docs) < 2:
        return report
    pred: list[str | None] = [None] * len(examples)
    for fold in folds_of(docs, max_folds):
        held = set(fold)
        train_idx = [i for i, e in enumerate(examples) if e.doc not in held]
        test_idx = [i for i, e in enumerate(examples) if e.doc in held]
        train_ex = [examples[i] for i in train_idx]
        enough = len({e.label for e in train_ex}) >= 2
        model = train(train_ex, seed=seed, use_words=use_words, rules=[rules[i] for i in train_idx]) if enough else None
        got = predict(model, [examples[i].ctx for i in test_idx], [rules[i] for i in test_idx])
        for i, (lab, _dist, _src) in zip(test_idx, got, strict=True):
            pred[i] = lab
        for d in fold:
            idx = [i for i in test_idx if examples[i].doc == d]
            report["docs"][d] = scores([gold[i] for i in idx], [pred[i] for i in idx])["macro_f1"]
    report["model"] = scores(gold, pred)
    return report


def save(model: TrainedModel, annotations: Path, meta: dict) -> Path:
    """Write the model and its JSON metadata under `annotations/model/`; returns the model path."""
    import joblib

    folder = Path(annotations) / MODEL_DIR
    folder.mkdir(parents=True, exist_ok=True)
    model.meta = {"format": FORMAT, "saved": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **meta}
    path = folder / MODEL_FILE
    tmp = path.with_suffix(".tmp")
    joblib.dump(model, tmp, compress=3)
    tmp.replace(path)
    (folder / META_FILE).write_text(json.dumps(model.meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def model_path(annotations: Path) -> Path:
    return Path(annotations) / MODEL_DIR / MODEL_FILE


def load(annotations: Path) -> TrainedModel | None:
    """The saved model, or None if there is none. A broken file is an error the user can fix."""
    path = model_path(annotations)
    if not path.exists():
        return None
    import joblib

    try:
        model = joblib.load(path)
    except Exception as exc:  # unpickling can fail in many ways
        raise ReaderError(f"cannot read the suggestion model {path}: {exc}; run `reader train` again") from exc
    if not isinstance(model, TrainedModel) or model.meta.get("format") != FORMAT:
        raise ReaderError(f"{path} is not a suggestion model of this version; run `reader train` again")
    return model
