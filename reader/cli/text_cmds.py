"""`reader text|outline|sentences PATH`: the pipeline's output, for people and (with --json) programs."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("text", help="the reflowed text: one paragraph per line, headings on their own lines")
    p.add_argument("path", help="a report file (.txt or .pdf)")
    p.add_argument(
        "--explain",
        action="store_true",
        help="print, at every gap between raw lines and every heading, the rule that decided it",
    )
    p.set_defaults(run=run_text)

    p = sub.add_parser("outline", help="the section outline (a tree; --json for programs)")
    p.add_argument("path", help="a report file (.txt or .pdf)")
    p.add_argument(
        "--json", action="store_true", help="a JSON array of {level, title, start, end, line, path} (+ page for a PDF)"
    )
    p.set_defaults(run=run_outline)

    p = sub.add_parser(
        "sentences",
        help="the sentences and headings with sections and raw lines "
        "(--json: JSON Lines; piped: one a line, tab-separated)",
    )
    p.add_argument("path", help="a report file (.txt or .pdf)")
    p.add_argument(
        "--json",
        action="store_true",
        help="JSON Lines: id, text, kind, section, start, end, line, paragraph (+ page for a PDF)",
    )
    p.set_defaults(run=run_sentences)


def _load(path: str, trace: list[str] | None = None):
    from reader.text.pipeline import load_document
    from reader.text.quality import warnings

    doc = load_document(path, trace=trace)
    for warning in warnings(doc):  # the output is unchanged; the person reading it is told
        sys.stderr.write(f"reader: warning: {path}: {warning}\n")
    return doc


def counts(doc) -> str:
    """What a report holds, named as the app names it: sentences (what is labelled) and headings."""
    headings = sum(1 for s in doc.sentences if s.kind == "heading")
    sentences = len(doc.sentences) - headings
    return f"{sentences} sentences, {headings} headings"


def _page(doc, line: int) -> dict:
    """For a PDF: the page where raw (printed) line `line` is."""
    return {"page": doc.places[line - 1].page} if doc.places and 0 < line <= len(doc.places) else {}


def run_text(args: argparse.Namespace) -> int:
    trace: list[str] | None = [] if args.explain else None
    doc = _load(args.path, trace)
    if trace is not None:
        sys.stdout.write("".join(f"{entry}\n" for entry in trace))
        return 0
    sys.stdout.write(doc.text + "\n")
    return 0


def run_outline(args: argparse.Namespace) -> int:
    doc = _load(args.path)
    if args.json:
        items = [
            {
                "level": h.level,
                "title": h.title,
                "start": h.start,
                "end": h.end,
                "line": h.line,
                "path": list(h.path),
                **_page(doc, h.line),
            }
            for h in doc.outline
        ]
        sys.stdout.write(json.dumps(items, ensure_ascii=False, indent=1) + "\n")
        return 0
    from rich.console import Console
    from rich.text import Text
    from rich.tree import Tree

    lead_ins = sum(1 for h in doc.outline if h.level == 3)
    tree = Tree(Text.assemble((doc.id, "bold"), (f"  {counts(doc)} ({lead_ins} sentences lead a section)", "dim")))
    stack: list[tuple[int, Tree]] = [(0, tree)]
    for h in doc.outline:
        while stack[-1][0] >= h.level:
            stack.pop()
        style = {1: "bold", 2: "", 3: "dim"}.get(h.level, "dim")
        label = Text(h.title, style=style)
        page = _page(doc, h.line)
        label.append(f"  page {page['page']}, line {h.line}" if page else f"  line {h.line}", style="dim")
        node = stack[-1][1].add(label)
        stack.append((h.level, node))
    Console(highlight=False).print(tree)
    return 0


def run_sentences(args: argparse.Namespace) -> int:
    doc = _load(args.path)
    if args.json:
        out = sys.stdout
        for s in doc.sentences:
            out.write(
                json.dumps(
                    {
                        "id": s.id,
                        "text": s.text,
                        "kind": s.kind,
                        "section": list(s.section),
                        "start": s.start,
                        "end": s.end,
                        "line": s.line,
                        "paragraph": s.paragraph,
                        **_page(doc, s.line),
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
        return 0
    if not sys.stdout.isatty():
        # A pipe or a file: one unit a line, whole, tab-separated (number, raw line, kind, section, text).
        out = sys.stdout
        out.write(f"# {doc.id}: {counts(doc)}\n")
        for s in doc.sentences:
            section = " > ".join(s.section)
            out.write(f"{s.index + 1}\t{s.line}\t{s.kind}\t{section}\t{s.text}\n")
        return 0
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(f"{doc.id}: {counts(doc)}"), show_lines=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column("line", justify="right", style="dim")
    table.add_column("section", style="cyan", max_width=24, overflow="ellipsis", no_wrap=True)
    table.add_column("text", overflow="fold")
    for s in doc.sentences:
        text = Text(s.text, style="bold" if s.kind == "heading" else "")
        table.add_row(str(s.index + 1), str(s.line), Text(s.section[-1] if s.section else ""), text)
    Console(highlight=False).print(table)
    return 0
