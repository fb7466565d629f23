"""Every key-bound action of the app: stable binding id, where it applies, what it does.

Screens build their `BINDINGS` from this table (`bindings_for(context)`), keymap files map the same
ids to keys, and the help screen and command palette list it. Keys themselves live only in
`keymaps/default.toml` (and the label set, for label keys).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ActionSpec:
    id: str
    context: str
    """"app" (everywhere), "reading", "library" or "indicators" (the figures panel)."""
    action: str
    """Textual action string run by the binding (on the screen, or `app.` prefixed)."""
    description: str
    footer: bool = False
    """Shown in the Footer (the main keys only; `?` lists everything)."""
    help: str = ""
    """A longer explanation for the help screen (default: the description)."""
    priority: bool = False
    """Run as soon as the key arrives, before keys typed after it are handed out (a key that opens a
    box: the rest of a fast `:212⏎` then goes to the box, not the text)."""

    @property
    def explanation(self) -> str:
        return self.help or self.description


_SPECS: tuple[ActionSpec, ...] = (
    ActionSpec("sentence.next", "reading", "move(1)", "Next", True, "Next sentence"),
    ActionSpec("sentence.prev", "reading", "move(-1)", "Previous sentence"),
    ActionSpec(
        "sentence.next_unlabelled",
        "reading",
        "next_unlabelled",
        "Next unlabelled",
        True,
        "Next sentence without a label",
    ),
    ActionSpec("section.next", "reading", "section(1)", "Next section"),
    ActionSpec("section.prev", "reading", "section(-1)", "Previous section"),
    ActionSpec("page.down", "reading", "page(1)", "Page down"),
    ActionSpec("page.up", "reading", "page(-1)", "Page up"),
    ActionSpec("doc.top", "reading", "edge(-1)", "First sentence"),
    ActionSpec("doc.bottom", "reading", "edge(1)", "Last sentence"),
    ActionSpec(
        "sentence.goto",
        "reading",
        "goto",
        "Go to sentence…",
        help="Go to sentence N: type the number the status bar shows (n of n/N), then Enter",
        priority=True,
    ),
    ActionSpec(
        "filter.choose",
        "reading",
        "filter",
        "Filter sentences…",
        help="Visit only some sentences (unlabelled, one label, unsure suggestion, with a note, "
        "changed or orphaned); the others are dimmed, the status bar counts them; Esc shows all",
    ),
    # label.<name> / label.<name>.alt are added per label set by `label_specs`.
    ActionSpec(
        "label.none",
        "reading",
        "label('none')",
        "None of the labels",
        help="This one sentence is none of the labels (an explicit negative); again removes it",
    ),
    ActionSpec("label.clear", "reading", "clear_label", "Clear the label"),
    ActionSpec(
        "label.confirm",
        "reading",
        "confirm",
        "Confirm a changed label",
        help="The report was edited after you labelled this sentence: the label holds for the new text",
    ),
    ActionSpec(
        "labels.attention",
        "reading",
        "attention",
        "Orphans and changed labels",
        help="List labels whose sentence is gone or was edited: jump, confirm, re-attach, delete",
    ),
    ActionSpec(
        "clause.split",
        "reading",
        "clauses",
        "Split into clauses",
        help="Split the sentence into clauses (at ；) to label each apart; again (or Esc) back to the sentence",
    ),
    ActionSpec("clause.next", "reading", "clause_move(1)", "Next clause", help="In the clause view: the next clause"),
    ActionSpec(
        "clause.prev", "reading", "clause_move(-1)", "Previous clause", help="In the clause view: the previous clause"
    ),
    ActionSpec(
        "clause.cut",
        "reading",
        "clause_cut",
        "Cut the clause at ，",
        help="In the clause view: cut the clause at its next ，",
    ),
    ActionSpec(
        "clause.join",
        "reading",
        "clause_join",
        "Join with the next clause",
        help="In the clause view: join the clause with the next one (an unlabelled pair)",
    ),
    ActionSpec("history.undo", "reading", "undo", "Undo", True),
    ActionSpec("history.redo", "reading", "redo", "Redo"),
    ActionSpec("note.edit", "reading", "edit_note", "Add or edit a note on the sentence"),
    ActionSpec("section.reviewed", "reading", "toggle_reviewed", "Mark the section reviewed (toggle)"),
    ActionSpec("search.start", "reading", "search", "Search", True, priority=True),
    ActionSpec("search.next", "reading", "search_next(1)", "Next match"),
    ActionSpec("search.prev", "reading", "search_next(-1)", "Previous match"),
    ActionSpec(
        "doc.close",
        "reading",
        "close",
        "Clear the search or filter",
        help="Close the search or go-to box, clear the search, else the filter (never leaves the report: q does)",
    ),
    ActionSpec("outline.toggle", "reading", "toggle_outline", "Show or hide the outline"),
    ActionSpec(
        "outline.full",
        "reading",
        "outline_full",
        "Outline at full width",
        help="The outline at full width with whole titles (again, or Enter on an entry, goes back)",
    ),
    ActionSpec("outline.wider", "reading", "outline_width(4)", "Widen the outline"),
    ActionSpec("outline.narrower", "reading", "outline_width(-4)", "Narrow the outline"),
    ActionSpec("suggestion.accept", "reading", "accept_suggestion", "Accept the suggested label"),
    ActionSpec(
        "suggestion.next_uncertain",
        "reading",
        "next_uncertain",
        "Least sure next",
        help="Next unlabelled sentence the suggester is least sure of (smallest margin first)",
    ),
    ActionSpec("suggestion.toggle", "reading", "toggle_suggestions", "Show or hide suggestions"),
    ActionSpec(
        "indicators.panel",
        "reading",
        "indicators",
        "Figures",
        help="The report's figures: indicator, target, last year's outcome (jump, correct, not an indicator)",
    ),
    ActionSpec(
        "indicators.highlight",
        "reading",
        "toggle_indicators",
        "Underline the figures",
        help="Underline every figure (indicator clause) in the text, bold when corrected; again hides them",
    ),
    ActionSpec("indicators.jump", "indicators", "jump", "Jump to the figure's sentence"),
    ActionSpec(
        "indicators.correct",
        "indicators",
        "correct",
        "Correct the figure",
        help="Correct the selected figure: indicator, measure, value, unit, qualifier, kind, year",
    ),
    ActionSpec(
        "indicators.reject",
        "indicators",
        "reject",
        "Not an indicator",
        help="The selected clause is not an indicator: left out of reader indicators and exports (again: it is)",
    ),
    ActionSpec(
        "indicators.restore",
        "indicators",
        "restore",
        "Drop your correction",
        help="Back to the extractor's reading of the selected figure",
    ),
    ActionSpec("indicators.undo", "indicators", "undo", "Undo the last change"),
    ActionSpec("indicators.down", "indicators", "cursor(1)", "Next figure"),
    ActionSpec("indicators.up", "indicators", "cursor(-1)", "Previous figure"),
    ActionSpec("indicators.close", "indicators", "close", "Close the figures"),
    ActionSpec("library.open", "library", "open_report", "Open", True, "Open the report"),
    ActionSpec("library.filter", "library", "filter", "Filter", True, "Filter the reports by name"),
    ActionSpec("library.down", "library", "cursor(1)", "Next report", False, "Next report in the table"),
    ActionSpec("library.up", "library", "cursor(-1)", "Previous report", False, "Previous report in the table"),
    ActionSpec("app.help", "app", "app.help", "Keys", True, "List every key (this screen)"),
    ActionSpec("app.quit", "app", "app.quit", "Quit", True, "Quit; in a report opened from the library: back to it"),
    ActionSpec("app.guide", "app", "app.guide", "Labelling guideline"),
    ActionSpec("stats.show", "app", "app.stats", "Stats", True, "Statistics: label distribution and progress"),
    ActionSpec("theme.toggle", "app", "app.toggle_theme", "Light/dark theme"),
)

CONTEXTS = ("app", "reading", "library", "indicators")


def label_specs(labels) -> list[ActionSpec]:
    """`label.<name>` and `label.<name>.alt` (digit keys) for each label of the label set."""
    specs = []
    for label in labels:
        specs.append(
            ActionSpec(
                f"label.{label.name}",
                "reading",
                f"label('{label.name}')",
                f"{label.display} {label.name}",
                True,
                f"Label {label.name} ({label.display}); again removes it",
            )
        )
        specs.append(
            ActionSpec(
                f"label.{label.name}.alt",
                "reading",
                f"label('{label.name}')",
                f"Label {label.name} (alternative key)",
            )
        )
    return specs


def all_specs(labels) -> list[ActionSpec]:
    """Every action, label actions placed before `label.clear`."""
    specs = list(_SPECS)
    at = next(i for i, spec in enumerate(specs) if spec.id == "label.clear")
    return specs[:at] + label_specs(labels) + specs[at:]


def bindings_for(context: str, labels, keymap: dict[str, str]) -> list:
    """Textual `Binding`s of one context, keys taken from the (validated) keymap."""
    from textual.binding import Binding

    return [
        Binding(
            keymap[spec.id],
            spec.action,
            spec.description,
            show=spec.footer,
            id=spec.id,
            tooltip=spec.explanation,
            priority=spec.priority,
        )
        for spec in all_specs(labels)
        if spec.context == context and keymap.get(spec.id)
    ]
