"""Corrections replace the extraction (`reader.indicators.corrections.apply`, `IndicatorView`): by the
one locate rule for the sentence, by clause text or overlap for the clause, across report edits and
extractor changes; "not an indicator" removes the record; orphans are kept and listed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reader.indicators import extract
from reader.indicators.corrections import apply
from reader.indicators.view import IndicatorView
from reader.labels import IndicatorCorrection
from reader.store import AnnotationStore, StoreError
from reader.text.pipeline import process_bytes
from tests.indicators import passages as P

DOC = "nation-2025"


def load(text: str = P.NATIONAL):
    return process_bytes(text.encode("utf-8"), DOC)


@pytest.fixture
def store(tmp_path):
    s = AnnotationStore(tmp_path / "annotations")
    yield s
    s.close()


def headline(view: IndicatorView, name: str):
    return next(r for r in view.rows if r.record.headline and r.record.indicator == name)


def gdp_target():
    """The national report, its extracted figures and the headline GDP target among them."""
    doc = load()
    records = extract(doc)
    return doc, records, next(r for r in records if r.headline and r.indicator == "国内生产总值")


def correction_of(doc, figure, **fields) -> IndicatorCorrection:
    """An annotator's correction of `figure`, as the store keeps it (on its sentence, at its offset)."""
    sentence = next(s for s in doc.sentences if s.id == figure.sentence)
    return IndicatorCorrection(
        doc=DOC,
        sentence=sentence.id,
        text=sentence.text,
        annotator="li",
        created="2025-01-01T00:00:00Z",
        updated="2025-01-01T00:00:00Z",
        at=figure.start - sentence.start,
        clause=figure.text,
        indicator=figure.indicator,
        unit="%",
        **fields,
    )


def test_a_correction_is_shown_instead_of_the_extraction(store):
    doc = load()
    view = IndicatorView.open(store, doc, "li")
    before = len(view.records)
    gdp = headline(view, "国内生产总值")
    view.correct(gdp, value=[5, 5.5], qualifier="")
    shown = headline(view, "国内生产总值")
    assert (shown.record.value, shown.record.qualifier, shown.source) == ([5, 5.5], "", "corrected")
    assert (shown.record.start, shown.record.text) == (gdp.record.start, "国内生产总值增长5%左右")
    assert shown.correction.extracted["value"] == 5  # what the extractor said is kept
    assert len(view.records) == before
    # another annotator still sees the extraction
    other = IndicatorView.open(store, doc, "wang")
    assert headline(other, "国内生产总值").record.value == 5
    assert headline(other, "国内生产总值").source == "extracted"


def test_not_an_indicator_removes_the_record_and_restore_brings_it_back(store):
    doc = load()
    view = IndicatorView.open(store, doc, "li")
    n = len(view.records)
    balance = headline(view, "国际收支")
    view.reject(balance)
    assert len(view.records) == n - 1
    assert all(r.indicator != "国际收支" for r in view.records)
    row = next(r for r in view.rows if r.rejected)  # still listed (the panel shows it struck out)
    assert row.record.indicator == "国际收支"
    view.restore(row)
    assert len(view.records) == n and not any(r.rejected for r in view.rows)


def test_corrections_are_undoable_with_the_labels(store):
    doc = load()
    view = IndicatorView.open(store, doc, "li")
    view.correct(headline(view, "城镇新增就业"), value=1300)
    view.reject(headline(view, "国际收支"))
    step = store.undo()
    assert step.kind == "correction" and step.record is None
    view.reload()
    assert not any(r.rejected for r in view.rows)
    store.undo()
    view.reload()
    assert headline(view, "城镇新增就业").record.value == 1200
    step = store.redo()
    assert step.record.value == 1300
    view.reload()
    assert headline(view, "城镇新增就业").record.value == 1300


def test_correcting_again_replaces_and_keeps_the_creation_time(store):
    doc = load()
    view = IndicatorView.open(store, doc, "li")
    first = view.correct(headline(view, "粮食产量"), value=1.5)
    second = view.correct(headline(view, "粮食产量"), unit="亿斤", value=14000)
    assert second.created == first.created and second.key == first.key
    assert len(store.corrections(DOC, "li")) == 1
    shown = headline(view, "粮食产量").record
    assert (shown.value, shown.unit, shown.qualifier) == (14000, "亿斤", "左右")


def test_a_bad_correction_is_refused_and_nothing_is_stored(store):
    doc = load()
    view = IndicatorView.open(store, doc, "li")
    gdp = headline(view, "国内生产总值")
    for bad in ({"value": [6, 5]}, {"kind": "goal"}, {"indicator": " "}, {"year": 20025}, {"value": "5%"}):
        with pytest.raises(StoreError):
            view.correct(gdp, **bad)
    assert store.corrections(DOC) == []


def test_the_correction_follows_its_clause_when_the_report_is_edited(store):
    doc = load()
    view = IndicatorView.open(store, doc, "li")
    view.correct(headline(view, "城镇调查失业率"), qualifier="以内")
    # the report is re-issued with another GDP figure in the same sentence: the sentence's id
    # changes; the correction finds it again (a small edit) and its clause by its text
    edited = load(P.NATIONAL.replace("国内生产总值增长5%左右", "国内生产总值增长5.5%左右"))
    assert not {s.id for s in doc.sentences if "主要预期目标" in s.text} & {s.id for s in edited.sentences}
    again = IndicatorView.open(store, edited, "li")
    shown = headline(again, "城镇调查失业率")
    assert (shown.record.qualifier, shown.source) == ("以内", "corrected")
    assert headline(again, "国内生产总值").record.value == 5.5 and not again.applied.orphans


def test_a_changed_figure_keeps_the_correction_on_the_overlapping_clause(store):
    doc = load()
    view = IndicatorView.open(store, doc, "li")
    view.correct(headline(view, "国内生产总值"), qualifier="左右（预期）")
    edited = load(P.NATIONAL.replace("国内生产总值增长5%左右", "国内生产总值增长5.5%左右"))
    shown = headline(IndicatorView.open(store, edited, "li"), "国内生产总值")
    assert shown.record.text == "国内生产总值增长5.5%左右"  # the new clause, the annotator's word
    assert (shown.record.qualifier, shown.source) == ("左右（预期）", "corrected")


def test_a_clause_the_extractor_no_longer_reads_is_still_shown_corrected():
    doc, records, gdp = gdp_target()
    correction = correction_of(doc, gdp, measure="增长", value=5, qualifier="左右", extracted={"headline": True})
    without = [r for r in records if r is not gdp]  # as if a later extractor missed it
    applied = apply(without, [correction], doc)
    found = next(r for r in applied.records if r.indicator == "国内生产总值" and r.kind == "target")
    assert (found.start, found.end, found.text) == (gdp.start, gdp.end, gdp.text)
    assert found.headline and found.source == "corrected" and found.line == gdp.line
    # its clause gone from the text: an orphan, listed, never shown
    gone = replace(correction, sentence="x:y:0", text="今年要办好十件实事。", clause="办好十件实事")
    applied = apply(records, [gone], doc)
    assert applied.orphans == [gone] and len(applied.records) == len(records)


def test_the_latest_of_two_corrections_on_one_clause_wins():
    doc, records, gdp = gdp_target()
    base = correction_of(doc, gdp, value=6)
    later = replace(base, at=base.at + 1, value=7, updated="2025-02-01T00:00:00Z")
    applied = apply(records, [base, later], doc)
    assert [r.value for r in applied.records if r.start == gdp.start] == [7]
    assert applied.orphans == [base]


def test_the_table_pairs_headline_targets_with_last_years_outcomes(store):
    view = IndicatorView.open(store, load(), "li")
    table = view.table()
    first = table[0]
    assert first.target.record.indicator == "国内生产总值" and first.target.record.headline
    assert first.outcome is not None and first.outcome.record.text.endswith("增长5%")
    assert first.outcome.record.kind == "outcome" and first.outcome.record.unit == "%"
    jobs = next(t for t in table if t.target and t.target.record.indicator == "城镇新增就业")
    assert jobs.outcome.record.value == 1256
    # every clause appears exactly once
    listed = [id(r) for t in table for r in t.rows]
    assert len(listed) == len(set(listed)) == len(view.rows)


def test_corrections_survive_closing_and_reopening_the_store(tmp_path):
    doc = load()
    with AnnotationStore(tmp_path / "a") as store:
        view = IndicatorView.open(store, doc, "li")
        view.correct(headline(view, "粮食产量"), value=1.45)
        view.reject(headline(view, "国际收支"))
    with AnnotationStore(tmp_path / "a", read_only=True) as store:
        view = IndicatorView.open(store, doc, "li")
        assert headline(view, "粮食产量").record.value == 1.45
        assert not any(r.indicator == "国际收支" for r in view.records)
        with pytest.raises(StoreError):
            view.correct(headline(view, "粮食产量"), value=2)
