"""A report's indicator records: every quantitative clause of its target and achievement sentences.

    from reader.indicators import extract
    records = extract(doc)          # doc: reader.text.model.Document

Which sentences: body sentences outside the problem paragraph (and, in the sentence that opens it,
the figures after the opener) and outside the end notes (名词解释: definitions). Target or outcome: the main targets
paragraph is target; otherwise the part of the report decides (plan → target, review → outcome)
unless the sentence's own words say otherwise (a review sentence about 今年/力争 is a target); in a
text without parts (a news feature) the words alone decide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.indicators.clauses import might_hold_figures, records_of_candidate, records_of_row
from reader.indicators.lines import line_map
from reader.indicators.model import Indicator
from reader.indicators.structure import (
    figure_year,
    find_headline,
    long_term_spans,
    paragraph_year,
    report_year,
    sentence_kind,
)
from reader.suggest.context import PROBLEM_OPENER

if TYPE_CHECKING:
    from reader.text.model import Document


def _parts(doc: Document, *, plan: bool = True) -> list[tuple[str, bool]]:
    """(part, in the problem paragraph) for each sentence, as the suggestion engine's context tells
    them (`reader.suggest.context.part_states`). `plan=False`: the sentences under a plan part's
    heading are not looked at (they are told 'plan'), which saves most of the work when only the
    headline and the outcomes are wanted."""
    from reader.suggest.context import classify_part_title, part_states

    if plan:
        return part_states(doc)
    part_of_title = {h.title: classify_part_title(h.title) for h in doc.outline if h.level == 1}

    plan_of: dict[tuple[str, ...], bool] = {}  # by section path: a section's sentences share it

    def in_plan(section: tuple[str, ...]) -> bool:
        if (found := plan_of.get(section)) is None:
            found = plan_of[section] = next((part_of_title[t] for t in section if t in part_of_title), "") == "plan"
        return found

    planned = [in_plan(s.section) for s in doc.sentences]
    rest = iter(part_states(doc, [s for s, p in zip(doc.sentences, planned, strict=True) if not p]))
    return [("plan", False) if p else next(rest) for p in planned]


def extract(doc: Document, *, lines: bool = True, all_targets: bool = True) -> list[Indicator]:
    """Every indicator record of `doc`, in text order. `lines=False` skips reading the raw file
    again for each clause's raw line (the sentence's line is used instead); `all_targets=False`
    leaves out the targets outside the main targets paragraph (all the corpus table needs)."""
    year = report_year(doc)
    headline = find_headline(doc)
    mapping = line_map(doc) if lines else None
    period_goals = long_term_spans(doc)
    out: list[Indicator] = []
    for s, (part, in_problems) in zip(doc.sentences, _parts(doc, plan=all_targets), strict=True):
        if s.kind != "sentence" or doc.paragraphs[s.paragraph].kind == "note":
            continue  # end notes (注释, 名词解释) define terms: their numbers are no figures of the report
        in_headline = headline is not None and s.index in headline.sentences
        if in_problems and not in_headline:
            continue
        if not all_targets and part == "plan" and not in_headline and sentence_kind(part, s.text) == "target":
            continue  # a plan sentence that is no outcome: told apart cheaply, before the figures are looked for
        if not might_hold_figures(s.text):
            continue
        kind = "target" if in_headline else sentence_kind(part, s.text)
        if kind == "target" and not in_headline and not all_targets:
            continue
        # a row of a targets table (指标 / 单位 / 目标值) is read as the clause it stands for
        found = (in_headline and records_of_row(s.text)) or records_of_candidate(s.text)
        if not found:
            continue
        section = tuple(s.section)
        if part != "plan" and not in_headline and (opener := PROBLEM_OPENER.search(s.text)):
            # 在肯定成绩的同时，我们也清醒地看到…：利润下降6.3%: the list after the opener is the problems
            found = [f for f in found if f.at < opener.start()]
        for f in found:
            start, end = s.start + f.start, s.start + f.end
            is_headline = in_headline and kind == "target" and start >= headline.start
            out.append(
                Indicator(
                    doc=doc.id,
                    sentence=s.id,
                    section=section,
                    line=mapping.line_of(start) if mapping else s.line,
                    start=start,
                    end=end,
                    indicator=f.indicator,
                    measure=f.measure,
                    value=f.value,
                    unit=f.unit,
                    qualifier=f.qualifier,
                    kind=kind,
                    headline=is_headline,
                    year=figure_year(
                        kind,
                        year,
                        section,
                        s.text,
                        s.text[f.start : f.at],
                        any(a <= start < b for a, b in period_goals),
                        paragraph_year(doc.text, doc.paragraphs[s.paragraph].start) if kind == "outcome" else None,
                    ),
                    text=doc.text[start:end],
                )
            )
    return out
