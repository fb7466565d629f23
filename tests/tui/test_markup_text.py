"""Report text is never read as markup: brackets in a sentence do not crash or vanish."""

from __future__ import annotations

from tests.tui.helpers import reading

SIZE = (120, 40)
RAW = "一、2025年工作安排\n\n（一）推进[/]改革[b]试点\n加强[/red]建设。推进[x]工作。\n"


async def test_note_and_review_on_a_sentence_with_brackets(make_app, corpus):
    (corpus / "markup.txt").write_text(RAW, encoding="utf-8")
    app = make_app("markup.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        target = next(s for s in screen.document.sentences if "[x]" in s.text)
        screen.view.set_cursor(target.index)
        await pilot.pause()
        await pilot.press("e")  # the note dialog shows the sentence
        await pilot.pause()
        shown = "".join(str(w.render()) for w in app.screen.query(".sentence Static"))
        assert "推进[x]工作。" in shown
        await pilot.press("escape", "r")  # the review toast names the section: （一）推进[/]改革[b]试点
        await pilot.pause()
        assert any(n.message == "Reviewed: （一）推进[/]改革[b]试点" for n in app._notifications)
