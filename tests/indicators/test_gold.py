"""The checks of issue 13 on the seed reports, through the corpus copies:
- headline targets against ../shared/gold/indicators_seeds.jsonl (31 targets read by hand; copied to
  data/headline_seeds.jsonl): F1 ≥ 0.95;
- outcomes against our own gold for the review parts (data/outcomes_seeds.jsonl, read by hand; see
  data/README.md for what counts): F1 ≥ 0.95.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from reader.indicators import extract
from reader.text.pipeline import load_document
from tests.conftest import CORPUS, ROOT
from tests.indicators.conftest import f1, score

DATA = Path(__file__).parent / "data"
SHARED_GOLD = ROOT.parent / "shared" / "gold" / "indicators_seeds.jsonl"
SEED_TO_CORPUS = {
    "000_710bd79c0141fc2a.txt": "xinzhou-2025.txt",
    "002_73dc8c5210b09934.txt": "datong-2025.txt",
    "003_4ca470a0a2d501aa.txt": "shuozhou-2024.txt",
    "004_be2025eff9b5ccd6.txt": "jinzhong-2025.txt",
}


def _gold(path: Path) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        report = SEED_TO_CORPUS.get(g["report"], g["report"])
        out[report].append((g["indicator"], g["value"], g["unit"], g["qualifier"]))
    return out


@pytest.fixture(scope="module")
def records():
    return {name: extract(load_document(CORPUS / name)) for name in SEED_TO_CORPUS.values()}


def _total(gold, pick):
    tp = n_gold = n_found = 0
    problems = []
    for report, items in gold.items():
        found = pick(report)
        hit, missed, extra = score(items, found)
        tp, n_gold, n_found = tp + hit, n_gold + len(items), n_found + len(found)
        problems += [f"{report}: missed {m}" for m in missed] + [f"{report}: extra {e.text}" for e in extra]
    return f1(tp, n_gold, n_found), problems


def test_headline_targets_f1_on_the_seeds(records):
    gold = _gold(DATA / "headline_seeds.jsonl")
    assert sum(len(v) for v in gold.values()) == 31
    value, problems = _total(gold, lambda report: [r for r in records[report] if r.headline])
    assert value >= 0.95, problems


def test_headline_targets_are_targets_of_the_report_year(records):
    years = {"xinzhou-2025.txt": 2025, "datong-2025.txt": 2025, "shuozhou-2024.txt": 2024, "jinzhong-2025.txt": 2025}
    for report, found in records.items():
        heads = [r for r in found if r.headline]
        assert heads, report
        assert {r.kind for r in heads} == {"target"}
        assert {r.year for r in heads} == {years[report]}


@pytest.mark.skipif(not SHARED_GOLD.exists(), reason="../shared is not beside this checkout")
def test_headline_gold_copy_is_the_shared_file():
    assert (DATA / "headline_seeds.jsonl").read_bytes() == SHARED_GOLD.read_bytes()


def test_outcomes_f1_on_our_gold_of_the_review_parts(records):
    gold = _gold(DATA / "outcomes_seeds.jsonl")
    assert sum(len(v) for v in gold.values()) > 250
    value, problems = _total(gold, lambda report: [r for r in records[report] if r.kind == "outcome"])
    assert value >= 0.95, problems


def test_outcomes_are_for_the_year_before_the_report(records):
    for report, found in records.items():
        year = int(report.split("-")[1][:4])
        outcomes = [r for r in found if r.kind == "outcome"]
        assert outcomes and {r.year for r in outcomes} == {year - 1}, report


def test_the_news_feature_has_no_headline_and_no_problem_sentences():
    found = extract(load_document(CORPUS / "xinzhou-feature-2025.txt"))
    assert not any(r.headline for r in found)
