"""The JSON Schema of the YAML format, generated from the model, for editors and validators."""
from __future__ import annotations

import typing
from functools import lru_cache
from typing import Any

from annotated_types import Ge, Le
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import __version__
from .model import FORMAT_VERSION, BusinessModel
from .vocab import ids, label, vocabularies

SCHEMA_ID = f"https://canvas.invalid/schema/v{FORMAT_VERSION}.json"
SCHEMA_FILE = "canvas.schema.json"


@lru_cache(maxsize=None)
def json_schema() -> dict[str, Any]:
    """Draft 2020-12 JSON Schema of format version 1 (VS Code YAML autocompletes from it): the
    model's own, with standard bounds, numbers also as digit strings, fa/en labels on every
    vocabulary, journey stages completed, examples."""
    schema = _standard(BusinessModel.model_json_schema())
    stage = schema["$defs"]["JourneyStage"]["properties"]["stage"]
    schema["$defs"]["JourneyStage"]["properties"]["stage"] = {
        "description": stage["description"],
        "anyOf": [_labelled({"type": "string", "enum": list(ids("journey_stages"))}),
                  {key: stage[key] for key in ("type", "pattern", "maxLength")}]}
    for (name, field), examples in EXAMPLES.items():
        schema["$defs"][name]["properties"][field]["examples"] = examples
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "canvas business model",
        "description": f"canvas {__version__}: YAML format version {FORMAT_VERSION}",
        **schema,
    }


def schema_text() -> str:
    """The schema file as `canvas schema` and `canvas init` write it."""
    import json

    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


# pydantic writes the bounds of an annotated number as its own ge/le, which JSON Schema
# validators (and editors) ignore; these are the standard keywords.
_BOUNDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}


# what the loader takes for a number besides a YAML number: digits (Persian, Arabic-Indic or
# Latin) with thousands separators, a decimal mark, a sign or a trailing % (fields._number)
_DIGIT = "[0-9\u06F0-\u06F9\u0660-\u0669]"
NUMBER_TEXT = (rf"^\s*[-\u2212+]?{_DIGIT}+([,\u066C_]{_DIGIT}{{3}})*([.\u066B]{_DIGIT}+)?\s*[%\u066A]?\s*$")


def _number_text(node: dict[str, Any]) -> str:
    """The digit strings a number field takes, as near its bounds as a pattern says simply: a
    whole number has no decimals, no % and at most 15 digits (fields.MAX_INT); one that cannot be
    negative has no sign; a small range (an emotion, a strength) lists its digits in every script."""
    if node.get("type") != "integer":
        return NUMBER_TEXT
    low, high = node.get("minimum"), node.get("maximum")
    if low is not None and high is not None and -9 <= low <= high <= 9:
        digits = lambda n: f"[{n}{chr(0x06F0 + n)}{chr(0x0660 + n)}]"  # noqa: E731 - Latin, Persian, Arabic
        options = [("[-\u2212]" if n < 0 else "[+]?") + digits(abs(n)) for n in range(low, high + 1)]
        return rf"^\s*({'|'.join(options)})\s*$"
    sign = "" if low is not None and low >= 0 else "[-\u2212+]?"
    return rf"^\s*{sign}({_DIGIT}{{1,15}}|{_DIGIT}{{1,3}}([,\u066C_]{_DIGIT}{{3}}){{1,4}})\s*$"
# a few fields where an example says more than a description (editors show them on hover)
EXAMPLES = {
    ("Meta", "date"): ["1403/07/15", "2024-10-06"],
    ("Segment", "size"): [12500, "۱۲٬۵۰۰"],
    ("Channel", "serves"): [{"s1": 3, "s2": 1}],
    ("JourneyStage", "emotion"): [-2, 0, 2],
    ("JourneyStage", "touchpoints"): [["app", "Call centre"]],
    ("Market", "share"): [12.5, "۴۰٪"],
    ("Brand", "primary"): ["#0E7490"],
}


def _standard(node: Any) -> Any:
    """pydantic's schema in standard keywords: bounds, numbers that may be digit strings, and
    every vocabulary with its fa/en labels."""
    if isinstance(node, list):
        return [_standard(v) for v in node]
    if not isinstance(node, dict):
        return node
    numeric = node.get("type") in ("integer", "number")
    node = {(_BOUNDS[k] if numeric and k in _BOUNDS else k): _standard(v) for k, v in node.items()}
    if numeric and "const" not in node and "enum" not in node:  # version: 1 is a number, not digits
        kept = {k: node.pop(k) for k in ("description", "title", "default") if k in node}
        return {**kept, "anyOf": [node, {"type": "string", "pattern": _number_text(node)}]}
    return _labelled(node)


def _labelled(node: dict[str, Any]) -> dict[str, Any]:
    """An enum of a vocabulary gets its labels ('بانکداری همراه — Mobile banking') for editors."""
    vocabulary = _VOCABULARY_OF.get(frozenset(map(str, node.get("enum", ()))))
    if vocabulary is None:
        return node
    labels = [f"{label(vocabulary, key, 'fa')} — {label(vocabulary, key, 'en')}" for key in node["enum"]]
    return {**node, "enumDescriptions": labels, "markdownEnumDescriptions": labels}


_VOCABULARY_OF = {frozenset(ids(name)): name for name in vocabularies()}


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if ref:
        return json_schema()["$defs"][ref.rsplit("/", 1)[-1]]
    return node


def _branches(node: dict[str, Any]) -> list[dict[str, Any]]:
    node = _resolve(node)
    options = node.get("anyOf") or node.get("oneOf")
    if options:
        return [b for option in options for b in _branches(option)]
    return [node]


def allowed_keys(loc: tuple[str | int, ...]) -> list[str]:
    """Keys the schema allows in the mapping at `loc` (used for 'did you mean' hints)."""
    nodes = [json_schema()]
    for part in loc:
        following = []
        for node in (b for n in nodes for b in _branches(n)):
            if isinstance(part, int) and "items" in node:
                following.append(node["items"])
            elif isinstance(part, str) and part in node.get("properties", {}):
                following.append(node["properties"][part])
            elif isinstance(part, str) and isinstance(node.get("additionalProperties"), dict):
                following.append(node["additionalProperties"])
        nodes = following
    return [key for n in nodes for b in _branches(n) for key in b.get("properties", {})]


# --- the bounds of a number, from the model's own types -------------------------------------

def bounds(loc: tuple[str | int, ...]) -> tuple[Any, Any]:
    """(ge, le) the model declares for the field at `loc`, found by walking the model's types."""
    cls: Any = BusinessModel
    info = None
    for part in loc:
        if isinstance(part, str) and isinstance(cls, type) and issubclass(cls, BaseModel) and part in cls.model_fields:
            info = cls.model_fields[part]
            cls = inner_model(info.annotation)
    return field_bounds(info)


def field_bounds(info: FieldInfo | None) -> tuple[Any, Any]:
    """The tightest (ge, le) on a field: its own (0..3) within those of its number type
    (fields.MAX_INT)."""
    constraints = _metadata(info)
    lows = [item.ge for item in constraints if isinstance(item, Ge)]
    highs = [item.le for item in constraints if isinstance(item, Le)]
    return (max(lows) if lows else None), (min(highs) if highs else None)


def inner_model(annotation) -> type | None:
    """The pydantic model inside a field's type (Optional[X], list[X]...), or None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = inner_model(arg)
        if found is not None:
            return found
    return None


def _metadata(info) -> list:
    """Every constraint on a field, nested Annotated and FieldInfo included."""
    if info is None:
        return []
    out = list(getattr(info, "metadata", []))
    stack = [getattr(info, "annotation", None)]
    while stack:
        item = stack.pop()
        if isinstance(item, FieldInfo):
            out += item.metadata
        elif item is not None:
            stack += list(typing.get_args(item))
            out += list(getattr(item, "__metadata__", []))
    return out
