"""Many files at once: expand folders, run in parallel on every core, report every failure."""
from __future__ import annotations

import os
import signal
import traceback
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from . import aside, stopping


@dataclass
class Found:
    """What the files and folders given on a command line hold."""

    files: list[str] = field(default_factory=list)    # to work on, in order
    skipped: list[str] = field(default_factory=list)  # of another kind, found in the folders
    under: dict[str, str] = field(default_factory=dict)  # file -> its folder within the folder given


def find(paths: Iterable[str], suffixes: tuple[str, ...], skip: Iterable[str | Path] = ()) -> Found:
    """Files as given; a folder stands for every file with one of `suffixes` in it and in its
    folders (sorted, a folder's own files first; hidden files and folders left out; symbolic links
    to folders not followed), each remembered with its place below the folder given, so outputs
    can keep it (class/a/model.yaml and class/b/model.yaml -> out/a/model.*, out/b/model.*).
    Folders in `skip` (the built workbooks a summary links to) are not searched."""
    found, seen = Found(), set()
    skipped_folders = {os.path.realpath(folder) for folder in skip}

    def new(path: str) -> bool:  # a file given twice (class/ and class/a/x.yaml) is done once
        key = path if path == "-" else os.path.realpath(path)
        if key in seen:
            return False
        seen.add(key)
        return True

    for p in paths:
        root = Path(p)
        if p == "-" or not root.is_dir():
            if new(p):
                found.files.append(p)
            continue
        for folder, folders, names in os.walk(root):
            folders[:] = sorted(f for f in folders if not f.startswith(".")
                                and os.path.realpath(os.path.join(folder, f)) not in skipped_folders)
            place = os.path.relpath(folder, root)
            for name in sorted(names):
                if name.startswith((".", "~$")):
                    continue
                path = os.path.join(folder, name)
                if Path(name).suffix.lower() in suffixes:
                    if not new(path):
                        continue
                    found.files.append(path)
                    found.under[path] = "" if place == "." else place
                else:
                    found.skipped.append(path)
                    found.under[path] = "" if place == "." else place
    return found


def expand(paths: Iterable[str], suffixes: tuple[str, ...]) -> list[str]:
    """The files `find` finds."""
    return find(paths, suffixes).files


def clashes(files: list[str], target: Callable[[str], Path | list[Path]], lang: str = "en") -> dict[str, str]:
    """{file: message} for files whose outputs would land on another file's (a/model.yaml and
    b/model.yaml built into one folder; ali.xlsx and ali.ods imported into one; a/m.yaml with
    --lang all and b/m.fa.yaml)."""
    from .messages import say

    by_target: dict[Path, list[str]] = {}
    for f in files:
        named = target(f)
        for path in named if isinstance(named, list) else [named]:
            by_target.setdefault(path.resolve(), []).append(f)
    out = {}
    for path, group in by_target.items():
        if len(group) > 1:
            for f in group:
                others = [g for g in group if g != f]
                out[f] = f"{f}: " + say("output_clash", lang, name=path.name, others=others)
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

    global _busy
    _busy = True
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
    except KeyboardInterrupt as e:
        if _in_worker:  # cleaned up on the way here; the main process reports the stop
            stopping.leave(getattr(e, "code", 128 + signal.SIGINT))
        raise
    finally:
        _busy = False
        if _in_worker and stopping.requested:  # the task swallowed the signal's exception
            stopping.leave(128 + stopping.requested)


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
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(files)), initializer=_worker_start)
    try:
        futures = {pool.submit(_run, task, f): i for i, f in enumerate(files)}
        pending = set(futures)
        while pending:
            # short waits: a signal that the pool's thread receives is handled only when this
            # (the main) thread wakes up
            done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in done:
                results[futures[future]] = future.result()
                if progress:
                    progress(1)
    except BaseException as e:  # Ctrl-C, SIGTERM, a broken pool: the workers stop too, now
        stopped = _stop(pool)
        if isinstance(e, BrokenProcessPool) and (stopped or stopping.requested):  # a worker got it first
            raise stopping.Stopped(stopped or stopping.requested) from None
        raise
    pool.shutdown()
    return [results[i] for i in range(len(files))]


_in_worker = False  # this process is a batch worker
_busy = False       # ... and runs a task now


def _worker_start() -> None:
    """In each worker: no forked helpers of its own; SIGTERM and SIGINT unwind the task like
    Ctrl-C (output.write_all removes its temp files; a set being moved in is moved in whole),
    then the worker ends; an idle worker ends at once. WeasyPrint's font folder goes with it."""
    from multiprocessing.util import Finalize

    global _in_worker
    _in_worker = True
    aside.disable()
    stopping.install(_worker_signal)
    Finalize(None, stopping.release_fonts, exitpriority=10)  # a worker ends with os._exit: no atexit


def _worker_signal(signum, frame):
    if not _busy:
        stopping.leave(128 + signum)
    stopping.ask(signum)
    raise stopping.Stopped(signum)


def _stop(pool: ProcessPoolExecutor) -> int:
    """Cancel what has not started and end the workers that are running (they clean up first);
    returns the signal that had stopped a worker, if any (else 0)."""
    workers = list((getattr(pool, "_processes", None) or {}).values())  # public only from Python 3.14
    pool.shutdown(wait=False, cancel_futures=True)
    ended = {worker.pid for worker in workers if not worker.is_alive()}  # before we stop any
    for worker in workers:
        if worker.is_alive():
            worker.terminate()
    for worker in workers:
        worker.join(timeout=10)
        if worker.is_alive():
            worker.kill()
            worker.join()
    # a worker that got Ctrl-C (130) may have been ending while we looked; SIGTERM (143) counts
    # only from a worker that had ended before we sent ours
    signalled = [signal.SIGINT for w in workers if w.exitcode in (128 + signal.SIGINT, -signal.SIGINT)]
    signalled += [signal.SIGTERM for w in workers
                  if w.pid in ended and w.exitcode in (128 + signal.SIGTERM, -signal.SIGTERM)]
    return signalled[0] if signalled else 0
