"""Decode: every encoding a report arrives in, and clear errors for what is not text."""

import codecs

import pytest

from reader.errors import ReaderError
from reader.text.decode import decode_bytes, split_lines
from reader.text.pipeline import process_bytes

SAMPLE = "一、2025年工作安排\n地区生产总值增长5%左右。\n"


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("gbk"), "gb18030"),
        (SAMPLE.encode("utf-16"), "utf-16"),  # Python writes a BOM
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16"),
    ],
)
def test_decodes_every_supported_encoding(raw, encoding):
    text, used = decode_bytes(raw, "x.txt")
    assert text.lstrip("\ufeff") == SAMPLE
    assert used == encoding


@pytest.mark.parametrize("sep", ["\r\n", "\r", "\n"])
def test_line_ends_give_the_same_lines_and_document(sep):
    raw = SAMPLE.replace("\n", sep).encode("utf-8")
    text, _ = decode_bytes(raw)
    assert split_lines(text) == ["一、2025年工作安排", "地区生产总值增长5%左右。"]
    doc = process_bytes(raw, "d")
    assert doc.text == "一、2025年工作安排\n地区生产总值增长5%左右。"
    assert [s.line for s in doc.sentences] == [1, 2]


def test_split_lines_does_not_break_on_other_unicode_separators():
    assert split_lines("甲\x0c乙\u2028丙\n丁") == ["甲\x0c乙\u2028丙", "丁"]


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"", "empty"),
        (b"   \n\n  \r\n", "empty"),
        (bytes(range(256)) * 4, "not a text file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
        (b"\xff\xfe\xff\xff\xff" * 50, "binary"),
        (b"abc\x01\x02\x03\x04\x05\x06" * 30, "binary"),
    ],
)
def test_non_text_gets_a_one_line_error_naming_the_file(raw, words):
    with pytest.raises(ReaderError) as err:
        decode_bytes(raw, "report.bin")
    message = str(err.value)
    assert message.startswith("report.bin: ")
    assert words in message
    assert "\n" not in message
