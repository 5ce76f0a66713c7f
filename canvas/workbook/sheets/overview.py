"""The overview: the model's meta (title, author, date...) as a card, and the contents."""
from __future__ import annotations

import io

from openpyxl.drawing.image import Image
from openpyxl.styles import Font
from openpyxl.worksheet.hyperlink import Hyperlink

from .. import cards
from ..book import Book
from ..kinds import TEXT, Date, Vocab
from ..kit import merge, page_setup
from ..reader import Reader
from . import titles

ROLE = "overview"
CARD = (cards.Section(None, (
    cards.Pair("title", "title", TEXT), cards.Pair("subtitle", "subtitle", TEXT),
    cards.Pair("organisation", "organisation", TEXT), cards.Pair("author", "author", TEXT),
    cards.Pair("date", "date", Date()), cards.Pair("summary", "summary", TEXT),
    cards.Pair("currency", "currency", Vocab("currencies")))),)


def write(book: Book) -> None:
    v, meta = book.v, book.v.model.meta
    ws = book.sheet(v.label("overview"), in_toc=False)
    book.role(ws, ROLE)
    top = 1
    logo = v.look.logo
    if logo is not None and logo.mime != "image/svg+xml":  # openpyxl cannot place SVG images
        image = Image(io.BytesIO(logo.data))
        scale = 60 / max(image.height, 1)
        image.height, image.width = 60, round(image.width * scale)
        ws.add_image(image, "A1")
        top = 5
    book.output(ws, top, 1, v.t(meta.title), font=book.th.title_font, border=False, wrap=False)
    book.output(ws, top + 1, 1, v.label("report"), border=False, wrap=False, font=Font(italic=True, color="595959"))
    row = cards.write(book, ws, CARD, meta, row=top + 3, columns=1) + 1
    book.output(ws, row, 1, v.label("contents"), font=book.th.header_font, fill=book.th.header_fill)
    book.output(ws, row, 2, "", fill=book.th.header_fill)
    book.toc_anchor = (ws, row + 1)
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 80


def write_contents(book: Book) -> None:
    """Links to every sheet, written once all sheets exist."""
    ws, row = book.toc_anchor
    link = Font(color="0563C1", underline="single")
    for i, (name, title) in enumerate(book.toc):
        cell = book.output(ws, row + i, 1, title, font=link)
        quoted = name.replace("'", "''")
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{quoted}'!A1")  # inside the file
        merge(ws, start_row=row + i, start_column=1, end_row=row + i, end_column=2)
    book.output(ws, row + len(book.toc) + 1, 1, book.v.label("made_with"), border=False, wrap=False,
                font=Font(italic=True, size=8, color="808080"))
    page_setup(ws, landscape=False)


def read(rd: Reader) -> None:
    meta: dict = {}
    sheet = rd.sheet(ROLE, *titles("overview"))
    if sheet is None:
        rd.absent("overview", "meta")
    else:
        data, places = cards.read(rd, sheet, CARD, columns=1)
        meta.update(data)
        for path, at in places.items():
            rd.where[("meta",) + path] = str(at)
    meta["language"] = rd.settings.get("language") or rd.lang
    for key in ("calendar", "digits"):
        if rd.settings.get(key):
            meta[key] = rd.settings[key]
    from ...model import Meta
    rd.data["meta"] = {k: meta[k] for k in Meta.model_fields if k in meta}  # the order of a hand-written file
