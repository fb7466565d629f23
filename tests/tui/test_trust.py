"""Issue 10 in the app: nothing a user did is lost or hidden, and reading changes no tracked file."""

from __future__ import annotations

import shutil

from reader.labels import squeeze
from reader.labels.positions import Positions
from tests.tui.helpers import DOC, first_body, reading, stored

SIZE = (120, 40)


def files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")}


async def test_finding_8_reading_without_labelling_changes_no_tracked_file(make_app, annotations, corpus):
    shutil.copytree(__import__("tests.tui.conftest", fromlist=["ROOT"]).ROOT / "annotations", annotations)
    shutil.rmtree(annotations / "model", ignore_errors=True)
    before = files(annotations)
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        await pilot.press("j", "j", "J", "j")
        where = screen.document.sentences[screen.view.cursor].id
    after = files(annotations)
    assert {k: v for k, v in after.items() if not k.endswith(".bak")} == before
    # the position is in the user's state file (saved on every move: a kill -9 cannot lose it)
    assert Positions(annotations, "tester").get(DOC) == where


async def test_finding_12_the_position_is_saved_on_every_move(make_app, annotations):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        for _ in range(3):
            await pilot.press("j")
            now = screen.document.sentences[screen.view.cursor].id
            assert Positions(annotations, "tester").get(DOC) == now  # no debounce: exact at any moment


async def test_finding_10_minus_marks_one_sentence_none_and_help_lists_it(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        screen.view.set_cursor(first_body(screen))
        sentence = screen.document.sentences[screen.view.cursor]
        await pilot.press("minus")
        assert stored(app) == {sentence.id: "none"}
        await pilot.press("r", "u")  # finding 4: u after r takes back the review mark, not the none
        assert stored(app) == {sentence.id: "none"} and app.store.reviewed() == []
        await pilot.press("u")
        assert stored(app) == {}
        await pilot.press("question_mark")
        await pilot.pause()
        from reader.tui.actions import all_specs

        assert {"label.none", "label.confirm", "labels.attention"} <= {s.id for s in all_specs(app.config.labels)}
        assert "label.none" in app.config.keymap.keys


async def test_edited_report_keeps_labels_visible_confirmable_and_orphans_listed(make_app, corpus):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        edited = next(s for s in screen.document.sentences if "出行更加便捷" in squeeze(s.text))
        raw = (corpus / "jinzhong-2025.txt").read_text(encoding="utf-8")
        gone = next(s for s in screen.document.sentences[40:] if s.kind == "sentence" and raw.count(s.text) == 1)
        for s, key in ((edited, "a"), (gone, "p")):
            screen.view.set_cursor(s.index)
            await pilot.press(key)
    (corpus / "jinzhong-2025.txt").write_text(
        raw.replace("出行更加便捷", "出行更加方便").replace(gone.text, "这一句被完全改写，与原来毫无关系。"),
        encoding="utf-8",
    )
    again = make_app("jinzhong-2025.txt", store=app.store)
    async with again.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        status = str(screen.query_one("StatusBar").render())
        assert "2 to check (!)" in status
        [changed] = screen.session.changed_ids
        assert stored(again)[changed] == "achievement"  # finding 1/2: kept, not orphaned
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert type(again.screen).__name__ == "AttentionScreen"
        assert len(again.screen.records) == 2
        await pilot.press("escape")
        screen.view.set_cursor(screen.session.by_id[changed].index)
        await pilot.press("c")
        assert screen.session.changed_ids == set() and "1 to check" in str(screen.query_one("StatusBar").render())
        target = first_body(screen)
        screen.view.set_cursor(target)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        await pilot.press("a")  # re-attach the orphan to the sentence under the cursor
        await pilot.pause()
        assert stored(again)[screen.document.sentences[target].id] == "problem"
        assert screen.session.attention == []


async def test_finding_5_least_sure_first_from_the_least_sure_with_k_of_n(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        body = [s for s in screen.document.sentences if s.kind == "sentence"]
        margins = {body[30].id: 0.89, body[31].id: 0.88, body[2].id: 0.18}
        screen._show_suggestions({}, margins)
        screen.view.set_cursor(body[30].index)  # sitting on a sentence the model is sure of
        await pilot.press("w")
        assert screen.view.cursor == body[2].index  # the least sure, not the next after 89%
        assert any("Least sure 1/3" in (n.message or "") for n in app._notifications)
