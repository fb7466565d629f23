"""`reader.files.atomic_write`: the old file or the new one, never half; an ordinary file; no leftovers."""

from __future__ import annotations

import os

import pytest

from reader.files import FILE_MODE, TMP_MARK, atomic_write, write_cache_file


def test_a_write_that_fails_midway_leaves_the_old_file_and_no_temp_file(tmp_path):
    path = tmp_path / "labels.jsonl"
    path.write_bytes(b"old\n")

    def half(out):
        out.write(b"new, half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        atomic_write(path, half)
    assert path.read_bytes() == b"old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["labels.jsonl"]


def test_bytes_or_a_writer_give_an_ordinary_file_not_a_private_temp_one(tmp_path):
    atomic_write(tmp_path / "a", b"bytes")
    atomic_write(tmp_path / "b", lambda out: out.write("文字".encode()), sync_file=False, sync_dir=False)
    assert (tmp_path / "a").read_bytes() == b"bytes" and (tmp_path / "b").read_text("utf-8") == "文字"
    for name in "ab":
        assert os.stat(tmp_path / name).st_mode & 0o777 == FILE_MODE
    assert not list(tmp_path.glob(f"*{TMP_MARK}*"))


def test_a_cache_entry_makes_its_folder(tmp_path):
    write_cache_file(tmp_path / ".cache" / "x" / "entry", b"1")
    assert (tmp_path / ".cache" / "x" / "entry").read_bytes() == b"1"
