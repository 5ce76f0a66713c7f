"""Small openpyxl helpers: safe cells, styled tables, valid sheet names, deterministic bytes."""
from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass
from copy import copy
from datetime import datetime

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

from ..brand import Look
from ..textsafe import clean, is_formula_like
from ..zipped import FixedTimeZip
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


def _shortened(text: str, limit: int) -> str:
    """`text` in at most `limit` characters: cut at a space (a word cut short can read as another
    word, as گردن does as گرد) and marked with '…'."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if text[limit - 1] != " " and space >= limit // 2:  # the cut fell inside a word
        cut = cut[:space]
    return cut.rstrip(" -–") + "…"


class Names:
    """Names kept distinct, case-blind, by numbering the later ones alike. Each wanted name
    remembers the number it got, so the next one alike starts there: n names alike cost n steps
    (they cost n² steps, each step reading every name taken, when 2,000 personas shared a name)."""

    def __init__(self):
        self.taken: set[str] = set()  # lower case
        self.numbers: dict[str, int] = {}

    def add(self, wanted: str, numbered) -> str:
        """The first of `numbered(1)`, `numbered(2)`... not taken yet, now taken. A number tried
        before for the same `wanted` was taken then and still is: it is not tried again."""
        n = self.numbers.get(wanted, 1)
        while (name := numbered(n)).lower() in self.taken:
            n += 1
        self.numbers[wanted] = n + 1
        self.taken.add(name.lower())
        return name


def sheet_title(wanted: str, taken: Names) -> str:
    """A sheet name Excel accepts: no []:*?/\\ or apostrophe, <= 31 chars, unique (case-blind)."""
    # An apostrophe becomes ’: references to a sheet named with one need it doubled, which
    # Gnumeric gets wrong, and Excel drops one at either end.
    base = " ".join(_FORBIDDEN.sub(" ", clean(wanted)).split()).replace("'", "’").strip() or "Sheet"
    if base.lower() == "history":  # reserved by Excel
        base = "History_"
    return taken.add(base, lambda n: _shortened(base, 31) if n == 1 else
                     _shortened(base, 31 - len(f" ({n})")) + f" ({n})")


def put(ws, row: int, col: int, value, *, bold=False, wrap=True, fill=None, font=None, border=True,
        center=False, locked=True):
    """Write one cell; text is cleaned and never becomes a formula. `locked=False` marks a cell a
    person may type into (what sheet protection leaves editable)."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, (list, tuple)):
        value = "\n".join(f"• {v}" for v in value) if len(value) > 1 else (value[0] if value else "")
    if isinstance(value, str):
        cell.value = clean(value)
        cell.data_type = "s"
    else:
        cell.value = value
    rtl = ws.sheet_view.rightToLeft
    if isinstance(value, Foreign):  # text shown in the other language keeps its own direction
        rtl = value.lang == "fa"
    if font is None:
        font = _BOLD if bold else _PLAIN
    # Cells with the same look share one style record: openpyxl hashes every style object it is
    # given, which was most of the time spent writing a workbook.
    key = (wrap, center, rtl, id(font), id(fill), border, locked)
    cache = ws.parent.__dict__.setdefault("_canvas_styles", {})
    if key in cache:
        cell._style = copy(cache[key][0])
        return _quote(cell)
    cell.alignment = Alignment(wrap_text=wrap, vertical="top", readingOrder=2 if rtl else 1,
                               horizontal="center" if center else "right" if rtl else "left")
    base = ws.parent._fonts[0]  # the workbook's default font (see set_default_font)
    cell.font = Font(name=font.name or base.name, sz=font.sz or base.sz, b=font.b, i=font.i,
                     color=font.color, u=font.u)
    if fill is not None:
        cell.fill = fill
    if border:
        cell.border = BORDER
    if not locked:
        cell.protection = _UNLOCKED
    cache[key] = (copy(cell._style), font, fill)  # keep font and fill alive: their ids are the key
    return _quote(cell)


def _quote(cell):
    """Text a spreadsheet would read as a formula stays text, even after a user edits the cell."""
    if cell.data_type == "s" and is_formula_like(cell.value):
        cell.quotePrefix = True
    return cell


_PLAIN, _BOLD = Font(), Font(bold=True)
_UNLOCKED = Protection(locked=False)


def merge(ws, start_row: int, start_column: int, end_row: int, end_column: int) -> None:
    """Merge a range, giving every covered cell the top-left cell's style (so borders show on all
    edges). openpyxl's merge_cells builds new border objects per cell, a third of writing time."""
    from openpyxl.cell.cell import MergedCell
    from openpyxl.worksheet.cell_range import CellRange
    from openpyxl.worksheet.merge import MergedCellRange

    ref = CellRange(min_row=start_row, min_col=start_column, max_row=end_row, max_col=end_column).coord
    ws.merged_cells.add(MergedCellRange(ws, ref))
    style = ws.cell(row=start_row, column=start_column)._style
    for row in range(start_row, end_row + 1):
        for col in range(start_column, end_column + 1):
            if (row, col) != (start_row, start_column):
                cell = MergedCell(ws, row=row, column=col)
                cell._style = copy(style)
                ws._cells[(row, col)] = cell


def header_row(ws, row: int, headers: list[str], theme: Theme, start_col: int = 1) -> None:
    for i, text in enumerate(headers):
        put(ws, row, start_col + i, text, font=theme.header_font, fill=theme.header_fill)


def fit_columns(ws, minimum: int = 8, maximum: int = 40, budget: int | None = None, min_row: int = 1) -> None:
    """Column widths from content (longest line), within bounds.

    With a `budget` (total width of a printed page at a readable scale) the widest columns are
    narrowed first, down to 12, so a wide table wraps its text instead of shrinking to fit.
    """
    widths: dict[int, int] = {}
    words: dict[int, int] = {}  # the longest word of each column: it must not break mid-word
    for row in ws.iter_rows(min_row=min_row):
        for cell in row:
            if cell.value is None or type(cell).__name__ == "MergedCell":
                continue
            text = str(cell.value)
            longest = max((len(line) for line in text.split("\n")), default=0)
            widths[cell.column] = max(widths.get(cell.column, 0), longest)
            words[cell.column] = max(words.get(cell.column, 0), max((len(w) for w in text.split()), default=0))
    widths = {col: max(minimum, min(maximum, w + 2)) for col, w in widths.items()}
    if budget and sum(widths.values()) > budget:
        cap = max(widths.values())
        while cap > 12 and sum(min(w, cap) for w in widths.values()) > budget:
            cap -= 1
        widths = {col: min(w, cap) for col, w in widths.items()}
    widths = {col: max(w, min(words.get(col, 0) + 2, LONGEST_WORD)) for col, w in widths.items()}
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width


LONGEST_WORD = 30  # a column is widened to hold a word (an id) this long whole


def wrapped_lines(text: str, per_line: int) -> int:
    """Lines `text` takes in a cell `per_line` characters wide, wrapped at spaces as a spreadsheet
    does (a word longer than the line is broken)."""
    total = 0
    for part in text.split("\n"):
        count, line = 1, 0
        for word in part.split():
            need = len(word) + (1 if line else 0)
            if line and line + need > per_line:
                count, line, need = count + 1, 0, len(word)
            while need > per_line:
                count, need = count + 1, need - per_line
            line += need
        total += count
    return total


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
            per_line = max(1, int(spans.get((cell.row, cell.column), width(cell.column))))
            lines = max(lines, wrapped_lines(str(cell.value), per_line))
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
    names = Names()
    out = []
    for i, text in enumerate(headers, start=1):
        base = clean(str(text)).replace("\n", " ").strip() or f"#{i}"
        out.append(names.add(base, lambda n: base if n == 1 else f"{base} ({n})"))
    return out


def add_table(ws, name: str, first_row: int, last_row: int, last_col: int) -> Table:
    """An Excel table (ListObject) over a header row and its data rows: filters, banding, a name."""
    ref = f"A{first_row}:{get_column_letter(last_col)}{max(last_row, first_row + 1)}"
    table = Table(displayName=name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(table)
    return table


def validation(ws, ref: str, *, kind: str | None, formula1: str | None = None, formula2: str | None = None,
               operator: str | None = None, prompt: str = "", strict: bool = True) -> DataValidation:
    """A data validation on `ref`; `prompt` is shown as the cell's input message and error text.

    A value outside it gets a warning the person may accept (not a refusal): import reads more
    than a spreadsheet's rule can say (Persian digits, '40%', a scale's label) and names the cell
    of anything it cannot read. Not `strict` (a list to pick from, or several typed a line each,
    or a name of one's own), it is only a note, OK keeping the value: with no message at all,
    Gnumeric drops the list. `kind=None` only shows the prompt."""
    dv = DataValidation(type=kind, formula1=formula1, formula2=formula2, operator=operator,
                        errorStyle="warning" if strict else "information",
                        allow_blank=True, showErrorMessage=kind is not None,
                        showInputMessage=bool(prompt), prompt=prompt[:255] or None, error=prompt[:225] or None)
    dv.add(ref)
    ws.add_data_validation(dv)
    return dv


def deterministic_bytes(wb) -> bytes:
    """Save `wb` with fixed timestamps inside and on every zip member: same model, same bytes."""
    from ..output import OWNER

    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.lastModifiedBy = OWNER  # with the fixed time: how a later write knows it is ours
    from openpyxl.writer.excel import ExcelWriter

    raw = io.BytesIO()
    # ExcelWriter directly: Workbook.save() would stamp 'modified' with the current time
    with FixedTimeZip(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    return raw.getvalue()
