"""`reader export` from parsed arguments to files: validate, collect, tokenise, split, write."""

from __future__ import annotations

import argparse
import gc
import shlex
import sys
from collections import Counter, defaultdict
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.export import formats, writer
from reader.export.collect import Selection, collect


def names(values: list[str] | None) -> list[str] | None:
    """`--x a,b --x c` → ["a", "b", "c"]; None when not given."""
    if not values:
        return None
    out = [n.strip() for v in values for n in v.split(",") if n.strip()]
    return list(dict.fromkeys(out)) or None


def say(message: str) -> None:
    print(f"reader: {message}", file=sys.stderr)


def command_line(args: argparse.Namespace) -> str:
    """The export command with every option spelled out (defaults included): enough to redo it."""
    parts = ["reader", "export", "-o", args.output, "--format", args.format]
    for opt in ("labels", "annotator", "docs"):
        value = names(getattr(args, opt))
        if value:
            parts += [f"--{opt}", ",".join(value)]
    for flag in ("negatives", "orphans", "tokens"):
        if getattr(args, flag):
            parts.append(f"--{flag}")
    if args.split:
        parts += ["--split", args.split, "--seed", str(args.seed)]
    for opt in ("annotations", "corpus"):
        if getattr(args, opt, None):
            parts += [f"--{opt}", str(getattr(args, opt))]
    return shlex.join(parts)


class _EmptyStore:
    """Stands in for a store folder that does not exist yet: no labels, no review marks."""

    def labels(self, *a: Any, **k: Any) -> list[dict[str, Any]]:
        return []

    def reviewed(self, *a: Any, **k: Any) -> list[dict[str, Any]]:
        return []

    def close(self) -> None:
        pass


def open_store(path: Path, *, allow_damaged: bool = True):
    """The store under `path`, read-only; an empty stand-in when the folder does not exist.

    A damaged store file is never silently skipped: with a good backup its labels come from the
    backup (said on stderr); without one, unless `allow_damaged`, this is an error, because the
    export would quietly lack that report's labels.
    """
    if not path.exists():
        return _EmptyStore()
    if not path.is_dir():
        raise ReaderError(f"annotations folder {path} is not a folder; give one with --annotations")
    from reader.store import AnnotationStore

    store = AnnotationStore(path, read_only=True)
    lost = []
    for name, what in store.problems():
        print(f"reader: warning: {path / name}: {what}", file=sys.stderr)
        if "no usable backup" in what:
            lost.append(name)
    if lost and not allow_damaged:
        store.close()
        raise ReaderError(
            f"{', '.join(lost)} in {path} {'is' if len(lost) == 1 else 'are'} damaged without a usable backup: "
            "its labels would be missing from the export; "
            "run `reader doctor --repair` first, or pass --allow-damaged to go on without them"
        )
    return store


def _label_set(annotations: Path) -> list[str]:
    try:
        from reader.store.labelset import load_labelset
    except ImportError:  # pragma: no cover - the store always ships it
        return ["target", "achievement", "problem"]
    return list(load_labelset(annotations if annotations.is_dir() else None).names)


def _pipeline_version() -> str | None:
    try:
        from reader.text.pipeline import PIPELINE_VERSION
    except ImportError:
        return None
    return str(PIPELINE_VERSION)


@contextmanager
def no_gc_pauses():
    """Building 100,000 records allocates millions of objects, none of them cyclic garbage; the
    cyclic collector would rescan the growing heap again and again (half the run time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def export(args: argparse.Namespace) -> int:
    with no_gc_pauses():
        return _export(args)


def _export(args: argparse.Namespace) -> int:
    from reader.cli.common import annotations_dir, corpus_dir
    from reader.export.split import parse_split
    from reader.store.importer import notes_file

    fmt = args.format
    if fmt not in formats.FORMATS:
        raise ReaderError(f"unknown format {fmt!r}; use one of {', '.join(formats.FORMATS)}")
    shares = parse_split(args.split) if args.split else None
    try:
        seed = int(args.seed)
    except ValueError:
        raise ReaderError(f"--seed {args.seed!r} is not a whole number; e.g. --seed 1") from None
    if shares and args.output == writer.STDOUT:
        raise ReaderError("--split writes one file per split; give a file name with -o, e.g. -o out.jsonl")
    to_stdout = args.output == writer.STDOUT
    paths = (
        writer.split_paths(args.output, list(shares), fmt)
        if shares
        else {}
        if to_stdout
        else {"all": Path(args.output)}
    )
    manifest_path = None if to_stdout else writer.manifest_path(args.output, fmt)
    writer.check_writable([*paths.values(), *([manifest_path] if manifest_path else [])])

    annotations, corpus = annotations_dir(args), corpus_dir(args)
    label_set = _label_set(annotations)
    wanted_labels = names(args.labels)
    selection = Selection(
        labels=set(wanted_labels) if wanted_labels else None,
        annotators=names(args.annotator),
        docs=names(args.docs),
        negatives=args.negatives,
        orphans=args.orphans,
    )
    from reader.export.documents import DocumentSource
    from reader.export.progress import Progress

    # The bar (stderr, only after a second, only on a terminal) covers everything but writing to
    # stdout, which would fight with it for the same terminal.
    with Progress() as progress:
        reading = progress.task("reading labels", None)
        store = open_store(annotations, allow_damaged=getattr(args, "allow_damaged", False))
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
                label_set=label_set,
                on_documents=on_documents,
                advance=lambda n: state.get("advance", lambda n: None)(n),
            )
        finally:
            store.close()
        records = collected.records
        if args.tokens and records:
            from reader.export.tokens import tokenize

            texts = [r["text"] for r in records]
            advance = progress.task("jieba words", len(set(texts)))
            cache = annotations / ".cache" / "export" if annotations.is_dir() else None
            for record, words in zip(records, tokenize(texts, advance=advance, cache_dir=cache), strict=True):
                record["tokens"] = words
        by_split = _split(records, shares, seed) if shares else {"all": records}
        if not to_stdout:
            writing = progress.task("writing", len(records))
            for name, path in paths.items():
                writer.write_records(by_split[name], path, fmt, advance=writing)
            manifest = _manifest(
                args, by_split, paths, collected, label_set, wanted_labels, selection, shares, seed, fmt
            )
            writer.write_manifest(manifest, manifest_path)
            if collected.note_records and fmt == "jsonl":
                writer.write_records(collected.note_records, notes_file(Path(args.output)), fmt)

    for note in collected.notes:
        say(note)
    if collected.note_records:
        where = (
            f"in {notes_file(Path(args.output))}"
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
    if shares:
        empty = [name for name, rs in by_split.items() if not rs]
        if empty and records:
            docs = len({r["doc"] for r in records})
            say(f"split {', '.join(empty)} got no document ({docs} document(s) to share out)")
    if to_stdout:
        writer.write_records(records, writer.STDOUT, fmt)
        return 0
    counts = ", ".join(f"{k} {v}" for k, v in manifest["labels"].items()) or "nothing"
    files = ", ".join(str(p) for p in paths.values())
    say(f"exported {len(records)} record(s) ({counts}) to {files}; manifest {manifest_path}")
    return 0


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


def _manifest(args, by_split, paths, collected, label_set, wanted_labels, selection, shares, seed, fmt):
    from reader import __version__
    from reader.export.manifest import build

    return build(
        records_by_split=by_split,
        files={name: str(path) for name, path in paths.items()},
        documents=collected.documents,
        label_set=label_set,
        command=command_line(args),
        fmt=fmt,
        options={
            "negatives": args.negatives,
            "orphans": args.orphans,
            "tokens": args.tokens,
            "labels": wanted_labels,
            "annotators": selection.annotators,
            "docs": selection.docs,
            "split": shares,
            "seed": seed if shares else None,
        },
        tool_version=__version__,
        pipeline_version=_pipeline_version(),
    )
