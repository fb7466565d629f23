"""Precision / recall / F1 per label, macro-F1 and the confusion table (plain Python)."""

from __future__ import annotations

from collections.abc import Sequence

from reader.suggest.labels import LABELS


def scores(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] = LABELS) -> dict:
    """{'labels': {label: {precision, recall, f1, support}}, 'macro_f1', 'accuracy', 'confusion', 'n'}.

    `confusion[g][p]` counts sentences labelled g that were suggested p. Macro-F1 averages over the
    labels that occur in gold or pred (a class absent from both says nothing either way).
    """
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    confusion = {g: {p: 0 for p in labels} for g in labels}
    for g, p in zip(gold, pred, strict=True):
        if g in confusion and p in confusion[g]:
            confusion[g][p] += 1
    per: dict[str, dict] = {}
    f1s = []
    for lab in labels:
        tp = confusion[lab][lab]
        fp = sum(confusion[g][lab] for g in labels) - tp
        fn = sum(confusion[lab].values()) - tp
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per[lab] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
        if tp + fp + fn:
            f1s.append(f1)
    correct = sum(1 for g, p in zip(gold, pred, strict=True) if g == p)
    return {
        "labels": per,
        "macro_f1": sum(f1s) / len(f1s) if f1s else 0.0,
        "accuracy": correct / len(gold) if gold else 0.0,
        "confusion": confusion,
        "n": len(gold),
    }
