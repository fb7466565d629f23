"""Cohen's kappa between two annotators on the items both labelled."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float | None:
    """κ = (p_o − p_e) / (1 − p_e) for paired labels `a[i]`, `b[i]`.

    Returns None when it is undefined: no pairs, or both annotators used one and the same label
    throughout (p_e = 1).
    """
    if len(a) != len(b):
        raise ValueError("cohen_kappa needs two label lists of the same length")
    n = len(a)
    if n == 0:
        return None
    p_o = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    p_e = sum(ca[k] * cb[k] for k in ca) / (n * n)
    if p_e >= 1.0:
        return None
    return (p_o - p_e) / (1 - p_e)
