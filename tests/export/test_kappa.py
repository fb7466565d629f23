"""Cohen's kappa against examples computed by hand."""

import pytest

from reader.export.kappa import cohen_kappa


def test_two_labels_textbook_example():
    # 50 items: both yes 20, A yes/B no 5, A no/B yes 10, both no 15.
    # p_o = 35/50 = 0.7; A says yes 25/50, B 30/50: p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.2/0.5 = 0.4
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_three_labels():
    # agree on 7 of 10 → p_o = 0.7; both use t 5×, a 3×, p 2× → p_e = (25 + 9 + 4)/100 = 0.38
    # κ = (0.7 − 0.38)/(1 − 0.38) = 0.32/0.62
    a = ["t", "t", "t", "t", "a", "a", "a", "p", "p", "t"]
    b = ["t", "t", "t", "a", "a", "a", "p", "p", "t", "t"]
    assert cohen_kappa(a, b) == pytest.approx(0.32 / 0.62)


def test_perfect_and_chance_and_undefined():
    assert cohen_kappa(["t", "a", "p"], ["t", "a", "p"]) == pytest.approx(1.0)
    # Systematic disagreement is worse than chance.
    assert cohen_kappa(["t", "a"], ["a", "t"]) == pytest.approx(-1.0)
    assert cohen_kappa([], []) is None
    assert cohen_kappa(["t", "t"], ["t", "t"]) is None  # one label only: chance agreement is 1
    with pytest.raises(ValueError):
        cohen_kappa(["t"], [])
