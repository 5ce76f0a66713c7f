"""One slide per journey map (per six stages at most, as the report's tables): the map as a native
table and the emotion curve under it as a native line chart."""
from __future__ import annotations

import math

from . import charts
from .deck import GAP, Box, Deck
from .tables import needed, table_slides
from .text import Para, fits
from ..view import BLUEPRINT_LINES, aspect_label

MOST_STAGES = 6
CHART_SHARE = 0.36  # of the body's height, under the table


def chunks(stages: list) -> list[list]:
    """The stages in parts of at most six, as even as can be."""
    parts = math.ceil(len(stages) / MOST_STAGES)
    size = math.ceil(len(stages) / parts)
    return [stages[i:i + size] for i in range(0, len(stages), size)]


def journeys(deck: Deck) -> None:
    view = deck.view
    for number, journey in enumerate(view.model.journeys):
        title = view.journey_title(journey)
        parts = chunks(journey.stages)
        for k, stages in enumerate(parts):
            shown = title if len(parts) == 1 else (
                f"{title} ({view.label('page_of').format(n=view.num(k + 1), total=view.num(len(parts)))})")
            slide = deck.slide(shown, section=view.label("journeys") if number == 0 and k == 0 else None)
            body = deck.body()
            meta = view.journey_owner(journey)
            if journey.variant:
                meta += f" · {view.vocab('journey_variants', journey.variant)}"
            if journey.goal:
                meta += f" · {view.label('goal')}: {view.t(journey.goal)}"
            line = [Para(meta, colour="#555555")]
            top = Box(body.left, body.top, body.width, int(0.32 * 914400))
            deck.text(slide, top, line, fits(line, top.width, top.height, 12, 7) or 7, name="Journey")
            rest = body.below(top.height, GAP // 2)
            note = _unused(deck) if number == len(view.model.journeys) - 1 and k == len(parts) - 1 else []
            if note:
                rest = Box(rest.left, rest.top, rest.width, rest.height - NOTE)
                deck.text(slide, Box(rest.left, rest.top + rest.height, rest.width, NOTE), note, 8,
                          name="Unused stages")
            header = [view.label("stage")] + [_heading(view, s) for s in stages]
            rows = []
            for key, cells in view.journey_rows(stages):
                if key == "emotion_curve":
                    continue
                if key == "emotion":
                    cells = [view.vocab("emotion_scale", e) if e is not None else "" for e in cells]
                label = view.label(aspect_label(key))
                if key in BLUEPRINT_LINES:  # the blueprint's line, named over its lane's label
                    label = [Para(view.label(BLUEPRINT_LINES[key]), scale=0.8, colour="#555555"), label]
                rows.append([label] + cells)
            weights = [1.2] + [2] * len(stages)
            # the chart takes what the table leaves, between 22% and CHART_SHARE of the room
            table_needs = needed(header, rows, weights, rest.width, 10) + GAP
            floor = 0.34 if len(view.curves(journey, stages)) > 1 else 0.3  # a legend takes a line of it
            chart_height = int(max(rest.height * floor, min(rest.height * CHART_SHARE, rest.height - table_needs)))
            table_box = Box(rest.left, rest.top, rest.width, rest.height - chart_height - 2 * GAP)
            chart_box = Box(rest.left, rest.top + rest.height - chart_height, rest.width, chart_height)
            label = int(0.25 * 914400)
            deck.text(slide, Box(chart_box.left, chart_box.top, chart_box.width, label),
                      [Para(view.label("emotion_curve"), bold=True, colour=deck.look.accent)], 9, name="Curve")
            charts.emotion(deck, slide, chart_box.below(label, 0), stages, view.label("emotion_curve"),
                           view.curves(journey, stages))
            # sized for nine tenths of its room: a viewer's font may set its rows a little taller
            table_box = Box(table_box.left, table_box.top, table_box.width, int(table_box.height * 0.9))
            table_slides(deck, shown, header, rows, weights, slide=slide, box=table_box,
                         largest=11, smallest=7)


NOTE = int(0.3 * 914400)


def _heading(view, stage) -> list:
    """A stage's heading: this journey's name for it (with the stage's own name under it, when
    they differ), and the moment-of-truth mark."""
    lines = [view.stage_label(stage)]
    if stage.label is not None:
        lines.append(Para(f"({view.stage_name(stage.stage)})", scale=0.8, colour="#FFFFFF"))
    if stage.moment_of_truth:
        lines.append(Para(f"★ {view.label('moment_of_truth')}", scale=0.8, colour="#FAD7A0"))
    return lines


def _unused(deck: Deck) -> list[Para]:
    """The custom stages no journey uses, under the last map (as in the report)."""
    view = deck.view
    unused = view.unused_stages()
    return [Para(f"{view.label('unused_stages')}: {view.join(unused)}", colour="#555555")] if unused else []
