"""Hand-built Documents for the widget tests (independent of the text pipeline)."""

from __future__ import annotations

import re
from pathlib import Path

from reader.text.model import Document, Heading, Paragraph, Sentence

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

SMALL = [
    ("heading", 1, "一、2024年工作回顾"),
    (
        "text",
        0,
        "2024年是攻坚克难、砥砺奋进的一年。全市经济总量跃升至全省第4位、达到2458.8亿元。"
        "介休、灵石入围中部地区综合竞争力百强县，稳居全省经济前十强。",
    ),
    ("heading", 2, "（一）坚持稳中求进，经济运行在克难前行中持续向好。"),
    (
        "text",
        0,
        "项目建设支撑有力。5条国省一级公路集中开工，武宿机场三期改扩建加快推进。"
        "但是，经济下行压力依然较大，部分企业生产经营困难。",
    ),
    ("text", 0, "今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，城镇新增就业3.5万人。"),
]

_SENTENCE = re.compile(r"[^。！？；]*[。！？；]|[^。！？；]+")


def make_document(paragraphs=SMALL, doc_id: str = "test") -> Document:
    """A Document from (kind, level, text) paragraphs; body text split into sentences at 。！？；."""
    text_parts: list[str] = []
    paras: list[Paragraph] = []
    outline: list[Heading] = []
    sentences: list[Sentence] = []
    offset = 0
    path: tuple[str, ...] = ()
    for p_index, (kind, level, body) in enumerate(paragraphs):
        start, end = offset, offset + len(body)
        paras.append(Paragraph(p_index, kind, start, end, p_index + 1, level))
        if kind == "heading":
            path = (*path[: level - 1], body)
            outline.append(Heading(level, body, start, end, p_index + 1, path))
            pieces = [(0, len(body))]
        else:
            pieces = [m.span() for m in _SENTENCE.finditer(body) if m.group().strip()]
        for a, b in pieces:
            i = len(sentences)
            sentences.append(
                Sentence(
                    f"{doc_id}:{i:04d}:0",
                    i,
                    body[a:b],
                    "heading" if kind == "heading" else "sentence",
                    start + a,
                    start + b,
                    p_index + 1,
                    path,
                    p_index,
                )
            )
        text_parts.append(body)
        offset = end + 1
    return Document(doc_id, "\n".join(text_parts), paras, outline, sentences)


def corpus_document(repeat: int = 1) -> Document:
    """All corpus files (blank-line separated blocks joined) as one document, `repeat` times.

    Body paragraphs of the 2nd, 3rd… copy end with a copy number, so no two paragraphs are equal
    (a benchmark must not be helped by the line breaker's cache).
    """
    blocks = []
    for path in sorted(CORPUS.glob("*.txt")):
        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            body = "".join(line.strip() for line in block.splitlines())
            if body:
                blocks.append(body)
    paragraphs = []
    for copy in range(repeat):
        for body in blocks:
            heading = len(body) < 30 and not body.endswith("。")
            if copy and not heading:
                body = f"{body}（{copy}）"
            paragraphs.append(("heading" if heading else "text", 1 if heading else 0, body))
    return make_document(paragraphs, "corpus")
