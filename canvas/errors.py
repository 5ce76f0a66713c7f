"""The one exception tree of canvas; only cli.py turns these into exit codes."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One user mistake at a place in a file (line and column are 1-based; 0 = unknown)."""

    file: str
    line: int
    column: int
    message: str
    place: str = ""  # a workbook cell instead of a line: 'Sheet!C7'

    @property
    def where(self) -> str:
        """Where in its file: 'Sheet!C7', 'LINE:COL', or '' (the file as a whole)."""
        return self.place or (f"{self.line}:{self.column}" if self.line else "")

    def __str__(self) -> str:
        return f"{self.file}:{self.where}: {self.message}" if self.where else f"{self.file}: {self.message}"


class CanvasError(Exception):
    """Base of every error canvas raises on purpose."""


class InputError(CanvasError):
    """Raised when user input (a YAML model, an option, a path) is wrong.

    Carries every problem found, so the user can fix them all in one go.
    """

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, (Problem, str)):
            problems = [problems]
        self.problems = [p for p in problems]
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):  # keep the problems (not just their text) across processes
        return type(self), (self.problems,), self.__dict__


class RenderError(CanvasError):
    """Raised when an output (XLSX, HTML, PDF) cannot be produced from a valid model."""


class Key(str):
    """A message parameter that is itself a catalogue key, said in the message's language."""


class Said(ValueError):
    """A ValueError whose message is in the catalogue (data/messages.yaml): the loader says it in
    the user's language; str() is the English message."""

    def __init__(self, key: str, /, **params):
        from .messages import say

        self.key, self.params = key, params
        super().__init__(say(key, "en", **params))

    def say(self, lang: str) -> str:
        from .messages import say

        return say(self.key, lang, **self.params)
