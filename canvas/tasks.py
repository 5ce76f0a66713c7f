"""One file's work for batch runs (top-level functions, so worker processes can receive them)."""
from __future__ import annotations

import io
import os
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from .errors import InputError, Problem


def _out(out_dir: str | Path, file: str, under: dict[str, str] | None) -> Path:
    """DIR, or DIR/a for a file found in the folder a of a folder given (batch.find)."""
    return Path(out_dir) / (under or {}).get(file, "")


def build_file(file: str, out_dir: str, under: dict[str, str] | None = None, **options) -> list[str]:
    from .builder import build
    from .messages import for_file, say

    lang = for_file(file)
    return [say("wrote", lang, path=p) for p in build(file, _out(out_dir, file, under), **options)]


def import_target(file: str, output: str | None = None, out_dir: str | None = None,
                  under: dict[str, str] | None = None) -> Path:
    """Where importing `file` writes its YAML."""
    source = Path(file)
    folder = _out(out_dir, file, under) if out_dir else source.parent
    return Path(output) if output else folder / (source.stem + ".yaml")


def build_target(file: str, out_dir: str, lang: str | None = None, under: dict[str, str] | None = None,
                 **_options) -> list[Path]:
    """What a build's outputs are named after: DIR/STEM (.xlsx, .pdf...), DIR/STEM.fa and
    DIR/STEM.en with --lang all, DIR/STEM.en with --lang en on a model in another language."""
    from .messages import of_file
    from .vocab import LANGUAGES

    stem = _out(out_dir, file, under) / ("canvas" if file == "-" else Path(file).stem)
    if lang is None:
        return [stem]
    if lang not in LANGUAGES:
        return [stem.with_name(f"{stem.name}.{language}") for language in LANGUAGES]
    return [stem if of_file(file) == lang else stem.with_name(f"{stem.name}.{lang}")]


def import_file(file: str, output: str | None = None, out_dir: str | None = None,
                into: str | None = None, force: bool = False,
                under: dict[str, str] | None = None) -> tuple[list[str], list[str]]:
    """FILE.xlsx -> YAML at `output`, or DIR/FILE.yaml, or FILE.yaml beside the workbook.
    Returns what it wrote and the warnings about cells it did not import."""
    from .messages import choose, say
    from .output import write_all

    source = Path(file)
    target = import_target(file, output, out_dir, under)
    lang = choose()  # the workbook is not read yet: --lang / CANVAS_LANG, else the locale
    if target.resolve() == source.resolve():
        raise InputError(Problem(str(target), 0, 0, say("import_onto_itself", lang)))
    if os.path.lexists(target) and not force:  # the --into file too: its comments and layout would be lost
        raise InputError(Problem(str(target), 0, 0, say("import_exists", lang)))
    imported = import_to_text(file, into=into, target=target)
    write_all({target: imported.text}, force=force, lang=imported.language)
    return [say("wrote", imported.language, path=target)], [str(w) for w in imported.warnings]


def import_to_text(file: str, into: str | None = None, shown: str | None = None, target: Path | None = None):
    """The YAML of one workbook (its paths relative to `target`'s folder, default the current
    one), not written yet: import_file writes it; `import ... -o -` prints it. Messages name the
    workbook as `shown` ('-' for stdin)."""
    from .workbook import import_workbook

    source = Path(file)
    name = shown if shown is not None else source.name
    try:
        return import_workbook(source, into=into, target=target or Path.cwd() / (source.stem + ".yaml"),
                               header=f"# Imported from {name} by canvas import; edit and run canvas build.")
    except InputError as e:
        if shown is None:
            raise
        raise InputError([replace(p, file=shown) if p.file == file else p for p in e.problems]) from None


@contextmanager
def stdin_workbook():
    """A workbook read from stdin, as a temp file (.xlsx, or .ods when it says so), removed after."""
    import sys
    import tempfile
    import zipfile

    from .workbook.archive import MAX_UNZIPPED

    data = sys.stdin.buffer.read(MAX_UNZIPPED + 1)
    with tempfile.TemporaryDirectory(prefix="canvas-stdin-") as folder:
        suffix = ".xlsx"
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
                    suffix = ".ods"
        except (KeyError, zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
            pass
        path = Path(folder) / f"stdin{suffix}"
        path.write_bytes(data)
        yield str(path)
