"""Finding things in a workbook the way a person does: a sheet by its role, a cell by the label
beside it or the header above it, whatever rows and columns were inserted."""
from __future__ import annotations


def role(wb, name: str):
    """The sheet a defined name canvas_<name> (or <name>) points at."""
    defined = wb.defined_names.get(name) or wb.defined_names[f"canvas_{name}"]
    [(title, _)] = defined.destinations
    return wb[title.replace("''", "'")]


def row_of(ws, label, col: int = 1) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=col).value == label)


def beside(ws, label):
    """The cell to the right of the first cell holding `label` (a card's value)."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == label:
                return ws.cell(row=cell.row, column=cell.column + 1)
    raise KeyError(label)


def column(ws, header, header_row: int = 3) -> int:
    return next(c for c in range(1, ws.max_column + 1) if ws.cell(row=header_row, column=c).value == header)


def at(ws, header, row: int, header_row: int = 3):
    """The cell of a table's column `header` on `row`."""
    return ws.cell(row=row, column=column(ws, header, header_row))


def below(ws, label):
    """The cell under the first cell holding `label` (a canvas box, the techniques)."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == label:
                return ws.cell(row=cell.row + 1, column=cell.column)
    raise KeyError(label)
