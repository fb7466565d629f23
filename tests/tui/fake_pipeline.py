"""A stand-in for `reader.text.pipeline` used only until the lead's pipeline lands.

Blank-line separated blocks become paragraphs (hard wraps joined); short blocks without 。 are
headings (numbered 一、 → level 1, （一） → level 2); body text splits into sentences at 。！？；.
"""

from __future__ import annotations

import hashlib
import re

from reader.errors import ReaderError
from reader.text.model import Document, Heading, Paragraph, Sentence

PIPELINE_VERSION = "stand-in-1"
_SENTENCE = re.compile(r"[^。！？；]*[。！？；]|[^。！？；]+")


def process_bytes(raw: bytes, doc_id: str) -> Document:
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ReaderError(f"{doc_id}: not UTF-8 text") from None
    if not source.strip():
        raise ReaderError(f"{doc_id}: empty file")
    parts, paras, outline, sentences = [], [], [], []
    offset, path, line = 0, (), 1
    for block in re.split(r"\n\s*\n", source):
        body = "".join(x.strip() for x in block.splitlines())
        first_line = line
        line += block.count("\n") + 2
        if not body:
            continue
        kind = "heading" if len(body) < 30 and not body.endswith("。") else "text"
        level = 2 if body.startswith("（") else 1
        start, end = offset, offset + len(body)
        paras.append(Paragraph(len(paras), kind, start, end, first_line, level if kind == "heading" else 0))
        if kind == "heading":
            path = (*path[: level - 1], body) if level == 2 and path else (body,)
            outline.append(Heading(level, body, start, end, first_line, path))
            pieces = [(0, len(body))]
        else:
            pieces = [m.span() for m in _SENTENCE.finditer(body) if m.group().strip()]
        for a, b in pieces:
            text = body[a:b]
            digest = hashlib.sha1(text.encode()).hexdigest()[:10]
            sentences.append(Sentence(
                f"{doc_id}:{digest}:0", len(sentences), text, "heading" if kind == "heading" else "sentence",
                start + a, start + b, first_line, path, len(paras) - 1,
            ))
        parts.append(body)
        offset = end + 1
    return Document(doc_id, "\n".join(parts), paras, outline, sentences,
                    sha256=hashlib.sha256(raw).hexdigest())


def load_document(path) -> Document:
    from pathlib import Path

    path = Path(path)
    document = process_bytes(path.read_bytes(), path.stem)
    document.path = str(path)
    return document
