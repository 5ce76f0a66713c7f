"""Load a YAML model: parse with positions, validate, resolve references, report every problem."""
from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Iterator

from pydantic import ValidationError

from .blocks import COLLECTIONS, REFERENCES
from .errors import InputError, Problem
from .source import Source, decode, parse
from .vocab import ids

if TYPE_CHECKING:
    from .model import BusinessModel

STDIN = "-"


def load(path: str | Path | BinaryIO) -> "BusinessModel":
    """Load and validate the model at `path` ('-' reads stdin); raises InputError with every problem."""
    if hasattr(path, "read"):
        return loads(path.read(), getattr(path, "name", "<stream>"))
    if str(path) == STDIN:
        return loads(sys.stdin.buffer.read(), "<stdin>")
    path = Path(path)
    return loads(_read(path), str(path), base_dir=path.parent)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(Problem(str(path), 0, 0, "no such file")) from None
    except IsADirectoryError:
        raise InputError(Problem(str(path), 0, 0, "is a directory, expected a YAML file")) from None
    except OSError as e:
        raise InputError(Problem(str(path), 0, 0, f"cannot read: {e.strerror}")) from None


def _source(content: bytes | str, name: str, *, empty: str, keys: str) -> Source:
    """Parsed YAML whose top level is a mapping; `empty` and `keys` finish the error messages."""
    text = decode(content, name) if isinstance(content, bytes) else content
    if not text.strip():
        raise InputError(Problem(name, 1, 1, f"file is empty; {empty}"))
    source = parse(text, name)
    if not isinstance(source.data, dict):
        raise InputError(source.problem((), f"the top level must be a mapping of keys ({keys})"))
    return source


def loads(content: bytes | str, name: str = "<string>", *, base_dir: str | Path | None = None) -> "BusinessModel":
    """Load a model from YAML text or bytes; `name` is used in messages, `base_dir` resolves the
    logo path (default: the current folder)."""
    from .model import BusinessModel

    source = _source(content, name, empty="run 'canvas init' for a starter model",
                     keys="version, meta, segments, ...")
    problems = []
    model = None
    try:
        model = BusinessModel.model_validate(source.data)
    except ValidationError as e:
        problems += [_schema_problem(source, err) for err in e.errors()]
    problems += list(check_references(source))
    base = Path(base_dir) if base_dir is not None else Path.cwd()
    if model is not None and model.brand is not None:
        problems += _logo_problems(source, ("brand", "logo"), model.brand.logo, base)
    for i, persona in enumerate(model.personas if model is not None else []):
        problems += _logo_problems(source, ("personas", i, "photo"), persona.photo, base, "photo")
    if problems:
        raise InputError(sorted(set(problems)))
    model._base_dir = str(base)
    model._source = source
    return model


def load_brand(path: str | Path):
    """A brand file (logo, primary, accent, footer) -> (Brand, folder its logo is relative to)."""
    from .model import Brand

    path = Path(path)
    source = _source(_read(path), str(path), empty="a brand file holds logo, primary, accent, footer, health",
                     keys="logo, primary, accent, footer, health")
    try:
        brand = Brand.model_validate(source.data)
    except ValidationError as e:
        raise InputError(sorted({_schema_problem(source, err, prefix=("brand",)) for err in e.errors()})) from None
    problems = _logo_problems(source, ("logo",), brand.logo, path.parent)
    if problems:
        raise InputError(problems)
    return brand, path.parent


def _logo_problems(source: Source, where: tuple, logo: str | None, base: Path,
                   what: str = "logo") -> list[Problem]:
    from .brand import read_logo

    if not logo:
        return []
    try:
        read_logo(base / logo, what)
    except ValueError as e:
        return [source.problem(where, f"{e}; give a path relative to {source.name if source.name[:1] != '<' else 'the current folder'}")]
    return []


# --- schema errors -------------------------------------------------------------------------

def _describe(value: Any) -> str:
    kinds = {dict: "a mapping", list: "a list", bool: "true/false", type(None): "nothing"}
    if type(value) in kinds:
        return kinds[type(value)]
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "...'"


def _hint(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""


def _schema_problem(source: Source, err: dict[str, Any], prefix: tuple = ()) -> Problem:
    """One pydantic error as a positioned message; `prefix` places a sub-document in the schema."""
    from .schema import allowed_keys

    loc = tuple(err["loc"])
    kind, value = err["type"], err.get("input")
    field = loc[-1] if loc else "document"
    if kind == "extra_forbidden":
        allowed = allowed_keys(prefix + loc[:-1])
        return source.problem(loc, f"unknown key '{field}'{_hint(field, allowed)}"
                                   + ("" if _hint(field, allowed) else f" (allowed: {', '.join(allowed)})"),
                              key=True)
    if kind == "missing":
        return source.problem(loc, f"missing required key '{field}'", key=True)
    if kind == "literal_error":
        expected = [e.strip(" '") for e in err["ctx"]["expected"].replace(" or ", ", ").split(",")]
        return source.problem(loc, f"{_describe(value)} is not a valid {field}; expected one of: "
                                   f"{', '.join(expected)}{_hint(value, expected)}")
    if kind == "string_pattern_mismatch":
        return source.problem(loc, f"{_describe(value)} is not a valid id: use Latin letters, digits, "
                                   "'_', '-' or '.', starting with a letter")
    if kind in ("value_error", "assertion_error"):
        message = str(err["ctx"]["error"]) if "error" in err.get("ctx", {}) else err["msg"]
        return source.problem(loc, message)
    message = err["msg"][0].lower() + err["msg"][1:]
    message = message.replace("input should be", "should be").replace("Input should be", "should be")
    return source.problem(loc, f"'{field}' {message} (got {_describe(value)})")


# --- references ----------------------------------------------------------------------------

def _walk(data: Any, parts: list[str], path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Yield (path, value) for every place matching the pattern parts; ignores wrong shapes."""
    if not parts:
        yield path, data
        return
    head, rest = parts[0], parts[1:]
    if head == "*" and isinstance(data, list):
        for i, item in enumerate(data):
            yield from _walk(item, rest, path + (i,))
    elif head == "{}" and isinstance(data, dict):
        for key in data:
            yield path + (key,), key
    elif isinstance(data, dict) and head in data:
        yield from _walk(data[head], rest, path + (head,))


def _defined(source: Source) -> tuple[dict[str, dict[str, tuple]], list[Problem]]:
    """Ids defined per collection, and problems for duplicates."""
    defined: dict[str, dict[str, tuple]] = {}
    problems = []
    for collection in COLLECTIONS:
        seen: dict[str, tuple] = {}
        for path, value in _walk(source.data, [collection, "*", "id"]):
            if not isinstance(value, str):
                continue
            if value in seen:
                line = source.where(seen[value])[0]
                problems.append(source.problem(path, f"duplicate id '{value}' in {collection} "
                                                     f"(first defined on line {line})"))
            elif collection == "custom_stages" and value in ids("journey_stages"):
                problems.append(source.problem(path, f"'{value}' is already a built-in journey stage; "
                                                     "use it directly or choose another id"))
            else:
                seen[value] = path
        defined[collection] = seen
    defined["journey_stages"] = {**{s: () for s in ids("journey_stages")}, **defined["custom_stages"]}
    return defined, problems


def check_references(source: Source, *, owners: bool = True) -> Iterator[Problem]:
    """Every id used must be defined in its collection; persona/segment pairs must agree
    (`owners=False` leaves that to the caller: see owner_mismatches)."""
    defined, problems = _defined(source)
    yield from problems
    for pattern, collection in REFERENCES:
        for path, value in _walk(source.data, pattern.split(".")):
            if not isinstance(value, str) or value in defined[collection]:
                continue
            choices = list(defined[collection])
            what = collection.replace("_", " ").rstrip("s")
            hint = _hint(value, choices) or (f" (known: {', '.join(choices)})" if choices
                                             else f" (the model has no {collection} yet)")
            yield source.problem(path, f"unknown {what} '{value}'{hint}", key=pattern.endswith("{}"))
    if owners:
        for path, persona, own, segment in owner_mismatches(source.data, defined["segments"]):
            yield source.problem(path, f"persona '{persona}' belongs to segment '{own}', not '{segment}'; "
                                       "drop 'segment' or fix it")


def owner_mismatches(data: Any, segments) -> Iterator[tuple[tuple, str, str, str]]:
    """(path of the journey's segment, persona, the persona's segment, the journey's segment) of
    every journey naming a segment its persona is not in."""
    personas = {p.get("id"): p.get("segment") for _, p in _walk(data, ["personas", "*"]) if isinstance(p, dict)}
    for path, journey in _walk(data, ["journeys", "*"]):
        if not isinstance(journey, dict) or "persona" not in journey or "segment" not in journey:
            continue
        own = personas.get(journey["persona"])
        # an unknown persona or segment is reported on its own; only flag a real disagreement
        if isinstance(own, str) and own in segments and own != journey["segment"]:
            yield path + ("segment",), journey["persona"], own, journey["segment"]

