"""Training and document-wise cross-validation on a small labelled fixture (sentences of the seed
reports with their part/lead-in context), and the Suggester on hand-made documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.suggest import LABELS, Suggester
from reader.suggest.context import Context, normalize
from reader.suggest.metrics import scores
from reader.suggest.model import Example, cross_validate, predict, train
from reader.suggest.rules import rule_label
from reader.suggest.saved import load, save
from reader.text.model import Document, Heading, Sentence

DATA = Path(__file__).parent / "data" / "labelled.jsonl"


def fixture_examples() -> list[Example]:
    out = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        o = json.loads(line)
        ctx = Context(
            text=normalize(o["text"]), kind=o["kind"], part=o["part"], lead=o["lead"], in_problems=o["in_problems"]
        )
        out.append(Example(ctx, o["label"], o["doc"]))
    return out


def test_metrics_by_hand() -> None:
    sc = scores(["target", "target", "none", "problem"], ["target", "none", "none", "target"])
    assert sc["labels"]["target"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}
    assert sc["labels"]["none"]["precision"] == 0.5 and sc["labels"]["none"]["recall"] == 1.0
    assert sc["labels"]["problem"]["f1"] == 0.0
    assert sc["confusion"]["problem"]["target"] == 1
    assert sc["accuracy"] == 0.5


@pytest.mark.slow
def test_cross_validation_beats_chance_and_is_deterministic() -> None:
    examples = fixture_examples()
    assert {e.label for e in examples} == set(LABELS)
    a = cross_validate(examples, seed=3)
    b = cross_validate(examples, seed=3)
    assert a["folds"] == len({e.doc for e in examples}) == 4
    assert a["model"]["macro_f1"] == b["model"]["macro_f1"]
    assert a["model"]["confusion"] == b["model"]["confusion"]
    # four classes: chance is 0.25; the model must be far above it on held-out documents
    assert a["model"]["macro_f1"] > 0.7
    assert a["model"]["labels"]["problem"]["recall"] >= 0.8


def test_model_alone_learns_from_text(tmp_path: Path) -> None:
    """Without part or lead-in context the model still separates the classes on held-out documents."""
    examples = [Example(Context(text=e.ctx.text), e.label, e.doc) for e in fixture_examples()]
    held = [e for e in examples if e.doc == "jinzhong-2025"]
    model = train([e for e in examples if e.doc != "jinzhong-2025"], seed=0)
    proba = model.probabilities([e.ctx for e in held], [rule_label(e.ctx) for e in held])
    pred = [max(p, key=p.get) for p in proba]
    assert scores([e.label for e in held], pred)["accuracy"] > 0.5
    for p in proba:
        assert set(p) == set(LABELS) and abs(sum(p.values()) - 1) < 1e-4


def _doc() -> Document:
    part1, part2 = "一、2024年工作回顾", "二、2025年工作安排"
    rows = [
        (part1, "heading", (part1,)),
        ("全市地区生产总值增长5.2%，增速排全省第2位。", "sentence", (part1,)),
        ("在肯定成绩的同时，我们也清醒地认识到，部分企业经营困难，民生还有短板。", "sentence", (part1,)),
        ("我们一定直面问题，采取有力措施加以解决。", "sentence", (part1,)),
        (part2, "heading", (part2,)),
        ("今年主要预期目标是：地区生产总值增长5%左右。", "sentence", (part2,)),
        ("加快推进重点项目建设，力争新开工项目100个以上。", "sentence", (part2,)),
    ]
    text = ""
    sents = []
    for i, (t, kind, sec) in enumerate(rows):
        start = len(text)
        text += t + "\n"
        sents.append(Sentence(f"d:{i}:0", i, t, kind, start, start + len(t), i + 1, sec, i))
    outline = [Heading(1, part1, 0, 10, 1, (part1,)), Heading(1, part2, 0, 10, 5, (part2,))]
    return Document("d", text, [], outline, sents)


def test_rules_only_suggester_on_a_document() -> None:
    doc = _doc()
    sug = Suggester.rules_only().suggest(doc)
    assert [s.sentence_id for s in sug] == [s.id for s in doc.sentences]
    assert [s.label for s in sug] == ["none", "achievement", "problem", "none", "none", "target", "target"]
    assert all(s.source == "rules" and 0 <= s.score <= 1 and 0 <= s.margin <= 1 for s in sug)
    order = Suggester.least_sure(sug, labelled=["d:0:0"])
    assert "d:0:0" not in order and len(order) == len(sug) - 1
    margins = {s.sentence_id: s.margin for s in sug}
    assert [margins[i] for i in order] == sorted(margins[i] for i in order)


def test_train_save_load_suggest(tmp_path: Path) -> None:
    doc = _doc()
    labels = ["none", "achievement", "problem", "none", "none", "target", "target"]
    records = [
        {"doc": "d", "sentence": s.id, "text": s.text, "label": lab, "annotator": "a", "section": list(s.section)}
        for s, lab in zip(doc.sentences, labels, strict=True)
        if lab != "none"
    ]
    reviewed = [{"doc": "d", "section": [], "annotator": "a"}]
    model, report = Suggester.train(records, {"d": doc}, reviewed, cross_validate=False)
    # the two headings are not units (as in the export): only the closing sentence is a `none`
    assert report["counts"] == {"achievement": 1, "problem": 1, "target": 2, "none": 1}
    assert report["negatives_from_reviewed"] == 1
    save(model, tmp_path / "model", {"labels": list(model.labels)})
    assert (tmp_path / "model" / "suggest-model.json").exists()
    assert load(tmp_path / "model") is not None
    s = Suggester.load(tmp_path)
    assert s.has_model and s.info["labels"] == ["achievement", "none", "problem", "target"]
    sug = s.suggest(doc)
    assert len(sug) == len(doc.sentences)
    assert {x.source for x in sug} <= {"rules", "model"} and "model" in {x.source for x in sug}
    assert [lab for lab, _d, _s in predict(None, [Context(text="各位代表！")])] == ["none"]


def test_no_model_means_rules(tmp_path: Path, monkeypatch) -> None:
    from reader.suggest import saved

    monkeypatch.setattr(saved, "installed_dir", lambda: tmp_path / "not-installed")
    s = Suggester.load(tmp_path)
    assert not s.has_model and s.info == {}
    assert {x.source for x in s.suggest(_doc())} == {"rules"}


def test_training_examples_follow_the_one_locate_rule() -> None:
    """Training finds a label's sentence as the store and the export do (reader.labels.locate): an
    explicit `none` is a negative, a note alone is no example, a label on an edited sentence follows
    it, and a label whose sentence is gone trains on nothing."""
    from reader.suggest.training import collect_examples

    doc = _doc()
    s = doc.sentences

    def rec(i: int, label: str | None, **more) -> dict:
        sec = list(s[i].section)
        return {
            "doc": "d",
            "sentence": s[i].id,
            "text": s[i].text,
            "label": label,
            "annotator": "a",
            "section": sec,
            **more,
        }

    records = [
        rec(1, "achievement"),
        rec(3, "none"),  # explicit none
        rec(2, None, note="ask li"),  # a note alone
        # labelled before an edit: another id, the text one word off, same section
        {
            **rec(6, "target"),
            "sentence": "d:old:0",
            "text": "加快推进重点项目建设，力争新开工项目90个以上。",
            "start": s[6].start,
        },
        {**rec(5, "target"), "sentence": "d:gone:0", "text": "这句话已经从报告里删掉了，找不到。"},  # an orphan
    ]
    # an orphan whose text is like a sentence's but not enough to re-attach (0.73 < 0.8)
    near = {
        **rec(5, "target"),
        "sentence": "d:gone:1",
        "text": "今年主要预期目标是：地区生产总值增长6%左右，居民收入同步增长，就业稳定。",
    }
    got = collect_examples(records, {"d": doc})
    assert [(e.ctx.text, e.label) for e in got.examples] == [
        (normalize(s[1].text), "achievement"),
        (normalize(s[3].text), "none"),
        (normalize(s[6].text), "target"),
    ]
    assert (got.explicit_nones, got.notes_only, got.skipped, got.negatives) == (1, 1, 1, 0)
    # the whole report reviewed: the noted sentence and the other unlabelled one become `none`s
    reviewed = [{"doc": "d", "section": [], "annotator": "a"}]
    got = collect_examples(records, {"d": doc}, reviewed)
    assert sorted(e.ctx.text for e in got.examples if e.label == "none") == sorted(
        normalize(s[i].text) for i in (2, 3, 5)
    )
    assert got.negatives == 2
    # as in the export, a sentence near an orphan is never a negative (the label may be meant for it)
    got = collect_examples([*records, near], {"d": doc}, reviewed)
    assert normalize(s[5].text) not in {e.ctx.text for e in got.examples}
    assert (got.negatives, got.skipped) == (1, 2)
