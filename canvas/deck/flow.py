"""Paragraphs poured into columns of a given size: the largest type that holds them on one slide,
else the smallest readable one over as many slides as they need (never a cut, never "and N more")."""
from __future__ import annotations

from .text import MAX_SIZE, MIN_SIZE, Para, height


def pack(paras: list[Para], size: float, width: float, room: float) -> list[list[Para]]:
    """Columns of paragraphs at `size`, each at most `room` EMU tall; a paragraph marked
    `new_column` starts a column; a heading and its list stay together when a column holds them
    (a list continued in the next column would have no heading there), and a heading is never
    left alone at a column's foot."""
    columns: list[list[Para]] = []
    current: list[Para] = []
    limit = room / 12700
    for i, p in enumerate(paras):
        if p.new_column and current:
            columns.append(current)
            current = []
        needed = [p]
        if p.head:
            group = [p]
            for following in paras[i + 1:]:
                if following.head or following.new_column:
                    break
                group.append(following)
            needed = group if height(group, size, width) <= limit else group[:2]
        if current and height(current + needed, size, width) > limit:
            columns.append(current)
            current = []
        current.append(p)
    if current:
        columns.append(current)
    return columns


def flow(paras: list[Para], columns: int, width: float, room: float, *, largest: float = MAX_SIZE,
         smallest: float = MIN_SIZE, cards: int | None = None) -> tuple[float, list[list[Para]]]:
    """(size, columns): the largest size at which the paragraphs take at most `columns` columns
    (or exactly the `cards` columns their new_column marks ask for), else `smallest` and as many
    columns as it takes (the caller puts `columns` on a slide)."""
    wanted = cards if cards is not None else columns
    size = largest
    while size > smallest:
        packed = pack(paras, size, width, room)
        if len(packed) <= wanted:
            return size, packed
        size -= 0.5
    return smallest, pack(paras, smallest, width, room)


def slides_of(columns: list[list[Para]], per_slide: int) -> list[list[list[Para]]]:
    return [columns[i:i + per_slide] for i in range(0, len(columns), per_slide)] or [[]]
