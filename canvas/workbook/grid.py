"""What import sees of a spreadsheet, whatever program saved it: sheets of cells (value, formula or
not, shown as a percentage or not), defined names and hidden sheets. Read from .xlsx by openpyxl
and from .ods by odfdo (ods.py), so the readers of the sheets never meet a file format."""
from __future__ import annotations

import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem

MAX_UNZIPPED = 60 * 1024 * 1024  # a class-sized workbook is < 2 MB unzipped; refuse zip bombs
MAX_RATIO = 200
MAX_ROWS = 20_000                # rows of one sheet
MAX_COLUMNS = 500
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

    def cell(self, row: int, col: int) -> Cell:
        return self.cells.get((row, col), EMPTY)

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self.cells), default=0)

    @property
    def max_col(self) -> int:
        return max((c for _, c in self.cells), default=0)

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


def open_book(path: str | Path) -> Book:
    """The sheets of an .xlsx or .ods file, or InputError saying why it cannot be read."""
    path = Path(path)
    name = str(path)
    if path.suffix.lower() not in SUFFIXES:
        raise InputError(Problem(name, 0, 0, f"canvas reads .xlsx and .ods workbooks, not {path.suffix or 'this file'}; "
                                             "save it as .xlsx (Excel workbook) and import that"))
    _check_zip(path)
    with warnings.catch_warnings():  # openpyxl warns about extensions LibreOffice writes; not the user's business
        warnings.simplefilter("ignore")
        try:
            if path.suffix.lower() == ".ods":
                from .ods import read_ods
                return read_ods(path)
            return _read_xlsx(path)
        except InputError:
            raise
        except Exception as e:  # the libraries raise many kinds on broken parts
            raise InputError(Problem(name, 0, 0, f"cannot read the workbook ({type(e).__name__}: {e}); open it in "
                                                 "a spreadsheet program and save it again")) from None


def _check_zip(path: Path) -> None:
    name = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            total = 0
            for info in archive.infolist():
                total += info.file_size
                if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 1_000_000:
                    raise InputError(Problem(name, 0, 0, f"part {info.filename} unpacks "
                                                         f"{info.file_size // info.compress_size}x; refusing a possible zip bomb"))
            if total > MAX_UNZIPPED:
                raise InputError(Problem(name, 0, 0, f"unpacks to {total // 1_000_000} MB; canvas reads workbooks up to "
                                                     f"{MAX_UNZIPPED // 1_000_000} MB"))
    except (zipfile.BadZipFile, OSError, NotImplementedError, EOFError, ValueError) as e:
        # a damaged archive: zipfile also raises NotImplementedError ("zip file version 6.4")
        why = "no such file" if isinstance(e, FileNotFoundError) else \
            f"not an {path.suffix.lower()} workbook (not a zip file); save it from a spreadsheet program as .xlsx"
        raise InputError(Problem(name, 0, 0, why)) from None


def too_big(name: str, sheet: str, rows: int, cols: int) -> InputError:
    return InputError(Problem(name, 0, 0, f"sheet '{sheet}' reaches row {rows} and column {cols}; canvas reads up to "
                                          f"{MAX_ROWS} rows and {MAX_COLUMNS} columns a sheet; delete what is below or "
                                          "to the right of your tables"))


_ADDRESS = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)")


def first_cell(ref: str) -> tuple[int, int] | None:
    """'$A$3:$F$3' -> (3, 1)."""
    from openpyxl.utils import column_index_from_string

    match = _ADDRESS.match(ref)
    return (int(match.group(2)), column_index_from_string(match.group(1).upper())) if match else None


def _read_xlsx(path: Path) -> Book:
    from openpyxl import load_workbook

    wb = load_workbook(path, data_only=False)
    sheets = []
    for ws in wb.worksheets:
        if ws.max_row > MAX_ROWS or ws.max_column > MAX_COLUMNS:
            raise too_big(str(path), ws.title, ws.max_row, ws.max_column)
        cells = {}
        for (row, col), c in ws._cells.items():
            value = c.value
            if value is None or type(c).__name__ == "MergedCell":
                continue
            formula = c.data_type == "f" or type(value).__name__ in ("ArrayFormula", "DataTableFormula")
            cells[(row, col)] = Cell(value if not formula else str(value), formula,
                                     "%" in (c.number_format or "") and isinstance(value, (int, float)))
        sheets.append(Sheet(ws.title, cells, ws.sheet_state != "visible"))
    names = {}
    scoped = [(n, d) for ws in wb.worksheets for n, d in ws.defined_names.items()]
    for name, defined in list(wb.defined_names.items()) + scoped:
        try:
            for title, ref in defined.destinations:
                at = first_cell(ref)
                if at:
                    names.setdefault(name, (title.replace("''", "'"), *at))  # openpyxl leaves '' doubled
                break
        except Exception:  # a name that is not a plain range (a formula, #REF!): not one of ours
            continue
    return Book(sheets, names, wb.properties.language)
