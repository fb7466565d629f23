"""Commands of the suggestion area: `reader suggest`, `reader train`, `reader evaluate`,
`reader import-seeds`: their options, and the handlers that turn them into calls of `reader.suggest`
(the Suggester, `saved`, `seeds`) and print the results (Rich tables, JSON Lines). Top level stays light
(argparse only); the work is imported inside `run_*`.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from reader.errors import ReaderError


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's commands to the `reader` parser."""
    from reader.cli.common import add_docs_option, add_store_options

    p = sub.add_parser(
        "suggest",
        help="suggest a label for every sentence of a report",
        description="Suggest target/achievement/problem/none for every sentence of PATH, from the rules "
        "and a trained model: the annotator's own (annotations/models/NAME/, made by `reader train`), else "
        "a model in the annotations folder's model/, else the shipped one installed with reader, else the rules "
        "alone. Says which on standard error (and under the table).",
    )
    p.add_argument("path", metavar="PATH", help="a report (text file)")
    p.add_argument("--json", action="store_true", help="JSON Lines, one object per sentence")
    p.add_argument("--rules-only", action="store_true", help="ignore the trained models")
    p.add_argument("--shipped", action="store_true", help="use the shipped model, not the annotator's own")
    p.add_argument(
        "--annotator", default=None, help="whose model to use (default: $READER_ANNOTATOR, else the login name)"
    )
    p.add_argument(
        "--annotations",
        default=None,
        metavar="DIR",
        help="folder with the trained models (default: ./annotations, else the shipped one)",
    )
    p.set_defaults(run=run_suggest)

    p = sub.add_parser(
        "train",
        help="train the suggestion model on the labels in the store",
        description="Train an annotator's suggestion model on their labels, with the reference labels as a "
        "weaker prior (their labels win where the two disagree), print precision/recall/F1 per label from "
        "leave-one-document-out cross-validation on their labels, and save it under annotations/models/NAME/ "
        "(git-ignored). The shipped model (reader/suggest/shipped/) is never touched, except by --shipped.",
    )
    add_store_options(p, annotator=False)
    p.add_argument(
        "--annotator",
        action="append",
        default=None,
        metavar="NAME",
        help="whose labels (repeat for several: one model for them together; default: $READER_ANNOTATOR, "
        "else the login name)",
    )
    p.add_argument("--without-reference", action="store_true", help="leave the reference labels out")
    p.add_argument(
        "--shipped",
        action="store_true",
        help="rebuild the shipped model from the reference labels (with --annotator reference): "
        "reader/suggest/shipped/ for the checkout's own annotations folder, else DIR/model/",
    )
    p.add_argument("--no-cv", action="store_true", help="skip cross-validation (faster)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.set_defaults(run=run_train)

    p = sub.add_parser(
        "evaluate",
        help="compare suggestions with the labels in the store",
        description="Suggestions against the stored labels (labelled sentences, and the unlabelled "
        "sentences of reviewed sections as none): precision/recall/F1 per label and a confusion table.",
    )
    add_store_options(p, annotator=False)
    p.add_argument("--annotator", default=None, help="compare with this annotator's labels (default: all)")
    add_docs_option(p, "only these documents (default: all)")
    p.add_argument("--rules-only", action="store_true", help="evaluate the rules without the model")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.set_defaults(run=run_evaluate)

    p = sub.add_parser(
        "import-seeds",
        help="import the reference labels of the seed reports into the store",
        description="Import reference labels (JSON Lines with seed, text, label) into the store for the "
        "corpus copies of the seed texts, matching by whitespace-free text; reports what does not match.",
    )
    add_store_options(p, annotator=False)
    p.add_argument(
        "seeds", nargs="?", default=None, metavar="FILE", help="labels file (default: ../shared/labels/seeds.jsonl)"
    )
    p.add_argument("--annotator", default="reference", help="annotator name to store (default: reference)")
    p.add_argument("--dry-run", action="store_true", help="match and report, write nothing")
    p.set_defaults(run=run_import_seeds)


def _suggester(args: argparse.Namespace, annotations: Path | None = None):
    """The suggester `reader suggest`/`evaluate` use: --rules-only, else the annotator's own model,
    else the shipped one (of the annotations folder, else the one installed with reader), else the rules."""
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
def run_suggest(args: argparse.Namespace) -> int:
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

    from reader.suggest.labels import LABELS

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

    from reader.suggest.labels import LABELS

    t = Table(title="confusion (rows: labels in the store, columns: suggested)")
    t.add_column("")
    for lab in LABELS:
        t.add_column(lab, justify="right")
    for g in LABELS:
        t.add_row(g, *(str(sc["confusion"][g][p]) for p in LABELS))
    return t


def _annotators(store) -> str:
    names = sorted({r.get("annotator") or "?" for r in store.labels()})
    return ", ".join(names) or "none"


# --- train -------------------------------------------------------------------------------------------
def run_train(args: argparse.Namespace) -> int:
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
    meta = saved.training_meta(report, model.labels, own, shipped=args.shipped, seconds=seconds, seed=args.seed)
    folder = saved.shipped_target(Path(store.path)) if args.shipped else saved.user_dir(Path(store.path), own)
    path = saved.save(model, folder, meta)
    console.print(f"saved {path} ({path.stat().st_size // 1024} KB)")
    if not args.shipped:
        console.print(
            f"`reader suggest` and the app now use it for {' and '.join(own)} (the shipped model is unchanged)"
        )
    return 0


# --- evaluate ----------------------------------------------------------------------------------------
def run_evaluate(args: argparse.Namespace) -> int:
    from rich.console import Console

    from reader.cli.common import names
    from reader.suggest.metrics import scores
    from reader.suggest.model import predict
    from reader.suggest.training import collect_examples

    args.docs = names(args.docs)  # --docs a,b --docs c → [a, b, c], as everywhere
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


# --- import-seeds ------------------------------------------------------------------------------------
def run_import_seeds(args: argparse.Namespace) -> int:
    from reader.cli.common import annotations_dir, corpus_dir
    from reader.store import AnnotationStore
    from reader.suggest.seeds import DEFAULT_SEEDS, plan_import

    seeds_file = Path(args.seeds) if args.seeds else DEFAULT_SEEDS
    plan = plan_import(seeds_file, corpus_dir(args), args.annotator)
    for line in plan.lines:
        print(line)
    print(f"{plan.matched_units}/{plan.total_units} units matched; {len(plan.records)} labels to store")
    if args.dry_run:
        return 0
    store = AnnotationStore(annotations_dir(args))
    try:
        report = store.bulk_set(plan.records)
        for doc_id, path in plan.marks:
            store.mark_reviewed(doc_id, path or None, annotator=args.annotator)
    finally:
        store.close()
    print(f"stored: {report}")
    return 0
