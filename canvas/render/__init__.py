"""Renderers: each turns a View into the bytes of one output format."""
from __future__ import annotations

import sys
from typing import Callable

FORMATS = ("xlsx", "pdf", "html")


def renderer(fmt: str) -> Callable:
    """The render function for `fmt`, imported on demand (openpyxl and WeasyPrint are slow to import)."""
    if fmt == "xlsx":
        from ..workbook import render
    elif fmt == "html":
        from .html import render
    elif fmt == "pdf":
        from .pdf import render
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
