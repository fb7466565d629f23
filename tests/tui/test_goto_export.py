"""`:`N, the label key, the status bar and the export agree: the number is the status bar's n, the
label lands on the sentence the cursor shows, and the status bar's section is the exported record's
innermost section."""

from __future__ import annotations

from reader.export.collect import Selection, collect
from tests.tui.helpers import reading

SIZE = (120, 40)


def status(screen) -> str:
    return str(screen.query_one("StatusBar").render())


async def test_goto_212_then_t_labels_the_shown_sentence_under_the_shown_section(make_app, corpus):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        await pilot.press("colon", "2", "1", "2", "enter", "t")
        await pilot.pause()
        shown = screen.document.sentences[screen.view.cursor]
        line = status(screen)
        position = line.split()[1]
        n = int(position.split("/")[0])
        assert screen.document.sentences[n - 1] is shown
        records = collect(app.store, corpus, Selection()).records
        assert [r["id"] for r in records] == [shown.id]
        (record,) = records
        assert record["text"] == shown.text
        assert screen._section == record["section"][-1]
        assert record["section"][-1].rstrip("…")[:6] in line
