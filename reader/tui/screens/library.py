"""The library: every report of the corpus folder with its size, progress and counts per label.

Names and sizes come from one directory scan, so the table appears at once even for thousands of
reports; a background worker then fills in the figures (pipeline cache + store), in batches.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from reader.corpus.library import ReportEntry, list_reports
from reader.errors import ReaderError
from reader.tui.actions import bindings_for
from reader.tui.keymap import default_keymap
from reader.tui.viewstate import last_report
from reader.tui.widgets.keybar import KeyBar
from reader.tui.widgets.rows import RowTable

BATCH = 200
FIRST_ROWS = 200
MORE_ROWS = 400


def human_size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size >= 1024 else f"{size} B"


class LibraryScreen(Screen):
    CONTEXT = "library"
    AUTO_FOCUS = "#reports"
    BINDINGS = bindings_for("library", (), default_keymap().keys)

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = Path(folder)
        self.entries: list[ReportEntry] = []
        self.figures: dict[str, tuple[int, int, dict[str, int]]] = {}
        """doc id → (sentences, labelled, counts per label), once known (sentences -1: unreadable)."""
        self.problems: dict[str, str] = {}
        """doc id → why the report cannot be read, or why its labels are read-only."""
        self._shown: list[ReportEntry] = []
        self._generation = 0
        self._start_at: str | None = None
        """The report the cursor starts on (the last one opened from this folder), until shown."""

    @property
    def labels(self):
        return self.app.config.labels

    def compose(self) -> ComposeResult:
        yield Static("", id="library-title")
        yield Input(placeholder="filter by name (/)", id="filter")
        yield Static("", id="no-match")
        yield RowTable(id="reports", cursor_type="row", zebra_stripes=True)
        yield Static("", id="row-info")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = str(self.folder)
        table = self.query_one("#reports", DataTable)
        table.add_column("Report", key="name")
        table.add_column("Size", key="size")
        table.add_column("Progress", key="progress")
        for label in self.labels:
            table.add_column(Text(label.display, style=label.color), key=f"label:{label.name}")
        try:
            self.entries = list_reports(self.folder)
        except ReaderError as exc:
            self.notify(str(exc), severity="error")
        self._start_at = last_report(self.folder)
        self._fill(self.entries)
        self.call_after_refresh(self.fill_figures, list(self.entries))

    def _row(self, entry: ReportEntry) -> list:
        figures = self.figures.get(entry.name)
        row: list = [entry.name, Text(human_size(entry.size), justify="right")]
        if figures is None:
            row.append(Text("…", style="dim"))
            row.extend(Text("", justify="right") for _ in self.labels)
        else:
            row.extend(self._figure_cells(figures))
        return row

    def _figure_cells(self, figures) -> list:
        total, labelled, counts = figures
        if total < 0:
            cells = [Text("unreadable", style="bold red")]
        else:
            done = total and labelled >= total
            cells = [Text(f"{labelled}/{total}", style="green" if done else "", justify="right")]
        for label in self.labels:
            count = counts.get(label.name, 0)
            cells.append(Text(str(count) if count else "·", style=label.color if count else "dim", justify="right"))
        return cells

    def _fill(self, entries: list[ReportEntry]) -> None:
        """Show `entries`: the first screenful at once, the rest in chunks after each refresh.

        DataTable measures every cell it is given, so 5,000 rows in one go would cost seconds
        before the first frame; chunks keep the first screen immediate and the app responsive.
        """
        table = self.query_one("#reports", DataTable)
        table.clear()
        self._shown = entries
        self._generation += 1
        self._add_rows(self._generation, 0, FIRST_ROWS)
        self._update_title()
        no_match = self.query_one("#no-match", Static)
        needle = self.query_one("#filter", Input).value.strip()
        no_match.display = bool(self.entries) and not entries
        if no_match.display:
            no_match.update(
                f"No report name contains “{needle}” (of {len(self.entries)}); Esc or an empty filter shows them all."
            )

    def _add_rows(self, generation: int, start: int, count: int) -> None:
        if generation != self._generation:
            return  # the filter changed: a newer fill owns the table
        table = self.query_one("#reports", DataTable)
        for entry in self._shown[start : start + count]:
            table.add_row(*self._row(entry), key=entry.name)
        if self._start_at in table.rows:
            if table.cursor_row == 0:  # (unless the user has moved already)
                table.move_cursor(row=table.get_row_index(self._start_at))
            self._start_at = None
        if start + count < len(self._shown):
            self.set_timer(0.02, lambda: self._add_rows(generation, start + count, MORE_ROWS))

    def _update_title(self) -> None:
        known = [f for f in self.figures.values() if f[0] >= 0]
        total = sum(f[0] for f in known)
        labelled = sum(f[1] for f in known)
        pending = len(self.entries) - len(self.figures)
        text = Text()
        text.append(self.folder.resolve().name, style="bold")
        text.append(f"  {len(self.entries)} reports")
        if total:
            text.append(f"  {labelled}/{total} sentences labelled ({labelled / total:.0%})")
        if pending > 0:
            text.append(f"  counting… {pending} to go", style="dim")
        text.append(f"  @{self.app.config.annotator}", style="dim")
        if self.app.store.read_only_reason:
            text.append("  READ-ONLY", style="bold red")
        self.query_one("#library-title", Static).update(text)

    # -- background figures -----------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="figures")
    def fill_figures(self, entries: list[ReportEntry]) -> None:
        self._count(entries)

    @work(thread=True, group="recount")
    def recount(self, entries: list[ReportEntry]) -> None:
        self._count(entries)

    def _count(self, entries: list[ReportEntry]) -> None:
        """Summaries (pipeline cache) and label counts (store), posted to the table in batches."""
        from textual.worker import get_current_worker

        worker = get_current_worker()
        documents = self.app.documents
        store = self.app.store
        annotator = self.app.config.annotator
        batch: dict[str, tuple] = {}
        # Known (cached) reports first so most rows fill at once; new files need the pipeline.
        known = {e.name for e in entries if documents.known_summary(e.path, e.size, e.mtime_ns)}
        ordered = [e for e in entries if e.name in known] + [e for e in entries if e.name not in known]
        for entry in ordered:
            if worker.is_cancelled:
                break
            problem = None
            try:
                summary = documents.summary(entry.path, entry.size, entry.mtime_ns)
                total = summary.sentences
            except ReaderError as exc:
                total, problem = -1, str(exc)
            counts: dict[str, int] = {}
            try:
                for record in store.doc_labels(entry.name, annotator).values():
                    if record.get("label") and not record.get("orphan") and not record.is_clause:
                        counts[record["label"]] = counts.get(record["label"], 0) + 1
                if problem is None and not store.read_only_reason:
                    problem = store.doc_read_only_reason(entry.name)
            except ReaderError as exc:
                problem = problem or str(exc)
            batch[entry.name] = (total, sum(counts.values()), counts, problem)
            if len(batch) >= BATCH:
                self.app.call_from_thread(self._show_figures, batch)
                batch = {}
        if batch:
            self.app.call_from_thread(self._show_figures, batch)
        documents.save_index()

    def _show_figures(self, batch: dict[str, tuple]) -> None:
        table = self.query_one("#reports", DataTable)
        keys = [f"label:{label.name}" for label in self.labels]
        for name, (*figures, problem) in batch.items():
            self.figures[name] = tuple(figures)
            if problem:
                self.problems[name] = problem
            else:
                self.problems.pop(name, None)
            if name not in table.rows:
                continue
            cells = self._figure_cells(figures)
            table.update_cell(name, "progress", cells[0], update_width=True)
            for key, cell in zip(keys, cells[1:], strict=True):
                table.update_cell(name, key, cell)
        self._update_title()
        self._show_row_info()

    @on(DataTable.RowHighlighted, "#reports")
    def _show_row_info(self, event=None) -> None:
        """Under the table: what is wrong with the report under the cursor, else why the
        annotations folder is read-only (nothing when all is well)."""
        entry = self._cursor_entry()
        problem = self.problems.get(entry.name) if entry is not None else None
        if problem is None and self.app.store.read_only_reason:
            problem = f"READ-ONLY: {self.app.store.read_only_reason}"
        info = self.query_one("#row-info", Static)
        info.display = bool(problem)
        if problem:
            info.update(Text(problem, style="red"))

    # -- opening and filtering -------------------------------------------------------------------
    def _cursor_entry(self) -> ReportEntry | None:
        table = self.query_one("#reports", DataTable)
        if not self._shown or table.cursor_row < 0 or table.cursor_row >= len(self._shown):
            return None
        return self._shown[table.cursor_row]

    @on(DataTable.RowSelected, "#reports")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.open_entry(self._cursor_entry())

    def action_open_report(self) -> None:
        self.open_entry(self._cursor_entry())

    def open_entry(self, entry: ReportEntry | None) -> None:
        if entry is not None:
            self.app.open_report(entry.path)

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_cursor(self, delta: int) -> None:
        table = self.query_one("#reports", DataTable)
        if not table.has_focus:
            raise SkipAction()  # a letter typed in the filter
        table.move_cursor(row=max(0, table.cursor_row + delta))

    def on_key(self, event: events.Key) -> None:
        # Down/up in the filter go to the table, on the first row: Enter then opens what is shown.
        field = self.query_one("#filter", Input)
        if field.has_focus and event.key in ("down", "up"):
            event.stop()
            self.query_one("#reports", DataTable).focus()
        elif field.has_focus and event.key == "escape":
            event.stop()
            field.value = ""
            self.query_one("#reports", DataTable).focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        needle = event.value.strip().lower()
        shown = [e for e in self.entries if needle in e.name.lower()] if needle else self.entries
        self._fill(shown)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#reports", DataTable).focus()

    def refresh_report(self, doc_id: str) -> None:
        """Recount one report (after it was open in the reading screen)."""
        entries = [e for e in self.entries if e.name == doc_id]
        if entries:
            self.recount(entries)
