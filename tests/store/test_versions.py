"""A read-only process tells every version of a store file and of its journal apart.

A reader decides from `stat` whether to read a file again, and reads a grown journal on from where it
stopped. Two things on disk defeat that: ext4 hands a replaced file's inode to the next new file and
sets mtime from a clock that moves in milliseconds (a third same-size version written within one
tick looks like the first), and a journal emptied after a fold keeps its inode and can grow back past
the point a reader stopped at (read from there, its first lines would be missed).
"""

from __future__ import annotations

import os

from reader.files import write_file
from reader.store.docstore import LABELS, DocStore
from reader.store.journal import Journal


def test_every_whole_file_write_has_a_modification_time_of_its_own(tmp_path):
    stamps = []
    for k in range(30):  # back to back: many within one tick of the kernel's clock
        write_file(tmp_path / f"v{k % 3}", b"same size", sync=False)
        stamps.append(os.stat(tmp_path / f"v{k % 3}").st_mtime_ns)
    assert stamps == sorted(set(stamps))


def _label(n: int) -> dict:
    return {"annotator": "li", "sentence": f"s{n:03d}", "label": "target", "text": "句"}


def _seen(store: DocStore) -> set[str]:
    return {r["sentence"] for r in store.records(LABELS)}


def test_a_reader_that_read_the_folded_file_with_the_old_journal_sees_the_refilled_journal(tmp_path):
    path = tmp_path / "d.json"
    writer = DocStore(path, "d")
    writer.put(LABELS, _label(0))  # the file exists: the next changes go to the journal
    for n in range(1, 5):
        writer.put(LABELS, _label(n))
    reader = DocStore(path, "d", read_only_reason="a test reader")
    assert _seen(reader) == _seen(writer)
    # The writer folds; the reader reads between the new file's rename and the journal's emptying
    # (the file of the new version with the journal of the old one: the same labels, consistent).
    truncate = writer.journal.truncate

    def truncate_after_a_read():
        reader.sync()
        return truncate()

    writer.journal.truncate = truncate_after_a_read
    writer.fold()
    writer.journal.truncate = truncate
    assert _seen(reader) == _seen(writer)
    # The emptied journal grows back past where the reader stopped, in lines of the same length.
    for n in range(5, 12):
        writer.put(LABELS, _label(n))
    assert writer.journal.path.stat().st_size > reader._journal_end
    reader.sync()
    assert _seen(reader) == _seen(writer) == {f"s{n:03d}" for n in range(12)}
    writer.close()
    reader.close()


def test_a_journal_names_itself_and_takes_a_new_name_when_emptied(tmp_path):
    journal = Journal(tmp_path / "d.json")
    change = [("labels", "1", {"label": "target"})]
    names = []
    for _ in range(3):
        journal.append(change, 0)
        replay, _ = journal.read()
        names.append(replay.name)
        assert replay.changes == change * 1 and replay.lines == 2  # the header, then the change
        journal.append(change, 0)
        assert journal.read(replay.end)[0].name == replay.name  # also when read on from the middle
        journal.truncate()
        assert journal.read()[0].changes == []
    assert None not in names and len(set(names)) == 3


def test_a_journal_written_before_journals_had_names_still_replays(tmp_path):
    journal = Journal(tmp_path / "d.json")
    journal.path.write_bytes(b'{"table": "labels", "id": "1", "record": {"label": "target"}}\n')
    replay, _ = journal.read()
    assert replay.name is None and replay.changes == [("labels", "1", {"label": "target"})]
    assert not replay.bad
