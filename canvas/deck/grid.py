"""The Business Model Canvas as nine boxes of editable text on one slide (mirrored for Persian, as
the report mirrors it): every entry of every block, in the largest type that fits them all, the
bands and the stacked boxes sized to what they hold; past the smallest readable size the blocks
that hold more continue on further slides of the same grid."""
from __future__ import annotations

from ..blocks import CANVAS
from .deck import Box, Deck
from .flow import flow, pack, slides_of
from .evidence import LOW
from .text import INSET, MAX_SIZE, MIN_SIZE, Para, fill, height

UPPER = 0.66  # the upper band's share of the grid's height (rows 3-6; the bottom band is rows 7-8)
STACKED = {"key_activities": "key_resources", "relationships": "channels"}  # upper box: the one below it
SHARES = (0.45, 0.8)  # the upper band's share stays between these when what it holds allows


def cells(deck: Deck, area: Box, upper: float | None = None, tops: dict[str, float] | None = None) -> dict[str, Box]:
    """Each block's box: the 10 columns of blocks.CANVAS, right to left in Persian; the upper band
    `upper` EMU tall (default UPPER of the grid), each stacked pair split at `tops` (default halves)."""
    column = area.width / 10
    upper = area.height * UPPER if upper is None else upper
    out = {}
    for block in CANVAS:
        first, last, top, bottom = block.canvas
        if deck.rtl:
            first, last = 11 - last, 11 - first
        left = int(area.left + (first - 1) * column)
        width = int((last - first + 1) * column)
        if top >= 7:
            out[block.key] = Box(left, int(area.top + upper), width, int(area.height - upper))
        elif block.key in STACKED:
            out[block.key] = Box(left, area.top, width, int((tops or {}).get(block.key, upper / 2)))
        elif block.key in STACKED.values():
            above = next(k for k, v in STACKED.items() if v == block.key)
            split = int((tops or {}).get(above, upper / 2))
            out[block.key] = Box(left, area.top + split, width, int(upper) - split)
        else:
            out[block.key] = Box(left, area.top, width, int(upper))
    return out


def plan(deck: Deck, area: Box, paras: dict[str, list[Para]]) -> tuple[float, dict[str, Box]]:
    """The largest size at which every block fits a grid sized to the blocks' needs, and that
    grid; else the smallest size and the usual grid."""
    widths = {k: b.width for k, b in cells(deck, area).items()}
    size = MAX_SIZE
    while size >= MIN_SIZE:
        need = {k: height(p, size, widths[k]) * 12700 + 0.04 * 914400 for k, p in paras.items()}
        upper = max([need[k] for k in ("key_partners", "value_propositions", "segments")]
                    + [need[a] + need[b] for a, b in STACKED.items()])
        lower = max(need["cost_structure"], need["revenue_streams"])
        if upper + lower <= area.height:
            slack = area.height - upper - lower
            share = min(max((upper + slack * UPPER) / area.height, SHARES[0]), SHARES[1])
            share = min(max(share, upper / area.height), 1 - lower / area.height)
            band = area.height * share
            # a stacked pair shares what its two boxes do not need, half each
            tops = {a: need[a] + (band - need[a] - need[b]) / 2 for a, b in STACKED.items()}
            return size, cells(deck, area, band, tops)
        size -= 0.5
    return MIN_SIZE, cells(deck, area)


def canvas_slides(deck: Deck) -> None:
    view = deck.view
    entries = view.canvas_entries()
    body = deck.body()
    note = int(0.22 * 914400)
    area = Box(body.left, body.top, body.width, body.height - note)
    heads = {key: Para(view.label(key), bold=True, scale=1.1, colour=deck.look.accent) for key in entries}
    lows = view.canvas_low()  # an entry of low confidence in the marking colour, with a legend
    # an entry of low confidence in the marking colour, and in italics (seen in black and white too)
    items = {key: [Para(e, bullet=True, colour=LOW if low else None, italic=low) for e, low in zip(values, lows[key])]
             for key, values in entries.items()}
    size, boxes = plan(deck, area, {k: [heads[k]] + items[k] for k in items})

    def room(key: str) -> float:  # the box less its heading (the box's margins counted once, by pack)
        return boxes[key].height - height([heads[key]], size, boxes[key].width) * 12700 + 2 * INSET

    parts = {key: pack(items[key], size, boxes[key].width, room(key)) if items[key] else [[]] for key in items}
    # what the grid cannot hold at the smallest size: the blocks that have more, in three columns on
    # the slides after it (as the report's canvas continues; no grid of empty boxes)
    rest = [p for key in items if len(parts[key]) > 1
            for p in [heads[key]] + [e for chunk in parts[key][1:] for e in chunk]]
    columns: list = []
    rest_size = MIN_SIZE
    if rest:
        column = deck.body().columns(3)[0]
        rest_size, columns = flow(rest, 3, column.width, column.height, largest=max(size, 9.0), smallest=MIN_SIZE)
    pages = slides_of(columns, 3) if rest else []
    total = 1 + len(pages)

    def title(n: int) -> str:
        shown = view.label("canvas")
        if total > 1:
            shown += f" ({view.label('page_of').format(n=view.num(n), total=view.num(total))})"
        return shown

    slide = deck.slide(title(1), section=view.label("canvas"))
    for key, box in boxes.items():
        shape = deck.rect(slide, box, "#FFFFFF")
        shape.name = key
        fill(shape.text_frame, [heads[key]] + parts[key][0], size, deck.rtl)
    line = Box(body.left, area.top + area.height, body.width, note)
    marked = any(p.colour == LOW for key in items for p in parts[key][0])
    width = line.width * 3 // 4 if marked else line.width  # the legend at the line's end
    deck.text(slide, Box(line.left + (line.width - width if deck.rtl else 0), line.top, width, note),
              [Para(view.label("attribution"), colour="#777777")], 7, name="Attribution")
    if marked:
        legend(deck, slide, line)
    for n, page in enumerate(pages, start=2):
        slide = deck.slide(title(n))
        for box, column in zip(deck.body().columns(3, rtl=deck.rtl), page):
            deck.text(slide, box, column, rest_size, name="Canvas, continued")
        if any(p.colour == LOW for column in page for p in column):
            body = deck.body()
            legend(deck, slide, Box(body.left, body.top + body.height - note, body.width, note))


def legend(deck: Deck, slide, line: Box) -> None:
    """What the marking colour says, at the end of a line of the slide (the attribution's)."""
    width = line.width // 4
    box = Box(line.left if deck.rtl else line.left + line.width - width, line.top, width, line.height)
    deck.text(slide, box, [Para(deck.view.label("low_confidence"), bold=True, colour=LOW, italic=True,
                                align="l" if deck.rtl else "r")], 8, name="Legend")


def lean_cells(deck: Deck, area: Box, bands: tuple[float, float]) -> dict[str, Box]:
    """Each Lean Canvas box (canvas/lean.GRID): 10 columns, right to left in Persian; the upper
    boxes `bands[0]` EMU tall, the boxes (or lower parts) under them `bands[1]`, costs and revenue
    below in the rest."""
    from ..lean import GRID

    column = area.width / 10
    tops = (area.top, area.top + bands[0], area.top + bands[0] + bands[1])
    heights = (bands[0], bands[1], area.height - bands[0] - bands[1])
    out = {}
    for key, first, last, band in GRID:
        if deck.rtl:
            first, last = 11 - last, 11 - first
        out[key] = Box(int(area.left + (first - 1) * column), int(tops[band]), int((last - first + 1) * column),
                       int(heights[band]))
    return out


def lean_slide(deck: Deck) -> bool:
    """The Lean Canvas as its grid on one slide, in the largest type that fits every box, the
    attribution under it; False (nothing drawn) when it holds too much for one slide."""
    from ..lean import GRID, entries

    view = deck.view
    boxes = entries(view)
    body = deck.body()
    note = int(0.4 * 914400)
    area = Box(body.left, body.top, body.width, body.height - note)
    heads = {key: Para(view.label(key), bold=True, scale=1.1, colour=deck.look.accent) for key in boxes}
    lows = view.canvas_low()  # the model's entries of low confidence marked, as on the canvas slide

    def line(key: str, i: int, text: str) -> Para:
        low = lows.get(key, [])[i:i + 1] == [True]
        return Para(text, bullet=len(boxes[key]) > 1, colour=LOW if low else None, italic=low)

    paras = {key: [heads[key]] + [line(key, i, e) for i, e in enumerate(boxes[key])] for key in boxes}
    widths = {k: b.width for k, b in lean_cells(deck, area, (area.height / 3,) * 2).items()}
    size = MAX_SIZE
    while size >= MIN_SIZE:
        need = {k: height(p, size, widths[k]) * 12700 + 0.04 * 914400 for k, p in paras.items()}
        bands = [max(need[key] for key, *_, band in GRID if band == b) for b in range(3)]
        if sum(bands) <= area.height:
            spare = (area.height - sum(bands)) / 3  # shared by the three bands
            cells = lean_cells(deck, area, (bands[0] + spare, bands[1] + spare))
            break
        size -= 0.5
    else:
        return False
    slide = deck.slide(view.label("lean"), section=view.label("lean"))
    for key, box in cells.items():
        shape = deck.rect(slide, box, "#FFFFFF")
        shape.name = key
        fill(shape.text_frame, paras[key], size, deck.rtl)
    line = Box(body.left, area.top + area.height, body.width, note)
    marked = any(p.colour == LOW for key in paras for p in paras[key][1:])
    width = line.width * 3 // 4 if marked else line.width  # the legend at the line's end
    deck.text(slide, Box(line.left + (line.width - width if deck.rtl else 0), line.top, width, note),
              [Para(view.label("lean_attribution"), colour="#777777"), Para(view.label("lean_from_model"),
                                                                            colour="#777777")], 7, name="Attribution")
    if marked:
        legend(deck, slide, line)
    return True
