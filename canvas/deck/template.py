"""The presentation a deck starts from: python-pptx's own (made 16:9, slides drawn on its blank
layout) or a consultant's template (`--pptx-template`), whose layouts are picked by the
placeholders they hold; and the deck's bytes, the same for the same model.

Mapping of a template's layouts (README, The deck):
- the cover uses the first layout with a centred title (ctrTitle), else the first with a title;
- every other slide uses the first layout whose only placeholders are a title and the date,
  footer and slide-number ones ("Title Only"); else the layout with a title and the fewest
  other placeholders; else a layout without placeholders, on which the deck draws its own title.
Other placeholders a slide inherits are removed (the deck places its own text and tables); the
content starts below the layout's title.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu

from ..errors import InputError, Problem
from ..zipped import FixedTimeZip

WIDE = (Emu(12192000), Emu(6858000))  # 13.333 x 7.5 in: PowerPoint's 16:9
_TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}
_SHARED = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
MAX_TEMPLATE = 50 * 1024 * 1024  # bytes unpacked: a template with pictures is a few MB


@dataclass
class Layouts:
    cover: object
    content: object
    body_top: int = 0      # where content starts (below the template's title); 0: the deck's own
    templated: bool = False

    def title_of(self, slide):
        """The slide's title placeholder, if its layout has one."""
        for shape in slide.placeholders:
            if shape.placeholder_format.type in _TITLES:
                return shape
        return None

    def clear_others(self, slide) -> None:
        """Remove the placeholders a slide got from its layout other than its title."""
        for shape in list(slide.placeholders):
            if shape.placeholder_format.type not in _TITLES:
                shape._element.getparent().remove(shape._element)


def _types(layout) -> list:
    return [p.placeholder_format.type for p in layout.placeholders]


def open_deck(template: str | Path | None, lang: str):
    """(presentation, layouts): the default 16:9 deck, or the template's (its slides removed)."""
    if template is None:
        prs = Presentation()
        prs.slide_width, prs.slide_height = WIDE
        blank = prs.slide_layouts[6]
        return prs, Layouts(cover=blank, content=blank)
    prs = read_template(template, lang)
    for sld in list(prs.slides._sldIdLst):  # a template's example slides are not the deck's
        prs.part.drop_rel(sld.rId)
        prs.slides._sldIdLst.remove(sld)
    layouts = list(prs.slide_layouts)
    cover = next((lay for lay in layouts if PP_PLACEHOLDER.CENTER_TITLE in _types(lay)), None)
    titled = [lay for lay in layouts if set(_types(lay)) & _TITLES]
    cover = cover or (titled[0] if titled else layouts[0])
    only = [lay for lay in titled if not set(_types(lay)) - _TITLES - _SHARED]
    content = (only or sorted(titled, key=lambda lay: len(set(_types(lay)) - _SHARED))
               or [min(layouts, key=lambda lay: len(lay.placeholders))])[0]
    title = next((p for p in content.placeholders if p.placeholder_format.type in _TITLES), None)
    top = title.top + title.height + Emu(int(0.12 * 914400)) if title is not None else 0
    return prs, Layouts(cover=cover, content=content, body_top=int(top), templated=True)


def read_template(path: str | Path, lang: str):
    """The template as a presentation, or InputError saying what is wrong in the user's language."""
    from ..messages import say

    def refuse(key: str, **params) -> InputError:
        return InputError(Problem(str(path), 0, 0, say(key, lang, **params)))

    path = Path(path)
    if not path.is_file():
        raise refuse("template_missing")
    try:
        with zipfile.ZipFile(path) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_TEMPLATE:
                raise refuse("template_invalid", why="> 50 MB")
            if "ppt/presentation.xml" not in archive.namelist():
                raise refuse("template_invalid", why="ppt/presentation.xml")
            for info in archive.infolist():  # a DTD can make a small file gigabytes big
                if info.filename.endswith((".xml", ".rels")) and b"<!DOCTYPE" in archive.read(info)[:4096]:
                    raise refuse("template_invalid", why="DOCTYPE")
        prs = Presentation(str(path))
    except InputError:
        raise
    except Exception as e:  # not a zip, a .potx or .ppt, a broken part: python-pptx raises many kinds
        raise refuse("template_invalid", why=type(e).__name__) from None
    if not len(prs.slide_layouts):
        raise refuse("template_invalid", why="no slide layouts")
    return prs


FIXED_TIME = "2000-01-01T00:00:00Z"
_APP = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org'
        '/officeDocument/2006/extended-properties"><Application>canvas</Application>'
        '<PresentationFormat>Custom</PresentationFormat><Slides>{n}</Slides></Properties>')


def pack(prs, title: str, author: str) -> bytes:
    """The deck's bytes: fixed dates in its properties and on every zip member, so the same model
    gives the same file; 'canvas' as its last author and its application (output.ours knows it)."""
    from datetime import datetime

    from ..output import OWNER
    from ..textsafe import clean

    fixed = datetime(2000, 1, 1)
    props = prs.core_properties
    props.title, props.author, props.last_modified_by = clean(title), clean(author), OWNER
    props.created = props.modified = fixed
    props.last_printed = fixed
    props.revision = 1
    props.identifier = UNSEALED  # the seal's place, filled in below
    raw = io.BytesIO()
    prs.save(raw)
    members = []
    with zipfile.ZipFile(raw) as source:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/app.xml":
                data = _APP.format(n=len(prs.slides)).encode()
            elif info.filename.startswith("ppt/embeddings/") and info.filename.endswith(".xlsx"):
                data = _fixed(data)
            members.append((info.filename, data))
    sealed = (SEAL_PREFIX + seal(members)).encode()
    out = io.BytesIO()
    with FixedTimeZip(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members:
            target.writestr(name, data.replace(UNSEALED.encode(), sealed) if name == CORE else data)
    return out.getvalue()


CORE = "docProps/core.xml"
SEAL_PREFIX = "canvas-sha256:"  # the deck's identifier: the SHA-256 of every part but its properties
UNSEALED = SEAL_PREFIX + "0" * 64


def seal(members) -> str:
    """The SHA-256 of a deck's parts (name and bytes, in order) but its core properties: a deck
    saved by any program after canvas, which changes a slide and keeps the properties (python-pptx
    does), no longer matches it (output.ours)."""
    import hashlib

    digest = hashlib.sha256()
    for name, data in members:
        if name != CORE:
            digest.update(name.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    return digest.hexdigest()


def _fixed(xlsx: bytes) -> bytes:
    """A chart's data workbook (XlsxWriter stamps it with the time it was made) with the fixed time."""
    import re

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, FixedTimeZip(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + FIXED_TIME.encode(), data)
            target.writestr(info.filename, data)
    return out.getvalue()
