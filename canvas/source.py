"""Read YAML safely into plain Python data plus a map of where every value sits."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent

from .errors import InputError, Problem

MAX_BYTES = 2 * 1024 * 1024   # a rich model is ~50 kB; 2 MiB leaves room without inviting abuse
MAX_NODES = 200_000           # bounds memory however the document is shaped
MAX_DEPTH = 40                # the format nests 6 deep; deeper input is an attack or an accident

Path_ = tuple[str | int, ...]


@dataclass
class Source:
    """A loaded YAML document: its data, its name and the position of every key and value."""

    name: str
    data: Any
    # path -> (line, column) of the value, and of the key for mapping entries; 1-based
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Position of `path`, or of its nearest ancestor that exists in the file."""
        path = tuple(path)
        while path:
            table = self.keys if key and path in self.keys else self.values
            if path in table:
                return table[path]
            path = path[:-1]
            key = True  # a missing child is best shown at its parent's key
        return self.values.get((), (1, 1))

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        line, col = self.where(path, key=key)
        return Problem(self.name, line, col, message)


class _NoAliasComposer(Composer):
    """Refuses aliases (they allow exponential 'billion laughs' expansion) and caps size."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            event = self.parser.get_event()
            raise MarkedYAMLError(
                problem=f"YAML aliases (*{event.anchor}) are not allowed; write the value out in full",
                problem_mark=event.start_mark,
            )
        self._nodes = getattr(self, "_nodes", 0) + 1
        if self._nodes > MAX_NODES:
            raise MarkedYAMLError(
                problem=f"document has more than {MAX_NODES} values; split it into smaller models",
                problem_mark=self.parser.peek_event().start_mark,
            )
        return super().compose_node(parent, index)


class _Constructor(RoundTripConstructor):
    """Keeps dates as text: the model decides between Jalali and Gregorian."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        return self.construct_scalar(node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


def _parser() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.Composer = _NoAliasComposer
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    yaml.max_depth = MAX_DEPTH
    return yaml


_FRIENDLIER = [
    (re.compile(r"found character '\\t' that cannot start any token"),
     "tab character in indentation; YAML needs spaces"),
    (re.compile(r'found duplicate key "(.*?)".*', re.S), r"duplicate key '\1'"),
    (re.compile(r"maximum depth of data structure exceeded.*", re.S),
     f"values nested more than {MAX_DEPTH} levels deep"),
]


def _friendly(message: str) -> str:
    for pattern, replacement in _FRIENDLIER:
        if pattern.search(message):
            return pattern.sub(replacement, message).strip()
    return message.strip()


def decode(raw: bytes, name: str) -> str:
    """Bytes to text, refusing oversized or non-UTF-8 input with the offending position."""
    if len(raw) > MAX_BYTES:
        raise InputError(Problem(name, 0, 0,
                                 f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,} bytes"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        before = raw[: e.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise InputError(Problem(name, line, col,
                                 f"invalid UTF-8 byte 0x{raw[e.start]:02x}; save the file as UTF-8")) from e


def parse(text: str, name: str) -> Source:
    """Parse one YAML document into a Source, or raise InputError with the position."""
    try:
        docs = list(_parser().load_all(text))
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        message = _friendly(" ".join(filter(None, [e.problem, e.context if not e.problem else None])))
        raise InputError(Problem(name, mark.line + 1 if mark else 0,
                                 mark.column + 1 if mark else 0, message)) from e
    except (YAMLError, RecursionError, ValueError) as e:  # constructor errors carry no mark
        raise InputError(Problem(name, 0, 0, f"cannot read YAML: {_friendly(str(e))}")) from e
    if len(docs) != 1:
        raise InputError(Problem(name, 1, 1, f"expected one YAML document, found {len(docs)}"))
    source = Source(name, None)
    source.data = _plain(docs[0], (), source)
    source.values.setdefault((), (1, 1))
    return source


def _plain(node: Any, path: Path_, source: Source) -> Any:
    """Convert ruamel's round-trip types to plain ones, recording positions on the way."""
    if isinstance(node, CommentedMap):
        out = {}
        for key, value in node.items():
            if not isinstance(key, (str, int, float)) or isinstance(key, bool):
                line, col = node.lc.key(key)
                raise InputError(Problem(source.name, line + 1, col + 1,
                                         "mapping keys must be plain text"))
            key_s = str(key)
            kline, kcol = node.lc.key(key)
            vline, vcol = node.lc.value(key)
            source.keys[path + (key_s,)] = (kline + 1, kcol + 1)
            source.values[path + (key_s,)] = (vline + 1, vcol + 1)
            out[key_s] = _plain(value, path + (key_s,), source)
        return out
    if isinstance(node, CommentedSeq):
        out_list = []
        for i, value in enumerate(node):
            line, col = node.lc.item(i)
            source.values[path + (i,)] = (line + 1, col + 1)
            out_list.append(_plain(value, path + (i,), source))
        return out_list
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return str(node)  # str subclasses (ruamel's scalar strings) and anything else become plain text
