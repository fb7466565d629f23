"""The learned part: a logistic regression on `Featurizer` features (the rules' verdict among them),
trained on labelled sentences and evaluated by document-wise cross-validation (`saved` stores it).

Whose labels count: a user's model trains on the reference labels as a prior and on the user's own
labels, which weigh more, win on a sentence both labelled, and train an own copy of every feature, so
the model departs from the reference (and from the rules) exactly where the user does.
`combine()` blends the model's probabilities with the rules' distribution (a prior, never a veto).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.errors import ReaderError
from reader.suggest.context import Context
from reader.suggest.labels import LABELS
from reader.suggest.rules import RuleResult, rule_label


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled sentence with its context."""

    ctx: Context
    label: str
    doc: str
    annotator: str = ""
    """Whose label it is ("" when unknown)."""


@dataclass
class TrainedModel:
    featurizer: object
    classifier: object
    labels: tuple[str, ...]
    meta: dict = field(default_factory=dict)
    own: tuple[str, ...] = ()
    """The annotators whose model this is; empty for a model of one set of labels (the shipped one).
    With own annotators the features have a second, own copy (see `train`)."""
    priors: dict[str, dict[str, float]] = field(default_factory=dict)
    """The rules' verdicts as learned from the user's labels: per `rule_key`, the distribution of the
    user's labels where that rule fired, smoothed towards the rule's own verdict (see `calibrate`).
    Empty for the shipped model; a rule the user never met keeps its own verdict."""

    def prior(self, ctx: Context, rule: RuleResult) -> dict[str, float]:
        """The prior of one sentence: its rule's learned verdict, else the rule's own."""
        return self.priors.get(rule_key(ctx, rule)) or rule_distribution(rule)

    def probabilities(self, ctxs: list[Context], rules: list[RuleResult]) -> list[dict[str, float]]:
        """Per sentence: {label: probability} over the four labels (0 for labels never trained on)."""
        if not ctxs:
            return []
        x = self.featurizer.transform(ctxs, rules)
        if self.own:
            x = _augment(x, [True] * len(ctxs))
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


# Weight of the model against the prior (the rules' verdict, as learned from the labels) when both speak.
MODEL_WEIGHT = 0.5


def combine(
    rule: RuleResult, proba: dict[str, float] | None, prior: dict[str, float] | None = None
) -> tuple[dict[str, float], str]:
    """Final distribution over the labels and its source ('rules' or 'model'). `prior` is the rule's
    learned verdict (`TrainedModel.prior`), else the rule's own."""
    rd = prior or rule_distribution(rule)
    if proba is None:
        return rd, "rules"
    return {lab: MODEL_WEIGHT * proba[lab] + (1 - MODEL_WEIGHT) * rd[lab] for lab in LABELS}, "model"


def rule_key(ctx: Context, rule: RuleResult) -> str:
    """What a learned rule verdict is kept per: the rule and the part of the report it fired in (a
    user may call the plan part's lead-ins targets and still the review's `none`)."""
    return f"{rule.rule}|{ctx.part}"


OWN_PRIOR_STRENGTH = 1.0
"""How many labels the rule's own verdict is worth against the user's labels where the rule fired: a
handful of the user's labels decide it (a convention shows in every report, even a short one)."""
CONVENTION_SHARE = 0.75
"""A rule's learned verdict replaces its own only where the user is consistent: one label has at
least this share of the (smoothed) labels. A mixed picture (26 targets and 12 nones among the
heading-shaped sentences a user was asked about) is the sentences' own variety, which the model
learns from their text; a convention (every plan lead-in a target) is one answer, every time."""


def calibrate(
    keys: list[str], labels: list[str], base: dict[str, dict[str, float]], strength: float
) -> dict[str, dict[str, float]]:
    """Per key, the labels' distribution smoothed towards `base[key]` by `strength` pseudo-labels
    (a Dirichlet posterior mean): one label moves the verdict a little, a handful decide it. Only
    keys where one label has `CONVENTION_SHARE` are kept."""
    counts: dict[str, dict[str, float]] = {}
    for k, lab in zip(keys, labels, strict=True):
        counts.setdefault(k, dict.fromkeys(LABELS, 0.0))[lab] += 1.0
    out = {}
    for k, c in counts.items():
        b = base[k]
        n = sum(c.values())
        dist = {lab: (c[lab] + strength * b[lab]) / (n + strength) for lab in LABELS}
        if max(dist.values()) >= CONVENTION_SHARE:
            out[k] = dist
    return out


class OneVsRest:
    """One binary logistic regression per label, probabilities normalised to sum to 1 (what
    scikit-learn's OneVsRestClassifier does, but with per-example weights)."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.classes_: list[str] = []
        self.estimators_: list = []

    def fit(self, x, y: list[str], sample_weight: list[float] | None = None) -> OneVsRest:
        # liblinear, dual (far more features than sentences): as good as multinomial lbfgs on these
        # features in doc-wise CV (macro-F1 within 0.003) and ~7x faster to fit on 5,000 labels.
        import numpy as np
        from sklearn.linear_model import LogisticRegression

        self.classes_ = sorted(set(y))
        labels = np.asarray(y)
        self.estimators_ = []
        for c in self.classes_:
            lr = LogisticRegression(
                C=2.0, solver="liblinear", dual=True, class_weight="balanced", random_state=self.seed
            )
            lr.fit(x, (labels == c).astype(int), sample_weight=sample_weight)
            self.estimators_.append(lr)
        return self

    def predict_proba(self, x):
        import numpy as np

        p = np.column_stack([e.predict_proba(x)[:, 1] for e in self.estimators_])
        return p / np.maximum(p.sum(axis=1, keepdims=True), 1e-12)


OWN_WEIGHT = 3.0
"""How much one of the user's own labels weighs against one reference label in their model."""


def _augment(x, own_rows: list[bool]):
    """[x | x on own rows, 0 elsewhere]: the second copy of every feature is learned from the user's
    labels alone, so the model can depart from the reference exactly where the user does (feature
    augmentation, Daumé 2007), while it answers like the reference where the user said nothing."""
    import numpy as np
    from scipy.sparse import diags, hstack

    mask = diags(np.asarray(own_rows, dtype=np.float32))
    return hstack([x, mask @ x], format="csr")


def split_own(examples: list[Example], own: tuple[str, ...]) -> tuple[list[Example], list[bool]]:
    """The examples a model of `own` trains on, and which of them are the user's own. A reference
    label on a sentence the user labelled is dropped: on that sentence, the user's label is the one."""
    own_set = set(own)
    mine = {(e.doc, e.ctx.text) for e in examples if e.annotator in own_set}
    kept = [e for e in examples if e.annotator in own_set or (e.doc, e.ctx.text) not in mine]
    return kept, [e.annotator in own_set for e in kept]


def train(
    examples: list[Example],
    *,
    seed: int = 0,
    use_words: bool = True,
    rules: list[RuleResult] | None = None,
    own: tuple[str, ...] = (),
) -> TrainedModel:
    """Fit featurizer and classifier on `examples` (at least two labels needed); `rules` are the
    examples' rule results if already computed.

    With `own` annotators, their labels are the user's: each weighs `OWN_WEIGHT` reference labels,
    wins over a reference label on the same sentence, and trains the own copy of the features.
    """
    from reader.suggest.features import Featurizer

    if own:
        if rules is not None:
            by_id = {id(e): r for e, r in zip(examples, rules, strict=True)}
        examples, own_rows = split_own(examples, own)
        if rules is not None:
            rules = [by_id[id(e)] for e in examples]
        if not any(own_rows):
            own = ()
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
    weights = None
    if own:
        x = _augment(x, own_rows)
        weights = [OWN_WEIGHT if o else 1.0 for o in own_rows]
    clf = OneVsRest(seed).fit(x, [e.label for e in examples], weights)
    priors: dict[str, dict[str, float]] = {}
    if own:  # the rules as a prior, learned from the user's labels (the reference's are the rules')
        mine = [i for i, o in enumerate(own_rows) if o]
        keys = [rule_key(ctxs[i], rules[i]) for i in mine]
        base = {k: rule_distribution(rules[i]) for k, i in zip(keys, mine, strict=True)}
        priors = calibrate(keys, [examples[i].label for i in mine], base, OWN_PRIOR_STRENGTH)
    return TrainedModel(feat, clf, tuple(labels), own=tuple(sorted(own)), priors=priors)


def predict(
    model: TrainedModel | None, ctxs: list[Context], rules: list[RuleResult] | None = None
) -> list[tuple[str, dict[str, float], str]]:
    """(label, distribution, source) per context, from rules and (if given) the model."""
    if rules is None:
        rules = [rule_label(c) for c in ctxs]
    probas = model.probabilities(ctxs, rules) if model is not None else [None] * len(ctxs)
    out = []
    for ctx, rule, proba in zip(ctxs, rules, probas, strict=True):
        dist, source = combine(rule, proba, model.prior(ctx, rule) if model is not None else None)
        out.append((max(dist, key=dist.get), dist, source))
    return out


def folds_of(docs: list[str], max_folds: int) -> list[list[str]]:
    """Documents grouped into at most `max_folds` folds (one document per fold when few)."""
    k = min(len(docs), max_folds)
    return [docs[i::k] for i in range(k)]


def cross_validate(
    examples: list[Example], *, seed: int = 0, use_words: bool = True, max_folds: int = 5, own: tuple[str, ...] = ()
) -> dict:
    """Document-wise cross-validation: for each fold of documents, train on the others and suggest
    for it (leave-one-document-out with up to `max_folds` documents).

    With `own` annotators, only their labels are scored and their documents folded; the other labels
    (the prior) always train, except those on the held-out documents.
    Returns {'folds', 'rules': scores, 'model': scores (rules+model), 'docs': per-document macro-F1}.
    With a single document there is nothing to hold out: returns the rules' scores only.
    """
    from reader.suggest.metrics import scores

    rule_of = {id(e): rule_label(e.ctx) for e in examples}
    scored = [e for e in examples if not own or e.annotator in own]
    docs = sorted({e.doc for e in scored})
    gold = [e.label for e in scored]
    report: dict = {"folds": len(docs), "rules": scores(gold, [rule_of[id(e)].label for e in scored]), "docs": {}}
    if len(docs) < 2:
        return report
    pred: list[str | None] = [None] * len(scored)
    for fold in folds_of(docs, max_folds):
        held = set(fold)
        train_ex = [e for e in examples if e.doc not in held]
        test_idx = [i for i, e in enumerate(scored) if e.doc in held]
        enough = len({e.label for e in train_ex}) >= 2
        model = (
            train(train_ex, seed=seed, use_words=use_words, rules=[rule_of[id(e)] for e in train_ex], own=own)
            if enough
            else None
        )
        got = predict(model, [scored[i].ctx for i in test_idx], [rule_of[id(scored[i])] for i in test_idx])
        for i, (lab, _dist, _src) in zip(test_idx, got, strict=True):
            pred[i] = lab
        for d in fold:
            idx = [i for i in test_idx if scored[i].doc == d]
            report["docs"][d] = scores([gold[i] for i in idx], [pred[i] for i in idx])["macro_f1"]
    report["model"] = scores(gold, pred)
    return report
