"""What one model may hold, so that the largest model the loader accepts still builds (workbook,
PDF and HTML) within a budget: 60 s and 1 GB of memory on a 2-core machine (measured; see
BENCHMARKS.md, "The largest model"). The PDF costs most: every entry is boxes WeasyPrint keeps
until the file is written (a persona is a page, ~0.1 s), every character is text to lay out.

Checked on the parsed YAML before anything else, so a model past a limit costs nothing more to
refuse; each limit passed is one message, at the place it was passed."""
from __future__ import annotations

from typing import Any, Iterator

from .blocks import KEYS
from .errors import Problem
from .messages import say
from .source import Source

PER_BLOCK = 150       # entries of one block (segments, personas...), stages of one journey
ENTRIES = 800         # entries of all blocks together, a journey's stages counted as entries too
TEXT = 4_000          # characters of one text (about a page and a half)
ALL_TEXT = 400_000    # characters of all texts together (both languages: a model's text in any)
VALUES = 6_000        # texts, ids and references of all blocks (a channel serving 150 segments is 150)


def problems(source: Source, lang: str) -> list[Problem]:
    """One problem per limit the parsed model passes, at the first place it passes it."""
    found: dict[str, Problem] = {}
    data = source.data if isinstance(source.data, dict) else {}
    total = 0
    for block, path, entries in _blocks(data):
        if len(entries) > PER_BLOCK and "block" not in found:
            found["block"] = source.problem(path + (PER_BLOCK,), say(
                "too_many_entries", lang, block=block, n=len(entries), limit=PER_BLOCK))
        if total + len(entries) > ENTRIES and "entries" not in found:
            found["entries"] = source.problem(path + (ENTRIES - total,), say(
                "too_many_entries_in_all", lang, limit=ENTRIES))
        total += len(entries)
    characters = values = 0
    for path, text in texts(data):
        values += 1
        if values > VALUES and "values" not in found:
            found["values"] = source.problem(path, say("too_many_values_in_all", lang, limit=VALUES))
        if len(text) > TEXT and "text" not in found:
            found["text"] = source.problem(path, say("text_too_long", lang, n=len(text), limit=TEXT))
        characters += len(text)
        if characters > ALL_TEXT and "all_text" not in found:
            found["all_text"] = source.problem(path, say("too_much_text", lang, limit=ALL_TEXT))
    return list(found.values())


def _blocks(data: dict) -> Iterator[tuple[str, tuple, list]]:
    """(block, path, entries) of each block's list and each journey's and the funnel's stages."""
    for key in KEYS:
        value = data.get(key)
        if key == "funnel" and isinstance(value, dict):
            value, path = value.get("stages"), ("funnel", "stages")
        else:
            path = (key,)
        if isinstance(value, list):
            yield path[0], path, value
    custom = data.get("custom_stages")
    if isinstance(custom, list):
        yield "custom_stages", ("custom_stages",), custom
    for i, journey in enumerate(data.get("journeys") or [] if isinstance(data.get("journeys"), list) else []):
        if isinstance(journey, dict) and isinstance(journey.get("stages"), list):
            yield "journeys", ("journeys", i, "stages"), journey["stages"]


def texts(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every string value of the parsed YAML, with its path, in document order; a channel's
    `serves` counts each segment it names (a cell of the channel matrix: 150 channels serving 150
    segments each built for 4 1/2 minutes and 3.3 GB, uncounted)."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            if path[-1:] == ("serves",) and isinstance(key, str):
                yield path + (key,), key
            yield from texts(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from texts(value, path + (i,))
