"""Customer segments: a table row per segment. Their names feed every segment dropdown."""
from __future__ import annotations

from openpyxl.utils import quote_sheetname
from openpyxl.workbook.defined_name import DefinedName

from ...model import Demographics
from .. import table
from ..book import Book
from ..kinds import COUNT, LINES, TEXT, Pairs
from ..reader import Reader
from ..table import Col, Table
from . import keep, rows_of

TABLE = Table("segments", "segments", block="segments", columns=(
    Col("id", "id", TEXT), Col("name", "name", TEXT), Col("description", "description", TEXT),
    Col("concerns", "concerns", LINES), Col("demographics", "demographics", Pairs(Demographics)),
    Col("size", "size", COUNT)))


def write(book: Book) -> None:
    ws = table.write(book, TABLE, list(TABLE.columns), book.v.model.segments)
    last = ws.max_row
    # Segment dropdowns elsewhere list this sheet's name column: a name typed here appears there.
    book.wb.defined_names["list_segments"] = DefinedName(
        "list_segments", attr_text=f"{quote_sheetname(ws.title)}!$B$4:$B${last}")
    book.list_names["segments"] = "list_segments"


def read(rd: Reader) -> None:
    rd.index("segments", keep(rd, "segments", rows_of(table.read(rd, TABLE, list(TABLE.columns))), "s"))
