"""Table sheets, declared once: a title, a header row of columns of known kinds, a row per entry.

The same declaration writes the sheet and reads it back. Reading finds the header row by the
sheet's defined name (or by its labels), each column by its header in either language (so a
column may be moved), and reports a missing column as an error and an unknown one as a warning.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..view import labels
from ..vocab import LANGUAGES, vocabularies
from .book import Book, column_ref
from .kinds import Kind, Member, as_text, norm
from .kit import add_table, fit_columns, header_row, page_setup, put, unique_headers
from .reader import At, Reader

BLANK_ROWS = 8  # empty rows per table in a blank worksheet
HEADER_ROW = 3  # where the writer puts it; a reader finds it wherever rows were inserted
WIDE, NARROW = 170, 110  # landscape / portrait A4 widths (characters) that print at a readable scale


@dataclass(frozen=True)
class Col:
    """A column: its header (a label key, 'vocabulary:id' for a vocabulary's label, or the text
    itself when `literal`), the dotted path of its value in an entry, and its kind."""

    header: str
    field: str
    kind: Kind
    literal: bool = False
    aliases: tuple[str, ...] = ()  # label keys of headers older workbooks used
    later: bool = False  # newer than some workbooks: one made before it lacks it, and loses nothing

    def text(self, lang: str) -> str:
        if self.literal:
            return self.header
        if ":" in self.header:
            vocabulary, key = self.header.split(":", 1)
            return vocabularies()[vocabulary][key][lang]
        return labels()[self.header][lang]

    def matches(self, header: str) -> bool:
        if self.literal:
            return norm(header) == norm(self.header)
        known = {norm(Col(h, "", self.kind).text(lang)) for h in (self.header, *self.aliases) for lang in LANGUAGES}
        return norm(header) in known


@dataclass(frozen=True)
class Table:
    role: str                 # defined name canvas_<role>, Excel table tbl_<role>
    title: str                # label key of the sheet's title
    columns: tuple[Col, ...]
    landscape: bool = True
    block: str | tuple[str, ...] = ""  # the model block(s) it holds (to say what is lost if the sheet is gone)
    keys: tuple[str, ...] = ("id",)  # fields that alone do not make a row (ids pre-filled in a blank)


def get(entry: Any, path: str, kind: Kind) -> Any:
    """The value at a dotted path of a model entry (attributes, then mapping keys)."""
    value = entry
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else getattr(value, part, None)
        if value is None:
            break
    if isinstance(kind, Member):
        return kind.key in (value or [])
    return value


def assign(data: dict, path: str, kind: Kind, value: Any) -> None:
    """Put a value read from a cell at a dotted path of an entry's data."""
    *parents, last = path.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    if isinstance(kind, Member):
        data.setdefault(last, [])
        if value:
            data[last].append(kind.key)
    elif value not in (None, [], {}):
        data[last] = value


def write(book: Book, table: Table, columns: list[Col], entries: list, *, blank_rows: int = BLANK_ROWS):
    """The sheet of `table` with a row per entry (empty rows to type into as well); returns it."""
    v = book.v
    ws = book.sheet(v.label(table.title))
    put(ws, 1, 1, v.label(table.title), font=book.th.title_font, border=False, wrap=False)
    header_row(ws, HEADER_ROW, unique_headers([c.text(v.lang) for c in columns]), book.th)
    book.role(ws, table.role, HEADER_ROW, 1)
    last = write_rows(book, ws, HEADER_ROW, columns, entries, blank_rows=blank_rows)
    ws.freeze_panes = f"B{HEADER_ROW + 1}"
    add_table(ws, f"tbl_{table.role}", HEADER_ROW, last, len(columns))
    # a blank's empty columns get room to write in; a built one's fit what they hold
    fit_columns(ws, minimum=16 if v.blank else 8, budget=WIDE if table.landscape else NARROW, min_row=HEADER_ROW)
    page_setup(ws, landscape=table.landscape, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    return ws


def write_rows(book: Book, ws, header: int, columns: list[Col], entries: list, *, blank_rows: int = BLANK_ROWS,
               first_col: int = 1) -> int:
    """The rows of a table under its `header` row: one per entry, and empty ones to type into (a
    blank's `blank_rows`, else one), with their kinds' dropdowns; returns the last row."""
    v = book.v
    rows = len(entries) + max((blank_rows if v.blank else 1) - len(entries), 0)
    for r in range(rows):
        entry = entries[r] if r < len(entries) else None
        for c, col in enumerate(columns, start=first_col):
            value = get(entry, col.field, col.kind) if entry is not None and col.field else None
            if col.field:
                book.entry(ws, header + 1 + r, c, value, col.kind)
            else:
                put(ws, header + 1 + r, c, "", center=col.kind.center)
    last = header + rows
    for c, col in enumerate(columns, start=first_col):  # dropdowns, ranges and hints of the cells' kinds
        if col.field:
            col.kind.validate(book, ws, column_ref(c, header + 1, last))
        book.place(col.kind, ws.title, v.label("per_segment") if col.literal else col.text(v.lang))
    return last


@dataclass
class Row:
    """One data row read: its row number, its entry data, and the cell of each value read."""

    row: int
    data: dict[str, Any]
    places: dict[tuple, At] = field(default_factory=dict)

    def place(self, rd: Reader, prefix: tuple) -> None:
        """Record where this entry's values came from, now that its place in the model is known;
        the entry as a whole is its row's first cell."""
        for path, at in self.places.items():
            rd.where[prefix + path] = str(at)
        if self.places:
            rd.where.setdefault(prefix, str(min(self.places.values(), key=lambda a: a.col)))


@dataclass
class Found:
    """A table as read: its sheet, header row, columns by position, and its data rows."""

    sheet: Any
    header: int
    columns: dict[int, Col]
    rows: list[Row]


def read(rd: Reader, table: Table, columns: list[Col], *,
         dynamic: Callable[[str], Col | None] | None = None,
         stop: Callable[[Any, int], bool] | None = None) -> Found | None:
    """The rows of `table`'s sheet (None if the sheet is missing); `dynamic` turns a header no
    declared column has (a segment's name) into a column; `stop` ends the rows early."""
    sheet = rd.sheet(table.role, *(labels()[table.title][lang] for lang in LANGUAGES))
    if sheet is None:
        rd.absent(table.title, table.block)
        return None
    header = _header_row(rd, table, sheet, columns)
    found = read_rows(rd, sheet, header, columns, keys=table.keys, dynamic=dynamic, stop=stop)
    for row in sheet.rows(1, header - 1):  # the title above the table
        for col, cell in sheet.row(row).items():
            if rd.key_of(cell.value) == table.title:
                rd.claim(sheet, row, col)
    return found


def read_rows(rd: Reader, sheet, header: int, columns: list[Col], *, keys: tuple[str, ...] = ("id",),
              dynamic: Callable[[str], Col | None] | None = None,
              stop: Callable[[Any, int], bool] | None = None) -> Found:
    """The rows of a table whose headers are on row `header` of `sheet` (see `read`); `keys` are
    the fields that alone do not make a row."""
    found: dict[int, Col] = {}
    for col in sorted(sheet.row(header)):  # every loop walks the cells present, however far apart
        text = as_text(rd.claim(sheet, header, col).value)
        if not text or not text.strip():
            continue
        match = next((c for c in columns if c.matches(text) and c not in found.values()), None)
        if match is None and dynamic is not None:
            match = dynamic(text)
        if match is None:  # reported by its header (an empty one loses nothing: no word)
            filled = [r for r, cell in sorted(sheet.column(col).items()) if r > header and as_text(cell.value)]
            for r in filled:
                rd.claim(sheet, r, col)
            if filled:
                rd.warn(At(sheet.title, header, col), "column_unknown", header=text.strip(), n=len(filled))
                rd.unread_columns.add((sheet.title, col))
            continue
        found[col] = match
    for c in columns:  # a computed column may go: nothing typed is lost with it
        if c.field and c not in found.values() and not (c.literal and dynamic is not None) and not c.later:
            rd.error(At(sheet.title, header, 1), "column_missing", header=c.text(rd.lang))
    rows = []
    for r in sheet.rows(header + 1):
        if stop is not None and stop(sheet, r):
            break
        present = sheet.row(r)
        if not any(as_text(cell.value) or cell.formula for col, cell in present.items()
                   if col in found and found[col].field and found[col].field not in keys):
            for col in present:  # an id or name alone: an unused row
                if col in found:
                    rd.claim(sheet, r, col)
            continue
        row = Row(r, {})
        for col, c in found.items():
            if c.literal and col not in present:  # an empty cell of a column per segment: nothing to read
                continue
            if not c.field:
                rd.read(sheet, r, col, c.kind)
                continue
            value = rd.read(sheet, r, col, c.kind)
            path = tuple(int(p) if p.isdigit() else p for p in c.field.split("."))
            row.places[path] = At(sheet.title, r, col)
            assign(row.data, c.field, c.kind, value)
        rows.append(row)
    return Found(sheet, header, found, rows)


def _header_row(rd: Reader, table: Table, sheet, columns: list[Col]) -> int:
    """The row of the headers: where the defined name points, else the row matching most headers."""
    anchor = rd.anchor(table.role)
    if anchor is not None:
        return anchor[0]

    def score(row: int) -> int:
        return sum(any(c.matches(text) for c in columns) for cell in sheet.row(row).values()
                   if (text := as_text(cell.value)))

    best = max(sheet.rows(1, 20), key=score, default=HEADER_ROW)
    return best if score(best) else HEADER_ROW
