"""Kinds of workbook cells: how a model value is written into a cell and read back from one.

Every column, card field and matrix cell of the workbook has one of these kinds; the writer and
the reader of a sheet both go through it, so what is written can always be read. Reading accepts
what people type in any spreadsheet program: Persian or Latin digits, thousands separators, a
percent sign or a percentage format, labels in either language, Arabic ي/ك for Persian ی/ک.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..fields import latin_digits
from ..vocab import vocabularies

if TYPE_CHECKING:
    from ..view import View
    from .grid import Cell
    from .reader import At, Reader

MARK = "●"  # what canvas writes in a marked cell
# What a person may type in a mark cell; documented in the README.
YES = {"●", "•", "x", "✓", "✔", "☑", "*", "1", "yes", "y", "true", "بله", "آری", "اره", "اری", "اوه"}
NO = {"0", "no", "n", "false", "-", "–", "—", "○", "نه", "خیر"}
BULLET = re.compile(r"^\s*[•\-*·▪◦]\s+")

_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "\u200c": " ", "\u200d": "", "\u200e": "",
                       "\u200f": "", "ـ": "", "\u00a0": " "})


def norm(text: Any) -> str:
    """Text as compared with labels and names: case, spaces, digits and Arabic letter forms folded."""
    text = unicodedata.normalize("NFKC", latin_digits(str(text))).translate(_FOLD)
    return " ".join(text.split()).casefold()


def plain(cell: "Cell") -> Any:
    """A cell's value with text stripped ('' -> None) and whole floats as ints."""
    value = cell.value
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, float) and value.is_integer() and not cell.percent:
        return int(value)
    return value


def as_text(value: Any, percent: bool = False) -> str | None:
    if value is None:
        return None
    if percent and isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value * 100:g}%"  # as the cell shows it
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def lines(value: Any) -> list[str]:
    """A cell holding a list: one item per line, bullets dropped."""
    text = as_text(value)
    if not text:
        return []
    return [item for item in (BULLET.sub("", line).strip() for line in text.splitlines()) if item]


def number(value: Any, percent: bool = False) -> tuple[float | None, bool]:
    """(number, typed as a percentage) of a cell value, or (None, False) if it is no number."""
    if isinstance(value, bool):
        return None, False
    if isinstance(value, (int, float)):
        return value, percent
    text = latin_digits(str(value)).strip().replace("\u2212", "-").replace("٫", ".")
    text = re.sub(r"(?<=\d)[,٬_'\s\u066c\u2009\u202f](?=\d)", "", text)
    is_percent = text.endswith(("%", "٪"))
    text = text.rstrip("%٪").strip().strip("\u200e\u200f")
    if re.fullmatch(r"\d+(\.\d+)?\s*-", text):  # the minus typed after the digits, as right to left reads it
        text = "-" + text.rstrip("- ")
    try:
        return (int(text) if re.fullmatch(r"[-+]?\d+", text) else float(text)), is_percent
    except ValueError:
        return None, False


class Kind:
    """How one kind of value goes into a cell and comes back."""

    number_format: str | None = None
    center = False
    # The stem of its row on a blank's Instructions sheet: the labels kind_<stem>, what_<stem>,
    # example_<stem> and accepts_<stem> (filled with `guide_params`). Every kind has one.
    guide: str | None = None

    def guide_params(self, v: "View") -> dict[str, Any]:
        """What the texts of its Instructions row are filled with (a list's choices, a range)."""
        return {}

    def guide_key(self, v: "View") -> tuple:
        """Kinds with the same key share one Instructions row."""
        return (self.guide, tuple(sorted((k, str(p)) for k, p in self.guide_params(v).items())))

    def write(self, v: "View", value: Any) -> Any:
        return value if value is not None else ""

    def read(self, rd: "Reader", at: "At", cell: "Cell") -> Any:
        raise NotImplementedError

    prompt: str | None = None  # label key of the hint shown when the cell is selected

    def validate(self, book, ws, ref: str) -> None:
        """Add the cells' dropdown or validation, or only their hint."""
        if self.prompt:
            book.hint(ws, ref, self.prompt)


class Text(Kind):
    guide = "text"

    def write(self, v, value):
        return v.t(value)

    def read(self, rd, at, cell):
        return as_text(plain(cell), cell.percent)


class Id(Text):
    """An entry's id: a blank pre-fills it; other sheets may refer to the entry by it."""

    guide = "id"
    prompt = "prompt_id"


class Picture(Text):
    """A picture's file name, relative to the model's YAML file (a persona's photo)."""

    guide = "photo"
    prompt = "prompt_photo"


def choices_text(v: "View", labels: list[str], most: int = 6) -> str:
    """The first labels of a list, as an Instructions row names them."""
    shown = labels[:most] + (["…"] if len(labels) > most else [])
    return ("، " if v.lang == "fa" else ", ").join(shown)


class Lines(Kind):
    """A list of texts, one per line (Alt+Enter in a cell)."""

    prompt = "prompt_lines"
    guide = "lines"

    def write(self, v, value):
        return v.ts(value or [])

    def read(self, rd, at, cell):
        return lines(plain(cell))


@dataclass(frozen=True)
class Vocab(Kind):
    """One id of a vocabulary, shown as its label."""

    vocabulary: str
    guide = "vocab"

    def guide_params(self, v):
        labels = [label for _, label in v.vocab_items(self.vocabulary)]
        return {"choices": choices_text(v, labels), "example": labels[min(1, len(labels) - 1)]}

    def write(self, v, value):
        return v.vocab(self.vocabulary, value) if value else ""

    def read(self, rd, at, cell):
        value = as_text(plain(cell))
        return None if value is None else rd.vocab(self.vocabulary, value, at)

    def validate(self, book, ws, ref):
        book.vocab_dropdown(ws, ref, self.vocabulary)


@dataclass(frozen=True)
class Vocabs(Kind):
    """Several ids of a vocabulary, a label per line (commas also separate them)."""

    vocabulary: str
    guide = "vocabs"

    def guide_params(self, v):
        labels = [label for _, label in v.vocab_items(self.vocabulary)]
        return {"choices": choices_text(v, labels), "example": "\n".join(labels[:2])}

    def write(self, v, value):
        return v.vocabs(self.vocabulary, value or [])

    def validate(self, book, ws, ref):  # a dropdown to pick one; more are typed a line each
        labels = [label for _, label in book.v.vocab_items(self.vocabulary)]
        book.dropdown(ws, ref, self.vocabulary, labels, strict=False,
                      prompt=book.v.label("prompt_choices").format(choices=", ".join(labels)))

    def read(self, rd, at, cell):
        found = [rd.vocab(self.vocabulary, part.strip(), at)
                 for line in lines(plain(cell)) for part in re.split(r"[,،;؛]", line) if part.strip()]
        return [f for f in found if f]


@dataclass(frozen=True)
class Ref(Kind):
    """An id of another entry (a segment, channel, persona), shown as that entry's name."""

    collection: str
    guide = "ref"

    def guide_params(self, v):
        return {"sheet": v.label(SHEETS[self.collection]), "example": v.label(f"example_{self.collection}"),
                "id": IDS[self.collection] + "1"}

    def write(self, v, value):
        from .refs import shown
        return shown(v, self.collection, value) if value else ""

    def read(self, rd, at, cell):
        value = as_text(plain(cell))
        return None if value is None else rd.ref(self.collection, value, at)

    def validate(self, book, ws, ref):
        book.names_dropdown(ws, ref, self.collection)


@dataclass(frozen=True)
class Refs(Kind):
    collection: str
    prompt: str = "prompt_names"
    guide = "refs"

    def guide_params(self, v):
        return {"sheet": v.label(SHEETS[self.collection]), "example": v.label(f"example_{self.collection}")}

    def validate(self, book, ws, ref):  # a dropdown to pick one; more are typed a line each
        book.names_dropdown(ws, ref, self.collection, strict=False, prompt=book.v.label(self.prompt))

    def write(self, v, value):
        from .refs import shown
        return [shown(v, self.collection, x) for x in value or []]

    def read(self, rd, at, cell):
        found = [rd.ref(self.collection, line, at) for line in lines(plain(cell))]
        return [f for f in found if f]


@dataclass(frozen=True)
class Number(Kind):
    """A number; `whole` ones are integers. `scale` names a vocabulary whose labels may be typed
    instead of the numbers (Strong for 3, Very negative for -2)."""

    whole: bool = True
    scale: str | None = None
    number_format: str | None = None
    center: bool = False
    low: int | None = None
    high: int | None = None
    named: str | None = None  # the guide's row for it, when not the one its bounds choose

    @property
    def guide(self):
        if self.named:
            return self.named
        return ("scale" if self.scale else "decimal" if not self.whole and self.low is None
                else "amount" if not self.whole and self.high is None
                else "count" if self.high is None else "number")

    def guide_params(self, v):
        def num(n):  # a minus keeps its side in right-to-left text with a mark (LRM)
            return ("\u200e" if v.rtl and n is not None and n < 0 else "") + v.num(n)

        if self.scale:
            items = v.vocab_items(self.scale)
            comma = "، " if v.lang == "fa" else ", "
            return {"low": num(self.low), "high": num(self.high),
                    "meanings": comma.join(f"{num(int(k))} {label}" for k, label in items),
                    "example": num(int(items[-2][0])), "label": items[-2][1]}
        return {"low": num(self.low), "high": num(self.high)} if self.high is not None else {}

    def validate(self, book, ws, ref):
        if self.low is not None and self.whole:
            book.whole_number(ws, ref, self.low, self.high, scale=self.scale)
        elif not self.whole and self.low is None:  # any number (a metric's value): a rule, for its prompt
            from .kit import validation
            validation(ws, ref, kind="decimal", operator="between", formula1="-1E+15", formula2="1E+15",
                       prompt=book.v.label("any_number"))
        elif not self.whole and self.high is None:  # an amount of money (or any number) from `low` up
            from .kit import validation
            validation(ws, ref, kind="decimal", operator="greaterThanOrEqual", formula1=str(self.low),
                       prompt=book.v.label("amount_prompt" if self.guide == "amount" else "number_from_zero"))

    def refuse(self, rd, at, value) -> None:
        """Say that `value` is no number, and what is: the range, the scale's labels."""
        if self.scale:
            labels = [names[rd.lang] for names in vocabularies()[self.scale].values()]
            rd.error(at, "not_on_scale", value=value, low=self.low, high=self.high,
                     labels=("، " if rd.lang == "fa" else ", ").join(labels))
        elif self.low is not None and self.high is not None:
            rd.error(at, "not_in_range", value=value, low=self.low, high=self.high)
        else:
            rd.error(at, "not_number", value=value)

    def read(self, rd, at, cell):
        value = plain(cell)
        if value is None:
            return None
        if self.scale and isinstance(value, str):
            for key, names in vocabularies()[self.scale].items():
                if norm(value) in {norm(n) for n in names.values()}:
                    return int(key)
        result, is_percent = number(value, cell.percent)
        if result is None:
            self.refuse(rd, at, value)
            return None
        if is_percent:
            rd.error(at, "percent_here", value=value)
            return None
        if self.whole and float(result).is_integer():
            return int(result)
        return result


class Percent(Number):
    """A share in percent (0-100): 40, '40%', or a cell formatted as a percentage holding 0.4."""

    def __init__(self):  # no number format: LibreOffice formats a typed 40% as a percentage only then
        super().__init__(whole=False, low=0, high=100)

    guide = "percent"

    def guide_params(self, v):
        return {}

    def validate(self, book, ws, ref):
        from .kit import validation
        validation(ws, ref, kind="decimal", operator="between", formula1="0", formula2="100",
                   prompt=book.v.label("number_between").format(low=0, high=100))

    def read(self, rd, at, cell):
        value = plain(cell)
        if value is None:
            return None
        result, is_percent = number(value, cell.percent)
        if result is None:
            rd.error(at, "not_share", value=value)
            return None
        if self.fraction(value, result, is_percent):
            result = round(result * 100, 10)
        return int(result) if float(result).is_integer() else result

    def fraction(self, value, result: float, is_percent: bool) -> bool:
        """Whether a number read is a fraction to take as a percentage: 0.4 shown as 40% is 40."""
        return is_percent and not isinstance(value, str)


class Rate(Percent):
    """A percentage a formula uses (a gross margin, a churn): written as a fraction shown as a
    percentage (0.4 as 40%). Read as the formulas take it (economics.FRACTION), whatever the cell's
    format: a number above 1 is a percentage (40), one up to 1 a fraction (0.4 is 40); text with a
    percent sign is that percentage ('40%', '۴۰٪')."""

    def __init__(self):
        Number.__init__(self, whole=False, low=0, high=100, number_format="0.0%")

    def write(self, v, value):
        return None if value is None else value / 100

    def fraction(self, value, result: float, is_percent: bool) -> bool:
        return not (is_percent and isinstance(value, str)) and result <= 1  # '40%' is 40; 0.4 is 40 too

    def validate(self, book, ws, ref):
        from .kit import validation
        # up to 100: a cell that lost its percent format takes 40 for 40% (FRACTION reads it so)
        validation(ws, ref, kind="decimal", operator="between", formula1="0", formula2="100",
                   prompt=book.v.label("percent_between"))


class Mark(Kind):
    """Yes or no: ● or empty when written; any of YES or NO when read."""

    center = True
    prompt = "prompt_mark"
    guide = "mark"

    def validate(self, book, ws, ref):  # the mark to pick; x, ✓, yes... are read too
        from .kit import validation
        validation(ws, ref, kind="list", formula1=f'"{MARK}"', prompt=book.v.label(self.prompt), strict=False)

    def write(self, v, value):
        return MARK if value else ""

    def read(self, rd, at, cell):
        value = plain(cell)
        if value is None or value is False:
            return False
        if value is True:
            return True
        folded = norm(value)
        if folded in YES:
            return True
        if folded in NO:
            return False
        rd.error(at, "not_mark", value=value)
        return None


@dataclass(frozen=True)
class Member(Mark):
    """A mark column that stands for one id of a list field (a channel's phase)."""

    key: str = ""


class Computed(Kind):
    """A cell canvas computes (a formula); what a person types over it is reported, not read."""

    guide = "computed"

    def read(self, rd, at, cell):
        if not cell.formula and plain(cell) is not None:
            rd.warn(at, "computed", value=as_text(plain(cell)))
        return None


class Suggested(Text):
    """Text with a list to pick from, or a name of one's own (a funnel stage's name)."""

    guide = "suggested"

    def __init__(self, vocabulary: str):
        self.vocabulary = vocabulary

    def guide_params(self, v):
        labels = [label for _, label in v.vocab_items(self.vocabulary)]
        return {"choices": choices_text(v, labels), "example": labels[0]}

    def validate(self, book, ws, ref):
        book.vocab_dropdown(ws, ref, self.vocabulary, strict=False)


class NameOf(Text):
    """The name of an entry typed on another sheet (a value map row's proposition): picked
    from that sheet's names, or typed (a new name adds an entry)."""

    guide = "name_of"

    def __init__(self, collection: str):
        self.collection = collection

    def guide_params(self, v):
        return {"sheet": v.label(SHEETS[self.collection]), "example": v.label(f"example_{self.collection}")}

    def validate(self, book, ws, ref):
        book.names_dropdown(ws, ref, self.collection, strict=False)


class Addresses(Kind):
    """The pains (of a pain reliever) or gains (of a gain creator) a row names: ids, one per line
    (commas also separate them); resolved by the sheet once the row's kind is known."""

    prompt = "prompt_addresses"
    guide = "addresses"

    def guide_params(self, v):
        return {"sheet": v.label("customer_profiles")}

    def validate(self, book, ws, ref):  # a dropdown of the profiles' ids; more are typed a line each
        choices = [e.id for s in book.v.model.segments for kind in ("pains", "gains") for e in getattr(s, kind, [])]
        book.dropdown(ws, ref, "profile_ids", choices, strict=False, prompt=book.v.label(self.prompt))

    def write(self, v, value):
        return list(value or [])

    def read(self, rd, at, cell):
        return [part.strip() for line in lines(plain(cell)) for part in re.split(r"[,،;؛]", line) if part.strip()]


# The sheet each collection's entries are named on, and the letters of a blank's ids (s1, p1...).
SHEETS = {"segments": "segments", "personas": "personas", "channels": "channel_matrix",
          "value_propositions": "value_propositions"}
IDS = {"segments": "s", "personas": "p", "channels": "c", "value_propositions": "vp"}

TEXT, LINES, ID = Text(), Lines(), Id()
COUNT = Number(number_format="#,##0", low=0)
AMOUNT = Number(whole=False, number_format="#,##0.##", low=0, named="amount")  # money, in the model's currency
EMOTION = Number(scale="emotion_scale", low=-2, high=2, center=True)
STRENGTH = Number(scale="channel_strength", low=0, high=3, center=True)


class Touchpoints(Kind):
    """Touchpoints of a journey stage: a channel (by name or id) becomes its id, anything else
    stays the text typed."""

    prompt = "prompt_touchpoints"
    guide = "touchpoints"

    def guide_params(self, v):
        return {"example": v.label("example_channels")}

    def validate(self, book, ws, ref):  # the channels to pick from; any other text is kept as typed
        book.names_dropdown(ws, ref, "channels", strict=False, prompt=book.v.label(self.prompt))

    def write(self, v, value):
        from .refs import shown
        return [v.touchpoint(t, name=lambda channel: shown(v, "channels", channel)) for t in value or []]

    def read(self, rd, at, cell):
        out = []
        for line in lines(plain(cell)):
            found = rd.find("channels", line)
            if len(found) > 1:  # a name two channels share: which one is meant?
                rd.ref("channels", line, at)
            out.append(next(iter(found)) if len(found) == 1 else line)
        return out


class Date(Kind):
    """The model's date, shown in the output's calendar and digits ('۱۵ مهر ۱۴۰۳'); read back in
    any calendar, language and digits canvas writes, or as a date cell."""

    prompt = "prompt_date"
    guide = "date"

    def write(self, v, value):
        return v.date if value is not None else ""

    def read(self, rd, at, cell):
        from .. import dates

        value = plain(cell)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        text = as_text(value)
        if rd.settings.get("date_written") and norm(text) == norm(rd.settings.get("date_shown", "")):
            return rd.settings["date_written"]  # unchanged: keep it as it was written
        parsed = dates.parse(text)
        if parsed is None:
            rd.error(at, "not_date", value=text)
        return parsed


class Pairs(Kind):
    """Fields of a small record as 'Label: value' lines (a segment's demographics)."""

    guide = "pairs"

    def __init__(self, record):
        self.record = record  # the pydantic class whose optional text fields these are

    def guide_params(self, v):
        return {"labels": ("، " if v.lang == "fa" else ", ").join(v.label(k) for k in self.record.model_fields)}

    def validate(self, book, ws, ref):
        book.hint(ws, ref, "prompt_pairs", labels=", ".join(book.v.label(k) for k in self.record.model_fields))

    def write(self, v, value):
        if value is None:
            return []
        return [f"{v.label(k)}: {v.t(getattr(value, k))}" for k in self.record.model_fields if getattr(value, k)]

    def read(self, rd, at, cell):
        out = {}
        keys = list(self.record.model_fields)
        for line in lines(plain(cell)):
            label, sep, value = line.partition(":")
            key = rd.key_of(label) if sep else None
            if key in keys and value.strip():
                out[key] = value.strip()
            else:
                rd.error(at, "demographics", value=line, labels="، ".join(rd.label(k) for k in keys)
                         if rd.lang == "fa" else ", ".join(rd.label(k) for k in keys))
        return out


class Serves(Kind):
    """How strongly a channel serves each segment, as 'segment: strength' lines: the channel
    matrix's strengths when it has too many segments for a column each (see sheets/matrix.py)."""

    prompt = "prompt_serves"
    guide = "serves"

    def write(self, v, value):
        from .refs import shown

        return [f"{shown(v, 'segments', seg)}: {v.vocab('channel_strength', n)}" for seg, n in (value or {}).items()]

    def read(self, rd, at, cell):
        out = {}
        scale = {norm(names[lang]): int(key) for key, names in vocabularies()["channel_strength"].items()
                 for lang in names}
        for line in lines(plain(cell)):
            name, _, strength = line.rpartition(":")
            digits = latin_digits(strength.strip())
            n = scale.get(norm(strength)) if not digits.isdigit() else int(digits)
            if not name.strip() or n is None or not STRENGTH.low <= n <= STRENGTH.high:
                rd.error(at, "serves_line", value=line, low=STRENGTH.low, high=STRENGTH.high,
                         labels=("، " if rd.lang == "fa" else ", ").join(
                             names[rd.lang] for names in vocabularies()["channel_strength"].values()))
                continue
            segment = rd.ref("segments", name.strip(), at)
            if segment:
                out[segment] = n
        return out


def motives_text(lang: str, motivations: list[str]) -> str:
    """A relationship matrix cell as canvas writes it: the motivations, or a mark if none."""
    from ..vocab import label

    return ("، " if lang == "fa" else ", ").join(label("motivations", m, lang) for m in motivations) or MARK


class Motives(Kind):
    """A relationship matrix cell: empty (no relationship), a mark (one without motivations) or
    the motivations of the relationship. Read as None (none) or a tuple of motivation ids."""

    center = True
    prompt = "prompt_motives"
    guide = "motives"

    def guide_params(self, v):
        return {"example": v.vocab("motivations", next(iter(vocabularies()["motivations"])))}

    def validate(self, book, ws, ref):  # a mark or a motivation to pick; several are typed a line each
        labels = [MARK] + [label for _, label in book.v.vocab_items("motivations")]
        book.dropdown(ws, ref, "motives", labels, strict=False, prompt=book.v.label(self.prompt))

    def write(self, v, value):
        return "" if value is None else motives_text(v.lang, value)

    def read(self, rd, at, cell):
        value = plain(cell)
        if value is None or value is False:
            return None
        if value is True or norm(value) in YES:
            return ()
        if norm(value) in NO:
            return None
        return tuple(Vocabs("motivations").read(rd, at, cell))
