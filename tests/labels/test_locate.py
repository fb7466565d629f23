"""`locate(record, document)`: by id, by the same text nearest the old place, by a small edit in
the same section (text_changed), else an orphan. Run on real reports edited the way users edit them."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.labels import EDIT_SIMILARITY, LabelRecord, locate, locate_all, squeeze
from reader.text.pipeline import process_text

ROOT = Path(__file__).resolve().parents[2]
RAW = (ROOT / "corpus" / "jinzhong-2025.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def doc():
    return process_text(RAW, "jinzhong-2025")


def record_for(sentence, label="achievement", annotator="li") -> LabelRecord:
    return LabelRecord.new(
        "jinzhong-2025",
        sentence.id,
        label,
        annotator=annotator,
        text=sentence.text,
        section=sentence.section,
        line=sentence.line,
        start=sentence.start,
        end=sentence.end,
    )


def sentence_with(doc, fragment: str):
    return next(s for s in doc.sentences if fragment in squeeze(s.text))


def test_by_id(doc):
    s = sentence_with(doc, "出行更加便捷")
    found = locate(record_for(s), doc)
    assert (found.sentence, found.how, found.text_changed) == (s, "id", False)


def test_one_word_edit_keeps_the_label_with_text_changed(doc):
    """Finding 1/2: 便捷 → 方便 in the report; the label follows its sentence, marked changed."""
    s = sentence_with(doc, "出行更加便捷")
    edited = process_text(RAW.replace("出行更加便捷", "出行更加方便"), "jinzhong-2025")
    found = locate(record_for(s), edited)
    assert found.how == "edit" and found.text_changed
    assert "出行更加方便" in squeeze(found.sentence.text)
    assert found.sentence.section == s.section


def test_one_character_fix(doc):
    s = sentence_with(doc, "全年完成固定资产投资682.6亿元")
    edited = process_text(RAW.replace("682.6亿元", "682.7亿元"), "jinzhong-2025")
    found = locate(record_for(s), edited)
    assert found.how == "edit" and "682.7" in found.sentence.text


def test_rewrapped_text_is_found_by_id_or_text(doc):
    s = sentence_with(doc, "出行更加便捷")
    # the same words, wrapped differently: ids survive re-wrapping
    edited = process_text(RAW.replace("出行更加便捷", "出行更加\n便捷"), "jinzhong-2025")
    found = locate(record_for(s), edited)
    assert found.how in ("id", "text") and not found.text_changed


def test_moved_sentence_found_by_text_nearest_the_old_place(doc):
    s = sentence_with(doc, "出行更加便捷")
    rec = record_for(s).replace(sentence="jinzhong-2025:0000000000:0")  # an id from an older pipeline
    found = locate(rec, doc)
    assert (found.sentence, found.how) == (s, "text")


def test_a_different_sentence_is_an_orphan_not_a_guess(doc):
    s = sentence_with(doc, "出行更加便捷")
    gone = record_for(s).replace(
        sentence="jinzhong-2025:0000000000:0", text="这里完全是另一句不相干的话，没有相同的内容。"
    )
    found = locate(gone, doc)
    assert found.orphan and found.how is None


def test_edit_is_only_looked_for_in_the_same_section(doc):
    s = sentence_with(doc, "出行更加便捷")
    rec = record_for(s).replace(sentence="x:0:0", text=s.text.replace("便捷", "方便"), section=("别的部分",))
    assert locate(rec, doc).orphan


def test_threshold_is_the_documented_one():
    assert 0.7 < EDIT_SIMILARITY < 0.95


def test_two_labels_of_one_annotator_never_share_a_sentence(doc):
    s = sentence_with(doc, "出行更加便捷")
    a = record_for(s)
    b = record_for(s).replace(sentence="jinzhong-2025:0000000000:0")  # a stale duplicate
    pairs = locate_all([a, b], doc)
    found = {r["sentence"]: loc for r, loc in pairs}
    assert found[a["sentence"]].sentence == s
    assert found[b["sentence"]].orphan


def test_after_confirming_an_edit_found_by_id(doc):
    s = sentence_with(doc, "出行更加便捷")
    edited = process_text(RAW.replace("出行更加便捷", "出行更加方便"), "jinzhong-2025")
    moved = locate(record_for(s), edited).sentence
    # re-attached, not confirmed: text_changed stays until the user confirms
    rec = record_for(s).replace(sentence=moved.id, text=moved.text, labelled_text=s.text, text_changed=True)
    again = locate(rec, edited)
    assert again.how == "id" and again.text_changed
    # the report edited back: the label is on its labelled text again
    back = locate(rec, doc)
    assert back.sentence == s and not back.text_changed
