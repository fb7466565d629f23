"""Suggestions in the reading screen: accept stores a real label and moves on, the least sure
sentence first, and retraining in the background while keys keep working."""

from __future__ import annotations

import time

from reader.tui import suggestions as suggestions_module
from tests.tui.helpers import first_body, reading, stored, wait_for

SIZE = (120, 40)


async def at_first_body_with_suggestion(pilot, label: str, score: float):
    """The reading screen, its cursor on the first body sentence, which is suggested `label`."""
    screen = await reading(pilot)
    start = first_body(screen)
    screen.view.set_cursor(start)
    sentence = screen.document.sentences[start]
    screen._show_suggestions({sentence.id: (label, score)})
    return screen, start, sentence


async def test_accepting_a_suggestion_stores_a_real_label_and_moves_on(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen, start, sentence = await at_first_body_with_suggestion(pilot, "achievement", 0.8)
        await pilot.press("y")
        assert stored(app) == {sentence.id: "achievement"}
        record = app.store.doc_labels(screen.document.id, "tester")[sentence.id]
        assert record["text"] == sentence.text  # a real label with its provenance, not a suggestion
        assert screen.view.cursor == first_body(screen, start + 1)
        assert screen.view.labels()[sentence.id] == "achievement"


async def test_next_uncertain_visits_the_least_sure_unlabelled_sentences_first(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        body = [s for s in screen.document.sentences if s.kind != "heading"]
        a, b, c, d = body[10], body[3], body[20], body[5]
        margins = {a.id: 0.05, b.id: 0.10, c.id: 0.20, d.id: 0.90}
        screen._show_suggestions({}, margins)
        screen.view.set_cursor(0)
        await pilot.press("w")
        assert screen.view.cursor == a.index
        await pilot.press("w")
        assert screen.view.cursor == b.index
        await pilot.press("t")  # label b: it drops out of the round
        await pilot.press("w")
        assert screen.view.cursor == c.index
        await pilot.press("w", "w")
        assert screen.view.cursor == a.index  # d, then round again skipping the labelled b


async def test_retraining_runs_in_the_background_without_blocking_keys(make_app, annotations, monkeypatch):
    monkeypatch.setattr(suggestions_module, "RETRAIN_EVERY", 3)
    app = make_app("jinzhong-2025.txt")
    app.config.suggestions = True
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        await wait_for(pilot, lambda: bool(screen.margins), timeout=120)  # first suggestions (rules)
        screen.view.set_cursor(first_body(screen))
        await pilot.press("t", "j", "a", "j", "p")  # the third new label starts a retrain
        await wait_for(pilot, lambda: any(w.group == "retrain" for w in app.workers))
        worker = next(w for w in app.workers if w.group == "retrain")
        before = screen.view.cursor
        t0 = time.perf_counter()
        await pilot.press("j", "j", "j")
        took = time.perf_counter() - t0
        assert screen.view.cursor == before + 3
        assert worker.is_running, "keys were handled while the model was still training"
        assert took < 1.5, f"three keys took {took:.2f} s during the retrain"
        await wait_for(pilot, lambda: worker.is_finished, timeout=180)
        await pilot.pause()
        assert (annotations / "models" / "tester" / "suggest-model.joblib").exists()  # the user's own model
        assert not (annotations / "model").exists()  # never the shipped one
        assert any("retrained: tester's model" in (n.message or "") for n in app._notifications)
        assert len(stored(app)) == 3


async def test_accepting_never_replaces_a_label_the_user_chose(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen, start, sentence = await at_first_body_with_suggestion(pilot, "achievement", 0.9)
        await pilot.press("p", "y")
        assert stored(app) == {sentence.id: "problem"}
        assert screen.view.cursor == first_body(screen, start + 1)  # moved on all the same
