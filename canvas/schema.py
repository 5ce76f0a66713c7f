"""The JSON Schema of the YAML format, generated from the model, for editors and validators."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from . import __version__
from .model import FORMAT_VERSION, BusinessModel

SCHEMA_ID = f"https://canvas.invalid/schema/v{FORMAT_VERSION}.json"
SCHEMA_FILE = "canvas.schema.json"


@lru_cache(maxsize=None)
def json_schema() -> dict[str, Any]:
    """Draft 2020-12 JSON Schema of format version 1 (VS Code YAML autocompletes from it)."""
    schema = _standard(BusinessModel.model_json_schema())
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "canvas business model",
        "description": f"canvas {__version__}: YAML format version {FORMAT_VERSION}",
        **schema,
    }


# pydantic writes the bounds of an annotated number as its own ge/le, which JSON Schema
# validators (and editors) ignore; these are the standard keywords.
_BOUNDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}


def _standard(node: Any) -> Any:
    if isinstance(node, dict):
        numeric = node.get("type") in ("integer", "number")
        return {(_BOUNDS[k] if numeric and k in _BOUNDS else k): _standard(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_standard(v) for v in node]
    return node


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


def _nodes_at(loc: tuple[str | int, ...]) -> list[dict[str, Any]]:
    """The schema nodes that describe the value at `loc`."""
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
            elif isinstance(part, str) and node.get("patternProperties"):
                following += list(node["patternProperties"].values())
        nodes = following
    return nodes


def allowed_keys(loc: tuple[str | int, ...]) -> list[str]:
    """Keys the schema allows in the mapping at `loc` (used for 'did you mean' hints)."""
    return [key for n in _nodes_at(loc) for b in _branches(n) for key in b.get("properties", {})]


def bounds(loc: tuple[str | int, ...]) -> tuple[float | None, float | None]:
    """The (minimum, maximum) the schema sets for the number at `loc` (None where it sets none)."""
    branches = [b for n in _nodes_at(loc) for b in _branches(n)]
    low = next((b["minimum"] for b in branches if "minimum" in b), None)
    high = next((b["maximum"] for b in branches if "maximum" in b), None)
    return low, high
