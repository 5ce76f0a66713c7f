"""Messages in the user's language: the catalogue (data/messages.yaml) and which language to speak.

The language is, in order: what the user asked for (`--lang`, or CANVAS_LANG in the environment),
the model's own `meta.language` (read from the file's text, so a file that cannot be parsed is
still answered in its language), Persian text in the file, a Persian locale (LC_ALL, LC_MESSAGES,
LANG starting with 'fa'), else English.
"""
from __future__ import annotations

import os
import re
import stat
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from .errors import Key
from .fields import persian_digits
from .vocab import LANGUAGES

SEPARATOR = {"fa": "، ", "en": ", "}


@lru_cache(maxsize=None)
def catalogue() -> dict[str, dict[str, str]]:
    text = resources.files("canvas").joinpath("data/messages.yaml").read_text("utf-8")
    return YAML(typ="safe", pure=True).load(text)


def number(value: int | float, lang: str) -> str:
    """1200 -> '1,200' ('۱٬۲۰۰' in Persian); -2 -> '−2' with a real minus sign."""
    text = f"{value:,}" if isinstance(value, int) else f"{value:,g}"
    text = text.replace("-", "−")
    return persian_digits(text) if lang == "fa" else text


def percent(share: float, lang: str) -> str:
    """0.92 -> '92%' ('۹۲٪')."""
    text = f"{share:.0%}"
    return persian_digits(text) if lang == "fa" else text


def shown(value: Any, lang: str) -> str:
    """A parameter as a message shows it: numbers in the message's digits, lists joined."""
    if isinstance(value, Key):
        return say(value, lang)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return number(value, lang)
    if isinstance(value, (list, tuple)):
        return SEPARATOR[lang].join(shown(v, lang) for v in value)
    if hasattr(value, "get") and hasattr(value, "lang_of"):  # a model Text
        return value.get(lang)
    return str(value)


def say(key: str, lang: str, /, **params: Any) -> str:
    """The message `key` in `lang` with its parameters filled in."""
    return catalogue()[key][lang].format(**{k: shown(v, lang) for k, v in params.items()})


# --- which language -----------------------------------------------------------------------

_LANGUAGE = re.compile(r"^\s*language:\s*['\"]?(fa|en)['\"]?\s*(?:#.*)?$", re.M)
_FLOW_LANGUAGE = re.compile(r"\blanguage:\s*['\"]?(fa|en)\b")
_PERSIAN = re.compile(r"[\u0600-\u06FF]")
_LATIN = re.compile(r"[A-Za-z]")


def asked() -> str | None:
    """The language the environment asks for explicitly (CANVAS_LANG=fa|en), if any."""
    value = os.environ.get("CANVAS_LANG", "").strip().lower()
    return value if value in LANGUAGES else None


def locale() -> str:
    """fa when the locale is Persian, else en."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "fa" if value.lower().startswith("fa") else "en"
    return "en"


def of_text(text: str) -> str | None:
    """The language a model's text is written in: its meta.language, else mostly Persian letters."""
    match = _LANGUAGE.search(text) or _FLOW_LANGUAGE.search(text)
    if match:
        return match.group(1)
    persian = len(_PERSIAN.findall(text))
    # keys are Latin; a model whose values are Persian has far more Persian letters than a third
    if persian and persian >= len(_LATIN.findall(text)) / 3:
        return "fa"
    return None


def choose(requested: str | None = None, text: str | None = None) -> str:
    """The language to speak to the user about `text` (see the module's docstring)."""
    if requested in LANGUAGES:
        return requested
    return asked() or (of_text(text) if text else None) or locale()


def for_file(path: str | Path, requested: str | None = None) -> str:
    """`choose` for a file on disk (a model, or anything else: then only the rest counts)."""
    if requested in LANGUAGES:
        return requested
    return asked() or of_file(path) or locale()


def of_file(path: str | Path) -> str | None:
    """`of_text` of a model on disk (None for anything but a readable YAML file)."""
    try:
        path = Path(path)
        if path.suffix.lower() in (".yaml", ".yml") and stat.S_ISREG(path.stat().st_mode):  # a pipe would block
            with open(path, "rb") as handle:
                return of_text(handle.read(2 * 1024 * 1024).decode("utf-8", errors="replace"))
    except OSError:
        pass
    return None
