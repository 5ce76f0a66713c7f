"""The hidden settings sheet: what the visible sheets do not show, so import loses nothing. The
format version, language, calendar and digits, the date as written, brand and custom stages,
names as built (import still resolves them after a rename), what canvas wrote in the views and
output cells (import tells an edit from what it wrote), and the whole model (the other
language's text comes back from it)."""
from __future__ import annotations

import json

from ..book import Book
from ..kit import put, sheet_title
from ..reader import SETTINGS

# blocks of the model no visible sheet shows, kept here as JSON and read back as they are
KEPT = ("brand", "custom_stages", "checks")
LAYOUT = 2  # version of the workbook layout (1: before the one-declaration workbook)
CHUNK = 30_000  # a cell holds 32,767 characters


def write(book: Book) -> None:
    v, m = book.v, book.v.model
    ws = book.wb.create_sheet(sheet_title("canvas", book.taken))
    ws.sheet_state = "hidden"
    ws.sheet_view.rightToLeft = v.rtl
    book.role(ws, SETTINGS)
    kept = {key: m.model_dump(mode="json", exclude_none=True, include={key}).get(key) for key in KEPT}
    values = [
        ("format_version", m.version), ("layout", LAYOUT), ("workbook_language", v.lang),
        ("language", m.meta.language), ("calendar", m.meta.calendar or ""), ("digits", m.meta.digits or ""),
        ("date_written", m.meta.date.text if m.meta.date else ""), ("date_shown", v.date),
        *((key, _json(value) if value else "") for key, value in kept.items()),
        *((f"{block}_shown", _json({x.id: v.t(x.name) for x in getattr(m, block)}))
          for block in ("segments", "channels", "personas", "value_propositions")),
        *((key, _json(value)) for key, value in sorted(book.notes.items())),
        ("outputs", _json(book.outputs)),
    ]
    if not v.blank:  # the whole model, so import keeps the other language's text
        text = _json(m.model_dump(mode="json", exclude_none=True))
        values += [(f"model_json_{n}", text[start:start + CHUNK])
                   for n, start in enumerate(range(0, len(text), CHUNK), start=1)]
    for row, (key, value) in enumerate(values, start=1):
        put(ws, row, 1, key, border=False, wrap=False)
        put(ws, row, 2, value, border=False, wrap=False)


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
