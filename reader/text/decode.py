"""Decode: raw bytes of a report → text, whatever the encoding and line ends.

Accepts UTF-8 (with or without BOM), UTF-16 with BOM, UTF-32 with BOM, and GB18030 (a superset of
GBK/GB2312). Anything that is not text (NUL bytes, undecodable, mostly control characters) raises a
ReaderError naming the file. Line ends (CRLF, CR, LF) are left to `split_lines`.
"""

from __future__ import annotations

import codecs
import re

from reader.errors import ReaderError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LINE_END = re.compile(r"\r\n|\r|\n")
# Control characters that never occur in a text file (tab, LF, CR, FF are fine).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Replacement characters, non-characters and surrogates: what garbage decodes to.
_NOT_TEXT = re.compile("[\ufffd\ufffe\uffff\ud800-\udfff]")


def decode_bytes(raw: bytes, name: str = "<input>") -> tuple[str, str]:
    """Return (text, encoding name). Raises ReaderError if `raw` is not text."""
    if not raw.strip():
        raise ReaderError(f"{name}: the file is empty; give a report with some text in it")
    text, encoding = _try_decode(raw)
    if text is None:
        raise ReaderError(f"{name}: not a text file (not UTF-8, UTF-16 or GB18030); save the report as plain text")
    head = text[:100_000]
    bad = len(_CONTROL.findall(head)) + len(_NOT_TEXT.findall(head))
    if bad > max(3, len(head) // 200):
        raise ReaderError(f"{name}: looks like a binary file, not text; give a .txt report")
    if not text.strip():
        raise ReaderError(f"{name}: the file is empty; give a report with some text in it")
    return text, encoding


def _try_decode(raw: bytes) -> tuple[str | None, str]:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding
            except UnicodeDecodeError:
                return None, encoding
    if b"\x00" in raw[:4096]:
        return None, ""
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None, ""


def split_lines(text: str) -> list[str]:
    """Split on CRLF, CR or LF only (not on the other characters `str.splitlines` treats as breaks),
    so line numbers match what an editor shows."""
    lines = _LINE_END.split(text) if "\r" in text else text.split("\n")  # the same lines: LF is the only end
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def line_indices(text: str, positions: list[int]) -> list[int]:
    """The line (0-based, lines ended by LF) of each of the ascending `positions` in `text`: where a
    regex run over the whole text found something, for the stages that then look only at those lines."""
    out, line, prev = [], 0, 0
    for pos in positions:
        line += text.count("\n", prev, pos)
        prev = pos
        out.append(line)
    return out
