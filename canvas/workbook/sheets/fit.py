"""The fit table: every pain and gain of each segment, what addresses it (a proposition's pain
reliever or gain creator) and the segment's coverage. Worked out at every build from the Customer
profiles and Relievers & creators sheets, so the sheet is output only: locked, and a change made
to it is reported by import, not read."""
from __future__ import annotations

from ..book import Book
from ..kit import page_setup
from . import computed_sheet

ROLE = "fit"
WIDTHS = (20, 10, 18, 44, 10, 60)


def write(book: Book) -> None:
    v = book.v
    headers = ("segment", "pain_or_gain", "id", "text", "importance", "addressed_by")
    ws = computed_sheet(book, v.label("fit"), ROLE, v.label("fit_title"), v.label("fit_note"), headers)
    out, th = book.output, book.th
    row = 4
    if not v.fit:
        out(ws, row, 1, v.label("fit_none"), border=False, wrap=False)
    for f in v.fit:
        for i, need in enumerate(f.needs):
            by = [f"{v.t(p.name)}: {v.t(m.text)}" for p, m in need.by] or [v.label("not_addressed")]
            values = (v.t(f.segment.name) if i == 0 else "", v.vocab("profile_entries", need.kind), need.entry.id,
                      v.t(need.entry.text), v.vocab("importance", need.entry.importance) if need.entry.importance
                      else "", by)
            for c, value in enumerate(values, start=1):
                out(ws, row, c, value, bold=c == 1)
            row += 1
        out(ws, row, 1, v.label("coverage"), bold=True, fill=th.block_fill)
        for c in range(2, len(headers)):
            out(ws, row, c, "", fill=th.block_fill)
        out(ws, row, len(headers), v.coverage(f), bold=True, fill=th.block_fill)
        row += 1
    for c, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[chr(64 + c)].width = width
    ws.freeze_panes = "A4"
    page_setup(ws, landscape=True, last_row=row - 1, title_rows="3:3")
