"""Unit economics, live: a row per segment with its inputs (price, purchases a year, gross margin,
CAC, churn, customers, fixed costs) and formula columns (LTV, LTV/CAC, payback, break-even volume,
revenue a year; canvas/economics.py holds the same arithmetic). A founder changes an input and the
figures follow; import reads the inputs back into each segment's `economics`."""
from __future__ import annotations

from openpyxl.utils import get_column_letter

from ...economics import FORMULAS, FRACTION, INPUTS, OUTPUTS, figures
from .. import table
from ..book import Book
from ...view import labels
from ...vocab import LANGUAGES
from ..kinds import AMOUNT, COUNT, Computed, Number, Rate, Ref, as_text, norm
from ..kit import merge
from ..reader import Reader
from ..table import Col, Table
from ...evidence import FIELDS
from . import evidence_columns

COMPUTED = Computed()
RATE = Rate()
KINDS = {"price": AMOUNT, "purchases": Number(whole=False, low=0, number_format="#,##0.##", named="decimal"),
         "gross_margin": RATE, "cac": AMOUNT, "churn": RATE, "customers": COUNT, "fixed_costs": AMOUNT}
TABLE = Table("economics", "unit_economics", block=(), keys=("segment",), columns=(
    Col("segment", "segment", Ref("segments")),
    *(Col(k, k, KINDS[k]) for k in INPUTS),
    *(Col(k, "", COMPUTED) for k in OUTPUTS), *evidence_columns()))
# The number format of each figure: money in the model's currency, a ratio, months, sales.
FORMATS = {"ltv": "#,##0", "ltv_cac": "0.0", "payback_months": "0.0", "break_even_volume": "#,##0",
           "revenue_per_year": "#,##0"}


def letters() -> dict[str, str]:
    """The column letter of each input and figure."""
    return {c.header: get_column_letter(i) for i, c in enumerate(TABLE.columns, start=1)
            if c.header in INPUTS + OUTPUTS}


def write(book: Book) -> None:
    v = book.v
    rows = [{"segment": s.id, **({k: getattr(s.economics, k) for k in INPUTS + FIELDS} if s.economics else {})}
            for s in v.model.segments]
    ws = table.write(book, TABLE, list(TABLE.columns), rows)
    last = ws.max_row
    where = letters()
    for row in range(table.HEADER_ROW + 1, last + 1):  # on every row: a segment typed later computes too
        cells = {k: f"{letter}{row}" for k, letter in where.items()}
        cells.update(margin_rate=FRACTION.format(cells["gross_margin"]), churn_rate=FRACTION.format(cells["churn"]))
        for key in OUTPUTS:
            cell = ws[cells[key]]
            cell.value = FORMULAS[key].format(**cells)
            cell.number_format = FORMATS[key]
            cell.fill = book.th.block_fill
    computed = [figures(s.economics) for s in v.model.segments if s.economics]
    for key in OUTPUTS:  # wide enough for the figures computed (a rial revenue has 16 digits)
        longest = max([len(f"{getattr(f, key):,.0f}") for f in computed if getattr(f, key) is not None], default=0)
        ws.column_dimensions[where[key]].width = max(14, longest + 3, ws.column_dimensions[where[key]].width or 0)
    book.place(COMPUTED, ws.title, ", ".join(v.label(k) for k in OUTPUTS))
    # the note over the table's width, wrapped (cut at the page's edge otherwise)
    book.output(ws, 2, 1, f"{v.label('economics_sheet_note')} {v.label('economics_note')}", border=False, wrap=True)
    merge(ws, start_row=2, start_column=1, end_row=2, end_column=len(TABLE.columns))
    ws.row_dimensions[2].height = 30


def read(rd: Reader) -> None:
    found = table.read(rd, TABLE, list(TABLE.columns))
    if found is None and any(isinstance(s, dict) and s.get("economics") for s in (rd.built or {}).get("segments") or []):
        rd.error(None, "sheet_missing", sheet=rd.label(TABLE.title))  # the segments' economics would be lost
    if found is not None:  # the note above the table is canvas's (known by its words when its record is gone)
        notes = [norm(labels()["economics_sheet_note"][lang]) for lang in LANGUAGES]
        for row in found.sheet.rows(1, found.header - 1):
            if any(norm(as_text(found.sheet.cell(row, 1).value) or "").startswith(n) for n in notes):
                rd.claim(found.sheet, row, 1)
    segments = {s.get("id"): i for i, s in enumerate(rd.data.get("segments") or []) if isinstance(s, dict)}
    for r in [] if found is None else found.rows:
        segment = r.data.pop("segment", None)
        if segment is None or segment not in segments:
            if ("segment",) in r.places and segment is None and not r.data:
                continue
            if segment is None:  # the inputs of no segment: said at the row's segment cell
                rd.error(r.places.get(("segment",)), "economics_segment")
            rd.refused.add((found.sheet.title, r.row))
            continue
        i = segments[segment]
        if r.data and "economics" in rd.data["segments"][i]:  # a second row of the segment
            rd.error(r.places[("segment",)], "economics_twice", segment=rd.data["segments"][i].get("name") or segment)
            rd.refused.add((found.sheet.title, r.row))
            continue
        if r.data:
            rd.data["segments"][i]["economics"] = r.data
        for key in r.data:
            rd.where[("segments", i, "economics", key)] = str(r.places[(key,)])
