"""Held-out round 2: six reports written for this check (invented places, new wording) in the forms
the first held-out set lacks, with hand-read gold written before the extractor was run on them
(`data/unseen2/gold.jsonl`, principles in `data/README.md`).

- `qinglan-2024.txt` (city, newspaper columns of 20 characters, a page turn with the next page's
  running header inside the targets): targets as a `——` list one per line, a range `5.5%—6%`,
  `控制在…以内`, `不高于`, a decrease; outcomes with `同比`, `完成年度预算的103.2%`, a share.
- `qinglan-2025.txt` (the same city a year later, a web page with site chrome and an appendix of
  名词解释): the indicators named differently (`全市生产总值`, `规上工业增加值`, income split into
  urban and rural by `分别`), a range `6%到6.5%`, a decrease as an outcome; its outcomes pair with
  the 2024 report's targets.
- `yunze-2023.txt` (province, `pdftotext -layout` of an A4 file, first year of a term): a 过去五年
  review (five-year figures: year null) with a paragraph on 2022 inside it, a plan period's goals,
  and the year's targets as a table (指标 / 单位 / 目标值, cells separated by runs of spaces).
- `yunze-2024.txt` (the same province a year later, a PDF extractor's plain text, full-width digits,
  page numbers): `比上年提高0.8个百分点` as a target, `完成年度目标的105.8%`, `分别达到…元和…元，
  增长…和…`; its outcomes pair with the 2023 table.
- `national-2027.pdf` (national, set as a tabloid page by `tests/pdf/typeset.py` from
  `national-2027.ref`): `超过148万亿元`, 万亿斤, `保持基本平衡`; the deficit and bond figures after the
  targets are not headline.
- `lushui-2025.txt` (county, a web page, the targets as a tab-separated table): a rank without a
  number (增速居全市第二), counts in 人.
- `yanshan-2026.txt` (city, a web page), written after the fixes below to check them: targets as a
  numbered list (1.…；), `完成预算的100.6%`, `占比70.8%`, `分别增长8.3%和4.7%` after a 、 list,
  `增速比全省高0.4个百分点`. First scored: headline 8 of 8, outcomes 16 of 17 (the `比全省高` comparison:
  a class, fixed), years all right.

First scored before any change made for them: headline F1 0.843 (43 of 59, no extra), outcomes 0.958
(101 of 107), years of the outcomes found 0.951, pairing 0.50 (11 of 22). After the class fixes
(`test_round2_classes.py`): 0.917, 1.00, 1.00, 0.59; every miss left was yunze-2023's table, which the
text pipeline read as two columns; without it 1.00 throughout. Since the text pipeline keeps a
`-layout` table's rows (a column of short cells is a table's, and a table the report announces stays
in the text): every figure of this round is scored. With yanshan-2026 (after its fix): 0.928, 1.00, 1.00, 0.59. See
`benchmarks/README.md` "## indicators", held-out round 2.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from reader.indicators import extract
from reader.indicators.structure import report_place, report_year
from reader.indicators.table import indicator_key, rows, summarize
from reader.text.pipeline import load_document
from tests.indicators.conftest import f1, matches, score

DATA = Path(__file__).parent / "data" / "unseen2"
REPORTS = {
    "qinglan-2024.txt": 2024,
    "qinglan-2025.txt": 2025,
    "yunze-2023.txt": 2023,
    "yunze-2024.txt": 2024,
    "national-2027.pdf": 2027,
    "lushui-2025.txt": 2025,
    "yanshan-2026.txt": 2026,
}
HEADLINE_F1 = 0.95
OUTCOME_F1 = 0.95
YEARS = 0.95
PAIRS = 0.95


def gold(part: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for line in (DATA / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        if g["part"] == part:
            out[g["report"]].append(g)
    return out


def _figure(g: dict) -> tuple:
    return (g["indicator"], g["value"], g["unit"], g["qualifier"])


@pytest.fixture(scope="module")
def docs():
    return {name: load_document(DATA / name) for name in REPORTS}


@pytest.fixture(scope="module")
def records(docs):
    return {name: extract(doc) for name, doc in docs.items()}


def figures_f1(records, part: str, pick) -> tuple[float, list[str]]:
    tp = n_gold = n_found = 0
    problems = []
    for report, items in gold(part).items():
        found = [r for r in records[report] if pick(r)]
        hit, missed, extra = score([_figure(g) for g in items], found)
        tp, n_gold, n_found = tp + hit, n_gold + len(items), n_found + len(found)
        problems += [f"{report}: missed {m}" for m in missed] + [f"{report}: extra {e.text}" for e in extra]
    return f1(tp, n_gold, n_found), problems


def outcome_years(records) -> tuple[float, list[str]]:
    """Of the gold outcomes found, the share read for the right year (null: a five-year figure)."""
    right = found = 0
    problems = []
    for report, items in gold("outcome").items():
        pool = [r for r in records[report] if r.kind == "outcome"]
        for g in items:
            r = next((r for r in pool if matches(_figure(g), r)), None)
            if r is None:
                continue
            pool.remove(r)
            found += 1
            if r.year == g["year"]:
                right += 1
            else:
                problems.append(f"{report}: {r.text} read for {r.year}, not {g['year']}")
    return right / found, problems


def pairing(docs) -> tuple[float, list[str]]:
    """The corpus table over the six reports: for each gold pair, the row of that report and indicator
    holds the right outcome and the previous report's right target."""
    summaries = []
    for doc in docs.values():
        summaries.append(summarize(doc, extract(doc, all_targets=False), report_place(doc), report_year(doc)))
    table = rows(summaries)
    right = total = 0
    problems = []
    for report, items in gold("pair").items():
        doc_id = docs[report].id
        for g in items:
            total += 1
            row = next(
                (r for r in table if r["doc"] == doc_id and indicator_key(r["indicator"]) == g["indicator"]), None
            )
            if row is None:
                problems.append(f"{report}: no row for {g['indicator']}")
                continue
            outcome = [row["outcome_value"], row["outcome_unit"]] if row["outcome"] else None
            previous = [row["previous_target_value"], row["previous_target_unit"]] if row["previous_target"] else None
            if outcome == g["outcome"] and previous == g["previous_target"]:
                right += 1
            else:
                problems.append(f"{report} {g['indicator']}: outcome {outcome} previous {previous}")
    return right / total, problems


def test_headline_targets_f1(records):
    value, problems = figures_f1(records, "headline", lambda r: r.headline)
    assert value >= HEADLINE_F1, problems


def test_outcomes_f1(records):
    value, problems = figures_f1(records, "outcome", lambda r: r.kind == "outcome")
    assert value >= OUTCOME_F1, problems


def test_outcome_years(records):
    value, problems = outcome_years(records)
    assert value >= YEARS, problems


def test_pairing_across_years(docs):
    value, problems = pairing(docs)
    assert value >= PAIRS, problems


def test_headline_years_and_places(docs, records):
    for report, year in REPORTS.items():
        assert {r.year for r in records[report] if r.headline} == {year}, report
    places = {report: report_place(doc) for report, doc in docs.items()}
    assert places["qinglan-2024.txt"] == places["qinglan-2025.txt"] == "青岚市"
    assert places["yunze-2023.txt"] == places["yunze-2024.txt"] == "云泽省"


if __name__ == "__main__":  # the round's table: `python -m tests.indicators.test_unseen2`
    d = {name: load_document(DATA / name) for name in REPORTS}
    recs = {name: extract(doc) for name, doc in d.items()}
    for label, (value, problems) in {
        "headline F1": figures_f1(recs, "headline", lambda r: r.headline),
        "outcomes F1": figures_f1(recs, "outcome", lambda r: r.kind == "outcome"),
        "outcome years": outcome_years(recs),
        "pairing": pairing(d),
    }.items():
        print(f"{label}: {value:.3f}")
        for p in problems:
            print("   ", p)


def test_no_figures_from_the_appendix_of_definitions(docs, records):
    """名词解释 (2000万元及以上, 步行15分钟左右): definitions, not targets or outcomes."""
    doc = docs["qinglan-2025.txt"]
    appendix = doc.text.index("名词解释")
    assert [r.text for r in records["qinglan-2025.txt"] if r.start > appendix] == []


def test_the_plan_periods_goals_and_the_budget_figures_are_no_headline(records):
    heads = {r.indicator for report in REPORTS for r in records[report] if r.headline}
    assert not heads & {"赤字率", "赤字规模", "地方政府专项债券", "常住人口城镇化率达到"}
    goals = [r for r in records["yunze-2023.txt"] if r.year is None and r.kind == "target"]
    assert {r.value for r in goals} >= {5.5, 65}  # 今后五年…年均增长5.5%左右, 城镇化率达到65%: no single year
