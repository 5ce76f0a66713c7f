"""One module per sheet of the workbook; each declares its layout once and has `write(book)` and
`read(rd)`, both derived from that declaration. canvas/workbook/__init__.py lists them in order."""
from __future__ import annotations

import re
from typing import Any

from ...evidence import FIELDS
from ...view import labels
from ...vocab import LANGUAGES
from ..cards import Pair
from ..kinds import TEXT, Vocab
from ..table import Col, Found, Row

# An entry's evidence (model.Importance, Confidence, Source): the same columns, or card rows, on
# every sheet of entries that have it, after the entry's other fields. Workbooks made before it
# lack them, and lose nothing.
EVIDENCE_KINDS = {"importance": Vocab("importance"), "confidence": Vocab("confidence"), "source": TEXT}
assert tuple(EVIDENCE_KINDS) == FIELDS


def computed_sheet(book, title: str, role: str, heading: str, note: str, headers: tuple[str, ...], *,
                   wrapped: bool = False):
    """A sheet canvas works out at every build (the Fit, the Assumptions): locked, its heading on
    row 1, a note on row 2 (with `wrapped`, across the table's width, wrapped), the headers (label
    keys) on row 3; every cell recorded as canvas's output, so a change made to it is reported.
    Returns the sheet; its rows start at 4."""
    from ..kit import merge

    v, out, th = book.v, book.output, book.th
    ws = book.sheet(title)
    book.role(ws, role)
    book.protected.add(ws.title)
    out(ws, 1, 1, heading, font=th.title_font, border=False, wrap=False)
    ws.row_dimensions[1].height = 24  # the title's font, clear of the note under it
    out(ws, 2, 1, note, border=False, wrap=wrapped)
    if wrapped:
        merge(ws, start_row=2, start_column=1, end_row=2, end_column=len(headers))
        ws.row_dimensions[2].height = 45
    for c, key in enumerate(headers, start=1):
        out(ws, 3, c, v.label(key), font=th.header_font, fill=th.header_fill)
    return ws


def evidence_columns(*have: str) -> tuple[Col, ...]:
    """The evidence columns of a table, but those it `have`s already (a pain's importance)."""
    return tuple(Col(k, k, kind, later=True) for k, kind in EVIDENCE_KINDS.items() if k not in have)


def evidence_pairs() -> tuple[Pair, ...]:
    """The evidence rows of a card."""
    return tuple(Pair(k, k, kind, later=True) for k, kind in EVIDENCE_KINDS.items())


def titles(key: str) -> tuple[str, ...]:
    """A sheet's title in every language (to find it when its defined name is gone)."""
    return tuple(labels()[key][lang] for lang in LANGUAGES)


def give_ids(entries: list[dict[str, Any]], prefix: str, taken: set[str] | None = None) -> None:
    """Entries typed without an id get one: their name if it is a valid id, else prefix + number."""
    taken = set(taken or ()) | {e["id"] for e in entries if isinstance(e.get("id"), str)}
    n = 1
    for e in entries:
        if e.get("id"):
            continue
        name = str(e.get("name") or "")
        candidate = re.sub(r"[^A-Za-z0-9_]+", "_", name.strip().lower()).strip("_")[:40]
        if not re.match(r"^[a-z][a-z0-9_]*$", candidate) or candidate in taken:
            while f"{prefix}{n}" in taken:
                n += 1
            candidate = f"{prefix}{n}"
        e["id"] = candidate
        taken.add(candidate)


def shown_ids(rd, block: str) -> set[str]:
    """Ids the workbook showed when it was made: a new entry must not take one (its matrix
    columns and references would point at it)."""
    return set(rd.setting(f"{block}_shown", {}) or {}) | {e.get("id") for e in (rd.built or {}).get(block) or []
                                                            if isinstance(e, dict)}


def cleared_ids(rd, block: str, rows) -> None:
    """A row whose id was cleared while its name is still an entry's name as built: an error (a
    new id would make it a new entry)."""
    from ..kinds import norm

    shown = rd.setting(f"{block}_shown", {}) or {}
    present = {r.data.get("id") for r in rows}
    by_name = {norm(name): known for known, name in shown.items() if name and known not in present}
    for r in rows:
        known = by_name.get(norm(r.data.get("name") or "")) if not r.data.get("id") else None
        if known and ("id",) in r.places:
            rd.error(r.places[("id",)], "id_gone", id=known)


def keep(rd, block: str, rows: list[Row], prefix: str) -> list[dict[str, Any]]:
    """Rows read (of a table, or a card sheet each) as the block's entries, with ids; each value's
    cell recorded."""
    entries = [r.data for r in rows]
    cleared_ids(rd, block, rows)
    give_ids(entries, prefix, shown_ids(rd, block))
    for i, r in enumerate(rows):
        r.place(rd, (block, i))
    rd.data[block] = entries
    return entries


def rows_of(found: Found | None) -> list[Row]:
    return [] if found is None else found.rows


def entry_rows(rd, found: Found | None, role: str, owner: str):
    """(kind, owner, row) of each row of a table whose rows name the kind of entry they hold (its
    'entry' column: a job, a pain...) and whose entry it is (a segment, a proposition). A row
    without either is refused, with an error at the empty cell (a wrong value was said when it
    was read): the message <role>_<entry|owner>_missing."""
    from ..kinds import as_text

    for r in rows_of(found):
        kind, whose = r.data.pop("entry", None), r.data.pop(owner, None)
        missing = "entry" if kind is None else owner if whose is None else None
        if missing:
            at = r.places.get((missing,))
            if at is None or not as_text(found.sheet.cell(at.row, at.col).value):
                rd.error(at, f"{role}_{missing}_missing")
            rd.refused.add((found.sheet.title, r.row))
            continue
        yield kind, whose, r


def card_entry(rd, sheet, role: str, block: str, data: dict, places: dict, seen: set) -> Row:
    """One card sheet's entry (a persona, a journey) as a row. Clearing the id of the entry the
    sheet showed when built is an error: a new id would make it a new entry."""
    seen.add(data.get("id"))
    was = rd.built_entry(sheet, role, block).get("id")
    if was and not data.get("id") and ("id",) in places:
        rd.error(places[("id",)], "id_gone", id=was)
        seen.add(was)
    return Row(0, data, places)


def gone(rd, block: str, seen: set) -> None:
    """Name the entries the workbook was built with whose card sheet is gone."""
    for entry in (rd.built or {}).get(block) or []:
        if isinstance(entry, dict) and entry.get("id") not in seen:
            rd.warn(None, "entry_gone", name=entry.get("id"))
