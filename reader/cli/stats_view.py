"""`reader stats` as Rich tables: labelling progress per document and annotator, agreement between
annotators (the figures come from `reader.export.stats`)."""

from __future__ import annotations

from reader.export.stats import Stats


def _pct(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"


def render(
    stats: Stats,
    *,
    disagreements: bool,
    colors: dict[str, str] | None = None,
    display: dict[str, str] | None = None,
    chosen: bool = False,
):
    """The tables, as a list of Rich renderables. Label columns are headed by the labels' display
    names (目标…) when given, with a caption mapping them to the exported names. A row per document
    and annotator: every figure of a row is that annotator's. `chosen`: the annotators were picked
    with --annotator (said when there is nothing to compare)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    colors, display = colors or {}, display or {}
    heads = {name: display.get(name, name) for name in stats.label_names}
    caption = " · ".join(f"{head} = {name}" for name, head in heads.items() if head != name) or None
    any_orphans = any(d.orphans for d in stats.docs)
    several = len(stats.annotators) > 1
    title = "Labels per document" + (
        f" — {stats.annotators[0]}" if len(stats.annotators) == 1 else " and annotator" if several else ""
    )
    table = Table(
        title=title,
        title_justify="left",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
        caption=caption,
        caption_justify="left",
    )
    table.add_column("Document", no_wrap=True, overflow="ellipsis")
    table.add_column("Annotator", no_wrap=True, overflow="ellipsis")
    table.add_column("Sent.", justify="right", no_wrap=True)
    for name in stats.label_names:
        table.add_column(
            heads[name], justify="right", style=colors.get(name, ""), header_style=colors.get(name), no_wrap=True
        )
    table.add_column("Labelled", justify="right", no_wrap=True)
    table.add_column("Reviewed", justify="right", no_wrap=True)
    if any_orphans:
        table.add_column("Orphans", justify="right", no_wrap=True)

    def add(d, first: bool, name: Text) -> None:
        labelled = str(d.labelled) if not d.sentences else f"{d.labelled} {d.labelled / d.sentences:4.0%}"
        who = Text("–", style="dim") if d.annotator is None else d.annotator
        table.add_row(
            name if first else "",
            who,
            ("–" if d.sentences is None else str(d.sentences)) if first else "",
            *(str(d.labels.get(n, 0) or "") for n in stats.label_names),
            labelled,
            _pct(d.reviewed),
            *([Text(str(d.orphans), style="bold red") if d.orphans else ""] if any_orphans else []),
        )

    # Rows come sorted by document: its first row names it, the others (one per annotator) follow.
    previous = None
    for d in stats.docs:
        first = d.doc != previous
        previous = d.doc
        add(d, first, Text(d.doc + (" (missing)" if d.missing else ""), style="dim" if d.missing else ""))
    if len(stats.docs) > 1:
        table.add_section()
        for i, total in enumerate(stats.totals()):
            add(total, i == 0, Text("total", style="bold"))
    out: list = [table]
    if stats.agreements:
        agree = Table(
            title="Agreement (sentences both labelled)", title_justify="left", header_style="bold", box=box.SIMPLE_HEAD
        )
        agree.add_column("Annotators")
        agree.add_column("Both labelled", justify="right")
        agree.add_column("Same label", justify="right")
        agree.add_column("Cohen's κ", justify="right")
        agree.add_column("Disagreements", justify="right")
        for a in stats.agreements:
            kappa = "–" if a.kappa is None else f"{a.kappa:.3f}"
            agree.add_row(f"{a.a} / {a.b}", str(a.n), _pct(a.observed), kappa, str(len(a.disagreements)))
        out.append(agree)
        if disagreements:
            for a in stats.agreements:
                if not a.disagreements:
                    continue
                diff = Table(
                    title=f"Disagreements: {a.a} / {a.b}",
                    title_justify="left",
                    header_style="bold",
                    expand=True,
                    box=box.SIMPLE_HEAD,
                )
                diff.add_column("Document", no_wrap=True)
                diff.add_column("Line", justify="right")
                diff.add_column(a.a, no_wrap=True)
                diff.add_column(a.b, no_wrap=True)
                diff.add_column("Sentence", ratio=1, overflow="fold")
                for d in a.disagreements:
                    diff.add_row(
                        d.doc,
                        str(d.line or ""),
                        Text(d.label_a, style=colors.get(d.label_a, "")),
                        Text(d.label_b, style=colors.get(d.label_b, "")),
                        d.text,
                    )
                out.append(diff)
    elif disagreements:
        out.append(
            Text(
                "Fewer than two annotators with labels"
                + (" among those chosen" if chosen else "")
                + ": nothing to compare.",
                style="dim",
            )
        )
    return out
