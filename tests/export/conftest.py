"""Hand-built documents and stores for the export tests (no dependency on the pipeline's cutting)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from reader.text.model import Document, Sentence

PART1 = "一、2024年工作回顾"
PART2 = "二、2025年工作安排"
SEC21 = "（一）扩大有效需求"
SEC22 = "（二）深化改革开放"

# (kind, text, section) in reading order.
LAYOUT = [
    ("heading", PART1, (PART1,)),
    ("sentence", "全市地区生产总值增长5.2%。", (PART1,)),
    ("sentence", "新建5G基站1200个。", (PART1,)),
    ("sentence", "发展不平衡问题依然突出。", (PART1,)),
    ("heading", PART2, (PART2,)),
    ("heading", SEC21, (PART2, SEC21)),
    ("sentence", "持续扩大有效投资。", (PART2, SEC21)),
    ("sentence", "力争全年开工项目300个。", (PART2, SEC21)),
    ("heading", SEC22, (PART2, SEC22)),
    ("sentence", "深化国资国企改革。", (PART2, SEC22)),
    ("sentence", "各位代表！", (PART2, SEC22)),
]


def make_doc(doc_id: str, layout=LAYOUT, *, sha: str | None = None) -> Document:
    """A Document whose text is the layout's units joined by newlines, one raw line each
    (raw line = 2 × index + 1, as if blank lines separated them)."""
    sentences, pos = [], 0
    for i, (kind, text, section) in enumerate(layout):
        sentences.append(
            Sentence(
                id=f"{doc_id}:{hashlib.sha1(text.encode()).hexdigest()[:8]}:0",
                index=i,
                text=text,
                kind=kind,
                start=pos,
                end=pos + len(text),
                line=2 * i + 1,
                section=tuple(section),
                paragraph=i,
            )
        )
        pos += len(text) + 1
    return Document(
        id=doc_id,
        text="\n".join(t for _, t, _ in layout),
        paragraphs=[],
        outline=[],
        sentences=sentences,
        sha256=sha or f"sha-of-{doc_id}",
        path=f"corpus/{doc_id}.txt",
    )


class FakeCorpus:
    """A corpus folder of report files (units separated by blank lines, which the real pipeline
    reads exactly as `make_doc` lays them out) and a loader returning the hand-built documents;
    with `real`, the documents are the pipeline's own."""

    def __init__(self, root: Path, *, real: bool = False) -> None:
        self.dir = root / "corpus"
        self.dir.mkdir()
        self.docs: dict[str, Document] = {}
        self.real = real

    def add(self, doc_id: str, layout=LAYOUT) -> Document:
        path = self.dir / f"{doc_id}.txt"
        path.write_text("\n\n".join(t for _, t, _ in layout) + "\n", encoding="utf-8")
        if self.real:
            from reader.text.pipeline import load_document

            doc = load_document(path)
        else:
            doc = make_doc(doc_id, layout)
        self.docs[doc_id] = doc
        return doc

    def load(self, path: Path) -> Document:
        return self.docs[Path(path).stem]


@pytest.fixture
def corpus(tmp_path: Path) -> FakeCorpus:
    return FakeCorpus(tmp_path)


@pytest.fixture
def real_corpus(tmp_path: Path) -> FakeCorpus:
    return FakeCorpus(tmp_path, real=True)


@pytest.fixture
def store(tmp_path: Path):
    from reader.store import AnnotationStore

    s = AnnotationStore(tmp_path / "annotations")
    yield s
    s.close()


def label(store, doc: Document, index: int, name: str, annotator: str = "li", note: str | None = None):
    """Label sentence `index` of `doc` the way the app does (positions as they are now)."""
    s = doc.sentences[index]
    return store.set_label(
        doc.id,
        s.id,
        name,
        annotator=annotator,
        text=s.text,
        section=s.section,
        line=s.line,
        start=s.start,
        end=s.end,
        note=note,
    )


@pytest.fixture
def setup(store, real_corpus, tmp_path):
    """Six labelled documents (read by the real pipeline) and the CLI options pointing at them."""
    corpus = real_corpus
    for name in ("a", "b", "c", "d", "e", "f"):
        doc = corpus.add(name)
        label(store, doc, 1, "achievement")
        label(store, doc, 3, "problem")
        label(store, doc, 7, "target", note="数字目标")
    label(store, corpus.docs["a"], 9, "target", annotator="wang")
    store.mark_reviewed("a", (PART2, SEC21), annotator="li")
    opts = ["--annotations", str(tmp_path / "annotations"), "--corpus", str(corpus.dir)]
    return tmp_path, opts


EXPORT_FILES = {
    "jsonl": "x.jsonl",
    "csv": "x.csv",
    "doccano": "d.jsonl",
    "prodigy": "p.jsonl",
    "prodigy-choice": "c.jsonl",
    "labelstudio": "x.json",
}
"""One export file per format, as `export_every_format` writes them."""


def export_every_format(store, real_corpus, tmp_path, *flags: str) -> list[str]:
    """Three reports (a note that looks like a formula, two annotators on one sentence, a reviewed
    section) exported in every format with `flags`; returns the --corpus option."""
    from reader.cli import main

    for name in "abc":
        doc = real_corpus.add(name)
        label(store, doc, 1, "achievement", note="=SUM(A1) 对比上年" if name == "a" else None)
        label(store, doc, 7, "target")
    label(store, real_corpus.docs["a"], 7, "problem", annotator="wang")
    store.mark_reviewed("b", (PART2, SEC21), annotator="li")
    corpus = ["--corpus", str(real_corpus.dir)]
    for fmt, name in EXPORT_FILES.items():
        args = ["export", "--annotations", str(tmp_path / "annotations"), *corpus, *flags]
        assert main([*args, "--format", fmt, "-o", str(tmp_path / name)]) == 0
    return corpus
