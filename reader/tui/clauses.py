"""The reading screen's clause view: one sentence split into clauses, each labelled apart.

`;` opens it on the current sentence, cut at every `；` and wherever a clause of it is already
labelled; `←` `→` move among the clauses, `,` cuts the current clause at its next `，`, `=` joins it
with the next one; the label, note, clear and confirm keys then act on the current clause (through
the same `LabelSession` calls as for sentences, so undo covers them); `;` or Esc closes it, and so
does moving to another sentence. Where a sentence is cut is a view state; the cuts of its labelled
clauses come back from the store (`reader.labels.clauses`).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from reader.labels.clauses import default_cuts, next_weak_cut, spans


class ClauseMode:
    def __init__(self, screen: Any) -> None:
        self.screen = screen
        self.sentence: Any | None = None
        """The sentence split into clauses (None: the view is closed)."""
        self.cuts: set[int] = set()
        self.current = 0

    @property
    def active(self) -> bool:
        return self.sentence is not None

    @property
    def spans(self) -> list[tuple[int, int]]:
        return spans(self.sentence.text, self.cuts) if self.sentence is not None else []

    @property
    def span(self) -> tuple[int, int] | None:
        """The current clause: its offsets in the sentence."""
        parts = self.spans
        return parts[min(self.current, len(parts) - 1)] if parts else None

    def _stored(self, sentence: Any) -> dict[tuple[int, int], Any]:
        session = self.screen.session
        return session.clauses_of(sentence.id) if session is not None else {}

    def open(self, sentence: Any) -> None:
        self.sentence = sentence
        self.cuts = set(default_cuts(sentence.text))
        for a, b in self._stored(sentence):
            self.cuts.update((a, b))
        self.current = 0
        if len(self.spans) == 1 and next_weak_cut(sentence.text, 0, len(sentence.text)) is None:
            self.screen.notify("This sentence has no ； or ， to split at", timeout=3)
        self.paint()

    def close(self) -> None:
        if self.sentence is None:
            return
        self.sentence = None
        self.screen.view.set_clause_view(None)

    def move(self, delta: int) -> None:
        if self.sentence is not None:
            self.current = max(0, min(len(self.spans) - 1, self.current + delta))
            self.paint()

    def _labelled(self, *parts: tuple[int, int]) -> bool:
        stored = self._stored(self.sentence)
        if any(part in stored for part in parts):
            clear = self.screen._keys("label.clear")
            self.screen.notify(
                f"A labelled clause keeps its bounds: clear its label and note first ({clear})",
                severity="warning",
                timeout=4,
            )
            return True
        return False

    def cut(self) -> None:
        """Cut the current clause at its next `，`."""
        if self.sentence is None or (span := self.span) is None:
            return
        at = next_weak_cut(self.sentence.text, *span)
        if at is None:
            self.screen.notify("No ， inside this clause to cut at", timeout=3)
            return
        if not self._labelled(span):
            self.cuts.add(at)
            self.paint()

    def join(self) -> None:
        """Join the current clause with the next one."""
        parts = self.spans
        if self.sentence is None or self.current + 1 >= len(parts):
            self.screen.notify("No next clause to join", timeout=2)
            return
        here, after = parts[self.current], parts[self.current + 1]
        if not self._labelled(here, after):
            self.cuts.discard(here[1])
            self.paint()

    def paint(self) -> None:
        if self.sentence is None:
            return
        base = self.sentence.start
        self.screen.view.set_clause_view(
            self.sentence.index, [(base + a, base + b) for a, b in self.spans], self.current
        )
        self.screen._update_status()

    def labelled_spans(self, sentence: Any) -> list[tuple[int, int, str]]:
        """The labelled clauses of a sentence as the view paints them: (start, end, label) in the text."""
        return [
            (sentence.start + a, sentence.start + b, r.label)
            for (a, b), r in sorted(self._stored(sentence).items())
            if r.label
        ]

    def hint(self) -> Text:
        """The hint line in the clause view: which clause, its label and note, the keys."""
        keys = self.screen._keys
        hint = Text(no_wrap=True, overflow="ellipsis")
        parts = self.spans
        hint.append(f"clause {self.current + 1}/{len(parts)}", style="bold")
        record = self._stored(self.sentence).get(self.span)
        if record is not None and record.label:
            label = self.screen.config.labels.get(record.label)
            hint.append("  ")
            hint.append(label.display if label else record.label, style=label.color if label else "")
        if record is not None and record.text_changed and record.label:
            hint.append("  edited after you labelled it, from: ", style="bold")
            hint.append((record.clause_text or "")[:30], style="italic")
            hint.append(f" · {keys('label.confirm')} confirms", style="dim")
        if record is not None and record.note:
            hint.append("  note: ", style="bold")
            hint.append(" ".join(record.note.split()), style="italic")
        hint.append(
            f"  {keys('clause.prev')} {keys('clause.next')} move · {keys('clause.cut')} cut at ， · "
            f"{keys('clause.join')} join · {keys('clause.split')} back to the sentence",
            style="dim",
        )
        return hint
