"""Pictures of the report for a slide or a document: the canvas, each persona card and each journey
map as a PNG, cut from the report's own PDF and drawn by pdfium (pypdfium2: no system program).

Where each part is: the report's sections carry ids (canvas, persona-ID, journey-N), which the PDF
keeps as named destinations with their page and height. A part runs from its destination to the
next section's; its pages are cut there (and above the footer band) and stacked, and the empty
rest of its last page is left out. When the build writes the PDF too, the pictures are cut from
that very PDF (one layout). The pictures are 200 dpi (DPI): a canvas on A4 landscape is 2339 px
wide, on A3 3308 px; a persona card is as wide as an A4 page (1654 px) and as tall as the card.
"""
from __future__ import annotations

import ctypes
import hashlib
import io
import struct
import zlib

from ..view import View

DPI = 200
PAD = 6  # points kept above a part's destination (its heading's top margin)
FOOTER = 14 * 72 / 25.4  # points at a page's foot that hold its number and the brand's footer
_SECTIONS = ("summary", "canvas", "lean", "segments", "personas", "value-propositions", "fit", "channels", "relationships",
             "funnel", "competitors", "other-blocks", "assumptions", "journeys", "health")


def names(model) -> list[str]:
    """The part of each picture's file name: canvas, persona-ID, journey-ID (NAME.PART.png)."""
    return (["canvas"] + [f"persona-{p.id}" for p in model.personas]
            + [f"journey-{j.id}" for j in model.journeys])


def render(view: View, template_dir: str | None = None) -> dict[str, bytes]:
    """{name (see `names`): PNG bytes} of `view`'s report (laid out here: a build without the PDF)."""
    from .pdf import render as pdf

    return from_pdf(pdf(view, template_dir, variant="none"), view.model)


def from_pdf(data: bytes, model) -> dict[str, bytes]:
    """The pictures cut from the report's PDF `data`."""
    import pypdfium2

    anchors = {"canvas": "canvas"}
    anchors.update({f"persona-{p.id}": f"persona-{p.id}" for p in model.personas})
    anchors.update({f"journey-{j.id}": f"journey-{n}" for n, j in enumerate(model.journeys, start=1)})
    pdf = pypdfium2.PdfDocument(data)
    try:
        places = _destinations(pdf)
        return {name: _picture(pdf, places, anchor) for name, anchor in anchors.items()}
    finally:
        pdf.close()


def _destinations(pdf) -> list[tuple[int, float, str]]:
    """(page, points from the page's top, id) of every section's named destination, in order."""
    import pypdfium2.raw as raw

    found = []
    for i in range(raw.FPDF_CountNamedDests(pdf.raw)):
        size = ctypes.c_long(0)
        raw.FPDF_GetNamedDest(pdf.raw, i, None, ctypes.byref(size))
        buffer = ctypes.create_string_buffer(size.value)
        dest = raw.FPDF_GetNamedDest(pdf.raw, i, buffer, ctypes.byref(size))
        name = buffer.raw[:size.value].decode("utf-16-le").rstrip("\x00")
        if not (name in _SECTIONS or name.startswith(("persona-", "journey-"))):
            continue
        page = raw.FPDFDest_GetDestPageIndex(pdf.raw, dest)
        has_x, has_y, has_zoom = raw.FPDF_BOOL(), raw.FPDF_BOOL(), raw.FPDF_BOOL()
        x, y, zoom = raw.FS_FLOAT(), raw.FS_FLOAT(), raw.FS_FLOAT()
        raw.FPDFDest_GetLocationInPage(dest, has_x, has_y, has_zoom, x, y, zoom)
        top = pdf[page].get_height() - y.value if has_y.value else 0.0
        found.append((page, top, name))
    return sorted(found)


def _picture(pdf, places, anchor: str) -> bytes:
    from PIL import Image, ImageOps

    start = next((p for p in places if p[2] == anchor), None)
    if start is None:  # a report template of the user's (--templates) without the section's id
        from ..errors import InputError, Problem
        from ..messages import choose, say

        raise InputError(Problem("--png", 0, 0, say("png_no_section", choose(), id=anchor)))
    after = [p for p in places if p[:2] > start[:2]]
    end = after[0][:2] if after else (len(pdf) - 1, float("inf"))
    scale = DPI / 72
    slices = []
    for number in range(start[0], end[0] + 1):
        height = pdf[number].get_height()
        top = max(start[1] - PAD, 0) if number == start[0] else 0
        bottom = min(end[1] - PAD if number == end[0] else height, height - FOOTER)
        if bottom - top < 1:
            continue
        image = pdf[number].render(scale=scale).to_pil()
        piece = image.crop((0, round(top * scale), image.width, round(bottom * scale)))
        if number == end[0] and number != start[0] and ImageOps.invert(piece.convert("L")).getbbox() is None:
            continue  # the next part starts this page: only its top margin would be left
        slices.append(piece)
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
