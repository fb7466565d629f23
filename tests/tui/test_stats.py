"""The statistics screen: rows follow the outline and add up, bars are proportional and sized to the
panel, names are cut with "…", reviewed sections are marked."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from reader.store.labelset import DEFAULT_LABELS
from reader.text.pipeline import load_document
from reader.tui.screens.stats import bar, stats_lines
from reader.tui.sections import Progress, SectionIndex, Tally
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
    body = [s for s in document.sentences if s.kind == "sentence"]
    labels = {s.id: ("target", "achievement", "problem")[k % 3] for k, s in enumerate(body[::4])}
    overall, rows = document_rows(document, Tally(index, labels))
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
    _, rows = document_rows(document, Tally(SectionIndex(document), {}))
    for width in (64, 100):
        lines = [line.plain for line in stats_lines(rows, DEFAULT_LABELS, "section", width)]
        assert all(cell_len(line) <= width for line in lines)
        assert lines[0].split()[-3:] == ["目标", "成绩", "问题"]  # every count column is shown
        for line, row in zip(lines[1:], rows, strict=True):
            assert line.rstrip().endswith(f"{row.total and row.counts.get('problem', 0)}")
            assert f"{row.labelled}/{row.total}" in line
        cut = [line for line in lines[1:] if "…" in line]
        assert cut if width == 64 else True


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt"))[:2], ids=lambda p: p.stem)
def test_tally_kept_label_by_label_equals_a_recount(path):
    import random

    document = load_document(path)
    index = SectionIndex(document)
    body = [s for s in document.sentences if s.kind == "sentence"]
    rng = random.Random(7)
    labels: dict[str, str] = {}
    tally = Tally(index, labels)
    for _ in range(600):
        sentence = rng.choice(body)
        label = rng.choice(["target", "achievement", "problem", None])
        tally.set(sentence.id, label)
        if label:
            labels[sentence.id] = label
        else:
            labels.pop(sentence.id, None)
    fresh = Tally(index, labels)
    assert tally.whole == fresh.whole and tally.preamble == fresh.preamble
    assert tally.entries == fresh.entries
    for i, members in enumerate(index.members):  # and both equal a count from scratch
        expected = Progress(total=len(members))
        for m in members:
            expected.add(labels.get(document.sentences[m].id), 1)
        assert tally.entries[i] == expected


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
        assert table.size.width < 72
        lines = [table.render_line(y).text for y in range(table.size.height)]
        assert all(cell_len(line) <= table.size.width for line in lines)
        assert any(line.lstrip().startswith("✓ ") for line in lines)
        assert lines[0].split()[-3:] == ["目标", "成绩", "问题"]  # the last column is not cut


async def test_stats_of_a_big_report_draw_only_the_rows_in_view(make_app, corpus, monkeypatch):
    """A report with thousands of outline entries: the panel draws the rows it shows, not all."""
    import reader.tui.screens.stats as stats_module

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    (corpus / "big.txt").write_text("\n\n".join(texts * 6), encoding="utf-8")
    drawn = []
    original = stats_module.row_line
    monkeypatch.setattr(stats_module, "row_line", lambda row, *a: drawn.append(row) or original(row, *a))
    app = make_app("big.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await reading(pilot)
        assert len(screen.index.headings) > 500
        await pilot.press("s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "StatsScreen")
        await pilot.pause()
        rows = app.screen.rows
        assert len(rows) > 500 and 0 < len(drawn) <= 40
        await pilot.press("end")  # the last rows can be reached
        await pilot.pause()
        table = app.screen.query_one("StatsTable")
        assert rows[-1].name in table.render_line(table.size.height - 1).text
