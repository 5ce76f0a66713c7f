"""The Lean Canvas sheet: the grid of canvas/lean.py, its eight own boxes typed into (a list a line
each, or one text) and read back as the `lean:` block; the customer segments, channels, costs and
revenue streams are the model's, written from their sheets (output: a change is reported)."""
from __future__ import annotations

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ... import lean
from ..book import Book
from ...view import labels
from ...vocab import LANGUAGES
from ..kinds import LINES, TEXT, as_text, norm
from ..kit import merge, page_setup, put
from ..reader import At, Reader
from . import titles
from .canvas_grid import EXCEL_MAX_ROW

ROLE = "lean"
BAND_ROWS = {0: 3, 1: 5, 2: 7}  # the header row of each band; its box is the row under it
HEIGHTS = {0: 150, 1: 80, 2: 80}  # pt: the boxes' rows


def kind(key: str):
    return TEXT if key in lean.SINGLE else LINES


def write(book: Book) -> None:
    v = book.v
    ws = book.sheet(v.label("lean"))
    book.role(ws, ROLE)
    book.title(ws, "lean")
    boxes = lean.entries(v)
    for key, c1, c2, band in lean.GRID:
        row = BAND_ROWS[band]
        book.output(ws, row, c1, v.label(key), font=book.th.header_font, fill=book.th.header_fill)
        merge(ws, start_row=row, start_column=c1, end_row=row, end_column=c2)
        if key in lean.FROM_MODEL:  # the model's names, from their own sheets
            book.output(ws, row + 1, c1, [f"{x}" for x in boxes[key]] if len(boxes[key]) > 1 else
                        "".join(boxes[key]), fill=book.th.block_fill)
        else:
            value = getattr(v.model.lean, key, None) if v.model.lean is not None else None
            book.entry(ws, row + 1, c1, value, kind(key), fill=book.th.block_fill if not v.blank else None)
            kind(key).validate(book, ws, ws.cell(row=row + 1, column=c1).coordinate)
            book.place(kind(key), ws.title, v.label(key))
        merge(ws, start_row=row + 1, start_column=c1, end_row=row + 1, end_column=c2)
        # the fullest box of a band sets its row's height (a line per 14 characters a column), so nothing is cut
        lines = sum(1 + len(x) // (14 * (c2 - c1 + 1)) for x in boxes[key])
        height = min(max(HEIGHTS[band], 15 * lines + 10), EXCEL_MAX_ROW)
        ws.row_dimensions[row + 1].height = max(ws.row_dimensions[row + 1].height or 0, height)
    for col in range(1, 11):
        ws.column_dimensions[get_column_letter(col)].width = 16
    book.output(ws, 9, 1, v.label("lean_attribution"), border=False, wrap=False, font=Font(italic=True, size=8))
    book.output(ws, 10, 1, v.label("lean_from_model"), border=False, wrap=False, font=Font(italic=True, size=8))
    page_setup(ws, landscape=True)
    if v.paper == "a3":
        ws.page_setup.paperSize = ws.PAPERSIZE_A3
    ws.page_setup.fitToHeight = 1


def read(rd: Reader) -> None:
    sheet = rd.sheet(ROLE, *titles("lean"))
    if sheet is None:
        return
    own = {key for key, *_ in lean.GRID if key not in lean.FROM_MODEL}
    texts = {norm(labels()[key][lang]): key for key, *_ in lean.GRID for lang in LANGUAGES}  # headers, either language
    headers = {}
    for row, col in sheet.filled():
        key = texts.get(norm(as_text(sheet.cell(row, col).value) or ""))
        if key is not None and key not in headers:
            headers[key] = (row, col)
            rd.claim(sheet, row, col)
    if not rd.setting("outputs"):  # without the record of what canvas wrote: the model's boxes are its own
        for key in lean.FROM_MODEL:
            if key in headers:
                rd.claim(sheet, headers[key][0] + 1, headers[key][1])
    data = {}
    for key, *_ in lean.GRID:
        if key not in own:
            continue
        if key not in headers:
            rd.error(At(sheet.title, 1, 1), "label_missing", label=rd.label(key))
            continue
        row, col = headers[key]
        value = rd.read(sheet, row + 1, col, kind(key))
        if value not in (None, [], ""):
            data[key] = value
            rd.where[("lean", key)] = str(At(sheet.title, row + 1, col))
    if data:
        rd.data["lean"] = data
