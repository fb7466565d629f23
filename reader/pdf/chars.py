"""A PDF's characters, as runs: text printed in one go along one baseline, with position and style.

PDFium (through pypdfium2) parses the pages. Asking it for every property of every character costs
~6 µs a call, too slow for broadsheet pages of 8,000 characters; so each character's code comes
from one bulk `GetText` call and its origin from one cheap call, and the style (font, size, weight,
fill-and-stroke "bold") is asked for only at a run's first, middle and last character (and bisected
where they differ). Coordinates are turned to points from the top-left corner of the page as shown:
PDFium gives them in the page's own space, so a page turned by `/Rotate` (a landscape sheet drawn
turned and shown upright) or with a CropBox away from the origin is read through the page's display
matrix, and a character's turn is measured as shown.
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass, field
from pathlib import Path

from reader.errors import ReaderError
from reader.pdf.thresholds import FRAME_MIN, ROTATED, RUN_BREAK_GAP, RUN_BREAK_RISE, SCANNED_MIN_CHARS
from reader.text.clean import unradical


@dataclass(frozen=True, slots=True)
class Style:
    font: str
    """Font family (embedded fonts) or base font name without the subset tag."""
    size: float
    bold: bool
    """Weight ≥ 600, a bold name, or glyphs filled and stroked (the "fake bold" of office tools)."""


@dataclass(slots=True)
class Run:
    """Characters printed along one baseline without a gap (one style per character)."""

    text: str
    xs: list[float]
    """Left edge (origin) of each character."""
    x1: float
    """Right edge of the last character."""
    y: float
    """Baseline, in points from the top of the page."""
    styles: list[int]
    """Index into `PdfText.styles` for each character."""

    @property
    def x0(self) -> float:
        return self.xs[0]


@dataclass(slots=True)
class PageText:
    number: int
    """1-based page number in the file."""
    width: float
    height: float
    runs: list[Run]
    images: int = 0
    """Images on the page (counted only on a page with almost no text: is it a scan?)."""
    frames: list[tuple[float, float, float, float]] = field(default_factory=list)
    """Drawn shapes that could frame text (left, top, right, bottom, from the page's top-left):
    the rules round a boxed article or a pull quote."""


@dataclass(slots=True)
class PdfText:
    pages: list[PageText]
    styles: list[Style] = field(default_factory=list)


def _wide(ch: str) -> bool:
    return ord(ch) >= 0x2E80


def _open(path: Path, raw: bytes):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise ReaderError(
                f"{path}: the PDF is password-protected; open it with its password in a PDF viewer, "
                "save an unprotected copy and open that"
            ) from None
        if b"%%EOF" not in raw[-2048:]:
            raise ReaderError(
                f"{path}: the PDF is cut short (it has no end-of-file marker: an interrupted download or copy?); "
                "download or export it again"
            ) from None
        raise ReaderError(
            f"{path}: not a readable PDF ({msg.rstrip('.')}); check the file or export it again"
        ) from None


class _StyleReader:
    """Style of a character, cached per font, size and fill mode."""

    def __init__(self, styles: list[Style]) -> None:
        import pypdfium2.raw as raw

        self.raw = raw
        self.styles = styles
        self.index: dict[Style, int] = {s: k for k, s in enumerate(styles)}
        self.by_font: dict[tuple[int | None, float, bool], int] = {}
        self.fonts: dict[int | None, tuple[str, bool]] = {}
        self.buf = ctypes.create_string_buffer(256)

    def _font(self, font) -> tuple[str, bool]:
        """Name and boldness of a font (cached per font)."""
        key = ctypes.cast(font, ctypes.c_void_p).value
        known = self.fonts.get(key)
        if known is not None:
            return known
        raw = self.raw
        n = raw.FPDFFont_GetBaseFontName(font, self.buf, 256)
        base = self.buf.raw[: max(0, n - 1)].decode("latin-1")
        if "+" in base[:7]:
            base = base.split("+", 1)[1]
        family = ""
        if raw.FPDFFont_GetIsEmbedded(font):
            n = raw.FPDFFont_GetFamilyName(font, self.buf, 256)
            family = self.buf.raw[: max(0, n - 1)].decode("utf-8", "replace")
        bold = raw.FPDFFont_GetWeight(font) >= 600 or any(w in base.lower() for w in ("bold", "heavy", "black"))
        self.fonts[key] = (family or base, bold)
        return self.fonts[key]

    def at(self, textpage, k: int) -> int:
        raw = self.raw
        size = round(raw.FPDFText_GetFontSize(textpage, k), 1)
        obj = raw.FPDFText_GetTextObject(textpage, k)
        name, bold, font_key = "", False, None
        if obj:
            font = raw.FPDFTextObj_GetFont(obj)
            if font:
                font_key = ctypes.cast(font, ctypes.c_void_p).value
                name, bold = self._font(font)
            # glyphs filled and stroked: the "fake bold" of office tools
            bold = bold or raw.FPDFTextObj_GetTextRenderMode(obj) == raw.FPDF_TEXTRENDERMODE_FILL_STROKE
        key = (font_key, size, bold)
        style_id = self.by_font.get(key)
        if style_id is None:
            style = Style(name, size, bold)
            style_id = self.index.get(style)
            if style_id is None:
                style_id = self.index[style] = len(self.styles)
                self.styles.append(style)
            self.by_font[key] = style_id
        return style_id


def _fill_styles(reader: _StyleReader, textpage, idx: list[int], out: list[int], lo: int, hi: int) -> None:
    """Styles of idx[lo..hi] (inclusive) into out, asking PDFium only where they may differ."""
    a, b = out[lo], out[hi]
    if hi - lo <= 1:
        return
    if a == b:
        mid = (lo + hi) // 2
        m = reader.at(textpage, idx[mid])
        if m == a:
            for k in range(lo + 1, hi):
                out[k] = a
            return
        out[mid] = m
    else:
        mid = (lo + hi) // 2
        out[mid] = reader.at(textpage, idx[mid])
    _fill_styles(reader, textpage, idx, out, lo, mid)
    _fill_styles(reader, textpage, idx, out, mid, hi)


@dataclass(frozen=True, slots=True)
class _Matrix:
    """Page space → points from the top-left of the page as shown (y down)."""

    a: float
    b: float
    c: float
    d: float
    e: float
    f: float

    def __call__(self, x: float, y: float) -> tuple[float, float]:
        return self.a * x + self.c * y + self.e, self.b * x + self.d * y + self.f

    def upright(self, angle: float) -> bool:
        """Is a character at `angle` (PDFium's, in page space) upright on the page as shown?"""
        dx = self.a * math.cos(angle) - self.c * math.sin(angle)
        dy = self.b * math.cos(angle) - self.d * math.sin(angle)
        return dx > 0 and abs(dy) <= ROTATED * math.hypot(dx, dy)


_SCALE = 64
"""PDFium maps page space to whole device pixels: the page is mapped at this many pixels a point."""


def _display_matrix(raw, page, width: float, height: float) -> _Matrix:
    """The page's display matrix (its /Rotate and CropBox applied), from three mapped points."""
    dx, dy = ctypes.c_int(), ctypes.c_int()
    w, h = round(width * _SCALE), round(height * _SCALE)

    def to(x: float, y: float) -> tuple[float, float]:
        raw.FPDF_PageToDevice(page.raw, 0, 0, w, h, 0, x, y, dx, dy)
        return dx.value / _SCALE, dy.value / _SCALE

    o, px, py = to(0, 0), to(1000, 0), to(0, 1000)
    return _Matrix(
        (px[0] - o[0]) / 1000, (px[1] - o[1]) / 1000, (py[0] - o[0]) / 1000, (py[1] - o[1]) / 1000, o[0], o[1]
    )


def read_pdf(path: str | Path, raw_bytes: bytes | None = None) -> PdfText:
    """Every page's runs. ReaderError for a file PDFium cannot open (broken, password-protected)."""
    import pypdfium2.raw as raw

    path = Path(path)
    data = raw_bytes if raw_bytes is not None else path.read_bytes()
    pdf = _open(path, data)
    out = PdfText([])
    reader = _StyleReader(out.styles)
    x, y = ctypes.c_double(), ctypes.c_double()
    px, py = ctypes.pointer(x), ctypes.pointer(y)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    box = [ctypes.pointer(v) for v in (left, right, bottom, top)]
    try:
        for number in range(len(pdf)):
            page = pdf[number]
            width, height = page.get_size()
            textpage = page.get_textpage()
            count = raw.FPDFText_CountChars(textpage)
            buf = ctypes.create_string_buffer(2 * (count + 1))
            got = raw.FPDFText_GetText(textpage, 0, count, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
            text = buf.raw[: 2 * max(0, got - 1)].decode("utf-16-le", "replace") if got else ""
            matrix = _display_matrix(raw, page, width, height)
            runs = _runs(raw, textpage, text, count, matrix, px, py, x, y, box, (left, right, bottom, top), reader)
            images = 0
            if sum(len(r.text.strip()) for r in runs) < SCANNED_MIN_CHARS:  # a scanned page? (cheap check first)
                images = sum(1 for _ in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=2))
            out.pages.append(PageText(number + 1, width, height, runs, images, _frames(raw, page, matrix)))
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return out


def _frames(raw, page, matrix: _Matrix) -> list[tuple[float, float, float, float]]:
    """Bounds of the page's path objects large enough to frame a few lines of text."""
    out = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    path = raw.FPDF_PAGEOBJ_PATH
    for k in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = raw.FPDFPage_GetObject(page.raw, k)
        if raw.FPDFPageObj_GetType(obj) != path:
            continue
        raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        if right.value - left.value >= FRAME_MIN and top.value - bottom.value >= FRAME_MIN:
            xs, ys = zip(
                *(matrix(u, v) for u in (left.value, right.value) for v in (bottom.value, top.value)), strict=True
            )
            out.append((min(xs), min(ys), max(xs), max(ys)))
    return out


def _runs(raw, textpage, text, count, matrix: _Matrix, px, py, x, y, box, box_values, reader) -> list[Run]:
    if len(text) != count:  # characters outside the BMP: ask one by one
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage, k)) for k in range(count))
    text = unradical(text)  # ⼀ ⽇ 年 from a font's Unicode map: 一 日 年 (headings are read by them)
    runs: list[Run] = []
    cur_idx: list[int] = []
    cur_xs: list[float] = []
    cur_text: list[str] = []
    cur_y = 0.0
    prev_x = prev_w = 0.0
    size_guess = 10.0

    def close() -> None:
        if not cur_idx:
            return
        if not matrix.upright(raw.FPDFText_GetCharAngle(textpage, cur_idx[0])):
            return  # turned text: publication data up the margin, a label on a picture; not the report
        last = cur_idx[-1]
        raw.FPDFText_GetCharBox(textpage, last, *box)
        left_, right_, bottom_, top_ = (v.value for v in box_values)
        right_edge = max(matrix(u, v)[0] for u in (left_, right_) for v in (bottom_, top_))
        x1 = max(right_edge, cur_xs[-1] + 0.3 * size_guess)
        styles = [-1] * len(cur_idx)
        styles[0] = reader.at(textpage, cur_idx[0])
        styles[-1] = reader.at(textpage, cur_idx[-1]) if len(cur_idx) > 1 else styles[0]
        _fill_styles(reader, textpage, cur_idx, styles, 0, len(cur_idx) - 1)
        runs.append(Run("".join(cur_text), list(cur_xs), x1, cur_y, styles))

    for k, ch in enumerate(text):
        if ch in "\r\n\ufffe\x00" or (ch == " " and raw.FPDFText_IsGenerated(textpage, k)):
            continue
        raw.FPDFText_GetCharOrigin(textpage, k, px, py)
        cx, cy = matrix(x.value, y.value)
        if cur_idx:
            gap = cx - (prev_x + prev_w)
            if abs(cy - cur_y) > RUN_BREAK_RISE * size_guess or gap > RUN_BREAK_GAP * size_guess or gap < -size_guess:
                close()
                cur_idx, cur_xs, cur_text = [], [], []
        if not cur_idx:
            cur_y = cy
            size_guess = raw.FPDFText_GetFontSize(textpage, k) or 10.0
        cur_idx.append(k)
        cur_xs.append(cx)
        cur_text.append(ch)
        prev_x, prev_w = cx, size_guess if _wide(ch) else 0.5 * size_guess
    close()
    return [r for r in runs if r.text.strip()]
