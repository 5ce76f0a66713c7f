"""Renderers: each turns a View into the bytes of one output format."""
from __future__ import annotations

from typing import Callable

FORMATS = ("xlsx", "pdf", "html")


def renderer(fmt: str) -> Callable:
    """The render function for `fmt`, imported on demand (openpyxl and WeasyPrint are slow to import)."""
    if fmt == "xlsx":
        from .xlsx import render
    elif fmt == "html":
        from .html import render
    elif fmt == "pdf":
        from .pdf import render
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return render
