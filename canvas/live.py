"""A model kept rendered in a warm process (`canvas serve`): the HTML report of its last good
version, the problems of its current one, and the PDF, workbook and deck rendered on demand.

Rendering goes through the same functions as `canvas build` (loader.load, builder.look_of,
builder.view_of, render.render with builder.render_options); this module only remembers results.
WeasyPrint, the fonts and the compiled templates stay loaded between renders (`warm`).
"""
from __future__ import annotations

import html
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CanvasError, InputError, Problem
from .watching import Inputs

DOWNLOADS = {"pdf": "application/pdf",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}
QUOTED_LINES = 2     # lines quoted above an offending line (which is quoted too)
MAX_QUOTED = 20      # problems shown with their lines; the rest as messages only
_MAX_READ = 4 * 1024 * 1024


@dataclass
class Preview:
    """The YAML at `path` shown in `lang` (None: the model's own) with `brand`, `template_dir`, `paper`."""

    path: Path
    lang: str | None = None
    brand: Path | None = None
    template_dir: str | None = None
    paper: str = "a4"
    boot: str = field(default_factory=lambda: secrets.token_hex(4))  # a restarted server's pages reload too
    count: int = 0
    report: bytes | None = None          # the last good HTML report
    problems: list[Problem | str] = field(default_factory=list)  # what is wrong now ([] when all is well)
    problem_lang: str = "en"
    _view: object = None                 # the last good View (the downloads are rendered from it)
    _images: frozenset[Path] = frozenset()
    _made: dict = field(default_factory=dict)  # (version, fmt) -> bytes
    _changed: threading.Condition = field(default_factory=threading.Condition)
    _rendering: threading.Lock = field(default_factory=threading.Lock)
    closed: bool = False

    @property
    def version(self) -> str:
        return f"{self.boot}-{self.count}"

    @property
    def name(self) -> str:
        return self.path.stem

    def inputs(self) -> Inputs:
        """The files the report is made from: the YAML, the brand file, the last good model's logo
        and photos, and the templates folder."""
        files = {self.path, *self._images} | ({self.brand} if self.brand else set())
        return Inputs.of(files, [self.template_dir] if self.template_dir else [])

    def refresh(self) -> None:
        """Load the model and render its HTML report again; on a mistake keep the last good report
        and remember the problems. Every waiting page is then told (`wait`)."""
        from .builder import look_of, render_options, view_of
        from .checks import run as run_checks
        from .loader import load
        from .messages import for_file
        from .render import render

        spoken = for_file(self.path)
        try:
            if self.template_dir:
                from .render.html import check_templates, templates_added

                check_templates(self.template_dir)
                templates_added(self.template_dir)
            model = load(self.path)
            look = look_of(model, self.brand)
            view = view_of(model, self.lang or model.meta.language, look=look, paper=self.paper,
                           report=run_checks(model, name=self.name))
            report = render("html", view, **render_options("html", self.template_dir))
        except CanvasError as e:
            problems = e.problems if isinstance(e, InputError) else [f"{self.path}: {e}"]
            self._settle(problems=problems, problem_lang=spoken)
            return
        except Exception as e:  # noqa: BLE001 - a bug in canvas must not stop the server; it is shown
            self._settle(problems=[f"internal error: {type(e).__name__}: {e} (a bug in canvas; please report it)"],
                         problem_lang="en")
            return
        base = Path(model._base_dir or self.path.parent)
        images = {base / p for p in [model.brand.logo if model.brand else None,
                                     *(persona.photo for persona in model.personas)] if p}
        if self.brand:
            from .loader import load_brand

            brand, folder = load_brand(self.brand)
            images |= {folder / brand.logo} if brand.logo else set()
        self._settle(report=report, view=view, images=frozenset(images), problems=[], problem_lang=spoken)

    def _settle(self, *, problems, problem_lang, report=None, view=None, images=None) -> None:
        with self._changed:
            if report is not None:
                self.report, self._view, self._images = report, view, images
            self.problems, self.problem_lang = problems, problem_lang
            self.count += 1
            self._changed.notify_all()

    def wait(self, seen: str | None, timeout: float) -> str:
        """The version once it differs from `seen` (at once if it does), or after `timeout` seconds."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != seen or self.closed, timeout)
            return self.version

    def close(self) -> None:
        """Wake every waiting page so its connection ends."""
        with self._changed:
            self.closed = True
            self._changed.notify_all()

    def download(self, fmt: str) -> bytes | None:
        """The last good model as `fmt` (rendered once per version, by one request at a time),
        or None when no version was good yet."""
        from .builder import render_options
        from .render import render

        with self._rendering:
            with self._changed:
                view, version = self._view, self.version
            if view is None:
                return None
            key = (version, fmt)
            if key not in self._made:
                data = render(fmt, view, **render_options(fmt, self.template_dir))
                self._made = {k: v for k, v in self._made.items() if k[0] == version}  # older ones go
                self._made[key] = data
            return self._made[key]

    def warm(self) -> None:
        """Load WeasyPrint, its fonts and the templates, and the workbook's code, before the first
        click on a download (run in a thread while the page is shown)."""
        from .render import warm_up

        warm_up("pdf", self.template_dir)
        warm_up("xlsx")


# --- the page ------------------------------------------------------------------------------

def problems_html(preview: Preview) -> str:
    """The current problems as an HTML section: each as `canvas build` prints it (FILE:LINE:COL:
    message, in the model's language) with the lines it points at quoted; every text escaped."""
    from .messages import say

    lang = preview.problem_lang
    direction = "rtl" if lang == "fa" else "ltr"
    heading = say("serve_problems" if preview.report else "serve_problems_none_yet", lang)
    items = []
    for n, problem in enumerate(preview.problems):
        quote = _quote(problem, preview) if n < MAX_QUOTED else ""
        if isinstance(problem, Problem):  # the place left to right in either language, as a terminal shows it
            where = f"{problem.file}:{problem.where}" if problem.where else problem.file
            said = f'<bdi dir="ltr">{html.escape(where)}</bdi>: {html.escape(problem.message)}'
        else:
            said = f'<bdi>{html.escape(str(problem))}</bdi>'
        items.append(f'<li><span style="{_CODE}">{said}</span>{quote}</li>')
    return (f'<section id="canvas-problems" role="alert" lang="{lang}" dir="{direction}" style="{_BOX}">'
            f'<p style="margin:0 0 .5em;font-weight:bold">{html.escape(heading)}</p>'
            f'<ul style="margin:0;padding-inline-start:1.2em">{"".join(items)}</ul></section>')


# sticky: wherever the tab was scrolled to (a reload keeps the place), the problems stay in view,
# above the report's own layers (the cover's band is positioned)
_BOX = ("all:initial;display:block;position:sticky;top:0;z-index:2147483646;max-height:45vh;overflow:auto;"
        "margin:0 0 1em;padding:1em 1.2em;background:#fff4f4;color:#5b0000;border:2px solid #c62828;"
        "border-radius:0 0 6px 6px;box-shadow:0 2px 8px #0003;font:15px/1.5 Vazirmatn,system-ui,sans-serif;"
        "white-space:normal")
_CODE = "font:14px/1.5 Vazirmatn,system-ui,sans-serif;white-space:pre-wrap"
# the report's font (it joins Persian letters, which a monospace font may not): the column is
# marked on its character, not by a caret under it
_PRE = ("direction:ltr;text-align:left;margin:.3em 0 .8em;padding:.4em .6em;background:#fff;border:1px solid #e0b4b4;"
        "font:13px/1.6 Vazirmatn,system-ui,sans-serif;font-variant-numeric:tabular-nums;white-space:pre;overflow-x:auto")
_MARK = "background:#ffc9c9;outline:1px solid #c62828;border-radius:2px"


def _quote(problem: Problem | str, preview: Preview) -> str:
    """The offending line of a located problem and the lines above it, numbered, the column
    marked; only from the files the report is made from (the YAML or the brand file)."""
    if not isinstance(problem, Problem) or problem.line <= 0:
        return ""
    allowed = {preview.path.resolve()} | ({Path(preview.brand).resolve()} if preview.brand else set())
    try:
        path = Path(problem.file).resolve()
        if path not in allowed:
            return ""
        with open(path, "rb") as handle:
            lines = handle.read(_MAX_READ).decode("utf-8", "replace").splitlines()
    except OSError:
        return ""
    if problem.line > len(lines):
        return ""
    first = max(1, problem.line - QUOTED_LINES)
    width = len(str(problem.line))
    shown = []
    for number in range(first, problem.line + 1):
        text = lines[number - 1].expandtabs(1)[:300]
        body = html.escape(text)
        if number == problem.line and problem.column > 0:
            at = min(problem.column - 1, len(text))
            body = (html.escape(text[:at]) + f'<span style="{_MARK}">{html.escape(text[at:at + 1] or " ")}</span>'
                    + html.escape(text[at + 1:]))
        mark = "&gt;" if number == problem.line else " "
        line = f'{mark}{number:>{width}} | <span style="unicode-bidi:plaintext">{body}</span>'
        shown.append(f"<strong>{line}</strong>" if number == problem.line else line)
    return f'<pre dir="ltr" style="{_PRE}">' + "\n".join(shown) + "</pre>"
