"""The reference labels of the seed reports (../shared/labels/seeds.jsonl): matched to the pipeline's
sentences of their corpus copies by whitespace-free text, for `reader import-seeds` (the command is in
`reader/cli/suggest_cmds.py`) and as training and evaluation examples.

Matching, strictly (nothing is guessed):
1. a unit whose text equals a sentence's text (whitespace removed; then also with half-width
   punctuation made full-width) labels that sentence, in order of occurrence;
2. consecutive units that together make one sentence (a sentence the rough reflow cut in two) label it
   if they all carry the same label;
3. a unit that spans several consecutive sentences (a heading glued to the next sentence) labels them
   if it is `none`, or if all but one of them are headings (which are `none` by definition) — then the
   label goes to the one that is not.
Everything else is reported. `none` labels are not stored: the sections whose every sentence got a
reference label are marked reviewed by the annotator, which makes their unlabelled sentences `none`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.suggest.context import normalize

if TYPE_CHECKING:
    from reader.text.model import Document

DEFAULT_SEEDS = Path("../shared/labels/seeds.jsonl")
_WS = re.compile(r"\s+")


def _squeeze(text: str) -> str:
    return _WS.sub("", text)


@dataclass
class DocMatch:
    doc_id: str
    labels: dict[int, str] = field(default_factory=dict)
    """Sentence index → reference label (including none)."""
    unmatched_units: list[dict] = field(default_factory=list)
    unmatched_sentences: list[int] = field(default_factory=list)


def match_units(doc: Document, units: list[dict]) -> DocMatch:
    """Assign the units' labels to the sentences of `doc` (see the module docstring)."""
    m = DocMatch(doc.id)
    sents = [_squeeze(s.text) for s in doc.sentences]
    sents_n = [normalize(s) for s in sents]
    unit_texts = [_squeeze(u["text"]) for u in units]
    used_units: set[int] = set()

    # 1. exact matches, in order of occurrence
    for key_s, key_u in ((sents, unit_texts), (sents_n, [normalize(t) for t in unit_texts])):
        free: dict[str, list[int]] = defaultdict(list)
        for j, t in enumerate(key_u):
            if j not in used_units:
                free[t].append(j)
        for i, t in enumerate(key_s):
            if i in m.labels or not free.get(t):
                continue
            j = free[t].pop(0)
            used_units.add(j)
            m.labels[i] = units[j]["label"]

    # 2./3. spans, between the exact anchors
    ui = [j for j in range(len(units)) if j not in used_units]
    si = [i for i in range(len(sents)) if i not in m.labels]
    u_set, s_set = set(ui), set(si)
    for i in si:
        if i in m.labels:
            continue
        # units joined make the sentence
        for j in ui:
            if j not in u_set:
                continue
            joined, k = "", j
            while k in u_set and len(joined) < len(sents_n[i]):
                joined += normalize(unit_texts[k])
                k += 1
            if joined == sents_n[i] and k - j >= 2:
                labs = {units[x]["label"] for x in range(j, k)}
                if len(labs) == 1:
                    m.labels[i] = labs.pop()
                    u_set -= set(range(j, k))
                break
    for j in ui:
        if j not in u_set:
            continue
        for i in si:
            if i not in s_set or i in m.labels:
                continue
            joined, k = "", i
            while k in s_set and k not in m.labels and len(joined) < len(normalize(unit_texts[j])):
                joined += sents_n[k]
                k += 1
            if joined == normalize(unit_texts[j]) and k - i >= 2:
                span = list(range(i, k))
                lab = units[j]["label"]
                body = [x for x in span if doc.sentences[x].kind != "heading"]
                if lab == "none":
                    m.labels.update(dict.fromkeys(span, "none"))
                elif len(body) == 1:
                    m.labels.update(dict.fromkeys(span, "none"))
                    m.labels[body[0]] = lab
                else:
                    break
                u_set.discard(j)
                s_set -= set(span)
                break
    m.unmatched_units = [units[j] for j in sorted(u_set)]
    m.unmatched_sentences = [i for i in range(len(sents)) if i not in m.labels]
    return m


def reviewed_paths(doc: Document, covered: set[int]) -> list[tuple[str, ...]]:
    """The largest section paths whose every sentence is covered ([()] if the whole document is)."""
    paths = {tuple(s.section[:k]) for s in doc.sentences for k in range(len(s.section) + 1)}
    ok = {p for p in paths if all(i in covered for i, s in enumerate(doc.sentences) if tuple(s.section[: len(p)]) == p)}
    return sorted(p for p in ok if not any(p[:k] in ok for k in range(len(p))))


def corpus_map(corpus: Path, seeds_dir: Path | None) -> dict[str, str]:
    """Seed file name → corpus document id, from corpus/SOURCES.md, else by identical bytes."""
    out: dict[str, str] = {}
    sources = corpus / "SOURCES.md"
    if sources.exists():
        for line in sources.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) >= 2 and cells[0].endswith(".txt") and cells[1].endswith(".txt"):
                out[cells[1]] = Path(cells[0]).stem
    if not out and seeds_dir and seeds_dir.is_dir():
        by_hash = {hashlib.sha256(p.read_bytes()).hexdigest(): p.stem for p in corpus.glob("*.txt")}
        for p in seeds_dir.glob("*.txt"):
            h = hashlib.sha256(p.read_bytes()).hexdigest()
            if h in by_hash:
                out[p.name] = by_hash[h]
    return out


def read_units(path: Path) -> dict[str, list[dict]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ReaderError(f"cannot read {path}: {exc.strerror}; give the reference labels file") from exc
    by_seed: dict[str, list[dict]] = defaultdict(list)
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            by_seed[obj["seed"]].append(obj)
        except (ValueError, KeyError, TypeError) as exc:
            raise ReaderError(f"{path}:{n}: not a reference label line (needs seed, text, label)") from exc
    for units in by_seed.values():
        units.sort(key=lambda u: u.get("i", 0))
    return by_seed


@dataclass
class SeedImport:
    """What `plan_import` found: the labels to store, the sections to mark reviewed, and a report."""

    records: list[dict] = field(default_factory=list)
    marks: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    """(document id, section path) pairs to mark reviewed; () is the whole document."""
    lines: list[str] = field(default_factory=list)
    """The report, one line per document and per unmatched unit or sentence."""
    total_units: int = 0
    matched_units: int = 0


def plan_import(seeds_file: Path, corpus: Path, annotator: str = "reference") -> SeedImport:
    """Match the reference labels in `seeds_file` to the corpus copies of the seed reports (nothing is
    written: the caller stores `records` and `marks`)."""
    from reader.text.pipeline import load_document

    by_seed = read_units(seeds_file)
    mapping = corpus_map(corpus, seeds_file.parent.parent / "seeds")
    out = SeedImport()
    for seed, units in sorted(by_seed.items()):
        out.total_units += len(units)
        doc_id = mapping.get(seed)
        if doc_id is None or not (corpus / f"{doc_id}.txt").exists():
            out.lines.append(f"{seed}: no corpus copy found in {corpus}; {len(units)} units skipped")
            continue
        doc = load_document(corpus / f"{doc_id}.txt")
        m = match_units(doc, units)
        out.matched_units += len(units) - len(m.unmatched_units)
        for i, lab in sorted(m.labels.items()):
            if lab == "none":
                continue
            s = doc.sentences[i]
            out.records.append(
                {
                    "doc": doc_id,
                    "sentence": s.id,
                    "label": lab,
                    "annotator": annotator,
                    "text": s.text,
                    "section": list(s.section),
                    "line": s.line,
                    "start": s.start,
                    "end": s.end,
                }
            )
        paths = reviewed_paths(doc, set(m.labels))
        out.marks += [(doc_id, p) for p in paths]
        out.lines.append(
            f"{doc_id}: {len(m.labels)}/{len(doc.sentences)} sentences labelled; "
            f"{len(m.unmatched_units)} unit(s) and {len(m.unmatched_sentences)} sentence(s) unmatched; "
            f"{'whole document' if paths == [()] else f'{len(paths)} section(s)'} marked reviewed"
        )
        for u in m.unmatched_units:
            out.lines.append(f"  unit {u.get('i')} ({u['label']}) not matched: {_squeeze(u['text'])[:60]}")
        for i in m.unmatched_sentences:
            s = doc.sentences[i]
            out.lines.append(f"  sentence line {s.line} has no reference label: {_squeeze(s.text)[:60]}")
    return out


def labelled_examples(doc: Document, units: list[dict], annotator: str = "reference") -> list:
    """Training/evaluation examples of `doc`'s body sentences from reference `units` (seed-file lines),
    in reading order; ReaderError if a unit is not found among the pipeline's sentences."""
    from reader.suggest.context import contexts
    from reader.suggest.model import Example

    got = match_units(doc, units)
    if got.unmatched_units:
        raise ReaderError(f"{doc.id}: {len(got.unmatched_units)} labelled unit(s) not found among its sentences")
    ctxs = contexts(doc)
    return [
        Example(ctxs[i], lab, doc.id, annotator)
        for i, lab in sorted(got.labels.items())
        if doc.sentences[i].kind == "sentence"
    ]
