"""`canvas blank`: a fillable worksheet with the same sheets as a built workbook."""
from __future__ import annotations

from .errors import InputError, Problem
from .fields import Text
from .model import BusinessModel, Funnel, FunnelStage, Journey, JourneyStage, Meta, Persona, Segment
from .view import View
from .vocab import ids

EMPTY = Text(default="")


def blank_model(lang: str, *, segments: int = 3, personas: int = 3, stages: list[str] | None = None) -> BusinessModel:
    """A model of empty entries: ids filled in, names and content left to the student."""
    stages = stages or list(ids("journey_stages"))
    unknown = [s for s in stages if s not in ids("journey_stages")]
    if unknown:
        raise InputError(Problem("--stages", 0, 0, f"unknown stage {unknown[0]!r}; use: {', '.join(ids('journey_stages'))}"))
    seg = [Segment.model_construct(id=f"s{i}", name=EMPTY) for i in range(1, segments + 1)]
    per = [Persona.model_construct(id=f"p{i}", name=EMPTY, segment="") for i in range(1, personas + 1)]
    journeys = [Journey.model_construct(id=f"j{i}", persona=p.id, segment=None, title=None, goal=None,
                                        stages=[JourneyStage.model_construct(stage=s) for s in stages])
                for i, p in enumerate(per, start=1)]
    funnel = Funnel.model_construct(stages=[FunnelStage.model_construct(stage=s, name=None, count=None, note=None)
                                            for s in ids("funnel_stages")])
    meta = Meta.model_construct(title=EMPTY, language=lang)
    return BusinessModel.model_construct(version=1, meta=meta, segments=seg, personas=per, journeys=journeys,
                                         funnel=funnel)


def blank_workbook(lang: str = "fa", **options) -> bytes:
    from .workbook import render

    return render(View(blank_model(lang, **options), lang, blank=True))
