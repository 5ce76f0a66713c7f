"""The channel matrix: a row per channel with its category, the phases it covers (marks) and how
strongly it serves each segment (0-3, a column per segment)."""
from __future__ import annotations

from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from ...vocab import ids
from .. import table
from ..book import Book
from ..kinds import ID, STRENGTH, TEXT, Member, Serves, Vocab
from ..reader import Reader
from ..table import Col, Table
from . import evidence_columns, keep, matrix, rows_of

CATEGORY_FILLS = {"physical": "FCE4D6", "mobile": "E2EFDA", "internet": "DDEBF7"}
COLUMNS = "channel_columns"
TABLE = Table("channels", "channel_matrix", block="channels", columns=(
    Col("id", "id", ID), Col("name", "name", TEXT), Col("category", "category", Vocab("channel_categories")),
    *(Col(f"channel_phases:{p}", "phases", Member(key=p)) for p in ids("channel_phases"))))
DESCRIPTION = Col("description", "description", TEXT)
SERVES = Col("strength", "serves", Serves())  # the strengths as a list (matrix.listed)
EVIDENCE = evidence_columns()


def write(book: Book) -> None:
    v = book.v
    if matrix.listed(v):
        book.notes[matrix.LISTED] = True
        strengths = []
        columns = list(TABLE.columns) + [SERVES, DESCRIPTION, *EVIDENCE]
    else:
        strengths = [Col(h, f"serves.{s.id}", STRENGTH, literal=True) for h, s in matrix.segment_headers(v)]
        columns = list(TABLE.columns) + strengths + [DESCRIPTION, *EVIDENCE]
    ws = table.write(book, TABLE, columns, v.model.channels)
    matrix.record_headers(book, ws, columns, COLUMNS)
    last = ws.max_row
    book.name_list("channels", ws, 2, 4, last)  # the channel dropdowns (personas, touchpoints) list these names
    for r, c in enumerate(v.model.channels, start=4):
        ws.cell(row=r, column=3).fill = PatternFill("solid", fgColor=CATEGORY_FILLS.get(c.category, "FFFFFF"))
    first_phase, first_seg = 4, len(TABLE.columns) + 1
    for col in range(first_phase, first_seg + len(strengths)):
        ws.column_dimensions[get_column_letter(col)].width = 12
    matrix.shade_marks(ws, 4, last, first_phase, first_seg - 1)
    if strengths:
        ref = f"{get_column_letter(first_seg)}4:{get_column_letter(first_seg + len(strengths) - 1)}{last}"
        ws.conditional_formatting.add(ref, ColorScaleRule(start_type="num", start_value=0, start_color="FFFFFF",
                                                          end_type="num", end_value=3, end_color="9DC3E6"))


def read(rd: Reader) -> None:
    listed = [SERVES] if rd.setting(matrix.LISTED, False) else []
    found = table.read(rd, TABLE, list(TABLE.columns) + listed + [DESCRIPTION, *EVIDENCE],
                       dynamic=matrix.segment_column(rd, COLUMNS, lambda seg: (f"serves.{seg}", STRENGTH)))
    if found is not None:
        matrix.require_segments(rd, found, COLUMNS)
    rd.index("channels", keep(rd, "channels", rows_of(found), "c"))
