"""The statistics screen: rows follow the outline and add up, bars are proportional and sized to the
panel, names are cut with "…", reviewed sections are marked."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from reader.store.labelset import DEFAULT_LABELS
from reader.text.pipeline import load_document
from reader.tui.screens.stats import bar, stats_table
from reader.tui.sections import SectionIndex
from reader.tui.stats import Row, document_rows
from tests.tui.helpers import first_body, reading, wait_for

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def children_of(rows: list[Row], k: int) -> list[Row]:
    out = []
    for row in rows[k + 1 :]:
        if row.indent <= rows[k].indent:
            break
        if row.indent == rows[k].indent + 1:
            out.append(row)
    return out


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_rows_add_up_at_every_level(path):
    document = load_document(path)
    index = SectionIndex(document)
    body = [s for s in document.sentences if s.kind != "heading"]
    labels = {s.id: ("target", "achievement", "problem")[k % 3] for k, s in enumerate(body[::4])}
    overall, rows = document_rows(document, index, labels)
    assert rows[0] is overall and overall.total == len(body)
    assert sum(1 for r in rows if r.name in {h.title for h in index.headings}) >= len(index.headings)
    for k, row in enumerate(rows):
        kids = children_of(rows, k)
        if kids:
            assert sum(r.total for r in kids) == row.total, row.name
            assert sum(r.labelled for r in kids) == row.labelled, row.name
            for name in ("target", "achievement", "problem"):
                assert sum(r.counts.get(name, 0) for r in kids) == row.counts.get(name, 0)


def test_bars_are_proportional_without_letters():
    row = Row("x", 224, 3, {"target": 1, "achievement": 2})
    text = bar(row, DEFAULT_LABELS, 20)
    assert text.plain == "░" * 20  # 3 of 224 is less than half a cell: no cell for a label
    row = Row("x", 8, 3, {"target": 1, "achievement": 2})
    text = bar(row, DEFAULT_LABELS, 16)
    assert text.plain == "█" * 6 + "░" * 10 and set(text.plain) <= {"█", "░"}
    assert [span.style for span in text.spans][:2] == [DEFAULT_LABELS[0].color, DEFAULT_LABELS[1].color]


def test_table_fits_the_width_and_cuts_names_with_an_ellipsis():
    document = load_document(CORPUS / "jinzhong-2025.txt")
    _, rows = document_rows(document, SectionIndex(document), {})
    console = Console(width=200, color_system=None)
    for width in (64, 100):
        with console.capture() as capture:
            console.print(stats_table(rows, DEFAULT_LABELS, "section", width), width=width)
        lines = capture.get().splitlines()
        assert all(cell_len(line) <= width for line in lines)
        assert lines[0].split()[-3:] == ["目标", "成绩", "问题"]  # every count column is shown
        for line, row in zip(lines[1:], rows, strict=True):
            assert line.rstrip().endswith(f"{row.total and row.counts.get('problem', 0)}")
            assert f"{row.labelled}/{row.total}" in line
        cut = [line for line in lines[1:] if "…" in line]
        assert cut if width == 64 else True


async def test_stats_screen_at_80_columns_marks_reviewed_sections(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reading(pilot)
        screen.view.set_cursor(first_body(screen))
        await pilot.press("a", "r", "s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "StatsScreen")
        await pilot.pause()
        stats = app.screen
        reviewed = [row for row in stats.rows if row.reviewed]
        assert [row.name for row in reviewed] == ["2024年工作回顾"]
        table = stats.query_one("StatsTable")
        assert table.content_region.width < 72
        width = table.content_region.width
        console = Console(width=width, color_system=None)
        with console.capture() as capture:
            console.print(table.render(), width=width)
        lines = capture.get().splitlines()
        assert all(cell_len(line) <= width for line in lines)
        assert any(line.lstrip().startswith("✓ ") for line in lines)
