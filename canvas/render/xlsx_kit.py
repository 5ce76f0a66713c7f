"""Small openpyxl helpers: safe cells, styled tables, valid sheet names, deterministic bytes."""
from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ..textsafe import clean, is_formula_like

FIXED_TIME = datetime(2000, 1, 1)  # document timestamps are fixed so outputs can live in git
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=16, color="1F4E79")
THIN = Side(style="thin", color="B7C4D6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
_FORBIDDEN = re.compile(r"[\\/*?:\[\]]")


def sheet_title(wanted: str, taken: set[str]) -> str:
    """A sheet name Excel accepts: no []:*?/\\, no edge apostrophes, <= 31 chars, unique (case-blind)."""
    base = _FORBIDDEN.sub(" ", clean(wanted)).strip().strip("'").strip() or "Sheet"
    if base.lower() == "history":  # reserved by Excel
        base = "History_"
    title, n = base[:31], 2
    while title.lower() in {t.lower() for t in taken}:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)].rstrip() + suffix, n + 1
    taken.add(title)
    return title


def put(ws, row: int, col: int, value, *, bold=False, wrap=True, fill=None, font=None, border=True):
    """Write one cell; text is cleaned and never becomes a formula."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, (list, tuple)):
        value = "\n".join(f"• {v}" for v in value) if len(value) > 1 else (value[0] if value else "")
    if isinstance(value, str):
        value = clean(value)
        cell.value = value
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True  # stays text even after a user edits the cell
    else:
        cell.value = value
    rtl = ws.sheet_view.rightToLeft
    cell.alignment = Alignment(wrap_text=wrap, vertical="top",
                               horizontal="right" if rtl else "left", readingOrder=2 if rtl else 1)
    if font is not None:
        cell.font = font
    elif bold:
        cell.font = Font(bold=True)
    if fill is not None:
        cell.fill = fill
    if border:
        cell.border = BORDER
    return cell


def header_row(ws, row: int, headers: list[str], start_col: int = 1) -> None:
    for i, text in enumerate(headers):
        put(ws, row, start_col + i, text, font=HEADER_FONT, fill=HEADER_FILL)


def fit_columns(ws, minimum: int = 8, maximum: int = 40) -> None:
    """Column widths from content (longest line), within bounds."""
    widths: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None or type(cell).__name__ == "MergedCell":
                continue
            longest = max((len(line) for line in str(cell.value).split("\n")), default=0)
            widths[cell.column] = max(widths.get(cell.column, 0), longest)
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = max(minimum, min(maximum, width + 2))


def fit_rows(ws, line_height: float = 15.0) -> None:
    """Row heights from wrapped content: Excel grows rows on open, LibreOffice keeps them at one line."""
    for row in ws.iter_rows():
        if ws.row_dimensions[row[0].row].height is not None:
            continue  # set on purpose (the canvas grid)
        lines = 1
        for cell in row:
            if cell.value is None or type(cell).__name__ == "MergedCell":
                continue
            width = ws.column_dimensions[get_column_letter(cell.column)].width or 8.43
            per_line = max(1, int(width * 1.1))
            lines = max(lines, sum(-(-max(len(part), 1) // per_line) for part in str(cell.value).split("\n")))
        if lines > 1:
            ws.row_dimensions[row[0].row].height = lines * line_height


def page_setup(ws, *, landscape: bool, title_rows: str | None = None) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "&P / &N"
    if title_rows:
        ws.print_title_rows = title_rows


def deterministic_bytes(wb) -> bytes:
    """Save `wb` with fixed timestamps inside and on every zip member: same model, same bytes."""
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    from openpyxl.writer.excel import ExcelWriter

    raw = io.BytesIO()
    # ExcelWriter directly: Workbook.save() would stamp 'modified' with the current time
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
