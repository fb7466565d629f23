"""An export from a typed request to files: validate, collect, tokenise, split, write the records, the
dataset card, the labelling config (Label Studio) and the manifest.

    result = run_export(ExportRequest(annotations=Path("annotations"), corpus=Path("corpus"),
                                      output="data/labels.jsonl", split="train=0.8,dev=0.1,test=0.1"))

Everything the user should know (notes, warnings, the summary) goes through `say(line)`.
"""

from __future__ import annotations

import shlex
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.export import card, formats, writer
from reader.export.classes import classes
from reader.export.collect import Selection, collect
from reader.export.source import check_corpus, open_store
from reader.gcpause import no_gc_pauses


@dataclass(frozen=True)
class ExportRequest:
    """What to export, where to and how; None in a filter = everything."""

    annotations: Path
    corpus: Path
    output: str = writer.STDOUT
    format: str | None = None
    """None: from the extension of `output` (jsonl without one)."""
    labels: tuple[str, ...] | None = None
    annotators: tuple[str, ...] | None = None
    docs: tuple[str, ...] | None = None
    negatives: bool = False
    orphans: bool = False
    split: str | None = None
    """`train=0.8,dev=0.1,test=0.1`."""
    seed: int = 0
    tokens: bool = False
    allow_damaged: bool = False
    suggestions: bool = True
    """Label Studio: the suggestion of each sentence as a prediction."""
    indicators: bool = False
    """Each record with its sentence's indicator records (`reader.indicators.export`)."""

    def options(self) -> dict[str, Any]:
        """Every option, as the manifest records it."""
        return {
            "output": self.output,
            "format": formats.resolve(self.output, self.format),
            "labels": list(self.labels) if self.labels else None,
            "annotators": list(self.annotators) if self.annotators else None,
            "docs": list(self.docs) if self.docs else None,
            "negatives": self.negatives,
            "orphans": self.orphans,
            "split": self.split,
            "seed": self.seed,
            "tokens": self.tokens,
            "allow_damaged": self.allow_damaged,
            "suggestions": self.suggestions,
            "indicators": self.indicators,
            "annotations": str(self.annotations),
            "corpus": str(self.corpus),
        }

    def command(self) -> str:
        """The command line that makes this export again, every option spelled out."""
        parts = ["reader", "export", "-o", self.output, "--format", formats.resolve(self.output, self.format)]
        for opt, value in (("labels", self.labels), ("annotator", self.annotators), ("docs", self.docs)):
            if value:
                parts += [f"--{opt}", ",".join(value)]
        for flag in ("negatives", "orphans", "tokens", "allow_damaged", "indicators"):
            if getattr(self, flag):
                parts.append(f"--{flag.replace('_', '-')}")
        if not self.suggestions:
            parts.append("--no-suggestions")
        if self.split:
            parts += ["--split", self.split, "--seed", str(self.seed)]
        parts += ["--annotations", str(self.annotations), "--corpus", str(self.corpus)]
        return shlex.join(parts)


@dataclass
class ExportResult:
    fmt: str
    records: int
    labels: dict[str, int]
    files: dict[str, Path | None] = field(default_factory=dict)
    """Split name ("all" without --split) → file written (None: empty split, not written)."""
    manifest: Path | None = None
    card: Path | None = None
    label_config: Path | None = None


def _stderr(line: str) -> None:
    print(f"reader: {line}", file=sys.stderr)


def run_export(request: ExportRequest, *, say: Callable[[str], object] = _stderr) -> ExportResult:
    with no_gc_pauses():
        return _run(request, say)


def _label_set(annotations: Path):
    from reader.store.labelset import load_labelset

    return load_labelset(annotations if annotations.is_dir() else None)


def _versions(tokens: bool) -> dict[str, str | None]:
    from importlib.metadata import version

    from reader import __version__
    from reader.text.pipeline import PIPELINE_VERSION

    out: dict[str, str | None] = {"version": __version__, "pipeline_version": str(PIPELINE_VERSION)}
    if tokens:
        out["jieba_version"] = version("jieba")
    return out


def _run(request: ExportRequest, say: Callable[[str], object]) -> ExportResult:
    from reader.export.split import parse_split
    from reader.store.importer import notes_file

    fmt = formats.resolve(request.output, request.format)
    shares = parse_split(request.split) if request.split else None
    to_stdout = request.output == writer.STDOUT
    if shares and to_stdout:
        raise ReaderError("--split writes one file per split; give a file name with -o, e.g. -o out.jsonl")
    corpus = check_corpus(request.corpus)
    paths = writer.split_paths(request.output, list(shares), fmt) if shares else {} if to_stdout else None
    if paths is None:
        paths = {"all": Path(request.output)}
    beside = {}
    if not to_stdout:
        beside = {"manifest": writer.manifest_path(request.output), "card": writer.card_path(request.output)}
        if fmt == "labelstudio":
            beside["label_config"] = writer.label_config_path(request.output)
    writer.check_writable([*paths.values(), *beside.values()])

    annotations = request.annotations
    label_set = _label_set(annotations)
    selection = Selection(
        labels=set(request.labels) if request.labels else None,
        annotators=list(request.annotators) if request.annotators else None,
        docs=list(request.docs) if request.docs else None,
        negatives=request.negatives,
        orphans=request.orphans,
    )
    from reader.export.documents import DocumentSource
    from reader.export.progress import Progress

    # The bar (stderr, only after a second, only on a terminal) covers everything but writing to
    # stdout, which would fight with it for the same terminal.
    with Progress() as progress:
        reading = progress.task("reading labels", None)
        store = open_store(annotations, allow_damaged=request.allow_damaged, warn=say)
        try:
            state: dict[str, Any] = {}

            def on_documents(n: int) -> None:
                reading(1)
                state["advance"] = progress.task("reading documents", n)

            collected = collect(
                store,
                corpus,
                selection,
                load_all=DocumentSource(annotations).load_all,
                label_set=label_set.names,
                on_documents=on_documents,
                advance=lambda n: state.get("advance", lambda n: None)(n),
            )
        finally:
            store.close()
        records = collected.records
        names = classes(label_set, (r["label"] for r in records))
        if request.tokens and records:
            from reader.export.tokens import tokenize

            texts = [r["text"] for r in records]
            advance = progress.task("jieba words", len(set(texts)))
            cache = annotations / ".cache" / "export" if annotations.is_dir() else None
            for record, words in zip(records, tokenize(texts, advance=advance, cache_dir=cache), strict=True):
                record["tokens"] = words
        if request.indicators:
            from reader.indicators.export import attach

            every = records + collected.note_records  # the notes file has the same shape
            docs = len({r["doc"] for r in every})
            collected.notes += attach(every, collected.documents, annotations, progress.task("indicators", docs))
        predictions = {}
        if fmt == "labelstudio" and request.suggestions and records:
            only = request.annotators[0] if request.annotators and len(request.annotators) == 1 else None
            predictions = _predictions(records, collected.documents, annotations, only, progress)
        by_split = _split(records, shares, request.seed) if shares else {"all": records}
        write_kw = {"names": names, "predictions": predictions}
        if not to_stdout:
            writing = progress.task("writing", len(records))
            files: dict[str, Path | None] = {}
            for name, path in paths.items():
                if shares and not by_split[name]:
                    files[name] = None  # an empty split file fails to load ("corresponds to no data")
                    path.unlink(missing_ok=True)  # a file of that name from an earlier export is not this one
                    continue
                writer.write_records(by_split[name], path, fmt, advance=writing, **write_kw)
                files[name] = path
            if collected.note_records and fmt == "jsonl":  # every note is exported (issue 10)
                writer.write_records(collected.note_records, notes_file(Path(request.output)), fmt)

    for note in collected.notes:
        say(note)
    if collected.note_records:
        where = (
            f"in {notes_file(Path(request.output))}"
            if not to_stdout and fmt == "jsonl"
            else "not written: export with -o FILE.jsonl to get them in FILE.notes.jsonl"
        )
        say(f"{len(collected.note_records)} note(s) on sentences without a label: {where}")
    if not records:
        say(
            "no labels to export"
            + (" with these options" if selection != Selection() else "")
            + "; the export is empty"
        )
    if to_stdout:
        writer.write_records(records, writer.STDOUT, fmt, **write_kw)
        return ExportResult(fmt, len(records), dict(Counter(r["label"] for r in records)))

    from reader.export.manifest import build, split_summary

    versions = _versions(request.tokens)
    if request.indicators:
        from reader.indicators.cache import extractor_fingerprint

        versions["indicators_extractor"] = extractor_fingerprint()
    summary = split_summary(by_split, shares)
    if shares and records:
        _say_splits(summary, say)
    extra = {}
    if "label_config" in beside:
        from reader.export.labelstudio import label_config

        writer.write_text(label_config(names), beside["label_config"])
        extra["label_config"] = beside["label_config"]
    splits_for_card = {name: {"file": str(files[name]) if files[name] else None, **s} for name, s in summary.items()}
    writer.write_text(
        card.render(
            title=f"reader export: {Path(request.output).name}",
            fmt=fmt,
            kinds=card.field_kinds(records, list(records[0]) if records else formats.columns(records)),
            names=names,
            splits=splits_for_card,
            manifest_name=beside["manifest"].name,
            command=request.command(),
            versions=versions,
        ),
        beside["card"],
    )
    extra["card"] = beside["card"]
    manifest = build(
        records_by_split=by_split,
        summary=summary,
        files=files,
        extra_files=extra,
        documents=collected.documents,
        names=names,
        command=request.command(),
        fmt=fmt,
        options=request.options(),
        versions=versions,
    )
    writer.write_manifest(manifest, beside["manifest"])
    counts = ", ".join(f"{k} {v}" for k, v in manifest["labels"].items()) or "nothing"
    shown = ", ".join(str(p) for p in files.values() if p) or "no file"
    say(
        f"exported {len(records)} record(s) ({counts}) to {shown}; manifest {beside['manifest']}, card {beside['card']}"
    )
    return ExportResult(
        fmt,
        len(records),
        manifest["labels"],
        files,
        beside["manifest"],
        beside["card"],
        beside.get("label_config"),
    )


def _say_splits(summary: dict[str, dict[str, Any]], say: Callable[[str], object]) -> None:
    total = sum(s["records"] for s in summary.values())
    docs = sum(len(s["documents"]) for s in summary.values())
    shares = ", ".join(f"{name} {s['share']:.1%} (asked {s['requested_share']:.0%})" for name, s in summary.items())
    say(f"split by report: {shares} of {total} record(s) in {docs} report(s)")
    for name, s in summary.items():
        if not s["records"]:
            say(f"warning: split {name} got no report ({docs} report(s) to share out): no file written for it")
        elif s["missing_labels"]:
            say(
                f"warning: split {name} has no {', '.join(s['missing_labels'])} record: scores on it say "
                "nothing about that label; try another --seed, other shares or more reports"
            )


def _split(records: list[dict[str, Any]], shares: dict[str, float], seed: int) -> dict[str, list[dict[str, Any]]]:
    from reader.export.split import assign

    doc_counts: dict[str, Counter[str]] = defaultdict(Counter)
    for r in records:
        doc_counts[r["doc"]][r["label"]] += 1
    where = assign(doc_counts, shares, seed)
    by_split: dict[str, list[dict[str, Any]]] = {name: [] for name in shares}
    for r in records:
        by_split[where[r["doc"]]].append(r)
    return by_split


def _predictions(records, documents, annotations: Path, annotator: str | None, progress) -> dict[str, dict[str, Any]]:
    """Sentence id → the suggestion {"label", "score", "model_version"} for the exported sentences
    of the reports still in the corpus, from `annotator`'s model (else the shipped one, else the rules)."""
    from reader.suggest.saved import PROJECT_ANNOTATIONS
    from reader.suggest.suggester import Suggester
    from reader.text.pipeline import load_document

    suggester = Suggester.load(annotations, annotator, fallback=PROJECT_ANNOTATIONS)
    saved = suggester.info.get("saved") if suggester.has_model else None
    model_version = f"reader: {suggester.describe()}" + (f", saved {saved}" if saved else "")
    wanted = {r["id"] for r in records}
    docs = sorted({r["doc"] for r in records if not documents.get(r["doc"], {}).get("missing", True)})
    advance = progress.task("suggestions", len(docs))
    out = {}
    for doc_id in docs:
        doc = load_document(Path(documents[doc_id]["path"]))
        for s in suggester.suggest(doc):
            if s.sentence_id in wanted:
                out[s.sentence_id] = {"label": s.label, "score": s.score, "model_version": model_version}
        advance(1)
    return out
