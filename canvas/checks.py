"""Model checks: weaknesses across blocks that a strategy coach would point out.

Each check is a function registered under a code with `@check`; it yields (path, params) for
every place it finds. Messages, hints, severity and block live in data/checks.yaml (fa and en),
so adding a check is one function plus one entry there.
"""
from __future__ import annotations

import difflib
import json
import math
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any, Callable, Iterable, Iterator

from pydantic import BaseModel
from ruamel.yaml import YAML

from . import blocks
from .fields import Text
from .model import BusinessModel
from .messages import SEPARATOR, number
from .source import at
from .vocab import LANGUAGES, ids, label

Path_ = tuple
CHECKS: dict[str, Callable[["Context"], Iterator[tuple[Path_, dict]]]] = {}

# Blocks scored for completeness, in the order they are reported; the nine canvas blocks.
BLOCKS = tuple(b.key for b in blocks.BLOCKS if b.scored)  # the blocks completeness is scored on
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

    # What several checks look up, gathered in one pass each: a check of every entry against
    # every other (a segment against every proposition) would cost the square of the model.
    @cached_property
    def proposed(self) -> set[str]:
        """Segments some proposition serves."""
        return {seg for p in self.model.value_propositions for seg in p.segments}

    @cached_property
    def reached(self) -> set[str]:
        """Segments some channel serves (strength above 0)."""
        return {seg for c in self.model.channels for seg, strength in c.serves.items() if strength > 0}

    @cached_property
    def related(self) -> set[str]:
        """Segments with a relationship."""
        return {r.segment for r in self.model.relationships}

    @cached_property
    def journeyed(self) -> set[str]:
        """Personas with a journey."""
        return {j.persona for j in self.model.journeys}

    @cached_property
    def names(self) -> dict[tuple[str, str], Text]:
        """(collection, id) -> name, for personas, segments and custom stages."""
        return {(block, e.id): e.name for block in ("personas", "segments", "custom_stages")
                for e in getattr(self.model, block)}

    @cached_property
    def channel_ids(self) -> set[str]:
        return {c.id for c in self.model.channels}

    @cached_property
    def shares(self) -> dict[str, float]:
        """The competitors' market shares added up per segment."""
        total: dict[str, float] = {}
        for c in self.model.competitors:
            for m in c.markets:
                total[m.segment] = total.get(m.segment, 0) + (m.share or 0)
        return total


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
                value = SEPARATOR[lang].join(label("journey_stages", s, lang) for s in value)
            elif key == "block":
                value = _block_label(value, lang)
            elif isinstance(value, (int, float)):
                value = number(value, lang)
            elif key == "lang":
                value = {"fa": {"fa": "فارسی", "en": "Persian"}, "en": {"fa": "انگلیسی", "en": "English"}}[value][lang]
            values[key] = value
        return template.format(**values)

    def message(self, lang: str) -> str:
        return self._format(self.definition["message"][lang], lang)

    def hint(self, lang: str, sheet: bool = False) -> str:
        """What to do, in the YAML's terms; with `sheet`, in the workbook's (its cells and sheets)."""
        return self._format(self.definition["sheet_hint" if sheet and "sheet_hint" in self.definition
                                            else "hint"][lang], lang)


def _block_label(block: str, lang: str) -> str:
    from .view import labels
    return labels()[block][lang]


# --- the checks ----------------------------------------------------------------------------

def _segment_params(s) -> dict:
    return {"name": s.name, "id": s.id}


@check("C101")
def segment_without_proposition(ctx: Context):
    for i, s in enumerate(ctx.model.segments):
        if s.id not in ctx.proposed:
            yield ("segments", i, "id"), _segment_params(s)


@check("C102")
def segment_without_channel(ctx: Context):
    for i, s in enumerate(ctx.model.segments):
        if s.id not in ctx.reached:
            yield ("segments", i, "id"), _segment_params(s)


@check("C103")
def segment_without_relationship(ctx: Context):
    for i, s in enumerate(ctx.model.segments):
        if s.id not in ctx.related:
            yield ("segments", i, "id"), _segment_params(s)


@check("C104")
def important_pain_unrelieved(ctx: Context):
    relieved = {pain for p in ctx.model.value_propositions for r in p.pain_relievers for pain in r.pains}
    for i, s in enumerate(ctx.model.segments):
        for j, pain in enumerate(s.pains):
            if pain.importance == "high" and pain.id not in relieved:
                yield ("segments", i, "pains", j, "id"), {"pain": pain.text, "name": s.name, "id": pain.id}


@check("C105")
def market_sizes_out_of_order(ctx: Context):
    for i, s in enumerate(ctx.model.segments):
        sizes = [(k, getattr(s, k)) for k in ("tam", "sam", "som") if getattr(s, k) is not None]
        if any(a[1] < b[1] for a, b in zip(sizes, sizes[1:])):
            yield ("segments", i, next(b[0] for a, b in zip(sizes, sizes[1:]) if a[1] < b[1])), _segment_params(s)


@check("C106")
def ltv_below_cac(ctx: Context):
    from .economics import figures

    for i, s in enumerate(ctx.model.segments):
        if s.economics is not None and (ratio := figures(s.economics).ltv_cac) is not None and ratio < 1:
            yield ("segments", i, "economics", "cac"), _segment_params(s)


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


def _addressing_nothing(ctx: Context, field: str, names: str):
    """A proposition's pain reliever (gain creator) that names no pain (gain)."""
    for i, p in enumerate(ctx.model.value_propositions):
        for j, entry in enumerate(getattr(p, field)):
            if not getattr(entry, names):
                yield ("value_propositions", i, field, j, "text"), {"text": entry.text, "name": p.name}


@check("C203")
def reliever_without_pain(ctx: Context):
    yield from _addressing_nothing(ctx, "pain_relievers", "pains")


@check("C204")
def creator_without_gain(ctx: Context):
    yield from _addressing_nothing(ctx, "gain_creators", "gains")


@check("C301")
def channel_without_segment(ctx: Context):
    for i, c in enumerate(ctx.model.channels):
        if not any(strength > 0 for strength in c.serves.values()):
            yield ("channels", i, "id"), {"name": c.name}


@check("C401")
def persona_without_journey(ctx: Context):
    for i, p in enumerate(ctx.model.personas):
        if p.id not in ctx.journeyed:
            yield ("personas", i, "id"), {"name": p.name, "id": p.id}


def _journey_name(ctx: Context, j) -> Text:
    if j.title is not None:
        return j.title
    if j.persona:
        return ctx.names["personas", j.persona]
    return ctx.names["segments", j.segment]


# The stages every buying journey goes through; after purchase and loyalty are up to the author.
CORE_STAGES = ("awareness", "interest", "evaluation", "purchase")


@check("C501")
def journey_missing_core_stages(ctx: Context):
    """A journey told with the built-in stages but skipping a core one. A journey told only in
    custom stages (a driver's, a B2B buyer's) chose its own and is not judged by these."""
    for i, j in enumerate(ctx.model.journeys):
        present = {s.stage for s in j.stages}
        if not present & set(ids("journey_stages")) or j.of:  # a version of a journey may redo a few stages
            continue
        missing = [s for s in CORE_STAGES if s not in present]
        if missing:
            yield ("journeys", i, "id"), {"name": _journey_name(ctx, j), "stages": tuple(missing)}


def _stage_name(ctx: Context, stage) -> Text:
    """A stage's name in both languages: the journey's name for it, a built-in stage's label, or a
    custom stage's name (`stage`: a JourneyStage or a stage id)."""
    if not isinstance(stage, str):
        if stage.label is not None:
            return stage.label
        stage = stage.stage
    custom = ctx.names.get(("custom_stages", stage))
    return custom or Text(**{lang: label("journey_stages", stage, lang) for lang in LANGUAGES})


def _stages(ctx: Context):
    """(path, journey, stage) of every journey stage."""
    for i, j in enumerate(ctx.model.journeys):
        for k, s in enumerate(j.stages):
            yield ("journeys", i, "stages", k), j, s


def _stage_lacking(ctx: Context, attribute: str, *, to_be: bool = True):
    for path, j, s in _stages(ctx):
        value = getattr(s, attribute)
        if (value is None or value == []) and (to_be or j.variant != "to_be"):
            # at the missing field: the cell to fill in a workbook
            yield path + (attribute,), {"name": _journey_name(ctx, j), "stage": _stage_name(ctx, s)}


@check("C502")
def stage_without_touchpoints(ctx: Context):
    yield from _stage_lacking(ctx, "touchpoints")


@check("C503")
def stage_without_emotion(ctx: Context):
    yield from _stage_lacking(ctx, "emotion")


@check("C504")
def stage_without_pain_points(ctx: Context):
    """(A to-be journey, the journey redesigned, may well have none.)"""
    yield from _stage_lacking(ctx, "pain_points", to_be=False)


@check("C506")
def moment_of_truth_negative(ctx: Context):
    """A moment of truth the customer lives through unhappily, with nothing planned about it: the
    stage that makes or breaks the relationship is breaking it (with opportunities written down,
    the map already says what to do; the report rings the stage on its curve)."""
    for path, j, s in _stages(ctx):
        if s.moment_of_truth and s.emotion is not None and s.emotion < 0 and not s.opportunities:
            yield path + ("emotion",), {"name": _journey_name(ctx, j), "stage": _stage_name(ctx, s),
                                        "emotion": Text(**{lang: label("emotion_scale", s.emotion, lang)
                                                           for lang in LANGUAGES})}


@check("C507")
def metric_below_target(ctx: Context):
    """A stage metric that misses its target (below it, or above for drop-off and `better: lower`)."""
    from .view import View

    views = {lang: View(ctx.model, lang) for lang in LANGUAGES}
    for path, j, s in _stages(ctx):
        for n, m in enumerate(s.metrics):
            if m.met() is False:
                yield path + ("metrics", n, "value"), {
                    "name": _journey_name(ctx, j), "stage": _stage_name(ctx, s),
                    "metric": Text(**{lang: str(views[lang].metric_name(m)) for lang in LANGUAGES}),
                    "value": Text(**{lang: str(views[lang].measure(m.value, m.unit)) for lang in LANGUAGES}),
                    "target": Text(**{lang: str(views[lang].measure(m.target, m.unit)) for lang in LANGUAGES})}


@check("C508")
def touchpoint_without_owner(ctx: Context):
    """In a journey drawn as a service blueprint (a stage with a lane), a stage with touchpoints
    but no team owning it: nobody answers for what the customer meets there."""
    for path, j, s in _stages(ctx):
        blueprint = any(t.frontstage or t.backstage or t.support or t.owner for t in j.stages)
        if blueprint and s.touchpoints and s.owner is None:
            yield path + ("owner",), {"name": _journey_name(ctx, j), "stage": _stage_name(ctx, s)}


@check("C505")
def touchpoint_nearly_a_channel(ctx: Context):
    """A touchpoint that is free text but nearly a channel's id or name: likely a typo that loses
    the link to the channel. Free text that resembles no channel ('word of mouth') is fine."""
    names: dict[str, str] = {}
    for c in ctx.model.channels:
        for text in [c.id] + [c.name.get(lang) for lang in LANGUAGES]:
            names.setdefault(text.casefold(), text)
    for i, j in enumerate(ctx.model.journeys):
        for k, s in enumerate(j.stages):
            for n, t in enumerate(s.touchpoints):
                written = {t.get(lang).casefold() for lang in LANGUAGES}
                if written & names.keys():
                    continue
                close = difflib.get_close_matches(t.get(ctx.model.meta.language).casefold(), list(names),
                                                  n=1, cutoff=0.8)
                if close:
                    yield (("journeys", i, "stages", k, "touchpoints", n),
                           {"name": _journey_name(ctx, j), "touchpoint": t, "channel": names[close[0]]})


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
        total = ctx.shares.get(s.id, 0)
        if total > 100:
            yield ("segments", i, "id"), {"name": s.name, "total": total}


@check("C903")
def vital_guess(ctx: Context):
    """An entry the model depends on most whose author is least sure of it: the first to test."""
    from .evidence import entries
    from .view import View

    views = {lang: View(ctx.model, lang) for lang in LANGUAGES}
    for a in entries(ctx.model):
        if a.entry.importance == "high" and a.entry.confidence == "low":
            name = Text(**{lang: v.assumption_name(a) for lang, v in views.items()})
            where = Text(**{lang: v.assumption_where(a) for lang, v in views.items()})
            yield a.path + ("confidence",), {"name": name, "where": where}


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


def _channel_touchpoint(ctx: Context, path: Path_, text: Text) -> bool:
    """A touchpoint that is a channel's id: shown as that channel's (translated) name."""
    return (len(path) == 6 and path[0] == "journeys" and path[4] == "touchpoints"
            and any(text.get(lang) in ctx.channel_ids for lang in LANGUAGES))


@check("C901")
def untranslated(ctx: Context):
    own = ctx.model.meta.language
    wanted = [ctx.lang] if ctx.lang else (list(LANGUAGES) if bilingual(ctx.model) else [])
    for lang in wanted:
        for path, text in _texts(ctx.model):
            if text.lang_of(lang, own) != lang and not _channel_touchpoint(ctx, path, text):
                short = text.get(lang)
                yield path, {"lang": lang, "text": short if len(short) <= 40 else short[:39] + "…"}


# Words that start a clause, not a list item: an item of a [...] list starting with one is most
# likely the rest of the previous item, split at its comma by YAML.
_JOINERS = {"and", "but", "or", "so", "yet", "because", "which", "who", "that", "then", "while", "although",
            "though", "since", "nor", "unless", "whereas", "و", "اما", "ولی", "که", "یا", "تا", "چون", "زیرا",
            "سپس", "بلکه", "اگرچه", "ولیکن", "درحالی‌که", "وگرنه"}


@check("C902")
def text_split_at_comma(ctx: Context):
    source = getattr(ctx.model, "_source", None)
    for path in sorted(source.flow if source is not None else (), key=str):
        items = at(source.data, path)
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items) or len(items) < 2:
            continue
        capitalised = items[0][:1].isupper()
        for n in range(1, len(items)):
            item = items[n].strip()
            if " " not in item:
                continue  # an id, or one word: nothing was split
            first = item.split()[0].casefold().strip(",.;:")
            if first in _JOINERS or (capitalised and item[:1].islower()):
                yield path + (n,), {"text": item, "previous": items[n - 1].strip()}


# --- running and reporting -----------------------------------------------------------------

@dataclass
class Report:
    """The findings on one model and its completeness per block."""

    name: str
    findings: list[Finding]
    completeness: dict[str, float]

    @property
    def overall(self) -> float:
        return _down(sum(self.completeness.values()) / len(self.completeness))

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    def to_json(self, lang: str) -> dict[str, Any]:
        """The report for `check --format json`: messages in `lang`, numbers as numbers."""
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


def ignored(model: BusinessModel, ignore: Iterable[str] = ()) -> set[str]:
    """The codes left out: the model's `checks: {ignore: [...]}` and those of this run (which must
    be known codes)."""
    from .errors import InputError, Problem
    from .messages import say

    ignore = {code.strip().upper() for code in ignore}
    unknown = sorted(code for code in ignore if code not in definitions())
    if unknown:
        raise InputError(Problem("--ignore", 0, 0, say("unknown_check", model.meta.language, value=unknown,
                                                       choices=list(CHECKS))))
    return ignore | set(model.checks.ignore if model.checks else ())


def run(model: BusinessModel, *, lang: str | None = None, name: str | None = None,
        ignore: Iterable[str] = ()) -> Report:
    """Every check on `model` but those ignored (see `ignored`); `lang` asks for translations into
    that language to be checked."""
    ctx = Context(model, _strict_lang(model, lang))
    source = getattr(model, "_source", None)
    skip = ignored(model, ignore)
    findings = []
    for code, func in CHECKS.items():
        if code in skip:
            continue
        for path, params in func(ctx):
            line, column = source.where(path) if source is not None else (0, 0)
            # a translation asked for explicitly is a warning; otherwise missing ones are notes
            findings.append(Finding(code, path, tuple(params.items()), line, column,
                                    escalated=code == "C901" and ctx.lang is not None))
    findings.sort(key=lambda f: (f.line, f.column, f.code))
    name = name or (source.name if source is not None else "<model>")
    return Report(name, findings, completeness(model, findings))


def _down(share: float) -> float:
    """A share rounded down to a whole percent: 99.6% is 99%, so nothing reads 100% while a
    warning is open (every output shows these same numbers)."""
    return math.floor(share * 100 + 1e-9) / 100


def completeness(model: BusinessModel, findings: list[Finding]) -> dict[str, float]:
    """Per block: 0 when empty, else the share of its entries without a warning. Journeys count
    their stages (built-in or custom), so one weak stage does not zero a whole journey."""
    warnings = [f for f in findings if f.severity == "warning"]
    scores = {}
    for block in BLOCKS:
        entries = model.funnel.stages if block == "funnel" else getattr(model, block)
        if not entries:
            scores[block] = 0.0
            continue
        flagged = {f.path[1] for f in warnings if len(f.path) > 1 and f.path[0] == block
                   and isinstance(f.path[1], int)}
        if block == "funnel":
            flagged = {f.path[2] for f in warnings if f.path[:2] == ("funnel", "stages") and len(f.path) > 2}
        if block == "journeys":  # a warning on a stage flags it; one on the journey, all its stages
            stages = [(i, k) for i, j in enumerate(model.journeys) for k in range(len(j.stages))]
            on = [f.path for f in warnings if f.path[:1] == ("journeys",) and len(f.path) > 1]
            whole = {p[1] for p in on if len(p) < 4 or p[2] != "stages"}
            flagged = {(p[1], p[3]) for p in on if p[1] not in whole and len(p) >= 4 and p[2] == "stages"}
            flagged |= {(i, k) for i, k in stages if i in whole}
            entries = stages
        scores[block] = _down(1 - len(flagged) / len(entries))
    return scores


def dumps(reports: list[tuple[Report, str]]) -> str:
    """(report, language of its messages) pairs as JSON."""
    return json.dumps([r.to_json(lang) for r, lang in reports], ensure_ascii=False, indent=2)
