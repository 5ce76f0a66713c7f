"""Text on slides: paragraphs, their size estimated from their length (no font file is read), and
right-to-left paragraphs for Persian."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from pptx.oxml.ns import qn
from pptx.util import Pt

from ..textsafe import clean
from ..view import Foreign

# The font a Persian slide names: Tahoma ships with every Windows and with Office for Mac, and has
# Arabic-script letters; a viewer without it substitutes one of its own (README, The deck).
PERSIAN_FONT = "Tahoma"
# Average advance of a character in ems (Tahoma's and Calibri's letters are 0.45-0.5 em, DejaVu Sans's,
# LibreOffice's stand-in for both, 0.55; word
# wrapping wastes the rest of a line, which `lines` counts), and the line height.
CHAR_EM = 0.55
LINE = 1.22
MAX_SIZE, MIN_SIZE = 14.0, 7.0  # body text, points: a slide's text never goes below MIN_SIZE
INSET = 0.06 * 914400           # a text box's inner margin on each side, EMU


@dataclass(frozen=True)
class Para:
    """One paragraph: `scale` times the body size; `head` starts a group (kept with what follows);
    `new_column` starts a new column or card (flow)."""

    text: str
    bold: bool = False
    scale: float = 1.0
    colour: str | None = None
    bullet: bool = False
    head: bool = False
    new_column: bool = False
    gap: float = 0.0  # space before, in lines
    align: str | None = None  # l, ctr, r; default: the language's start
    italic: bool = False


def lines(text: str, size: float, width_emu: float) -> int:
    """How many lines `text` takes at `size` points in a box `width_emu` wide (inner width)."""
    room = max((width_emu - 2 * INSET) / 12700, 1.0)  # points
    per_line = max(int(room / (CHAR_EM * size)), 1)
    count = 0
    for line in text.split("\n") or [""]:
        words, used, n = line.split(), 0, 1
        for word in words:
            length = _width(word)
            if used and used + 1 + length > per_line:
                n += 1
                used = 0
            if length > per_line:  # a word longer than a line breaks inside it
                n += math.ceil(length / per_line) - 1
                length %= per_line
            used += length + (1 if used else 0)
        count += n
    return count


_ARABIC = re.compile("[\u0600-\u06FF\u200c]")
NARROW = 0.8  # a Persian letter, joined, takes about four fifths of a Latin one


def _width(word: str) -> int:
    """A word's width in average Latin letters."""
    return math.ceil(len(word) - (1 - NARROW) * len(_ARABIC.findall(word)))


def height(paras: list[Para], size: float, width_emu: float) -> float:
    """Points the paragraphs take at `size` in a box `width_emu` wide (with the box's margins)."""
    total = 2 * INSET / 12700
    for p in paras:
        s = size * p.scale
        total += (lines(p.text, s, width_emu - (BULLET_INDENT if p.bullet else 0)) + p.gap) * s * LINE
    return total


BULLET_INDENT = 171450  # EMU, 0.1875 in


def fits(paras: list[Para], width_emu: float, height_emu: float,
         largest: float = MAX_SIZE, smallest: float = MIN_SIZE) -> float | None:
    """The largest size (in half points) at which the paragraphs fit the box, or None."""
    size = largest
    while size >= smallest:
        if height(paras, size, width_emu) <= height_emu / 12700:
            return size
        size -= 0.5
    return None


def fill(frame, paras: list[Para], size: float, rtl: bool, *, anchor_top: bool = True,
         colour: str | None = "#1A1A1A") -> None:
    """Write the paragraphs into a text frame at `size` points, right to left if `rtl`; text without
    a colour of its own gets `colour` (a shape's style would make it white)."""
    from pptx.enum.text import MSO_ANCHOR

    frame.word_wrap = True
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, int(INSET))
    if anchor_top:
        frame.vertical_anchor = MSO_ANCHOR.TOP
    first = True
    for p in paras:
        paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
        first = False
        run = paragraph.add_run()
        run.text = clean(p.text)  # a model's text may hold what XML cannot (U+FFFE, control characters)
        run.font.size = Pt(size * p.scale)
        run.font.bold = p.bold or None
        run.font.italic = p.italic or None
        if p.colour or colour:
            from pptx.dml.color import RGBColor

            run.font.color.rgb = RGBColor.from_string((p.colour or colour).lstrip("#"))
        if p.gap:
            paragraph.space_before = Pt(size * p.scale * p.gap * LINE)
        # a text shown in the other language (not translated yet) keeps its own direction and font,
        # aligned with the slide's language
        own = p.text.lang == "fa" if isinstance(p.text, Foreign) else rtl
        direction(paragraph, own, bullet=p.bullet, align=p.align or ("r" if rtl else "l"))
        font(run, own)
    for paragraph in frame.paragraphs:  # an empty one (an empty table cell) is as tall as its size
        # says: without it, Impress sets it at its default 18 pt and the table outgrows the slide
        paragraph._p.get_or_add_endParaRPr().set("sz", str(int(round(size * 100))))


def direction(paragraph, rtl: bool, *, bullet: bool = False, align: str | None = None) -> None:
    """A paragraph's direction and alignment (right to left and right-aligned for Persian), and
    a bullet that stays a bullet when the text is edited."""
    pPr = paragraph._p.get_or_add_pPr()
    if rtl:
        pPr.set("rtl", "1")
    pPr.set("algn", align or ("r" if rtl else "l"))
    if bullet:
        pPr.set("marL", str(BULLET_INDENT))
        pPr.set("indent", str(-BULLET_INDENT))
        for tag in ("a:buFont", "a:buChar"):
            element = pPr.makeelement(qn(tag), {})
            pPr.append(element)
        pPr.find(qn("a:buFont")).set("typeface", "Arial")
        pPr.find(qn("a:buChar")).set("char", "•")


def font(run, rtl: bool) -> None:
    """A Persian run names its font for Latin and for complex script (the one PowerPoint uses for
    Arabic letters), and its language; an English run keeps the theme's font."""
    rPr = run._r.get_or_add_rPr()
    rPr.set("lang", "fa-IR" if rtl else "en-US")
    if not rtl:
        return
    # the schema's order: ln, fill, effects, highlight, ..., latin, ea, cs
    for tag in ("a:latin", "a:cs"):
        element = rPr.makeelement(qn(tag), {"typeface": PERSIAN_FONT})
        rPr.append(element)
    rPr.set("altLang", "en-US")
