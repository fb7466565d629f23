"""Document-level train/dev/test splits: no report in two splits, balanced per label, seeded.

Documents are shuffled with the seed, then each goes, in that order, to the split where it brings
the per-label shares closest to the targets (the smallest increase of the squared error between
each split's share of each label and that split's target share). Every label weighs the same,
so rare labels (problem) are spread as well as frequent ones.
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


def assign(doc_counts: Mapping[str, Counter[str] | Mapping[str, int]], shares: Mapping[str, float],
           seed: int) -> dict[str, str]:
    """Map each document id to a split name. `doc_counts[doc][label]` = records of that label.

    Deterministic for (documents, counts, shares, seed); the input order of documents does not matter.
    """
    docs = sorted(doc_counts)
    random.Random(seed).shuffle(docs)
    totals: Counter[str] = Counter()
    for doc in docs:
        totals.update(doc_counts[doc])
    labels = sorted(label for label, n in totals.items() if n > 0)
    current = {name: Counter() for name in shares}
    result: dict[str, str] = {}
    for doc in docs:
        counts = doc_counts[doc]

        def cost_increase(name: str, counts=counts) -> float:
            target, have = shares[name], current[name]
            delta = 0.0
            for label in labels:
                n = counts.get(label, 0)
                if n:
                    before = have[label] / totals[label] - target
                    after = (have[label] + n) / totals[label] - target
                    delta += after * after - before * before
            return delta

        # Ties (e.g. a document without records) go to the split furthest below its target share
        # of all records, then to the first named.
        def overall_gap(name: str) -> float:
            all_total = sum(totals.values()) or 1
            return shares[name] - sum(current[name].values()) / all_total

        best = min(shares, key=lambda name: (round(cost_increase(name), 12), -overall_gap(name)))
        result[doc] = best
        current[best].update(counts)
    return result
