"""What import sees of a spreadsheet, whatever program saved it: sheets of cells (value, formula or
not, shown as a percentage or not), defined names and hidden sheets. Read from .xlsx by openpyxl
and from .ods by odfdo (ods.py), so the readers of the sheets never meet a file format."""
from __future__ import annotations

import re
import warnings
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem

# Limits of what import reads (README, Safety): a class-sized workbook has a few thousand filled
# cells on sheets of a few hundred rows, and a few hundred defined names. Reading takes time in
# proportion to the cells present, never to how far away one of them is.
MAX_ROWS = 20_000        # rows of one sheet
MAX_COLUMNS = 500        # columns of one sheet
MAX_CELLS = 200_000      # filled cells of a workbook (a cell repeated by an .ods counts each time)
MAX_NAMES = 10_000       # defined names of a workbook
SUFFIXES = (".xlsx", ".xlsm", ".ods")


@dataclass(frozen=True)
class Cell:
    value: Any = None       # str, int, float, bool, datetime or None
    formula: bool = False   # the cell computes its value
    percent: bool = False   # a number shown as a percentage: 0.4 displayed as 40%


EMPTY = Cell()


@dataclass
class Sheet:
    title: str
    cells: dict[tuple[int, int], Cell]
    hidden: bool = False

    def __post_init__(self):
        self._rows: dict[int, dict[int, Cell]] = {}
        self._columns: dict[int, dict[int, Cell]] = {}
        for (row, col), cell in self.cells.items():
            self._rows.setdefault(row, {})[col] = cell
            self._columns.setdefault(col, {})[row] = cell
        self._row_numbers = sorted(self._rows)
        self.max_row = self._row_numbers[-1] if self._row_numbers else 0
        self.max_col = max(self._columns, default=0)

    def cell(self, row: int, col: int) -> Cell:
        return self.cells.get((row, col), EMPTY)

    def row(self, row: int) -> dict[int, Cell]:
        """The cells of a row that exist, by column."""
        return self._rows.get(row, {})

    def column(self, col: int) -> dict[int, Cell]:
        """The cells of a column that exist, by row."""
        return self._columns.get(col, {})

    def rows(self, first: int = 1, last: int | None = None) -> list[int]:
        """The rows from `first` to `last` (inclusive) that have cells, in order: what a reader
        walks, so that an empty stretch (a far-away cell) costs nothing."""
        numbers = self._row_numbers
        return numbers[bisect_left(numbers, first):bisect_right(numbers, self.max_row if last is None else last)]

    def filled(self) -> list[tuple[int, int]]:
        """(row, column) of every cell holding something, top to bottom."""
        return sorted(k for k, c in self.cells.items() if not blank(c))


@dataclass
class Book:
    sheets: list[Sheet]
    # defined name -> (sheet title, row, column) of the first cell it points at
    names: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    language: str | None = None  # the document's language property, if any

    def sheet(self, title: str) -> Sheet | None:
        return next((s for s in self.sheets if s.title == title), None)


def blank(cell: Cell) -> bool:
    return not cell.formula and (cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()))


class Limits:
    """Counts the cells a reader finds and refuses a workbook past the limits, as soon as it
    finds the cell that crosses one."""

    def __init__(self, name: str, lang: str):
        self.name, self.lang, self.cells = name, lang, 0

    def refuse(self, key: str, **params) -> InputError:
        from ..messages import say
        return InputError(Problem(self.name, 0, 0, say(key, self.lang, **params)))

    def place(self, sheet: str, row: int, col: int, count: int = 1) -> None:
        """`count` filled cells found on `sheet`, the last of them at (row, col)."""
        if row > MAX_ROWS or col > MAX_COLUMNS:
            raise self.refuse("sheet_too_big", sheet=sheet, row=row, col=col, rows=MAX_ROWS, cols=MAX_COLUMNS)
        self.cells += count
        if self.cells > MAX_CELLS:
            raise self.refuse("too_many_cells", limit=MAX_CELLS)

    def names(self, count: int) -> None:
        if count > MAX_NAMES:
            raise self.refuse("too_many_names", limit=MAX_NAMES)


def open_book(path: str | Path) -> Book:
    """The sheets of an .xlsx or .ods file, or InputError saying why it cannot be read (in the
    language asked for or the locale's: the workbook's own is not known yet)."""
    from ..messages import choose
    from .archive import check

    path = Path(path)
    name, lang = str(path), choose()
    limits = Limits(name, lang)
    if path.suffix.lower() not in SUFFIXES:
        raise limits.refuse("not_workbook_suffix", suffix=path.suffix or "this file")
    check(path, lang)
    with warnings.catch_warnings():  # openpyxl warns about extensions LibreOffice writes; not the user's business
        warnings.simplefilter("ignore")
        try:
            if path.suffix.lower() == ".ods":
                from .ods import read_ods
                return read_ods(path, limits)
            return _read_xlsx(path, limits)
        except InputError:
            raise
        except Exception as e:  # the libraries raise many kinds on broken parts
            raise InputError(Problem(name, 0, 0, f"cannot read the workbook ({type(e).__name__}: {e}); open it in "
                                                 "a spreadsheet program and save it again")) from None


_ADDRESS = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)")


def first_cell(ref: str) -> tuple[int, int] | None:
    """'$A$3:$F$3' -> (3, 1)."""
    from openpyxl.utils import column_index_from_string

    match = _ADDRESS.match(ref)
    return (int(match.group(2)), column_index_from_string(match.group(1).upper())) if match else None


def _read_xlsx(path: Path, limits: Limits) -> Book:
    """Read in openpyxl's read-only mode, by the cells the file holds: the full mode makes a cell
    of every cell a merged range covers (A1:XFD1048576 is 17 billion) and pads gaps."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=False)
    try:
        sheets = [Sheet(ws.title, _xlsx_cells(wb, ws, limits), ws.sheet_state != "visible") for ws in wb.worksheets]
        scoped = [(n, d) for ws in wb.worksheets for n, d in ws.defined_names.items()]
        defined = list(wb.defined_names.items()) + scoped
        limits.names(len(defined))
        names = {}
        for name, definition in defined:
            try:
                for title, ref in definition.destinations:
                    at = first_cell(ref)
                    if at:
                        names.setdefault(name, (title.replace("''", "'"), *at))  # openpyxl leaves '' doubled
                    break
            except Exception:  # a name that is not a plain range (a formula, #REF!): not one of ours
                continue
        return Book(sheets, names, wb.properties.language)
    finally:
        wb.close()


def _xlsx_cells(wb, ws, limits: Limits) -> dict[tuple[int, int], Cell]:
    from openpyxl.cell.read_only import ReadOnlyCell
    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

    cells = {}
    with ws._get_source() as source:
        parser = WorkSheetParser(source, ws._shared_strings, data_only=False, epoch=wb.epoch,
                                 date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
        for _, row in parser.parse():
            for c in row:
                value = c["value"]
                if value is None:
                    continue
                limits.place(ws.title, c["row"], c["column"])
                formula = c["data_type"] == "f" or isinstance(value, (ArrayFormula, DataTableFormula))
                percent = not formula and isinstance(value, (int, float)) and not isinstance(value, bool) and \
                    "%" in (ReadOnlyCell(ws, c["row"], c["column"], None, style_id=c["style_id"]).number_format or "")
                cells[(c["row"], c["column"])] = Cell(str(value) if formula else value, formula, percent)
    return cells
