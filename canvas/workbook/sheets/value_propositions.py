"""Value propositions (a row each, values by the four value types) and the value map, the
propositions × segments matrix that says which segments each proposition serves.

Merge rule: the value map is where a proposition's segments are read. A map row is matched to
its proposition by id, else by name; a row naming a proposition the table lacks adds it.
"""
from __future__ import annotations

import difflib

from openpyxl.utils import get_column_letter

from ...vocab import ids
from .. import table
from ..book import Book
from ..kinds import ID, LINES, TEXT, Member, NameOf, Refs, norm
from ..kit import page_setup
from ..reader import At, Reader
from ..table import Col, Table
from . import evidence_columns, give_ids, keep, matrix, rows_of, shown_ids

TABLE = Table("value_propositions", "value_propositions", block="value_propositions", columns=(
    Col("id", "id", ID), Col("name", "name", TEXT), Col("description", "description", TEXT),
    Col("products", "products", LINES),
    *(Col(f"value_types:{t}", f"values.{t}", LINES) for t in ids("value_types")),
    Col("pains_relieved", "pains_relieved", LINES), Col("gains_created", "gains_created", LINES),
    *evidence_columns()))
COLUMNS = "value_map_columns"  # the setting that keeps the segment columns' headers as written
MAP = Table("value_map", "value_map", block="value_propositions",
            columns=(Col("id", "id", ID), Col("name", "name", NameOf("value_propositions"))))
SEGMENTS = Col("segments", "segments", Refs("segments"))  # the map as a list (matrix.listed)


def write(book: Book) -> None:
    ws = table.write(book, TABLE, list(TABLE.columns), book.v.model.value_propositions)
    book.name_list("value_propositions", ws, 2, 4, ws.max_row)  # the value map's dropdown of names
    v = book.v
    if matrix.listed(v):
        book.notes[matrix.LISTED] = True
        ws = table.write(book, MAP, list(MAP.columns) + [SEGMENTS], v.model.value_propositions)
        page_setup(ws, landscape=False, title_rows="3:3")
        return
    columns = list(MAP.columns) + [Col(h, "segments", Member(key=s.id), literal=True)
                                   for h, s in matrix.segment_headers(v)]
    ws = table.write(book, MAP, columns, v.model.value_propositions)
    matrix.record_headers(book, ws, columns, COLUMNS)
    first = len(MAP.columns) + 1
    for c in range(first, len(columns) + 1):
        ws.column_dimensions[get_column_letter(c)].width = max(ws.column_dimensions[get_column_letter(c)].width, 14)
    matrix.shade_marks(ws, 4, ws.max_row, first, len(columns))
    page_setup(ws, landscape=len(columns) > 6, title_rows="3:3")


def read(rd: Reader) -> None:
    entries = keep(rd, "value_propositions", rows_of(table.read(rd, TABLE, list(TABLE.columns))), "vp")
    for e in entries:
        e.update(segments=[], values=e.get("values", {}))
    _read_map(rd, entries)
    rd.index("value_propositions", entries)  # the Relievers & creators sheet names them


def _read_map(rd: Reader, entries: list[dict]) -> None:
    listed = rd.setting(matrix.LISTED, False)
    found = table.read(rd, MAP, list(MAP.columns) + ([SEGMENTS] if listed else []),
                       dynamic=matrix.segment_column(rd, COLUMNS, lambda seg: ("segments", Member(key=seg))))
    if found is None:
        return
    matrix.require_segments(rd, found, COLUMNS)
    by_id = {e["id"]: e for e in entries}
    by_name = {norm(e["name"]): e for e in entries if e.get("name")}
    shown = rd.setting("value_propositions_shown", {})  # names as built
    seen = set()
    position = {id(e): i for i, e in enumerate(entries)}  # an entry's index, without a search per row
    for r in found.rows:
        entry = by_id.get(r.data.get("id")) or (by_name.get(norm(r.data["name"])) if r.data.get("name") else None)
        # the name column may have been deleted (said as a missing column): point at the row's first cell
        name_at = At(found.sheet.title, r.row, next((c for c, col in found.columns.items() if col.field == "name"), 1))
        if entry is None:
            if not r.data.get("name") and not r.data.get("segments"):
                continue
            close = difflib.get_close_matches(norm(r.data.get("name") or ""), list(by_name), n=1, cutoff=0.75)
            if close:  # most likely the proposition of that name, mistyped: added, and said so
                rd.warn(name_at, "new_like", value=r.data["name"], name=by_name[close[0]]["name"],
                        sheet=rd.label("value_propositions"))
            entry = {"id": r.data.get("id"), "name": r.data.get("name"), "segments": [], "values": {}}
            give_ids([entry], "vp", set(by_id) | shown_ids(rd, "value_propositions"))
            entries.append(entry)
            position[id(entry)] = len(entries) - 1
            by_id[entry["id"]] = entry
            rd.where[("value_propositions", len(entries) - 1, "name")] = str(name_at)
        elif r.data.get("name") and entry.get("name") and norm(r.data["name"]) not in (
                norm(entry["name"]), norm(shown.get(entry["id"], ""))):  # renamed on its sheet: fine
            rd.warn(name_at, "name_differs", value=r.data["name"], name=entry["name"],
                    sheet=rd.label("value_propositions"))
        seen.add(entry["id"])
        entry["segments"] = r.data.get("segments", [])
        index = position[id(entry)]
        for path, at in r.places.items():
            if path[0] == "segments":
                rd.where[("value_propositions", index, "segments")] = str(at)
    built = {p.get("id"): p for p in (rd.built or {}).get("value_propositions", []) if isinstance(p, dict)}
    for e in entries:
        if e["id"] not in seen and built.get(e["id"], {}).get("segments"):
            rd.warn(At(found.sheet.title, found.header, 1), "row_missing", name=e.get("name") or e["id"])
