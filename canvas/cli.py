"""The `canvas` command line: thin commands that parse options and call the library."""
from __future__ import annotations

import enum
import json
import os
import sys
import traceback
from pathlib import Path

import click

from . import __version__
from .render import PDF_VARIANT, PDF_VARIANTS

LANG_CHOICE = click.Choice(["fa", "en"])
QUIET_HELP = "Print only results and problems: no 'wrote' lines, no progress."


class Exit(enum.IntEnum):
    OK = 0
    INTERNAL = 1   # a bug in canvas
    INPUT = 2      # the user's input is wrong (same code Click uses for usage errors)
    WARNINGS = 3   # `check --strict` found warnings
    DIFFERENT = 1  # `diff --exit-code`: the models differ (as `git diff --exit-code`)


def _fail(error, file: str | None = None) -> None:
    """Print every problem of a CanvasError on stderr; errors without a position name the file."""
    from .errors import InputError

    problems = error.problems if isinstance(error, InputError) else [f"{file}: {error}" if file else error]
    for problem in problems:
        click.echo(str(problem), err=True)


def _quiet() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().obj and ctx.find_root().obj.get("quiet"))


def _tell(line: str) -> None:
    """A line about what was done ('wrote FILE', 'FILE: ok'): left out with --quiet."""
    if not _quiet():
        click.echo(line)


def _each(files, action) -> list:
    """Run `action` on every file, reporting canvas errors and going on; exit 2 if any failed.

    Returns what `action` returned for each file.
    """
    from .errors import CanvasError

    failed, results = 0, []
    for file in files:
        try:
            results.append(action(file))
        except CanvasError as e:
            _fail(e, file)
            failed += 1
    if failed:
        sys.exit(Exit.INPUT)
    return results


class _Group(click.Group):
    """Turns canvas errors into messages and exit codes; unexpected errors into a short report."""

    def invoke(self, ctx: click.Context):
        from .errors import CanvasError

        try:
            return super().invoke(ctx)
        except CanvasError as e:
            _fail(e)
            ctx.exit(Exit.INPUT)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt as e:  # Ctrl-C or SIGTERM: every worker stopped, no half-written file
            from .messages import choose, say

            click.echo("\n" + say("stopped", choose()), err=True)
            ctx.exit(getattr(e, "code", 130))
        except BrokenPipeError:  # `canvas check ... | head`: the reader left; stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(141)  # what a shell reports for SIGPIPE
        except Exception as e:  # a bug: say so briefly; --debug shows the traceback
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            click.echo(f"internal error: {type(e).__name__}: {e}\n"
                       "This is a bug in canvas; please report it (run with --debug for details).", err=True)
            ctx.exit(Exit.INTERNAL)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="canvas")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.option("--color/--no-color", default=None,
              help="Colour the messages (default: on a terminal, unless NO_COLOR is set).")
@click.option("-q", "--quiet", is_flag=True, help=QUIET_HELP)
@click.pass_context
def cli(ctx: click.Context, debug: bool, color: bool | None, quiet: bool) -> None:
    """Turn a YAML business model into an Excel workbook and a PDF/HTML report."""
    ctx.obj = {"debug": debug, "quiet": quiet}
    ctx.color = False if color is None and os.environ.get("NO_COLOR") else color  # https://no-color.org
    if debug:
        os.environ["CANVAS_DEBUG"] = "1"  # worker processes of batch runs print tracebacks too


def _set_quiet(ctx: click.Context, _param, value: bool) -> bool:
    if value:
        ctx.find_root().obj["quiet"] = True
    return value


QUIET = click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=_set_quiet, help=QUIET_HELP)
FORCE = click.option("--force", is_flag=True,
                     help="Replace output files that canvas did not write, or that were changed since.")


@cli.command()
@click.argument("path", type=click.Path(), default=".")
@click.option("--lang", type=LANG_CHOICE, default="fa", show_default=True, help="Language of the starter model.")
@click.option("--example", metavar="NAME", help="Start from a shipped sample instead (e.g. bank-fa).")
@click.option("--force", is_flag=True, help="Overwrite existing files.")
@QUIET
def init(path: str, lang: str, example: str | None, force: bool) -> None:
    """Write a starter model and the JSON Schema beside it.

    PATH is a folder (gets model.yaml) or a .yaml file. Example: canvas init --lang en mymodel/
    """
    from .starter import init as do_init

    from .messages import for_file, say

    # the starter's language is the user's only if they chose it (its default is Persian)
    chosen = lang if click.get_current_context().get_parameter_source("lang").name == "COMMANDLINE" else None
    written = do_init(path, lang=lang, example=example, force=force, messages_lang=chosen)
    said = for_file(written[0], lang if example is None else None)  # the model's language, for each line
    for path_written in written:
        _tell(say("wrote", said, path=path_written))


MESSAGES_LANG = click.option("--lang", type=LANG_CHOICE, default=None,
                             help="Language of the messages (default: the model's own).")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@MESSAGES_LANG
@QUIET
def validate(files: tuple[str, ...], lang: str | None) -> None:
    """Check YAML models and report every problem as FILE:LINE:COL: message.

    Example: canvas validate samples/bank-fa.yaml
    """
    from .loader import load
    from .messages import say

    def check(file: str) -> None:
        model = load(file, lang=lang)
        _tell(say("ok", lang or model.meta.language, file=file))

    _each(files, check)


_SEVERITY_COLOURS = {"warning": "yellow", "info": "cyan"}


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Exit with code 3 if there is any warning (for CI and grading).")
@click.option("--lang", type=LANG_CHOICE, default=None,
              help="Language of the messages; also warn about text not translated into it.")
@click.option("--notes", is_flag=True, help="List every note, not just their count.")
@click.option("--ignore", "ignore", multiple=True, metavar="CODE",
              help="Leave out a check (e.g. --ignore C501); repeat for several. See README, Checks.")
def check(files: tuple[str, ...], fmt: str, strict: bool, lang: str | None, notes: bool,
          ignore: tuple[str, ...]) -> None:
    """Point out weaknesses across blocks, with a completeness score per block.

    Example: canvas check samples/bank-fa.yaml --strict
    """
    from .checks import dumps, run
    from .loader import load

    def check_one(file: str):
        model = load(file, lang=lang)
        report = run(model, lang=lang, name=file, ignore=ignore)
        if fmt == "text":
            _print_report(report, lang or model.meta.language, notes)
        return report, lang or model.meta.language

    reports = _each(files, check_one)
    if fmt == "json":
        click.echo(dumps(reports))
    reports = [report for report, _ in reports]
    if strict and any(r.count("warning") for r in reports):
        sys.exit(Exit.WARNINGS)


def _print_report(report, lang: str, notes: bool) -> None:
    """Warnings one per line; notes too with --notes, else one line per code with an example;
    then completeness and the counts, all in `lang`."""
    from collections import Counter

    from .messages import percent, say
    from .view import labels

    hidden: Counter = Counter()
    first = {}
    for f in report.findings:
        if f.severity == "info" and not notes:
            hidden[f.code] += 1
            first.setdefault(f.code, f)
            continue
        where = f"{report.name}:{f.line}:{f.column}" if f.line else report.name
        kind = click.style(f"{say('severity_' + f.severity, lang)} {f.code}", fg=_SEVERITY_COLOURS[f.severity])
        click.echo(f"{where}: {kind} {f.message(lang)} — {f.hint(lang)}")
    for code, n in hidden.items():
        example = first[code]
        where = f"{report.name}:{example.line}:{example.column}" if example.line else report.name
        if n == 1:
            click.echo(f"{where}: {click.style(say('severity_info', lang) + ' ' + code, fg='cyan')} "
                       f"{example.message(lang)} — {example.hint(lang)}")
        else:
            click.echo(f"{where}: {click.style(say('notes_like', lang, n=n, code=code, message=''), fg='cyan')}"
                       f"{example.message(lang)}")
    scores = [f"{labels()[block][lang]} {percent(score, lang)}" for block, score in report.completeness.items()]
    click.echo(say("completeness", lang, file=report.name, overall=percent(report.overall, lang), scores=scores))
    click.echo(say("counts_hidden" if any(n > 1 for n in hidden.values()) else "counts", lang, file=report.name,
                   warnings=report.count("warning"), notes=report.count("info")))


@cli.command()
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Also write the changes as a deliverable: FILE.xlsx, FILE.pdf or FILE.html.")
@click.option("--lang", type=LANG_CHOICE, default=None, help="Language of the report (default: NEW's).")
@click.option("--exit-code", is_flag=True, help="Exit with 1 if the models differ, 0 if not (as git diff does).")
@FORCE
@QUIET
def diff(old: str, new: str, output: str | None, lang: str | None, exit_code: bool, force: bool) -> None:
    """Show what changed from OLD to NEW (two versions or an as-is and a to-be scenario).

    Example: canvas diff as-is.yaml to-be.yaml -o changes.pdf
    """
    from .differ import diff_files

    from .messages import for_file, say

    text, written, changed = diff_files(old, new, output=output, lang=lang, force=force)
    click.echo(text)
    if written:
        _tell(say("wrote", for_file(new, lang), path=written))
    if exit_code and changed:
        sys.exit(Exit.DIFFERENT)


def _output_options(command):
    """The options of what a build writes, shared by `build` and `watch`."""
    options = [
        click.option("-o", "--output", "out_dir", default="out", show_default=True,
                     type=click.Path(file_okay=False), help="Folder for the outputs."),
        click.option("--xlsx/--no-xlsx", default=True, help="Write the Excel workbook."),
        click.option("--pdf/--no-pdf", default=True, help="Write the PDF report."),
        click.option("--html/--no-html", default=True, help="Write the HTML report."),
        click.option("--pptx/--no-pptx", default=False, help="Write an editable PowerPoint deck (16:9), NAME.pptx."),
        click.option("--png/--no-png", default=False,
                     help="Write pictures of the canvas, each persona and each journey map (NAME.canvas.png...), "
                          "200 dpi."),
        click.option("--pptx-template", type=click.Path(dir_okay=False), default=None,
                     help="A PowerPoint file (.pptx) whose masters and layouts the deck uses (see README, The deck)."),
        click.option("--lang", type=click.Choice(["fa", "en", "all"]), default=None,
                     help="Output language; 'all' writes both. Default: the model's meta.language."),
        TEMPLATES, BRAND, PAPER,
        click.option("--health/--no-health", default=None,
                     help="End the report with the Model health section (default: yes, or the brand's 'health')."),
        click.option("--pdf-variant", type=click.Choice(PDF_VARIANTS), default=PDF_VARIANT, show_default=True,
                     help="PDF standard: tagged for screen readers (pdf/ua-1), PDF/A for archives (e.g. pdf/a-3b), "
                          "or none (untagged)."),
        click.option("-j", "--jobs", type=click.IntRange(1), default=None,
                     help="Processes to use (default: all cores); one file renders its PDF beside the rest."),
        FORCE, QUIET]
    for option in reversed(options):
        command = option(command)
    return command


TEMPLATES = click.option("--templates", "template_dir", type=click.Path(exists=True, file_okay=False),
                         help="Folder of templates that override the shipped ones by name.")
BRAND = click.option("--brand", "brand_file", type=click.Path(dir_okay=False),
                     help="Brand file (YAML: logo, primary, accent, footer, health); overrides the model's brand block.")
PAPER = click.option("--paper", type=click.Choice(["a4", "a3"]), default="a4", show_default=True,
                     help="Paper of the wide pages: the canvas and the journey maps.")


def _formats(spoken: str, xlsx, pdf, html, pptx, png, pptx_template) -> list[str]:
    """The formats a build writes, from its flags (and what the flags may not be combined with)."""
    from .messages import say

    if pptx_template and not pptx:
        raise click.UsageError(say("template_needs_pptx", spoken))
    if pptx and click.get_current_context().get_parameter_source("paper").name == "COMMANDLINE":
        click.echo(say("paper_ignored_pptx", spoken), err=True)
    return [name for name, wanted in (("xlsx", xlsx), ("pdf", pdf), ("html", html), ("pptx", pptx),
                                      ("png", png)) if wanted]


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@_output_options
def build(files, out_dir, xlsx, pdf, html, pptx, png, pptx_template, lang, template_dir, brand_file, paper, health,
          pdf_variant, jobs, force) -> None:
    """Build the workbook and the report of each model (files or folders of .yaml, in parallel).

    Example: canvas build samples/bank-fa.yaml -o out/ --brand client.yaml --paper a3 --pptx --png
    """
    from functools import partial

    from .tasks import build_file, build_target

    if out_dir == "-":
        raise click.UsageError("-o is the folder for a build's several files; - (stdout) cannot hold them")
    from .messages import for_file

    formats = _formats(for_file(files[0]), xlsx, pdf, html, pptx, png, pptx_template)  # in the (first) model's language
    _batch(files, (".yaml", ".yml"), partial(build_file, out_dir=out_dir, formats=formats, lang=lang,
                                              template_dir=template_dir, brand=brand_file, paper=paper,
                                              health=health, jobs=jobs, force=force,
                                              pdf_variant=pdf_variant, pptx_template=pptx_template), jobs,
           target=partial(build_target, out_dir=out_dir, lang=lang))



@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--host", default=None,
              help="Address to listen on (default: 127.0.0.1, this computer only). Another address lets other "
                   "computers read the report: canvas warns.")
@click.option("--lang", type=LANG_CHOICE, default=None, help="Language of the report (default: the model's own).")
@BRAND
@TEMPLATES
@PAPER
def serve(file, port, host, lang, brand_file, template_dir, paper) -> None:
    """Show the HTML report in your browser, updated on every save of the YAML.

    The tab reloads by itself; a mistake shows in the page, located, above the last good report.
    Links download the PDF, workbook and deck. Example: canvas serve samples/bank-fa.yaml --port 8000
    """
    from pathlib import Path

    from .live import Preview
    from .messages import for_file, say
    from .serve import is_loopback, serve as run

    spoken = for_file(file)
    if host is not None and not is_loopback(host.strip("[]")):
        click.echo(say("serve_exposed", spoken, host=host, port=str(port)), err=True)
    preview = Preview(Path(file), lang=lang, brand=Path(brand_file) if brand_file else None,
                      template_dir=template_dir, paper=paper)
    try:
        run(preview, host or "127.0.0.1", port, explicit_host=host is not None,
            ready=lambda url: click.echo(say("serving", spoken, file=file, url=url)))
    except KeyboardInterrupt:  # Ctrl-C is how a server is stopped: no error
        click.echo(say("serve_stopped", spoken), err=True)
    except OSError as e:  # the port is taken, or the address is not this computer's
        raise click.exceptions.Exit(_listen_failed(spoken, host or "127.0.0.1", port, e))


def _listen_failed(spoken: str, host: str, port: int, error: OSError) -> int:
    from .messages import say

    click.echo(say("serve_port_busy", spoken, host=host, port=str(port), reason=error.strerror or error), err=True)
    return Exit.INPUT


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@_output_options
def watch(files, out_dir, xlsx, pdf, html, pptx, png, pptx_template, lang, template_dir, brand_file, paper, health,
          pdf_variant, jobs, force) -> None:
    """Build the outputs now and again on every save (for a viewer you keep open).

    Takes the options of `build`. A mistake is printed and the last good outputs stay as they are.
    Example: canvas watch samples/bank-fa.yaml -o out/ --no-xlsx
    """
    from .messages import for_file, say
    from .rebuild import follow

    spoken = for_file(files[0])
    formats = _formats(spoken, xlsx, pdf, html, pptx, png, pptx_template)
    try:
        follow(files, out_dir=out_dir, formats=formats, lang=lang, template_dir=template_dir, brand=brand_file,
               paper=paper, health=health, jobs=jobs, force=force, pdf_variant=pdf_variant,
               pptx_template=pptx_template, tell=_tell, fail=_fail,
               started=lambda: _tell(say("watching", spoken, files=list(files))))
    except KeyboardInterrupt:
        click.echo(say("stopped", spoken), err=True)


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="worksheet.xlsx",
              show_default=True, help="The workbook to write; - writes it to stdout.")
@click.option("--lang", type=LANG_CHOICE, default="fa", show_default=True, help="Language of the worksheet.")
@click.option("--segments", type=click.IntRange(1, 50), default=3, show_default=True, help="Segment rows with ids.")
@click.option("--personas", type=click.IntRange(0, 30), default=3, show_default=True,
              help="Persona sheets, each with its journey map.")
@click.option("--stages", help="Journey stages, comma-separated ids (default: all six).")
@FORCE
@QUIET
def blank(output, lang, segments, personas, stages, force) -> None:
    """Write a fillable worksheet for students: dropdowns, input cells, locked headers.

    Example: canvas blank --lang fa --personas 2 -o worksheet.xlsx
    """
    from .blank import blank_workbook
    from .messages import say

    stage_ids = [s.strip() for s in stages.split(",") if s.strip()] if stages else None
    _writable(output, force, lang)
    if _emit(output, blank_workbook(lang, segments=segments, personas=personas, stages=stage_ids), force, lang):
        _tell(say("wrote", lang, path=output))


@cli.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("-o", "--output", type=click.Path(allow_dash=True),
              help="The YAML file to write (one workbook; - for stdout), or a folder (several). "
                   "Default: beside each workbook; stdout for a workbook read from stdin (-).")
@click.option("--into", type=click.Path(dir_okay=False),
              help="Merge into this YAML: the workbook's language is updated, the other language kept.")
@click.option("--force", is_flag=True, help="Overwrite existing YAML files.")
@click.option("-j", "--jobs", type=click.IntRange(1), default=None, help="Parallel workers (default: all cores).")
@QUIET
def import_(files, output, into, force, jobs) -> None:
    """Read filled worksheets or built workbooks back into YAML models.

    Example: canvas import class/ -o models/
    """
    from contextlib import nullcontext
    from functools import partial

    from .batch import expand
    from .messages import choose, say
    from .tasks import import_file, import_target, import_to_text, stdin_workbook

    many = len(expand(files, WORKBOOKS)) > 1
    if into and many:
        raise click.UsageError("--into works with one workbook at a time")
    if "-" in files or output == "-":  # one workbook, from stdin or a file, its YAML to stdout or a file
        if many:
            raise click.UsageError("- (stdin) and -o - (stdout) work with one workbook at a time")
        target = Path(output) if output not in (None, "-") else None  # from stdin into a file
        if target is not None:
            _writable(str(target), force, choose())
        with stdin_workbook() if files == ("-",) else nullcontext(files[0]) as workbook:
            imported = import_to_text(workbook, into=into, shown="-" if files == ("-",) else None, target=target)
        for warning in imported.warnings:
            click.echo(str(warning), err=True)
        if target is None:
            sys.stdout.write(imported.text.decode("utf-8"))
        elif _emit(str(target), imported.text, force, imported.language):
            _tell(say("wrote", imported.language, path=target))
        return
    # a folder unless it names a YAML file: `-o models/` (or `models`) for one workbook is a folder too
    folder = output and (many or Path(output).is_dir() or any(Path(f).is_dir() for f in files)
                         or not output.lower().endswith((".yaml", ".yml")))
    where = {"out_dir": output} if folder else {"output": output}
    _batch(files, WORKBOOKS, partial(import_file, into=into, force=force, **where), jobs,
           target=partial(import_target, **where))


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="class.xlsx",
              show_default=True, help="The workbook to write; - writes it to stdout.")
@click.option("--built", type=click.Path(exists=True, file_okay=False),
              help="Folder of the built workbooks to link to.")
@click.option("--lang", type=LANG_CHOICE, default="en", show_default=True, help="Language of the summary.")
@click.option("--rubric", type=click.Path(dir_okay=False), help="Score each student with this rubric (see README).")
@click.option("--similar", type=click.FloatRange(0, 100, min_open=True), default=0.5, show_default=True,
              callback=lambda _ctx, _param, value: value / 100 if value > 1 else value,
              help="Flag pairs of files sharing at least this share of their text: 0.5 or 50 (see README).")
@click.option("-j", "--jobs", type=click.IntRange(1), default=None, help="Parallel workers (default: all cores).")
@FORCE
@QUIET
def summary(files, output, built, lang, rubric, similar, jobs, force) -> None:
    """One sheet for a teacher: a row per file handed in (workbook or YAML) with its status,
    score, completeness per block, warnings, similar submissions, problems and a link to the
    built workbook.

    Example: canvas summary class/ --rubric rubric.yaml --built built/ -o class.xlsx
    """
    from functools import partial

    from .batch import find, run
    from .messages import percent, say
    from .rubric import load_rubric
    from .summary import counts, hand_ins, new_row, similar_pairs, summarize_file, workbook

    grading = load_rubric(rubric, lang) if rubric else None
    found = find(files, (".yaml", ".yml") + WORKBOOKS, skip=[built] if built else [])
    if grading is None:
        from .rubric import is_rubric

        for path in found.files:  # a rubric beside the hand-ins, not asked for: no scores, said so
            if path.lower().endswith((".yaml", ".yml")) and is_rubric(path):
                click.echo(say("rubric_not_used", lang, path=path), err=True)
    # every file handed in has a row: a .pdf or a photo of a notebook is 'unreadable', not missing
    paths = hand_ins(found, skip=[rubric])
    _writable(output, force, lang, inputs=paths)  # a hand-in is never replaced by the summary
    with _progress(len(paths)) as bar:
        outcomes = run(partial(summarize_file, built_dir=built, under=found.under, rubric=grading, lang=lang), paths,
                       jobs=jobs, progress=bar.update)
    rows = [json.loads(o.lines[0]) if o.lines else new_row(o.file, found.under, o.errors)  # failed: still a row
            for o in outcomes]
    for o in outcomes:
        for error in o.errors:  # internal errors only; input errors are rows of the summary
            click.echo(error, err=True)
    bad = sum(1 for r in rows if r["errors"])
    pairs = similar_pairs(rows, similar)
    if _emit(output, workbook(rows, Path(output), lang, rubric=grading, similar=pairs, threshold=similar), force, lang):
        _tell(say("wrote", lang, path=output))
    click.echo(counts(rows, lang), err=output == "-")  # the result, on stdout unless the workbook is there
    for a, b, share in pairs:
        click.echo(say("similar_pair", lang, a=a, b=b, share=percent(share, lang)), err=output == "-")
    if any(o.internal for o in outcomes):  # a bug in canvas: said above, and in the exit code
        sys.exit(Exit.INTERNAL)
    if bad:  # as every batch: the summary is written, and the exit code says a file failed
        sys.exit(Exit.INPUT)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", "out_dir", default="feedback", show_default=True, type=click.Path(file_okay=False),
              help="Folder for the feedback workbooks (NAME.feedback.xlsx).")
@click.option("--rubric", type=click.Path(dir_okay=False), help="Give each student's score with this rubric.")
@click.option("-j", "--jobs", type=click.IntRange(1), default=None, help="Parallel workers (default: all cores).")
@FORCE
@QUIET
def feedback(files, out_dir, rubric, jobs, force) -> None:
    """Each student's workbook back with a comment on every cell to fix and a Feedback sheet
    (score, status, each problem and what to do), in the student's language.

    Example: canvas feedback class/ --rubric rubric.yaml -o feedback/
    """
    from functools import partial

    from .feedback import feedback_file, target
    from .rubric import load_rubric

    grading = load_rubric(rubric) if rubric else None
    _batch(files, (".yaml", ".yml") + WORKBOOKS, partial(feedback_file, out_dir=out_dir, rubric=grading, force=force),
           jobs, target=partial(target, out_dir=out_dir), hand_ins=True, skip=[rubric, out_dir])


WORKBOOKS = (".xlsx", ".xlsm", ".ods")
# Files a student may hand in that canvas cannot read: named when a folder holds them.
SPREADSHEET_LIKE = {".xls", ".xlsb", ".xltx", ".xltm", ".numbers", ".csv", ".tsv", ".fods", ".ots", ".gnumeric",
                    ".et", ".wps"}


def _spreadsheet_like(path: str) -> bool:
    return Path(path).suffix.lower() in SPREADSHEET_LIKE


def _writable(output: str, force: bool, lang: str, inputs=()) -> None:
    """Stop before the work if `output` may not be written (output.check); '-' is stdout, which
    must not be a terminal for a workbook."""
    from .errors import InputError, Problem
    from .messages import say
    from .output import check

    if output == "-":
        if sys.stdout.isatty():
            raise InputError(Problem("-", 0, 0, say("binary_to_terminal", lang)))
        return
    check([Path(output)], force=force, lang=lang, inputs=inputs)


def _emit(output: str, data: bytes, force: bool, lang: str) -> bool:
    """Write `data` to the file `output`, or to stdout for '-'; True if it wrote a file."""
    from .output import write_all

    if output == "-":
        sys.stdout.flush()
        click.get_binary_stream("stdout").write(data)
        return False
    write_all({Path(output): data}, force=force, lang=lang)
    return True


def _progress(n: int):
    """A progress bar on stderr (hidden with --quiet; on a pipe only its label, once)."""
    return click.progressbar(length=n, label=f"{n} files", file=sys.stderr, hidden=_quiet())


def _batch(files, suffixes, task, jobs, target=None, *, hand_ins: bool = False, skip=()) -> None:
    """Run `task` over files (folders expanded) in parallel, with a progress bar for several;
    print what each wrote, then every failure; exit 2 if any file failed (1 if canvas broke).
    Folders are searched with their folders (batch.find); a workbook-like file a folder holds but
    canvas cannot read is named, not skipped silently; with `hand_ins`, every file a student
    handed in is a task's (summary.hand_ins), but for the files and folders `skip` names.
    Files whose outputs (`target`) would overwrite each other fail, both of them."""
    from functools import partial

    from .batch import Outcome, clashes, find, run
    from .messages import for_file, say

    found = find(files, suffixes, skip=[p for p in skip if p and Path(p).is_dir()])
    paths = found.files
    if hand_ins:
        from .summary import hand_ins as handed_in

        paths, found.skipped = handed_in(found, skip), []
    if found.under:  # files of folders: their outputs keep the sub-folder they were found in
        task = partial(task, under=found.under)
        target = partial(target, under=found.under) if target is not None else None
    lang = for_file(paths[0]) if paths else for_file("")
    clashing = clashes(paths, target, lang) if target is not None else {}
    if suffixes == WORKBOOKS:  # a hand-in import cannot read is named (the summary gives it a row)
        from .summary import teachers

        for path in found.skipped:
            if _spreadsheet_like(path):
                click.echo(say("skipped_sheet", lang, path=path), err=True)
            elif not path.lower().endswith((".yaml", ".yml")) and not teachers(path):
                click.echo(say("skipped_file", lang, path=path), err=True)
    if not paths:
        raise click.UsageError(f"no {'/'.join(suffixes)} files in {', '.join(files)}")
    todo = [p for p in paths if p not in clashing]
    if len(todo) > 1:
        with _progress(len(todo)) as bar:
            done = run(task, todo, jobs=jobs, progress=bar.update)
    else:
        done = run(task, todo, jobs=1)
    by_file = dict(zip(todo, done))
    outcomes = [by_file.get(p) or Outcome(p, errors=[clashing[p]]) for p in paths]
    for outcome in outcomes:
        for line in outcome.lines:
            _tell(line)
    for outcome in outcomes:
        for warning in outcome.warnings:
            click.echo(warning, err=True)
    failed = [o for o in outcomes if o.errors]
    if failed and len(paths) > 1:
        click.echo(say("files_failed", lang, n=len(failed), total=len(paths)), err=True)
    for outcome in failed:
        for error in outcome.errors:
            click.echo(error, err=True)
    if failed:
        sys.exit(Exit.INTERNAL if any(o.internal for o in failed) else Exit.INPUT)


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Write to a file instead of stdout.")
@FORCE
def schema(output: str, force: bool) -> None:
    """Print the JSON Schema of the YAML format (for editors such as VS Code YAML).

    Example: canvas schema -o canvas.schema.json
    """
    from .messages import choose
    from .output import write_all
    from .schema import schema_text

    text = schema_text()
    if output == "-":
        click.echo(text, nl=False)
    else:
        write_all({Path(output): text.encode("utf-8")}, force=force, lang=choose())


@cli.command()
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str) -> None:
    """Print the shell completion script.

    Example: eval "$(canvas completion bash)"
    """
    from click.shell_completion import get_completion_class

    complete = get_completion_class(shell)(cli, {}, "canvas", "_CANVAS_COMPLETE")
    click.echo(complete.source())


def main() -> None:
    from .stopping import install

    install()  # SIGINT and SIGTERM: see stopping.py
    cli(prog_name="canvas")
