"""Merge what a workbook shows (one language) into the model it was built from (or an earlier
YAML given with --into): text that did not change keeps its other language; ids keep their order.

Entries are matched by what identifies them, never by position alone: by id; by segment and
type (relationships), stage (journey and funnel stages), segment (a competitor's markets) or
name (the other blocks); the items of a list of texts by their text. What was deleted, inserted
or moved in between is aligned as a diff aligns lines, so a deleted item takes no translation
with it to its neighbour. Text new to the model is filed under the workbook's language, or gets
its translation back if the model had the same text elsewhere (an entry moved to another block).
"""
from __future__ import annotations

import typing
from difflib import SequenceMatcher
from typing import Any

from pydantic import BaseModel

from ..blocks import OTHER
from ..fields import Text
from ..model import BusinessModel
from ..vocab import LANGUAGES
from .kinds import norm



def _untranslated() -> frozenset[str]:
    """The fields of the model that are never translatable text (ids, vocabulary ids, numbers,
    dates, file names), in no class of the model a Text: read from the model, so a new field is
    known without a word here."""
    text, other, seen = set(), set(), set()

    def has_text(annotation) -> bool:
        return annotation is Text or any(has_text(a) for a in typing.get_args(annotation))

    def walk(annotation) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel) and annotation not in seen:
            seen.add(annotation)
            for name, field in annotation.model_fields.items():
                (text if has_text(field.annotation) else other).add(name)
                walk(field.annotation)
        for a in typing.get_args(annotation):
            walk(a)

    walk(BusinessModel)
    return frozenset(other - text)


# Keys whose string values are ids or vocabulary ids, never translatable text.
ID_KEYS = _untranslated()
# What identifies an entry of a list whose entries have no id, by the list's key.
IDENTITY = {"relationships": ("segment", "type"), "stages": ("stage",), "markets": ("segment",),
            **{block: ("name",) for block in OTHER}}


def shown(text: Any, lang: str) -> str:
    """A text of the model as a workbook in `lang` shows it: its `lang` version, else the other."""
    if isinstance(text, dict):
        return str(text.get(lang) or next(iter(text.values()), ""))
    return "" if text is None else str(text)


def merge(imported: Any, original: Any, lang: str, original_lang: str, ids: frozenset = frozenset()) -> Any:
    """The imported data with the other language's text of `original` kept (plain data; `ids`:
    values that are ids, never text)."""
    return _Merge(lang, original_lang, ids, original).value(imported, original, None)


class _Merge:
    def __init__(self, lang: str, original_lang: str, ids: frozenset, original: Any):
        self.lang, self.original_lang, self.ids = lang, original_lang, ids
        self.texts: dict[str, list] = {}  # shown text -> the model's texts showing it (moved entries)
        self._collect(original, None)

    def _collect(self, value: Any, key: str | None) -> None:
        if _is_text(value):
            self.texts.setdefault(norm(self.shown(value)), []).append(value)
        elif isinstance(value, dict):
            for k, v in value.items():
                self._collect(v, k)
        elif isinstance(value, list):
            for v in value:
                self._collect(v, key)

    def shown(self, original: Any) -> str:
        return shown(original, self.lang)

    def value(self, imported: Any, original: Any, key: str | None) -> Any:
        if original is None:
            return self.new(imported, key)
        if isinstance(imported, dict) and isinstance(original, dict) and not _is_text(original):
            return {k: self.value(v, original.get(k), k) for k, v in imported.items()}
        if isinstance(imported, list) and isinstance(original, list):
            return self.list(imported, original, key)
        if isinstance(imported, str) and key not in ID_KEYS and (_is_text(original) or isinstance(original, str)):
            return self.text(imported, original)
        return imported

    def text(self, imported: str, original: Any) -> Any:
        if imported == self.shown(original):
            return original  # unchanged: keep it exactly as written
        texts = dict(original) if isinstance(original, dict) else {self.original_lang: original}
        texts[self.lang] = imported
        if not isinstance(original, dict) and self.lang == self.original_lang:
            return imported
        return texts

    def list(self, imported: list, original: list, key: str | None) -> list:
        if key in ID_KEYS and all(isinstance(x, str) for x in imported + original):
            return original if sorted(imported) == sorted(original) else imported  # keep the ids' order
        if imported and all(isinstance(x, dict) and "id" in x for x in imported):
            by_id = {o.get("id"): o for o in original if isinstance(o, dict)}
            return [self.value(x, by_id.get(x["id"]), None) for x in imported]
        if all(isinstance(x, str) for x in imported) and key not in ID_KEYS:
            pairs = _align([norm(x) for x in imported], [norm(self.shown(o)) for o in original])
        elif key in IDENTITY and all(isinstance(x, dict) for x in imported + original):
            fields = IDENTITY[key]
            pairs = _align([self.identity(x, fields) for x in imported], [self.identity(o, fields) for o in original])
        else:
            pairs = list(range(len(original)))[:len(imported)] + [None] * max(len(imported) - len(original), 0)
        return [self.value(x, original[j] if j is not None else None, key) for x, j in zip(imported, pairs)]

    def identity(self, entry: dict, fields: tuple[str, ...]) -> tuple:
        return tuple(norm(self.shown(entry[f])) if _is_text(entry.get(f)) or isinstance(entry.get(f), str)
                     else entry.get(f) for f in fields)

    def new(self, value: Any, key: str | None) -> Any:
        """Content the model did not have: text in the workbook's language, unless the model had
        the very same text elsewhere (then with its translation)."""
        if isinstance(value, dict):
            return {k: self.new(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self.new(v, key) for v in value]
        if isinstance(value, str) and key not in ID_KEYS and value not in self.ids:
            same = self.texts.get(norm(value), [])
            if len(same) == 1 or (same and all(s == same[0] for s in same)):
                return same[0]
            return {self.lang: value} if self.lang != self.original_lang else value
        return value


def _align(imported: list, original: list) -> list[int | None]:
    """For each imported item, the index of the original it continues, or None (new). An item
    equal to an original is that original, wherever it moved; of the rest, a run that replaced a
    run of the same length in place is taken as edited there."""
    out: list[int | None] = [None] * len(imported)
    free = {}
    for i, key in enumerate(original):
        free.setdefault(key, []).append(i)
    for j, key in enumerate(imported):
        if free.get(key):
            out[j] = free[key].pop(0)
    used = {i for i in out if i is not None}
    matcher = SequenceMatcher(a=original, b=imported, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace" and i2 - i1 == j2 - j1:
            for k in range(j2 - j1):
                if out[j1 + k] is None and i1 + k not in used:
                    out[j1 + k] = i1 + k
                    used.add(i1 + k)
    return out


def _is_text(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and set(value) <= set(LANGUAGES) and all(
        isinstance(v, (str, int, float)) for v in value.values())


def prune(value: Any) -> Any:
    """Drop empty values so the YAML reads like a hand-written one."""
    if isinstance(value, dict):
        pruned = {k: prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in (None, [], {}, "")}
    if isinstance(value, list):
        return [prune(v) for v in value]
    return value


def keep_added(data: dict, earlier: dict, built: dict | None, lang: str) -> tuple[list, list]:
    """With --into: entries of the earlier YAML that the workbook does not have. Those the
    workbook was built without (added to the YAML since) are appended to `data` and returned
    first; the others (deleted in the workbook, or unknown without its model copy) second. Each
    as (block, entry)."""
    from ..blocks import BLOCKS

    kept, dropped = [], []
    for block in BLOCKS:
        if not block.keyed_by or not isinstance(earlier.get(block.key), list):
            continue
        def key(entry):  # an id, or a name as the workbook shows it
            return norm(shown(entry.get(block.keyed_by) if isinstance(entry, dict) else None, lang))
        have = {key(e) for e in data.get(block.key) or []}
        built_keys = {key(e) for e in (built or {}).get(block.key) or []} if built is not None else None
        for entry in earlier[block.key]:
            if key(entry) in have:
                continue
            if built_keys is not None and key(entry) not in built_keys:
                data.setdefault(block.key, []).append(entry)
                kept.append((block.key, entry))
            else:
                dropped.append((block.key, entry))
    return kept, dropped
