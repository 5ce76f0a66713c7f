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
    schema = BusinessModel.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "canvas business model",
        "description": f"canvas {__version__}: YAML format version {FORMAT_VERSION}",
        **schema,
    }


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
