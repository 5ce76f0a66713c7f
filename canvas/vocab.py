"""Vocabularies (journey stages, value types, relationship types...) read from data/vocab.yaml."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Literal

from ruamel.yaml import YAML

LANGUAGES = ("fa", "en")


@lru_cache(maxsize=None)
def vocabularies() -> dict[str, dict[str, dict[str, str]]]:
    """{vocabulary: {id: {lang: label}}}, in file order."""
    text = resources.files("canvas").joinpath("data/vocab.yaml").read_text("utf-8")
    return YAML(typ="safe", pure=True).load(text)


def ids(vocabulary: str) -> tuple[str, ...]:
    return tuple(vocabularies()[vocabulary])


def label(vocabulary: str, key: object, lang: str) -> str:
    """The label of `key` in `lang`; unknown keys come back as given."""
    entry = vocabularies()[vocabulary].get(str(key))
    return entry[lang] if entry else str(key)


def literal(vocabulary: str):
    """A typing.Literal of a vocabulary's ids, so pydantic and the JSON Schema both know them."""
    return Literal[ids(vocabulary)]  # type: ignore[valid-type]
