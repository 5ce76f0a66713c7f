"""The assumptions: every entry given a confidence or a source, the riskiest first (importance x
uncertainty, canvas/evidence.py). Worked out at every build from the entries' own Importance,
Confidence and Source columns (or card rows) on the other sheets, so the sheet is output only:
locked, and a change made to it is reported by import, not read."""
from __future__ import annotations

from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.utils import get_column_letter

from ...evidence import rated
from ..book import Book
from ..kit import page_setup
from . import computed_sheet

ROLE = "assumptions"
HEADERS = ("rank", "risk", "assumption_where", "assumption", "importance", "confidence", "source")
WIDTHS = (7, 7, 42, 42, 12, 12, 46)
FIRST = 4  # the first row under the headers (computed_sheet)


def write(book: Book) -> None:
    v = book.v
    count, total = rated(v.model)
    note = f"{v.label('assumptions_note')} {v.label('assumptions_sheet_note')}"
    if not v.blank:
        note += " " + v.label("assumptions_rated").format(rated=v.num(count), total=v.num(total))
    ws = computed_sheet(book, v.label("assumptions"), ROLE, v.label("assumptions"), note, HEADERS, wrapped=True)
    out = book.output
    row = FIRST
    if not v.assumptions:
        out(ws, row, 1, v.label("assumptions_none_sheet"), border=False, wrap=False)
    for rank, a in enumerate(v.assumptions, start=1):
        e = a.entry
        values = (rank, a.score, v.assumption_where(a), v.assumption_name(a),
                  v.vocab("importance", e.importance) if e.importance else "",
                  v.vocab("confidence", e.confidence) if e.confidence else "", v.t(e.source))
        for c, value in enumerate(values, start=1):
            out(ws, row, c, value, bold=c == 4 and a.low)
        row += 1
    if v.assumptions:  # the risk from pale (1: unimportant and sure) to amber (9: vital and a guess)
        ws.conditional_formatting.add(f"B{FIRST}:B{row - 1}", ColorScaleRule(
            start_type="num", start_value=1, start_color="FFFFFF", end_type="num", end_value=9, end_color="F4B183"))
    for c, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = f"A{FIRST}"
    page_setup(ws, landscape=True, last_row=max(row - 1, FIRST), title_rows=f"{FIRST - 1}:{FIRST - 1}")
