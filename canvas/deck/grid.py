"""The Business Model Canvas as nine boxes of editable text on one slide (mirrored for Persian, as
the report mirrors it): every entry of every block, in the largest type that fits them all; past
the smallest readable size the blocks that hold more continue on further slides of the same grid."""
from __future__ import annotations

from ..blocks import CANVAS
from .deck import Box, Deck
from .flow import pack
from .text import MAX_SIZE, MIN_SIZE, Para, height

UPPER = 0.66  # the upper band's share of the grid's height (rows 3-6; the bottom band is rows 7-8)


def cells(deck: Deck, area: Box) -> dict[str, Box]:
    """Each block's box: the 10 columns and 6 rows of blocks.CANVAS, right to left in Persian."""
    column = area.width / 10
    upper, lower = area.height * UPPER / 4, area.height * (1 - UPPER) / 2

    def y(row: int) -> float:
        return area.top + (row - 3) * upper if row <= 7 else area.top + 4 * upper + (row - 7) * lower

    out = {}
    for block in CANVAS:
        first, last, top, bottom = block.canvas
        if deck.rtl:
            first, last = 11 - last, 11 - first
        left = area.left + (first - 1) * column
        out[block.key] = Box(int(left), int(y(top)), int((last - first + 1) * column), int(y(bottom + 1) - y(top)))
    return out


def canvas_slides(deck: Deck) -> None:
    view = deck.view
    entries = view.canvas_entries()
    body = deck.body()
    note = int(0.22 * 914400)
    area = Box(body.left, body.top, body.width, body.height - note)
    boxes = cells(deck, area)
    heads = {key: Para(view.label(key), bold=True, scale=1.1, colour=deck.look.accent) for key in entries}
    items = {key: [Para(e, bullet=True) for e in values] for key, values in entries.items()}

    def room(key: str, size: float) -> float:
        return boxes[key].height - height([heads[key]], size, boxes[key].width) * 12700

    size = MAX_SIZE
    while size > MIN_SIZE and any(height(items[k], size, boxes[k].width) * 12700 > room(k, size) for k in items):
        size -= 0.5
    parts = {key: pack(items[key], size, boxes[key].width, room(key, size)) if items[key] else [[]]
             for key in items}
    total = max(len(p) for p in parts.values())
    for n in range(total):
        title = view.label("canvas")
        if total > 1:
            title += f" ({view.label('page_of').format(n=view.num(n + 1), total=view.num(total))})"
        slide = deck.slide(title, section=view.label("canvas") if n == 0 else None)
        for key, box in boxes.items():
            shape = deck.rect(slide, box, "#FFFFFF")
            shape.name = key
            from .text import fill

            chunk = parts[key][n] if n < len(parts[key]) else []
            fill(shape.text_frame, [heads[key]] + chunk, size, deck.rtl)
        deck.text(slide, Box(body.left, area.top + area.height, body.width, note),
                  [Para(view.label("attribution"), colour="#777777")], 7, name="Attribution")
