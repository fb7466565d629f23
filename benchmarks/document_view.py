"""Benchmark of the report view: line breaking, load + first screen, cursor-move repaint.

Run: .venv/bin/python benchmarks/document_view.py [REPEAT ...]   (default: 7 and 30)

A document is the whole corpus concatenated REPEAT times (7 ≈ 1 MB of UTF-8). Figures printed:
wrap of every paragraph (cold cache), `load` + rendering the first screen (120×40 terminal), and the
p50/p95/max of one cursor move (set_cursor + re-rendering every visible line, the cached ones
included) over 300 moves.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textual.app import App, ComposeResult

from reader.tui.linebreak import _break_lines
from reader.tui.widgets.document_layout import build_layout
from reader.tui.widgets.document_view import DocumentView
from tests.tui_view.docs import corpus_document


class BenchApp(App):
    def compose(self) -> ComposeResult:
        yield DocumentView()


def render_screen(view: DocumentView) -> None:
    for y in range(view.scrollable_content_region.height):
        view.render_line(y)


async def bench(repeat: int) -> None:
    document = corpus_document(repeat)
    size_mb = len(document.text.encode()) / 1e6
    print(
        f"## corpus x{repeat}: {size_mb:.2f} MB, {len(document.text):,} chars, "
        f"{len(document.paragraphs):,} paragraphs, {len(document.sentences):,} sentences"
    )

    _break_lines.cache_clear()
    t = time.perf_counter()
    layout = build_layout(document, 97)
    print(f"wrap everything at 97 cells (cold): {1000 * (time.perf_counter() - t):.0f} ms, {len(layout):,} lines")

    app = BenchApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.query_one(DocumentView)
        _break_lines.cache_clear()
        t = time.perf_counter()
        view.load(document)
        render_screen(view)
        load_ms = 1000 * (time.perf_counter() - t)
        t = time.perf_counter()
        await pilot.pause()
        print(
            f"load + first screen: {load_ms:.0f} ms (then {1000 * (time.perf_counter() - t):.0f} ms "
            f"until the app is idle)"
        )

        times = []
        for i in range(300):
            t = time.perf_counter()
            view.move_cursor(1 if i % 50 < 40 else -1)
            render_screen(view)
            times.append(1000 * (time.perf_counter() - t))
            if i % 25 == 0:
                await pilot.pause()
        times.sort()
        print(
            f"cursor move + repaint: p50 {statistics.median(times):.2f} ms, "
            f"p95 {times[int(0.95 * len(times))]:.2f} ms, max {times[-1]:.2f} ms"
        )

        t = time.perf_counter()
        count = view.search("高质量发展")
        print(f"search (高质量发展, {count} matches): {1000 * (time.perf_counter() - t):.1f} ms")
        t = time.perf_counter()
        await pilot.resize_terminal(90, 40)
        await pilot.pause()
        render_screen(view)
        print(f"resize to 90 columns (re-wrap) + repaint: {1000 * (time.perf_counter() - t):.0f} ms")


def main() -> None:
    repeats = [int(a) for a in sys.argv[1:]] or [7, 30]
    for repeat in repeats:
        asyncio.run(bench(repeat))


if __name__ == "__main__":
    main()
