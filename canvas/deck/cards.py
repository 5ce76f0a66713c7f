"""Slides of cards and columns: segment cards, one slide per persona, one per value proposition."""
from __future__ import annotations

import io

from pptx.enum.shapes import MSO_SHAPE

from .deck import GAP, Box, Deck
from .flow import flow, slides_of
from .text import Para, direction, fill, fits

INCH = 914400
LARGEST = 18.0  # cards and columns: slide-sized type when they hold little


def columns_slides(deck: Deck, title: str, paras: list[Para], *, per_slide: int = 3, section: str | None = None,
                   cards: bool = False, head: int = 0, on_first=None) -> None:
    """Paragraphs in `per_slide` columns (a card each with `cards`), over as many slides as they
    take; `head` EMU at the top of the first slide are left for `on_first(slide, box)`. Cards that
    take more than one slide are set slide by slide, each slide's in the largest type it holds."""
    body = deck.body()
    below = body.below(head) if head else body
    width = below.columns(per_slide)[0].width
    pages: list[tuple[float, list]] = []
    if cards:
        groups = _cards(paras)
        size, columns = flow(paras, per_slide, width, below.height, cards=len(groups), largest=LARGEST)
        if len(columns) > per_slide:
            for i in range(0, len(groups), per_slide):
                chunk = [p for group in groups[i:i + per_slide] for p in group]
                size, columns = flow(chunk, per_slide, width, below.height, cards=len(groups[i:i + per_slide]),
                                     largest=LARGEST)
                pages += [(size, page) for page in slides_of(columns, per_slide)]
        else:
            pages = [(size, page) for page in slides_of(columns, per_slide)]
    else:
        size, columns = flow(paras, per_slide, width, below.height, largest=LARGEST)
        pages = [(size, page) for page in slides_of(columns, per_slide)]
    for n, (size, page) in enumerate(pages):
        shown = title
        if len(pages) > 1:
            shown += f" ({deck.view.label('page_of').format(n=deck.view.num(n + 1), total=deck.view.num(len(pages)))})"
        slide = deck.slide(shown, section=section if n == 0 else None)
        if n == 0 and on_first is not None:
            on_first(slide, Box(body.left, body.top, body.width, head))
        for box, column in zip(below.columns(per_slide, rtl=deck.rtl), page):
            if cards:
                deck.card(slide, box, column, size)
            else:
                deck.text(slide, box, column, size, name="Column")


def _cards(paras: list[Para]) -> list[list[Para]]:
    groups: list[list[Para]] = []
    for p in paras:
        if p.new_column or not groups:
            groups.append([])
        groups[-1].append(p)
    return groups


def field(view, key: str, value: str) -> list[Para]:
    return [Para(f"{view.label(key)}: {value}")] if value else []


def bullets(view, key: str, values: list[str], colour: str) -> list[Para]:
    values = [v for v in values if v]
    if not values:
        return []
    return [Para(view.label(key), bold=True, colour=colour, head=True, gap=0.4)] + [Para(v, bullet=True)
                                                                                    for v in values]


def segments(deck: Deck) -> None:
    view = deck.view
    paras: list[Para] = []
    for s in view.model.segments:
        paras.append(Para(view.t(s.name), bold=True, scale=1.25, colour=deck.look.primary, new_column=True,
                          head=True))
        if s.size is not None:
            paras += field(view, "size", view.size_text(s))
        for label, value in view.market_lines(s):  # TAM, SAM, SOM, our share
            paras.append(Para(f"{label}: {value}"))
        if s.description:
            paras.append(Para(view.t(s.description)))
        paras += bullets(view, "concerns", view.ts(s.concerns), deck.look.accent)
        if s.demographics:
            for key in ("age", "gender", "income", "location", "education", "occupation", "purchase_preferences",
                        "history"):
                paras += field(view, key, view.t(getattr(s.demographics, key)))
        for kind in ("jobs", "pains", "gains"):  # the customer profile
            paras += bullets(view, kind, [profile_line(view, e) for e in getattr(s, kind)], deck.look.accent)
    columns_slides(deck, view.label("segments"), paras, section=view.label("segments"), cards=True)


def profile_line(view, e) -> str:
    """A job, pain or gain with a job's kind and its importance: 'Text (Functional · High)'."""
    tags = [view.vocab("job_kinds", e.kind)] if getattr(e, "kind", None) else []
    tags += [view.vocab("importance", e.importance)] if e.importance else []
    return f"{view.t(e.text)} ({' · '.join(tags)})" if tags else view.t(e.text)


def persona(deck: Deck, p) -> None:
    view, look = deck.view, deck.look
    who = view.segment_name(p.segment)
    if p.archetype:
        who += f" · {view.label('archetype')}: {view.vocab('archetypes', p.archetype)}"
    head = [Para(view.t(p.name), bold=True, scale=1.5, colour="#FFFFFF"), Para(who, colour="#FFFFFF")]
    if p.quote:
        head.append(Para(f"«{view.t(p.quote)}»" if deck.rtl else f"“{view.t(p.quote)}”", colour="#FFFFFF"))
    paras = [Para(view.label("profile"), bold=True, colour=look.accent, head=True)]
    paras += field(view, "age", view.num(p.age) if p.age is not None else "")
    for key in ("gender", "occupation", "location", "education", "social_class", "income"):
        paras += field(view, key, view.t(getattr(p, key)))
    if p.bio:
        paras += [Para(view.label("bio"), bold=True, colour=look.accent, head=True, gap=0.4), Para(view.t(p.bio))]
    for key in ("hobbies", "purchase_habits", "buying_methods"):
        paras += bullets(view, key, view.ts(getattr(p, key)), look.accent)
    paras += bullets(view, "preferred_channels", [view.channel_name(c) for c in p.channels], look.accent)
    for key in ("need", "interest"):
        if getattr(p, key):
            paras += [Para(view.label(key), bold=True, colour=look.accent, head=True, gap=0.4),
                      Para(view.t(getattr(p, key)))]
    paras += bullets(view, "goals", view.ts(p.goals), look.accent)
    paras += bullets(view, "frustrations", view.ts(p.frustrations), look.accent)

    def band(slide, box: Box) -> None:
        deck.rect(slide, box, look.primary, line=False, rounded=True).name = "Persona band"
        face = Box(box.left + GAP if not deck.rtl else box.left + box.width - GAP - box.height + 2 * GAP,
                   box.top + GAP, box.height - 2 * GAP, box.height - 2 * GAP)
        avatar(deck, slide, p, face)
        text = Box(box.left + (face.width + 2 * GAP if not deck.rtl else GAP), box.top,
                   box.width - face.width - 3 * GAP, box.height)
        deck.text(slide, text, head, fits(head, text.width, text.height, 16, 7) or 7, anchor_top=False,
                  name="Persona")

    columns_slides(deck, view.label("persona") + ": " + view.t(p.name), paras, head=int(1.25 * INCH),
                   on_first=band, section=view.label("personas") if p is view.model.personas[0] else None)


def avatar(deck: Deck, slide, p, box: Box) -> None:
    """The persona's photo (PNG or JPEG), else a circle with the initials."""
    photo = _photo(deck, p)
    if photo is not None:
        slide.shapes.add_picture(io.BytesIO(photo), box.left, box.top, box.width, box.height).name = "Photo"
        return
    circle = slide.shapes.add_shape(MSO_SHAPE.OVAL, box.left, box.top, box.width, box.height)
    circle.fill.solid()
    from pptx.dml.color import RGBColor

    circle.fill.fore_color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    circle.line.fill.background()
    circle.name = "Initials"
    fill(circle.text_frame, [Para(deck.view.monogram(p.name), bold=True, colour=deck.look.primary)],
         16, deck.rtl, anchor_top=False)
    direction(circle.text_frame.paragraphs[0], deck.rtl, align="ctr")


def _photo(deck: Deck, p) -> bytes | None:
    from pathlib import Path

    from ..brand import read_logo

    if not p.photo:
        return None
    try:
        logo = read_logo(Path(deck.view.model._base_dir or ".") / p.photo, "photo")
    except ValueError:
        return None
    return logo.data if logo.mime != "image/svg+xml" else None


def personas(deck: Deck) -> None:
    for p in deck.view.model.personas:
        persona(deck, p)


def value_propositions(deck: Deck) -> None:
    view, look = deck.view, deck.look
    for n, p in enumerate(view.model.value_propositions):
        paras = [Para(view.t(p.description))] if p.description else []
        paras += bullets(view, "products", view.ts(p.products), look.accent)
        paras += bullets(view, "segments", [view.segment_name(s) for s in p.segments], look.accent)
        for key, label in view.vocab_items("value_types"):
            values = view.ts(getattr(p.values, key))
            if values:
                paras += [Para(label, bold=True, colour=look.accent, head=True, gap=0.4)]
                paras += [Para(v, bullet=True) for v in values]
        paras += bullets(view, "pains_relieved", view.ts(p.pains_relieved), look.accent)
        paras += bullets(view, "gains_created", view.ts(p.gains_created), look.accent)
        for kind, needs in (("pain_relievers", "pains"), ("gain_creators", "gains")):
            answers = view.label(f"answers_{needs}")
            lines = [view.t(m.text) + (f" ({answers} {view.join(view.need_texts(needs, getattr(m, needs)))})"
                                       if getattr(m, needs) else "") for m in getattr(p, kind)]
            paras += bullets(view, kind, lines, look.accent)
        if not paras:
            paras = [Para(view.t(p.name))]
        columns_slides(deck, f"{view.label('value_propositions')}: {view.t(p.name)}", paras,
                       section=view.label("value_propositions") if n == 0 else None)
