"""The fit between customer profiles and value propositions, worked out once for the report, the
workbook's Fit sheet and the deck: every pain and gain of a segment with the pain relievers and
gain creators that name it, and the coverage per segment (how many of its pains are relieved,
how many of its gains created). A table of our own, not the Value Proposition Canvas graphic."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .model import BusinessModel, Segment

NEEDS = (("pains", "pain_relievers"), ("gains", "gain_creators"))  # a need, and what addresses it


@dataclass
class Need:
    """A pain or a gain of a segment, and (proposition, reliever or creator) of each that names it."""

    kind: str  # "pains" or "gains"
    entry: Any  # a Pain or a Gain
    by: list[tuple[Any, Any]] = field(default_factory=list)


@dataclass
class SegmentFit:
    segment: Segment
    needs: list[Need]

    def count(self, kind: str) -> tuple[int, int]:
        """(addressed, all) of the segment's pains or gains."""
        needs = [n for n in self.needs if n.kind == kind]
        return sum(1 for n in needs if n.by), len(needs)

    @property
    def coverage(self) -> float | None:
        """Share of its pains and gains something addresses (0..1), None without any."""
        return sum(1 for n in self.needs if n.by) / len(self.needs) if self.needs else None


def fit(model: BusinessModel) -> list[SegmentFit]:
    """The fit of every segment that has pains or gains, in the model's order."""
    addressed: dict[tuple[str, str], list] = {}
    for p in model.value_propositions:
        for kind, means in NEEDS:
            for m in getattr(p, means):
                for need in getattr(m, kind):
                    addressed.setdefault((kind, need), []).append((p, m))
    out = []
    for s in model.segments:
        needs = [Need(kind, e, addressed.get((kind, e.id), [])) for kind, _ in NEEDS for e in getattr(s, kind)]
        if needs:
            out.append(SegmentFit(s, needs))
    return out
