"""Small openpyxl helpers: safe cells, styled tables, valid sheet names, deterministic bytes."""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

from ..brand import Look
from ..textsafe import clean, is_formula_like
from ..view import Foreign

FIXED_TIME = datetime(2000, 1, 1)  # document timestamps are fixed so outputs can live in git


@dataclass(frozen=True)
class Theme:
    """Fills and fonts of one workbook, from the brand's colours."""

    header_fill: PatternFill
    header_font: Font
    title_font: Font
    block_fill: PatternFill
    primary: str
    accent: str

    @classmethod
    def of(cls, look: Look) -> "Theme":
        primary = look.hex(look.primary)
        return cls(header_fill=PatternFill("solid", fgColor=primary),
                   header_font=Font(bold=True, color="FFFFFF"),
                   title_font=Font(bold=True, size=16, color=primary),
                   block_fill=PatternFill("solid", fgColor=look.hex(look.soft)),
                   primary=primary, accent=look.hex(look.accent))
THIN = Side(style="thin", color="B7C4D6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
_FORBIDDEN = re.compile(r"[\\/*?:\[\]]")


def sheet_title(wanted: str, taken: set[str]) -> str:
    """A sheet name Excel accepts: no []:*?/\\, no edge apostrophes, <= 31 chars, unique (case-blind)."""
    base = " ".join(_FORBIDDEN.sub(" ", clean(wanted)).split()).strip("'").strip() or "Sheet"
    if base.lower() == "history":  # reserved by Excel
        base = "History_"
    title, n = base[:31], 2
    while title.lower() in {t.lower() for t in taken}:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)].rstrip() + suffix, n + 1
    taken.add(title)
    return title


def put(ws, row: int, col: int, value, *, bold=False, wrap=True, fill=None, font=None, border=True,
        center=False):
    """Write one cell; text is cleaned and never becomes a formula."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, (list, tuple)):
        value = "\n".join(f"• {v}" for v in value) if len(value) > 1 else (value[0] if value else "")
    if isinstance(value, str):
        cell.value = clean(value)
        cell.data_type = "s"
        if is_formula_like(cell.value):
            cell.quotePrefix = True  # stays text even after a user edits the cell
    else:
        cell.value = value
    rtl = ws.sheet_view.rightToLeft
    if isinstance(value, Foreign):  # text shown in the other language keeps its own direction
        rtl = value.lang == "fa"
    cell.alignment = Alignment(wrap_text=wrap, vertical="top",
                               horizontal="center" if center else "right" if rtl else "left",
                               readingOrder=2 if rtl else 1)
    base = ws.parent._fonts[0]  # the workbook's default font (see set_default_font)
    if font is None:
        font = Font(bold=bold)
    cell.font = Font(name=font.name or base.name, sz=font.sz or base.sz, b=font.b, i=font.i,
                     color=font.color, u=font.u)
    if fill is not None:
        cell.fill = fill
    if border:
        cell.border = BORDER
    return cell


def header_row(ws, row: int, headers: list[str], theme: Theme, start_col: int = 1) -> None:
    for i, text in enumerate(headers):
        put(ws, row, start_col + i, text, font=theme.header_font, fill=theme.header_fill)


def fit_columns(ws, minimum: int = 8, maximum: int = 40, budget: int | None = None, min_row: int = 1) -> None:
    """Column widths from content (longest line), within bounds.

    With a `budget` (total width of a printed page at a readable scale) the widest columns are
    narrowed first, down to 12, so a wide table wraps its text instead of shrinking to fit.
    """
    widths: dict[int, int] = {}
    for row in ws.iter_rows(min_row=min_row):
        for cell in row:
            if cell.value is None or type(cell).__name__ == "MergedCell":
                continue
            longest = max((len(line) for line in str(cell.value).split("\n")), default=0)
            widths[cell.column] = max(widths.get(cell.column, 0), longest)
    widths = {col: max(minimum, min(maximum, w + 2)) for col, w in widths.items()}
    if budget and sum(widths.values()) > budget:
        cap = max(widths.values())
        while cap > 12 and sum(min(w, cap) for w in widths.values()) > budget:
            cap -= 1
        widths = {col: min(w, cap) for col, w in widths.items()}
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width


def fit_rows(ws, line_height: float = 15.0) -> None:
    """Row heights from wrapped content: Excel grows rows on open, LibreOffice keeps them at one line."""
    def width(col: int) -> float:
        return ws.column_dimensions[get_column_letter(col)].width or 8.43

    spans = {(m.min_row, m.min_col): sum(width(c) for c in range(m.min_col, m.max_col + 1))
             for m in ws.merged_cells.ranges if m.min_row == m.max_row}
    for row in ws.iter_rows():
        if ws.row_dimensions[row[0].row].height is not None:
            continue  # set on purpose (the canvas grid)
        lines = 1
        for cell in row:
            if (cell.value is None or cell.data_type == "f" or type(cell).__name__ == "MergedCell"
                    or not cell.alignment.wrap_text):
                continue
            per_line = max(1, int(spans.get((cell.row, cell.column), width(cell.column)) * 1.1))
            lines = max(lines, sum(-(-max(len(part), 1) // per_line) for part in str(cell.value).split("\n")))
        if lines > 1:
            ws.row_dimensions[row[0].row].height = lines * line_height


def page_setup(ws, *, landscape: bool, title_rows: str | None = None, last_row: int | None = None) -> None:
    """A4, fit to the page width, sheet name in the header, page numbers in the footer, print area."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddHeader.center.text = "&A"  # the sheet's name: user text never enters header codes
    ws.oddFooter.center.text = "&P / &N"
    if title_rows:
        ws.print_title_rows = title_rows
    ws.print_area = f"A1:{get_column_letter(max(ws.max_column, 1))}{max(last_row or 0, ws.max_row)}"


def set_default_font(wb, name: str, size: float = 11) -> None:
    """The font of every cell that sets none (the 'Normal' style's font)."""
    wb._fonts[0] = Font(name=name, sz=size, family=2)  # openpyxl keeps the default as font 0


def unique_headers(headers: list[str]) -> list[str]:
    """Table headers must be distinct, non-empty text (Excel repairs the file otherwise)."""
    seen: set[str] = set()
    out = []
    for i, text in enumerate(headers, start=1):
        base = clean(str(text)).replace("\n", " ").strip() or f"#{i}"
        name, n = base, 2
        while name.lower() in seen:
            name, n = f"{base} ({n})", n + 1
        seen.add(name.lower())
        out.append(name)
    return out


def add_table(ws, name: str, first_row: int, last_row: int, last_col: int) -> Table:
    """An Excel table (ListObject) over a header row and its data rows: filters, banding, a name."""
    ref = f"A{first_row}:{get_column_letter(last_col)}{max(last_row, first_row + 1)}"
    table = Table(displayName=name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(table)
    return table


def validation(ws, ref: str, *, kind: str, formula1: str, formula2: str | None = None,
               operator: str | None = None, prompt: str = "", strict: bool = True) -> DataValidation:
    """A data validation on `ref`; `prompt` is shown as the cell's input message and error text."""
    dv = DataValidation(type=kind, formula1=formula1, formula2=formula2, operator=operator,
                        allow_blank=True, showErrorMessage=strict, showInputMessage=bool(prompt),
                        prompt=prompt[:255] or None, error=prompt[:225] or None)
    dv.add(ref)
    ws.add_data_validation(dv)
    return dv


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
