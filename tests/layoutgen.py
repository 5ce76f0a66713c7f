"""Seeded models of every size for the report's layout tests: every field filled (by walking the
pydantic model, see modelgen), 1-60 entries in the canvas blocks, short and long names, Persian or
English. Every text carries a distinct marker `mkNx`, so a test can tell which texts reached an
output."""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Any

from modelgen import Filler, full_model

from canvas.schema import inner_model
from canvas.vocab import ids

MARKER = re.compile(r"mk\d+x")
# lists a reader of the report meets at the top level: the canvas blocks and their neighbours
CANVAS_LISTS = {"segments", "value_propositions", "channels", "relationships", "competitors",
                "revenue_streams", "key_resources", "key_activities", "key_partners", "cost_structure"}
_WORDS = {
    "en": ("market clinic studio delivery payment subscription partner community training support "
           "logistics analytics maintenance onboarding marketplace wholesale retail insurance "
           "telecommunications interoperability customer-relationship-management").split(),
    "fa": ("بازار کلینیک استودیو ارسال پرداخت اشتراک شریک جامعه آموزش پشتیبانی لجستیک تحلیل نگهداری "
           "بازاریابی عمده‌فروشی خرده‌فروشی بیمه تبلیغ‌دهندگان سرمایه‌گذاری مشتریان‌وفادار").split(),
}


@dataclass(frozen=True)
class Case:
    seed: int
    language: str
    paper: str
    brand: bool

    @property
    def name(self) -> str:
        return f"seed{self.seed}-{self.language}-{self.paper}{'-brand' if self.brand else ''}"


class Generated(Filler):
    """Random sizes and lengths, drawn from the seed; texts with markers."""

    def __init__(self, language: str, seed: int, big: int):
        super().__init__(language)
        self.rng = random.Random(seed)
        self.big = big  # most entries of a canvas block in this model

    def count(self, path: tuple) -> int:
        top = path[0] if path else ""
        if len(path) == 1 and top in CANVAS_LISTS:
            return self.rng.randint(1, self.big)
        if path in (("personas",), ("journeys",)):
            return self.rng.randint(1, 3)
        if path == ("custom_stages",):
            return self.rng.randint(0, 2)
        if path[-1] == "stages" and top == "journeys":
            return self.rng.randint(1, 6)
        if path[-1] == "stages":  # the funnel: one per built-in stage at most
            return self.rng.randint(1, len(ids("funnel_stages")))
        return self.rng.randint(1, 4)

    def text(self, path: tuple) -> dict[str, str]:
        self.n += 1
        name = next((p for p in reversed(path) if isinstance(p, str)), "")
        short = name in ("name", "title", "stage", "label", "unit") or self.rng.random() < 0.4
        out = {}
        for lang, words in _WORDS.items():
            n = self.rng.randint(1, 3) if short else self.rng.randint(6, 28)
            chosen = [self.rng.choice(words) for _ in range(n)]
            chosen.insert(self.rng.randint(0, len(chosen)), f"mk{self.n}x")
            out[lang] = " ".join(chosen)
        return out


def model(case: Case) -> dict[str, Any]:
    """The case's model, as large as drawn, but never past the loader's limits (canvas/limits.py):
    a model past them is refused, not laid out; the largest sizes are shrunk until it fits."""
    rng = random.Random(case.seed)
    big = rng.choice([1, 4, 12, 30, 60])
    data = full_model(case.language, Generated(case.language, case.seed, big))
    while big > 1 and not _within_limits(data):
        big = big * 2 // 3
        data = full_model(case.language, Generated(case.language, case.seed, big))
    if not case.brand:
        data.pop("brand", None)
    # funnel counts spanning from a handful to hundreds of millions
    top = rng.choice([900, 40_000, 250_000_000])
    for i, stage in enumerate(data["funnel"]["stages"]):
        stage["count"] = max(1, top // (rng.choice([2, 10, 40]) ** i))
    return data


def _within_limits(data: Any) -> bool:
    from canvas import limits

    texts = [text for _, text in limits.texts(data)]
    return (sum(map(len, texts)) <= limits.ALL_TEXT and len(texts) <= limits.VALUES
            and all(len(t) <= limits.TEXT for t in texts))


def markers(data: Any) -> set[str]:
    """Every marker in the model's texts (in the language given, or both)."""
    found: set[str] = set()

    def walk(value):
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str):
            found.update(MARKER.findall(value))
    walk(data)
    return found


def shown_values(data: dict[str, Any], view) -> set[str]:
    """How the model's numbers and vocabulary choices read in an output of `view`: every int and
    float as view.num gives it, every Literal field's value as its vocabulary's label. The model
    is walked beside the data, so a field added later is covered without touching this."""
    import typing

    from canvas.model import BusinessModel
    from canvas.vocab import vocabularies

    by_ids = {frozenset(v): name for name, v in vocabularies().items()}
    out: set[str] = set()

    def literal(annotation) -> frozenset | None:
        if typing.get_origin(annotation) is typing.Literal:
            return frozenset(typing.get_args(annotation))
        for arg in typing.get_args(annotation):
            found = literal(arg)
            if found:
                return found
        return None

    def walk(value, annotation, name):
        inner = inner_model(annotation)
        if isinstance(value, dict) and inner is not None:
            for key, field in inner.model_fields.items():
                if key in value:
                    walk(value[key], field.annotation, key)
        elif isinstance(value, list):
            for item in value:
                walk(item, annotation, name)
        elif isinstance(value, str) and literal(annotation) in by_ids:
            out.add(view.vocab(by_ids[literal(annotation)], value))
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and name in _NUMBERS:
            out.add(view.num(value))

    walk(data, BusinessModel, "")
    return out


# numbers shown as numbers (scores and strengths are shown as their labels: emotion, serves)
_NUMBERS = {"size", "age", "count", "share"}
