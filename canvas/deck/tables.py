"""Native tables (editable cells), their rows continued on further slides when they do not fit one;
in Persian the columns run right to left, the first on the right."""
from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.util import Emu

from .deck import Box, Deck
from .text import CHAR_EM, INSET, MIN_SIZE, Para, fill, height

Cell = "str | list[str] | list[Para]"


def _paras(cell, bold: bool = False, colour: str | None = None) -> list[Para]:
    if isinstance(cell, str):
        cell = [cell] if cell else []
    elif isinstance(cell, Para):
        cell = [cell]
    return [c if isinstance(c, Para) else Para(c, bold=bold, colour=colour) for c in cell] or [Para("")]


def needed(header: list, rows: list[list], weights: list[float], width: int, size: float) -> int:
    """EMU the table takes at `size` in a box `width` wide."""
    widths = [width * w / sum(weights) for w in weights]
    return int(sum(max(height(_paras(c, bold), size, w) for c, w in zip(cells, widths)) * 12700
                   for bold, cells in [(True, header)] + [(False, r) for r in rows]))


def table_slides(deck: Deck, title: str, header: list[str], rows: list[list], weights: list[float], *,
                 section: str | None = None, largest: float = 14, box: Box | None = None, slide=None,
                 heads: int = 1, smallest: float = 9) -> list:
    """The table on as many slides as its rows need (the header repeated on each); `heads` columns
    at the start of each row are shown as row headings. With `slide` and `box`, the first part goes
    there. Returns the slides."""
    if deck.rtl:
        header, weights = header[::-1], weights[::-1]
        rows = [row[::-1] for row in rows]
    first = slide
    area = box or deck.body()

    def room_of(room: Box) -> float:  # heights are estimated, and programs' fonts differ: SLACK
        return room.height * SLACK
    total = sum(weights)
    widths = [int(area.width * w / total) for w in weights]

    def row_height(cells, size, bold=False) -> float:
        return max(height(_paras(c, bold), size, w) for c, w in zip(cells, widths)) * 12700

    size = largest
    while size > smallest and (row_height(header, size, True) + sum(row_height(r, size) for r in rows)) > room_of(area):
        size -= 0.5
    if size <= smallest:  # past `smallest` a table continues rather than shrinks (further only if a row needs)
        size = smallest
        while size > MIN_SIZE and any(row_height(header, size, True) + row_height(r, size) > room_of(area)
                                      for r in rows):
            size -= 0.5
    parts: list[list] = [[]]
    used = row_height(header, size, True)
    room = room_of(area)
    for row in rows:
        needed = row_height(row, size)
        if parts[-1] and used + needed > room:
            parts.append([])
            used = row_height(header, size, True)
            room = room_of(deck.body())
        parts[-1].append(row)
        used += needed
    slides = []
    for n, part in enumerate(parts):
        shown = title if len(parts) == 1 else (
            f"{title} ({deck.view.label('page_of').format(n=deck.view.num(n + 1), total=deck.view.num(len(parts)))})")
        if n == 0 and first is not None:
            target, where = first, area
        else:
            target, where = deck.slide(shown, section=section if n == 0 else None), deck.body()
        draw(deck, target, where, header, part, widths, size, heads)
        slides.append(target)
    return slides


def _unbroken(paras: list[Para], size: float, width: int) -> float:
    """A header's size: at most `size`, small enough that its longest word fits its column (a word
    broken in two reads as two), but never below 6 points."""
    longest = max((len(w) for p in paras for w in p.text.split()), default=1)
    room = (width - 2 * INSET) / 12700
    return max(min(size, room / (CHAR_EM * 1.3 * longest)), 6.0)  # bold letters are wider, and fonts differ


def draw(deck: Deck, slide, box: Box, header: list, rows: list[list], widths: list[int], size: float,
         heads: int) -> None:
    shape = slide.shapes.add_table(len(rows) + 1, len(header), box.left, box.top, sum(widths),
                                   int(height([Para("x")], size, 10 ** 7) * 12700) * (len(rows) + 1))
    shape.name = "Table"
    table = shape.table
    table.first_row = True
    table.horz_banding = False
    for i, w in enumerate(widths):
        table.columns[i].width = Emu(w)
    row_heads = set(range(len(header) - heads, len(header))) if deck.rtl else set(range(heads))
    for r, cells in enumerate([header] + rows):
        tallest = 0.0
        for c, value in enumerate(cells):
            cell = table.cell(r, c)
            for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
                setattr(cell, side, int(INSET))
            is_head = r == 0
            paras = _paras(value, bold=is_head or c in row_heads, colour="#FFFFFF" if is_head else None)
            cell.text_frame.clear()
            bold = is_head or c in row_heads
            fill(cell.text_frame, paras, _unbroken(paras, size, widths[c]) if bold else size, deck.rtl)
            cell.fill.solid()
            colour = deck.look.primary if is_head else (deck.look.soft if c in row_heads else "#FFFFFF")
            cell.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))
            tallest = max(tallest, height(paras, size, widths[c]) * 12700)
        table.rows[r].height = Emu(int(tallest))


HEADING = int(0.4 * 914400)
# The share of its room a table is planned to fill: rows are estimated from character widths, and
# a program drawing them in a wider font than the estimate's (Impress without Calibri or Tahoma
# uses DejaVu Sans) needs more; the rest is the margin that keeps the footer clear.
SLACK = 0.88


def stacked(deck: Deck, title: str, tables: list[tuple[str, list, list[list], list[float]]], *,
            section: str | None = None, size: float = 12) -> None:
    """Several small tables on as few slides as hold them whole, one under another, each under its
    own heading; a table longer than a slide gets slides of its own (table_slides)."""
    from .deck import GAP

    slide, free = None, None
    for heading, header, rows, weights in tables:
        body = deck.body()
        needs = HEADING + int(needed(header, rows, weights, body.width, size) / SLACK)  # room for a wrong estimate
        if needs > body.height:  # its own slides, titled by its heading
            table_slides(deck, heading, header, rows, weights, section=section)
            section, slide, free = None, None, None
            continue
        if slide is None or needs > free.height:
            slide, free = deck.slide(title, section=section), body
            section = None
        deck.text(slide, Box(free.left, free.top, free.width, HEADING),
                  [Para(heading, bold=True, scale=1.15, colour=deck.look.accent)], size, name="Heading")
        box = Box(free.left, free.top + HEADING, free.width, needs - HEADING)
        table_slides(deck, heading, header, rows, weights, slide=slide, box=box, largest=size)
        free = free.below(needs, GAP)

