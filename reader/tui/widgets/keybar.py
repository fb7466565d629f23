"""`KeyBar`: the screen's main keys on one line, as one widget (replaces Textual's `Footer`).

Textual's Footer mounts a widget per key and mounts them all again whenever the bindings change
(each focus change), which cost more than the rest of the first screen together. This bar draws
the same items (`show=True` bindings, one per action; disabled ones dimmed; the command palette's
key on the right) as one line of text, cut at the width; a click on an item presses its key.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.widget import Widget

PALETTE_LABEL = "palette"


class KeyBar(Widget):
    """The keys of the current screen's shown bindings (`Binding.show`)."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"keybar--key", "keybar--description"}
    DEFAULT_CSS = """
    KeyBar {
        split: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        & > .keybar--key { color: $footer-key-foreground; text-style: bold; }
        & > .keybar--description { color: $footer-description-foreground; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[tuple[str, str, str, bool]] = []
        """(key, key as shown, description, enabled) in order."""
        self.palette: tuple[str, str] | None = None
        """The command palette's (key, key as shown)."""
        self._spans: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        if screen is not self.screen:
            return
        app = self.app
        items, seen = [], set()
        palette = None
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if binding.key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = (binding.key, app.get_key_display(binding))
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            items.append((binding.key, app.get_key_display(binding), binding.description, enabled))
        if (items, palette) != (self.items, self.palette):
            self.items, self.palette = items, palette
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        text_style = self.get_component_rich_style("keybar--description")
        width = self.size.width
        right = Text(no_wrap=True, end="")
        if self.palette is not None:
            right.append("▏", style="dim")
            right.append(self.palette[1], style=key_style)
            right.append(f" {PALETTE_LABEL} ", style=text_style)
        room = max(0, width - right.cell_len)
        text = Text(no_wrap=True, end="")
        spans: list[tuple[int, int, str]] = []
        for key, shown, description, enabled in self.items:
            item = Text.assemble((f" {shown} ", key_style), (f"{description} ", text_style))
            if not enabled:
                item.stylize("dim")
            if text.cell_len + item.cell_len > room:
                break
            spans.append((text.cell_len, text.cell_len + item.cell_len, key))
            text.append_text(item)
        text.append(" " * (room - text.cell_len))
        if self.palette is not None:
            spans.append((room, width, self.palette[0]))
            text.append_text(right)
        self._spans = spans
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return

    def shown_keys(self) -> list[tuple[str, str, bool]]:
        """(key as shown, description, enabled) of every item that fits (for tests)."""
        return [
            (shown, description, enabled)
            for (key, shown, description, enabled) in self.items
            if any(k == key for _, _, k in self._spans)
        ]
