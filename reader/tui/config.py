"""What the app was started with (built by `reader/cli/tui_cmd.py`, or by tests)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class AppConfig:
    annotations: Path
    annotator: str
    labels: object
    """The label set (`reader.store.labelset.LabelSet`)."""
    keymap: object
    """The validated `reader.tui.keymap.Keymap`."""
    library: Path | None = None
    """Folder shown by the library screen (None when a single file was opened)."""
    file: Path | None = None
    """A report opened directly."""
    theme: str | None = None
    """"dark" or "light"; None: the one the user last chose (`viewstate`), else dark."""
    cache: bool = True
    """Use the per-file pipeline cache under `<annotations>/.cache/pipeline/`."""
    suggestions: bool = True
    """Load the suggester in the background (off in tests that must be deterministic)."""
