"""List a folder of reports quickly (names, sizes, mtimes) without reading any of them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from reader.errors import ReaderError

REPORT_SUFFIXES = ("txt", "pdf")


@dataclass(frozen=True, slots=True)
class ReportEntry:
    """One report file of the library."""

    name: str
    """The document id: the file's stem (`jinzhong-2025`)."""
    path: Path
    size: int
    mtime_ns: int


def list_reports(folder: str | Path) -> list[ReportEntry]:
    """Every `*.txt` and `*.pdf` in `folder` (not recursive, hidden files skipped), sorted by name.

    One `scandir` pass: 5,000 files take a few milliseconds. Raises ReaderError if the folder is
    missing or holds no report.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ReaderError(f"{folder}: no such folder; give a folder of .txt or .pdf reports or a report file")
    entries = []
    with os.scandir(folder) as it:
        for item in it:
            stem, dot, suffix = item.name.rpartition(".")
            if item.name.startswith(".") or not dot or suffix.lower() not in REPORT_SUFFIXES:
                continue
            try:
                if not item.is_file():
                    continue
                stat = item.stat()
            except OSError:
                continue
            entries.append(ReportEntry(stem, Path(item.path), stat.st_size, stat.st_mtime_ns))
    if not entries:
        raise ReaderError(
            f"{folder}: no .txt reports in this folder (nor .pdf); copy reports there or give another path"
        )
    # A PDF beside a text file of the same name is the same report (one document id): the text is used.
    texts = {e.name for e in entries if e.path.suffix.lower() != ".pdf"}
    entries = [e for e in entries if e.path.suffix.lower() != ".pdf" or e.name not in texts]
    entries.sort(key=lambda entry: entry.name)
    return entries
