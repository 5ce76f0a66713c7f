"""What an image a model names may cost: checked when the model is read, so a bad or oversized
image is a located message at validation, never a crash or a stall of the build.

A PNG costs the PDF renderer time and memory in proportion to its pixels (a 20 KB one-bit PNG of
13,000 x 13,000 pixels took 17.7 s and 1.4 GB), and an SVG in proportion to the elements it draws
once its `<use>` references are followed (eight nested levels of ten make 10^8 and never finish).
So: at most MAX_PIXELS per picture, MAX_MODEL_PIXELS for all the pictures of a model, and at most
MAX_SVG_ELEMENTS drawn per SVG; images are decoded in full here, so a damaged one is found now.
"""
from __future__ import annotations

import base64
import io
import re
import warnings
from urllib.parse import unquote_to_bytes

from .errors import Key, Said

MAX_PIXELS = 24_000_000          # one picture: 6000 x 4000, more than any print needs
MAX_MODEL_PIXELS = 100_000_000   # all the pictures of one model (logo and photos)
MAX_SVG_ELEMENTS = 50_000        # elements an SVG draws, every <use> followed
_MAX_DEPTH = 64                  # nesting plus <use> hops; deeper is a loop or a trap
_SVG = "{http://www.w3.org/2000/svg}"
_HREFS = ("href", "{http://www.w3.org/1999/xlink}href")
# a picture inside the SVG, wherever it is (an <image>, a pattern, a style's url()): its kind,
# whether base64, and its data up to a quote, bracket or space
_DATA = re.compile(rb"data:\s*([a-z0-9.+/-]*)\s*((?:;[^,;\"')\s]*)*),([^\"')\s<>]*)", re.I)


def pixels(data: bytes, mime: str, what: str, shown: str) -> int:
    """The pixels the image holds (0 for vector art); Said if it is damaged or too large."""
    if mime == "image/svg+xml":
        return _svg_pixels(data, what, shown)
    return _raster_pixels(data, what, shown)


def _raster_pixels(data: bytes, what: str, shown: str) -> int:
    from PIL import Image

    from PIL import ImageFile

    # ours is lower and says the size; and WeasyPrint, once imported, lets Pillow load a truncated
    # image for the whole process: a damaged picture must be damaged whatever was imported before
    bomb_limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
    truncated, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise Said("image_too_many_pixels", what=Key(f"what_{what}"), path=shown,
                               width=width, height=height, limit=MAX_PIXELS // 1_000_000)
                image.load()  # decode it all: a damaged image fails here, not in the build
    except Said:
        raise
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a damaged file
        raise Said("image_damaged", what=Key(f"what_{what}"), path=shown) from None
    finally:
        Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES = bomb_limit, truncated
    return width * height


def _svg_pixels(data: bytes, what: str, shown: str) -> int:
    """Pictures embedded in the SVG count as pixels; the drawing itself must stay small."""
    from lxml import etree

    if b"<!ENTITY" in data:
        raise Said("svg_entities", what=Key(f"what_{what}"), path=shown)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise Said("image_damaged", what=Key(f"what_{what}"), path=shown) from None
    if _drawn(root) > MAX_SVG_ELEMENTS:
        raise Said("svg_too_complex", what=Key(f"what_{what}"), path=shown, limit=MAX_SVG_ELEMENTS)
    total = 0
    for kind, options, payload in _DATA.findall(data):
        kind = kind.lower()
        try:
            embedded = (base64.b64decode(payload + b"=" * (-len(payload) % 4)) if b"base64" in options.lower()
                        else unquote_to_bytes(payload))
        except ValueError:
            raise Said("image_damaged", what=Key(f"what_{what}"), path=shown) from None
        if kind == b"image/svg+xml":  # an SVG in an SVG: its own <use> could repeat without end
            raise Said("svg_nested", what=Key(f"what_{what}"), path=shown)
        if kind.startswith(b"image/"):  # counted in the model's pixels (loader)
            total += _raster_pixels(embedded, what, shown)
    return total


def _drawn(root) -> int:
    """Elements drawn when every <use> is followed (a loop counts as too many)."""
    by_id = {element.get("id"): element for element in root.iter() if element.get("id")}
    counted: dict = {}  # element -> its count (keys keep lxml's element proxies alive)

    def count(element, depth: int) -> int:
        if element in counted:
            return counted[element]
        if depth > _MAX_DEPTH:
            return MAX_SVG_ELEMENTS + 1
        total = 1
        for child in element:
            total += count(child, depth + 1)
            if total > MAX_SVG_ELEMENTS:
                return total
        if element.tag == f"{_SVG}use":
            href = next((element.get(h) for h in _HREFS if element.get(h)), "")
            if href.startswith("#") and href[1:] in by_id:
                total += count(by_id[href[1:]], depth + 1)
        counted[element] = total
        return total

    return count(root, 0)
