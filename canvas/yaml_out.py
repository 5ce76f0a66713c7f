"""Write model data as YAML that reads like a hand-written file: model key order, short lists
of ids inline and prose lists one item per line, a blank line between blocks, non-ASCII text as is."""
from __future__ import annotations

import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

INLINE_WIDTH = 72
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")


def _node(value: Any) -> Any:
    if isinstance(value, dict):
        node = CommentedMap((k, _node(v)) for k, v in value.items())
        if len(value) <= 3 and all(not isinstance(v, (dict, list)) for v in value.values()) and \
                len(repr(value)) < INLINE_WIDTH and ("fa" in value or "en" in value or "segment" in value
                                                     or "stage" in value or "count" in value):
            node.fa.set_flow_style()  # {fa: ..., en: ...}, {stage: x, count: n}
        return node
    if isinstance(value, list):
        node = CommentedSeq(_node(v) for v in value)
        # ids inline ([s1, s2]); prose one item per line, where a comma a person adds later
        # cannot split an item in two
        if all(isinstance(v, (int, float)) or (isinstance(v, str) and _ID.match(v)) for v in value) \
                and len(repr(value)) < INLINE_WIDTH:
            node.fa.set_flow_style()
        return node
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


def dumps(data: dict[str, Any], header: str = "") -> str:
    yaml = YAML()
    yaml.allow_unicode = True
    yaml.width = 4096  # long texts stay on one line: readable diffs, no folding quirks
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(_node(data), out)
    lines = []
    for i, line in enumerate(out.getvalue().splitlines()):
        if i and line and not line.startswith((" ", "-", "#")) and line.rstrip().endswith(":"):
            lines.append("")
        lines.append(line)
    text = "\n".join(lines) + "\n"
    return (header + "\n" if header else "") + text
