"""`canvas diff`: load two models, compare them, optionally write the comparison as a file."""
from __future__ import annotations

from pathlib import Path

from .diff import as_text, compare, emotion_pairs
from .errors import InputError, Problem
from .loader import load
from .output import check, write_all
from .view import View

FORMATS = (".xlsx", ".pdf", ".html")


def diff_files(old: str | Path, new: str | Path, *, output: str | Path | None = None,
               lang: str | None = None, force: bool = False) -> tuple[str, Path | None, bool]:
    """(the changes as text, the file written or None, whether anything changed); `force`
    replaces an output file that canvas did not write."""
    from .messages import for_file, say

    said = for_file(str(new), lang)
    if output is not None and Path(output).suffix.lower() not in FORMATS:
        raise InputError(Problem(str(output), 0, 0, "write the changes to a .xlsx, .pdf or .html file"))
    if output is not None:
        check([Path(output)], force=force, lang=said)
    before, after = load(old), load(new)
    changes = compare(before, after, lang)
    text = as_text(changes) or say("no_changes", said)
    if output is None:
        return text, None, bool(changes)
    from .render.diff_report import render

    view = View(after, lang)
    data = render(Path(output).suffix.lower().lstrip("."), view, changes, emotion_pairs(before, after),
                  Path(old).name, Path(new).name)
    [written] = write_all({Path(output): data}, force=force, lang=said)
    return text, written, bool(changes)
