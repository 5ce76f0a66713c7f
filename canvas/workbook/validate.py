"""Validate imported data against the model and say what is wrong in the workbook's language, at
the cell each value came from, together with every reading problem (one round, one message per
problem)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import InputError, Problem, Said
from ..loader import check_references, owner_mismatches
from ..model import BusinessModel
from ..schema import bounds
from ..source import Source
from ..view import labels
from .merge import shown
from .reader import Reader


def validate(rd: Reader, data: dict[str, Any]) -> tuple[BusinessModel | None, list[Problem]]:
    problems = list(dict.fromkeys(rd.problems))
    taken = {p.place for p in problems if p.place}
    found = []
    try:
        model = BusinessModel.model_validate(data)
    except ValidationError as e:
        model = None
        found = [_problem(rd, err) for err in e.errors()]
    cells = _Cells(rd, data)
    found += list(check_references(cells, owners=False, lang=rd.lang))  # what the loader checks across blocks
    segments = {e.get("id") for e in data.get("segments") or [] if isinstance(e, dict)}
    names = {c: {e.get("id"): shown(e.get("name"), rd.lang) for e in data.get(c) or [] if isinstance(e, dict)}
             for c in ("segments", "personas")}
    for path, persona, own, segment in owner_mismatches(data, segments):
        found.append(cells.problem(path, rd.say("owner_mismatch", persona=names["personas"].get(persona, persona),
                                                own=names["segments"].get(own, own),
                                                segment=names["segments"].get(segment, segment))))
    for problem in found:
        if not (problem.place and problem.place in taken):  # already said about this cell
            problems.append(problem)
            taken.add(problem.place)
    return (None if problems else model), problems


class _Cells(Source):
    """The imported data as the loader's reference checks see a YAML file; their problems point
    at the cells the values came from."""

    def __init__(self, rd: Reader, data: dict[str, Any]):
        super().__init__(rd.file, data)
        self.rd = rd

    def problem(self, path, message: str, *, key: bool = False) -> Problem:
        place = cell_of(self.rd, path)
        return Problem(self.rd.file, 0, 0, message if place else f"{'.'.join(map(str, path))}: {message}", place=place)

    def duplicate(self, path, first, *, id: str, collection: str, lang: str) -> Problem:
        return self.problem(path, self.rd.say("duplicate_id", id=id, first=cell_of(self.rd, first) or "?"))


def cell_of(rd: Reader, path) -> str:
    """The cell the value at `path` (or its nearest ancestor with one) was read from, or ''."""
    probe = tuple(path)
    while probe and probe not in rd.where:
        probe = probe[:-1]
    return rd.where.get(probe, "")


def loads_back(rd: Reader, text: bytes, target: Path) -> list[Problem]:
    """What the loader (as `canvas build` runs it) finds wrong with `text`, the YAML import is about
    to write at `target` (image paths are checked against its folder), at the workbook's cells.
    validate() checks the data; this checks the file, so what import writes always loads."""
    from ..loader import loads
    from ..source import parse

    try:
        loads(text, str(target), base_dir=target.parent, lang=rd.lang)
        return []
    except InputError as e:
        found = e.problems
    try:
        source = parse(text.decode("utf-8"), str(target), rd.lang)
        paths = {**{at: path for path, at in source.keys.items()}, **{at: path for path, at in source.values.items()}}
    except InputError:
        paths = {}
    out = []
    for problem in found:
        place = cell_of(rd, paths[(problem.line, problem.column)]) if (problem.line, problem.column) in paths else ""
        out.append(Problem(rd.file, 0, 0, problem.message, place=place) if place else
                   Problem(rd.file, 0, 0, rd.say("would_not_load", problem=str(problem))))
    return out


def _problem(rd: Reader, err: dict[str, Any]) -> Problem:
    loc = tuple(err["loc"])
    place = cell_of(rd, loc)
    # the field's label: the last name of the path that has one (a strength's path ends in a segment id)
    name = next((p for p in reversed(loc) if isinstance(p, str) and p in labels()),
                next((p for p in reversed(loc) if isinstance(p, str)), "model"))
    field = rd.label(name) if name in labels() else name
    kind, ctx = err["type"], err.get("ctx", {})
    if kind == "missing":
        message = rd.say("required", field=field)
    elif kind in ("greater_than_equal", "less_than_equal"):
        low, high = bounds(loc)
        key = "between" if low is not None and high is not None else "at_least" if low is not None else "at_most"
        message = rd.say(key, field=field, low=_num(low), high=_num(high), value=_num(err.get("input")))
    elif kind == "string_pattern_mismatch" and name in ("id", "segment", "persona", "stage"):
        message = rd.say("bad_id", value=err.get("input"))
    elif kind in ("int_from_float", "int_parsing"):
        message = rd.say("not_whole", field=field)
    elif kind in ("value_error", "assertion_error"):
        error = ctx.get("error", err["msg"])
        message = str(error)
        message = (rd.say(VALIDATORS[message]) if message in VALIDATORS
                   else error.say(rd.lang) if isinstance(error, Said) else message)
    else:
        message = f"'{field}': {err['msg'][0].lower()}{err['msg'][1:]}"
    if not place:
        message = f"{'.'.join(map(str, loc))}: {message}"
    return Problem(rd.file, 0, 0, message, place=place)


# The model's own validators, as messages in the workbook's language.
VALIDATORS = {"a journey needs a 'persona' or a 'segment'": "journey_owner",
              "a funnel stage needs a 'stage' id or a 'name'": "funnel_name"}


def _num(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value
