"""`ReaderApp`: starts on the library (or one report), applies the keymap, owns app-wide actions.

Screens do the work: `screens/library.py`, `screens/reading.py` and the modal panels. The app holds
what they share: the configuration, the annotation store and the document cache.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import Hit, Hits, Provider
from textual.screen import Screen

from reader.corpus.cache import DocumentCache
from reader.tui.actions import all_specs, bindings_for
from reader.tui.config import AppConfig
from reader.tui.keymap import default_keymap, load_keymap, overrides
from reader.tui.screens.reading import reading_screen_class
from reader.tui.viewstate import remember_report, remember_theme, remembered_theme

THEMES = {"dark": "textual-dark", "light": "textual-light"}


class GotoCommand(Provider):
    """The palette's "go to sentence N": type the number (or `:N`) in the palette of a report."""

    async def search(self, query: str) -> Hits:
        screen = self.screen
        number = query.strip().removeprefix(":").strip()
        if context_of(screen) == "reading" and number.isdigit() and screen.document is not None:
            yield Hit(
                1.0,
                f"Go to sentence {number}",
                partial(screen.go_to_sentence, int(number)),
                help=f"sentence.goto  ·  of 1–{len(screen.document.sentences)}",
            )


class ReaderApp(App):
    COMMANDS = App.COMMANDS | {GotoCommand}
    CSS_PATH = "reader.tcss"
    TITLE = "reader"
    BINDINGS = bindings_for("app", (), default_keymap().keys)

    def __init__(self, config: AppConfig, store, documents: DocumentCache | None = None) -> None:
        super().__init__()
        self.config = config
        self.store = store
        self.documents = documents or DocumentCache(config.annotations, enabled=config.cache)
        self.theme = THEMES.get(config.theme or remembered_theme() or "dark", THEMES["dark"])
        self._clash_reported = False

    def on_mount(self) -> None:
        if not gc.isenabled():  # `reader` switched it off for the start-up
            self.call_after_refresh(settle_memory)
        self.set_keymap(overrides(self.config.keymap, self.config.labels))
        if self.config.library is not None:
            from reader.tui.screens.library import LibraryScreen  # not drawn when a report is opened

            self.push_screen(LibraryScreen(self.config.library))
        if self.config.file is not None:
            self.open_report(self.config.file)

    # -- screens ---------------------------------------------------------------------------------
    def open_report(self, path: Path) -> None:
        labels = self.config.labels
        screen_class = reading_screen_class(labels, load_keymap(None, labels))
        doc_id = Path(path).stem

        if self.config.library is not None and Path(path).parent.resolve() == self.config.library.resolve():
            remember_report(self.config.library, doc_id)

        def closed(_result=None) -> None:
            if context_of(self.screen) == "library":
                self.screen.refresh_report(doc_id)

        self.push_screen(screen_class(Path(path)), closed)

    def action_help(self) -> None:
        from reader.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_guide(self) -> None:
        from reader.tui.screens.guide import GuideScreen

        self.push_screen(GuideScreen())

    def action_stats(self) -> None:
        from reader.tui.screens.stats import StatsScreen
        from reader.tui.stats import document_rows, library_rows

        screen = self.screen
        context = context_of(screen)
        if context == "reading" and screen.document is not None:
            overall, rows = document_rows(screen.document, screen.tally, screen.reviewed)
            self.push_screen(StatsScreen(f"Statistics — {screen.document.id}", overall, rows))
        elif context == "library":
            overall, rows = library_rows(screen.entries, screen.figures)
            self.push_screen(StatsScreen(f"Statistics — {screen.folder}", overall, rows, first="report"))

    async def action_quit(self) -> None:
        """q: from a report opened from the library, back to the library; else quit."""
        if context_of(self.screen) == "reading" and len(self.screen_stack) > 2:
            self.screen.dismiss()
        else:
            self.exit()

    def action_toggle_theme(self) -> None:
        name = "light" if self.theme == THEMES["dark"] else "dark"
        self.theme = THEMES[name]
        remember_theme(name)  # the next start uses it (unless --theme says otherwise)

    # -- keymap clashes and the command palette --------------------------------------------------
    def handle_bindings_clash(self, clashed_bindings: set[Binding], node) -> None:
        # The keymap is validated before the app starts, so this means a widget's own key collided.
        if not self._clash_reported:
            self._clash_reported = True
            keys = ", ".join(sorted({b.key for b in clashed_bindings}))
            self.notify(f"Key clash in the keymap: {keys}", severity="warning")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from textual.markup import escape

        from reader.tui.screens.help import key_text

        keymap = self.config.keymap

        def keys(binding_id: str) -> str:
            # the palette reads help as markup: a key such as [y] would vanish as a tag
            return escape(f"keys: {key_text(keymap.keys.get(binding_id, '')) or 'none'}")

        for command in super().get_system_commands(screen):
            if command.title == "Theme":  # the app's own light/dark toggle (theme.toggle) replaces it
                continue
            if command.title == "Quit":
                command = command._replace(help=f"{command.help}  ·  {keys('app.quit')}")
            elif command.title == "Keys":
                command = command._replace(title="Keys (widget help panel)")
            yield command
        context = context_of(screen)
        if context is None:
            return
        for spec in all_specs(self.config.labels):
            if spec.context not in ("app", context) or spec.id in ("app.quit",):
                continue
            yield SystemCommand(
                spec.explanation,
                f"{spec.id}  ·  {keys(spec.id)}",
                partial(self._run_from_palette, spec.action, screen),
            )
        if context == "reading":
            from reader.tui.filters import filters_for

            for chosen in [None, *filters_for(self.config.labels)]:
                title = chosen.title if chosen is not None else "every sentence"
                yield SystemCommand(
                    f"Filter: {title}",
                    f"filter.choose  ·  {keys('filter.choose')}",
                    partial(screen.set_filter, chosen.key if chosen is not None else ""),
                )

    async def _run_from_palette(self, action: str, screen: Screen) -> None:
        await self.run_action(action, screen)


def context_of(screen: Screen) -> str | None:
    """ "reading" or "library" for those screens (their `CONTEXT`; the binding context), else None."""
    return getattr(screen, "CONTEXT", None)


def settle_memory() -> None:
    """After the first frame: what start-up built stays for good, so it goes to the collector's
    permanent generation (never rescanned), and collection resumes for what comes next."""
    gc.freeze()
    gc.enable()
