"""Model health: completeness per block and the check findings. Computed at every build, so the
sheet is output only: locked, and any change made to it is reported by import, not read."""
from __future__ import annotations

from openpyxl.formatting.rule import DataBarRule

from ..book import Book
from ..kit import add_table, page_setup

ROLE = "health"


def write(book: Book) -> None:
    v, report = book.v, book.v.health
    if report is None:
        return
    ws = book.sheet(v.label("health"))
    book.role(ws, ROLE)
    book.protected.add(ws.title)
    out = book.output
    out(ws, 1, 1, v.label("health"), font=book.th.title_font, border=False, wrap=False)
    for c, text in enumerate([v.label("completeness"), "%"], start=1):
        out(ws, 3, c, text, font=book.th.header_font, fill=book.th.header_fill)
    rows = [(v.label(block), score) for block, score in report.completeness.items()]
    rows.append((v.label("overall"), report.overall))
    for r, (label, score) in enumerate(rows, start=4):
        out(ws, r, 1, label, bold=r == 3 + len(rows), fill=book.th.block_fill if r == 3 + len(rows) else None)
        out(ws, r, 2, score).number_format = "0%"
    last = 3 + len(rows)
    add_table(ws, "tbl_completeness", 3, last, 2)
    ws.conditional_formatting.add(f"B4:B{last}", DataBarRule(
        start_type="num", start_value=0, end_type="num", end_value=1, color="63BE7B"))
    first = last + 3
    out(ws, first - 1, 1, v.label("findings"), font=book.th.title_font, border=False, wrap=False)
    ws.row_dimensions[first - 1].height = 24  # a heading's font, clear of the table under it
    findings = report.warnings  # notes (untranslated texts...) are counted, not listed
    if findings:
        for c, key in enumerate(("code", "severity", "line", "message", "hint"), start=1):
            out(ws, first, c, v.label(key), font=book.th.header_font, fill=book.th.header_fill)
        add_table(ws, "tbl_findings", first, first + len(findings), 5)
    else:
        out(ws, first, 1, v.label("no_findings"), border=False, wrap=False)
    for r, f in enumerate(findings, start=first + 1):
        for c, value in enumerate([f.code, v.label(f.severity), f.line or "", f.message(v.lang), f.hint(v.lang)],
                                  start=1):
            out(ws, r, c, value)
    end = first + max(len(findings), 1)
    if report.count("info"):
        end += 2
        out(ws, end, 1, v.label("notes_hidden").format(n=report.count("info")), border=False, wrap=False)
    for col, width in zip("ABCDE", (22, 12, 8, 60, 50)):
        ws.column_dimensions[col].width = width
    page_setup(ws, landscape=True, last_row=end, title_rows=None if findings else "3:3")
