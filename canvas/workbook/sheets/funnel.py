"""The sales funnel: a row per stage with its count and live conversion formulas, the overall
conversion, the conversion techniques and a bar chart."""
from __future__ import annotations

from typing import Any

from openpyxl.utils import get_column_letter

from ...vocab import vocabularies
from .. import table
from ..book import Book
from ..charts import funnel_chart, rows_spanned
from ..kinds import COUNT, ID, LINES, TEXT, Computed, Suggested, Vocab, norm
from ..kit import merge, page_setup, put
from ..reader import At, Reader
from ..table import Col, Table
from ...evidence import FIELDS
from . import evidence_columns

COMPUTED = Computed()
PERIOD = Vocab("periods")  # what the counts are per: beside its label on row 2, above the table
TABLE = Table("funnel", "funnel", block="funnel", keys=("label", "stage"), landscape=False, columns=(
    Col("stage", "label", Suggested("funnel_stages")), Col("count", "count", COUNT), Col("conversion", "", COMPUTED),
    Col("of_first", "", COMPUTED), Col("note", "note", TEXT), Col("id", "stage", ID), *evidence_columns()))
ENDS = ("overall_conversion", "techniques")  # labels below the table


# one decimal, more when a share is small: 0.006% rather than 0.0%
SHARE = "0.0##%"


def write(book: Book) -> None:
    v = book.v
    stages = v.model.funnel.stages
    rows = [{"label": v.funnel_name(s), "count": s.count, "note": s.note, "stage": s.stage,
             **{k: getattr(s, k) for k in FIELDS}} for s in stages]
    ws = table.write(book, TABLE, list(TABLE.columns), rows)
    last = ws.max_row
    write_period(book, ws, v.model.funnel.period)
    write_name(book, ws, v.model.funnel.name)
    for row in range(4, last + 1):  # formulas on every row, so stages typed later compute too
        nxt = row + 1
        if row < last:
            cell = ws.cell(row=row, column=3, value=f'=IF(OR(B{row}="",B{row}=0,B{nxt}=""),"",B{nxt}/B{row})')
            cell.number_format = SHARE
        cell = ws.cell(row=row, column=4, value=f'=IF(OR($B$4="",$B$4=0,B{row}=""),"",B{row}/$B$4)')
        cell.number_format = SHARE
    for c in (3, 4):
        letter = get_column_letter(c)
        ws.column_dimensions[letter].width = max(14, ws.column_dimensions[letter].width or 0)
    put(ws, last + 2, 1, v.label("overall_conversion"), bold=True, fill=book.th.block_fill)
    total = book.output(ws, last + 2, 2, f'=IF(OR(B4="",B4=0),"",INDEX(B4:B{last},COUNT(B4:B{last}))/B4)', bold=True,
                        formula=True)
    total.number_format = SHARE
    book.place(COMPUTED, ws.title, v.label('overall_conversion'))
    put(ws, last + 4, 1, v.label("techniques"), font=book.th.header_font, fill=book.th.header_fill)
    # One multi-line cell: LibreOffice ignores the reading order of single-line cells, which
    # would put each line's bullet on the wrong side in a right-to-left sheet.
    book.entry(ws, last + 5, 1, v.model.funnel.techniques, LINES, border=False)
    merge(ws, start_row=last + 5, start_column=1, end_row=last + 5, end_column=5)
    LINES.validate(book, ws, f"A{last + 5}")
    book.place(LINES, ws.title, v.label('techniques'))
    if not v.model.funnel.techniques:  # room to write a few
        ws.row_dimensions[last + 5].height = 60
    last_row = last + 5
    if stages:
        chart = funnel_chart(ws, first_row=4, last_row=3 + len(stages), title=v.label("funnel"),
                             colour=book.th.accent, logarithmic=v.funnel_bars()[1])
        ws.add_chart(chart, f"A{last_row + 2}")
        last_row += 1 + rows_spanned(chart)
    page_setup(ws, landscape=False, title_rows="3:3", last_row=last_row)


def write_period(book: Book, ws, period: str | None) -> None:
    """The funnel's period: its label in A2, a dropdown of periods in B2."""
    put(ws, 2, 1, book.v.label("period"), bold=True, fill=book.th.block_fill)
    book.entry(ws, 2, 2, period, PERIOD)
    PERIOD.validate(book, ws, "B2")
    book.place(PERIOD, ws.title, book.v.label("period"))


def write_name(book: Book, ws, name) -> None:
    """The main funnel's name: its label in D2, the name in E2 (right of the period)."""
    put(ws, 2, 4, book.v.label("funnel_name"), bold=True, fill=book.th.block_fill)
    book.entry(ws, 2, 5, name, TEXT)
    book.place(TEXT, ws.title, book.v.label("funnel_name"))


def read_name(rd: Reader, sheet, header: int) -> Any:
    """The name typed right of its label above the table (None if the label is gone: a workbook
    made before it)."""
    for row in sheet.rows(1, header - 1):
        for col, cell in sheet.row(row).items():
            if rd.key_of(cell.value) == "funnel_name":
                rd.claim(sheet, row, col)
                return rd.read(sheet, row, col + 1, TEXT, ("funnel", "name"))
    return None


def read_period(rd: Reader, sheet, header: int, path: tuple) -> str | None:
    """The period typed beside its label above the table (None if the label is gone)."""
    for row in sheet.rows(1, header - 1):
        if rd.key_of(sheet.cell(row, 1).value) == "period":
            rd.claim(sheet, row, 1)
            return rd.read(sheet, row, 2, PERIOD, path)
    return None


def read(rd: Reader) -> None:
    found = table.read(rd, TABLE, list(TABLE.columns),
                       stop=lambda sheet, row: rd.key_of(sheet.cell(row, 1).value) in ENDS)
    funnel: dict = {}
    if found is None:
        rd.data["funnel"] = funnel
        return
    period = read_period(rd, found.sheet, found.header, ("funnel", "period"))
    if period:
        funnel["period"] = period
    name = read_name(rd, found.sheet, found.header)
    if name:
        funnel["name"] = name
    names = {norm(n): k for k, ns in vocabularies()["funnel_stages"].items() for n in ns.values()}
    stages = []
    for i, r in enumerate(found.rows):
        data = r.data
        label = data.pop("label", None)
        stage = {"stage": data.get("stage") or names.get(norm(label or ""))}
        builtin = vocabularies()["funnel_stages"].get(stage["stage"] or "", {})
        if label and norm(label) not in {norm(n) for n in builtin.values()}:
            stage["name"] = label
        stage.update({k: data[k] for k in ("count", "note", *FIELDS) if k in data})
        if ("label",) in r.places:
            r.places[("name",)] = r.places.pop(("label",))
        r.place(rd, ("funnel", "stages", i))
        stages.append(stage)
    funnel["stages"] = stages
    end = max([found.header] + [r.row for r in found.rows])
    techniques = next((row for row in found.sheet.rows(end + 1)
                       if rd.key_of(found.sheet.cell(row, 1).value) == "techniques"), None)
    overall = next((row for row in found.sheet.rows(end + 1)
                    if rd.key_of(found.sheet.cell(row, 1).value) == "overall_conversion"), None)
    if overall is not None:
        rd.claim(found.sheet, overall, 1)
    if techniques is None:
        rd.error(At(found.sheet.title, end + 1, 1), "label_missing", label=rd.label("techniques"))
    else:
        rd.claim(found.sheet, techniques, 1)
        funnel["techniques"] = rd.read(found.sheet, techniques + 1, 1, LINES, ("funnel", "techniques"))
    rd.data["funnel"] = funnel
