"""Model checks: weaknesses across blocks that a strategy coach would point out.

Each check is a function registered under a code with `@check`; it yields (path, params) for
every place it finds. Messages, hints, severity and block live in data/checks.yaml (fa and en),
so adding a check is one function plus one entry there.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, Iterator

from pydantic import BaseModel
from ruamel.yaml import YAML

from . import blocks
from .fields import Text, persian_digits
from .model import BusinessModel
from .vocab import LANGUAGES, ids, label

Path_ = tuple
CHECKS: dict[str, Callable[["Context"], Iterator[tuple[Path_, dict]]]] = {}

# Blocks scored for completeness, in the order they are reported; the nine canvas blocks.
BLOCKS = blocks.KEYS
CANVAS_BLOCKS = tuple(b.key for b in blocks.CANVAS)


@lru_cache(maxsize=None)
def definitions() -> dict[str, dict[str, Any]]:
    text = resources.files("canvas").joinpath("data/checks.yaml").read_text("utf-8")
    return YAML(typ="safe", pure=True).load(text)


def check(code: str):
    """Register a check under `code` (which must have an entry in data/checks.yaml)."""
    def register(func):
        CHECKS[code] = func
        return func
    return register


@dataclass
class Context:
    model: BusinessModel
    lang: str | None = None  # the deliverable language asked for (translation checks)


@dataclass(frozen=True)
class Finding:
    code: str
    path: Path_
    params: tuple = field(default=())  # (key, value) pairs, hashable
    line: int = 0
    column: int = 0
    escalated: bool = False  # an 'info' the user asked to treat as a warning

    @property
    def definition(self) -> dict[str, Any]:
        return definitions()[self.code]

    @property
    def severity(self) -> str:
        return "warning" if self.escalated else self.definition["severity"]

    @property
    def block(self) -> str:
        return self.definition["block"]

    def _format(self, template: str, lang: str) -> str:
        values = {}
        for key, value in self.params:
            if isinstance(value, Text):
                value = value.get(lang)
            elif key == "stages":
                value = ", ".join(label("journey_stages", s, lang) for s in value)
            elif key == "stage":
                value = label("journey_stages", value, lang)
            elif key == "block":
                value = _block_label(value, lang)
            elif isinstance(value, (int, float)) or key == "total":
                value = _digits(value, lang)
            elif key == "lang":
                value = {"fa": {"fa": "فارسی", "en": "Persian"}, "en": {"fa": "انگلیسی", "en": "English"}}[value][lang]
            values[key] = value
        return template.format(**values)

    def message(self, lang: str) -> str:
        return self._format(self.definition["message"][lang], lang)

    def hint(self, lang: str) -> str:
        return self._format(self.definition["hint"][lang], lang)


def _digits(value: Any, lang: str) -> str:
    """Numbers in a message, with Persian digits in Persian ones."""
    text = f"{value:,}" if isinstance(value, int) else str(value)
    return persian_digits(text) if lang == "fa" else text


def _block_label(block: str, lang: str) -> str:
    from .view import labels
    return labels()[block][lang]


# --- the checks ----------------------------------------------------------------------------

def _segment_params(s) -> dict:
    return {"name": s.name, "id": s.id}


@check("C101")
def segment_without_proposition(ctx: Context):
    for i, s in enumerate(ctx.model.segments):
        if not any(s.id in p.segments for p in ctx.model.value_propositions):
            yield ("segments", i, "id"), _segment_params(s)


@check("C102")
def segment_without_channel(ctx: Context):
    for i, s in enumerate(ctx.model.segments):
        if not any(c.serves.get(s.id, 0) > 0 for c in ctx.model.channels):
            yield ("segments", i, "id"), _segment_params(s)


@check("C103")
def segment_without_relationship(ctx: Context):
    for i, s in enumerate(ctx.model.segments):
        if not any(r.segment == s.id for r in ctx.model.relationships):
            yield ("segments", i, "id"), _segment_params(s)


@check("C201")
def proposition_without_segment(ctx: Context):
    for i, p in enumerate(ctx.model.value_propositions):
        if not p.segments:
            yield ("value_propositions", i, "id"), {"name": p.name}


@check("C202")
def proposition_without_value_type(ctx: Context):
    for i, p in enumerate(ctx.model.value_propositions):
        if not any(getattr(p.values, t) for t in ids("value_types")):
            yield ("value_propositions", i, "id"), {"name": p.name}


@check("C301")
def channel_without_segment(ctx: Context):
    for i, c in enumerate(ctx.model.channels):
        if not any(strength > 0 for strength in c.serves.values()):
            yield ("channels", i, "id"), {"name": c.name}


@check("C401")
def persona_without_journey(ctx: Context):
    for i, p in enumerate(ctx.model.personas):
        if not any(j.persona == p.id for j in ctx.model.journeys):
            yield ("personas", i, "id"), {"name": p.name, "id": p.id}


def _journey_name(ctx: Context, j) -> Text:
    if j.title is not None:
        return j.title
    if j.persona:
        return next(p.name for p in ctx.model.personas if p.id == j.persona)
    return next(s.name for s in ctx.model.segments if s.id == j.segment)


@check("C501")
def journey_missing_standard_stages(ctx: Context):
    for i, j in enumerate(ctx.model.journeys):
        present = {s.stage for s in j.stages}
        missing = [s for s in ids("journey_stages") if s not in present]
        if missing:
            yield ("journeys", i, "id"), {"name": _journey_name(ctx, j), "stages": tuple(missing)}


def _stage_lacking(ctx: Context, attribute: str):
    for i, j in enumerate(ctx.model.journeys):
        for k, s in enumerate(j.stages):
            value = getattr(s, attribute)
            if value is None or value == []:
                yield ("journeys", i, "stages", k, "stage"), {"name": _journey_name(ctx, j), "stage": s.stage}


@check("C502")
def stage_without_touchpoints(ctx: Context):
    yield from _stage_lacking(ctx, "touchpoints")


@check("C503")
def stage_without_emotion(ctx: Context):
    yield from _stage_lacking(ctx, "emotion")


@check("C504")
def stage_without_pain_points(ctx: Context):
    yield from _stage_lacking(ctx, "pain_points")


@check("C505")
def touchpoint_not_a_channel(ctx: Context):
    known = {c.id for c in ctx.model.channels}
    for c in ctx.model.channels:
        known |= {c.name.get(lang) for lang in LANGUAGES}
    for i, j in enumerate(ctx.model.journeys):
        for k, s in enumerate(j.stages):
            for n, t in enumerate(s.touchpoints):
                if not {t.get(lang) for lang in LANGUAGES} & known:
                    yield (("journeys", i, "stages", k, "touchpoints", n),
                           {"name": _journey_name(ctx, j), "touchpoint": t})


@check("C601")
def funnel_grows(ctx: Context):
    from .view import View

    stages = ctx.model.funnel.stages
    for i in range(len(stages) - 1):
        a, b = stages[i], stages[i + 1]
        if b.count > a.count:
            names = {lang: View(ctx.model, lang) for lang in LANGUAGES}
            first = Text(**{lang: names[lang].funnel_name(a) for lang in LANGUAGES})
            second = Text(**{lang: names[lang].funnel_name(b) for lang in LANGUAGES})
            yield ("funnel", "stages", i + 1, "count"), {"first": first, "second": second,
                                                         "a": a.count, "b": b.count}


@check("C701")
def market_share_over_100(ctx: Context):
    for i, s in enumerate(ctx.model.segments):
        total = sum(m.share or 0 for c in ctx.model.competitors for m in c.markets if m.segment == s.id)
        if total > 100:
            yield ("segments", i, "id"), {"name": s.name, "total": f"{total:g}"}


@check("C801")
def empty_canvas_block(ctx: Context):
    for block in CANVAS_BLOCKS:
        if not getattr(ctx.model, block):
            yield (block,), {"block": block}


def _texts(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Text]]:
    """Every Text of the model with its path."""
    if isinstance(data, Text):
        yield path, data
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _texts(item, path + (i,))
    elif isinstance(data, dict):
        for key, item in data.items():
            yield from _texts(item, path + (key,))
    elif isinstance(data, BaseModel):
        for name in type(data).model_fields:
            yield from _texts(getattr(data, name), path + (name,))


def bilingual(model: BusinessModel) -> bool:
    """True if some text of the model is given in both languages."""
    return any(t.fa is not None and t.en is not None for _, t in _texts(model))


@check("C901")
def untranslated(ctx: Context):
    own = ctx.model.meta.language
    wanted = [ctx.lang] if ctx.lang else (list(LANGUAGES) if bilingual(ctx.model) else [])
    for lang in wanted:
        for path, text in _texts(ctx.model):
            if text.lang_of(lang, own) != lang:
                short = text.get(lang)
                yield path, {"lang": lang, "text": short if len(short) <= 40 else short[:39] + "…"}


# --- running and reporting -----------------------------------------------------------------

@dataclass
class Report:
    """The findings on one model and its completeness per block."""

    name: str
    findings: list[Finding]
    completeness: dict[str, float]

    @property
    def overall(self) -> float:
        return sum(self.completeness.values()) / len(self.completeness)

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    def to_json(self, lang: str) -> dict[str, Any]:
        return {
            "file": self.name,
            "findings": [{"code": f.code, "severity": f.severity, "block": f.block, "line": f.line,
                          "column": f.column, "message": f.message(lang), "hint": f.hint(lang)}
                         for f in self.findings],
            "completeness": {k: round(v, 3) for k, v in self.completeness.items()},
            "overall": round(self.overall, 3),
        }


def _strict_lang(model: BusinessModel, lang: str | None) -> str | None:
    """Translation warnings only when the user asked for a language other than the model's."""
    return lang if lang and lang != model.meta.language else None


def run(model: BusinessModel, *, lang: str | None = None, name: str | None = None) -> Report:
    """Every check on `model`; `lang` asks for translations into that language to be checked."""
    ctx = Context(model, _strict_lang(model, lang))
    source = getattr(model, "_source", None)
    findings = []
    for code, func in CHECKS.items():
        for path, params in func(ctx):
            line, column = source.where(path) if source is not None else (0, 0)
            # a translation asked for explicitly is a warning; otherwise missing ones are notes
            findings.append(Finding(code, path, tuple(params.items()), line, column,
                                    escalated=code == "C901" and ctx.lang is not None))
    findings.sort(key=lambda f: (f.line, f.column, f.code))
    name = name or (source.name if source is not None else "<model>")
    return Report(name, findings, completeness(model, findings))


def completeness(model: BusinessModel, findings: list[Finding]) -> dict[str, float]:
    """Per block: 0 when empty, else the share of its entries without a warning."""
    scores = {}
    for block in BLOCKS:
        entries = model.funnel.stages if block == "funnel" else getattr(model, block)
        if not entries:
            scores[block] = 0.0
            continue
        warnings = [f for f in findings if f.severity == "warning"]
        flagged = {f.path[1] for f in warnings if len(f.path) > 1 and f.path[0] == block
                   and isinstance(f.path[1], int)}
        if block == "funnel":
            flagged = {f.path[2] for f in warnings if f.path[:2] == ("funnel", "stages") and len(f.path) > 2}
        scores[block] = 1 - len(flagged) / len(entries)
    return scores


def dumps(reports: list[Report], lang: str) -> str:
    return json.dumps([r.to_json(lang) for r in reports], ensure_ascii=False, indent=2)
