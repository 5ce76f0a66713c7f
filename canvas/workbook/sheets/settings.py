"""The hidden settings sheet: what the visible sheets do not show, so import loses nothing. The
format version, language, calendar and digits, the date as written, brand and custom stages,
names as built (import still resolves them after a rename), what canvas wrote in the views and
output cells (import tells an edit from what it wrote), and the whole model (the other
language's text comes back from it)."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Annotated, Any

from pydantic import StringConstraints, TypeAdapter, ValidationError

from ...model import BusinessModel
from ..book import Book
from ..kit import put, sheet_title
from ..reader import SETTINGS, Reader, numbered
from . import channels, matrix, value_propositions

# blocks of the model no visible sheet shows, kept here as JSON and read back as they are
KEPT = ("brand", "custom_stages", "checks")
SHOWN = ("segments", "channels", "personas", "value_propositions")  # their names as built: {id: name}
LAYOUT = 2  # version of the workbook layout (1: before the one-declaration workbook)
CHUNK = 30_000  # a cell holds 32,767 characters
CELL = 32_767   # the most a cell holds (Excel): a longer setting was not written by canvas
MODEL = "model_json_"  # the model's copy, in chunks model_json_1, model_json_2...
OUTPUTS = "outputs_"  # what canvas wrote in output cells, in chunks when it is longer than a cell

_Coordinate = Annotated[str, StringConstraints(pattern=r"^[A-Z]{1,3}[1-9][0-9]{0,6}$")]
_SegmentType = Annotated[str, StringConstraints(pattern=r"^[^|]+\|[^|]+$")]  # 'segment id|relationship type'

# What each JSON setting holds, as `write` puts it there; import refuses any other shape at its cell.
SHAPES: dict[str, Any] = {
    **{key: BusinessModel.model_fields[key].annotation for key in KEPT},
    **{f"{block}_shown": dict[str, str] for block in SHOWN},
    **{f"{block[:-1]}_names": dict[str, str] for block in SHOWN},  # a workbook of an earlier canvas: {name: id}
    "canvas_boxes": dict[str, list[str]], "relationship_matrix": dict[_SegmentType, str],
    channels.COLUMNS: dict[str, str], value_propositions.COLUMNS: dict[str, str],
    matrix.LISTED: bool, "outputs": dict[str, dict[_Coordinate, str]],
}


# The plain settings, as `write` puts them there (a workbook of a newer canvas, or a language
# typed over, is an error at its cell: import would otherwise go on with what it guessed).
PLAIN: dict[str, tuple[str, ...]] = {
    "format_version": ("1",), "layout": tuple(str(n) for n in range(1, LAYOUT + 1)),
    "workbook_language": ("fa", "en"), "language": ("fa", "en"),
    "calendar": ("", "jalali", "gregorian"), "digits": ("", "persian", "latin"),
}


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
        *((f"{block}_shown", _json({x.id: v.t(x.name) for x in getattr(m, block)})) for block in SHOWN),
        *((key, _json(value)) for key, value in sorted(book.notes.items())),
    ]
    outputs = _json(book.outputs)  # in chunks too when long (many segments' fit tables): outputs_1, outputs_2...
    values += [("outputs", outputs)] if len(outputs) <= CHUNK else [
        (f"{OUTPUTS}{n}", outputs[start:start + CHUNK]) for n, start in enumerate(range(0, len(outputs), CHUNK), start=1)]
    if not v.blank:  # the whole model, so import keeps the other language's text
        text = _json(m.model_dump(mode="json", exclude_none=True))
        values += [(f"{MODEL}{n}", text[start:start + CHUNK])
                   for n, start in enumerate(range(0, len(text), CHUNK), start=1)]
    for row, (key, value) in enumerate(values, start=1):
        put(ws, row, 1, key, border=False, wrap=False)
        put(ws, row, 2, value, border=False, wrap=False)


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def read(rd: Reader) -> None:
    """Read the JSON settings into `rd.json` and the model's copy into `rd.built`. A setting that is
    not what canvas wrote (not JSON, nested too deep, too long, of another shape) is an error at
    its cell; a damaged copy of the model is a warning (import goes on without it)."""
    for key, allowed in PLAIN.items():  # (a program may have made the number 1 a 1.0)
        if key in rd.settings and re.sub(r"^(\d+)\.0+$", r"\1", rd.settings[key].strip()) not in allowed:
            rd.error(rd.setting_at[key], "setting_damaged", setting=key, sheet=rd.setting_at[key].sheet)
            del rd.settings[key]  # said once, here: not taken into the model to be refused there again
    pieces = sorted((n, key) for key in rd.settings if (n := numbered(key, OUTPUTS)) is not None)
    if pieces and "outputs" not in rd.settings:  # a long record, in chunks: read as one
        rd.settings["outputs"] = "".join(rd.settings[key] for _, key in pieces)
        rd.setting_at["outputs"] = rd.setting_at[pieces[0][1]]
    for key, shape in SHAPES.items():
        text = rd.settings.get(key)
        if not text:
            continue
        parsed = _parse(text, shape, limit=None if key == "outputs" and pieces else CELL)
        if parsed is None:
            rd.error(rd.setting_at[key], "setting_damaged", setting=key, sheet=rd.setting_at[key].sheet)
            continue
        rd.json[key] = parsed[0]
        if key in KEPT:  # the model's checks of it point here
            rd.where[(key,)] = str(rd.setting_at[key])
    chunks = sorted((n, key) for key in rd.settings if (n := numbered(key, MODEL)) is not None)
    if chunks:
        parsed = _parse("".join(rd.settings[key] for _, key in chunks), BusinessModel, limit=None)
        if parsed is None:
            rd.warn(rd.setting_at[chunks[0][1]], "copy_damaged")
        else:  # as canvas wrote it, whatever else the JSON held
            rd.built = parsed[1].model_dump(mode="json", exclude_none=True)


def _parse(text: str, shape: Any, limit: int | None = CELL) -> tuple[Any, Any] | None:
    """(JSON value of `text`, that value validated as `shape`), or None if it is not one."""
    if limit is not None and len(text) > limit:
        return None
    try:
        value = json.loads(text)
        return value, _adapter(shape).validate_python(value)
    except (ValueError, RecursionError, ValidationError):  # a JSON error is a ValueError
        return None


@lru_cache(maxsize=None)
def _adapter(shape: Any) -> TypeAdapter:
    return TypeAdapter(shape)
