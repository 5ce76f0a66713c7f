"""canvas: a business model in YAML -> an editable Excel workbook and a print-ready report.

The library API mirrors the CLI: `load`, `validate`, `build`, `json_schema`, `init`.
Heavy renderers (openpyxl, WeasyPrint) are imported only when something is rendered.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["load", "loads", "build", "json_schema", "init", "__version__"]


def __getattr__(name: str):
    # Lazy: `import canvas` (and `canvas --help`) must not pay for pydantic or renderers.
    if name in ("load", "loads"):
        from . import loader

        return getattr(loader, name)
    if name == "build":
        from .builder import build

        return build
    if name == "json_schema":
        from .schema import json_schema

        return json_schema
    if name == "init":
        from .starter import init

        return init
    raise AttributeError(name)
