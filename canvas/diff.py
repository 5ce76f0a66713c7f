"""What changed between two versions (or scenarios) of a model: entities, fields, matrix cells,
journey stages and emotion scores, funnel conversion."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from pydantic import BaseModel as Pydantic

from .blocks import BLOCKS
from .dates import show as show_date
from .fields import Date, Text
from .model import BusinessModel, StageMetric
from .view import View, aspect_label, labels

# Blocks whose entries have ids (compared entry by entry), and blocks compared by entry name.
BY_ID = tuple(b.key for b in BLOCKS if b.keyed_by == "id")
BY_NAME = tuple(b.key for b in BLOCKS if b.keyed_by == "name")
# Fields shown as their own kind of change rather than as a changed field.
MATRIX_FIELDS = {"channels": "serves", "value_propositions": "segments", "journeys": "stages"}


@dataclass(frozen=True)
class Change:
    kind: str            # added, removed, changed
    block: str           # segments, channel_matrix, journey_stage, funnel, ...
    item: str            # what changed, in the output language
    field: str = ""      # which field (label), if one
    old: Any = None
    new: Any = None

    @property
    def sign(self) -> str:
        return {"added": "+", "removed": "-", "changed": "~"}[self.kind]


def _plain(value: Any) -> Any:
    """A value as comparable, printable data (Text -> its dump, models -> dicts)."""
    if isinstance(value, Text):
        return value.dump()
    if isinstance(value, Pydantic):
        return {k: _plain(getattr(value, k)) for k in type(value).model_fields}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _show(value: Any, view: View) -> str:
    if value is None or value == [] or value == {}:
        return "—"
    if isinstance(value, Text):
        return view.t(value)
    if isinstance(value, Date):  # as the outputs show dates, not as Python does
        calendar = view.model.meta.calendar or ("jalali" if view.lang == "fa" else "gregorian")
        return show_date(value.gregorian, view.lang, calendar, view.persian_digits)
    if isinstance(value, bool):
        return "✓" if value else "—"
    if isinstance(value, (int, float)):
        return view.num(value)
    if isinstance(value, StageMetric):  # its line, and the evidence that line does not hold
        rated = [f"{view.label(k)}: {view.vocab(k, getattr(value, k))}" for k in ("importance", "confidence")
                 if getattr(value, k) is not None]
        return view.metric_line(value) + (f" [{' · '.join(rated)}]" if rated else "")
    if isinstance(value, list):
        return "; ".join(_show(v, view) for v in value)
    if isinstance(value, Pydantic):
        return ", ".join(f"{k}: {_show(getattr(value, k), view)}" for k in type(value).model_fields
                         if getattr(value, k) not in (None, [], {}))
    return str(value)


def _fields(old, new, block: str, item: str, view: View, skip: set[str]) -> Iterator[Change]:
    for name in type(new).model_fields:
        if name in skip:
            continue
        a, b = getattr(old, name), getattr(new, name)
        if _plain(a) != _plain(b):
            key = aspect_label(name)
            label = view.label(key) if key in labels() else name
            if name in ("importance", "confidence"):  # evidence: its vocabulary's labels
                a, b = (view.vocab(name, x) if x else None for x in (a, b))
            yield Change("changed", block, item, label, _show(a, view), _show(b, view))


def _name(entry, view: View) -> str:
    return view.t(getattr(entry, "name", None) or getattr(entry, "title", None) or getattr(entry, "id", ""))


def compare(old: BusinessModel, new: BusinessModel, lang: str | None = None) -> list[Change]:
    """Every change from `old` to `new`, described in `lang` (default: the new model's language)."""
    view = View(new, lang)
    old_view = View(old, view.lang)
    changes: list[Change] = []
    for block in BY_ID:
        before = {e.id: e for e in getattr(old, block)}
        after = {e.id: e for e in getattr(new, block)}
        label = view.label(block)
        for key in before.keys() - after.keys():
            changes.append(Change("removed", label, _name(before[key], old_view)))
        for key in after.keys() - before.keys():
            changes.append(Change("added", label, _name(after[key], view)))
        for key in [k for k in after if k in before]:
            a, b = before[key], after[key]
            name = view.journey_title(b) if block == "journeys" else _name(b, view)
            changes += _fields(a, b, label, name, view, {MATRIX_FIELDS.get(block, ""), "id"})
    for block in BY_NAME:
        label = view.label(block)
        before = {_plain(e.name).__repr__(): e for e in getattr(old, block)}
        after = {_plain(e.name).__repr__(): e for e in getattr(new, block)}
        for key in before.keys() - after.keys():
            changes.append(Change("removed", label, _name(before[key], old_view)))
        for key in after.keys() - before.keys():
            changes.append(Change("added", label, _name(after[key], view)))
        for key in [k for k in after if k in before]:
            changes += _fields(before[key], after[key], label, _name(after[key], view), view, {"name"})
    changes += _matrices(old, new, view, old_view)
    changes += _journeys(old, new, view)
    changes += _funnel(old, new, view, old_view)
    changes += _meta(old, new, view)
    changes += _lean(old, new, view)
    return changes


def _matrices(old: BusinessModel, new: BusinessModel, view: View, old_view: View) -> Iterator[Change]:
    def segment(seg_id: str) -> str:
        return view.segment_name(seg_id) if seg_id in view.segments else old_view.segment_name(seg_id)

    label = view.label("channel_matrix")
    before = {c.id: c for c in old.channels}
    for c in new.channels:
        if c.id not in before:
            continue
        for seg in sorted(set(c.serves) | set(before[c.id].serves)):
            a, b = before[c.id].serves.get(seg, 0), c.serves.get(seg, 0)
            if a != b:
                yield Change("changed", label, f"{view.t(c.name)} × {segment(seg)}", view.label("strength"), a, b)
    label = view.label("value_map")
    before_vp = {p.id: set(p.segments) for p in old.value_propositions}
    for p in new.value_propositions:
        if p.id not in before_vp:
            continue
        for seg in sorted(set(p.segments) - before_vp[p.id]):
            yield Change("added", label, f"{view.t(p.name)} × {segment(seg)}")
        for seg in sorted(before_vp[p.id] - set(p.segments)):
            yield Change("removed", label, f"{view.t(p.name)} × {segment(seg)}")
    label = view.label("relationship_matrix")
    pairs_old = {(r.segment, r.type): r for r in old.relationships}
    pairs_new = {(r.segment, r.type): r for r in new.relationships}
    for seg, kind in sorted(pairs_new.keys() - pairs_old.keys()):
        yield Change("added", label, f"{segment(seg)} × {view.vocab('relationship_types', kind)}")
    for seg, kind in sorted(pairs_old.keys() - pairs_new.keys()):
        yield Change("removed", label, f"{segment(seg)} × {view.vocab('relationship_types', kind)}")
    for key in sorted(pairs_new.keys() & pairs_old.keys()):
        item = f"{segment(key[0])} × {view.vocab('relationship_types', key[1])}"
        yield from _fields(pairs_old[key], pairs_new[key], label, item, view, {"segment", "type"})


def _journeys(old: BusinessModel, new: BusinessModel, view: View) -> Iterator[Change]:
    before = {j.id: j for j in old.journeys}
    for j in new.journeys:
        if j.id not in before:
            continue
        # an untitled journey's title already says 'Customer journey: Priya'
        label = view.journey_title(j) if j.title is None else f"{view.label('journey')}: {view.journey_title(j)}"
        stages_old = {s.stage: s for s in before[j.id].stages}
        stages_new = {s.stage: s for s in j.stages}
        name = {k: view.stage_label(s) for k, s in (stages_old | stages_new).items()}  # this journey's names
        for stage in [s for s in stages_new if s not in stages_old]:
            yield Change("added", label, name[stage])
        for stage in [s for s in stages_old if s not in stages_new]:
            yield Change("removed", label, name[stage])
        for stage in [s for s in stages_new if s in stages_old]:
            yield from _fields(stages_old[stage], stages_new[stage], label, name[stage], view, {"stage"})


def emotion_pairs(old: BusinessModel, new: BusinessModel) -> list[tuple[Any, list[str], list, list]]:
    """For each journey in both versions whose emotions changed: (journey, stage ids, old, new)."""
    before = {j.id: j for j in old.journeys}
    out = []
    for j in new.journeys:
        if j.id not in before:
            continue
        stages = [s.stage for s in j.stages] + [s.stage for s in before[j.id].stages
                                                 if s.stage not in {x.stage for x in j.stages}]
        a = {s.stage: s.emotion for s in before[j.id].stages}
        b = {s.stage: s.emotion for s in j.stages}
        if [a.get(s) for s in stages] != [b.get(s) for s in stages]:
            out.append((j, stages, [a.get(s) for s in stages], [b.get(s) for s in stages]))
    return out


def _funnel(old: BusinessModel, new: BusinessModel, view: View, old_view: View) -> Iterator[Change]:
    label = view.label("funnel")

    def stages(model: BusinessModel, v: View) -> dict[str, Any]:
        return {(s.stage or v.funnel_name(s)): s for s in model.funnel.stages}

    a, b = stages(old, old_view), stages(new, view)
    for key in [k for k in b if k not in a]:
        yield Change("added", label, view.funnel_name(b[key]))
    for key in [k for k in a if k not in b]:
        yield Change("removed", label, old_view.funnel_name(a[key]))
    for key in [k for k in b if k in a]:
        if a[key].count != b[key].count:
            yield Change("changed", label, view.funnel_name(b[key]), view.label("count"),
                         view.num(a[key].count), view.num(b[key].count))

    def rates(model: BusinessModel, v: View) -> dict[tuple, float | None]:
        s = model.funnel.stages
        return {((s[i].stage or v.funnel_name(s[i])), (s[i + 1].stage or v.funnel_name(s[i + 1]))): r
                for i, r in enumerate(v.conversions()[:-1])}

    ra, rb = rates(old, old_view), rates(new, view)
    for pair in [p for p in rb if p in ra and ra[p] != rb[p]]:
        item = f"{view.funnel_name(b[pair[0]])} → {view.funnel_name(b[pair[1]])}"
        show = lambda r: "—" if r is None else view.num(round(100 * r, 1)) + "%"  # noqa: E731
        yield Change("changed", label, item, view.label("conversion"), show(ra[pair]), show(rb[pair]))


def _meta(old: BusinessModel, new: BusinessModel, view: View) -> Iterator[Change]:
    yield from _fields(old.meta, new.meta, view.label("overview"), view.t(new.meta.title), view, set())


def _lean(old: BusinessModel, new: BusinessModel, view: View) -> Iterator[Change]:
    from .model import Lean

    if old.lean is not None or new.lean is not None:
        yield from _fields(old.lean or Lean(), new.lean or Lean(), view.label("lean"), view.t(new.meta.title), view, set())


def as_text(changes: list[Change]) -> str:
    lines = []
    for c in changes:
        detail = f" {c.field}: {c.old} → {c.new}" if c.kind == "changed" else ""
        lines.append(f"{c.sign} {c.block}: {c.item}{detail}")
    return "\n".join(lines)
