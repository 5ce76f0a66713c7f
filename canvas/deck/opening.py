"""The deck's first slides: the cover (logo, title, organisation, date), the agenda and the summary."""
from __future__ import annotations

import io

from pptx.util import Emu

from .deck import GAP, MARGIN, Box, Deck
from .text import Para, direction, fill, fits

INCH = 914400


def cover(deck: Deck) -> None:
    view, meta = deck.view, deck.view.model.meta
    slide = deck.prs.slides.add_slide(deck.layouts.cover)
    title = view.t(meta.title)
    lines = [Para(view.t(meta.subtitle))] if meta.subtitle else []
    for key, value in (("organisation", view.t(meta.organisation)), ("author", view.t(meta.author)),
                       ("date", view.date),
                       ("currency", view.vocab("currencies", meta.currency) if meta.currency else "")):
        if value:
            lines.append(Para(f"{view.label(key)}: {value}", gap=0.3))
    placeholder = deck.layouts.title_of(slide) if deck.layouts.templated else None
    if placeholder is not None:
        placeholder.text_frame.clear()
        fill(placeholder.text_frame, [Para(title, bold=True)], fits([Para(title)], placeholder.width,
             placeholder.height, 40, 16) or 16, deck.rtl, anchor_top=False, colour=None)
        # python-pptx makes a new proxy at each access: shapes are compared by their XML element
        subtitle = next((p for p in slide.placeholders
                         if p._element is not placeholder._element and p.has_text_frame), None)
        kept = {placeholder._element}
        if subtitle is not None and lines:
            fill(subtitle.text_frame, lines, fits(lines, subtitle.width, subtitle.height, 20, 8) or 8, deck.rtl,
                 colour=None)
            kept.add(subtitle._element)
            lines = []
        for shape in list(slide.placeholders):
            if shape._element not in kept:
                shape._element.getparent().remove(shape._element)
        top = placeholder.top + placeholder.height + GAP
    else:
        deck.layouts.clear_others(slide)
        band = deck.rect(slide, Box(0, 0, deck.width, int(2.9 * INCH)), deck.look.primary, line=False)
        band.name = "Cover band"
        box = Box(MARGIN, int(1.0 * INCH), deck.width - 2 * MARGIN, int(1.7 * INCH))
        para = Para(title, bold=True, colour="#FFFFFF")
        deck.text(slide, box, [Para(view.label("report"), colour="#FFFFFF")], 14, name="Kicker")
        deck.text(slide, box.below(int(0.3 * INCH), 0), [para], fits([para], box.width, box.height, 40, 16) or 16,
                  name="Title")
        top = int(3.2 * INCH)
    if lines:
        box = Box(MARGIN, top, deck.width - 2 * MARGIN, deck.height - top - int(0.8 * INCH))
        deck.text(slide, box, lines, fits(lines, box.width, box.height, 20, 8) or 8, name="Details")
    logo(deck, slide)


def logo(deck: Deck, slide) -> None:
    """The brand's logo in the cover's bottom corner (the end of the line's start side); an SVG logo
    is left out: PowerPoint files carry PNG or JPEG pictures (README)."""
    found = deck.look.logo
    if found is None or found.mime == "image/svg+xml":
        return
    height = Emu(int(0.9 * INCH))
    picture = slide.shapes.add_picture(io.BytesIO(found.data), 0, deck.height - height - MARGIN, height=height)
    if picture.width > deck.width // 3:  # a wide logo: at most a third of the slide
        ratio = (deck.width // 3) / picture.width
        picture.width, picture.height = int(picture.width * ratio), int(picture.height * ratio)
        picture.top = deck.height - picture.height - MARGIN
    picture.left = MARGIN if not deck.rtl else deck.width - MARGIN - picture.width
    picture.name = "Logo"


def agenda(deck: Deck) -> None:
    """The agenda: each section and the number of its first slide; made last, moved second."""
    view = deck.view
    if not deck.sections:
        return
    slide = deck.slide(view.label("contents"))
    numbers = {id(s): i + 1 for i, s in enumerate(deck.prs.slides)}
    entries = deck.sections
    rows = [(title, view.num(numbers[id(first)] + 1)) for title, first in entries]  # +1: the agenda moves in
    body = deck.body()
    columns = 2 if len(rows) > 12 else 1
    width = (body.width - GAP) // columns
    per = -(-len(rows) // columns)
    size = max(min(20.0, body.height / 12700 / (per * 1.5)), 9.0)
    for c, box in enumerate(body.columns(columns, rtl=deck.rtl)):
        for i, (title, number) in enumerate(rows[c * per:(c + 1) * per]):
            row = Box(box.left, box.top + int(i * size * 1.5 * 12700), width, int(size * 1.45 * 12700))
            name = deck.text(slide, Box(row.left, row.top, row.width - int(0.7 * INCH), row.height),
                             [Para(title)], size, name="Agenda entry")
            name.left = row.left + (int(0.7 * INCH) if deck.rtl else 0)
            page = deck.text(slide, Box(row.left if deck.rtl else row.left + row.width - int(0.7 * INCH), row.top,
                                        int(0.7 * INCH), row.height), [Para(number, bold=True)], size,
                             name="Agenda slide")
            direction(page.text_frame.paragraphs[0], deck.rtl, align="l" if deck.rtl else "r")
    ids = deck.prs.slides._sldIdLst
    moved = ids[-1]
    ids.remove(moved)
    ids.insert(1, moved)
    deck.renumber()


def summary(deck: Deck) -> None:
    """The figures of the model (segments, personas...) and the executive summary."""
    view, model = deck.view, deck.view.model
    slide = deck.slide(view.label("summary"), section=view.label("summary"))
    stats = [(view.num(len(getattr(model, key))), view.label(key))
             for key in ("segments", "personas", "value_propositions", "channels", "journeys", "competitors")]
    if view.report_health:
        stats.append((view.pct(round(100 * view.report_health.overall)), view.label("completeness")))
    body = deck.body()
    band = Box(body.left, body.top, body.width, int(1.2 * INCH))
    for box, (n, what) in zip(band.columns(len(stats), rtl=deck.rtl), stats):
        deck.card(slide, box, [Para(n, bold=True, scale=1.8, colour=deck.look.primary), Para(what)], 12,
                  name="Figure")
    if model.meta.summary:
        text = [Para(view.t(model.meta.summary))]
        rest = body.below(band.height)
        deck.text(slide, rest, text, fits(text, rest.width, rest.height, 20, 7) or 7, name="Summary")
