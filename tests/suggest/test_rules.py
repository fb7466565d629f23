"""Rules on real sentences of each class from the corpus (with the context the pipeline gives them)."""

from __future__ import annotations

import pytest

from reader.suggest.context import Context, contexts, heading_shaped, normalize
from reader.suggest.rules import rule_label
from reader.text.model import Document, Heading, Sentence


def label(text: str, **ctx) -> str:
    return rule_label(Context(text=normalize(text), **ctx)).label


@pytest.mark.parametrize(
    "text",
    [
        "综合考虑各方面因素，今年发展主要预期目标是：地区生产总值增长5%以上；规模以上工业增加值增长4%以上。",
        "牢记粮食安全“国之大者”，确保粮食播种面积稳定在378.9万亩以上、粮食总产量达到31亿斤以上。",
        "激发民间投资活力，常态化向民间资本推介项目，带动全社会投资。",
    ],
)
def test_plan_part_targets(text: str) -> None:
    assert label(text, part="plan") == "target"


def test_hedges_mark_targets_without_a_part() -> None:
    assert label("力争工业投资增长8%以上，新入库转型项目投资均增长10%以上。") == "target"


@pytest.mark.parametrize(
    "text",
    [
        "“代州黄酒”获批国家地理标志证明商标。",
        "外贸实绩企业187户、排全省第3位，进出口总额增长36.9%、排全省第2位。",
        "一年来，我们全力以赴补短板、提品质，城乡融合发展加快推进。",
        "严格执行中央八项规定精神，着力纠治形式主义、官僚主义。",
    ],
)
def test_review_part_achievements(text: str) -> None:
    assert label(text, part="review") == "achievement"


def test_completion_words_without_a_part() -> None:
    text = "此外，还引进和推广了种植新品种，并成立了设施农业科技小院和智慧农业创新示范园。"
    assert label(text) == "achievement"


def test_problem_paragraph() -> None:
    opener = "在肯定成绩的同时,我们也清醒地认识到,全市经济社会发展还面临不少问题和挑战:发展不平衡不充分问题仍然突出。"
    generic = (
        "在总结成绩的同时，我们也清醒地认识到，全市经济社会发展还面临不少困难和挑战，政府工作还存在一定差距和不足。"
    )
    assert label(opener, part="review") == "problem"
    assert label(generic, part="review") == "none"
    inside = {"part": "review", "in_problems": True}
    assert label("产业链整体竞争力较弱，龙头企业数量不多、实力不强、带动不足。", **inside) == "problem"
    assert label("我们一定正视困难、直面问题，尽快改进、全面提升。", **inside) == "none"


def test_problem_words_without_the_paragraph() -> None:
    assert label("经济持续回升向好基础还不牢固，部分企业经营困难。", part="review") == "problem"
    # a measure against a problem is a target
    measure = "按照常住人口规模优化基本公共服务设施布局，加快补齐县城基础设施短板。"
    assert label(measure, part="plan") == "target"


@pytest.mark.parametrize(
    "text",
    [
        "各位代表！",
        "今年是“十四五”规划收官之年。",
        "做好政府工作，要以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神。",
        "在此，我代表市人民政府，向全市人民，向各位人大代表、政协委员表示衷心的感谢！",
        "一年来，我们主要做了以下工作。",
        "三是改革开放优化营商环境。",
    ],
)
def test_ceremony_and_framing_are_none(text: str) -> None:
    assert label(text, part="review") == "none"
    assert label(text, part="plan") == "none"


def test_headings_and_lead_ins() -> None:
    assert label("（一）扩大有效需求，推动经济持续回升向好", kind="heading", part="plan") == "none"
    assert heading_shaped("持续扩大有效投资。")
    assert heading_shaped("坚持惠企利民，提振大宗消费。")
    assert not heading_shaped("建立完善项目储备体系，储备项目盘子保持在年度投资计划两倍以上。")
    assert label("持续扩大有效投资。", part="plan", lead=True) == "none"
    # in the review, a subject+result summary is an achievement, a bare action heading is not
    assert label("特优农业加快发展。", part="review", lead=True) == "achievement"
    assert label("扎实开展主题教育。", part="review", lead=True) == "none"
    # heading-shaped but not an outline lead-in (a sub-lead-in inside a paragraph): none, less sure
    sub = rule_label(Context(text="夯实出口基本盘。", part="plan", shaped=True))
    lead = rule_label(Context(text="夯实出口基本盘。", part="plan", lead=True, shaped=True))
    assert sub.label == lead.label == "none" and sub.score < lead.score


def _report(paragraphs: list[list[str]], outline: list[tuple[int, int, int]]) -> Document:
    """A document of `paragraphs` (a part heading is a one-sentence paragraph starting 一、…四、) and
    outline entries (level, paragraph, sentence within it); every sentence is in the part above it."""
    text, sents, part = "", [], ()
    for p, para in enumerate(paragraphs):
        for t in para:
            kind = "heading" if t[0] in "一二三四" else "sentence"
            part = (t,) if kind == "heading" else part
            sents.append(Sentence(f"d:{len(sents)}:0", len(sents), t, kind, len(text), len(text) + len(t), p, part, p))
            text += t
        text += "\n"
    first = {
        (s.paragraph, k): s for p in range(len(paragraphs)) for k, s in enumerate(x for x in sents if x.paragraph == p)
    }
    heads = [Heading(lv, first[(p, k)].text, first[(p, k)].start, first[(p, k)].end, p, ()) for lv, p, k in outline]
    return Document("d", text, [], heads, sents)


def test_lead_ins_come_from_the_outline() -> None:
    doc = _report(
        [
            ["二、2025年工作安排"],
            ["持续扩大有效投资。", "加快推进项目建设，力争新开工项目100个。", "夯实出口基本盘。", "做大外贸规模。"],
            ["三、突出抓好八个方面工作"],
            ["坚持惠企利民，提振大宗消费。", "开展促消费活动。"],
        ],
        [(1, 0, 0), (3, 1, 0), (1, 2, 0)],
    )
    ctx = contexts(doc)
    assert [c.lead for c in ctx] == [False, True, False, False, False, False, False, False]
    # the shape is a separate feature: the sub-lead-in inside the paragraph, and a comma lead-in the
    # outline does not mark; never the last sentence of a paragraph, nor right after a lead-in
    assert [c.shaped for c in ctx] == [False, False, False, True, False, False, True, False]
    # a part whose title names neither review nor plan, after the plan part, is the plan
    assert {c.part for c in ctx} == {"plan"}


def test_scores_are_probabilities() -> None:
    for text in ("各位代表！", "加快推进项目建设。", "增长5%。"):
        r = rule_label(Context(text=text, part="plan"))
        assert 0.0 <= r.score <= 1.0 and r.rule
