"""Issue 10: the export never turns what a user did into a wrong example, and loses nothing.

Each test is a numbered finding of the issue or one of its "users must be able to rely on" rules.
"""

from __future__ import annotations

import json

from reader.cli import main
from reader.export.collect import Selection, collect
from reader.store import AnnotationStore
from tests.export.conftest import LAYOUT, PART1, PART2, SEC21, label, make_doc


def run(store, corpus, **options):
    return collect(store, corpus.dir, Selection(**options), load=corpus.load)


def edited(old: str, new: str):
    return [(k, t.replace(old, new), s) for k, t, s in LAYOUT]


def test_finding_1_an_edited_sentence_keeps_its_label_and_is_never_a_negative(store, corpus):
    doc = corpus.add("a")
    label(store, doc, 2, "achievement")  # 新建5G基站1200个。
    store.mark_reviewed("a", (PART1,), annotator="li")
    corpus.add("a", edited("1200个", "1300个"))  # the report is corrected afterwards
    out = run(store, corpus, negatives=True).records
    mine = [r for r in out if "5G" in r["text"]]
    assert len(mine) == 1
    [r] = mine
    assert r["label"] == "achievement" and r["text_changed"] is True
    assert r["text"] == "新建5G基站1300个。" and r["labelled_text"] == "新建5G基站1200个。"
    assert {x["label"] for x in out if x["implicit"]} == {"none"}


def test_negatives_never_near_an_orphan(store, corpus):
    doc = corpus.add("a")
    label(store, doc, 2, "achievement")
    store.mark_reviewed("a", (PART1,), annotator="li")
    # rewritten beyond a small edit: an orphan; the sentence now in its place is not a negative
    corpus.add("a", edited("新建5G基站1200个。", "新建5G基站超过一千个，覆盖所有乡镇。"))
    out = run(store, corpus, negatives=True, orphans=True).records
    assert [r["label"] for r in out if "5G" in r["text"]] == ["achievement"]
    assert next(r for r in out if "5G" in r["text"])["orphan"] is True
    # another annotator's orphan does not protect anything of li's; li's other sentences are negatives
    negatives = [r["text"] for r in out if r["label"] == "none"]
    assert negatives == ["全市地区生产总值增长5.2%。", "发展不平衡问题依然突出。"]


def test_finding_3_every_note_is_exported(store, corpus):
    doc = corpus.add("a")
    s1, s6 = doc.sentences[1], doc.sentences[6]
    store.set_note("a", s1.id, "看一下", annotator="li", text=s1.text, section=s1.section)
    store.set_note("a", s6.id, "未审阅", annotator="li", text=s6.text, section=s6.section)
    store.mark_reviewed("a", (PART1,), annotator="li")
    got = run(store, corpus, negatives=True)
    [negative] = [r for r in got.records if r["id"] == s1.id]
    assert negative["label"] == "none" and negative["note"] == "看一下"
    [aside] = got.note_records
    assert aside["id"] == s6.id and aside["label"] is None and aside["note"] == "未审阅"
    # without --negatives the first note is on a note record too
    assert {r["note"] for r in run(store, corpus).note_records} == {"看一下", "未审阅"}


def test_finding_10_an_explicit_none_is_exported_with_or_without_negatives(store, corpus):
    doc = corpus.add("a")
    label(store, doc, 3, "none")
    for negatives in (False, True):
        [r] = [r for r in run(store, corpus, negatives=negatives).records if r["id"] == doc.sentences[3].id]
        assert r["label"] == "none" and r["implicit"] is False


def test_finding_6_export_and_store_agree_on_the_sentence(tmp_path, corpus):
    doc = corpus.add("a")
    with AnnotationStore(tmp_path / "s1") as one, AnnotationStore(tmp_path / "s2") as two:
        for store in (one, two):
            label(store, doc, 2, "achievement")
            # two sentences with the same text after an edit: export once needed exactly one match
            store.set_label("a", "a:stale:0", "problem", annotator="li", text="持续扩大有效投资。", start=200)
        new = make_doc("a", [*LAYOUT, ("sentence", "持续扩大有效投资。", (PART2, SEC21))])
        corpus.docs["a"] = new
        two.reattach(new)
        before = [(r["id"], r["label"]) for r in run(one, corpus).records]  # not reattached
        after = [(r["id"], r["label"]) for r in run(two, corpus).records]
        assert before == after and ("a:stale:0", "problem") not in before
        assert (new.sentences[11].id, "problem") in after  # the nearest to its old place


def test_finding_11_export_import_export_is_identical_with_negatives(tmp_path, real_corpus, capsys):
    corpus = real_corpus
    doc = corpus.add("a")
    folder = tmp_path / "annotations"
    with AnnotationStore(folder) as store:
        label(store, doc, 2, "achievement", note="数字")
        label(store, doc, 3, "none")
        label(store, doc, 7, "target", annotator="wang")
        s6 = doc.sentences[6]
        store.set_note("a", s6.id, "只是备注", annotator="li", text=s6.text, section=s6.section)
        store.mark_reviewed("a", (PART1,), annotator="li")
        store.mark_reviewed("a", None, annotator="wang")
    opts = ["--corpus", str(corpus.dir)]
    first = tmp_path / "first.jsonl"
    assert main(["export", "--annotations", str(folder), *opts, "--negatives", "-o", str(first)]) == 0
    assert "note(s) on sentences without a label" in capsys.readouterr().err
    fresh = tmp_path / "fresh"
    assert main(["import-labels", str(first), "--annotations", str(fresh), *opts]) == 0
    second = tmp_path / "second.jsonl"
    assert main(["export", "--annotations", str(fresh), *opts, "--negatives", "-o", str(second)]) == 0
    read = lambda p: [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines()]  # noqa: E731
    assert read(first) == read(second)
    notes = tmp_path / "first.notes.jsonl"
    assert read(notes) == read(tmp_path / "second.notes.jsonl") and read(notes)[0]["note"] == "只是备注"
    labels = [r["label"] for r in read(first)]
    assert labels.count("none") > 3 and "target" in labels
    with AnnotationStore(fresh, read_only=True) as store:
        assert {(m.annotator, m.section) for m in store.reviewed()} == {("li", (PART1,)), ("wang", ())}


def test_finding_2_a_one_character_fix_keeps_the_label_in_the_store_and_the_export(store, corpus, capsys):
    """A one-character correction of the report: the label follows its sentence (marked changed, to
    confirm) in the store's re-attach, the counts and the export alike; nothing becomes an orphan."""
    doc = corpus.add("a")
    label(store, doc, 2, "achievement")  # 新建5G基站1200个。
    before = len(store.labels(annotator="li"))
    fixed = corpus.add("a", edited("1200个", "1201个"))
    exported = run(store, corpus, orphans=True).records  # before the report is opened again
    report = store.reattach(fixed)
    assert report.orphaned == [] and store.orphans() == []
    [stored] = store.labels(annotator="li")
    assert len(store.labels(annotator="li")) == before
    assert stored.label == "achievement" and stored.text_changed and not stored.orphan
    assert stored.sentence == fixed.sentences[2].id and stored.labelled_text == "新建5G基站1200个。"
    for records in (exported, run(store, corpus, orphans=True).records):
        [r] = [r for r in records if "5G" in r["text"]]
        assert (r["label"], r["orphan"], r["text_changed"]) == ("achievement", False, True)
        assert r["text"] == "新建5G基站1201个。"
