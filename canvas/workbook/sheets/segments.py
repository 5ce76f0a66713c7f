"""Customer segments: a table row per segment. Their names feed every segment dropdown."""
from __future__ import annotations

from ...model import Demographics
from .. import table
from ..book import Book
from ..kinds import AMOUNT, COUNT, ID, LINES, TEXT, Pairs, Percent, Vocab
from ..reader import Reader
from ..table import Col, Table
from . import evidence_columns, keep, rows_of

TABLE = Table("segments", "segments", block="segments", columns=(
    Col("id", "id", ID), Col("name", "name", TEXT), Col("description", "description", TEXT),
    Col("concerns", "concerns", LINES), Col("demographics", "demographics", Pairs(Demographics)),
    Col("size", "size", COUNT), Col("size_unit", "size_unit", Vocab("size_units")),
    Col("tam", "tam", AMOUNT), Col("sam", "sam", AMOUNT), Col("som", "som", AMOUNT),
    Col("our_share", "our_share", Percent()), *evidence_columns()))


def write(book: Book) -> None:
    ws = table.write(book, TABLE, list(TABLE.columns), book.v.model.segments)
    # Segment dropdowns elsewhere list this sheet's name column: a name typed here appears there.
    book.name_list("segments", ws, 2, 4, ws.max_row)


def read(rd: Reader) -> None:
    rd.index("segments", keep(rd, "segments", rows_of(table.read(rd, TABLE, list(TABLE.columns))), "s"))
