"""Dates as canvas shows them ('15 Mehr 1403', '۶ اکتبر ۲۰۲۴') and as people type them back."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from importlib import resources

from ruamel.yaml import YAML

from .fields import latin_digits, persian_digits

CALENDARS = ("jalali", "gregorian")


@lru_cache(maxsize=None)
def months() -> dict[str, dict[str, list[str]]]:
    text = resources.files("canvas").joinpath("data/calendar.yaml").read_text("utf-8")
    return YAML(typ="safe", pure=True).load(text)


def show(date: dt.date, lang: str, calendar: str, persian: bool) -> str:
    """`date` as 'day month year' in `calendar`, month names in `lang`, Persian digits if `persian`."""
    if calendar == "jalali":
        import jdatetime

        j = jdatetime.date.fromgregorian(date=date)
        day, month, year = j.day, j.month, j.year
    else:
        day, month, year = date.day, date.month, date.year
    text = f"{day} {months()[calendar][lang][month - 1]} {year}"
    return persian_digits(text) if persian else text


_NUMERIC = re.compile(r"^(\d{3,4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_WORDS = re.compile(r"^(\d{1,2})\s+(.+?)\s+(\d{3,4})$")


def parse(text: str) -> str | None:
    """A typed date as the YAML writes dates ('1403/07/15' Jalali, '2024-10-06' Gregorian), or None.

    Reads what `show` writes in every language and calendar, and numeric dates either way round.
    """
    text = " ".join(latin_digits(text).replace("،", " ").replace(",", " ").split())
    match = _NUMERIC.match(text)
    if match:
        return text
    match = _WORDS.match(text)
    if not match:
        return None
    day, name, year = int(match.group(1)), match.group(2).casefold(), int(match.group(3))
    for calendar in CALENDARS:
        for names in months()[calendar].values():
            folded = [n.casefold() for n in names]
            if name in folded or name[:3] in [n[:3] for n in folded if calendar == "gregorian"]:
                month = (folded.index(name) if name in folded else [n[:3] for n in folded].index(name[:3])) + 1
                return f"{year}/{month:02d}/{day:02d}" if calendar == "jalali" else f"{year}-{month:02d}-{day:02d}"
    return None
