"""Many files at once: expand folders, run in parallel on every core, report every failure."""
from __future__ import annotations

import os
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from . import aside


def expand(paths: Iterable[str], suffixes: tuple[str, ...]) -> list[str]:
    """Files as given; a folder stands for its files with one of `suffixes` (sorted, not hidden)."""
    return expand_all(paths, suffixes)[0]


def expand_all(paths: Iterable[str], suffixes: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """(files to work on, files of the given folders that were skipped for their kind)."""
    out, skipped = [], []
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            for f in sorted(path.iterdir()):
                if f.name.startswith((".", "~$")):
                    continue
                if f.is_dir():  # a folder inside: named if it holds such files, never read
                    if any(g.suffix.lower() in suffixes for g in f.rglob("*") if g.is_file()):
                        skipped.append(str(f))
                    continue
                (out if f.suffix.lower() in suffixes else skipped).append(str(f))
        else:
            out.append(p)
    return out, skipped


def clashes(files: list[str], target: Callable[[str], Path]) -> dict[str, str]:
    """{file: message} for files whose outputs would land on another file's (a/model.yaml and
    b/model.yaml built into one folder; ali.xlsx and ali.ods imported into one)."""
    by_target: dict[Path, list[str]] = {}
    for f in files:
        by_target.setdefault(target(f).resolve(), []).append(f)
    out = {}
    for path, group in by_target.items():
        if len(group) > 1:
            for f in group:
                others = ", ".join(g for g in group if g != f)
                out[f] = (f"{f}: its output {path.name} would also be written for {others}; rename one of them "
                          "or give them separate output folders (nothing was written for either)")
    return out


@dataclass
class Outcome:
    file: str
    lines: list[str] = field(default_factory=list)   # what it wrote / says
    errors: list[str] = field(default_factory=list)  # one message per problem
    warnings: list[str] = field(default_factory=list)  # things done, but worth a look
    internal: bool = False


def _run(task: Callable[[str], list[str]], file: str) -> Outcome:
    """Run `task` on `file` and turn every error into messages (runs inside worker processes)."""
    from .errors import CanvasError, InputError

    try:
        result = task(file)
        lines, warnings = result if isinstance(result, tuple) else (result, [])
        return Outcome(file, lines=lines, warnings=warnings)
    except InputError as e:
        return Outcome(file, errors=[str(p) for p in e.problems])
    except CanvasError as e:
        return Outcome(file, errors=[f"{file}: {e}"])
    except Exception as e:  # a bug: keep going with the other files, say how to report it
        detail = traceback.format_exc() if os.environ.get("CANVAS_DEBUG") else ""
        return Outcome(file, errors=[f"{file}: internal error: {type(e).__name__}: {e} (please report it; "
                                     f"--debug shows the traceback){detail}"], internal=True)


def run(task: Callable[[str], list[str]], files: list[str], *, jobs: int | None = None,
        progress: Callable[[int], None] | None = None) -> list[Outcome]:
    """`task` on every file, in parallel when there are several; outcomes in the files' order."""
    jobs = jobs or os.cpu_count() or 1
    if len(files) == 1 or jobs == 1 or "-" in files:
        outcomes = []
        for f in files:
            outcomes.append(_run(task, f))
            if progress:
                progress(1)
        return outcomes
    results: dict[str, Outcome] = {}
    with ProcessPoolExecutor(max_workers=min(jobs, len(files)), initializer=aside.disable) as pool:
        futures = {pool.submit(_run, task, f): i for i, f in enumerate(files)}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            if progress:
                progress(1)
    return [results[i] for i in range(len(files))]
