"""Pictures of the report for a slide or a document: the canvas, each persona card and each journey
map as a PNG, cut from the report's own pages and drawn by pdfium (pypdfium2: no system program).

Where each part is: the report's sections carry ids (canvas, persona-ID, journey-N), which
WeasyPrint keeps as anchors with their page and position. A part runs from its anchor to the next
section's anchor; its pages are cut there and stacked. The pictures are 200 dpi (DPI): a canvas on
A4 landscape is 2339 px wide, on A3 3308 px; a persona card is as wide as an A4 page (1654 px) and
as tall as the card.
"""
from __future__ import annotations

import hashlib
import io
import struct
import zlib

from ..view import View

DPI = 200
PAD = 8  # CSS px kept above a part's anchor (its heading's top margin)
_SECTIONS = ("summary", "canvas", "segments", "personas", "value-propositions", "channels", "relationships",
             "funnel", "competitors", "other-blocks", "journeys", "health")


def names(model) -> list[str]:
    """The part of each picture's file name: canvas, persona-ID, journey-ID (NAME.PART.png)."""
    return (["canvas"] + [f"persona-{p.id}" for p in model.personas]
            + [f"journey-{j.id}" for j in model.journeys])


def render(view: View, template_dir: str | None = None) -> dict[str, bytes]:
    """{name (see `names`): PNG bytes} of `view`'s report."""
    import pypdfium2

    from .pdf import _show_title, layout

    document, options = layout(view, template_dir, variant="none")
    places = _anchors(document)
    pdf = pypdfium2.PdfDocument(document.write_pdf(finisher=_show_title, **options))
    anchors = {"canvas": "canvas"}
    anchors.update({f"persona-{p.id}": f"persona-{p.id}" for p in view.model.personas})
    anchors.update({f"journey-{j.id}": f"journey-{n}" for n, j in enumerate(view.model.journeys, start=1)})
    try:
        return {name: _picture(pdf, document, places, anchor) for name, anchor in anchors.items()}
    finally:
        pdf.close()


def _anchors(document) -> list[tuple[int, float, str]]:
    """(page, y in CSS px, id) of every section's anchor, in the document's order (where a section
    starts: WeasyPrint repeats the anchor of a section continued on the next page)."""
    found = {}
    for number, page in enumerate(document.pages):
        for name, (_, y, *_) in page.anchors.items():
            if (name in _SECTIONS or name.startswith(("persona-", "journey-"))) and name not in found:
                found[name] = (number, y, name)
    return sorted(found.values())


def _picture(pdf, document, places, anchor: str) -> bytes:
    from PIL import Image, ImageOps

    start = next(p for p in places if p[2] == anchor)
    after = [p for p in places if p[:2] > start[:2]]
    end = after[0][:2] if after else (len(document.pages) - 1, document.pages[-1].height)
    scale = DPI / 96  # CSS px to picture px
    slices = []
    for number in range(start[0], end[0] + 1):
        page = document.pages[number]
        top = max(start[1] - PAD, 0) if number == start[0] else 0
        foot = page.height - (getattr(page._page_box, "margin_bottom", 0) or 0)  # the page number's band
        bottom = min(end[1] - PAD if number == end[0] else page.height, foot)
        margin = getattr(page._page_box, "margin_top", 0) or 0
        if number == end[0] and number != start[0] and bottom - margin < 40:  # the next part starts the page
            continue
        image = pdf[number].render(scale=DPI / 72).to_pil()
        slices.append(image.crop((0, round(top * scale), image.width, round(bottom * scale))))
    last = slices[-1]
    inked = ImageOps.invert(last.convert("L")).getbbox()  # the empty rest of the last page is left out
    if inked:
        slices[-1] = last.crop((0, 0, last.width, min(last.height, inked[3] + round(PAD * scale))))
    width = max(s.width for s in slices)
    sheet = Image.new("RGB", (width, sum(s.height for s in slices)), "white")
    y = 0
    for s in slices:
        sheet.paste(s, (0, y))
        y += s.height
    out = io.BytesIO()
    sheet.save(out, format="PNG", optimize=False)
    return seal(out.getvalue())


_IEND = b"\x00\x00\x00\x00IEND\xaeB`\x82"
KEYWORD = b"canvas-sha256"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def seal(png: bytes) -> bytes:
    """`png` with a text chunk holding the SHA-256 of everything before it, just before its end:
    a later build recognises an unchanged picture of its own (output.ours)."""
    assert png.endswith(_IEND)
    body = png[:-len(_IEND)]
    return body + _chunk(b"tEXt", KEYWORD + b"\x00" + hashlib.sha256(body).hexdigest().encode()) + _IEND


def sealed(data: bytes) -> bool:
    """Whether `data` is a PNG that `seal` sealed and nobody changed since."""
    size = 4 + 4 + len(KEYWORD) + 1 + 64 + 4
    if not data.endswith(_IEND) or len(data) < size + len(_IEND):
        return False
    chunk = data[-len(_IEND) - size:-len(_IEND)]
    body = data[:-len(_IEND) - size]
    return chunk == _chunk(b"tEXt", KEYWORD + b"\x00" + hashlib.sha256(body).hexdigest().encode())
