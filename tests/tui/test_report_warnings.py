"""The app says what the command line warns of (`reader: warning: …`) when a report opens: a text
that does not read as a report, a PDF page that is a scan (its text is not in the report)."""

from __future__ import annotations

from tests.tui.helpers import reading

SIZE = (120, 40)


async def test_a_text_that_does_not_read_as_a_report_is_said_when_it_opens(make_app, corpus):
    (corpus / "notes.txt").write_text(
        "\n".join(f"Line {n} of an English memo, saved by mistake among the reports." for n in range(60)),
        encoding="utf-8",
    )
    app = make_app("notes.txt")
    async with app.run_test(size=SIZE) as pilot:
        await reading(pilot)
        await pilot.pause()
        said = [n for n in app._notifications if n.title == "About this report"]
        assert said and "does not look like a work report" in said[0].message
        assert said[0].severity == "warning"


async def test_a_report_opens_without_warnings(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        await reading(pilot)
        await pilot.pause()
        assert not [n for n in app._notifications if n.title == "About this report"]
