"""A third PDF generator, held out in round 2: what real government and newspaper PDFs do that
neither `typeset.py` nor `wild.py` made. Written and scored before any fix for it.

- `rotated-crop`: tabloid, three columns; every other page has its content drawn turned on a
  landscape MediaBox with `/Rotate 90` or `/Rotate 270` (upright on screen, as printers' drivers
  and page-assembly tools write landscape sheets), the others a CropBox offset inside a larger
  MediaBox (a trimmed print file);
- `shuffled`: broadsheet, four columns drawn last column first, each column bottom-up;
- `char-objects`: every character its own text object, the lines in random order (what many
  typesetting systems emit);
- `kerned`: each character positioned on its own in one text object, full-width punctuation
  squeezed to half its width inside a line and the rest of the line spread evenly (标点挤压);
- `mid-banner`: front page: the report in the top half, then a rule and another article's banner
  headline across the page with its own columns below; the report continues on page 2;
- `jump`: the report begins on 第1版 and continues on 第4版 (（下转第4版）/（上接第1版）); pages 2 and 3
  are other news;
- `footnotes`: broadsheet, notes set smaller at the foot of the first and third column of every
  page under a short rule (① “两新”：指…), the report running past them into the next column;
- `gazette-a4`: a two-column A4 government bulletin (公报): head `江岭省人民政府公报` / `2026年第3期`,
  foot `· 12 ·`, title across both columns;
- `compat-glyphs`: fonts whose Unicode map gives Kangxi radicals (⼀ ⼈ ⽇ ⽉ …) and CJK
  compatibility ideographs (不 年 六 …) for ordinary characters.

`build(ref, layout, folder)` → (pdf, `wild.Out`) as in `wild.py`; `score_wild2` scores as
`wild.score_wild` does (strings that are not the report set aside like furniture).
"""

from __future__ import annotations

import hashlib
import json
import random
import time
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from tests.pdf.typeset import (
    MM,
    PAGE_SIZES,
    Layout,
    Para,
    Placed,
    Style,
    Styles,
    _draw_line,
    break_para,
    char_width,
    paragraphs_of,
)
from tests.pdf.wild import NEWS_BODY, Out, _fonts, available, glued, paper_folio, set_aside
from tests.text.harness import score

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Wild2:
    name: str
    page: str = "tabloid"
    columns: int = 3
    body: float = 10.5
    leading: float = 1.45
    gutter: float = 1.6
    draw: str = "plain"
    """`plain`, `shuffled` (columns last first, bottom-up), `chars` (a text object a character, lines
    in random order), `kerned` (each character placed on its own, punctuation squeezed)."""
    rotate: tuple[int, ...] = ()
    """/Rotate of the pages in turn (0: upright, drawn as usual)."""
    crop: bool = False
    """Upright pages get a CropBox inside a larger MediaBox, the content offset with it."""
    mid_banner: bool = False
    jump: int = 0
    """Pages of other news between the report's first page and its continuation."""
    footnotes: bool = False
    folio: str = "paper"
    """`paper`: running head with 第N版; `gazette`: a bulletin's head and `· N ·` at the foot."""
    glyphs: bool = False
    producer: str = "reportlab"


WILD2 = [
    Wild2("rotated-crop", rotate=(0, 90, 0, 270), crop=True),
    Wild2("shuffled", page="broadsheet", columns=4, body=10.0, draw="shuffled"),
    Wild2("char-objects", draw="chars"),
    Wild2("kerned", page="a3", columns=4, body=9.5, draw="kerned"),
    Wild2("mid-banner", page="broadsheet", columns=4, body=10.0, mid_banner=True),
    Wild2("jump", page="broadsheet", columns=4, body=10.0, jump=2),
    Wild2("footnotes", page="broadsheet", columns=4, body=10.0, footnotes=True),
    Wild2("gazette-a4", page="a4", columns=2, body=10.5, leading=1.6, gutter=2.0, folio="gazette"),
    Wild2("compat-glyphs", glyphs=True),
]

OTHER_HEAD = "春耕备耕有序推进"
OTHER_BODY = (
    "本报讯（记者 陈晨）眼下正值春耕备耕关键时期，各地抢抓农时，组织农机具检修、农资调运和技术培训。"
    "在城郊的一处农机合作社，十余台拖拉机整齐排列，技术员正在逐台检查。合作社负责人介绍，今年计划"
    "托管耕地两万余亩，比去年增加三成。农业农村部门派出技术指导组深入田间地头，帮助解决生产难题。"
)
FOOTNOTES = (
    "① “两新”：指新一轮大规模设备更新和消费品以旧换新。",
    "② “两重”：指国家重大战略实施和重点领域安全能力建设。",
)
GAZETTE = ("江岭省人民政府公报", "2026年第3期")


def _compat_map() -> dict[str, str]:
    """Ordinary character → the Kangxi radical or compatibility ideograph a font's map gives for it
    (only those both fonts have a glyph for)."""
    from reportlab.pdfbase.ttfonts import TTFont

    from tests.pdf.typeset import HEI, SONG

    faces = [TTFont(f"probe{k}", str(p), subfontIndex=0).face.charToGlyph for k, p in enumerate((SONG, HEI))]
    out: dict[str, str] = {}
    for code in [*range(0x2F00, 0x2FD6), *range(0xF900, 0xFADA)]:
        plain = unicodedata.normalize("NFKC", chr(code))
        if len(plain) == 1 and plain != chr(code) and all(code in f for f in faces) and plain not in out:
            out[plain] = chr(code)
    return out


def _pages_numbers(w: Wild2) -> tuple[int, int]:
    """(printed number of the report's first page, of its continuation)."""
    first = 1 if (w.mid_banner or w.jump) else (12 if w.folio == "gazette" else 2)
    return first, first + 1 + w.jump


def build(ref, w: Wild2, folder: Path) -> tuple[Path, Out]:
    """Typeset `ref` in the round-2 layout `w` into `folder` (cached by content)."""
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(repr(ref.paragraphs).encode() + repr(w).encode())
    for name in ("wild2.py", "wild.py", "typeset.py"):
        digest.update((HERE / name).read_bytes())
    stem = folder / f"{ref.name}.{w.name}.{digest.hexdigest()[:12]}"
    pdf, meta = stem.with_name(stem.name + ".pdf"), stem.with_name(stem.name + ".json")
    if not (pdf.exists() and meta.exists()):
        tmp = stem.with_name(stem.name + ".tmp.pdf")
        out = _reportlab(ref, w, tmp)
        meta.write_text(json.dumps(out.__dict__, ensure_ascii=False), encoding="utf-8")
        tmp.replace(pdf)
    return pdf, Out(**json.loads(meta.read_text(encoding="utf-8")))


@dataclass
class _Sheet:
    number: int
    ops: list
    report: bool = True


def _reportlab(ref, w: Wild2, path: Path) -> Out:
    _fonts()
    lay = Layout(w.name, page=w.page, columns=w.columns, body=w.body, leading=w.leading, gutter=w.gutter)
    st = Styles(lay)
    small = Style(st.body.font, max(7.5, w.body - 2))
    rng = random.Random(f"{ref.name}/{w.name}")
    paras = paragraphs_of(ref.paragraphs, lay, st)
    if w.glyphs:
        table = _compat_map()
        paras = [replace(p, spans=[("".join(table.get(c, c) for c in t), s) for t, s in p.spans]) for p in paras]
    out = Out()
    width, height = PAGE_SIZES[w.page]
    margin = 15 * MM if w.page != "a4" else 20 * MM
    head = w.body * 4.0
    top0, bottom0 = height - margin - head, margin + w.body * 3
    gutter = w.gutter * w.body
    chars = int((width - 2 * margin - gutter * (w.columns - 1)) / w.columns // w.body)
    col_w = chars * w.body
    left = (width - (col_w * w.columns + gutter * (w.columns - 1))) / 2
    right = width - left
    col_x = [left + k * (col_w + gutter) for k in range(w.columns)]
    pitch = w.body * w.leading
    first, cont = _pages_numbers(w)
    sheets: list[_Sheet] = []

    def other_news(sheet: _Sheet, top: float, bottom: float) -> None:
        """Another article: banner headline across the page, a byline, its text in the columns."""
        y = top - w.body * 2.4
        sheet.ops.append(("text", (left + right) / 2, y, OTHER_HEAD, Style("Hei", w.body * 2.2), "center"))
        y -= w.body * 2.4
        body = OTHER_BODY + NEWS_BODY
        n = 0
        for k, x in enumerate(col_x):
            lines = break_para(Para([(body, st.body)]), col_w, w.leading)
            yy = y
            for ln in lines:
                if yy - pitch < bottom:
                    break
                sheet.ops.append(("line", ln, x + ln.x, yy, k))
                yy -= pitch
                n += 1
        out.foreign += [OTHER_HEAD, OTHER_BODY, NEWS_BODY, OTHER_BODY + NEWS_BODY]

    def new_sheet(number: int, report: bool = True) -> _Sheet:
        sheet = _Sheet(number, [], report)
        sheets.append(sheet)
        return sheet

    # the report's boxes: (sheet, column, top, bottom)
    sheet = new_sheet(first)
    y = top0
    banners = []
    while paras and paras[0].banner:
        banners.append(paras.pop(0))
    for para in banners:
        for ln in break_para(para, right - left, w.leading):
            y -= ln.space_before + ln.height
            sheet.ops.append(("line", ln, left + ln.x, y + ln.height * 0.22, -1))
            y -= ln.space_after
    y -= w.body * 0.6
    report_bottom = bottom0
    if w.mid_banner:
        report_bottom = bottom0 + (top0 - bottom0) * 0.45
        sheet.ops.append(("rule", left, report_bottom - w.body * 0.6, right, report_bottom - w.body * 0.6))
        other_news(sheet, report_bottom - w.body * 1.2, bottom0)

    def foot_area(sheet: _Sheet, column: int) -> float:
        """Height kept at a column's foot for its notes (drawn now)."""
        if not w.footnotes or column not in (0, 2):
            return 0.0
        note = FOOTNOTES[0 if column == 0 else 1]
        lines = break_para(Para([(note, small)], indent=0), col_w, 1.3)
        yy = bottom0 + len(lines) * small.size * 1.3
        sheet.ops.append(
            ("rule", col_x[column], yy + small.size * 0.6, col_x[column] + col_w * 0.3, yy + small.size * 0.6)
        )
        for ln in lines:
            yy -= small.size * 1.3
            sheet.ops.append(("line", ln, col_x[column] + ln.x, yy + small.size * 0.3, column))
        out.foreign.append(note)
        return len(lines) * small.size * 1.3 + small.size * 1.4

    boxes: list[tuple[_Sheet, int, float, float]] = []

    def add_boxes(sheet: _Sheet, top: float, bottom: float) -> None:
        for k in range(w.columns):
            boxes.append((sheet, k, top, bottom + foot_area(sheet, k)))

    add_boxes(sheet, y, report_bottom)
    box_i, used = 0, 0.0
    carry = False
    flow = [p for p in paras]

    def jump_marker(sheet: _Sheet, k: int, bottom: float) -> None:
        nonlocal carry
        nxt = cont if sheet.number == first else sheet.number + 1
        text = f"（下转第{nxt}版）"
        tw = pdfmetrics.stringWidth(text, small.font, small.size)
        sheet.ops.append(("text", col_x[k] + col_w - tw, bottom + pitch * 0.3, text, small, "left"))
        out.furniture.append(text)
        carry = True

    def next_box() -> None:
        nonlocal box_i, used
        sheet_, k, _, bottom = boxes[box_i]
        box_i += 1
        used = 0.0
        if box_i >= len(boxes):
            jump_marker(sheet_, k, bottom)
            if sheet_.number == first and w.jump:
                for n in range(w.jump):
                    other = new_sheet(first + 1 + n, report=False)
                    other_news(other, top0, bottom0)
            number = cont if sheet_.number == first else sheet_.number + 1
            add_boxes(new_sheet(number), top0, bottom0)

    def avail() -> float:
        _, _, top, bottom = boxes[box_i]
        last = box_i == len(boxes) - 1 or boxes[box_i + 1][0] is not boxes[box_i][0]
        return top - bottom - (pitch if last else 0.0)

    def place(ln, full: bool = False) -> None:
        nonlocal used, carry
        sheet_, k, top, _ = boxes[box_i]
        if carry:
            back = first if sheet_.number == cont else sheet_.number - 1
            text = f"（上接第{back}版）"
            sheet_.ops.append(("text", col_x[k], top - w.body, text, small, "left"))
            out.furniture.append(text)
            used += pitch
            carry = False
        used += ln.space_before if used > 0 else 0.0
        sheet_.ops.append(("line", ln, col_x[k] + ln.x, top - used - ln.height * 0.78, k, full))
        used += ln.height + ln.space_after

    for para in flow:
        pending = para
        while pending is not None:
            lines = break_para(pending, col_w, w.leading)
            fit, h = 0, 0.0
            for k, ln in enumerate(lines):
                need = (ln.space_before if used + h > 0 else 0) + ln.height + ln.space_after
                if used + h + need > avail():
                    break
                h += need
                fit = k + 1
            if pending.keep and used > 0 and (fit < len(lines) or used + h + pitch > avail()):
                next_box()
                continue
            for n, ln in enumerate(lines[:fit]):
                place(ln, pending.align == "justify" and n < len(lines) - 1)
            if fit == len(lines):
                pending = None
                continue
            if fit:
                rest = [c for ln in lines[fit:] for c in ln.chars]
                pending = Para(_runs(rest), pending.align, 0.0, 0.0, pending.space_after)
            next_box()

    _draw(path, w, sheets, st, out, (width, height), margin, (left, right), rng)
    return out


def _runs(chars: list[tuple[str, Style]]) -> list[tuple[str, Style]]:
    spans: list[tuple[str, Style]] = []
    for c, s in chars:
        if spans and spans[-1][1] is s:
            spans[-1] = (spans[-1][0] + c, s)
        else:
            spans.append((c, s))
    return spans


def _draw(path: Path, w: Wild2, sheets, st, out: Out, size, margin, extent, rng) -> None:
    width, height = size
    left, right = extent
    c = canvas.Canvas(str(path), pagesize=size, invariant=1)
    small = Style(st.body.font, max(7.5, w.body - 2))
    for n, sheet in enumerate(sorted(sheets, key=lambda s: s.number)):
        rot = w.rotate[n % len(w.rotate)] if w.rotate else 0
        c.setPageRotation(rot)
        c.setCropBox(None)
        c.saveState()
        if rot:
            # a landscape MediaBox (ReportLab swaps the size it is given) shown upright by /Rotate:
            # the content is drawn turned
            c.setPageSize((width, height))
            if rot == 90:
                c.translate(height, 0)
                c.rotate(90)
            else:
                c.translate(0, width)
                c.rotate(-90)
        elif w.crop:
            off = (23.0, 41.0)
            c.setPageSize((width + 60, height + 90))
            c.setCropBox((off[0], off[1], off[0] + width, off[1] + height))
            c.translate(*off)
        else:
            c.setPageSize((width, height))
        out.furniture += _folio(c, w, sheet.number, (left, right), height, margin, st, small)
        ops = sheet.ops
        if w.draw == "shuffled":
            ops = sorted(ops, key=lambda op: (-op[4], op[3]) if op[0] == "line" else (99, 0))
        elif w.draw == "chars":
            ops = list(ops)
            rng.shuffle(ops)
        for op in ops:
            _op(c, op, w.draw)
        c.restoreState()
        c.showPage()
    c.save()
    out.pages = len(sheets)
    out.furniture = list(dict.fromkeys(out.furniture))
    out.foreign = list(dict.fromkeys(out.foreign))


def _folio(c, w: Wild2, number: int, extent, height, margin, st, small) -> list[str]:
    left, right = extent
    y = height - margin - w.body * 1.2
    if w.folio == "gazette":
        name, issue = GAZETTE
        c.setFont("Hei", w.body * 1.3)
        c.drawString(left, y, name)
        c.setFont(small.font, w.body)
        c.drawRightString(right, y, issue)
        c.setLineWidth(1.2)
        c.line(left, y - w.body * 0.8, right, y - w.body * 0.8)
        text = f"· {number} ·"
        c.drawCentredString((left + right) / 2, margin, text)
        return [name, issue, text]
    return paper_folio(c, w.body, small, number, extent, height, margin)


_SQUEEZE = "，。、；：！？"


def _op(c, op, draw: str) -> None:
    kind = op[0]
    if kind == "line":
        _, ln, x, y, _col, *full = op
        if draw == "plain" or draw == "shuffled":
            _draw_line(c, Placed(ln, x, y, 0))
            return
        xs = _positions(ln, x, draw == "kerned", bool(full and full[0]))
        if draw == "chars":
            for (ch, s), cx in zip(ln.chars, xs, strict=True):
                t = c.beginText(cx, y)
                t.setFont(s.font, s.size)
                t.textOut(ch)
                c.drawText(t)
            return
        t = c.beginText(x, y)
        font = None
        for (ch, s), cx in zip(ln.chars, xs, strict=True):
            if font is not s:
                t.setFont(s.font, s.size)
                font = s
            t.setTextOrigin(cx, y)
            t.textOut(ch)
        c.drawText(t)
    elif kind == "text":
        _, x, y, text, s, align = op
        c.setFont(s.font, s.size)
        {"left": c.drawString, "right": c.drawRightString, "center": c.drawCentredString}[align](x, y, text)
    elif kind == "rule":
        _, x0, y0, x1, y1 = op
        c.setLineWidth(0.5)
        c.line(x0, y0, x1, y1)


def _positions(ln, x: float, squeeze: bool, full: bool) -> list[float]:
    """Where each character of a set line starts; with `squeeze`, full-width punctuation inside the
    line takes half its width and the saving is spread over a `full` line (a justified line that is
    not its paragraph's last stays full, as typesetters set it)."""
    widths = [char_width(ch, s.font, s.size) for ch, s in ln.chars]
    adv = [wd + ln.spacing for wd in widths]
    if squeeze and ln.spacing >= 0 and len(adv) > 2:
        saved = 0.0
        for k, (ch, _) in enumerate(ln.chars[:-1]):
            if ch in _SQUEEZE:
                adv[k] -= widths[k] / 2
                saved += widths[k] / 2
        if full:
            adv = [a + saved / (len(adv) - 1) for a in adv]
    out, cx = [], x
    for a in adv:
        out.append(cx)
        cx += a
    return out


def score_wild2(ref, lay: Wild2, folder: Path):
    """(score, seconds reading, pages): as `wild.score_wild`."""
    from reader.text.pipeline import load_document

    pdf, out = build(ref, lay, folder)
    t0 = time.perf_counter()
    doc = load_document(pdf, ref.name)
    seconds = time.perf_counter() - t0
    sc = score(ref, set_aside(doc, out.foreign), out.furniture)
    sc.chrome_leaked = glued(doc, out.furniture + out.foreign)
    return sc, seconds, out.pages


__all__ = ["WILD2", "Wild2", "available", "build", "score_wild2"]
