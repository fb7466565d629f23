"""Fixtures for the store tests: a fresh annotations folder and hand-built documents."""

from __future__ import annotations

import hashlib

import pytest

from reader.store import AnnotationStore
from reader.text.model import Document, Paragraph, Sentence


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "annotations"


@pytest.fixture
def store(folder):
    s = AnnotationStore(folder)
    yield s
    s.close()


def make_doc(doc_id: str, sentences: list[str], section=("一、回顾",)) -> Document:
    """A Document whose sentences are `sentences` in one paragraph, with pipeline-like ids."""
    text, out, seen = "", [], {}
    for i, s in enumerate(sentences):
        key = "".join(s.split())
        digest = hashlib.sha1(key.encode()).hexdigest()[:10]
        occ = seen.get(digest, 0)
        seen[digest] = occ + 1
        out.append(
            Sentence(
                id=f"{doc_id}:{digest}:{occ}",
                index=i,
                text=s,
                kind="sentence",
                start=len(text),
                end=len(text) + len(s),
                line=1,
                section=tuple(section),
                paragraph=0,
            )
        )
        text += s
    return Document(id=doc_id, text=text, paragraphs=[Paragraph(0, "text", 0, len(text), 1)], outline=[], sentences=out)


def label(store, doc: Document, index: int, name: str, annotator: str = "li"):
    s = doc.sentences[index]
    return store.set_label(
        doc.id, s.id, name, annotator=annotator, text=s.text, section=s.section, line=s.line, start=s.start, end=s.end
    )
