"""Merge what a workbook shows (one language) into the model it was built from (or an earlier
YAML given with --into): text that did not change keeps its other language; ids keep their order."""
from __future__ import annotations

from typing import Any

from ..vocab import LANGUAGES

# Keys whose string values are ids or vocabulary ids, never translatable text.
ID_KEYS = {"id", "segment", "persona", "type", "category", "stage", "archetype", "channels",
           "segments", "phases", "motivations", "language", "calendar", "digits", "date", "version"}


def merge(imported: Any, original: Any, lang: str, original_lang: str, key: str | None = None,
          ids: frozenset = frozenset()) -> Any:
    """The imported data, keeping the other language's text from `original` (plain data). Text
    new to the model is tagged with the workbook's language when the model's differs (`ids`:
    values that are ids, never text)."""
    if original is None and lang != original_lang:
        return _tag(imported, lang, key, ids)
    if isinstance(imported, dict) and isinstance(original, dict) and not _is_text(original):
        return {k: merge(v, original.get(k), lang, original_lang, k, ids) for k, v in imported.items()}
    if isinstance(imported, list) and isinstance(original, list):
        if key in ID_KEYS and all(isinstance(x, str) for x in imported + original) and sorted(imported) == sorted(original):
            return original  # the same ids: keep the order they were written in
        if imported and all(isinstance(x, dict) and "id" in x for x in imported):
            by_id = {o.get("id"): o for o in original if isinstance(o, dict)}
            return [merge(x, by_id.get(x["id"]), lang, original_lang, None, ids) for x in imported]
        return [merge(x, _same_entry(x, original[i] if i < len(original) else None), lang, original_lang, key, ids)
                for i, x in enumerate(imported)]
    if isinstance(imported, str) and key not in ID_KEYS and original is not None and (
            _is_text(original) or isinstance(original, str)):
        texts = dict(original) if isinstance(original, dict) else {original_lang: original}
        shown = texts.get(lang) or next(iter(texts.values()))
        if imported == shown:
            return original  # unchanged: keep it exactly as written
        texts[lang] = imported
        return texts
    return imported


def _tag(value: Any, lang: str, key: str | None, ids: frozenset) -> Any:
    """`value` with each text marked as written in `lang` ({fa: ...})."""
    if isinstance(value, dict):
        return {k: _tag(v, lang, k, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_tag(v, lang, key, ids) for v in value]
    if isinstance(value, str) and key not in ID_KEYS and value not in ids:
        return {lang: value}
    return value


def _same_entry(imported: Any, original: Any) -> Any:
    """`original` if it is the same entry as `imported` (its ids and vocabulary values agree), else
    None: a reordered row must not take another row's translation."""
    if isinstance(imported, dict) and isinstance(original, dict):
        if any(k in ID_KEYS and k in original and v != original[k] for k, v in imported.items()):
            return None
    return original


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
