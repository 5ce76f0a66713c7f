"""A deck being made: its presentation, the slide layouts it uses, the body area of a slide and
the parts every slide shares (title, footer, slide number)."""
from __future__ import annotations

from dataclasses import dataclass

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Pt

from ..view import View
from .template import Layouts
from .text import Para, fill, fits

MARGIN = Emu(int(0.4 * 914400))
GAP = Emu(int(0.15 * 914400))
FOOTER = Emu(int(0.35 * 914400))


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    width: int
    height: int

    def columns(self, n: int, gap: int = GAP, rtl: bool = False) -> list["Box"]:
        """`n` columns side by side, the first on the right for a right-to-left slide."""
        width = (self.width - (n - 1) * gap) // n
        boxes = [Box(self.left + i * (width + gap), self.top, width, self.height) for i in range(n)]
        return boxes[::-1] if rtl else boxes

    def below(self, taken: int, gap: int = GAP) -> "Box":
        return Box(self.left, self.top + taken + gap, self.width, self.height - taken - gap)


class Deck:
    def __init__(self, view: View, prs, layouts: Layouts):
        self.view, self.prs, self.layouts = view, prs, layouts
        self.rtl = view.rtl
        self.look = view.look
        self.sections: list[tuple[str, object]] = []  # (title, first slide): the agenda

    # --- geometry ---
    @property
    def width(self) -> int:
        return self.prs.slide_width

    @property
    def height(self) -> int:
        return self.prs.slide_height

    def body(self) -> Box:
        """Where a content slide's content goes: under its title, above its footer."""
        top = self.layouts.body_top or int(1.2 * 914400)
        return Box(MARGIN, top, self.width - 2 * MARGIN, self.height - top - FOOTER - GAP)

    # --- slides ---
    def slide(self, title: str, *, section: str | None = None):
        """A new content slide with `title`; `section` names it in the agenda (its first slide)."""
        slide = self.prs.slides.add_slide(self.layouts.content)
        placeholder = self.layouts.title_of(slide)
        if placeholder is not None:
            placeholder.text_frame.clear()
            fill(placeholder.text_frame, [Para(title, bold=True)], 24, self.rtl, anchor_top=False, colour=None)
        else:
            band = self.rect(slide, Box(0, 0, self.width, int(0.95 * 914400)), self.look.primary, line=False)
            band.name = "Title band"
            box = Box(MARGIN, int(0.12 * 914400), self.width - 2 * MARGIN, int(0.75 * 914400))
            size = fits([Para(title, bold=True)], box.width, box.height, 26, 14) or 14
            self.text(slide, box, [Para(title, bold=True, colour="#FFFFFF")], size, anchor_top=False,
                      name="Title")
        self.layouts.clear_others(slide)
        self.footer(slide)
        if section is not None:
            self.sections.append((section, slide))
        return slide

    def footer(self, slide) -> None:
        view = self.view
        number = len(self.prs.slides)
        line = view.t(self.look.footer) if self.look.footer else view.t(view.model.meta.title)
        top = self.height - FOOTER
        width = (self.width - 2 * MARGIN) * 4 // 5
        side = MARGIN if not self.rtl else self.width - MARGIN - width
        self.text(slide, Box(side, top, width, FOOTER - int(0.05 * 914400)), [Para(line, colour="#666666")],
                  fits([Para(line)], width, FOOTER, 9, 6) or 6, name="Footer")
        other = MARGIN if self.rtl else self.width - MARGIN - int(0.8 * 914400)
        box = self.text(slide, Box(other, top, int(0.8 * 914400), FOOTER - int(0.05 * 914400)),
                        [Para(view.num(number), colour="#666666")], 9, name="Slide number")
        from .text import direction

        direction(box.text_frame.paragraphs[0], self.rtl, align="l" if self.rtl else "r")

    def renumber(self) -> None:
        """Each slide's number as it now stands (the agenda moves in after the rest is made)."""
        for n, slide in enumerate(self.prs.slides, start=1):
            for shape in slide.shapes:
                if shape.name == "Slide number":
                    shape.text_frame.paragraphs[0].runs[0].text = self.view.num(n)

    def text(self, slide, box: Box, paras: list[Para], size: float, *, anchor_top: bool = True, name: str = ""):
        shape = slide.shapes.add_textbox(box.left, box.top, box.width, box.height)
        if name:
            shape.name = name
        fill(shape.text_frame, paras, size, self.rtl, anchor_top=anchor_top)
        return shape

    def rect(self, slide, box: Box, colour: str | None, *, line: bool | str = True, rounded: bool = False):
        shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE if rounded else MSO_SHAPE.RECTANGLE,
                                       box.left, box.top, box.width, box.height)
        if rounded:
            shape.adjustments[0] = 0.04
        if colour:
            shape.fill.solid()
            shape.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))
        else:
            shape.fill.background()
        if line:
            shape.line.color.rgb = RGBColor.from_string((line if isinstance(line, str) else self.look.primary)
                                                        .lstrip("#"))
            shape.line.width = Pt(0.75)
        else:
            shape.line.fill.background()
        shape.shadow.inherit = False
        return shape

    def card(self, slide, box: Box, paras: list[Para], size: float, name: str = ""):
        """A box with a light fill and the paragraphs inside it (text editable in place)."""
        shape = self.rect(slide, box, self.look.soft, line=self.look.soft, rounded=True)
        shape.name = name or "Card"
        frame = shape.text_frame
        fill(frame, paras, size, self.rtl)
        return shape
