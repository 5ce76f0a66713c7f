"""What a PDF shows, page by page, as a reader sees it: words with their boxes (pdftotext -bbox),
lines of words, and headings (the PDF's outline, which WeasyPrint makes from h1-h3)."""
from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader

# pdftotext drops ZWNJ and may add bidi marks; text is compared without them
_INVISIBLE = re.compile("[\u200c\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Page:
    number: int
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    headings: list[tuple[str, float]] = field(default_factory=list)  # (title, y from the top)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def body(self, footer: float = 14 * 72 / 25.4) -> list[Word]:
        """Words above the footer band, the lowest `footer` points of the page (page numbers and
        the brand footer line sit there, below the bottom margin of 16-18 mm)."""
        return [w for w in self.words if w.y1 < self.height - footer]

    def lines(self) -> list[list[Word]]:
        """Words grouped into lines by their vertical middle, top to bottom."""
        out: list[list[Word]] = []
        for w in sorted(self.body(), key=lambda w: (w.y0 + w.y1) / 2):
            middle = (w.y0 + w.y1) / 2
            if out and abs(middle - (out[-1][0].y0 + out[-1][0].y1) / 2) < 2.5:
                out[-1].append(w)
            else:
                out.append([w])
        return out


def pages(pdf: Path) -> list[Page]:
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml).replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    out = []
    for n, page in enumerate(root.iter("page"), start=1):
        p = Page(n, float(page.get("width")), float(page.get("height")))
        for word in page.iter("word"):
            text = _INVISIBLE.sub("", word.text or "")
            if text:
                p.words.append(Word(text, *(float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))))
        out.append(p)
    reader = PdfReader(pdf)

    def walk(outline):
        for item in outline:
            if isinstance(item, list):
                walk(item)
                continue
            number = reader.get_destination_page_number(item)
            top = float(item.top) if item.get("/Top") is not None else 0.0
            out[number].headings.append((_INVISIBLE.sub("", item.title), out[number].height - top))
    walk(reader.outline)
    return out


def visible(text: str) -> str:
    """`text` as pdftotext gives it back: without ZWNJ and bidi marks."""
    return _INVISIBLE.sub("", text)


def text_of(pdf: Path) -> str:
    """The PDF's whole text, without bidi marks."""
    return _INVISIBLE.sub("", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                             check=True).stdout)
