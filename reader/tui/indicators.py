"""The reading screen's indicators: the report's figures (`reader.indicators.view.IndicatorView`),
found in a worker thread the first time they are wanted (cached per report by content hash and
extractor fingerprint), highlighted in the text (`I`) and listed in the indicators panel (`i`).

Corrections go through the reading screen's one change path (`ReadingScreen._change`): a read-only
store, a refused write or a bad value is said the same way as for a label, and undo (`u`) takes a
correction back like any other change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reader.labels.session import Changed

if TYPE_CHECKING:
    from reader.indicators.corrections import Row
    from reader.indicators.view import IndicatorView
    from reader.tui.screens.reading import ReadingScreen


class Indicators:
    def __init__(self, screen: ReadingScreen) -> None:
        self.screen = screen
        self.view: IndicatorView | None = None
        """The figures of the screen's report, once found."""
        self.highlighted = False
        self.error: str | None = None
        """Why the figures could not be found (shown instead of them)."""
        self.panel: Any = None
        """The indicators panel while it is open (refilled after every change)."""
        self._waiting: list[Callable[[], object]] = []

    # --- finding the figures (off the UI thread) ------------------------------------------------
    @property
    def ready(self) -> bool:
        return self.view is not None and self.view.document is self.screen.document

    def when_ready(self, then: Callable[[], object]) -> None:
        """Run `then` on the UI thread once the figures are found (now, if they are)."""
        if self.ready or self.error is not None:
            then()
            return
        self._waiting.append(then)
        if len(self._waiting) == 1 and self.screen.document is not None:
            document = self.screen.document
            self.screen.run_worker(
                lambda: self._find(document), thread=True, group="indicators", exclusive=True, exit_on_error=False
            )

    def _find(self, document: Any) -> None:
        from reader.indicators.cache import ExtractionCache
        from reader.indicators.view import IndicatorView

        app = self.screen.app
        try:
            view = IndicatorView.open(
                app.store, document, app.config.annotator, cache=ExtractionCache(app.config.annotations)
            )
        except Exception as exc:  # an extractor bug must not take the report down with it
            app.call_from_thread(self._found, document, None, f"{type(exc).__name__}: {exc}")
            return
        app.call_from_thread(self._found, document, view, None)

    def _found(self, document: Any, view: IndicatorView | None, error: str | None) -> None:
        if document is not self.screen.document:
            return
        self.view, self.error = view, error
        if error is not None:
            self.screen.notify(f"Could not read the figures: {error}", severity="error", timeout=6, markup=False)
        waiting, self._waiting = self._waiting, []
        for then in waiting:
            then()

    # --- highlights -----------------------------------------------------------------------------
    def toggle_highlights(self) -> None:
        self.highlighted = not self.highlighted
        if not self.highlighted:
            self.screen.view.set_highlights([])
            self.screen.notify("Figures not highlighted", timeout=2)
            return
        if not self.ready:
            self.screen.notify("Finding the figures…", timeout=2)
        self.when_ready(self._highlight)

    def _highlight(self) -> None:
        if not self.highlighted or self.view is None:
            return
        self.screen.view.set_highlights(self.view.spans)
        corrected = sum(1 for _, _, source in self.view.spans if source == "corrected")
        more = f", {corrected} corrected (bold)" if corrected else ""
        self.screen.notify(f"{len(self.view.spans)} figures underlined{more}", timeout=2)

    # --- changes --------------------------------------------------------------------------------
    def changed(self) -> None:
        """A correction was made or undone: read the corrections again and repaint."""
        if self.view is None:
            return
        self.view.reload()
        if self.highlighted:
            self.screen.view.set_highlights(self.view.spans)
        if self.panel is not None:
            self.panel.refill()

    def _done(self, message: str) -> Changed:
        return Changed(corrections=True, message=message)

    def correct(self, row: Row, values: dict[str, Any]) -> None:
        def call() -> Changed:
            self.view.correct(row, **values)
            return self._done(f"Corrected: {values.get('indicator') or row.record.indicator}")

        self.screen._change(call)

    def reject(self, row: Row) -> None:
        """ "Not an indicator"; on a clause already marked so, back to the extractor's reading."""

        def call() -> Changed:
            if row.rejected:
                self.view.restore(row)
                return self._done(f"An indicator again: {row.record.indicator}")
            self.view.reject(row)
            return self._done(f"Not an indicator: {row.record.text}")

        self.screen._change(call)

    def restore(self, row: Row) -> None:
        if row.correction is None:
            self.screen.notify("Nothing to drop: this is the extractor's reading", timeout=2)
            return

        def call() -> Changed:
            self.view.restore(row)
            return self._done(f"The extractor's reading again: {row.record.indicator}")

        self.screen._change(call)
