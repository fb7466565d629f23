"""`reader doctor` re-checks labels against the corpus through the real text pipeline."""

from __future__ import annotations

from reader.cli import main
from reader.store import AnnotationStore
from reader.text import pipeline

REPORT = (
    "政府工作报告\n\n一、2024年工作回顾\n\n全年地区生产总值增长5.1%。新建5G基站1200个。\n\n"
    "二、2025年工作安排\n\n城镇新增就业3.2万人。\n"
)


def test_doctor_lists_then_repair_applies_reattachment(tmp_path, capsys):
    corpus, folder = tmp_path / "corpus", tmp_path / "annotations"
    corpus.mkdir()
    (corpus / "r.txt").write_text(REPORT, encoding="utf-8")
    doc = pipeline.load_document(corpus / "r.txt")
    wanted = {
        "全年地区生产总值增长5.1%。": "achievement",
        "新建5G基站1200个。": "achievement",
        "城镇新增就业3.2万人。": "target",
    }
    with AnnotationStore(folder) as store:
        for s in doc.sentences:
            if s.text in wanted:
                store.set_label(doc.id, s.id, wanted[s.text], annotator="li", text=s.text, start=s.start)
        assert len(store.labels()) == 3
    # the report is edited: one sentence rewritten, a paragraph added before the others
    (corpus / "r.txt").write_text(
        REPORT.replace("新建5G基站1200个。", "新建5G基站1300个。").replace(
            "一、2024年工作回顾\n\n", "一、2024年工作回顾\n\n各位代表！\n\n"
        ),
        encoding="utf-8",
    )
    args = ["--annotations", str(folder), "--corpus", str(corpus)]
    assert main(["doctor", *args]) == 0
    out = capsys.readouterr().out
    assert "1 label(s) whose sentence is gone would be kept as orphans" in out
    assert "would be orphan r [li] achievement: 新建5G基站1200个。" in out
    with AnnotationStore(folder, read_only=True) as store:
        assert store.orphans() == []  # listing changed nothing
    assert main(["doctor", "--repair", *args]) == 0
    out = capsys.readouterr().out
    assert "orphan r [li] achievement: 新建5G基站1200个。" in out
    with AnnotationStore(folder) as store:
        assert len(store.labels()) == 3 and [r["text"] for r in store.orphans()] == ["新建5G基站1200个。"]
        new = pipeline.load_document(corpus / "r.txt")
        ids = {s.id for s in new.sentences}
        assert all(r["sentence"] in ids for r in store.labels() if not r["orphan"])
