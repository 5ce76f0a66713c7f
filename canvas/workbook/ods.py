"""Read an OpenDocument spreadsheet (.ods, LibreOffice's own format) into a Book, with lxml.

The cells come from content.xml as the OpenDocument standard (part 3, 9.1 and 19.385) defines
them: value types, repeated rows and cells, covered (merged) cells, paragraphs as lines.
odfdo was tried first and dropped: it renders a linked cell as '[text](#url)', counts a
comment's text as part of the cell, expands LibreOffice's million trailing empty rows as it
walks a table, and raises on LibreOffice's own print ranges ('$3:$3').
"""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

from lxml import etree

from .grid import MAX_COLUMNS, Book, Cell, Limits, Sheet, first_cell

_NS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
       "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
       "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
       "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
       "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
       "number": "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0",
       "dc": "http://purl.org/dc/elements/1.1/"}
_T, _O, _X = ("{%s}" % _NS[k] for k in ("table", "office", "text"))
_CELLS = (f"{_T}table-cell", f"{_T}covered-table-cell")


def read_ods(path: Path, limits: Limits) -> Book:
    # no entity is expanded, no DTD loaded (archive.check has refused any part declaring one)
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        content = etree.fromstring(archive.read("content.xml"), parser)
        meta = etree.fromstring(archive.read("meta.xml"), parser) if "meta.xml" in names else None
        styles = etree.fromstring(archive.read("styles.xml"), parser) if "styles.xml" in names else None
    hidden = {s.get(f"{{{_NS['style']}}}name") for s in content.iterfind(".//style:style", _NS)
              if any(p.get(f"{_T}display") == "false" for p in s.iterfind("style:table-properties", _NS))}
    percent = _percent_styles([content] + ([styles] if styles is not None else []))
    sheets = [_sheet(limits, table, hidden, percent) for table in content.iterfind(".//table:table", _NS)]
    language = meta.findtext(".//dc:language", namespaces=_NS) if meta is not None else None
    return Book(sheets, _names(content, limits), language or None)


def _percent_styles(parts) -> set[str]:
    """Cell styles that show numbers as percentages. LibreOffice also marks such a cell's value
    type 'percentage'; Gnumeric says it only through the style."""
    style = "{%s}" % _NS["style"]
    formats = {f.get(f"{style}name") for part in parts for f in part.iterfind(".//number:percentage-style", _NS)}
    return {s.get(f"{style}name") for part in parts for s in part.iterfind(".//style:style", _NS)
            if s.get(f"{style}data-style-name") in formats}


def _column_styles(table) -> list[str | None]:
    """The default cell style of each column, for cells that name none."""
    out: list[str | None] = []
    for column in table.iter(f"{_T}table-column"):
        repeat = int(column.get(f"{_T}number-columns-repeated", "1"))
        out += [column.get(f"{_T}default-cell-style-name")] * min(repeat, MAX_COLUMNS + 1 - len(out))
        if len(out) > MAX_COLUMNS:
            break
    return out


def _sheet(limits: Limits, table, hidden: set, percent: set) -> Sheet:
    title = table.get(f"{_T}name")
    cells: dict[tuple[int, int], Cell] = {}
    columns = _column_styles(table)
    row = 0
    for row_element in table.iter(f"{_T}table-row"):
        repeat = int(row_element.get(f"{_T}number-rows-repeated", "1"))
        col, found = 0, []
        for element in row_element:
            if element.tag not in _CELLS:
                continue
            span = int(element.get(f"{_T}number-columns-repeated", "1"))
            cell = _cell(element) if element.tag == _CELLS[0] else None
            if cell is not None and not cell.percent and isinstance(cell.value, (int, float)):
                styled = element.get(f"{_T}style-name") or (columns[col] if col < len(columns) else None)
                if styled in percent:
                    cell = Cell(cell.value, cell.formula, True)
            if cell is not None:
                limits.place(title, row + 1, col + span, count=0)  # where it reaches; counted with its row
                found += [(col + k + 1, cell) for k in range(span)]
            col += span
        if found:  # a row repeated: its cells count each time, before they are made
            limits.place(title, row + repeat, max(c for c, _ in found), count=len(found) * repeat)
            for r in range(row + 1, row + repeat + 1):
                cells.update({(r, c): cell for c, cell in found})
        row += repeat
    return Sheet(title, cells, table.get(f"{_T}style-name") in hidden)


def _cell(element) -> Cell | None:
    kind = element.get(f"{_O}value-type")
    formula = element.get(f"{_T}formula") is not None
    if kind in ("float", "percentage", "currency"):
        value = _number(element.get(f"{_O}value", ""))
    elif kind == "date":
        value = _date(element.get(f"{_O}date-value", ""))
    elif kind == "boolean":
        value = element.get(f"{_O}boolean-value") == "true"
    elif kind == "time":
        value = element.get(f"{_O}time-value")
    else:
        value = element.get(f"{_O}string-value")
        if value is None:
            lines = [_text(p) for p in element.iterfind("text:p", _NS)]
            value = "\n".join(lines) if lines else None
    if (value is None or value == "") and not formula:
        return None
    return Cell(value, formula, kind == "percentage")


def _number(text: str):
    try:
        number = float(text)
    except ValueError:
        return text or None
    return int(number) if number.is_integer() and "e" not in text.lower() and abs(number) < 2**53 else number


def _date(text: str):
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return text or None


def _text(element) -> str:
    """The text of a paragraph: spaces and tabs as written, a line break as a new line; a note
    (office:annotation) is not part of the cell's text."""
    out = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == f"{_X}s":
            out.append(" " * int(child.get(f"{_X}c", "1")))
        elif tag == f"{_X}tab":
            out.append("\t")
        elif tag == f"{_X}line-break":
            out.append("\n")
        elif tag != f"{_O}annotation":
            out.append(_text(child))
        out.append(child.tail or "")
    return "".join(out)


_RANGE_SHEET = re.compile(r"^\$?(?:'((?:[^']|'')*)'|([^.]+))\.(.*)$")


def _names(content, limits: Limits) -> dict[str, tuple[str, int, int]]:
    names = {}
    defined = list(content.iterfind(".//table:named-expressions/table:named-range", _NS))
    limits.names(len(defined))
    for element in defined:
        match = _RANGE_SHEET.match(element.get(f"{_T}cell-range-address", ""))
        if not match:
            continue
        title = (match.group(1) or "").replace("''", "'") or match.group(2)
        at = first_cell(match.group(3).lstrip("."))
        if at:
            names.setdefault(element.get(f"{_T}name"), (title, *at))
    return names
