"""The correction dialog: what a clause really states, field by field.

Opened with `e` from the indicators panel on the selected record. The fields start with what is
shown now (the extractor's reading or your last correction); Enter in any field checks them all and
saves, Tab moves on, Esc cancels. A value is a number (5, 5.5, 1,069, 两万), a range (4.5-5, 4.5至5)
or empty (a comparison such as 与经济增长同步); kind is target or outcome; year may stay empty.
Dismissed with the values (a dict for `IndicatorView.correct`) or None.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from reader.indicators.model import figure, show_value
from reader.labels.correction import CORRECTED_FIELDS

if TYPE_CHECKING:
    from reader.indicators.corrections import Row

FIELDS = CORRECTED_FIELDS
KIND_WORDS = {"t": "target", "目": "target", "o": "outcome", "a": "outcome", "成": "outcome"}
"""First letters (or characters) a kind may be typed with: t/目标 → target, o/a/成绩 → outcome."""


def read_fields(raw: dict[str, str]) -> tuple[dict[str, Any], str | None, str | None]:
    """(values, field at fault, what is wrong) from the dialog's texts."""
    from reader.indicators.numbers import parse_value

    values: dict[str, Any] = {name: raw[name].strip() for name in ("indicator", "measure", "unit", "qualifier")}
    if not values["indicator"]:
        return values, "indicator", "the indicator's name is empty (or press x in the panel: not an indicator)"
    try:
        values["value"] = parse_value(raw["value"])
    except ValueError as exc:
        return values, "value", str(exc)
    kind = raw["kind"].strip().lower()
    values["kind"] = KIND_WORDS.get(kind[:1], kind)
    if values["kind"] not in ("target", "outcome"):
        return values, "kind", f"kind {raw['kind']!r}: write target or outcome"
    year = raw["year"].strip()
    if year and not (year.isdigit() and 1949 <= int(year) <= 2100):
        return values, "year", f"year {year!r}: write a year such as 2025, or leave it empty"
    values["year"] = int(year) if year else None
    return values, None, None


class CorrectionScreen(ModalScreen[dict | None]):
    DEFAULT_CSS = """
    CorrectionScreen { align: center middle; background: $background 60%; }
    CorrectionScreen > Vertical { width: 90%; max-width: 90; height: auto; max-height: 100%;
                                  border: round $accent; background: $surface; padding: 0 1; }
    CorrectionScreen .sentence { color: $text-muted; height: auto; max-height: 3; }
    CorrectionScreen Grid { grid-size: 2; grid-columns: 11 1fr; grid-rows: 1; height: auto; margin: 1 0 0 0; }
    CorrectionScreen Grid Label { color: $text-muted; }
    CorrectionScreen #correction-error { color: $text-error; height: auto; }
    CorrectionScreen .hint { color: $text-muted; height: auto; }
    """
    BINDINGS: ClassVar[list] = [Binding("escape", "cancel", "Cancel", id="correction.cancel")]
    AUTO_FOCUS = "#field-value"

    def __init__(self, row: Row) -> None:
        super().__init__()
        self.row = row

    def compose(self) -> ComposeResult:
        r = self.row.record
        title = Text("Correct this figure: ", style="bold")
        title.append(r.text)
        title.append(f"  ({r.kind}, line {r.line})", style="dim")
        initial = {
            "indicator": r.indicator,
            "measure": r.measure,
            "value": show_value(r.value).replace("–", "-"),
            "unit": r.unit,
            "qualifier": r.qualifier,
            "kind": r.kind,
            "year": "" if r.year is None else str(r.year),
        }
        with Vertical():
            yield Static(title)
            sentence = self.row.sentence.text if self.row.sentence is not None else ""
            yield Static(Text("".join(sentence.split()), style="italic"), classes="sentence")
            with Grid():
                for name in FIELDS:
                    yield Label(name)
                    suggester = SuggestFromList(["target", "outcome"]) if name == "kind" else None
                    yield Input(initial[name], id=f"field-{name}", compact=True, suggester=suggester)
            yield Static("", id="correction-error")
            hint = "Enter saves · Tab next field · Esc cancels · value: 5, 5.5, 4.5-5 (a range), empty (none)"
            was = self.row.extracted
            if self.row.correction is not None and was is not None:
                hint += f" · the extractor read {figure(was.value, was.unit, was.qualifier) or '—'}"
            yield Static(hint, classes="hint", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        raw = {name: self.query_one(f"#field-{name}", Input).value for name in FIELDS}
        values, field, problem = read_fields(raw)
        if problem:
            self.query_one("#correction-error", Static).update(Text(problem))
            self.query_one(f"#field-{field}", Input).focus()
            return
        self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)
