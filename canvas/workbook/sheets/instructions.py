"""The first sheet of a blank worksheet: how to fill it in and hand it back, and a row for each
kind of cell the worksheet has: where it is, what to type, an example and what import accepts.

The rows come from the cells written: every input cell's kind (canvas/workbook/kinds.py) records
where it is (Book.place) and names the labels of its row (Kind.guide), so a new kind of cell
gets its row, or the blank cannot be written (a label it names is missing)."""
from __future__ import annotations

from openpyxl.styles import Font

from ..book import INPUT_FILL, Book
from ..kit import merge, page_setup, wrapped_lines

ROLE = "instructions"
COLUMNS = ("guide_kind", "guide_where", "guide_what", "guide_example", "guide_accepts")
WIDTHS = (24, 34, 46, 26, 40)
EXAMPLE = Font(italic=True, color="1F4E79")
LINE = 13.5  # pt: a line of the sheet's type
PER_WIDTH = 1.15  # characters of text a unit of column width holds (spreadsheets fit a little more than one)


def _fit(ws, row: int, texts: list[tuple[str, float]]) -> None:
    """The row's height for the most lines any of its (text, column width) wraps to: fit_rows
    counts a character per unit of width and left these rows half empty."""
    lines = max(wrapped_lines(str(text), max(1, int(width * PER_WIDTH))) for text, width in texts)
    ws.row_dimensions[row].height = lines * LINE + 3


def write(book: Book) -> None:
    """The sheet, first of the workbook; its rows are written by `write_guide`, once every other
    sheet has said where its cells are."""
    v = book.v
    if not v.blank:
        return
    ws = book.sheet(v.label("instructions"), in_toc=False)
    book.role(ws, ROLE)
    book.instructions = ws


def write_guide(book: Book) -> None:
    ws = book.instructions
    if ws is None:
        return
    v, out, last = book.v, book.output, len(COLUMNS)
    out(ws, 1, 1, v.label("instructions"), font=book.th.title_font, border=False, wrap=False)
    ws.row_dimensions[1].height = 26
    row = 3
    out(ws, row, 1, v.label("guide_steps"), font=book.th.header_font, fill=book.th.header_fill)
    merge(ws, row, 1, row, last)
    for line in v.label("instructions_text").split("\n"):
        row += 1
        out(ws, row, 1, line, border=False)
        merge(ws, row, 1, row, last)
        _fit(ws, row, [(line, sum(WIDTHS))])
    row += 2  # the legend: what each look of cell means
    for key, style in (("input_cell", {"fill": INPUT_FILL}),
                       ("legend_locked", {"bold": True, "fill": book.th.block_fill}),
                       ("legend_header", {"font": book.th.header_font, "fill": book.th.header_fill})):
        out(ws, row, 1, v.label(f"{key}_sample"), **style)
        out(ws, row, 2, v.label(key), border=False)
        merge(ws, row, 2, row, last)
        _fit(ws, row, [(v.label(key), sum(WIDTHS[1:]))])
        row += 1
    row += 1
    out(ws, row, 1, v.label("guide_kinds"), font=book.th.title_font, border=False, wrap=False)
    ws.row_dimensions[row].height = 24
    row += 1
    header = row
    for c, key in enumerate(COLUMNS, start=1):
        out(ws, row, c, v.label(key), font=book.th.header_font, fill=book.th.header_fill)
    for kind, places in book.kinds.values():
        row += 1
        params = kind.guide_params(v)
        where = "\n".join(f"{sheet}: {'، '.join(labels) if v.rtl else ', '.join(labels)}" if labels else sheet
                          for sheet, labels in places.items())
        texts = [v.label(f"{part}_{kind.guide}").format(**params) for part in ("kind", "what", "example", "accepts")]
        out(ws, row, 1, texts[0], bold=True)
        out(ws, row, 2, where)
        out(ws, row, 3, texts[1])
        out(ws, row, 4, texts[2], font=EXAMPLE)
        out(ws, row, 5, texts[3])
        _fit(ws, row, list(zip([texts[0], where, *texts[1:]], WIDTHS)))
    for c, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[chr(64 + c)].width = width
    page_setup(ws, landscape=True, title_rows=f"{header}:{header}")
    ws.print_options.horizontalCentered = False
