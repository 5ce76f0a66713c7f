"""Noticing saves: the files a model is made from (its YAML, the brand file, the logo and photos, a
templates folder) watched through `watchfiles` (inotify on Linux, FSEvents on macOS, polling where
neither works), for `canvas serve` and `canvas watch`.

The folders holding the files are watched, not the files: an editor that saves by writing a new
file and renaming it over the old one (vim, many IDEs) replaces the file a watch was on. Events
for other files in those folders (editor swap files, the outputs) are filtered out, so they never
cause a render.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from . import stopping


@dataclass(frozen=True)
class Inputs:
    """What a render reads: single files, and folders every file of which counts (templates)."""

    files: frozenset[Path] = frozenset()
    folders: frozenset[Path] = frozenset()

    @staticmethod
    def of(files=(), folders=()) -> "Inputs":
        """Absolute paths, each as given and as resolved (a symbolic link and what it points to)."""
        def both(paths):
            out = set()
            for path in paths:
                path = Path(path).absolute()
                out.update({path, path.resolve()})
            return out

        every = set()
        for folder in folders:  # a templates folder and the folders in it
            root = Path(folder)
            every.add(root)
            every.update(p for p in root.rglob("*") if p.is_dir() and not p.name.startswith("."))
        return Inputs(frozenset(both(files)), frozenset(both(every)))

    def __or__(self, other: "Inputs") -> "Inputs":
        return Inputs(self.files | other.files, self.folders | other.folders)

    def dirs(self) -> frozenset[Path]:
        """The folders to watch (those that exist)."""
        return frozenset(p for p in {f.parent for f in self.files} | self.folders if p.is_dir())

    def holds(self, path: str | Path) -> bool:
        path = Path(path)
        return (path in self.files or (path.parent in self.folders and not path.name.startswith(".")))


@dataclass
class Watch:
    """Changes to the inputs that `inputs()` names (asked again after every change, since a model
    may name a new photo), from when it was made until `stop` is set.

    A change is a file whose size or modification time differs from what it was, that is gone,
    or that is new in a watched folder (a template added):
    the file events only wake the watch up, so a save between the first render and the start of
    the watching is still seen (at the first check, within CHECK_MS), and an event that changed
    nothing (a file touched by a backup program) renders nothing."""

    inputs: Callable[[], Inputs]
    stop: threading.Event = field(default_factory=threading.Event)
    step_ms: int = 30  # how long the folder must stay quiet before a change is reported

    CHECK_MS = 500  # the longest wait between two looks, whatever the events

    def __post_init__(self):
        self._seen = _stamps(self.inputs())

    def changes(self) -> Iterator[set[Path]]:
        import watchfiles

        while not self.stop.is_set():
            current = self.inputs()
            dirs = current.dirs()
            if not dirs:  # everything was deleted: look again shortly
                self.stop.wait(self.CHECK_MS / 1000)
                continue
            for _batch in watchfiles.watch(*sorted(dirs), watch_filter=lambda _change, path: current.holds(path),
                                           recursive=False, step=self.step_ms, stop_event=self.stop,
                                           raise_interrupt=True, rust_timeout=self.CHECK_MS,
                                           yield_on_timeout=True):
                if self.stop.is_set():
                    return
                latest = self.inputs()
                now = _stamps(latest)
                changed = {path for path, stamp in self._seen.items() if now.get(path) != stamp}
                changed |= {path for path in now.keys() - self._seen.keys() if path.parent in latest.folders}
                self._seen = now
                if changed:
                    yield changed
                if latest != current:  # a new photo or template folder: watch its folder too
                    break
            stopping.check()  # a signal whose exception the watcher swallowed


def _stamps(inputs: Inputs) -> dict[Path, tuple[int, int] | None]:
    """(size, modification time) of every input file (None: not there)."""
    paths = set(inputs.files)
    for folder in inputs.folders:
        try:
            paths.update(p for p in folder.iterdir() if not p.name.startswith("."))
        except OSError:
            pass
    stamps = {}
    for path in paths:
        try:
            info = path.stat()
            stamps[path] = (info.st_size, info.st_mtime_ns)
        except OSError:
            stamps[path] = None
    return stamps
