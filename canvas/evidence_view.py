"""What the outputs say about evidence (canvas/evidence.py): the assumptions as a View lists and
names them, which entries are of low confidence (the report marks them), an entry's evidence in
one line, the assumption map's cells. A mixin of View, which gives it `t`, `label`, `vocab`, the
model and the names of entries."""
from __future__ import annotations

from functools import cached_property

from .blocks import CANVAS
from .textsafe import isolate


class EvidenceView:
    @cached_property
    def assumptions(self) -> list:
        """The model's assumptions, the riskiest first (canvas/evidence.py)."""
        from .evidence import assumptions
        return assumptions(self.model)

    @cached_property
    def _low(self) -> set[int]:
        return {id(a.entry) for a in self.assumptions if a.low}

    def low(self, entry) -> bool:
        """Whether an entry's author is not sure of it (confidence: low): the report marks it."""
        return id(entry) in self._low

    def entry_name(self, entry) -> str:
        """How an entry that can carry evidence is named in the list of assumptions."""
        from .model import FunnelStage, Journey, Relationship, StageMetric
        if isinstance(entry, Relationship):
            return f"{self.segment_name(entry.segment)}: {self.vocab('relationship_types', entry.type)}"
        if isinstance(entry, FunnelStage):
            return self.funnel_name(entry)
        if isinstance(entry, StageMetric):
            return self.metric_name(entry)
        if isinstance(entry, Journey):
            return self.journey_title(entry)
        return self.t(getattr(entry, "name", None) or getattr(entry, "text", None))

    def assumption_name(self, a) -> str:
        """An assumption's name: its entry's; a segment's unit economics are named by the segment."""
        return self.entry_name(a.owners[-1] if a.block == "unit_economics" else a.entry)

    def assumption_where(self, a, isolated: bool = False) -> str:
        """The list an assumption is in, with the entries it belongs to: 'Pains: Young savers',
        'Journey metrics: Lena's journey › Purchase', 'Sales funnel: Drivers (per quarter)'. With
        `isolated`, each name a bidi isolate (isolate), as the report sets them."""
        from .model import Funnel, JourneyStage
        owners = []
        for owner in a.owners if a.block != "unit_economics" else ():
            if isinstance(owner, JourneyStage):
                owners.append(self.stage_label(owner))
            elif isinstance(owner, Funnel):  # the main funnel unnamed is the list itself
                owners.append(self.funnel_title(owner) if owner.name else "")
            else:
                owners.append(self.entry_name(owner))
        where = self.label(a.block)
        if a.block in ("funnel", "funnels"):
            funnel = a.owners[0]
            where = self.label("funnel") if funnel.name else self.funnel_title(funnel)
        inside = " › ".join(isolate(o) if isolated else o for o in owners if o)
        return f"{where}: {inside}" if inside else where

    def evidence_line(self, entry, importance: bool = False, isolated: bool = False) -> str:
        """An entry's evidence in one line: 'Confidence: low · Source: 12 interviews'; '' if none.
        With `importance`, its importance first (where nothing else shows it); with `isolated`,
        the source a bidi isolate (isolate), as the report sets it."""
        parts = []
        if importance and entry.importance is not None:
            parts.append(f"{self.label('importance')}: {self.vocab('importance', entry.importance)}")
        if entry.confidence is not None:
            parts.append(f"{self.label('confidence')}: {self.vocab('confidence', entry.confidence)}")
        if entry.source is not None:
            source = self.t(entry.source)
            parts.append(f"{self.label('source')}: {isolate(source) if isolated else source}")
        return " · ".join(parts)

    def canvas_low(self) -> dict[str, list[bool]]:
        """For each canvas block, whether each of its entries (as canvas_lines lists them) is of
        low confidence: the canvas page marks those."""
        return {block.key: [self.low(entry) for entry, _ in self.canvas_items(block.key)] for block in CANVAS}

    def lows_in(self, *blocks: str) -> bool:
        """Whether an entry of low confidence is in any of these lists (evidence.Assumption.block):
        the section showing them has the mark's legend."""
        return any(a.low and a.block in blocks for a in self.assumptions)

    def any_low(self, entries) -> bool:
        return any(self.low(e) for e in entries)

    def journey_low(self, journey) -> bool:
        """Whether a journey or a metric of its stages is of low confidence (its map has the legend)."""
        return self.low(journey) or any(self.low(m) for s in journey.stages for m in s.metrics)

    def assumption_grid(self) -> list[tuple[str, list[tuple[int, list[tuple[int, object]]]]]]:
        """The assumption map: a row per importance, high first, each a cell per confidence, high
        first (the riskiest cell ends the top row): (importance, [(the cell's risk score,
        [(rank, assumption) in it])])."""
        ranked = list(enumerate(self.assumptions, start=1))
        return [(key, [(weight * u, [(n, a) for n, a in ranked if a.importance == weight and a.uncertainty == u])
                       for u in (1, 2, 3)])
                for key, weight in (("high", 3), ("medium", 2), ("low", 1))]

    def rated(self) -> tuple[int, int]:
        """(entries with a confidence, entries that could have one)."""
        from .evidence import rated
        return rated(self.model)
