"""What `reader suggest`, `reader train` and `reader evaluate` do (the CLI module only parses)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from reader.errors import ReaderError
from reader.suggest.labels import LABELS


def _suggester(args: argparse.Namespace, annotations: Path | None = None):
    """The suggester `reader suggest`/`evaluate` use: --rules-only, else the annotator's own model,
    else the shipped one (of --annotations, ./annotations, or the project's), else the rules."""
    from reader.suggest.saved import PROJECT_ANNOTATIONS
    from reader.suggest.suggester import Suggester

    if getattr(args, "rules_only", False):
        return Suggester.rules_only()
    annotator = None if getattr(args, "shipped", False) else getattr(args, "annotator", None)
    folder = annotations or (Path(args.annotations) if args.annotations else Path("annotations"))
    return Suggester.load(folder, annotator, fallback=PROJECT_ANNOTATIONS)


def _load(path: str):
    from reader.text.pipeline import load_document

    p = Path(path)
    if p.is_dir():
        raise ReaderError(f"{path} is a folder; give a report's text file")
    return load_document(p)


# --- suggest ---------------------------------------------------------------------------------------
def suggest(args: argparse.Namespace) -> int:
    from reader.cli.common import default_annotator

    if not args.shipped:
        args.annotator = default_annotator(args.annotator)
    doc = _load(args.path)
    suggester = _suggester(args)
    suggestions = suggester.suggest(doc)
    if args.json:
        print(f"suggestions from {suggester.describe()}", file=sys.stderr)
        out = sys.stdout
        for s, sug in zip(doc.sentences, suggestions, strict=True):
            out.write(
                json.dumps(
                    {
                        "id": s.id,
                        "text": s.text,
                        "label": sug.label,
                        "score": sug.score,
                        "source": sug.source,
                        "margin": sug.margin,
                        "rule": sug.rule,
                        "section": list(s.section),
                        "line": s.line,
                        "kind": s.kind,
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
        return 0
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    colors = {"target": "cyan", "achievement": "green", "problem": "red", "none": "dim"}
    table = Table(
        title=Text(f"{doc.id}: {len(suggestions)} sentences"),
        caption=Text(f"suggestions from {suggester.describe()}"),
        show_lines=False,
    )
    table.add_column("line", justify="right", style="dim")
    table.add_column("label")
    table.add_column("score", justify="right")
    table.add_column("by", style="dim")
    table.add_column("sentence", overflow="fold")
    for s, sug in zip(doc.sentences, suggestions, strict=True):
        c = colors.get(sug.label, "")
        table.add_row(str(s.line), Text(sug.label, style=c), f"{sug.score:.2f}", sug.source, Text(s.text))
    Console().print(table)
    return 0


# --- train / evaluate helpers ------------------------------------------------------------------------
def _open_store(args: argparse.Namespace):
    from reader.cli.common import annotations_dir
    from reader.store import AnnotationStore

    folder = annotations_dir(args)
    if not folder.is_dir():
        raise ReaderError(f"no annotations folder {folder}; label some sentences first (or give --annotations)")
    return AnnotationStore(folder, read_only=True)


def _documents(args: argparse.Namespace, doc_ids, *, warn=True) -> dict:
    from reader.cli.common import corpus_dir
    from reader.text.pipeline import load_document

    corpus = corpus_dir(args)
    docs = {}
    for d in sorted(doc_ids):
        path = corpus / f"{d}.txt"
        if path.exists():
            docs[d] = load_document(path)
        elif warn:
            print(f"note: {path} not found; its labels are used without their context", file=sys.stderr)
    return docs


def _score_table(title: str, sc: dict):
    from rich.table import Table

    t = Table(title=title)
    for col in ("label", "precision", "recall", "F1", "n"):
        t.add_column(col, justify="right" if col != "label" else "left")
    for lab in LABELS:
        v = sc["labels"][lab]
        t.add_row(lab, f"{v['precision']:.3f}", f"{v['recall']:.3f}", f"{v['f1']:.3f}", str(v["support"]))
    t.add_row("macro-F1", "", "", f"{sc['macro_f1']:.3f}", str(sc["n"]), style="bold")
    return t


def _confusion_table(sc: dict):
    from rich.table import Table

    t = Table(title="confusion (rows: labels in the store, columns: suggested)")
    t.add_column("")
    for lab in LABELS:
        t.add_column(lab, justify="right")
    for g in LABELS:
        t.add_row(g, *(str(sc["confusion"][g][p]) for p in LABELS))
    return t


def train(args: argparse.Namespace) -> int:
    from rich.console import Console

    from reader.cli.common import default_annotator
    from reader.suggest import saved
    from reader.suggest.suggester import Suggester

    console = Console()
    own = sorted(set(args.annotator or [default_annotator()]))
    if args.shipped and own != [saved.REFERENCE]:
        raise ReaderError(
            f"--shipped writes the shipped model, which is trained on the {saved.REFERENCE!r} labels only; "
            f"drop --shipped to train {', '.join(own)}'s own model"
        )
    with_reference = not args.without_reference and saved.REFERENCE not in own
    store = _open_store(args)
    try:
        records = [r for a in own for r in store.labels(annotator=a)]
        reviewed = [m for a in own for m in store.reviewed(annotator=a)]
        if not records:
            raise ReaderError(
                f"no labels by {' or '.join(own)} in {store.path}; label some sentences first "
                f"(or choose whose labels with --annotator; annotators here: {_annotators(store)})"
            )
        if with_reference:
            records += store.labels(annotator=saved.REFERENCE)
            reviewed += store.reviewed(annotator=saved.REFERENCE)
    finally:
        store.close()
    docs = _documents(args, {r["doc"] for r in records} | {m["doc"] for m in reviewed})
    t0 = time.perf_counter()
    model, report = Suggester.train(
        records, docs, reviewed, own=() if args.shipped else own, seed=args.seed, cross_validate=not args.no_cv
    )
    seconds = time.perf_counter() - t0
    who = "reference" if args.shipped else " + ".join(own)
    console.print(
        f"trained on {report['own_examples'] if not args.shipped else report['examples']} sentences of {who} in "
        f"{len(report['own_documents'] if not args.shipped else report['documents'])} document(s) "
        f"({', '.join(f'{k} {v}' for k, v in sorted(report['counts'].items()))})"
        + (f", with {report['prior_examples']} reference labels as a prior" if report["prior_examples"] else "")
        + f", in {seconds:.1f} s"
    )
    cv = report.get("cv")
    scope = f"on {who}'s labels, " if not args.shipped else ""
    if cv and "model" in cv:
        console.print(_score_table(f"rules alone, {scope}leave-one-document-out ({cv['folds']} folds)", cv["rules"]))
        console.print(_score_table(f"rules + model, {scope}leave-one-document-out", cv["model"]))
    elif cv:
        console.print(_score_table(f"rules alone, {scope}(one document: no cross-validation)", cv["rules"]))
    from reader.text.pipeline import PIPELINE_VERSION

    meta = {
        "labels": list(model.labels),
        "annotators": [saved.REFERENCE] if args.shipped else own,
        "own_examples": report["own_examples"] if not args.shipped else report["examples"],
        "reference_examples": report["prior_examples"],
        "counts": report["counts"],
        "documents": report["documents"],
        "own_documents": report["own_documents"],
        "pipeline_version": PIPELINE_VERSION,
        "examples": report["examples"],
        "train_seconds": round(seconds, 2),
        "seed": args.seed,
    }
    if cv:
        meta["cv"] = {k: _compact(cv[k]) for k in ("rules", "model") if k in cv}
        meta["cv"]["docs"] = {d: round(v, 4) for d, v in cv.get("docs", {}).items()}
    folder = saved.shipped_dir(Path(store.path)) if args.shipped else saved.user_dir(Path(store.path), own)
    path = saved.save(model, folder, meta)
    console.print(f"saved {path} ({path.stat().st_size // 1024} KB)")
    if not args.shipped:
        console.print(
            f"`reader suggest` and the app now use it for {' and '.join(own)} (the shipped model is unchanged)"
        )
    return 0


def _annotators(store) -> str:
    names = sorted({r.get("annotator") or "?" for r in store.labels()})
    return ", ".join(names) or "none"


def _compact(sc: dict) -> dict:
    return {
        "macro_f1": round(sc["macro_f1"], 4),
        "labels": {k: {m: round(v[m], 4) if m != "support" else v[m] for m in v} for k, v in sc["labels"].items()},
    }


def evaluate(args: argparse.Namespace) -> int:
    from rich.console import Console

    from reader.suggest.metrics import scores
    from reader.suggest.training import collect_examples

    store = _open_store(args)
    try:
        doc_ids = args.docs or store.doc_ids()
        records = [r for d in doc_ids for r in store.labels(doc_id=d, annotator=args.annotator)]
        reviewed = [m for d in doc_ids for m in store.reviewed(doc_id=d, annotator=args.annotator)]
    finally:
        store.close()
    if not records and not reviewed:
        raise ReaderError("no labels to compare with for these documents; label or import some first")
    docs = _documents(args, {r["doc"] for r in records} | {m["doc"] for m in reviewed}, warn=False)
    got = collect_examples(records, docs, reviewed)
    suggester = _suggester(args, Path(store.path))
    if not args.json:
        print(f"suggestions from {suggester.describe()}", file=sys.stderr)
    from reader.suggest.model import predict

    model = suggester._get_model()
    seen = sorted(set(docs) & set(suggester.info.get("documents", []))) if model is not None else []
    if seen and not args.json:
        print(
            f"note: the model was trained on {', '.join(seen)}; scores there are not held out "
            "(use --rules-only, or a model trained on other labels)",
            file=sys.stderr,
        )
    gold = [e.label for e in got.examples]
    pred = [lab for lab, _d, _s in predict(model, [e.ctx for e in got.examples])]
    sc = scores(gold, pred)
    if args.json:
        print(json.dumps({"documents": sorted(docs), "model": model is not None, **sc}, ensure_ascii=False))
        return 0
    console = Console()
    src = "rules + model" if model is not None else "rules alone"
    console.print(_score_table(f"{src} vs stored labels ({len(set(e.doc for e in got.examples))} docs)", sc))
    console.print(_confusion_table(sc))
    return 0
