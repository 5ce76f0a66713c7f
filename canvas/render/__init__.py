"""Renderers: each turns a View into the bytes of one output format."""
from __future__ import annotations

import sys
from typing import Callable

FORMATS = ("xlsx", "pdf", "html", "pptx", "png")
DEFAULT_FORMATS = ("xlsx", "pdf", "html")  # what a build writes unless asked: the deck and the pictures on request
# the PDF variants WeasyPrint writes (tests/test_report_options.py checks the list against it);
# the default is tagged for screen readers (PDF/UA-1), "none" writes an untagged plain PDF
PDF_VARIANTS = ("pdf/ua-1", "pdf/ua-2", "pdf/a-1a", "pdf/a-1b", "pdf/a-2a", "pdf/a-2b", "pdf/a-2u", "pdf/a-3a",
                "pdf/a-3b", "pdf/a-3u", "pdf/a-4e", "pdf/a-4f", "pdf/a-4u", "pdf/x-1a", "pdf/x-3", "pdf/x-4",
                "pdf/x-5g", "none")
PDF_VARIANT = "pdf/ua-1"


def renderer(fmt: str) -> Callable:
    """The render function for `fmt`, imported on demand (openpyxl and WeasyPrint are slow to import)."""
    if fmt == "xlsx":
        from ..workbook import render
    elif fmt == "html":
        from .html import render
    elif fmt == "pdf":
        from .pdf import render
    elif fmt == "pptx":
        from ..deck import render
    elif fmt == "png":
        from .png import render
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return render


def render(fmt: str, view, **kwargs) -> bytes:
    """`view` in `fmt` (the renderer is imported here, so a child process can do the importing)."""
    return renderer(fmt)(view, **kwargs)


def warm_up(fmt: str, template_dir: str | None = None) -> None:
    """Import the renderer of `fmt` and load what it needs before the first render (fonts, templates)."""
    module = renderer(fmt).__module__
    prepare = getattr(sys.modules[module], "warm_up", None)
    if prepare is not None:
        prepare(template_dir)
