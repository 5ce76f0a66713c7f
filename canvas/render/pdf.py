"""The PDF report: the HTML report through WeasyPrint, with a fetcher that only serves our assets."""
from __future__ import annotations

import atexit
import logging
import os
import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urlparse

import pydyf
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from ..output import PDF_ID
from . import PDF_VARIANT
from ..view import View
from .html import assets_dir, environment, to_html

# WeasyPrint warns on stderr for every refused URL and unsupported CSS property; the fetcher
# records refusals itself, so only real errors are worth the user's attention.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


class AssetsOnlyFetcher(URLFetcher):
    """Serves data: URIs and files under the allowed folders; refuses everything else.

    Untrusted YAML can put URLs into the HTML (an <img src>, a CSS url()); WeasyPrint's default
    fetcher would read any local file or reach the network. Refused URLs are recorded.
    """

    def __init__(self, allowed: list[Path], **kwargs):
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False, **kwargs)
        self.allowed = [p.resolve() for p in allowed]
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parsed = urlparse(url)
        if parsed.scheme == "file" and parsed.netloc in ("", "localhost"):
            path = Path(unquote(parsed.path)).resolve()
            if any(path.is_relative_to(root) for root in self.allowed) and path.is_file():
                return super().fetch(path.as_uri(), headers)
        self.refused.append(url)
        raise ValueError(f"canvas does not fetch {url!r}")


_FONT_CONFIG: FontConfiguration | None = None
_FONT_PID = 0  # the process that made it


def _fonts() -> FontConfiguration:
    """The font configuration, made once per process (~0.2 s)."""
    global _FONT_CONFIG, _FONT_PID
    if _FONT_CONFIG is None:  # a forked child uses its parent's (replacing it would delete its folder)
        _FONT_CONFIG, _FONT_PID = FontConfiguration(), os.getpid()
        # WeasyPrint makes the folder at its first render: a worker forked before that (canvas
        # watch renders only in its workers) would make one of its own, which nobody removes
        if getattr(_FONT_CONFIG, "_folder", "") is None:
            _FONT_CONFIG._folder = Path(tempfile.mkdtemp(prefix="weasyprint-"))
        atexit.register(release)
    return _FONT_CONFIG


def release() -> None:
    """Remove the folder WeasyPrint keeps this process's fonts in: it does so only when the
    configuration is garbage collected, which a process ending with os._exit (a forked worker)
    never is, and each left one in /tmp."""
    folder = getattr(_FONT_CONFIG, "_folder", None)
    if folder and _FONT_PID == os.getpid():  # never the folder of the process this one forked from
        shutil.rmtree(folder, ignore_errors=True)


def warm_up(template_dir: str | None = None) -> None:
    """Load the fonts and the report template before the first render (a build's worker does it
    while the model loads)."""
    _fonts()
    environment(template_dir).get_template("report.html.j2")


def document_date(view: View) -> str | None:
    """The PDF's creation date: the model's `meta.date`, else SOURCE_DATE_EPOCH (reproducible
    builds), else none at all: the same YAML gives the same bytes, and no date is made up."""
    if view.model.meta.date is not None:
        return f"{view.model.meta.date.gregorian.isoformat()}T00:00:00Z"
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return None


def _show_title(document, pdf) -> None:
    """A PDF reader's window shows the report's title, not its file name."""
    preferences = pdf.catalog.get("ViewerPreferences") or pydyf.Dictionary()
    preferences["DisplayDocTitle"] = "true"  # pydyf writes values as they are: a PDF boolean
    pdf.catalog["ViewerPreferences"] = preferences


def render(view: View, template_dir: str | None = None, *, fetcher: AssetsOnlyFetcher | None = None,
           variant: str = PDF_VARIANT, **extra) -> bytes:
    """The PDF report of `view` (fonts embedded; dated by `document_date`, so the bytes are
    reproducible), tagged for screen readers unless `variant` is "none" (see PDF_VARIANTS).

    The grids that must fit their page (the canvas, each journey map) are sized by measuring their
    text; the laid-out pages are then checked, and a grid that still ran over is planned again with
    its text taken as taller.
    """
    document, options = layout(view, template_dir, fetcher=fetcher, variant=variant, **extra)
    return document.write_pdf(finisher=_show_title, **options)


def layout(view: View, template_dir: str | None = None, *, fetcher: AssetsOnlyFetcher | None = None,
           variant: str = PDF_VARIANT, **extra):
    """(the laid-out WeasyPrint document, the options to write it with): what `render` writes."""
    fetcher = fetcher or AssetsOnlyFetcher([assets_dir()])
    options = {"uncompressed_pdf": False, "pdf_identifier": PDF_ID}
    if variant != "none":
        options.update(pdf_variant=variant, pdf_tags=True)
    margins: dict[str, float] = {}
    html = document = None
    for _ in range(_ATTEMPTS):
        previous, html = html, to_html(view, embed_fonts=False, template_dir=template_dir,
                                       fixed_date=document_date(view), margins=margins, **extra)
        if html == previous:  # the plan did not change (a single entry taller than its page)
            break
        document = None  # the last try's layout goes before the next is made: one in memory at a time
        document = HTML(string=html, url_fetcher=fetcher, base_url=str(assets_dir()) + "/").render(
            font_config=_fonts(), **options)
        over = overflowing(document)
        if not over:
            break
        for key in over:
            margins[key] = 2 * margins.get(key, 0.0) + MARGIN_STEP
    return document, options


_ATTEMPTS = 5
MARGIN_STEP = 0.12  # a grid's text is taken as 12% taller after its page ran over, then 36%, 84%...


def overflowing(document) -> set[str]:
    """The grids (elements with data-fit="GROUP-N") that the layout spread over more than one page,
    as their GROUP."""
    seen: dict[str, set[int]] = {}
    for number, page in enumerate(document.pages):
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            element = getattr(box, "element", None)
            key = element.get("data-fit") if element is not None and box.element_tag != "html" else None
            if key:
                seen.setdefault(key, set()).add(number)
                continue  # what is inside a grid is not looked at
            if box.element_tag in ("p", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "dl", "ul"):
                continue
            stack.extend(child for child in getattr(box, "children", ()) if hasattr(child, "element_tag"))
    return {key.rsplit("-", 1)[0] for key, pages in seen.items() if len(pages) > 1}
