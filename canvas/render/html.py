"""The HTML report: Jinja2 templates (user directory first, then the shipped ones), autoescaped."""
from __future__ import annotations

import base64
from functools import lru_cache
from importlib import resources
from pathlib import Path

from jinja2 import (ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, PackageLoader,
                    PrefixLoader, StrictUndefined, TemplateError)
from markupsafe import Markup

from .. import __version__
from ..errors import RenderError
from ..textsafe import clean
from ..view import Foreign, View
from .svg import emotion_curve

# the canvas's type size (pt) when everything fits at it, by paper
CANVAS_SIZE = {"a4": 9.5, "a3": 11.5}
JOURNEY_SIZE = {"a4": 8.5, "a3": 10.0}  # a journey map's, likewise
JOURNEY_COLUMNS = 6  # stages in one table of a journey map; more continue in the next
FONTS = {"regular": "Vazirmatn-Regular.ttf", "bold": "Vazirmatn-Bold.ttf"}
# the same fonts as WOFF2 (Brotli-compressed, 40% of the TTF) for the HTML file's data: URIs
WEB_FONTS = {k: f.replace(".ttf", ".woff2") for k, f in FONTS.items()}


def assets_dir() -> Path:
    return Path(str(resources.files("canvas").joinpath("assets")))


def font_urls(embed: bool) -> dict[str, str]:
    """WOFF2 data: URIs (a self-contained HTML file) or the TTF files' URLs (for WeasyPrint)."""
    fonts = assets_dir() / "fonts"
    if embed:
        return {k: "data:font/woff2;base64," + base64.b64encode((fonts / f).read_bytes()).decode()
                for k, f in WEB_FONTS.items()}
    return {k: (fonts / f).as_uri() for k, f in FONTS.items()}


@lru_cache(maxsize=8)
def environment(template_dir: str | None = None) -> Environment:
    defaults = PackageLoader("canvas.templates", ".")
    loaders = ([FileSystemLoader(template_dir)] if template_dir else []) + [
        defaults, PrefixLoader({"default": defaults}, delimiter=":")]
    env = Environment(loader=ChoiceLoader(loaders), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, bytecode_cache=_bytecode_cache())
    env.filters["apply"] = lambda values, func: [func(x) for x in values]
    env.filters["plain"] = lambda x: clean(str(x))  # for attributes and <title>: no markup
    env.finalize = _finalize
    return env


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates kept between runs (compiling costs ~0.2 s of every build), in Jinja's
    private per-user folder in the temp dir and checked against the template's source. None when
    that folder cannot be made or is not safely ours (then templates compile every time)."""
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


def _finalize(value):
    """Every {{ }} output: user text is cleaned; text in the other language gets its direction."""
    if type(value) is Foreign:
        direction = "rtl" if value.lang == "fa" else "ltr"
        return Markup('<span lang="{}" dir="{}">{}</span>').format(value.lang, direction, clean(value))
    return clean(value) if type(value) is str else value  # Markup from macros is already clean


def to_html(view: View, *, embed_fonts: bool, template_dir: str | None = None,
            fixed_date: str | None = None, template: str = "report.html.j2",
            margins: dict[str, float] | None = None, **extra) -> str:
    """`template` rendered for `view` (plus `extra` variables) with the shared stylesheets: report.css
    (print and screen) and screen.css (browsers only: margins, narrow windows, wide tables)."""
    env = environment(template_dir)
    try:
        css = env.loader.get_source(env, "report.css")[0]
        screen_css = env.loader.get_source(env, "screen.css")[0]
        def curve(scores, previous=None, aspect=None):
            """The emotion curve; `aspect` defaults to the stage columns of a wide page."""
            return emotion_curve(scores, rtl=view.rtl, colour=view.look.accent, previous=previous,
                                 labels={k: view.vocab("emotion_scale", k) for k in (-2, 2)},
                                 aspect=aspect or (9.0 if view.paper == "a4" else 13.0))

        extra = {**layout(view, margins or {}), **extra}
        return env.get_template(template).render(
            v=view, m=view.model, version=__version__, css=css, screen_css=screen_css,
            fonts=font_urls(embed_fonts), conversions=view.conversions(), fixed_date=fixed_date,
            channels_by_category=view.channels_by_category(), curve=curve,
            emotion_svg=lambda stages, height: curve([s.emotion for s in stages], aspect=_curve_aspect(view, height)),
            **extra)
    except TemplateError as e:
        where = f"{e.filename}:{e.lineno}: " if getattr(e, "lineno", None) else ""
        raise RenderError(f"template error: {where}{e.message}") from e


def render(view: View, template_dir: str | None = None, **extra) -> bytes:
    """A self-contained HTML report (fonts embedded) as UTF-8 bytes."""
    return to_html(view, embed_fonts=True, template_dir=template_dir, **extra).encode("utf-8")


def layout(view: View, margins: dict[str, float]) -> dict:
    """What the templates of the fixed grids need: the canvas plan and grid, the block icons.
    `margins` makes a grid's text count as taller where the PDF showed the estimate was short."""
    from . import fit
    from .icons import icon

    def texts(key, cell):
        if key == "emotion":
            return [view.vocab("emotion_scale", cell)] if cell is not None else []
        return [] if key == "emotion_curve" else cell

    journeys = []
    for number, j in enumerate(view.model.journeys, start=1):
        chunks = [([view.stage_name(s.stage) for s in chunk],
                   [(key, view.label(key), [texts(key, c) for c in cells]) for key, cells in view.journey_rows(chunk)])
                  for chunk in journey_chunks(j)]
        meta = f"{view.journey_owner(j)} · {view.label('goal')}: {view.t(j.goal)}"
        journeys.append(fit.journey(chunks, meta, view.paper, JOURNEY_SIZE[view.paper],
                                    margins.get(f"journey{number}", 0.0)))
    return {"canvas_plan": fit.canvas(view.canvas_entries(), view.paper, CANVAS_SIZE[view.paper],
                                      margins.get("canvas", 0.0)),
            "canvas_grid": fit.grid(), "canvas_columns": fit.columns,
            "block_icon": lambda key: icon(key, view.look.accent),
            "journey_plans": journeys, "journey_chunks": journey_chunks, "matrix_columns": matrix_columns}


PORTRAIT_WIDTH = 210 - 2 * 14  # mm inside the margins of a portrait page (report.css @page)
MATRIX_HEAD = 8.0  # pt: the type of a matrix's column headers (th.small)
BODY = 9.5  # pt: the report's body text (report.css)


def matrix_columns(fixed: list[list[str]], flexible: list[str], count: int,
                   row_head: float = 28) -> list[float] | None:
    """Widths (mm) for a portrait table's columns after its row labels (`row_head` mm): a column for
    each list of `fixed` as wide as its longest word, then `count` columns sharing the rest, or None
    when a word of `flexible` would not fit those (it would break mid-word: show a list instead).
    Words are measured bold, at MATRIX_HEAD as the headers are set (at BODY for the fixed columns,
    whose cells hold body text), plus the cell's padding."""
    from .fit import MM
    from .measure import width

    def widest(texts: list[str], size: float = MATRIX_HEAD) -> float:
        return max((width(w, size, "bold") for t in texts for w in str(t).split()), default=0.0) + 9

    widths = [round(widest(texts, BODY) / MM + 0.5, 1) for texts in fixed]  # their cells: body text
    if not count:
        return widths
    share = (PORTRAIT_WIDTH - row_head - sum(widths)) / count
    if share * MM < widest(flexible):
        return None
    return widths + [round(share, 1)] * count


def _curve_aspect(view: View, height: float) -> float:
    """Width over height of a journey map's curve cell: the page less the row labels, `height` mm."""
    from . import fit

    return (fit.content(view.paper)[0] / fit.MM - fit.ROW_HEAD) / height


def journey_chunks(journey) -> list[list]:
    """A journey's stages in tables of at most JOURNEY_COLUMNS stages."""
    stages = journey.stages
    return [stages[i:i + JOURNEY_COLUMNS] for i in range(0, len(stages), JOURNEY_COLUMNS)]
