"""`reader [PATH]`: open the Textual app (placeholder until the TUI lands)."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    print("reader: the app is not built yet; try `reader outline PATH`", file=sys.stderr)
    return 2
