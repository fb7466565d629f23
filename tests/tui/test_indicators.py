"""The figures in the app: `I` underlines them in the text, `i` lists them (indicator, target, last
year's outcome, source); Enter jumps to the sentence, `e` corrects in a dialog, `x` says "not an
indicator", backspace drops the correction, `u` undoes — all stored for the annotator at once."""

from __future__ import annotations

import pytest

from reader.tui.screens.correction import CorrectionScreen, read_fields
from reader.tui.screens.indicators import REJECTED, IndicatorsScreen
from tests.tui.helpers import DOC, reading, wait_for


async def panel(pilot) -> IndicatorsScreen:
    screen = await reading(pilot)
    await pilot.press("i")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, IndicatorsScreen) and bool(pilot.app.screen.rows))
    await pilot.pause()
    assert screen.indicators.ready
    return pilot.app.screen


def corrections(app, annotator: str = "tester"):
    return app.store.corrections(DOC, annotator)


async def test_the_toggle_underlines_every_figure_and_hides_them_again(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await reading(pilot)
        view = screen.view
        await pilot.press("I")
        await wait_for(pilot, lambda: len(view.highlights) > 0)
        spans = screen.indicators.view.spans
        assert len(view.highlights) == len(spans) > 100
        # exactly the clauses' characters are underlined on a line that holds figures and other text
        start = spans[0][0]
        view.set_cursor(view._index.at(start))
        await pilot.pause()
        layout = view.visual_layout
        line = layout.line_of(start)
        strip = list(view._render_visual_line(line, view.size.width))
        offset, underlined = layout.starts[line], set()
        for seg in strip[3:]:  # after the gutter
            if seg.style and seg.style.underline:
                underlined |= set(range(offset, offset + len(seg.text)))
            offset += len(seg.text)
        in_clauses = {i for a, b, _ in spans for i in range(a, b)} & set(range(layout.starts[line], layout.ends[line]))
        assert underlined == in_clauses and start in underlined
        assert len(in_clauses) < layout.ends[line] - layout.starts[line]
        await pilot.press("I")
        await pilot.pause()
        assert len(view.highlights) == 0


async def test_the_panel_pairs_targets_with_outcomes_and_enter_jumps_to_the_sentence(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await reading(pilot)
        table_screen = await panel(pilot)
        first = table_screen.rows[0]
        assert first.target.record.headline and first.target.record.kind == "target"
        assert any(t.target and t.outcome for t in table_screen.rows)  # a target beside last year's outcome
        # down to an outcome-only row far into the report, then Enter
        index = next(i for i, t in enumerate(table_screen.rows) if t.target is None and t.outcome.sentence.index > 5)
        for _ in range(index):
            await pilot.press("j")
        await pilot.press("right")
        chosen = table_screen.selected()
        assert chosen is table_screen.rows[index].outcome
        await pilot.press("enter")
        await wait_for(pilot, lambda: pilot.app.screen is screen)
        assert screen.view.cursor == chosen.sentence.index
        assert screen.document.sentences[screen.view.cursor].id == chosen.record.sentence


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            "政府工作报告\n\n一、2023年工作回顾\n\n过去一年，全市地区生产总值增长5.2%，城镇新增就业2.1万人。\n\n"
            "二、2024年工作安排\n\n今年，我们将持续扩大有效投资。\n",
            "no main targets paragraph",
        ),
        ("政府工作报告\n\n各位代表：\n\n现在，我代表市人民政府向大会报告工作，请予审议。\n", "no figures"),
    ],
    ids=["without-targets-paragraph", "without-figures"],
)
async def test_the_panel_says_what_a_report_lacks(make_app, corpus, text, says):
    (corpus / "plain-2024.txt").write_text(text, encoding="utf-8")
    app = make_app("plain-2024.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        await reading(pilot)
        await pilot.press("i")
        await wait_for(
            pilot, lambda: isinstance(pilot.app.screen, IndicatorsScreen) and says in _title(pilot.app.screen)
        )


def _title(screen: IndicatorsScreen) -> str:
    return str(screen.query_one("#indicators-title").render())


async def test_a_correction_is_stored_shown_and_undone(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        table_screen = await panel(pilot)
        target = table_screen.selected()
        assert target.record.kind == "target"
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, CorrectionScreen))
        field = pilot.app.screen.query_one("#field-value")
        field.value = "4.5-5"
        pilot.app.screen.query_one("#field-qualifier").value = ""
        await pilot.press("enter")
        await wait_for(pilot, lambda: pilot.app.screen is table_screen)
        (stored,) = corrections(pilot.app)
        assert (stored.value, stored.qualifier, stored.clause) == ([4.5, 5], "", target.record.text)
        assert stored.extracted["value"] == target.record.value
        now = table_screen.selected()
        assert now.source == "corrected" and now.record.value == [4.5, 5]
        assert "✎" in str(table_screen.query_one("#indicators-table").get_cell_at((0, 1)))
        await pilot.press("u")
        await pilot.pause()
        assert corrections(pilot.app) == [] and table_screen.selected().source == "extracted"


async def test_a_bad_value_keeps_the_dialog_open_and_stores_nothing(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        await panel(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, CorrectionScreen))
        dialog = pilot.app.screen
        dialog.query_one("#field-value").value = "about five"
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is dialog and "not a number" in str(dialog.query_one("#correction-error").render())
        await pilot.press("escape")
        await pilot.pause()
        assert corrections(pilot.app) == []


async def test_not_an_indicator_and_back(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        table_screen = await panel(pilot)
        await pilot.press("j")
        row = table_screen.selected()
        await pilot.press("x")
        await pilot.pause()
        (stored,) = corrections(pilot.app)
        assert stored.rejected and stored.clause == row.record.text
        assert table_screen.selected().rejected
        assert str(table_screen.query_one("#indicators-table").get_cell_at((1, 3))) == REJECTED
        assert all(r.start != row.record.start for r in table_screen.indicators.view.records)
        await pilot.press("e")  # a rejected clause is not corrected
        await pilot.pause()
        assert pilot.app.screen is table_screen
        await pilot.press("x")
        await pilot.pause()
        assert corrections(pilot.app) == [] and not table_screen.selected().rejected


async def test_backspace_drops_the_correction_and_undo_in_the_text_repaints(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await reading(pilot)
        await pilot.press("I")
        table_screen = await panel(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert len(screen.view.highlights) == len(screen.indicators.view.spans)
        shown = len(screen.view.highlights)
        await pilot.press("backspace")
        await pilot.pause()
        assert corrections(pilot.app) == [] and len(screen.view.highlights) == shown + 1
        await pilot.press("x", "escape")
        await wait_for(pilot, lambda: pilot.app.screen is screen)
        assert len(screen.view.highlights) == shown
        await pilot.press("u")  # the reading screen's undo takes the correction back too
        await pilot.pause()
        assert corrections(pilot.app) == [] and len(screen.view.highlights) == shown + 1
        assert table_screen.indicators.panel is None


async def test_a_read_only_store_refuses_corrections(make_app, annotations):
    from reader.store import AnnotationStore

    with AnnotationStore(annotations):  # another reader holds the folder
        app = make_app("jinzhong-2025.txt")
        async with app.run_test(size=(120, 40)) as pilot:
            table_screen = await panel(pilot)
            await pilot.press("e")
            await pilot.pause()
            assert pilot.app.screen is table_screen  # no dialog
            await pilot.press("x")
            await pilot.pause()
            assert corrections(pilot.app) == []
            assert not table_screen.selected().rejected


def test_the_dialogs_fields_are_read_as_a_person_types_them():
    base = {"indicator": "地区生产总值", "measure": "增长", "unit": "%", "qualifier": "左右", "year": "2025"}
    values, field, problem = read_fields({**base, "value": "５.５", "kind": "目标"})
    assert problem is None and (values["value"], values["kind"], values["year"]) == (5.5, "target", 2025)
    values, *_ = read_fields({**base, "value": "", "kind": "o", "year": ""})
    assert (values["value"], values["kind"], values["year"]) == (None, "outcome", None)
    for bad, where in (({"value": "6—5"}, "value"), ({"kind": "goal"}, "kind"), ({"year": "25"}, "year")):
        values, field, problem = read_fields({**base, "value": "5", "kind": "target", **bad})
        assert field == where and problem


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_of_the_figures_panel(snap_compare, make_app, size):
    async def corrected(pilot):
        await panel(pilot)
        await pilot.press("x", "j", "j")
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, CorrectionScreen))
        pilot.app.screen.query_one("#field-value").value = "8.5"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, IndicatorsScreen))
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app("jinzhong-2025.txt"), terminal_size=size, run_before=corrected)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_of_the_correction_dialog(snap_compare, make_app, size):
    async def dialog(pilot):
        await panel(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, CorrectionScreen))
        await pilot.pause()

    assert snap_compare(make_app("jinzhong-2025.txt"), terminal_size=size, run_before=dialog)


async def test_the_keys_are_in_the_help_and_the_keymap(make_app):
    from reader.tui.screens.help import HelpScreen, HelpTable

    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        await reading(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
        await pilot.pause()
        table = pilot.app.screen.query_one(HelpTable)
        rows = {key.value: [str(c) for c in table.get_row(key)] for key in table.rows}
        assert rows["indicators.panel"][:2] == ["reading", "i"]
        assert rows["indicators.highlight"][:2] == ["reading", "I"]
        assert rows["indicators.correct"][:2] == ["figures", "e"]
        assert rows["indicators.reject"][:2] == ["figures", "x"]
