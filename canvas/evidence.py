"""Evidence and assumptions. Every entry that can be right or wrong has `importance`, `confidence`
and `source` (model.Importance, Confidence, Source); the ones given any of them are the model's
assumptions (a job, pain or gain only with a confidence or a source). They are ranked by importance x uncertainty, the riskiest first: what
the model depends on most and its author is least sure of is what to test first (David Bland's
assumption mapping). An unset importance or confidence counts as medium.

`entries` walks the model for every entry that has the fields, so a new kind of entry given them
in model.py is ranked, shown in the report, the workbook and the deck, with nothing else to add."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from pydantic import BaseModel

from .model import BusinessModel

FIELDS = ("importance", "confidence", "source")
WEIGHT = {"low": 1, "medium": 2, "high": 3}  # importance, and uncertainty (4 - confidence's weight)
UNSET = 2  # an importance or a confidence not given: medium


@dataclass(frozen=True)
class Assumption:
    block: str                # label key of the list the entry is in: segments, pains, metrics...
    path: tuple               # its place in the model: ('segments', 0, 'pains', 1)
    entry: Any
    owners: tuple = ()        # the entries it belongs to, outermost first (a pain's segment)

    @property
    def importance(self) -> int:
        return WEIGHT.get(self.entry.importance, UNSET)

    @property
    def uncertainty(self) -> int:
        return 4 - WEIGHT.get(self.entry.confidence, UNSET)

    @property
    def score(self) -> int:
        """1 (unimportant and sure) to 9 (vital and a guess)."""
        return self.importance * self.uncertainty

    @property
    def low(self) -> bool:
        return self.entry.confidence == "low"


def evidenced(entry: Any) -> bool:
    """Whether an entry can carry evidence (its class has the three fields)."""
    return isinstance(entry, BaseModel) and all(f in type(entry).model_fields for f in FIELDS)


def entries(model: BusinessModel) -> Iterator[Assumption]:
    """Every entry that can carry evidence, in the model's order, whether it does or not."""

    def walk(value: Any, block: str, path: tuple, owners: tuple) -> Iterator[Assumption]:
        if isinstance(value, list):
            for i, item in enumerate(value):
                yield from walk(item, block, path + (i,), owners)
            return
        if not isinstance(value, BaseModel):
            return
        mine = evidenced(value)
        if mine:
            yield Assumption(block, path, value, owners)
        inner = owners + (value,) if mine or block in ("journeys", "funnel", "funnels") else owners
        for name in type(value).model_fields:
            child = getattr(value, name)
            if isinstance(child, (list, BaseModel)) and name not in FIELDS:
                yield from walk(child, _block(block, name, value), path + (name,), inner)

    for name in BusinessModel.model_fields:
        yield from walk(getattr(model, name), name, (name,), ())


def _block(block: str, name: str, parent: Any) -> str:
    """The label key of a nested list: a funnel's or a journey's stages are the funnel's or the
    journey's (they are no entries of their own); a stage's metrics are
    'journey_metrics'; a segment's economics 'unit_economics'; others their field's name."""
    if block in ("funnel", "funnels", "journeys") and name == "stages":
        return block
    return {"metrics": "journey_metrics", "economics": "unit_economics"}.get(name, name)


PROFILE = ("jobs", "pains", "gains")  # their importance says how much they matter to the customer


def assumptions(model: BusinessModel) -> list[Assumption]:
    """The entries given a confidence, a source or an importance (a job, pain or gain only with a
    confidence or a source: its importance alone is the customer's, shown in its profile), the
    riskiest first (ties in the model's order)."""
    found = [a for a in entries(model) if a.entry.confidence is not None or a.entry.source is not None
             or (a.entry.importance is not None and a.block not in PROFILE)]
    return sorted(found, key=lambda a: -a.score)


def rated(model: BusinessModel) -> tuple[int, int]:
    """(entries with a confidence, entries that could have one)."""
    every = list(entries(model))
    return sum(a.entry.confidence is not None for a in every), len(every)
