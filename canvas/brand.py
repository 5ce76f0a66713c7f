"""A deliverable's look: colours, logo and footer, from defaults, the model's `brand:` block and
`--brand FILE` (later ones win)."""
from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import Key, Said
from .fields import Text

DEFAULT_PRIMARY = "#1F4E79"
DEFAULT_ACCENT = "#2E75B6"
MAX_LOGO_BYTES = 2 * 1024 * 1024
_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


@dataclass(frozen=True)
class Logo:
    mime: str
    data: bytes
    pixels: int = 0  # what it costs to draw (images.py); 0 for vector art

    @property
    def data_uri(self) -> str:
        """The image as a data: URI (Markup: a report inserts it as it is)."""
        from markupsafe import Markup

        return Markup(f"data:{self.mime};base64,{base64.b64encode(self.data).decode()}")


def read_logo(path: Path, what: str = "logo", shown: str | None = None) -> Logo:
    """The image at `path` (a logo, a persona's photo): PNG, JPEG or SVG, at most 2 MiB, whole and
    within the limits of images.py; ValueError says what is wrong (a Said, in the user's language
    through the loader), naming the file as `shown` (what the user typed) or else its path."""
    shown = shown if shown is not None else str(path)
    if "\x00" in str(path):  # no file system has such a name (os calls refuse it outright)
        raise Said("image_missing", what=Key(f"what_{what}"), path=shown.replace("\x00", "\\0"))
    try:
        if path.exists() and not path.is_file():  # a folder, a pipe, a device: never read
            raise Said("image_not_file", what=Key(f"what_{what}"), path=shown)
        if not path.is_file():
            raise Said("image_missing", what=Key(f"what_{what}"), path=shown)
        facts = path.stat()
        if facts.st_size > MAX_LOGO_BYTES:
            raise Said("image_too_big", what=Key(f"what_{what}"), path=shown)
        return _read(str(path.resolve()), facts.st_mtime_ns, facts.st_size, what, shown)
    except OSError as e:
        raise Said("image_unreadable", what=Key(f"what_{what}"), path=shown, why=e.strerror) from None


@lru_cache(maxsize=32)
def _read(path: str, _mtime: int, _size: int, what: str, shown: str) -> Logo:
    """The image's bytes, kind and cost, or Said; a picture is decoded once per process (the
    validation and every language of the build use it), again only if the file changed."""
    from .images import pixels

    with open(path, "rb") as handle:
        data = handle.read(MAX_LOGO_BYTES + 1)
    if len(data) > MAX_LOGO_BYTES:
        raise Said("image_too_big", what=Key(f"what_{what}"), path=shown)
    mime = next((mime for signature, mime in _SIGNATURES.items() if data.startswith(signature)), None)
    head = data[:512].lstrip().lower()
    if mime is None and head.startswith((b"<svg", b"<?xml")) and b"<svg" in data[:4096].lower():
        mime = "image/svg+xml"
    if mime is None:
        raise Said("image_kind", what=Key(f"what_{what}"), path=shown)
    return Logo(mime, data, pixels(data, mime, what, shown))


def _soft(hex_colour: str, amount: float = 0.85) -> str:
    """`hex_colour` mixed with white: a light tint for fills behind text."""
    rgb = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02X}" for c in rgb)


@dataclass(frozen=True)
class Look:
    primary: str = DEFAULT_PRIMARY
    accent: str = DEFAULT_ACCENT
    footer: Text | None = None
    logo: Logo | None = None
    health: bool = True  # the report ends with the Model health section

    @property
    def soft(self) -> str:
        return _soft(self.primary)

    def series(self, n: int) -> list[str]:
        """`n` colours for a chart's series in the brand's own: primary and accent, then lighter
        tints of each (a chart in Office's palette would not be the client's)."""
        tints = (0.0, 0.45, 0.7, 0.25, 0.58)
        return [_soft((self.primary, self.accent)[i % 2], tints[(i // 2) % len(tints)]) for i in range(n)]

    def hex(self, colour: str) -> str:
        """A colour as openpyxl wants it: RRGGBB without '#'."""
        return colour.lstrip("#").upper()


def resolve(*brands: tuple[object | None, Path]) -> Look:
    """Merge brand blocks (each with the folder its logo path is relative to); later ones win."""
    primary, accent, footer, logo, health = DEFAULT_PRIMARY, DEFAULT_ACCENT, None, None, True
    for brand, base in brands:
        if brand is None:
            continue
        primary = (brand.primary or primary).upper()
        accent = (brand.accent or accent).upper()
        footer = brand.footer if brand.footer is not None else footer
        health = brand.health if brand.health is not None else health
        if brand.logo:
            logo = read_logo(base / brand.logo)
    return Look(primary, accent, footer, logo, health)
