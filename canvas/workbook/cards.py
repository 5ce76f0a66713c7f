"""Card sheets, declared once: sections of label/value pairs (the overview, a persona).

A card is written as a band per section and its pairs, two to a row (label, value, label,
value) or one to a row when the value runs long. It is read back by finding each label, in
either language, wherever rows were inserted or moved: the value is the cell to its right.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .book import Book
from .kinds import Kind, Lines
from .kit import merge, put
from .reader import At, Reader
from .table import assign, get


@dataclass(frozen=True)
class Pair:
    label: str         # label key
    field: str         # dotted path in the entry
    kind: Kind
    wide: bool = False  # the value spans the whole row
    italic: bool = False
    later: bool = False  # newer than some workbooks: one made before it lacks it, and loses nothing


@dataclass(frozen=True)
class Section:
    label: str | None  # label key of the section's band (None: no band)
    pairs: tuple[Pair, ...]


def write(book: Book, ws, sections: tuple[Section, ...], entry: Any, *, row: int, columns: int = 2,
          span: int | None = None, sheets: str | None = None) -> int:
    """Write `entry`'s card from `row`; returns the next free row. `columns`: pairs per row;
    `span`: the sheet columns the card covers (a row's last value reaches the last of them);
    `sheets`: what the Instructions sheet calls the sheets of such cards (default: this one's name)."""
    th = book.th
    span = span or 2 * columns
    for section in sections:
        if section.label:
            put(ws, row, 1, book.v.label(section.label), font=th.header_font, fill=th.header_fill)
            for col in range(2, span + 1):
                put(ws, row, col, "", fill=th.header_fill)
            merge(ws, start_row=row, start_column=1, end_row=row, end_column=span)
            row += 1
        queue = list(section.pairs)
        while queue:
            chunk = [queue.pop(0)]
            while not chunk[0].wide and len(chunk) < columns and queue and not queue[0].wide:
                chunk.append(queue.pop(0))
            for j, pair in enumerate(chunk):
                put(ws, row, 1 + 2 * j, book.v.label(pair.label), bold=True, fill=th.block_fill)
                font = book.font("quote", italic=True, size=12, color=th.accent) if pair.italic else None
                book.entry(ws, row, 2 + 2 * j, get(entry, pair.field, pair.kind), pair.kind, font=font)
                pair.kind.validate(book, ws, ws.cell(row=row, column=2 + 2 * j).coordinate)
                book.place(pair.kind, sheets or ws.title, book.v.label(pair.label))
            if book.v.blank and any(isinstance(p.kind, Lines) or p.wide for p in chunk):
                ws.row_dimensions[row].height = 32  # room to write a few lines in
            if 2 * len(chunk) < span:  # the last value of a short row spans the rest of it
                first = 2 * len(chunk)
                for col in range(first + 1, span + 1):
                    put(ws, row, col, "")
                merge(ws, start_row=row, start_column=first, end_row=row, end_column=span)
            row += 1
    return row


def locate(rd: Reader, sheet, sections: tuple[Section, ...], *, columns: int = 2, first_row: int = 1,
           last_row: int | None = None) -> dict[str, tuple[int, int]]:
    """label key -> (row, column) of its value, for the labels of a card found on the sheet."""
    pairs = {p.label for s in sections for p in s.pairs}
    found: dict[str, tuple[int, int]] = {}
    for row in sheet.rows(first_row, last_row):
        for col in range(1, 2 * columns, 2):
            key = rd.key_of(sheet.cell(row, col).value)
            if key in pairs and key not in found:
                found[key] = (row, col + 1)
    return found


def read(rd: Reader, sheet, sections: tuple[Section, ...], *, columns: int = 2, first_row: int = 1,
         last_row: int | None = None) -> tuple[dict[str, Any], dict[tuple, At]]:
    """(entry data, where each value was read) of a card; missing labels are errors (but for the
    pairs older workbooks lack)."""
    pairs = {p.label: p for s in sections for p in s.pairs}
    bands = {s.label for s in sections if s.label}
    found = locate(rd, sheet, sections, columns=columns, first_row=first_row, last_row=last_row)
    for row in sheet.rows(first_row, last_row):
        for col in range(1, 2 * columns, 2):
            key = rd.key_of(sheet.cell(row, col).value)
            if key in bands or (key in found and found[key] == (row, col + 1)):
                rd.claim(sheet, row, col)
    data: dict[str, Any] = {}
    places: dict[tuple, At] = {}
    for key, pair in pairs.items():
        if key not in found:
            if not pair.later:
                rd.error(At(sheet.title, first_row, 1), "label_missing", label=rd.label(key))
            continue
        row, col = found[key]
        value = rd.read(sheet, row, col, pair.kind)
        places[tuple(pair.field.split("."))] = At(sheet.title, row, col)
        assign(data, pair.field, pair.kind, value)
    return data, places
