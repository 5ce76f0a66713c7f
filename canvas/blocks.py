"""The blocks of a business model, declared once: checks, diff, the canvas grid, the workbook and
the report iterate this list, so a new block is one entry here (plus its sheet and template)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Block:
    """One block of the model.

    key: the model attribute and the label key in data/labels.yaml.
    keyed_by: how two versions of an entry are matched (diff, import): 'id', 'name', or '' when
        entries have neither (relationships are matched by segment and type).
    canvas: where the block sits on the Business Model Canvas, as (first column, last column,
        first row, last row) of a 10-column grid whose rows 3-6 are the upper band and 7-8 the
        bottom band; None if it is not one of the nine canvas blocks.
    sheet: the workbook sheet that holds its details (a sheet module in canvas/workbook/sheets).
    section: the report section that shows it (templates/SECTION.html.j2).
    scored: whether an empty block lowers the model's completeness (`canvas check`); not so for
        an optional addition such as the named funnels.
    """

    key: str
    keyed_by: str
    canvas: tuple[int, int, int, int] | None
    sheet: str
    section: str
    scored: bool = True


BLOCKS: tuple[Block, ...] = (
    Block("segments", "id", (9, 10, 3, 6), "segments", "segments"),
    Block("personas", "id", None, "personas", "personas"),
    Block("value_propositions", "id", (5, 6, 3, 6), "value_propositions", "value_propositions"),
    Block("channels", "id", (7, 8, 5, 6), "channels", "channels"),
    Block("relationships", "", (7, 8, 3, 4), "relationships", "relationships"),
    Block("journeys", "id", None, "journeys", "journeys"),
    Block("funnel", "", None, "funnel", "funnel"),
    Block("funnels", "id", None, "funnels", "funnel", scored=False),
    Block("competitors", "id", None, "competitors", "competitors"),
    Block("revenue_streams", "name", (6, 10, 7, 8), "other_blocks", "other_blocks"),
    Block("key_resources", "name", (3, 4, 5, 6), "other_blocks", "other_blocks"),
    Block("key_activities", "name", (3, 4, 3, 4), "other_blocks", "other_blocks"),
    Block("key_partners", "name", (1, 2, 3, 6), "other_blocks", "other_blocks"),
    Block("cost_structure", "name", (1, 5, 7, 8), "other_blocks", "other_blocks"),
)
BY_KEY = {b.key: b for b in BLOCKS}
KEYS = tuple(b.key for b in BLOCKS)
# The nine blocks of the canvas, read as the canvas is read: left to right, top band first.
CANVAS = tuple(sorted((b for b in BLOCKS if b.canvas), key=lambda b: (b.canvas[2] > 6, b.canvas[0], b.canvas[2])))
# Blocks that are lists of plain named items, kept together on the 'other blocks' sheet.
OTHER = tuple(b.key for b in BLOCKS if b.sheet == "other_blocks")

# Collections whose entries have ids that other places refer to.
COLLECTIONS = ("segments", "personas", "value_propositions", "channels", "journeys", "competitors",
               "custom_stages", "funnels")
# Collections kept inside another block's entries: where their entries are. The customer
# profile's pains and gains have ids unique over the whole model (relievers and creators name them).
NESTED = {"pains": "segments.*.pains", "gains": "segments.*.gains", "jobs": "segments.*.jobs"}
# (pattern of the places that hold a reference, the collection it refers to): '*' walks every
# list item, '{}' takes every key of a mapping. The loader checks them; tests fill them.
REFERENCES = (
    ("personas.*.segment", "segments"),
    ("personas.*.channels.*", "channels"),
    ("value_propositions.*.segments.*", "segments"),
    ("channels.*.serves.{}", "segments"),
    ("relationships.*.segment", "segments"),
    ("journeys.*.persona", "personas"),
    ("journeys.*.segment", "segments"),
    ("journeys.*.stages.*.stage", "journey_stages"),
    ("journeys.*.of", "journeys"),
    ("journeys.*.stages.*.funnel", "funnel_stages"),
    ("competitors.*.markets.*.segment", "segments"),
    ("revenue_streams.*.segments.*", "segments"),
    ("value_propositions.*.pain_relievers.*.pains.*", "pains"),
    ("value_propositions.*.gain_creators.*.gains.*", "gains"),
)
