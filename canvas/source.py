"""Read YAML safely into plain Python data plus a map of where every value sits."""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer, ReusedAnchorWarning
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.events import AliasEvent

from .errors import InputError, Problem
from .messages import say

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
    # paths of the [...] lists and {...} mappings (flow style): where a comma splits text
    flow: set[Path_] = field(default_factory=set)
    lang: str = "en"  # the language messages about this document are said in
    text: str = ""  # the document as written (to quote what the user typed)

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

    def duplicate(self, path: Path_, first: Path_, *, id: str, collection: str, lang: str) -> Problem:
        """The id at `path` was already defined at `first`."""
        return self.problem(path, say("duplicate_id", lang, id=id, collection=collection, line=self.where(first)[0]))


def at(data: Any, path: Path_) -> Any:
    """The value at `path` in parsed data (None if there is none there)."""
    for part in path:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


class _Refused(MarkedYAMLError):
    """A document canvas refuses to read, with the catalogue key that says why."""

    def __init__(self, key: str, mark: Any, /, **params: Any):
        super().__init__(problem=say(key, "en", **params), problem_mark=mark)
        self.said = (key, params)


# explicit tags a person may write that mean no more than the plain value (!!str 12 is text)
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq")}


class _NoAliasComposer(Composer):
    """Refuses aliases (they allow exponential 'billion laughs' expansion) and tags that would make
    anything but plain values (!!python/object, !!omap, !!set, !!binary, !custom), and caps size."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            event = self.parser.get_event()
            raise _Refused("alias", event.start_mark, anchor=event.anchor)
        tag = getattr(self.parser.peek_event(), "tag", None)
        if tag is not None and tag not in _PLAIN_TAGS:
            shown = "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
            raise _Refused("yaml_tag", self.parser.peek_event().start_mark, tag=shown)
        self._nodes = getattr(self, "_nodes", 0) + 1
        if self._nodes > MAX_NODES:
            raise _Refused("too_many_values", self.parser.peek_event().start_mark, n=MAX_NODES)
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


def decode(raw: bytes, name: str, lang: str = "en") -> str:
    """Bytes to text, refusing oversized or non-UTF-8 input with the offending position."""
    if len(raw) > MAX_BYTES:
        raise InputError(Problem(name, 0, 0, say("too_big", lang, size=len(raw), limit=MAX_BYTES)))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        before = raw[: e.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise InputError(Problem(name, line, col, say("bad_utf8", lang, byte=f"{raw[e.start]:02x}"))) from e


def parse(text: str, name: str, lang: str = "en") -> Source:
    """Parse one YAML document into a Source, or raise InputError with the position and advice."""
    try:
        with warnings.catch_warnings():  # an anchor named twice: harmless, as no alias may use it
            warnings.simplefilter("ignore", ReusedAnchorWarning)
            docs = list(_parser().load_all(text))
    except MarkedYAMLError as e:
        line, column, message = explain(text, e, lang)
        raise InputError(Problem(name, line, column, message)) from e
    except ReaderError as e:  # a character YAML does not allow (U+FFFE, a control character): at its place
        position = e.position if isinstance(e.position, int) else 0
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        code = f"U+{e.character:04X}" if isinstance(e.character, int) else repr(e.character)
        raise InputError(Problem(name, line, column, say("bad_character", lang, code=code))) from e
    except (YAMLError, RecursionError, ValueError) as e:  # constructor errors carry no mark
        detail = say("too_deep", lang, n=MAX_DEPTH) if "maximum depth" in str(e) else str(e).strip()
        raise InputError(Problem(name, 0, 0, say("yaml_error", lang, detail=detail))) from e
    if len(docs) != 1:
        raise InputError(Problem(name, 1, 1, say("documents", lang, n=len(docs))))
    source = Source(name, None, lang=lang, text=text)
    source.data = _plain(docs[0], (), source)
    source.values.setdefault((), (1, 1))
    return source


# --- parser errors explained ----------------------------------------------------------------

_KEY_LINE = re.compile(r"^(\s*)(-\s+)?([^\s#'\"\[{][^:#]*?):(?:\s+(.*))?$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _label(line: str) -> str:
    """What a line starts with, to name it in a message: its key, or its list item."""
    stripped = line.strip()
    match = _KEY_LINE.match(line)
    if match:
        return match.group(3).strip()
    return stripped[:30]


def _open_blocks(lines: list[str], before: int) -> list[tuple[int, str, bool]]:
    """(indent, label, is a list item's dash) of the blocks still open at line `before` (0-based),
    innermost first: each content line above that is less indented than those after it."""
    blocks: list[tuple[int, str, bool]] = []
    limit = 10 ** 6
    for line in reversed(lines[:before]):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = _indent(line)
        rest = line[indent:]
        if rest.startswith("- ") and indent < limit:
            inner = indent + 2 + _indent(rest[2:])
            if inner < limit:
                blocks.append((inner, _label(" " * inner + rest[2:].lstrip()), False))
            blocks.append((indent, rest.strip()[:30], True))
            limit = indent
        elif indent < limit:
            blocks.append((indent, _label(line), False))
            limit = indent
        if limit == 0:
            break
    return blocks


def _indentation(lines: list[str], at: int) -> tuple[str, dict] | None:
    """Advice for a line whose indentation matches no open block (or a list item's dash)."""
    line = lines[at] if at < len(lines) else ""
    indent = _indent(line)
    blocks = _open_blocks(lines, at)
    dash = next((b for b in blocks if b[0] == indent and b[2]), None)
    if dash is not None and not line.lstrip().startswith("-"):
        inner = next((b for b in reversed(blocks) if b[0] > indent and not b[2]), None)
        if inner is not None:
            return "outside_item", {"key": _label(line), "inner": inner[1], "inner_n": inner[0]}
    if any(b[0] == indent for b in blocks):
        if line.lstrip().startswith("- "):
            return "item_in_mapping", {}
        return None
    item = line.lstrip().startswith("- ")  # an item aligns with dashes, a key with keys
    deeper = [b for b in blocks if b[0] > indent and (item or not b[2])]
    shallower = [b for b in blocks if b[0] < indent and not b[2]]
    if deeper and shallower:
        inner, outer = deeper[-1], shallower[0]
        return "indent_between", {"n": indent, "inner": inner[1], "inner_n": inner[0],
                                  "outer": outer[1], "outer_n": outer[0]}
    if deeper or shallower:
        inner = (deeper or shallower)[-1 if deeper else 0]
        return "indent_align", {"n": indent, "inner": inner[1], "inner_n": inner[0]}
    return None


def _colon(lines: list[str], at: int, column: int) -> tuple[str, dict]:
    """': ' where YAML takes no key: text holding ': ', or a key indented under a text."""
    line = lines[at]
    match = _KEY_LINE.match(line)
    first_colon = match.end(3) if match else -1
    if match and first_colon < column and match.group(4):
        return "colon_in_text", {"key": match.group(3).strip(), "text": match.group(4).strip().replace('"', '\\"')}
    above = next((i for i in range(at - 1, -1, -1) if lines[i].strip() and not lines[i].lstrip().startswith("#")),
                 None)
    if above is not None and _indent(lines[above]) < _indent(line):
        return "over_indented", {"key": _label(line), "above": _label(lines[above]), "n": _indent(line),
                                 "above_n": _indent(lines[above])}
    return "colon_in_text", {"key": _label(line), "text": "…"}


_CLOSERS = {"[": "]", "{": "}"}


def _unclosed(lines: list[str]) -> tuple[int, int] | None:
    """(line, column) of the first '[' or '{' that is never closed, skipping quoted text and comments."""
    stack: list[tuple[int, int, str]] = []
    for n, line in enumerate(lines):
        quote = None
        for i, char in enumerate(line):
            if quote:
                quote = None if char == quote else quote
            elif char in "'\"" and (i == 0 or line[i - 1] in " [{,:"):
                quote = char
            elif char == "#" and (i == 0 or line[i - 1] == " "):
                break
            elif char in _CLOSERS:
                stack.append((n, i, char))
            elif stack and char == _CLOSERS[stack[-1][2]]:
                stack.pop()
    return (stack[0][0], stack[0][1]) if stack else None


def explain(text: str, e: MarkedYAMLError, lang: str) -> tuple[int, int, str]:
    """(line, column, message) for a parser error: what went wrong, in plain words, and what to do."""
    mark = e.problem_mark or e.context_mark
    line, column = (mark.line, mark.column) if mark else (-1, -1)
    lines = text.splitlines()
    problem, context = e.problem or "", e.context or ""
    advice: tuple[str, dict] | None = getattr(e, "said", None)
    if advice is None:
        duplicate = re.search(r'found duplicate key "(.*?)"', problem + context)
        if duplicate:
            advice = "duplicate_key", {"key": duplicate.group(1)}
        elif "'\\t'" in problem or "\t" in problem and "cannot start any token" in problem:
            advice = "tab", {}
        elif "cannot start any token" in problem:
            char = re.search(r"found character '(.+?)'", problem)
            advice = "cannot_start", {"char": char.group(1) if char else "?"}
        elif "maximum depth" in problem:
            advice = "too_deep", {"n": MAX_DEPTH}
        elif problem.startswith("mapping values are not allowed") and 0 <= line < len(lines):
            advice = _colon(lines, line, column)
        elif problem.startswith("expected <block end>") and 0 <= line < len(lines):
            if "'<scalar>'" in problem and re.search(r":\s*'", lines[line]):
                advice = "quote_in_quotes", {}
            else:
                advice = _indentation(lines, line)
        elif re.search(r"flow (sequence|mapping|node)", context):
            opened = _unclosed(lines)
            if opened is not None:
                line, column = opened
                opener = lines[line][column]
                advice = "unclosed", {"open": opener, "close": _CLOSERS[opener], "line": line + 1}
        elif "could not find expected ':'" in problem and e.context_mark is not None:
            line, column = e.context_mark.line, e.context_mark.column
            advice = "no_colon", {}
        elif "quoted scalar" in context and e.context_mark is not None:
            line, column = e.context_mark.line, e.context_mark.column
            advice = "unclosed_quote", {}
    if advice is not None:
        message = say(advice[0], lang, **advice[1])
    else:
        message = say("yaml_error", lang, detail=" ".join(filter(None, [problem or context])).strip())
    return line + 1, column + 1, message


def _plain(node: Any, path: Path_, source: Source) -> Any:
    """Convert ruamel's round-trip types to plain ones, recording positions on the way."""
    if isinstance(node, (CommentedMap, CommentedSeq)) and node.fa.flow_style():
        source.flow.add(path)
    if isinstance(node, CommentedMap):
        out = {}
        if getattr(node, "merge", None):  # `<<: {...}`: keys that come from elsewhere
            raise InputError(Problem(source.name, node.lc.line + 1, node.lc.col + 1, say("merge_key", source.lang)))
        for key, value in node.items():
            if not isinstance(key, (str, int, float)) or isinstance(key, bool):
                line, col = node.lc.key(key)
                raise InputError(Problem(source.name, line + 1, col + 1, say("plain_keys", source.lang)))
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
            # a tagged flow sequence (`segments: !!str [a]`) has no item positions: its own
            line, col = node.lc.item(i) or (node.lc.line or 0, node.lc.col or 0)
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
