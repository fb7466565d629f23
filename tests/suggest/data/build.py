"""Builds the written reports' raw texts and reference labels from the tagged sources (*.tagged).

`unseen/`: three reports written and labelled while the rules were developed (development data).
`heldout/`: two reports written and labelled afterwards in other styles and years (a county's 2022
report with a five-year review, a 2019 provincial report with other part names), committed before
any model was run on them: the held-out check.

A tagged source has one paragraph a line: `# title` is a heading; otherwise sentences each prefixed
with their label, [T]arget, [A]chievement, [P]roblem or [N]one. Each report is written in the raw
layout of its kind of source (web page, newspaper PDF text), so the pipeline is tested on it too.

    python tests/suggest/data/build.py
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


_DIGITS = re.compile(r"(?<=[\u4e00-\u9fff])(?=\d)|(?<=[\d%])(?=[\u4e00-\u9fff])")


def spaced(text: str) -> str:
    """PDF-extraction debris: a space on each side of every number (增长 7.2% ，)."""
    return _DIGITS.sub(" ", text)


def newspaper_paged(paras, width: int, page: int) -> str:
    """Newspaper PDF text over two pages: hard wraps, spaces around numbers, headings set apart by a
    blank line (larger type), and after `page` lines the page's continuation marker glued to the line
    end, the next page opening with its own."""
    lines = []
    for kind, text in paras:
        if kind == "heading":
            lines += [text, ""]
        else:
            lines += newspaper([(kind, spaced(text))], width).splitlines()
    lines[page - 1] += "（下转第二版）"
    lines[page] = "（上接第一版）" + lines[page]
    return "\n".join(lines) + "\n"


def web_spaced(paras) -> str:
    """A web page copied from a PDF viewer: one paragraph a line, spaces around numbers."""
    return web([(k, t if k == "heading" else spaced(t)) for k, t in paras])


LAYOUTS = {
    "unseen/national-2024": web,
    "unseen/province-2023": lambda p: newspaper(p, 21),
    "unseen/city-2024": one_per_line,
    "heldout/county-2022": lambda p: newspaper_paged(p, 19, 70),
    "heldout/province-2019": web_spaced,
}


def main() -> None:
    out: dict[str, list[dict]] = {}
    for path, layout in LAYOUTS.items():
        folder, name = path.split("/")
        paras, units = parse(HERE / f"{path}.tagged")
        (HERE / f"{path}.txt").write_text(layout(paras), encoding="utf-8")
        for i, u in enumerate(units):
            text = re.sub(r"\s+", "", u["text"])
            out.setdefault(folder, []).append({"seed": f"{name}.txt", "i": i, "text": text, "label": u["label"]})
    for folder, rows in out.items():
        with (HERE / folder / "labels.jsonl").open("w", encoding="utf-8") as f:
            for u in rows:
                f.write(json.dumps({**u, "annotator": "reference"}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
