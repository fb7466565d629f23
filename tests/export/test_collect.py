"""Records built from a real store and hand-built documents: fields, provenance, negatives, orphans."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.export.collect import Selection, collect
from reader.export.records import NATIVE_FIELDS
from tests.export.conftest import PART1, PART2, SEC21, SEC22, label


def run(store, corpus, **options):
    return collect(store, corpus.dir, Selection(**options), load=corpus.load)


def test_native_record_field_by_field(store, corpus):
    doc = corpus.add("jinzhong-2025")
    stored = label(store, doc, 2, "achievement", note="数字可查")
    out = run(store, corpus)
    assert len(out.records) == 1
    r = out.records[0]
    s = doc.sentences[2]
    assert list(r) == list(NATIVE_FIELDS)
    assert r == {
        "id": s.id,
        "doc": "jinzhong-2025",
        "text": "新建5G基站1200个。",
        "label": "achievement",
        "section": [PART1],
        "start": s.start,
        "end": s.end,
        "line": 5,
        "annotator": "li",
        "created": stored["created"],
        "updated": stored["updated"],
        "note": "数字可查",
        "text_changed": False,
        "labelled_text": "新建5G基站1200个。",
        "implicit": False,
        "reviewed": False,
        "review_scope": [],
        "unit": "sentence",
        "sentence": s.id,
    }
    # The offsets point into the document's text, and the line is the raw line.
    assert doc.text[r["start"] : r["end"]] == r["text"]
    assert out.documents == {
        "jinzhong-2025": {
            "path": str(corpus.dir / "jinzhong-2025.txt"),
            "sha256": "sha-of-jinzhong-2025",
            "missing": False,
        }
    }


def test_positions_come_from_the_current_text(store, corpus):
    doc = corpus.add("d")
    s = doc.sentences[6]
    # Labelled when the text was laid out differently: stale positions and section in the store.
    store.set_label("d", s.id, "target", annotator="li", text=s.text, section=["旧标题"], line=99, start=1000, end=1010)
    r = run(store, corpus).records[0]
    assert (r["line"], r["start"], r["end"], r["section"]) == (s.line, s.start, s.end, [PART2, SEC21])


def test_missing_document_falls_back_to_stored_positions(store, corpus):
    doc = corpus.add("gone")
    label(store, doc, 1, "achievement")
    (corpus.dir / "gone.txt").unlink()
    out = run(store, corpus)
    r = out.records[0]
    assert (r["line"], r["start"], r["section"]) == (3, doc.sentences[1].start, [PART1])
    assert out.documents["gone"]["missing"] is True
    assert any("gone" in note and "stored" in note for note in out.notes)


def test_order_filters_and_multiple_annotators(store, corpus):
    a, b = corpus.add("a"), corpus.add("b")
    label(store, b, 7, "target", "wang")
    label(store, a, 7, "target", "li")
    label(store, a, 1, "achievement", "wang")
    label(store, a, 1, "achievement", "li")
    label(store, a, 3, "problem", "li")
    out = run(store, corpus)
    assert [(r["doc"], r["line"], r["annotator"]) for r in out.records] == [
        ("a", 3, "li"),
        ("a", 3, "wang"),
        ("a", 7, "li"),
        ("a", 15, "li"),
        ("b", 15, "wang"),
    ]
    assert {r["annotator"] for r in run(store, corpus, annotators=["wang"]).records} == {"wang"}
    assert {r["doc"] for r in run(store, corpus, docs=["b"]).records} == {"b"}
    assert [r["label"] for r in run(store, corpus, labels={"problem"}).records] == ["problem"]


def test_unknown_annotator_or_document(store, corpus):
    doc = corpus.add("a")
    label(store, doc, 1, "achievement")
    with pytest.raises(ReaderError, match="unknown annotator nobody"):
        run(store, corpus, annotators=["nobody"])
    with pytest.raises(ReaderError, match="unknown document nope"):
        run(store, corpus, docs=["nope"])


def test_negatives_only_from_reviewed_sections(store, corpus):
    doc = corpus.add("d")
    label(store, doc, 7, "target")
    store.mark_reviewed("d", (PART2, SEC21), annotator="li")
    # Another annotator's review never produces negatives for li, nor li's for them.
    store.mark_reviewed("d", (PART1,), annotator="wang")
    out = run(store, corpus, negatives=True, annotators=["li"])
    got = [(r["text"], r["label"]) for r in out.records]
    # 持续扩大有效投资。 (a lead-in, kind "sentence") is unlabelled → none; the labelled one keeps its
    # label; the section heading never comes out; nothing from the unreviewed sections.
    assert got == [("持续扩大有效投资。", "none"), ("力争全年开工项目300个。", "target")]
    neg = out.records[0]
    mark = store.reviewed("d", "li")[0]
    assert neg["annotator"] == "li" and neg["updated"] == mark["updated"] and neg["note"] == ""
    assert neg["section"] == [PART2, SEC21] and neg["line"] == 13
    # wang's review of part 1: his negatives are the three body sentences of part 1.
    wang = run(store, corpus, negatives=True, annotators=["wang"]).records
    assert [r["line"] for r in wang] == [3, 5, 7] and {r["label"] for r in wang} == {"none"}
    # Without --negatives: no none records at all.
    assert [r["label"] for r in run(store, corpus).records] == ["target"]


def test_whole_document_review_and_label_filter(store, corpus):
    doc = corpus.add("d")
    label(store, doc, 1, "achievement")
    label(store, doc, 9, "target")
    store.mark_reviewed("d", None, annotator="li")
    out = run(store, corpus, negatives=True)
    body = [s for s in doc.sentences if s.kind == "sentence"]
    assert len(out.records) == len(body)
    assert [r["label"] for r in out.records] == ["achievement", "none", "none", "none", "none", "target", "none"]
    assert not any(r["text"] in (PART1, PART2, SEC21, SEC22) for r in out.records)
    # --labels target: the achievement sentence is left out, but never becomes a negative.
    filtered = run(store, corpus, negatives=True, labels={"target"}).records
    assert [r["label"] for r in filtered] == ["none", "none", "none", "none", "target", "none"]
    assert "全市地区生产总值增长5.2%。" not in [r["text"] for r in filtered]


def test_orphans_skipped_unless_asked(store, corpus):
    doc = corpus.add("d")
    label(store, doc, 1, "achievement")
    store.set_label(
        "d",
        "d:deadbeef:0",
        "target",
        annotator="li",
        text="这句话已经从报告中删除了。",
        section=[PART2],
        line=40,
        start=500,
        end=513,
    )
    out = run(store, corpus)
    assert [r["label"] for r in out.records] == ["achievement"]
    assert any("--orphans" in note for note in out.notes)
    with_orphans = run(store, corpus, orphans=True).records
    assert [(r["label"], r["orphan"], r["line"]) for r in with_orphans] == [
        ("achievement", False, 3),
        ("target", True, 40),
    ]


def test_label_found_again_by_text(store, corpus):
    doc = corpus.add("d")
    s = doc.sentences[3]
    store.set_label("d", "d:oldid:0", "problem", annotator="li", text=" 发展不平衡问题\n依然突出。")
    out = run(store, corpus)
    assert [(r["id"], r["line"]) for r in out.records] == [(s.id, s.line)]
    assert any("by its text" in note for note in out.notes)


def test_empty_store_gives_no_records(store, corpus, tmp_path: Path):
    corpus.add("d")
    out = run(store, corpus, negatives=True)
    assert out.records == [] and out.documents == {}
