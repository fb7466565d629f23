"""Builds the unseen reports' raw texts and reference labels from the tagged sources (*.tagged).

A tagged source has one paragraph a line: `# title` is a heading; otherwise sentences each prefixed
with their label, [T]arget, [A]chievement, [P]roblem or [N]one. Each report is written in the raw
layout of its kind of source (web page, newspaper PDF text), so the pipeline is tested on it too.

    python tests/suggest/data/unseen/build.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).parent
TAG = re.compile(r"\[([TAPN])\]")
NAMES = {"T": "target", "A": "achievement", "P": "problem", "N": "none"}


def parse(path: Path) -> tuple[list[tuple[str, str]], list[dict]]:
    """Paragraphs as (kind, text) and the labelled sentence units."""
    paras, units = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if line.startswith("# "):
            paras.append(("heading", line[2:].strip()))
            continue
        pieces = TAG.split(line)[1:]
        text = ""
        for tag, sentence in zip(pieces[::2], pieces[1::2], strict=True):
            units.append({"text": sentence.strip(), "label": NAMES[tag]})
            text += sentence.strip()
        paras.append(("text", text))
    return paras, units


def web(paras) -> str:
    """A web page saved as text: one paragraph a line, blank lines between."""
    return "\n\n".join(text for _kind, text in paras) + "\n"


def newspaper(paras, width: int) -> str:
    """Newspaper PDF text: hard wraps every `width` characters, paragraphs indented, headings alone."""
    lines = []
    for kind, text in paras:
        if kind == "heading":
            lines.append(text)
            continue
        body = "\u3000\u3000" + text
        lines += [body[i : i + width] for i in range(0, len(body), width)]
    return "\n".join(lines) + "\n"


def one_per_line(paras) -> str:
    """A paragraph a line, no blank lines, some half-width punctuation (an office export)."""
    half = str.maketrans({"，": ",", "；": ";", "：": ":"})
    return "\n".join(text if kind == "heading" else text.translate(half) for kind, text in paras) + "\n"


LAYOUTS = {
    "national-2024": web,
    "province-2023": lambda p: newspaper(p, 21),
    "city-2024": one_per_line,
}


def main() -> None:
    out = []
    for name, layout in LAYOUTS.items():
        paras, units = parse(HERE / f"{name}.tagged")
        (HERE / f"{name}.txt").write_text(layout(paras), encoding="utf-8")
        for i, u in enumerate(units):
            out.append({"seed": f"{name}.txt", "i": i, "text": re.sub(r"\s+", "", u["text"]), "label": u["label"]})
    with (HERE / "labels.jsonl").open("w", encoding="utf-8") as f:
        for u in out:
            f.write(json.dumps({**u, "annotator": "reference"}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
