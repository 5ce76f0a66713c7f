"""The first sheet of a blank worksheet: how to fill it in and hand it back."""
from __future__ import annotations

from ..book import INPUT_FILL, Book
from ..kit import page_setup

ROLE = "instructions"


def write(book: Book) -> None:
    v = book.v
    if not v.blank:
        return
    ws = book.sheet(v.label("instructions"), in_toc=False)
    book.role(ws, ROLE)
    book.output(ws, 1, 1, v.label("instructions"), font=book.th.title_font, border=False, wrap=False)
    row = 3
    for row, line in enumerate(v.label("instructions_text").split("\n"), start=3):
        book.output(ws, row, 1, line, border=False)
    book.output(ws, row + 2, 1, v.label("input_cell"), fill=INPUT_FILL)
    ws.column_dimensions["A"].width = 80
    page_setup(ws, landscape=False)
    ws.print_options.horizontalCentered = False
