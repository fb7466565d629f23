"""Re-attachment after a report's text (or the pipeline) changed: by id, then by text near the old
position; labels whose sentence is gone become orphans, kept and listed, never dropped.
"""

from __future__ import annotations

from reader.cli import main
from reader.store import AnnotationStore

from .conftest import label, make_doc

OLD = make_doc(
    "xinzhou-2025",
    [
        "各位代表！",
        "全年地区生产总值增长5.1%。",
        "新建 5G 基站 1200 个。",
        "压力较大。",
        "完成投资 10 亿元。",
        "压力较大。",
    ],
)


def test_labels_follow_their_sentence_when_ids_change(store):
    label(store, OLD, 1, "achievement")
    label(store, OLD, 2, "achievement", annotator="wang")
    label(store, OLD, 3, "problem")
    label(store, OLD, 5, "target")  # the second of two identical sentences
    first = store.labels()
    # Edited report: a new opening sentence, spaces changed (same whitespace-free text), ids renamed.
    texts = [
        "前言。",
        "各位代表！",
        "全年地区生产总值增长5.1%。",
        "新建5G基站1200个。",
        "压力较大。",
        "完成投资10亿元。",
        "压力较大。",
    ]
    new = make_doc("xinzhou-2025", texts)
    new.sentences = [
        s.__class__(**{**{f: getattr(s, f) for f in s.__slots__}, "id": f"new{i}"}) for i, s in enumerate(new.sentences)
    ]
    report = store.reattach(new)
    assert len(report.moved) == 4 and not report.orphaned
    now = {(r["annotator"], r["sentence"]): r for r in store.labels()}
    assert now[("li", "new2")]["label"] == "achievement"
    assert now[("wang", "new3")]["label"] == "achievement"
    assert now[("li", "new4")]["label"] == "problem"  # nearest to the old position
    assert now[("li", "new6")]["label"] == "target"
    assert now[("li", "new6")]["start"] == new.sentences[6].start
    created = {r["text"]: r["created"] for r in first}
    assert all(r["created"] == created[r["text"]] for r in now.values())
    assert not store.reattach(new).changed  # a second run has nothing to do


def test_a_sentence_that_is_gone_leaves_an_orphan_that_is_kept_and_listed(folder, store, capsys):
    label(store, OLD, 4, "achievement")
    label(store, OLD, 1, "achievement")
    edited = make_doc("xinzhou-2025", ["各位代表！", "全年地区生产总值增长5.1%。", "全面推进乡村振兴。"])
    report = store.reattach(edited)
    assert report.kept == 1 and [r["text"] for r in report.orphaned] == ["完成投资 10 亿元。"]
    [orphan] = store.orphans()
    assert orphan["orphan"] is True and orphan["sentence"] == OLD.sentences[4].id
    assert len(store.labels()) == 2  # never dropped
    store.close()
    assert main(["doctor", "--annotations", str(folder), "--corpus", str(folder / "none")]) in (0, 1)
    assert "orphan xinzhou-2025 [li] achievement: 完成投资10亿元。" in capsys.readouterr().out
    # the text comes back (say the edit is reverted): the orphan is revived
    with AnnotationStore(folder) as again:
        report = again.reattach(OLD)
        assert len(report.revived) == 1 and again.orphans() == []


def test_dry_run_changes_nothing(store):
    label(store, OLD, 4, "achievement")
    before = store.labels()
    report = store.reattach(make_doc("xinzhou-2025", ["别的。"]), dry_run=True)
    assert len(report.orphaned) == 1 and store.labels() == before


def test_one_annotator_only(store):
    label(store, OLD, 4, "achievement")
    label(store, OLD, 4, "problem", annotator="wang")
    store.reattach(make_doc("xinzhou-2025", ["别的。"]), annotator="wang")
    assert [r["annotator"] for r in store.orphans()] == ["wang"]


def test_a_small_edit_keeps_the_label_marked_changed_with_the_text_as_labelled(store):
    """Issue 10 finding 1/2: a one-character fix used to orphan the label."""
    label(store, OLD, 4, "achievement")
    edited = make_doc("xinzhou-2025", ["各位代表！", "全年地区生产总值增长5.1%。", "完成投资12亿元。"])
    report = store.reattach(edited)
    assert len(report.edited) == 1 and not report.orphaned
    [rec] = store.labels()
    assert rec.sentence == edited.sentences[2].id and rec.label == "achievement"
    assert rec.text_changed and rec.text == "完成投资12亿元。" and rec.labelled_text == "完成投资 10 亿元。"
    assert store.confirm(edited.id, rec.sentence, annotator="li").text_changed is False
    [rec] = store.labels()
    assert not rec.text_changed and rec.labelled_text is None
    store.undo()
    assert store.labels()[0].text_changed


def test_opening_an_unchanged_report_writes_nothing(folder, store):
    label(store, OLD, 4, "achievement")
    path = folder / "xinzhou-2025.json"
    before = path.read_bytes()
    moved = make_doc("xinzhou-2025", ["前言。", *[s.text for s in OLD.sentences]])  # positions shift, ids stay
    report = store.reattach(moved)
    assert report.refreshed == 1 and path.read_bytes() == before
    store.reattach(moved, refresh=True)
    assert store.labels()[0].start == moved.sentences[5].start
