"""Helpers for the indicator tests: records as comparable tuples, and the scoring used by the gold tests."""

from __future__ import annotations

from reader.indicators import Indicator


def figure(r: Indicator) -> tuple:
    return (r.indicator, r.value, r.unit, r.qualifier)


def matches(gold: tuple, r: Indicator) -> bool:
    """The issue's comparison: value, unit and qualifier exactly; indicator names where one contains
    the other."""
    name, value, unit, qualifier = gold
    return (
        r.value == value
        and r.unit == unit
        and r.qualifier == qualifier
        and (name in r.indicator or r.indicator in name)
    )


def score(gold: list[tuple], found: list[Indicator]) -> tuple[int, list[tuple], list[Indicator]]:
    """(true positives, missed gold, unmatched records), each record used at most once."""
    used: set[int] = set()
    missed = []
    for g in gold:
        for i, r in enumerate(found):
            if i not in used and matches(g, r):
                used.add(i)
                break
        else:
            missed.append(g)
    extra = [r for i, r in enumerate(found) if i not in used]
    return len(gold) - len(missed), missed, extra


def f1(tp: int, gold: int, found: int) -> float:
    if not tp:
        return 0.0
    precision, recall = tp / found, tp / gold
    return 2 * precision * recall / (precision + recall)
