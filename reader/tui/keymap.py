"""Load and validate keymaps: TOML files mapping binding ids to keys, layered over the default.

Layers, each overriding the one before: `keymaps/default.toml`, the label set's own keys (for the
`label.*` ids), then the file chosen with `--keymap NAME|PATH` (NAME is a file in `keymaps/`).
Every problem (unknown id, unknown key name, two actions on one key) is a `ReaderError` naming the
file and line, raised before the app starts. Textual itself is not needed here.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from reader.errors import ReaderError
from reader.tui.actions import CONTEXTS, all_specs

KEYMAP_DIR = (Path(__file__).resolve().parent / "keymaps").resolve()
"""`reader/tui/keymaps` is a symlink to the repository's top-level `keymaps/` (copied into wheels)."""

MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
NAMED_KEYS = frozenset(
    (
        "escape",
        "enter",
        "return",
        "tab",
        "space",
        "backspace",
        "delete",
        "insert",
        "home",
        "end",
        "pageup",
        "pagedown",
        "up",
        "down",
        "left",
        "right",
        *(f"f{n}" for n in range(1, 25)),
    )
)
RESERVED = {
    "ctrl+q": "quit (Textual)",
    "ctrl+c": "copy (Textual)",
    "ctrl+p": "the command palette",
    "tab": "focus next",
    "shift+tab": "focus previous",
}
"""Keys Textual binds itself: a keymap may not take them."""


def _char_key(char: str) -> str:
    """The name Textual gives the key that types `char` (mirrors textual.keys._character_to_key)."""
    if char.isalnum():
        return char
    try:
        name = unicodedata.name(char).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return char
    return {
        "solidus": "slash",
        "reverse_solidus": "backslash",
        "commercial_at": "at",
        "hyphen_minus": "minus",
        "plus_sign": "plus",
        "low_line": "underscore",
    }.get(name, name)


_PRINTABLE_NAMES = frozenset(_char_key(chr(c)) for c in range(33, 127))


def normalize_key(key: str) -> str | None:
    """Textual's name for `key` ("?" → "question_mark", "shift+u" → "U"), or None if unknown."""
    key = key.strip()
    if len(key) == 1:
        return _char_key(key) if key.isprintable() and not key.isspace() else None
    *mods, base = key.split("+")
    mods = [m.lower() for m in mods]
    if any(m not in MODIFIERS for m in mods) or len(set(mods)) != len(mods):
        return None
    if len(base) == 1:
        if mods == ["shift"] and base.isalpha():
            return base.upper()
        base = _char_key(base)
    elif base.lower() in NAMED_KEYS:
        base = base.lower()
    elif base not in _PRINTABLE_NAMES:
        return None
    return "+".join([*mods, base])


@dataclass
class Keymap:
    """The effective keymap: binding id → normalized comma-separated keys, and where each came from."""

    keys: dict[str, str] = field(default_factory=dict)
    sources: dict[str, tuple[str, int]] = field(default_factory=dict)
    name: str = "default"

    def key_list(self, binding_id: str) -> list[str]:
        return [k for k in self.keys.get(binding_id, "").split(",") if k]


def keymap_path(choice: str) -> Path:
    """A keymap NAME (a file in keymaps/) or a PATH to a TOML file."""
    named = KEYMAP_DIR / f"{choice}.toml"
    if "/" not in choice and not choice.endswith(".toml") and named.is_file():
        return named
    path = Path(choice).expanduser()
    if path.is_file():
        return path
    names = ", ".join(sorted(p.stem for p in KEYMAP_DIR.glob("*.toml")))
    raise ReaderError(f"keymap {choice!r} not found; give a file path or one of: {names}")


_KEY_LINE = re.compile(r"^[ \t]*[\"']?([^\"'=\s]+)[\"']?[ \t]*=", re.M)


def _lines_of(text: str) -> dict[str, int]:
    """The line of each `id = …` of a keymap file (one pass; for error messages)."""
    lines: dict[str, int] = {}
    for match in _KEY_LINE.finditer(text):
        lines.setdefault(match.group(1), text.count("\n", 0, match.start()) + 1)
    return lines


def _flatten(table: dict, prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def read_keymap_file(path: Path, valid_ids: set[str], *, strict: bool = True) -> dict[str, tuple[str, int]]:
    """id → (normalized keys, line). `strict=False` skips ids unknown to this label set (default file)."""
    try:
        text = path.read_text(encoding="utf-8")
        table = tomllib.loads(text)
    except OSError as exc:
        raise ReaderError(f"cannot read keymap {path}: {exc.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ReaderError(f"{path}: not a valid TOML keymap ({exc}); fix the file") from None
    entries: dict[str, tuple[str, int]] = {}
    lines = _lines_of(text)
    for binding_id, value in _flatten(table).items():
        line = lines.get(binding_id, 1)
        if binding_id not in valid_ids:
            if not strict and binding_id.startswith("label."):
                continue
            raise ReaderError(
                f"{path}:{line}: unknown binding id {binding_id!r}; `?` in the app or "
                f"keymaps/default.toml lists the ids"
            )
        if not isinstance(value, str) or not value.strip():
            raise ReaderError(f'{path}:{line}: {binding_id} must be a string of keys like "j,down"')
        keys = []
        for raw in value.split(","):
            key = normalize_key(raw) if raw.strip() else None
            if key is None:
                raise ReaderError(
                    f"{path}:{line}: unknown key {raw.strip()!r} for {binding_id}; use a character, "
                    f"a key name (down, pagedown, space, escape, f5…) or a modifier (ctrl+r)"
                )
            if key not in keys:
                keys.append(key)
        entries[binding_id] = (",".join(keys), line)
    return entries


def _check_clashes(keymap: Keymap, specs) -> None:
    default = str(KEYMAP_DIR / "default.toml")
    context_of = {spec.id: spec.context for spec in specs}
    for context in CONTEXTS:
        if context == "app":
            continue
        owner: dict[str, str] = {}
        for binding_id, context_id in context_of.items():
            if context_id not in ("app", context):
                continue
            for key in keymap.key_list(binding_id):
                path, line = keymap.sources[binding_id]
                if key in RESERVED:
                    raise ReaderError(
                        f"{path}:{line}: key {key!r} of {binding_id} is taken by {RESERVED[key]}; choose another key"
                    )
                if key in owner and owner[key] != binding_id:
                    first, second = binding_id, owner[key]
                    if keymap.sources[first][0] == default:  # name the user's line first
                        first, second = second, first
                    (path, line), (opath, oline) = keymap.sources[first], keymap.sources[second]
                    raise ReaderError(
                        f"{path}:{line}: key {key!r} is bound to both {first} and {second} "
                        f"({opath}:{oline}); give one of them another key"
                    )
                owner[key] = binding_id


_DEFAULTS: dict[tuple, Keymap] = {}
"""The default keymap per label set (names, keys and source file): read and checked once."""


def load_keymap(choice: str | None, labels) -> Keymap:
    """The effective keymap for the label set, validated. `choice` is None, a NAME or a PATH."""
    if choice is None:
        key = (str(getattr(labels, "source", None)), tuple((label.name, label.key) for label in labels))
        if key not in _DEFAULTS:
            _DEFAULTS[key] = _load_keymap(None, labels)
        return _DEFAULTS[key]
    return _load_keymap(choice, labels)


def _load_keymap(choice: str | None, labels) -> Keymap:
    specs = all_specs(labels)
    valid = {spec.id for spec in specs}
    keymap = Keymap()
    default_path = KEYMAP_DIR / "default.toml"
    for binding_id, (keys, line) in read_keymap_file(default_path, valid, strict=False).items():
        keymap.keys[binding_id] = keys
        keymap.sources[binding_id] = (str(default_path), line)
    # A custom label set (annotations/labels.toml) brings its own keys for its labels.
    source = str(getattr(labels, "source", None) or default_path)
    for index, label in enumerate(labels):
        own = normalize_key(label.key)
        if own and (getattr(labels, "source", None) or f"label.{label.name}" not in keymap.keys):
            keymap.keys[f"label.{label.name}"] = own
            keymap.sources[f"label.{label.name}"] = (source, 1)
        if index < 9 and f"label.{label.name}.alt" not in keymap.keys:
            keymap.keys[f"label.{label.name}.alt"] = str(index + 1)
            keymap.sources[f"label.{label.name}.alt"] = (source, 1)
    if choice:
        path = keymap_path(choice)
        keymap.name = path.stem
        for binding_id, (keys, line) in read_keymap_file(path, valid).items():
            keymap.keys[binding_id] = keys
            keymap.sources[binding_id] = (str(path), line)
    missing = sorted(valid - set(keymap.keys))
    if missing:
        raise ReaderError(f"{default_path}: no keys for {', '.join(missing)}; add them")
    _check_clashes(keymap, specs)
    return keymap


@functools.cache
def default_keymap() -> Keymap:
    """The default keymap for the default label set: the keys screens are declared with."""
    from reader.store.labelset import DEFAULT_LABELS

    return load_keymap(None, DEFAULT_LABELS)


def overrides(keymap: Keymap, labels) -> dict[str, str]:
    """The ids whose keys differ from the default keymap of this label set (what `set_keymap` needs).

    Screens declare their bindings with the default keys, so the default keymap applies nothing:
    Textual re-applies a keymap on every binding lookup, at a cost that grows with its size.
    """
    base = load_keymap(None, labels).keys
    return {binding_id: keys for binding_id, keys in keymap.keys.items() if base.get(binding_id) != keys}
