"""Pilot tests of the clause view: split with `;`, move with ← →, cut at ，, join, label each clause,
undo, note, reopen, export."""

from __future__ import annotations

from reader.export.collect import Selection, collect
from reader.labels.clauses import default_cuts, spans, unit_key
from tests.tui.helpers import reading

SIZE = (120, 40)


def split_sentence(screen):
    """The first body sentence of the report with a ； and a ， after it."""
    return next(
        s
        for s in screen.document.sentences
        if s.kind == "sentence" and "；" in s.text and "，" in s.text[s.text.index("；") :]
    )


def hint(screen) -> str:
    return str(screen.query_one("HintLine").render())


async def test_split_move_label_each_clause_undo_note_and_reopen(make_app, corpus, annotations):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        s = split_sentence(screen)
        screen.view.set_cursor(s.index)
        await pilot.press("semicolon")
        parts = spans(s.text, default_cuts(s.text))
        assert screen.clauses.active and screen.clauses.spans == parts
        assert f"clause 1/{len(parts)}" in hint(screen)
        await pilot.press("a", "right", "p")
        records = app.store.doc_labels("jinzhong-2025", "tester")
        assert {k: r.label for k, r in records.items()} == {
            unit_key(s.id, *parts[0]): "achievement",
            unit_key(s.id, *parts[1]): "problem",
        }
        assert screen.labels == {}  # the sentence itself has no label
        # cut the second clause at its ，: a labelled clause keeps its bounds; an unlabelled one is cut
        await pilot.press("comma")
        assert screen.clauses.spans == parts
        await pilot.press("x", "comma")
        assert len(screen.clauses.spans) == len(parts) + 1
        a, b = screen.clauses.span
        assert s.text[a:b].endswith("，") and a == parts[1][0]
        await pilot.press("p", "e")
        await pilot.pause()
        await pilot.press(*"kw", "enter")
        await pilot.pause()
        record = screen.session.record(s.id, (a, b))
        assert record.label == "problem" and record.note == "kw"
        assert "note: kw" in hint(screen)
        await pilot.press("u")  # the note
        assert screen.session.record(s.id, (a, b)).note is None
        await pilot.press("u")  # the label
        assert screen.session.record(s.id, (a, b)) is None
        await pilot.press("U")
        assert screen.session.label_of(s.id, (a, b)) == "problem"
        # = joins two unlabelled clauses only
        await pilot.press("equals_sign")
        assert len(screen.clauses.spans) == len(parts) + 1
        await pilot.press("escape")  # Esc closes the clause view, never the report
        assert not screen.clauses.active and app.screen is screen
        await pilot.press("j")
        assert screen.view.cursor == s.index + 1
    # reopen: the clause labels come back, and the cuts where they are
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        screen.view.set_cursor(s.index)
        await pilot.press("semicolon")
        assert (a, b) in screen.clauses.spans
        assert screen.session.label_of(s.id, parts[0]) == "achievement"
        assert screen.session.label_of(s.id, (a, b)) == "problem"
        await pilot.press("j")  # moving on leaves the clause view
        assert not screen.clauses.active
    out = collect(app.store, corpus, Selection()).records
    assert [(r["unit"], r["label"], r["text"]) for r in out] == [
        ("clause", "achievement", s.text[parts[0][0] : parts[0][1]]),
        ("clause", "problem", s.text[a:b]),
    ]
    assert {r["sentence"] for r in out} == {s.id}


async def test_clause_keys_outside_the_clause_view_say_how_to_start(make_app):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        await pilot.press("comma", "right")
        assert not screen.clauses.active and screen.labels == {}


async def test_an_edited_clause_is_listed_to_check_and_confirmed_from_the_list(make_app, corpus):
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        s = split_sentence(screen)
        screen.view.set_cursor(s.index)
        await pilot.press("semicolon", "right", "p")
        a, b = screen.clauses.span
    app.store.close()  # the next app writes: it re-attaches the labels to the edited text
    clause = s.text[a:b]
    path = corpus / "jinzhong-2025.txt"
    raw = path.read_text(encoding="utf-8")
    # one character of the clause changed (a piece of it that is on one raw line, once)
    piece = next(clause[i : i + 4] for i in range(len(clause) - 4) if raw.count(clause[i : i + 4]) == 1)
    path.write_text(raw.replace(piece, piece[:2] + "了" + piece[3:]), encoding="utf-8")
    app = make_app("jinzhong-2025.txt")
    async with app.run_test(size=SIZE) as pilot:
        screen = await reading(pilot)
        (record,) = screen.session.attention
        assert record.is_clause and record.text_changed and record.clause_text == clause
        assert "to check" in str(screen.query_one("StatusBar").render())
        await pilot.press("exclamation_mark")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert not screen.session.attention
        (record,) = app.store.doc_labels("jinzhong-2025", "tester").values()
        assert record.clause_text == record.unit_text and record.label == "problem"
