"""Per-user state that is not data: where each annotator was in each report, view settings, the
remembered theme. It never lives in a file git tracks (the annotations folder is shared and
versioned; reading must not change it).

Where: `$READER_STATE_DIR`, else `$XDG_STATE_HOME/reader`, else `~/.local/state/reader` (the
platform's user state folder). One small JSON file per name (`state_file("positions")`), replaced
atomically on every write (never half a file; no fsync: after a crash of the process the last
write is there, after a power cut at worst an older one, and losing it costs only convenience).
Reads re-read the file, so two instances of the app never erase each other's entries.

    from reader.userstate import state_file
    view = state_file("view")
    view.set(["theme"], "light")
    view.get(["theme"], "dark")
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

ENV = "READER_STATE_DIR"


def state_dir() -> Path:
    """The folder of the user's state files (not created until something is written)."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "reader"


class StateFile:
    """A JSON object in a file, read and written by key paths (`["positions", folder, doc]`)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.error: str | None = None
        """Why the last write failed (None after a good one): state is best effort."""
        self._mutex = threading.Lock()

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, keys: list[str], default: Any = None) -> Any:
        node: Any = self._read()
        for key in keys:
            if not isinstance(node, dict) or key not in node:
                return default
            node = node[key]
        return node

    def set(self, keys: list[str], value: Any) -> bool:
        """Store `value` at the key path (None removes it); False (and `error`) if it could not be written."""
        from reader.files import atomic_write

        with self._mutex:
            data = self._read()
            node = data
            for key in keys[:-1]:
                child = node.get(key)
                if not isinstance(child, dict):
                    child = node[key] = {}
                node = child
            if value is None:
                node.pop(keys[-1], None)
            elif node.get(keys[-1]) == value:
                return True
            else:
                node[keys[-1]] = value
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                payload = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
                atomic_write(self.path, payload, sync_file=False, sync_dir=False)
            except OSError as exc:
                self.error = f"cannot write {self.path} ({exc.strerror or exc})"
                return False
            self.error = None
            return True


_FILES: dict[Path, StateFile] = {}


def state_file(name: str) -> StateFile:
    """The user's state file `<state dir>/<name>.json` (one object per path in a process)."""
    path = state_dir() / f"{name}.json"
    if path not in _FILES:
        _FILES[path] = StateFile(path)
    return _FILES[path]
