"""Field types of the model: bilingual text, numbers with Persian digits, Jalali/Gregorian dates."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import core_schema

from .errors import Key, Said
from .vocab import LANGUAGES

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_SEPARATORS = re.compile(r"(?<=\d)[,٬_](?=\d{3})")


_TO_PERSIAN = str.maketrans("0123456789.%,", "۰۱۲۳۴۵۶۷۸۹٫٪٬")


def persian_digits(text: str) -> str:
    """'1,200.5%' -> '۱٬۲۰۰٫۵٪'."""
    return text.translate(_TO_PERSIAN)


def latin_digits(text: str) -> str:
    """'۱۴۰۳/۰۷/۱۵' -> '1403/07/15' (Persian and Arabic-Indic digits)."""
    return text.translate(_DIGITS)


def _number(value: Any, percent: bool = True) -> Any:
    """Let numbers be written with Persian digits, thousands separators or (a share) a trailing %."""
    if isinstance(value, str):
        text = _SEPARATORS.sub("", latin_digits(value.strip())).replace("٫", ".")
        return text[:-1].strip() if percent and text.endswith(("%", "٪")) else text
    return value


def _whole(value: Any) -> Any:
    """A count or a score: digits as _number reads them, but '50%' is no count (it was read as 50)."""
    return _number(value, percent=False)


# the largest whole number a spreadsheet keeps exactly (Excel holds 15 significant digits)
MAX_INT = 999_999_999_999_999
Int = Annotated[int, BeforeValidator(_whole), Field(ge=-MAX_INT, le=MAX_INT)]
Float = Annotated[float, BeforeValidator(_number)]
Id = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$", max_length=64,
                          description="Identifier: Latin letters, digits, '_', '-', '.'; "
                                      "starts with a letter. Other blocks refer to it.")]


@dataclass(frozen=True)
class Text:
    """Free text: one string (in the model's language) or one string per language."""

    default: str | None = None
    fa: str | None = None
    en: str | None = None

    def get(self, lang: str) -> str:
        """Text in `lang`, falling back to the untagged text, then to the other language."""
        own = getattr(self, lang, None)
        if own is not None:
            return own
        if self.default is not None:
            return self.default
        return next(getattr(self, other) for other in LANGUAGES if getattr(self, other) is not None)

    def lang_of(self, lang: str, default_lang: str) -> str:
        """The language `get(lang)` answers in (untagged text is in `default_lang`)."""
        if getattr(self, lang, None) is not None:
            return lang
        if self.default is not None:
            return default_lang
        return next(other for other in LANGUAGES if getattr(self, other) is not None)

    def dump(self) -> Any:
        if self.fa is None and self.en is None:
            return self.default
        return {lang: getattr(self, lang) for lang in LANGUAGES if getattr(self, lang) is not None}

    def __str__(self) -> str:  # useful in messages; renderers localise explicitly
        return self.get(LANGUAGES[0])

    @classmethod
    def parse(cls, value: Any) -> "Text":
        if isinstance(value, Text):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str):
            if not value.strip():
                raise Said("text_empty")
            return cls(default=value)
        if isinstance(value, dict):
            unknown = [k for k in value if k not in LANGUAGES]
            if unknown:
                raise Said("unknown_language", key=unknown[0])
            if not value:
                raise Said("no_language")
            bad = [k for k, v in value.items() if not isinstance(v, (str, int, float)) or isinstance(v, bool)
                   or not str(v).strip()]
            if bad:
                raise Said("language_text", key=bad[0])
            return cls(**{k: str(v) for k, v in value.items()})
        raise Said("text_or_languages")

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler):
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.plain_serializer_function_ser_schema(lambda t: t.dump()))

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: GetJsonSchemaHandler):
        return {"anyOf": [
            {"type": "string", "minLength": 1},
            {"type": "object", "minProperties": 1, "additionalProperties": False,
             "properties": {lang: {"type": "string", "minLength": 1, "description": _IN[lang]}
                            for lang in LANGUAGES}},
        ]}


_IN = {"fa": "The text in Persian (فارسی).", "en": "The text in English (انگلیسی)."}
_DATE = re.compile(r"^\s*(\d{3,4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$")
JALALI_BEFORE = 1700  # years below this are Jalali (1403 AP is 2024 AD)
DATES = (dt.date(1800, 1, 1), dt.date(2999, 12, 31))  # what a model's date may be


@dataclass(frozen=True)
class Date:
    """A calendar date written in Jalali (year < 1700) or Gregorian; kept as Gregorian."""

    gregorian: dt.date
    written_as: str  # 'jalali' | 'gregorian'
    text: str

    @classmethod
    def parse(cls, value: Any) -> "Date":
        if isinstance(value, Date):
            return value
        if isinstance(value, dt.date):
            value = value.isoformat()
        if not isinstance(value, str):
            raise Said("date_expected")
        match = _DATE.match(latin_digits(value))
        if not match:
            raise Said("not_date", value=value)
        year, month, day = map(int, match.groups())
        try:
            if year < JALALI_BEFORE:
                import jdatetime

                date = cls(jdatetime.date(year, month, day).togregorian(), "jalali", value)
            else:
                date = cls(dt.date(year, month, day), "gregorian", value)
        except ValueError as e:
            raise Said("bad_date", value=value,
                       calendar=Key("calendar_" + ("jalali" if year < JALALI_BEFORE else "gregorian"))) from None
        if not DATES[0] <= date.gregorian <= DATES[1]:  # both calendars shown: jdatetime ends at 9377 AP
            raise Said("date_range", value=value)
        return date

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler):
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.plain_serializer_function_ser_schema(lambda d: d.text))

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: GetJsonSchemaHandler):
        return {"type": "string", "pattern": r"^\s*[0-9۰-۹]{3,4}[-/.][0-9۰-۹]{1,2}[-/.][0-9۰-۹]{1,2}\s*$",
                "description": "Gregorian (2024-10-06) or Jalali (1403/07/15) date"}
