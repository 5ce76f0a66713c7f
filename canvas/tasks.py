"""One file's work for batch runs (top-level functions, so worker processes can receive them)."""
from __future__ import annotations

from pathlib import Path

from .errors import InputError, Problem


def build_file(file: str, out_dir: str, **options) -> list[str]:
    from .builder import build
    from .messages import for_file, say

    lang = for_file(file)
    return [say("wrote", lang, path=p) for p in build(file, out_dir, **options)]


def import_target(file: str, output: str | None = None, out_dir: str | None = None) -> Path:
    """Where importing `file` writes its YAML."""
    source = Path(file)
    return Path(output) if output else (Path(out_dir) if out_dir else source.parent) / (source.stem + ".yaml")


def build_target(file: str, out_dir: str, **_options) -> Path:
    """What a build's outputs are named after: DIR/STEM (.xlsx, .pdf...)."""
    return Path(out_dir) / ("canvas" if file == "-" else Path(file).stem)


def import_file(file: str, output: str | None = None, out_dir: str | None = None,
                into: str | None = None, force: bool = False) -> tuple[list[str], list[str]]:
    """FILE.xlsx -> YAML at `output`, or DIR/FILE.yaml, or FILE.yaml beside the workbook.
    Returns what it wrote and the warnings about cells it did not import."""
    from .messages import choose, say
    from .workbook import import_workbook
    from .output import write_all

    source = Path(file)
    target = import_target(file, output, out_dir)
    lang = choose()  # the workbook is not read yet: --lang / CANVAS_LANG, else the locale
    if target.resolve() == source.resolve():
        raise InputError(Problem(str(target), 0, 0, say("import_onto_itself", lang)))
    if target.exists() and not force:  # the --into file too: its comments and layout would be lost
        raise InputError(Problem(str(target), 0, 0, say("import_exists", lang)))
    header = f"# Imported from {source.name} by canvas import; edit and run canvas build."
    imported = import_workbook(source, into=into, target=target, header=header)
    write_all({target: imported.text})
    return [say("wrote", imported.language, path=target)], [str(w) for w in imported.warnings]
