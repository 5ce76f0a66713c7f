"""Build: load a model and render it to XLSX, PDF and HTML files in one or both languages."""
from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Callable, Iterable

from . import aside
from .errors import InputError, Problem
from .brand import Look, resolve
from .checks import run as run_checks
from .loader import load, load_brand
from .model import BusinessModel
from .output import check, write_all
from .render import DEFAULT_FORMATS, FORMATS, PDF_VARIANT, PDF_VARIANTS, render, warm_up
from .view import View
from .vocab import LANGUAGES


def output_languages(model: BusinessModel, lang: str | None) -> list[str]:
    """'all' -> both languages; None -> the model's own language."""
    if lang == "all":
        return list(LANGUAGES)
    return [lang or model.meta.language]


PAPERS = ("a4", "a3")


def look_of(model: BusinessModel, brand_file: str | Path | None = None) -> Look:
    """Colours, logo and footer: defaults, then the model's brand block, then the brand file."""
    layers = [(model.brand, Path(model._base_dir or "."))]
    if brand_file is not None:
        layers.append(load_brand(brand_file))
    try:
        return resolve(*layers)
    except ValueError as e:  # the logo changed since it was checked
        raise InputError(Problem(str(brand_file or "brand"), 0, 0, str(e))) from None


def build(source: str | Path | BusinessModel, out_dir: str | Path = "out", *,
          formats: Iterable[str] = DEFAULT_FORMATS, lang: str | None = None,
          name: str | None = None, template_dir: str | Path | None = None,
          brand: str | Path | None = None, paper: str = "a4", jobs: int | None = None,
          health: bool | None = None, force: bool = False, pdf_variant: str = PDF_VARIANT,
          pptx_template: str | Path | None = None) -> list[Path]:
    """Render `source` (a YAML path or a loaded model) into `out_dir`; returns the files written.

    Files are named NAME.xlsx/.pdf/.html/.pptx (NAME.fa.xlsx... with lang='all' or a language other
    than the model's own), NAME defaulting to the YAML file's stem; 'png' writes NAME.canvas.png,
    NAME.persona-ID.png and NAME.journey-ID.png (render/png.py). `pptx_template` is a PowerPoint
    file whose masters and layouts the deck uses (deck/template.py). `brand` is a brand file (logo, colours, footer); `paper` the size of the
    wide pages (canvas and journeys); `health` whether the report ends with the Model health
    section (default: the brand's `health`, else yes; the workbook keeps its health sheet either
    way); `pdf_variant` one of PDF_VARIANTS (tagged PDF/UA-1 by default, PDF/A for archives,
    "none" for an untagged PDF); `jobs` the processes it may use (default: every core): with
    two or more, a forked worker renders the (first) PDF while this process renders the rest.
    Nothing is written unless every output rendered, and an existing file is replaced only if
    canvas wrote it and nobody changed it since, or with `force` (see output.py).
    """
    wanted = set(formats)
    if not wanted or wanted - set(FORMATS):
        raise InputError(f"choose formats among {', '.join(FORMATS)}")
    formats = [f for f in FORMATS if f in wanted]
    if lang not in (None, "all", *LANGUAGES):
        raise InputError(Problem("--lang", 0, 0, f"unknown language {lang!r}; use fa, en or all"))
    if pdf_variant not in PDF_VARIANTS:
        raise InputError(Problem("--pdf-variant", 0, 0, f"unknown PDF variant {pdf_variant!r}; use one of "
                                                        f"{', '.join(PDF_VARIANTS)}"))
    if paper not in PAPERS:
        raise InputError(Problem("--paper", 0, 0, f"unknown paper size {paper!r}; use a4 or a3"))
    # a worker gets WeasyPrint ready while the model loads, then renders the PDF beside the rest
    template = str(template_dir) if template_dir else None
    if template is not None:
        from .render.html import check_templates

        check_templates(template)
    if pptx_template is not None:
        from .deck.template import read_template
        from .messages import for_file

        read_template(pptx_template, for_file(source) if not isinstance(source, BusinessModel) else "en")
    worker = (aside.Worker(prepare=partial(warm_up, "pdf", template)) if "pdf" in formats and aside.cores(jobs) > 1
              else None)
    try:
        model = source if isinstance(source, BusinessModel) else load(source)
        if name is None:
            name = "canvas" if isinstance(source, BusinessModel) or str(source) == "-" else Path(source).stem
        look = look_of(model, brand)
        report = run_checks(model, name=name)
        languages = output_languages(model, lang)
        renders = {}
        pictures: dict[Path, Callable[[], dict[str, bytes]]] = {}
        targets = {(language, fmt): Path(out_dir) / f"{name}{_suffix(language, languages, model)}.{fmt}"
                   for language in languages for fmt in formats}
        shots = {}
        if "png" in formats:
            from .render.png import names

            shots = {(language, part): targets[language, "png"].with_suffix(f".{part}.png")
                     for language in languages for part in names(model)}
        inputs = [] if isinstance(source, BusinessModel) else [str(source)]
        check([path for (_, fmt), path in targets.items() if fmt != "png"] + list(shots.values()),
              force=force, lang=model.meta.language, inputs=inputs)  # before the work
        for language in languages:
            view = view_of(model, language, look=look, report=report, paper=paper, health=health)
            for fmt in formats:
                kwargs = render_options(fmt, template, pdf_variant, pptx_template)
                if fmt == "png":
                    pictures[targets[language, fmt]] = partial(render, fmt, view, **kwargs)
                else:
                    renders[targets[language, fmt]] = partial(render, fmt, view, **kwargs)
        files = _render_all(renders, worker)
        for target, job in pictures.items():  # NAME.png stands for NAME.PART.png; cut from the PDF if built
            pdf = files.get(target.with_suffix(".pdf"))
            if pdf is not None:
                from .render.png import from_pdf

                made = from_pdf(pdf, model)
            else:
                made = job()
            files.update({target.with_suffix(f".{part}.png"): data for part, data in made.items()})
        return write_all(files, force=force, lang=model.meta.language)
    finally:
        if worker is not None:
            worker.cancel()


def view_of(model: BusinessModel, language: str, *, look: Look, report, paper: str = "a4",
            health: bool | None = None) -> View:
    """What every renderer draws for `language`: `report` is the model's checks (checks.run),
    `health` whether the report ends with the Model health section (None: the brand's choice)."""
    return View(model, language, look=look, paper=paper, health=report,
                health_in_report=look.health if health is None else health)


def render_options(fmt: str, template_dir: str | None = None, pdf_variant: str = PDF_VARIANT,
                   pptx_template: str | Path | None = None) -> dict:
    """The keyword arguments of render(fmt, view, ...) for a build's options."""
    kwargs: dict = {"template_dir": template_dir} if template_dir and fmt in ("pdf", "html", "png") else {}
    if fmt == "pdf":
        kwargs["variant"] = pdf_variant
    if fmt == "pptx" and pptx_template is not None:
        kwargs["template"] = pptx_template
    return kwargs


def _suffix(language: str, languages: list[str], model: BusinessModel) -> str:
    """'.fa' in NAME.fa.pdf: another language than the model's own never takes the plain name
    (it would silently replace the model's own build in the same folder)."""
    return f".{language}" if len(languages) > 1 or language != model.meta.language else ""


def _render_all(renders: dict[Path, Callable[[], bytes]], worker: aside.Worker | None) -> dict[Path, bytes]:
    """Every render's bytes; the first PDF goes to the worker, the rest are rendered here."""
    pdf = next((path for path in renders if path.suffix == ".pdf"), None)
    sent = worker is not None and pdf is not None and worker.submit(renders[pdf])
    done = {path: job() for path, job in renders.items() if not (sent and path == pdf)}
    if sent:
        done[pdf] = worker.result()
    return {path: done[path] for path in renders}
