"""Load a YAML model: parse with positions, validate, resolve references, report every problem."""
from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Iterator

from pydantic import ValidationError

from .blocks import COLLECTIONS, NESTED, REFERENCES
from . import messages
from .errors import InputError, Key, Problem, Said
from .messages import say
from .source import Source, at, decode, parse
from .vocab import ids

if TYPE_CHECKING:
    from .model import BusinessModel

STDIN = "-"


def load(path: str | Path | BinaryIO, *, lang: str | None = None) -> "BusinessModel":
    """Load and validate the model at `path` ('-' reads stdin); raises InputError with every problem,
    said in `lang` (default: the model's own language, see canvas.messages)."""
    if hasattr(path, "read"):
        return loads(path.read(), getattr(path, "name", "<stream>"), lang=lang)
    if str(path) == STDIN:
        return loads(sys.stdin.buffer.read(), "<stdin>", lang=lang)
    path = Path(path)
    return loads(_read(path, messages.choose(lang)), str(path), base_dir=path.parent, lang=lang)


def regular_file(path: Path, lang: str) -> None:
    """Refuse, unread, a path that exists and is no regular file or folder: opening a pipe would
    wait for ever, a device never ends."""
    if path.exists() and not path.is_dir() and not path.is_file():
        raise InputError(Problem(str(path), 0, 0, say("not_a_file", lang)))


def _read(path: Path, lang: str) -> bytes:
    """The file's bytes, read no further than the size limit (a device or a huge file costs
    nothing to refuse)."""
    from .source import MAX_BYTES

    try:
        regular_file(path, lang)
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            size = path.stat().st_size
            raise InputError(Problem(str(path), 0, 0, say("too_big", lang, size=max(size, len(data)), limit=MAX_BYTES)))
        return data
    except FileNotFoundError:
        raise InputError(Problem(str(path), 0, 0, say("no_such_file", lang))) from None
    except IsADirectoryError:
        raise InputError(Problem(str(path), 0, 0, say("is_directory", lang))) from None
    except OSError as e:
        raise InputError(Problem(str(path), 0, 0, say("cannot_read", lang, why=e.strerror))) from None


def _source(content: bytes | str, name: str, lang: str | None, *, empty: str, keys: str) -> tuple[Source, str]:
    """Parsed YAML whose top level is a mapping, and the language to speak about it; `empty` and
    `keys` finish the error messages."""
    guess = messages.choose(lang, content.decode("utf-8", "replace") if isinstance(content, bytes) else content)
    text = decode(content, name, guess) if isinstance(content, bytes) else content
    if not text.strip():
        raise InputError(Problem(name, 1, 1, say(empty, guess)))
    source = parse(text, name, guess)
    if not isinstance(source.data, dict):
        raise InputError(source.problem((), say("top_mapping", guess, keys=keys)))
    return source, guess


def loads(content: bytes | str, name: str = "<string>", *, base_dir: str | Path | None = None,
          lang: str | None = None) -> "BusinessModel":
    """Load a model from YAML text or bytes; `name` is used in messages, `base_dir` resolves the
    logo path (default: the current folder), `lang` the language of the messages."""
    from .model import BusinessModel

    source, lang = _source(content, name, lang, empty="empty_model", keys="version, meta, segments, ...")
    from .limits import problems as over_limits

    problems = over_limits(source, lang)
    if problems:  # past a limit, nothing else is worth the time (the checks grow with the model)
        raise InputError(problems)
    model = None
    try:
        model = BusinessModel.model_validate(source.data)
    except ValidationError as e:
        problems += [_schema_problem(source, err, lang) for err in e.errors()]
    problems += list(check_references(source, lang=lang)) + _commented_values(source, lang)
    base = Path(base_dir) if base_dir is not None else Path.cwd()
    if model is not None:
        problems += _image_problems(source, model, base, lang)
    if problems:
        raise InputError(sorted(set(problems)))
    model._base_dir = str(base)
    model._source = source
    return model


def load_brand(path: str | Path, *, lang: str | None = None):
    """A brand file (logo, primary, accent, footer) -> (Brand, folder its logo is relative to)."""
    from .model import Brand

    path = Path(path)
    source, lang = _source(_read(path, messages.choose(lang)), str(path), lang, empty="empty_brand",
                           keys="logo, primary, accent, footer, health")
    try:
        brand = Brand.model_validate(source.data)
    except ValidationError as e:
        raise InputError(sorted({_schema_problem(source, err, lang, prefix=("brand",))
                                 for err in e.errors()} | set(_commented_values(source, lang)))) from None
    problems = _commented_values(source, lang) + _logo_problems(source, ("logo",), brand.logo, path.parent, lang,
                                                                trusted=True)[0]
    if problems:
        raise InputError(problems)
    return brand, path.parent


def _image_problems(source: Source, model, base: Path, lang: str) -> list[Problem]:
    """Problems with the logo and the photos, and with all of them together: more pixels than
    images.MAX_MODEL_PIXELS (each picture counted once, however many personas share it)."""
    from .images import MAX_MODEL_PIXELS

    named = [(("brand", "logo"), model.brand.logo if model.brand else None, "logo")]
    named += [(("personas", i, "photo"), persona.photo, "photo") for i, persona in enumerate(model.personas)]
    problems, seen, total = [], set(), 0
    for where, image, what in named:
        found, pixels = _logo_problems(source, where, image, base, lang, what)
        problems += found
        if pixels and (key := (base / image).resolve()) not in seen:  # pixels: a path that was read
            seen.add(key)
            total += pixels
            if total > MAX_MODEL_PIXELS:
                problems.append(source.problem(where, say("images_too_many_pixels", lang,
                                                          limit=MAX_MODEL_PIXELS // 1_000_000)))
                break
    return problems


def _logo_problems(source: Source, where: tuple, logo: str | None, base: Path, lang: str,
                   what: str = "logo", trusted: bool = False) -> tuple[list[Problem], int]:
    """(problems with an image a file names, its pixels): missing, too big, not an image, damaged,
    or (unless the file is `trusted`, as a brand file given on the command line is) outside the
    file's folder: a model someone sent may not make the build embed any picture of the builder's disk."""
    from .brand import read_logo

    if not logo:
        return [], 0
    if "\x00" not in logo and not trusted and not (base / logo).resolve().is_relative_to(base.resolve()):
        return [source.problem(where, say("outside_folder", lang, what=Key(f"what_{what}"), path=logo))], 0
    try:
        return [], read_logo(base / logo, what, shown=logo).pixels
    except Said as e:
        if e.key != "image_missing":
            return [source.problem(where, e.say(lang))], 0
        folder = source.name if source.name[:1] != "<" else Key("the_current_folder")
        return [source.problem(where, say("relative_to", lang, message=e.say(lang), base=folder))], 0


# --- schema errors -------------------------------------------------------------------------

def _describe(value: Any, lang: str) -> str:
    """A value the user wrote, as a message quotes it (their own digits and words)."""
    kinds = {dict: "what_mapping", list: "what_list", bool: "what_bool", type(None): "what_nothing"}
    if type(value) in kinds:
        return say(kinds[type(value)], lang)
    shown = str(value)
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    if isinstance(value, str):
        return f"«{shown}»" if lang == "fa" else f"'{shown}'"
    return shown


def _close(word: Any, choices: list[str] | tuple[str, ...]) -> str | None:
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return close[0] if close else None


def _comma_split(source: Source, loc: tuple, key: str, lang: str) -> Problem | None:
    """A key with no value in a {…} mapping is a text YAML split at its comma: say so."""
    mapping = at(source.data, loc)
    if loc not in source.flow or not isinstance(mapping, dict) or mapping.get(key, "") is not None:
        return None
    keys = list(mapping)
    index = keys.index(key)
    start = next((i for i in range(index - 1, -1, -1) if mapping[keys[i]] is not None), None)
    if start is None:
        return None
    key = keys[start + 1]  # one message per split text: at its first piece
    end = next((i for i in range(index + 1, len(keys)) if mapping[keys[i]] is not None), len(keys))
    text = _as_typed(source, loc + (keys[start],), loc + (keys[end - 1],)) or \
        ", ".join([str(mapping[keys[start]])] + keys[start + 1:end])
    return source.problem(loc + (key,), say("comma_split", lang, key=keys[start], text=text), key=True)


def _as_typed(source: Source, value: tuple, last_key: tuple) -> str | None:
    """The text from the value at `value` to the end of the key at `last_key`, as the user typed
    it (a number's own comma, as in 2,500, stays as it was), when both are on one line."""
    lines = source.text.splitlines()
    (line, col), (key_line, key_col) = source.values.get(value, (0, 0)), source.keys.get(last_key, (0, 0))
    if not line or line != key_line or line > len(lines):
        return None
    return lines[line - 1][col - 1:key_col - 1 + len(last_key[-1])].strip()


def _commented_values(source: Source, lang: str) -> list[Problem]:
    """`primary: #0E7490`: YAML reads ' #' as a comment, so the key is empty. A comment that starts
    right after '#' (a colour, a hashtag) was meant as the value: say so."""
    lines = source.text.splitlines()
    problems = []
    for path, (line, col) in source.keys.items():
        if at(source.data, path) is not None or not 0 < line <= len(lines):
            continue
        rest = lines[line - 1][col - 1 + len(str(path[-1])):].lstrip()
        if rest.startswith(":"):
            rest = rest[1:].lstrip()
        if rest.startswith("#") and len(rest) > 1 and not rest[1].isspace():
            value = rest.split()[0]
            problems.append(source.problem(path, say("comment_value", lang, key=path[-1], value=value), key=True))
    return problems


def _colon_split(source: Source, loc: tuple, lang: str) -> Problem | None:
    """Text that became a one-key mapping at its ': ' (`- Referrals: a free session`): say so."""
    mapping = at(source.data, loc)
    if not isinstance(mapping, dict) or len(mapping) != 1 or loc in source.flow:
        return None
    [(key, value)] = mapping.items()
    if not isinstance(value, (str, int, float)):
        return None
    text = f"{key}: {value}".replace('"', '\\"')
    if isinstance(loc[-1], int):
        return source.problem(loc, say("colon_in_item", lang, text=text))
    return source.problem(loc, say("colon_in_text", lang, key=loc[-1], text=text))


def _field(loc: tuple) -> str:
    if len(loc) >= 2 and loc[-2] == "serves":
        return f"serves: {loc[-1]}"
    return str(next((part for part in reversed(loc) if isinstance(part, str)), "document"))


_NUMBERS = {"int_parsing": "whole_number", "int_type": "whole_number", "int_from_float": "whole_number",
            "float_parsing": "number", "float_type": "number"}
_SHAPES = {"string_type": "text_expected", "list_type": "list_expected", "dict_type": "mapping_expected",
           "model_type": "mapping_expected", "model_attributes_type": "mapping_expected",
           "bool_type": "bool_expected", "bool_parsing": "bool_expected"}
_BOUNDED = ("greater_than_equal", "less_than_equal", "greater_than", "less_than")


def _schema_problem(source: Source, err: dict[str, Any], lang: str, prefix: tuple = ()) -> Problem:
    """One pydantic error as a positioned message in plain words; `prefix` places a sub-document
    in the schema."""
    from .schema import allowed_keys, bounds

    loc = tuple(err["loc"])
    kind, ctx = err["type"], err.get("ctx", {})
    written = at(source.data, loc) if kind != "missing" else None
    value = _describe(written, lang)
    field = _field(loc)
    if kind == "extra_forbidden":
        split = _comma_split(source, loc[:-1], loc[-1], lang)
        if split is not None:
            return split
        allowed = allowed_keys(prefix + loc[:-1])
        close = _close(loc[-1], allowed)
        message = (say("unknown_key_close", lang, key=loc[-1], close=close) if close
                   else say("unknown_key", lang, key=loc[-1], allowed=allowed))
        return source.problem(loc, message, key=True)
    if kind == "missing":
        return source.problem(loc, say("missing_key", lang, key=field), key=True)
    if kind == "literal_error":
        expected = [e.strip(" '") for e in ctx["expected"].replace(" or ", ", ").split(",")]
        close = _close(written, expected)
        key = "not_one_of_close" if close else "not_one_of"
        return source.problem(loc, say(key, lang, value=value, field=field, choices=expected, close=close))
    if kind == "string_pattern_mismatch":
        key = "colour" if ctx.get("pattern", "").startswith("^#") else "bad_id"
        return source.problem(loc, say(key, lang, value=value))
    if kind in _NUMBERS:
        example = 29 if field == "age" else 1200 if _NUMBERS[kind] == "whole_number" else 12.5
        return source.problem(loc, say(_NUMBERS[kind], lang, field=field, value=value, example=example))
    if kind in _BOUNDED:
        low, high = bounds(prefix + loc)
        key = "between" if low is not None and high is not None else "at_least" if low is not None else "at_most"
        return source.problem(loc, say(key, lang, field=field, value=value, low=low, high=high))
    if kind in _SHAPES:
        return source.problem(loc, say(_SHAPES[kind], lang, field=field, value=value))
    if kind == "too_short":
        return source.problem(loc, say("too_few", lang, field=field, n=ctx.get("min_length", 1)))
    if kind == "string_too_long":
        return source.problem(loc, say("too_long", lang, field=field, n=ctx.get("max_length", 0)))
    if kind in ("value_error", "assertion_error"):
        error = ctx.get("error")
        if isinstance(error, Said):
            if error.key == "unknown_language":
                split = _comma_split(source, loc, error.params["key"], lang) or _colon_split(source, loc, lang)
                if split is not None:
                    return split
            return source.problem(loc, error.say(lang))
        return source.problem(loc, str(error) if error is not None else err["msg"])
    return source.problem(loc, say("schema_other", lang, field=field, detail=err["msg"]))


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


def _defined(source: Source, lang: str = "en") -> tuple[dict[str, dict[str, tuple]], list[Problem]]:
    """Ids defined per collection, and problems for duplicates."""
    defined: dict[str, dict[str, tuple]] = {}
    problems = []
    for collection in COLLECTIONS + tuple(NESTED):
        seen: dict[str, tuple] = {}
        for path, value in _walk(source.data, NESTED.get(collection, collection).split(".") + ["*", "id"]):
            if not isinstance(value, str):
                continue
            if value in seen:
                problems.append(source.duplicate(path, seen[value], id=value, collection=collection, lang=lang))
            elif collection == "custom_stages" and value in ids("journey_stages"):
                problems.append(source.problem(path, say("builtin_stage", lang, id=value)))
            else:
                seen[value] = path
        defined[collection] = seen
    defined["journey_stages"] = {**{s: () for s in ids("journey_stages")}, **defined["custom_stages"]}
    defined["funnel_stages"] = {value: path for path, value in _walk(source.data, ["funnel", "stages", "*", "stage"])
                                if isinstance(value, str)}
    for funnel in source.data.get("funnels") or [] if isinstance(source.data, dict) else []:
        if isinstance(funnel, dict) and isinstance(funnel.get("id"), str):  # a named funnel's: FUNNEL.STAGE
            for stage in funnel.get("stages") or []:
                if isinstance(stage, dict) and isinstance(stage.get("stage"), str):
                    defined["funnel_stages"][f"{funnel['id']}.{stage['stage']}"] = ()
    return defined, problems


def check_references(source: Source, *, owners: bool = True, lang: str = "en") -> Iterator[Problem]:
    """Every id used must be defined in its collection; persona/segment pairs must agree
    (`owners=False` leaves that to the caller: see owner_mismatches)."""
    defined, problems = _defined(source, lang)
    yield from problems
    for pattern, collection in REFERENCES:
        for path, value in _walk(source.data, pattern.split(".")):
            if not isinstance(value, str) or value in defined[collection]:
                continue
            choices = list(defined[collection])
            what, close = Key(f"ref_{collection}"), _close(value, choices)
            message = (say("unknown_ref_close", lang, what=what, value=value, close=close) if close
                       else say("unknown_ref", lang, what=what, value=value, known=choices) if choices
                       else say("unknown_ref_none", lang, what=what, value=value, collection=collection))
            yield source.problem(path, message, key=pattern.endswith("{}"))
    yield from _versions(source, lang)
    if owners:
        for path, persona, own, segment in owner_mismatches(source.data, defined["segments"]):
            yield source.problem(path, say("owner_mismatch", lang, persona=persona, own=own, segment=segment))


def _versions(source: Source, lang: str) -> Iterator[Problem]:
    """A journey compared with itself (`of` naming its own id), and a stage twice in a journey (its
    column, metrics and curve point would be in doubt)."""
    for path, value in _walk(source.data, ["journeys", "*", "of"]):
        if value == source.data["journeys"][path[1]].get("id"):
            yield source.problem(path, say("of_self", lang, id=value))
    for path, journey in _walk(source.data, ["journeys", "*"]):
        seen: dict[str, tuple] = {}
        for at, stage in _walk(journey, ["stages", "*", "stage"], path):
            if not isinstance(stage, str):
                continue
            if stage in seen:
                yield source.problem(at, say("stage_twice", lang, stage=stage, line=source.where(seen[stage])[0]))
            else:
                seen[stage] = at


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

