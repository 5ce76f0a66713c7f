"""A model seen in one output language: text, labels, dates and digits ready for renderers."""
from __future__ import annotations

import math
import typing
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

from ruamel.yaml import YAML

from .blocks import CANVAS, OTHER
from .brand import Look, read_logo
from .dates import show as show_date
from .errors import InputError
from .evidence_view import EvidenceView
from .fields import Text
from .fields import persian_digits as to_persian_digits
from .messages import SEPARATOR
from .model import BusinessModel
from .vocab import label, vocabularies



# the rows of a journey map, in order: a stage's fields, the customer's first, then the service
# blueprint's lanes (evidence to support), then the business's view. The workbook's journey sheets
# have a row for each but 'metrics' (the Journey metrics sheet); the report shows 'label' as the
# stage's heading and 'moment_of_truth' as its mark.
JOURNEY_ASPECTS = ("label", "actions", "thoughts", "emotion", "moment_of_truth", "feelings", "pain_points",
                   "touchpoints", "evidence", "frontstage", "backstage", "support", "owner", "opportunities",
                   "metrics", "funnel", "situation", "interaction", "function")
# the label keys of the aspects whose field name is another label's (or too short to stand alone)
_ASPECT_LABELS = {"label": "stage_label", "owner": "stage_owner", "funnel": "funnel_stage"}
# the lines of a service blueprint, each drawn above the lane it opens
BLUEPRINT_LINES = {"frontstage": "line_of_interaction", "backstage": "line_of_visibility",
                   "support": "line_of_internal_interaction"}


def aspect_label(key: str) -> str:
    """The label key of a journey map's row."""
    return _ASPECT_LABELS.get(key, key)


class Foreign(str):
    """Text shown in the other language because the output language's version is missing.

    The HTML report marks it with its own direction; everywhere else it is an ordinary string.
    """

    lang: str

    def __new__(cls, value: str, lang: str) -> "Foreign":
        text = super().__new__(cls, value)
        text.lang = lang
        return text

    def __getnewargs__(self):  # picklable (a build's worker process gets what holds one)
        return str(self), self.lang


@lru_cache(maxsize=None)
def labels() -> dict[str, dict[str, str]]:
    text = resources.files("canvas").joinpath("data/labels.yaml").read_text("utf-8")
    return YAML(typ="safe", pure=True).load(text)


# titles before a name, left out of a persona's initials (Dr. Aisha Rahman: AR)
TITLES = {"dr", "mr", "mrs", "ms", "miss", "prof", "sir", "dame", "eng", "دکتر", "مهندس", "آقای", "آقا", "خانم",
          "استاد", "حاج", "حاجی"}


class View(EvidenceView):
    """Everything a renderer needs to show `model` in `lang`."""

    def __init__(self, model: BusinessModel, lang: str | None = None, *, look: Look | None = None,
                 paper: str = "a4", health=None, blank: bool = False, health_in_report: bool = True):
        self.model = model
        self.blank = blank  # a fillable worksheet: empty entries, input cells, protection
        self.health = health  # a checks.Report, shown as the Health sheet and section
        # the report's Model health section: for the author's drafts, left out for a client
        self.report_health = health if health_in_report else None
        self.look = look or Look()
        self.paper = paper  # size of the wide pages (canvas, journeys): a4 or a3
        self.lang = lang or model.meta.language
        self.rtl = self.lang == "fa"
        self.dir = "rtl" if self.rtl else "ltr"

    # --- text ---
    def t(self, text: Text | str | None) -> str:
        """Localised text ('' for None)."""
        if text is None:
            return ""
        if isinstance(text, Text):
            value = text.get(self.lang)  # falls back to the other language if missing
            source = text.lang_of(self.lang, self.model.meta.language)
            return value if source == self.lang else Foreign(value, source)
        return str(text)

    def ts(self, texts: Iterable[Text]) -> list[str]:
        return [self.t(x) for x in texts]

    def label(self, key: str) -> str:
        return labels()[key][self.lang]

    def vocab(self, vocabulary: str, key: object) -> str:
        return label(vocabulary, key, self.lang)

    def vocabs(self, vocabulary: str, keys: Iterable[object]) -> list[str]:
        return [label(vocabulary, k, self.lang) for k in keys]

    def vocab_items(self, vocabulary: str) -> list[tuple[str, str]]:
        return [(k, v[self.lang]) for k, v in vocabularies()[vocabulary].items()]

    # --- numbers and dates ---
    @cached_property
    def persian_digits(self) -> bool:
        return self.rtl and (self.model.meta.digits or "persian") == "persian"

    def num(self, value: object) -> str:
        """A number (or text with digits) in the output's digits; ints get thousands separators."""
        if isinstance(value, int) and not isinstance(value, bool):
            text = f"{value:,}"
        elif isinstance(value, float):
            places = 1 if abs(value) >= 0.1 or value == 0 else 2  # a small share keeps its digits
            text = f"{value:,.{places}f}".rstrip("0").rstrip(".")
        else:
            text = str(value)
        if self.persian_digits:
            return to_persian_digits(text)
        return text

    @cached_property
    def date(self) -> str:
        """The model's date in the output calendar (Jalali for fa unless meta.calendar says otherwise)."""
        date = self.model.meta.date
        if date is None:
            return ""
        calendar = self.model.meta.calendar or ("jalali" if self.lang == "fa" else "gregorian")
        return show_date(date.gregorian, self.lang, calendar, self.persian_digits)

    # --- lookups ---
    @cached_property
    def segments(self) -> dict:
        return {s.id: s for s in self.model.segments}

    @cached_property
    def personas(self) -> dict:
        return {p.id: p for p in self.model.personas}

    @cached_property
    def channels(self) -> dict:
        return {c.id: c for c in self.model.channels}

    def segment_name(self, seg_id: str) -> str:
        """The segment's name ('' for an id the model lacks, as in a blank worksheet)."""
        return self.t(self.segments[seg_id].name) if seg_id in self.segments else ""

    def channel_name(self, channel_id: str) -> str:
        return self.t(self.channels[channel_id].name) if channel_id in self.channels else ""

    def persona_name(self, persona_id: str) -> str:
        return self.t(self.personas[persona_id].name) if persona_id in self.personas else ""

    def name_of(self, collection: str, entry_id: str) -> str:
        """The name of the segment, channel, persona or proposition with `entry_id` ('' if there is none)."""
        if collection == "value_propositions":
            return next((self.t(p.name) for p in self.model.value_propositions if p.id == entry_id), "")
        return {"segments": self.segment_name, "channels": self.channel_name,
                "personas": self.persona_name}[collection](entry_id)

    @cached_property
    def fit(self) -> list:
        """The customer profiles' fit with the propositions, per segment (canvas/profile.py)."""
        from .profile import fit
        return fit(self.model)

    @cached_property
    def _needs(self) -> dict[str, dict]:
        return {kind: {e.id: e for s in self.model.segments for e in getattr(s, kind)} for kind in ("pains", "gains")}

    def need_texts(self, kind: str, need_ids) -> list[str]:
        """The texts of the pains or gains (`kind`) with these ids (an unknown id as itself)."""
        found = self._needs[kind]
        return [self.t(found[i].text) if i in found else i for i in need_ids]

    def coverage(self, segment_fit) -> str:
        """'2 of 3 pains relieved · 1 of 2 gains created' for a segment's fit."""
        parts = []
        for kind in ("pains", "gains"):
            done, total = segment_fit.count(kind)
            if total:
                parts.append(self.label(f"coverage_{kind}").format(done=self.num(done), total=self.num(total)))
        return " · ".join(parts)

    @cached_property
    def custom_stages(self) -> dict:
        return {s.id: s.name for s in self.model.custom_stages}

    def stage_name(self, stage_id: str) -> str:
        custom = self.custom_stages
        return self.t(custom[stage_id]) if stage_id in custom else self.vocab("journey_stages", stage_id)

    def stage_label(self, stage) -> str:
        """A journey stage's heading: this journey's name for it, else the stage's own."""
        return self.t(stage.label) if stage.label is not None else self.stage_name(stage.stage)

    def metric_name(self, metric) -> str:
        return self.t(metric.name) if metric.name is not None else self.vocab("journey_metrics", metric.metric)

    def unit(self, unit) -> str:
        """A metric's unit as shown: '%' as the language's percent sign, digits as the output's."""
        text = self.t(unit).strip()
        if text in ("%", "٪"):
            return "٪" if self.rtl else "%"
        return to_persian_digits(text) if self.persian_digits else text

    def measure(self, value: float, unit) -> str:
        """A metric's number with its unit: 32%, 4.2/5, 35 s (Persian digits and sign in fa)."""
        shown = self.unit(unit) if unit is not None else ""
        if shown in ("%", "٪"):
            return self.pct(value)
        text = self.num(int(value) if float(value).is_integer() else value)
        if not shown:
            return text
        return f"{text}{shown}" if shown.startswith("/") else f"{text} {shown}"

    def metric_parts(self, metric) -> tuple[str, str, str]:
        """(name: value, 'target N' (and which way is better, when the model says) or '', source
        or '') of a stage metric."""
        target = (f"{self.label('target_short')} {self.measure(metric.target, metric.unit)}"
                  if metric.target is not None else "")
        if metric.better:
            target = self.join([target, self.vocab("metric_better", metric.better)])
        return f"{self.metric_name(metric)}: {self.measure(metric.value, metric.unit)}", target, self.t(metric.source)

    def metric_line(self, metric) -> str:
        """A stage metric in one line: 'NPS: 32 (target 40; Q3 survey)'."""
        head, target, source = self.metric_parts(metric)
        rest = "; ".join(x for x in (target, source) if x)
        return f"{head} ({rest})" if rest else head

    @cached_property
    def _funnel_stages(self) -> dict:
        """Where each funnel stage a journey stage may name is: its reference (the main funnel's
        stage id, or FUNNEL.STAGE for a named funnel's) -> (funnel, index)."""
        out = {s.stage: (self.model.funnel, i) for i, s in enumerate(self.model.funnel.stages) if s.stage}
        for f in self.model.funnels:
            out.update({f"{f.id}.{s.stage}": (f, i) for i, s in enumerate(f.stages) if s.stage})
        return out

    def funnel_title(self, funnel) -> str:
        """A funnel's heading: its name (the main one: 'Sales funnel'), and its period."""
        name = self.t(funnel.name) if getattr(funnel, "name", None) else self.label("funnel")
        return f"{name} ({self.vocab('periods', funnel.period)})" if funnel.period else name

    def funnel_ref_name(self, ref: str) -> str:
        """The name of the funnel stage a journey stage names: 'Active (Drivers)' for a named
        funnel's, the stage's name for the main one's; the reference itself if it names none."""
        if ref not in self._funnel_stages:
            return ref
        funnel, i = self._funnel_stages[ref]
        name = self.funnel_name(funnel.stages[i])
        return f"{name} ({self.t(funnel.name)})" if funnel is not self.model.funnel else name

    def funnel_feed(self, stage_id: str | None) -> str:
        """What a journey stage feeds in the funnel: 'Leads: 1,200 · 75% drop off before Customers'."""
        if stage_id not in self._funnel_stages:
            return ""
        funnel, i = self._funnel_stages[stage_id]
        stages = funnel.stages
        here = f"{self.funnel_ref_name(stage_id)}: {self.num(stages[i].count)}"
        if i + 1 < len(stages) and stages[i].count:
            drop = 100 * (1 - stages[i + 1].count / stages[i].count)
            # in right-to-left text a mark keeps the two numbers from reading as one run
            dot = "\u200f · \u200f" if self.rtl else " · "
            here += dot + self.label("drop_off_short").format(share=self.pct(drop),
                                                              next=self.funnel_name(stages[i + 1]))
        return here

    def journey_group(self, journey) -> list:
        """The journeys compared with this one, itself included, in model order: those linked to it
        by `of`, either way, directly or through others; a journey compared with none is alone."""
        return self._groups.get(journey.id, [journey])

    @cached_property
    def _groups(self) -> dict[str, list]:
        group = {j.id: {j.id} for j in self.model.journeys}
        for j in self.model.journeys:
            if j.of in group and group[j.of] is not group[j.id]:
                merged = group[j.of] | group[j.id]
                for member in merged:
                    group[member] = merged
        return {j.id: [k for k in self.model.journeys if k.id in group[j.id]] for j in self.model.journeys}

    def series_name(self, journey, group: list) -> str:
        """A journey's name in the legend of its group's curves: its variant (As-is, To-be), and its
        persona or segment when the group has more than one; its title when neither tells it apart."""
        owners = {(j.persona, j.segment) for j in group}
        parts = ([self.vocab("journey_variants", journey.variant)] if journey.variant else []) + (
            [self.journey_owner(journey)] if len(owners) > 1 or not journey.variant else [])
        return " · ".join(p for p in parts if p) or self.journey_title(journey)

    def curves(self, journey, stages) -> list[tuple[str, list]]:
        """The emotion curves a map of `journey` draws over `stages`: (legend name, one score per
        stage) for each journey of its group, itself first; another journey's score is its score at
        the same stage (None where it has no such stage)."""
        group = self.journey_group(journey)
        out = [(self.series_name(journey, group), [s.emotion for s in stages])]
        for other in group:
            if other is not journey:
                scores = {s.stage: s.emotion for s in other.stages}
                out.append((self.series_name(other, group), [scores.get(s.stage) for s in stages]))
        return out if len(group) > 1 else out[:1]

    def touchpoint(self, text: Text, name=None) -> str:
        """A touchpoint: a channel id shows as the channel's name (or as `name` gives it), anything
        else as written."""
        raw = text.get(self.lang)
        return (name or self.channel_name)(raw) if raw in self.channels else self.t(text)

    def funnel_name(self, stage) -> str:
        if stage.name is not None:
            return self.t(stage.name)
        return self.vocab("funnel_stages", stage.stage)

    def journey_owner(self, journey) -> str:
        """The persona (or segment) whose journey it is."""
        if journey.persona:
            return self.persona_name(journey.persona)
        return self.segment_name(journey.segment)

    def journey_title(self, journey) -> str:
        if journey.title is not None:
            return self.t(journey.title)
        return f"{self.label('journey')}: {self.journey_owner(journey)}"

    def journey_segment(self, journey) -> str:
        return journey.segment or self.personas[journey.persona].segment

    def channels_by_category(self) -> list:
        """Channels grouped by category in vocabulary order (physical, mobile, internet), stable within."""
        order = {k: i for i, (k, _) in enumerate(self.vocab_items("channel_categories"))}
        return sorted(self.model.channels, key=lambda c: order.get(c.category, len(order)))

    def channels_serving(self, seg_id: str) -> dict[int, list[str]]:
        """Names of the channels that serve a segment, by strength (3 strong .. 1 weak)."""
        return self._serving.get(seg_id) or {3: [], 2: [], 1: []}

    @cached_property
    def _serving(self) -> dict[str, dict[int, list[str]]]:
        """channels_serving of every segment, from one pass over the channels."""
        serving: dict[str, dict[int, list[str]]] = {}
        for c in self.channels_by_category():
            for seg_id, strength in c.serves.items():
                if strength in (3, 2, 1):
                    serving.setdefault(seg_id, {3: [], 2: [], 1: []})[strength].append(self.t(c.name))
        return serving

    @cached_property
    def relationship_cells(self) -> dict[tuple[str, str], list]:
        """The relationships of each (segment, type), in model order: the cells of the relationship
        matrix (one pass, so a matrix of many segments costs what its relationships cost)."""
        cells: dict[tuple[str, str], list] = {}
        for r in self.model.relationships:
            cells.setdefault((r.segment, r.type), []).append(r)
        return cells

    def conversions(self, funnel=None) -> list[float | None]:
        """Conversion rate from each stage of a funnel (the main one by default) to the next (None
        for the last or a zero stage)."""
        stages = (funnel or self.model.funnel).stages
        return [(stages[i + 1].count / s.count if s.count else None) if i + 1 < len(stages) else None
                for i, s in enumerate(stages)]

    def funnel_bars(self, funnel=None) -> tuple[list[float], bool]:
        """Each funnel stage's bar as a percentage of the longest, and whether the scale is
        logarithmic: it is when the counts span more than two orders of magnitude (a linear scale
        would draw the later stages as dots). A logarithmic bar starts a tenth below the smallest
        count, so the smallest stage still shows."""
        counts = [s.count for s in (funnel or self.model.funnel).stages]
        positive = [c for c in counts if c and c > 0]  # a blank worksheet's stages have no count
        if not positive:
            return [0.0] * len(counts), False
        top, low = max(positive), min(positive)
        if top / low <= 100:
            return [round(max(100 * c / top, 0.5 if c else 0.0), 1) for c in counts], False
        base = low / 10
        return [round(100 * math.log10(c / base) / math.log10(top / base), 1) if c else 0.0 for c in counts], True

    def canvas_entries(self) -> dict[str, list[str]]:
        """The short entries of each of the nine canvas blocks, in canvas order."""
        return {block.key: self.canvas_lines(block.key) for block in CANVAS}

    def canvas_items(self, block: str) -> list[tuple]:
        """One canvas block's entries as (entry, its line): names (an entry without one in this
        language is left out), and 'segment: type' for relationships."""
        if block == "relationships":
            return [(r, self.relationship_line(r.segment, r.type)) for r in self.model.relationships]
        return [(entry, name) for entry in getattr(self.model, block) if (name := self.t(entry.name))]

    def canvas_lines(self, block: str) -> list[str]:
        """One canvas block's entries: names, and 'segment: type' for relationships."""
        return [line for _, line in self.canvas_items(block)]

    def relationship_line(self, segment: str, kind: str) -> str:
        return f"{self.segment_name(segment)}: {self.vocab('relationship_types', kind)}"

    # --- report helpers ---
    def pct(self, value: float | None) -> str:
        """A percentage with its sign: 12.5% in English, ۱۲٫۵٪ in Persian (the Persian sign and,
        with Persian digits, the Persian decimal point)."""
        if value is None:
            return ""
        if isinstance(value, float):  # two significant digits below 1% (0.06%, not 0.1%)
            value = round(value, 1) if abs(value) >= 1 or value == 0 else float(f"{value:.2g}")
        text = self.num(value)
        if self.persian_digits:
            text = text.replace(".", "٫")
        return text + ("٪" if self.rtl else "%")

    def text_size(self, entry) -> int:
        """Characters of text an entry shows (its texts in this language): a rough size of its card."""
        from .checks import _texts

        return sum(len(t.get(self.lang)) for _, t in _texts(entry))

    def join(self, values: Iterable[str]) -> str:
        """Values in a line, separated by the language's comma."""
        return SEPARATOR[self.lang].join(v for v in values if v)

    def photo(self, persona) -> str | None:
        """The persona's photo as a data: URI (checked when the model loaded), or None."""
        if not persona.photo:
            return None
        try:
            return read_logo(Path(self.model._base_dir or ".") / persona.photo, "photo").data_uri
        except ValueError as e:  # the file changed since the model loaded
            raise InputError(str(e)) from None

    def monogram(self, name: Text | str) -> str:
        """Initials of a name (two at most) for an avatar, titles (Dr., دکتر) left out; Persian
        letters kept from joining."""
        words = [w for w in self.t(name).split() if w.casefold().rstrip(".") not in TITLES] or self.t(name).split()
        return "\u200c".join(w[0].upper() for w in words[:2]) if words else "?"

    def journey_rows(self, stages) -> list[tuple[str, list]]:
        """The rows of a journey map for these stages: (aspect, one cell per stage), where a cell is a
        list of texts, in the order of the workbook's journey sheets. 'emotion' cells hold the score
        (or None); rows no stage fills are left out (except the emotion and its curve)."""
        rows = []
        for key in JOURNEY_ASPECTS:
            if key in ("label", "moment_of_truth"):  # the stage's heading and its mark
                continue
            if key == "emotion":
                rows.append((key, [s.emotion for s in stages]))
                rows.append(("emotion_curve", [s.emotion for s in stages]))
                continue
            if key == "touchpoints":
                cells = [[self.touchpoint(t) for t in s.touchpoints] for s in stages]
            elif key == "metrics":
                cells = [[self.metric_line(m) for m in s.metrics] for s in stages]
            elif key == "funnel":
                cells = [[self.funnel_feed(s.funnel)] if s.funnel else [] for s in stages]
            elif isinstance(getattr(stages[0], key, None), list) if stages else False:
                cells = [self.ts(getattr(s, key)) for s in stages]
            else:  # one text: situation, interaction, function, owner
                cells = [[self.t(getattr(s, key))] if getattr(s, key) else [] for s in stages]
            if any(cells):
                rows.append((key, cells))
        return rows

    def unused_stages(self) -> list[str]:
        """Names of the custom stages no journey uses (the report lists them under the first map's line,
        the deck on the last map's slide)."""
        used = {s.stage for j in self.model.journeys for s in j.stages}
        return [self.t(c.name) for c in self.model.custom_stages if c.id not in used]

    def item_columns(self, block: str, amount: bool = True) -> list[str]:
        """The fields of a plain block's items beside the name (description, pricing, segments,
        type) that at least one item fills: the columns of its table. Not their evidence: the
        Assumptions section lists it, and a low confidence is marked at the name."""
        from .evidence import FIELDS
        item = typing.get_args(BusinessModel.model_fields[block].annotation)[0]
        # the period shows in the amount's column: '1.2 billion IRR per year'
        return [f for f in item.model_fields if f not in ("name", "period", *FIELDS) and (amount or f != "amount")
                and any(getattr(i, f) is not None and getattr(i, f) != [] or f == "amount" and getattr(i, "period")
                        for i in getattr(self.model, block))]

    def item_value(self, block: str, item, field: str) -> str:
        value = getattr(item, field, None)
        if field == "amount":
            if not hasattr(item, "amount"):
                return ""
            if value is None:
                return self.vocab("periods", item.period) if item.period else ""
            return self.money(value, item.period)
        if value is None:
            return ""
        if field == "segments":
            return self.join(self.segment_name(s) for s in value)
        if field == "type":
            return self.vocab("resource_types" if block == "key_resources" else "cost_types", value)
        return self.t(value)  # description, pricing: text

    @property
    def currency(self) -> str:
        """The short name amounts are shown with: the ISO code in English (toman for IRT), the
        currency's Persian name in Persian; '' without meta.currency."""
        code = self.model.meta.currency
        if not code:
            return ""
        if self.lang == "fa":
            return self.vocab("currencies", code)
        return "toman" if code == "IRT" else code

    def economics_tables(self, per_table: int = 4) -> list[tuple[list, list[tuple[str, list[str], bool]]]]:
        """The unit economics of the segments that have them (canvas/economics.py), as tables of
        at most `per_table` segments: (segments, rows), a row being (label, a value per segment,
        whether it is a computed figure)."""
        from .economics import INPUTS, OUTPUTS, of_model

        shown = {"price": self.money, "cac": self.money, "fixed_costs": self.money, "gross_margin": self.pct,
                 "churn": self.pct, "purchases": self.num, "customers": self.num}
        figure = {"ltv": self.estimate, "revenue_per_year": self.estimate, "ltv_cac": self.num,
                  "payback_months": self.num, "break_even_volume": lambda x: self.num(round(x))}
        entries = of_model(self.model)
        out = []
        for i in range(0, len(entries), per_table):
            chunk = entries[i:i + per_table]
            rows = [(self.label(k), [shown[k](getattr(s.economics, k)) if getattr(s.economics, k) is not None else ""
                                     for s, _ in chunk], False) for k in INPUTS
                    if any(getattr(s.economics, k) is not None for s, _ in chunk)]
            rows += [(self.label(k), [figure[k](getattr(f, k)) if getattr(f, k) is not None else "—"
                                      for _, f in chunk], True) for k in OUTPUTS]
            out.append(([s for s, _ in chunk], rows))
        return out

    def estimate(self, amount) -> str:
        """A computed amount of money: whole units, millions and billions in words to two places."""
        return self.money(round(amount, 2) if abs(amount) < 100 else _round_figure(amount))

    def money(self, amount, period: str | None = None) -> str:
        """An amount in the output's digits with the model's currency: millions and billions in
        words when that loses no digit, whole trillions too (in Persian هزار میلیارد, as the press
        writes it): '۱٬۲۰۰ میلیارد ریال', '۴۵ هزار میلیارد تومان', '12.5 billion USD'; else every
        digit with thousands separators; the period after it ('per month')."""
        if amount is None:
            return ""
        text = None
        for n, key in ((10 ** 12, "trillion"), (10 ** 9, "billion"), (10 ** 6, "million")):
            scaled = amount / n
            places = 0 if key == "trillion" else 2  # '۱٬۲۰۰ میلیارد', not '۱٫۲ هزار میلیارد'
            if abs(amount) >= n and round(scaled, places) * n == amount:
                text = f"{_figure(round(scaled, places))} {self.label(key)}"
                break
        if text is None:
            text = _figure(amount)
        if self.persian_digits:
            text = to_persian_digits(text)
        text = f"{text} {self.currency}".rstrip()
        return f"{text} {self.vocab('periods', period)}" if period else text

    def size_text(self, segment) -> str:
        """A segment's size with its unit: '12,000 households'."""
        if segment.size is None:
            return ""
        unit = self.vocab("size_units", segment.size_unit) if segment.size_unit else ""
        return f"{self.num(segment.size)} {unit}".rstrip()

    def market_lines(self, segment) -> list[tuple[str, str]]:
        """(label, value) of a segment's market figures that are given: TAM, SAM, SOM, our share."""
        out = [(self.label(k), self.money(getattr(segment, k))) for k in ("tam", "sam", "som")
               if getattr(segment, k) is not None]
        if segment.our_share is not None:
            out.append((self.label("our_market_share"), self.pct(segment.our_share)))
        return out

    def tall_row(self, block: str, item, columns: list[str]) -> bool:
        """Whether an items table's row is a long one (a cell of over 300 characters): the table's
        first rows are kept together only when they are short."""
        cells = [self.t(item.name) + self.item_value(block, item, "amount")] + [
            self.item_value(block, item, c) or "" for c in columns]
        return max(len(c) for c in cells) > 300

    def name_width(self, block: str, columns: list[str]) -> int:
        """The share (%) of an items table that its name column takes: as the names' share of the
        table's text, between 25 and 45 (long names beside short descriptions do not wrap)."""
        items = getattr(self.model, block)
        names = sum(len(self.t(i.name)) + len(self.item_value(block, i, "amount")) for i in items)
        rest = sum(len(self.item_value(block, i, c) or "") for i in items for c in columns)
        return max(25, min(45, round(100 * names / max(names + rest, 1))))

    @cached_property
    def filled(self) -> set[str]:
        """The blocks (model attributes) that hold something."""
        return {k for k in type(self.model).model_fields if getattr(self.model, k)}

    @property
    def us(self) -> str:
        """How the model's own business is named beside its competitors: meta.organisation, or 'Us'."""
        return self.t(self.model.meta.organisation) or self.label("us")

    def our_shares(self) -> list:
        """The segments whose `our_share` is given (the competitors' section shows it beside theirs)."""
        return [s for s in self.model.segments if s.our_share is not None]

    @property
    def other_blocks(self) -> tuple[str, ...]:
        """The blocks of plain named items (revenue streams, resources...), in model order."""
        return OTHER


def _figure(value) -> str:
    """A number with thousands separators and up to two decimals (Latin digits)."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _round_figure(value: float) -> float:
    """A computed amount as shown: to two places of its millions or billions, else whole."""
    for n in (10 ** 12, 10 ** 9, 10 ** 6):
        if abs(value) >= n:
            return round(value / n, 2) * n
    return round(value)
