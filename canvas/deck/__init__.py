"""The deck: an editable PowerPoint (16:9) of the same view as the report: native text, tables and
charts, right to left in Persian, in the brand's colours or a consultant's own template."""
from __future__ import annotations

from pathlib import Path

from ..view import View


def render(view: View, template: str | Path | None = None) -> bytes:
    """The PPTX bytes of `view` (the same for the same model and template)."""
    from . import cards, evidence, grid, journeys, matrices, opening
    from .deck import Deck
    from .template import open_deck, pack

    prs, layouts = open_deck(template, view.lang)
    deck = Deck(view, prs, layouts)
    opening.cover(deck)
    opening.summary(deck)
    grid.canvas_slides(deck)
    matrices.lean_canvas(deck)
    for section in (cards.segments, cards.personas, cards.value_propositions, matrices.value_map, matrices.fit,
                    matrices.channels, matrices.relationships, journeys.journeys, matrices.funnel,
                    matrices.competitors, matrices.economics, matrices.other_blocks, evidence.assumptions, matrices.health):
        section(deck)
    opening.agenda(deck)
    return pack(prs, view.t(view.model.meta.title), view.t(view.model.meta.author))
