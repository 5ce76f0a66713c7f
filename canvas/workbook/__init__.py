"""The Excel workbook, both ways: `render` writes a view of the model into sheets, `read` and
`import_workbook` bring a workbook (built, or a blank filled in any spreadsheet program; .xlsx or
.ods) back into a model. Each sheet's layout is declared once, in canvas/workbook/sheets, and
both directions are derived from it.

The no-silent-loss rule: every cell holding something is read, or is a label or output canvas
wrote, or is reported as FILE.xlsx:Sheet!CELL with what to do.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, Problem
from ..textsafe import clean
from ..view import View
from .book import Book
from .kit import deterministic_bytes, fit_rows
from .sheets import (assumptions, canvas_grid, channels, competitors, economics, fit, funnel, funnels, health, instructions, journey_metrics, journeys,
                     lean, other_blocks, overview, personas, profiles, relationships, relievers, segments, settings,
                     value_propositions)

if TYPE_CHECKING:
    from ..model import BusinessModel
    from .reader import Reader

# The sheets in the order they are written, and the order they are read in: a sheet is read
# after the sheets whose names it refers to; the canvas last, as it adds to every block.
WRITE = (instructions, overview, canvas_grid, lean, segments, personas, value_propositions, profiles, relievers, fit,
         channels, relationships, journeys, journey_metrics, funnel, funnels, competitors, economics, other_blocks,
         assumptions, health)
READ = (overview, segments, channels, personas, value_propositions, profiles, relievers, relationships, funnel,
        funnels, journeys, journey_metrics, competitors, economics, other_blocks, lean, canvas_grid)


def render(view: View) -> bytes:
    """The workbook of `view` as .xlsx bytes (identical for identical input)."""
    return deterministic_bytes(written(view).wb)


def written(view: View) -> Book:
    """The workbook of `view`, every sheet written, not saved yet (feedback adds to it)."""
    book = Book(view)
    for sheet in WRITE:
        sheet.write(book)
    overview.write_contents(book)
    instructions.write_guide(book)
    book.finish_lists()
    settings.write(book)
    if book.lists is not None:  # the hidden dropdown lists go last
        book.wb.move_sheet(book.lists, offset=len(book.wb.sheetnames) - 1 - book.wb.index(book.lists))
    for ws in book.wb.worksheets:
        fit_rows(ws)
        if ws.sheet_state == "visible" and (view.blank or ws.title in book.protected):
            ws.protection.sheet = True  # no password: a teacher or a student can still unprotect it
            ws.protection.formatColumns = ws.protection.formatRows = False  # resizing stays allowed
            ws.protection.insertRows = False
    props = book.wb.properties
    meta = view.model.meta
    props.title = clean(view.t(meta.title))
    props.creator = clean(view.t(meta.author)) or "canvas"
    props.subject = clean(view.t(meta.organisation)) or None
    props.description = clean(view.t(meta.summary))[:1000] or None
    props.keywords = "business model canvas"
    props.language = view.lang
    return book


@dataclass
class Imported:
    """A workbook read back: YAML-ready data, the validated model, and the warnings about cells
    that were not imported (errors raise InputError instead)."""

    data: dict[str, Any]
    model: "BusinessModel"
    warnings: list[Problem] = field(default_factory=list)
    language: str = "en"
    text: bytes = b""  # the YAML to write, as the loader loaded it (when a target was given)


def read(path: str | Path) -> "Reader":
    """Read every sheet of a workbook into `reader.data`, collecting problems and warnings."""
    from .grid import open_book
    from .reader import Reader
    from .sheets import titles
    from .unread import check_outputs, check_unread

    path = Path(path)
    rd = Reader(str(path), open_book(path))
    settings.read(rd)
    if rd.sheet("overview", *titles("overview")) is None and rd.sheet("segments", *titles("segments")) is None:
        raise InputError(Problem(str(path), 0, 0, rd.say("not_canvas")))
    if not rd.settings:
        rd.warn(None, "no_settings")
    rd.data["version"] = 1
    for key in settings.KEPT:
        value = rd.setting(key, None)
        if value:
            rd.data[key] = value
    for sheet in READ:
        sheet.read(rd)
    check_outputs(rd)
    check_unread(rd)
    return rd


def import_workbook(path: str | Path, into: str | Path | None = None, target: str | Path | None = None,
                    header: str = "") -> Imported:
    """The model in a workbook; `into` merges it into an earlier YAML (keeping its other language).
    With a `target`, the YAML to write there (under `header`) is loaded as a build loads it first.
    Every problem of the file is raised together as one InputError."""
    from ..model import BusinessModel
    from ..yaml_out import dumps
    from .merge import keep_added, merge, prune
    from .validate import loads_back, validate

    rd = read(path)
    data = prune(ordered(rd.data, BusinessModel))
    original, original_lang = rd.built, (rd.built or {}).get("meta", {}).get("language")
    if into is not None:
        from ..loader import load

        earlier = load(into)
        original, original_lang = _plain(earlier._source.data), earlier.meta.language
        kept, dropped = keep_added(data, original, rd.built, rd.lang)
        for block, entry in kept:
            rd.warn(None, "into_kept", name=_name(entry, rd.lang), block=rd.label(block), file=into)
        for block, entry in dropped:
            rd.warn(None, "into_dropped", name=_name(entry, rd.lang), block=rd.label(block), file=into)
    if original is not None and original_lang:
        ids = frozenset(e["id"] for block in data.values() if isinstance(block, list)
                        for e in block if isinstance(e, dict) and isinstance(e.get("id"), str))
        data = merge(data, original, rd.lang, original_lang, ids=ids)
        data["meta"]["language"] = original_lang
        for key in settings.KEPT:
            if key in original and key not in data:
                data[key] = original[key]
    model, problems = validate(rd, data)
    if problems and not rd.problems and set(data) <= {"version", "meta"} and set(data.get("meta", {})) <= {"language"}:
        # nothing typed anywhere: one message that says so, at the first cell to fill
        problems = [Problem(rd.file, 0, 0, rd.say("untouched"), place=rd.where.get(("meta", "title"), ""))]
    text = dumps(data, header).encode("utf-8") if target is not None and not problems else b""
    if text:
        problems = loads_back(rd, text, Path(target))
    warnings = list(dict.fromkeys(rd.warnings))
    if problems:  # every problem of the file in one round: the warnings too, in the sheets' order
        raise InputError(sorted(problems + warnings, key=_order(rd)))
    return Imported(data, model, sorted(warnings, key=_order(rd)), rd.lang, text)


def ordered(data: Any, model: Any) -> Any:
    """`data` with every mapping's keys in the order of the model's fields (as a hand-written
    file has them), however the sheets were read."""
    import typing

    from pydantic import BaseModel

    if isinstance(model, type) and issubclass(model, BaseModel) and isinstance(data, dict):
        fields = model.model_fields
        known = {k: ordered(data[k], fields[k].annotation) for k in fields if k in data}
        return {**known, **{k: v for k, v in data.items() if k not in fields}}
    if isinstance(data, list):
        inner = next((a for a in typing.get_args(model) if a is not type(None)), None)
        return [ordered(x, inner) for x in data]
    for arg in typing.get_args(model):  # Optional[X], list[X] inside Optional
        if arg is not type(None):
            return ordered(data, arg)
    return data


def _name(entry: dict, lang: str) -> str:
    from .merge import shown
    return shown(entry.get("name") or entry.get("title") or entry.get("id"), lang)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _order(rd: "Reader"):
    """Problems sorted as a person reads the workbook: sheet by sheet, row by row."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    sheets = {s.title: i for i, s in enumerate(rd.book.sheets)}

    def key(problem: Problem):
        if not problem.place:
            return (-1, 0, 0)
        title, cell = problem.place.rsplit("!", 1)
        letter, row = coordinate_from_string(cell)
        return sheets.get(title, len(sheets)), row, column_index_from_string(letter)
    return key
