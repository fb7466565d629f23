"""Suggestions in the app: fetching them, retraining the annotator's model, and the "least sure
next" walk. No widgets here: the reading screen calls these from its workers and keys.

Suggesting and training are pure-Python heavy (jieba, n-grams): in a thread of the app they would
hold the GIL and make every key wait. They run as `reader suggest` / `reader train` subprocesses
(the suggest package's command-line API); the worker thread only waits on a pipe. Training goes
through `reader train --annotator NAME`, which saves the annotator's own model apart from the
shipped one (see the README, Suggestions).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.labels import is_unit

UNSURE_MARGIN = 0.2
"""Below this margin (top minus runner-up probability) a suggestion is "unsure" (the hint line's
word, and the "unsure suggestion" filter)."""
SURE_MARGIN = 0.5
"""From this margin on a suggestion is "sure" (between the two: "fairly sure")."""
RULE_WORDS = {
    "heading": "a heading",
    "fragment": "a fragment (very short, a question or a quote)",
    "problem-opener": "opens the problems paragraph and names one",
    "problem-opener-generic": "the problems paragraph's general opener",
    "problem-closer": "the resolve that closes the problems paragraph",
    "problem-paragraph": "in the problems paragraph",
    "byline": "a byline or date line",
    "ordinal-lead-in": "an ordinal lead-in (一是…)",
    "ceremony": "ceremony (greetings, thanks)",
    "ideology": "guiding ideology (以…为指导)",
    "list-lead-in": "the lead-in of a list",
    "targets-paragraph": "the main targets paragraph (预期目标)",
    "framing": "framing (今年是…, 从全国看…)",
    "review-summary-lead": "a review section's summary lead",
    "lead-in": "a section's lead-in",
    "review-summary-shaped": "a heading-like summary in the review",
    "heading-shaped": "shaped like a heading",
    "problem-words": "problem words (短板, 不足, 压力…)",
    "review-intent": "intent words in the review (力争, 今年将…)",
    "review-part": "in the review part (what was done)",
    "resolve-rhetoric": "resolve rhetoric (我们一定…)",
    "plan-past": "completion words in the plan part (已经, 累计…)",
    "plan-part": "in the plan part (what will be done)",
    "intent-words": "a hedge or intent words (左右, 以上, 力争…)",
    "completion-words": "completion words (完成, 实现, 累计…)",
    "action-words": "action verbs (推进, 加快…)",
    "no-cue": "no cue in the wording",
}
"""The suggester's rule names (`reader suggest --json`, "rule") in words, for the hint line."""
RETRAIN_EVERY = 20
"""After this many new labels in a session the model retrains in a worker and suggestions refresh."""


def sureness(margin: float) -> str:
    """How sure the suggester is, in words, from its margin (top minus runner-up probability)."""
    if margin < UNSURE_MARGIN:
        return "unsure"
    if margin < SURE_MARGIN:
        return "fairly sure"
    return "sure"


def reason_words(source: str, rule: str) -> str:
    """Why a sentence got its suggestion, in words: the rule that fired, and whether the model
    (which weighs that rule with the sentence's words and place) or the rule alone decided."""
    words = RULE_WORDS.get(rule, rule.replace("-", " "))
    return f"model, rule: {words}" if source == "model" else words


def run_reader(*args: str) -> str:
    """Run a `reader` command in a subprocess; its standard output, or ReaderError with its message."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "reader", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ReaderError(str(exc)) from None
    if done.returncode:
        lines = done.stderr.strip().splitlines()
        raise ReaderError(lines[-1].removeprefix("reader: error: ") if lines else f"exit {done.returncode}")
    return done.stdout


class Suggestions:
    """One report's suggestions for one annotator, and when to retrain."""

    def __init__(self, path: Path, annotations: Path, annotator: str) -> None:
        self.path = Path(path)
        self.annotations = Path(annotations)
        self.annotator = annotator
        self.table: dict[str, tuple[str, float]] = {}
        """Sentence id → (label, score); "none" suggestions are kept for the hint line."""
        self.margins: dict[str, float] = {}
        """How sure the suggester is of each sentence (top minus runner-up probability)."""
        self.reasons: dict[str, tuple[str, str]] = {}
        """Sentence id → (source, rule): "rules" or "model", and the rule that fired."""
        self.visible = True
        self._new_labels = 0
        self._walked: tuple[float, int, str] | None = None
        """The sentence `w` went to last: pressed again there, `w` goes on down the list."""

    # --- in a worker thread ---------------------------------------------------------------------
    def fetch(self) -> tuple[dict[str, tuple[str, float]], dict[str, float], dict[str, tuple[str, str]]]:
        """Run `reader suggest` for this report (blocking: call from a worker)."""
        out = run_reader(
            "suggest", str(self.path), "--json", "--annotations", str(self.annotations), "--annotator", self.annotator
        )
        table: dict[str, tuple[str, float]] = {}
        margins: dict[str, float] = {}
        reasons: dict[str, tuple[str, str]] = {}
        for line in out.splitlines():
            row = json.loads(line)
            margins[row["id"]] = float(row.get("margin", row["score"]))
            table[row["id"]] = (row["label"], float(row["score"]))
            if row.get("rule"):
                reasons[row["id"]] = (row.get("source", "rules"), row["rule"])
        return table, margins, reasons

    def retrain(self) -> tuple[dict[str, tuple[str, float]], dict[str, float], dict[str, tuple[str, str]]]:
        """Train this annotator's model (`reader train`; saved apart from the shipped one), then
        fetch fresh suggestions (blocking: call from a worker)."""
        run_reader(
            "train",
            "--no-cv",
            "--annotations",
            str(self.annotations),
            "--corpus",
            str(self.path.parent),
            "--annotator",
            self.annotator,
        )
        return self.fetch()

    def model_in_use(self) -> str:
        from reader.suggest.saved import PROJECT_ANNOTATIONS, choose

        return choose(self.annotations, self.annotator, fallback=PROJECT_ANNOTATIONS).describe()

    # --- on the UI thread -----------------------------------------------------------------------
    def update(
        self,
        table: dict[str, tuple[str, float]],
        margins: dict[str, float] | None = None,
        reasons: dict[str, tuple[str, str]] | None = None,
    ) -> None:
        self.table = table
        self.margins = margins if margins is not None else {sid: score for sid, (_, score) in table.items()}
        self.reasons = reasons or {}

    def counted_label(self) -> bool:
        """Count one new label; True when it is time to retrain."""
        self._new_labels += 1
        if self._new_labels >= RETRAIN_EVERY:
            self._new_labels = 0
            return True
        return False

    def least_sure(
        self, by_id: Mapping[str, Any], labels: Mapping[str, str], current: Any
    ) -> tuple[Any, int, int] | None:
        """(sentence, k, N) of the next sentence to visit least sure first: the unlabelled units
        with a suggestion, smallest margin first. Pressed on the sentence it went to last (labelled
        there or not), it goes on down the list, and round again at its end; anywhere else it
        starts from the least sure."""
        order = sorted(
            (m, s.index, sid)
            for sid, m in self.margins.items()
            if (s := by_id.get(sid)) is not None and is_unit(s) and sid not in labels
        )
        if not order:
            return None
        start = 0
        if self._walked is not None and current.id == self._walked[2]:
            start = next((k for k, item in enumerate(order) if item > self._walked), len(order))
        for k in [*range(start, len(order)), *range(start)]:
            if order[k][2] != current.id:
                self._walked = order[k]
                return by_id[order[k][2]], k + 1, len(order)
        return None
