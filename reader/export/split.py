"""Document-level train/dev/test splits: no report in two splits, balanced per label, seeded.

Documents are shuffled with the seed, then each goes, in that order, to the split where it brings
the per-label shares closest to the targets (the smallest increase of the squared error between
each split's share of each label and that split's target share); moves and swaps of documents then
polish the result. Every label weighs the same, so rare labels (problem) are spread as well as
frequent ones.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Mapping

from reader.errors import ReaderError

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def parse_split(spec: str) -> dict[str, float]:
    """`train=0.8,dev=0.1,test=0.1` → {"train": 0.8, "dev": 0.1, "test": 0.1} (shares sum to 1)."""
    hint = "expected NAME=SHARE,… with shares summing to 1, e.g. train=0.8,dev=0.1,test=0.1"
    shares: dict[str, float] = {}
    for part in spec.split(","):
        name, eq, value = part.strip().partition("=")
        name = name.strip()
        if not eq or not _NAME.match(name):
            raise ReaderError(f"bad --split {spec!r}: {part.strip()!r} is not NAME=SHARE; {hint}")
        if name in shares:
            raise ReaderError(f"bad --split {spec!r}: {name!r} appears twice; {hint}")
        try:
            share = float(value)
        except ValueError:
            raise ReaderError(f"bad --split {spec!r}: {value.strip()!r} is not a number; {hint}") from None
        if not 0 < share <= 1:
            raise ReaderError(f"bad --split {spec!r}: share of {name!r} must be in (0, 1]; {hint}")
        shares[name] = share
    if len(shares) < 2:
        raise ReaderError(f"bad --split {spec!r}: needs at least two splits; {hint}")
    total = sum(shares.values())
    if abs(total - 1.0) > 1e-6:
        raise ReaderError(f"bad --split {spec!r}: shares sum to {total:g}, not 1; {hint}")
    return shares


def assign(
    doc_counts: Mapping[str, Counter[str] | Mapping[str, int]], shares: Mapping[str, float], seed: int
) -> dict[str, str]:
    """Map each document id to a split name. `doc_counts[doc][label]` = records of that label.

    Deterministic for (documents, counts, shares, seed); the input order of documents does not matter.
    A greedy pass places the shuffled documents one by one; then single moves, and swaps between
    two splits, are made while they bring the per-label shares closer to the targets.
    """
    docs = sorted(doc_counts)
    random.Random(seed).shuffle(docs)
    totals: Counter[str] = Counter()
    for doc in docs:
        totals.update(doc_counts[doc])
    labels = sorted(label for label, n in totals.items() if n > 0)
    all_total = sum(totals[label] for label in labels) or 1
    counts = {
        doc: {label: doc_counts[doc].get(label, 0) for label in labels if doc_counts[doc].get(label)} for doc in docs
    }
    current: dict[str, Counter[str]] = {name: Counter() for name in shares}
    sizes = dict.fromkeys(shares, 0)

    def term(name: str, label: str, have: int) -> float:
        gap = have / totals[label] - shares[name]
        return gap * gap

    def delta(name: str, change: Mapping[str, int], sign: int) -> float:
        """How the cost of split `name` changes when `change` is added (sign 1) or removed (−1)."""
        have = current[name]
        return sum(
            term(name, label, have[label] + sign * n) - term(name, label, have[label]) for label, n in change.items()
        )

    def put(doc: str, name: str, sign: int) -> None:
        for label, n in counts[doc].items():
            current[name][label] += sign * n
        sizes[name] += sign * sum(counts[doc].values())

    where: dict[str, str] = {}
    for doc in docs:
        # Ties (a document without records) go to the split furthest below its share of all records.
        best = min(
            shares, key=lambda name: (round(delta(name, counts[doc], 1), 12), sizes[name] / all_total - shares[name])
        )
        where[doc] = best
        put(doc, best, 1)

    eps = 1e-12
    for _ in range(50):
        improved = False
        for doc in docs:  # single moves
            src = where[doc]
            for dst in shares:
                if dst == src:
                    continue
                gain = delta(src, counts[doc], -1) + delta(dst, counts[doc], 1)
                if gain < -eps:
                    put(doc, src, -1)
                    put(doc, dst, 1)
                    where[doc] = src = dst
                    improved = True
        if len(docs) <= 400:  # swaps: quadratic, only worth it (and needed) for small corpora
            for i, a in enumerate(docs):
                for b in docs[i + 1 :]:
                    sa, sb = where[a], where[b]
                    if sa == sb:
                        continue
                    diff = Counter(counts[b])
                    diff.subtract(counts[a])  # what split sa gains (and sb loses) by the swap
                    change = {label: n for label, n in diff.items() if n}
                    if not change:
                        continue
                    gain = delta(sa, change, 1) + delta(sb, change, -1)
                    if gain < -eps:
                        put(a, sa, -1)
                        put(b, sb, -1)
                        put(a, sb, 1)
                        put(b, sa, 1)
                        where[a], where[b] = sb, sa
                        improved = True
        if not improved:
            break
    return where
