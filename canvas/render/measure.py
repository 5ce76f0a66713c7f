"""How much room text takes in the report's font: widths from the font itself (Pillow with
HarfBuzz shaping, so Persian is measured joined, as printed) and lines as a browser wraps them."""
from __future__ import annotations

from functools import lru_cache

from PIL import ImageFont

from .html import FONTS, assets_dir

MM = 72 / 25.4  # points in a millimetre
_REFERENCE = 100  # measured at 100 pt, scaled to the size asked for
_SAFETY = 1.04  # shaping and kerning differ slightly from the printer's text engine


@lru_cache(maxsize=2)
def _font(weight: str) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(assets_dir() / "fonts" / FONTS[weight]), _REFERENCE)


@lru_cache(maxsize=100_000)
def _width(word: str, weight: str) -> float:
    return _font(weight).getlength(word) * _SAFETY


def width(text: str, size: float, weight: str = "regular") -> float:
    """Width in points of `text` on one line at `size` points."""
    return _width(text, weight) * size / _REFERENCE


def lines(text: str, room: float, size: float, weight: str = "regular") -> int:
    """Lines `text` fills in a column `room` points wide: greedy wrapping at spaces, and a word
    wider than the column broken over as many lines as it needs (overflow-wrap: break-word)."""
    if room <= 0:
        return 1
    space = width(" ", size, weight)
    count, used = 1, 0.0
    for word in text.split():
        w = width(word, size, weight)
        if w > room:  # a long word starts its own lines and breaks inside
            count += (used > 0) + int(w // room)
            used = w % room
        elif used and used + space + w > room:
            count, used = count + 1, w
        else:
            used += (space if used else 0) + w
    return count
