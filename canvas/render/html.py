"""The HTML report: Jinja2 templates (user directory first, then the shipped ones), autoescaped."""
from __future__ import annotations

import base64
import re
import traceback
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path

from jinja2 import (ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, PackageLoader,
                    PrefixLoader, StrictUndefined, TemplateError, TemplateNotFound, TemplateSyntaxError)
from markupsafe import Markup, escape

from .. import __version__
from ..errors import RenderError
from ..textsafe import clean, isolate
from ..view import Foreign, View
from .svg import emotion_curve

FONTS = {"regular": "Vazirmatn-Regular.ttf", "bold": "Vazirmatn-Bold.ttf"}
# the same fonts as WOFF2 (Brotli-compressed, 40% of the TTF) for the HTML file's data: URIs
WEB_FONTS = {k: f.replace(".ttf", ".woff2") for k, f in FONTS.items()}


def assets_dir() -> Path:
    return Path(str(resources.files("canvas").joinpath("assets")))


def font_urls(embed: bool) -> dict[str, str]:
    """WOFF2 data: URIs (a self-contained HTML file) or the TTF files' URLs (for WeasyPrint)."""
    fonts = assets_dir() / "fonts"  # Markup: a URL is not text to break (see breakable)
    if embed:
        return {k: Markup("data:font/woff2;base64," + base64.b64encode((fonts / f).read_bytes()).decode())
                for k, f in WEB_FONTS.items()}
    return {k: Markup((fonts / f).as_uri()) for k, f in FONTS.items()}


@lru_cache(maxsize=8)
def environment(template_dir: str | None = None) -> Environment:
    defaults = PackageLoader("canvas.templates", ".")
    loaders = ([FileSystemLoader(template_dir)] if template_dir else []) + [
        defaults, PrefixLoader({"default": defaults}, delimiter=":")]
    env = Environment(loader=ChoiceLoader(loaders), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, bytecode_cache=_bytecode_cache())
    env.filters["apply"] = lambda values, func: [func(x) for x in values]
    env.filters["plain"] = lambda x: escape(clean(str(x)))  # for attributes and <title>: no markup (no <wbr>)
    env.filters["isolate"] = isolate  # a model's text inside a line of ours (view.isolate)
    env.finalize = _finalize
    return env


def templates_added(template_dir: str | None) -> None:
    """Forget the environment of `template_dir` if files were added to or removed from it since
    it was made (a warm process: serve, watch): Jinja reloads a template whose file changed, but
    keeps a shipped template cached where the folder now has one of that name."""
    if template_dir is None:
        return
    listing = frozenset(str(p.relative_to(template_dir)) for p in Path(template_dir).rglob("*") if p.is_file())
    if _listings.setdefault(template_dir, listing) != listing:
        _listings[template_dir] = listing
        environment.cache_clear()


_listings: dict[str, frozenset[str]] = {}
MAX_TEMPLATE_BYTES = 1024 * 1024


def check_templates(template_dir: str | Path) -> None:
    """Every file of a --templates folder is a regular UTF-8 text file of at most 1 MiB, or an
    InputError names it: Jinja would read a pipe forever, a device without end, and stop at
    bytes that are not UTF-8 with an error naming no file."""
    from ..errors import InputError, Problem

    problems = []
    for path in sorted(Path(template_dir).rglob("*")):
        if path.is_dir() or path.name.startswith("."):
            continue
        where = str(path)
        if not path.is_file():
            problems.append(Problem(where, 0, 0, "a template must be a file, not a pipe, a device or a broken link"))
            continue
        with open(path, "rb") as handle:
            data = handle.read(MAX_TEMPLATE_BYTES + 1)
        if len(data) > MAX_TEMPLATE_BYTES:
            problems.append(Problem(where, 0, 0, f"a template may have at most {MAX_TEMPLATE_BYTES:,} bytes"))
            continue
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as e:
            line = data[:e.start].count(b"\n") + 1
            problems.append(Problem(where, line, 0, "not UTF-8 text; save the template as UTF-8"))
    if problems:
        raise InputError(problems)


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates kept between runs (compiling costs ~0.2 s of every build), in Jinja's
    private per-user folder in the temp dir and checked against the template's source. None when
    that folder cannot be made or is not safely ours (then templates compile every time)."""
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


def _finalize(value):
    """Every {{ }} output: user text is cleaned and its very long words made breakable; text in
    the other language gets its direction."""
    if type(value) is Foreign:
        direction = "rtl" if value.lang == "fa" else "ltr"
        return Markup('<span lang="{}" dir="{}">{}</span>').format(value.lang, direction, breakable(clean(value)))
    return breakable(clean(value)) if type(value) is str else value  # Markup from macros is already clean


# A word (a run without spaces) longer than LONG_WORD characters gets a break opportunity (<wbr>)
# every BREAK_EVERY characters. WeasyPrint lays out a word it must break anywhere in time
# quadratic in its length (20,000 characters in a table cell: 70 s) and lets one outside a table
# run off the page. Longer than any id (64), URL, e-mail address or compound word in a model, so
# those show as they always did.
LONG_WORD = 80
BREAK_EVERY = 20  # 20 of the widest letters fit the narrowest card
_LONG = re.compile(r"\S{%d,}" % (LONG_WORD + 1))


def breakable(text: str) -> str:
    """`text` as it is, or (when it has a word longer than LONG_WORD) as escaped Markup with a
    <wbr> every BREAK_EVERY characters of that word, never before a combining mark or a joiner."""
    if len(text) <= LONG_WORD or not _LONG.search(text):
        return text
    parts, start = [], 0
    for match in _LONG.finditer(text):
        parts += [escape(text[start:match.start()]), Markup("<wbr>").join(map(escape, _pieces(match.group())))]
        start = match.end()
    return Markup("").join(parts + [escape(text[start:])])


def _pieces(word: str) -> list[str]:
    pieces, start = [], 0
    while len(word) - start > BREAK_EVERY:
        cut = start + BREAK_EVERY
        while cut < len(word) and unicodedata.category(word[cut]) in ("Mn", "Mc", "Me", "Cf", "Sk"):
            cut += 1  # a mark, a joiner (ZWJ, ZWNJ) or a modifier stays with the letter before it
        pieces.append(word[start:cut])
        start = cut
    return pieces + [word[start:]] if start < len(word) else pieces


def to_html(view: View, *, embed_fonts: bool, template_dir: str | None = None,
            fixed_date: str | None = None, template: str = "report.html.j2",
            margins: dict[str, float] | None = None, screen: bool = False, **extra) -> str:
    """`template` rendered for `view` (plus `extra` variables) with the shared stylesheets: report.css
    (print and screen) and screen.css (browsers only: margins, narrow windows, wide tables)."""
    env = environment(template_dir)
    try:
        css = env.loader.get_source(env, "report.css")[0]
        screen_css = env.loader.get_source(env, "screen.css")[0]
        def curve(scores, previous=None, aspect=None, before=None, after=None, others=(), moments=()):
            """The emotion curve; `aspect` defaults to the stage columns of a wide page."""
            return emotion_curve(scores, rtl=view.rtl, colour=view.look.accent, previous=previous,
                                 before=before, after=after, others=others, moments=moments,
                                 labels={k: view.vocab("emotion_scale", k) for k in (-2, 2)},
                                 aspect=aspect or (9.0 if view.paper == "a4" else 13.0))

        from .plan import layout  # here: plan measures text in the fonts this module names

        extra = {**layout(view, margins or {}, curve, screen), **extra}
        return env.get_template(template).render(
            v=view, m=view.model, version=__version__, css=css, screen_css=screen_css,
            fonts=font_urls(embed_fonts), conversions=view.conversions(), fixed_date=fixed_date,
            channels_by_category=view.channels_by_category(), curve=curve,
            **extra)
    except TemplateSyntaxError as e:
        raise RenderError(f"{e.filename or e.name}:{e.lineno}: template error: {e.message}") from e
    except Exception as e:  # noqa: BLE001 - in a user's template it is the user's to fix
        place = _user_template_line(e, template_dir)
        if place is None and not isinstance(e, TemplateError):
            raise  # a shipped template failed: a bug in canvas
        what = e.message if isinstance(e, TemplateError) and e.message else f"{type(e).__name__}: {e}"
        if isinstance(e, TemplateNotFound):
            what = f"no template named {e.name!r} (in {template_dir or 'the shipped templates'})"
        raise RenderError(f"{place or template}: template error: {what}") from None


def _user_template_line(error: BaseException, template_dir: str | None) -> str | None:
    """'DIR/x.html.j2:12' for the innermost frame of `error` that ran a template of `template_dir`
    (Jinja gives template code its file name and line), None if no such frame."""
    if not template_dir:
        return None
    root = Path(template_dir).resolve()
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        try:
            if Path(frame.filename).resolve().is_relative_to(root):
                return f"{frame.filename}:{frame.lineno}"
        except (OSError, ValueError):
            continue
    return None


def render(view: View, template_dir: str | None = None, **extra) -> bytes:
    """A self-contained HTML report (fonts embedded) as UTF-8 bytes, sealed (output.seal)."""
    from ..output import seal

    return seal(to_html(view, embed_fonts=True, template_dir=template_dir, screen=True, **extra).encode("utf-8"))
