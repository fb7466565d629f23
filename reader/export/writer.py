"""Where an export goes: file names for splits, manifest, card and labelling config, a writability
check, atomic writes."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.export import formats
from reader.files import atomic_write

STDOUT = "-"


def split_paths(output: str, names: list[str], fmt: str) -> dict[str, Path]:
    """`out.jsonl` → {"train": out.train.jsonl, "dev": out.dev.jsonl, …}; without an extension,
    the format's (`out` → out.train.jsonl)."""
    path = Path(output)
    suffix = path.suffix or formats.SUFFIX[fmt]
    stem = path.stem if path.suffix else path.name
    return {name: path.with_name(f"{stem}.{name}{suffix}") for name in names}


def beside(output: str, what: str) -> Path:
    """A file that goes with the export `-o output`, named after all of it (extension included), so
    two exports never share one: `out.jsonl` → out.jsonl.manifest.json, out.jsonl.README.md."""
    path = Path(output)
    return path.with_name(f"{path.name}.{what}")


def manifest_path(output: str) -> Path:
    return beside(output, "manifest.json")


def card_path(output: str) -> Path:
    return beside(output, "README.md")


def label_config_path(output: str) -> Path:
    return beside(output, "label_config.xml")


def check_writable(paths: list[Path]) -> None:
    """Fail early, before any work, when an output cannot be written."""
    for path in paths:
        parent = path.parent if str(path.parent) else Path(".")
        if path.is_dir():
            raise ReaderError(f"cannot write {path}: it is a folder; give a file name with -o")
        if not parent.is_dir():
            try:  # like `mkdir -p`: -o data/labels.jsonl on a fresh checkout just works
                parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ReaderError(
                    f"cannot write {path}: cannot create folder {parent} ({exc.strerror}); choose another -o"
                ) from None
        if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
            raise ReaderError(f"cannot write {path}: permission denied; choose another -o")


def _write_file(path: Path, write) -> None:
    """`write(out)` writes UTF-8 text to `path`, replaced whole at the end (`reader.files`): a failed
    export never leaves a half-written file behind."""

    def text(binary) -> None:
        out = io.TextIOWrapper(binary, encoding="utf-8", newline="")
        write(out)
        out.flush()
        out.detach()

    try:
        atomic_write(path, text, sync_file=False, sync_dir=False)
    except OSError as exc:
        raise ReaderError(f"cannot write {path}: {exc.strerror}; choose another -o") from exc


def write_records(records: list[dict[str, Any]], target: Path | str, fmt: str, advance=None, **kwargs: Any) -> None:
    """Write one file (or stdout for "-") in `fmt` (`kwargs`: see `formats.write`); csv starts with a BOM."""
    bom = "\ufeff" if fmt == "csv" else ""

    def write(out) -> None:
        out.write(bom)
        formats.write(records, out, fmt, advance, **kwargs)

    if str(target) == STDOUT:
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a captured or replaced stdout
            write(sys.stdout)
            return
        # UTF-8 whatever the locale, and csv's \r\n left alone: a wrapper over the byte stream.
        sys.stdout.flush()
        out = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
        try:
            write(out)
            out.flush()
        finally:
            out.detach()
        return
    _write_file(Path(target), write)


def write_manifest(manifest: dict[str, Any], path: Path) -> None:
    write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", path)


def write_text(text: str, path: Path) -> None:
    _write_file(path, lambda out: out.write(text))
