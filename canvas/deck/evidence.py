"""The evidence slides: the assumptions (canvas/evidence.py) as a map of their ranks, importance by
confidence (a native table of our own design, mirrored for Persian), then the ranked table,
continued on further slides like any long table; and the colour that marks an entry of low
confidence on the canvas slide."""
from __future__ import annotations

from .deck import Box, Deck
from .tables import table_slides
from .text import Para, fits

LOW = "#9C5B00"  # an entry of low confidence on the canvas slide, and its legend (dark amber)


def assumptions(deck: Deck) -> None:
    view = deck.view
    found = view.assumptions
    if not found:
        return
    title = view.label("assumptions")
    slide = deck.slide(title, section=title)
    body = deck.body()
    rated, total = view.rated()
    note = [Para(view.label("assumptions_note")),
            Para(view.label("assumptions_rated").format(rated=view.num(rated), total=view.num(total)), gap=0.3),
            Para(view.label("assumption_map_note"), colour="#555555", gap=0.3)]
    top = int(body.height * 0.3)
    size = fits(note, body.width, top, 14, 9) or 9
    deck.text(slide, Box(body.left, body.top, body.width, top), note, size, name="Note")
    # the map: importance in rows (high first), confidence in columns (high first: the riskiest
    # cell, "test first", ends the top row; table_slides puts the columns right to left in Persian)
    header = [view.label("importance")] + [f"{view.label('confidence')}: {view.vocab('confidence', k)}"
                                           for k in ("high", "medium", "low")]
    rows = []
    for key, cells in view.assumption_grid():
        row = [view.vocab("importance", key)]
        for n, (score, ranked) in enumerate(cells):
            text = " ".join(view.num(rank) for rank, _ in ranked)
            corner = key == "high" and n == 2
            row.append([Para(view.label("test_first"), bold=True, colour="#922B21", align="ctr")] * corner
                       + [Para(text, align="ctr")])
        rows.append(row)
    table_slides(deck, view.label("assumption_map"), header, rows, [1.2, 2, 2, 2], slide=slide,
                 box=body.below(top), largest=14)
    header = [view.label(k) for k in ("rank", "risk", "assumption_where", "assumption", "importance", "confidence",
                                      "source")]
    rows = [[view.num(n), Para(view.num(a.score), bold=True, align="ctr"), view.assumption_where(a),
             Para(view.assumption_name(a), colour=LOW if a.low else None, bold=a.low, italic=a.low),
             _level(view, "importance", a.entry.importance), _level(view, "confidence", a.entry.confidence),
             view.t(a.entry.source)]
            for n, a in enumerate(found, start=1)]
    table_slides(deck, view.label("ranked_assumptions"), header, rows, [0.6, 0.6, 2, 2.4, 1, 1, 2.4], largest=12)


def _level(view, vocabulary: str, value: str | None) -> Para:
    """An importance or a confidence; one not given counts as medium, shown in brackets and grey."""
    if value is None:
        return Para(f"({view.vocab(vocabulary, 'medium')})", colour="#777777")
    return Para(view.vocab(vocabulary, value), colour=LOW if vocabulary == "confidence" and value == "low" else None)
