"""Customer relationships: the detailed table (a row per relationship) and the relationship
matrix (segments × the six types; a cell holds the motivations, or a mark).

Merge rule: the table holds the relationships. A matrix cell that differs from what canvas wrote
wins: a newly filled cell adds a relationship, changed motivations replace the table's, unless
the table row was changed too and they disagree (an error naming both cells). A cleared cell
whose relationship is still in the table keeps it, with a warning.
"""
from __future__ import annotations

from ...vocab import ids, label
from .. import table
from ..book import Book
from ..kinds import LINES, TEXT, Motives, Ref, Vocab, Vocabs, as_text, motives_text, norm
from ..reader import At, Reader
from ..table import Col, Table
from . import evidence_columns, matrix

TABLE = Table("relationships", "relationships", block="relationships", columns=(
    Col("segment", "segment", Ref("segments")), Col("type", "type", Vocab("relationship_types")),
    Col("motivations", "motivations", Vocabs("motivations")), Col("description", "description", TEXT),
    Col("tactics", "tactics", LINES), *evidence_columns()))
MOTIVES = Motives()
MATRIX = Table("relationship_matrix", "relationship_matrix", block="relationships", keys=("segment",), columns=(
    Col("segment", "segment", Ref("segments")),
    *(Col(f"relationship_types:{t}", f"cells.{t}", MOTIVES) for t in ids("relationship_types"))))


def write(book: Book) -> None:
    v = book.v
    rows, built = [], {}
    for s in v.model.segments:
        cells = {}
        for kind in ids("relationship_types"):
            found = v.relationship_cells.get((s.id, kind))
            if found:
                cells[kind] = [m for r in found for m in r.motivations]
                built[f"{s.id}|{kind}"] = motives_text(v.lang, cells[kind])
        rows.append({"segment": s.id, "cells": cells})
    ws = table.write(book, MATRIX, list(MATRIX.columns), rows)
    book.notes["relationship_matrix"] = built
    for col in range(2, len(MATRIX.columns) + 1):
        ws.column_dimensions[ws.cell(row=3, column=col).column_letter].width = 18
    matrix.shade_marks(ws, 4, ws.max_row, 2, len(MATRIX.columns))
    ws = table.write(book, TABLE, list(TABLE.columns), v.model.relationships)


def read(rd: Reader) -> None:
    found = table.read(rd, TABLE, list(TABLE.columns))
    rows = [] if found is None else found.rows
    rd.data["relationships"] = [r.data for r in rows]
    for i, r in enumerate(rows):
        r.place(rd, ("relationships", i))
    grid = table.read(rd, MATRIX, list(MATRIX.columns))
    if grid is None:
        return
    built = rd.setting("relationship_matrix", None)
    seen = set()
    cells: dict[tuple, list[int]] = {}  # (segment, type) -> indexes of the relationships read
    for i, e in enumerate(rd.data["relationships"]):
        cells.setdefault((e.get("segment"), e.get("type")), []).append(i)
    for r in grid.rows:
        for c, col in grid.columns.items():
            if col.field.startswith("cells.") and r.data.get("segment"):
                kind = col.field.split(".", 1)[1]
                seen.add(f"{r.data['segment']}|{kind}")
                _cell(rd, cells, r.data["segment"], kind, r.data.get("cells", {}).get(kind), built,
                      At(grid.sheet.title, r.row, c), as_text(grid.sheet.cell(r.row, c).value) or "")
    _cleared_rows(rd, cells, grid, built or {}, seen)


def _cleared_rows(rd: Reader, cells: dict, grid, built: dict, seen: set) -> None:
    """Cells canvas wrote in a row whose every cell was then cleared (table.read skips such a row)."""
    segment_col = next((c for c, col in grid.columns.items() if col.field == "segment"), None)
    type_col = {col.field.split(".", 1)[1]: c for c, col in grid.columns.items() if col.field.startswith("cells.")}
    rows = {rd.quiet_ref("segments", grid.sheet.cell(r, segment_col).value): r
            for r in grid.sheet.rows(grid.header + 1)} if segment_col else {}
    for key in built:
        segment, kind = key.split("|", 1)
        if key not in seen and segment in rows and kind in type_col:
            _cell(rd, cells, segment, kind, None, built, At(grid.sheet.title, rows[segment], type_col[kind]), "")


def _cell(rd: Reader, cells: dict, segment: str, kind: str, cell, built: dict | None, at: At, shown: str) -> None:
    """Merge one matrix cell into the relationships read from the table (`cells` indexes them by
    segment and type)."""
    entries = rd.data["relationships"]
    mine = [(i, entries[i]) for i in cells.get((segment, kind), [])]
    motives = [m for _, e in mine for m in e.get("motivations", [])]
    from_table = motives_text(rd.lang, motives) if mine else ""
    before = (built or {}).get(f"{segment}|{kind}", "") if built is not None else from_table
    if norm(shown) == norm(before):
        return  # the cell was not edited: the table decides
    name = f"{rd.names['segments'].get(segment, segment)}: {label('relationship_types', kind, rd.lang)}"
    if cell is None:
        if mine:
            rd.warn(at, "matrix_cleared", name=name, sheet=rd.label("relationships"))
        return
    if not mine:
        entries.append({"segment": segment, "type": kind, "motivations": list(cell)})
        cells.setdefault((segment, kind), []).append(len(entries) - 1)
        rd.where[("relationships", len(entries) - 1, "motivations")] = str(at)
        return
    table_edited = built is None or norm(from_table) != norm(before)  # unknown: the two must agree
    if table_edited and sorted(cell) != sorted(motives):
        where = rd.where.get(("relationships", mine[0][0], "motivations"), rd.label("relationships"))
        rd.error(at, "conflict", value=shown, other=from_table, place=where)
        return
    mine[0][1]["motivations"] = list(cell)
    for _, e in mine[1:]:
        e["motivations"] = []
