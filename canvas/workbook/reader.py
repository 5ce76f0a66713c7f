"""The state of one import: the workbook's cells, where each value came from, the problems and
warnings found (in the workbook's language), and which cells have been accounted for."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from openpyxl.utils import get_column_letter
from ruamel.yaml import YAML

from ..errors import Problem
from ..fields import persian_digits
from ..messages import SEPARATOR
from ..view import labels
from ..vocab import LANGUAGES, vocabularies
from .grid import Book, Cell, Sheet, blank
from .kinds import Computed, Kind, as_text, norm, plain

SETTINGS = "settings"  # role of the hidden sheet with what the visible ones do not show
FEEDBACK = "feedback"  # the role of the Feedback sheet canvas feedback adds
LISTS = "lists"        # role of the hidden sheet with the dropdown lists


@lru_cache(maxsize=None)
def messages() -> dict[str, dict[str, str]]:
    text = resources.files("canvas").joinpath("data/import_messages.yaml").read_text("utf-8")
    return YAML(typ="safe", pure=True).load(text)


def numbered(name: str, prefix: str) -> int | None:
    """N of a name PREFIX + N (canvas_persona_2, model_json_3), or None."""
    match = _NUMBERED.fullmatch(name[len(prefix):]) if name.startswith(prefix) else None
    return int(match.group()) if match else None


_NUMBERED = re.compile(r"[1-9][0-9]{0,5}")  # up to 999,999: more sheets or chunks than a workbook holds


@dataclass(frozen=True)
class At:
    """A cell of the workbook, as messages name it: Sheet!C7."""

    sheet: str
    row: int
    col: int

    def __str__(self) -> str:
        return f"{self.sheet}!{get_column_letter(self.col)}{self.row}"


@dataclass
class Reader:
    file: str
    book: Book
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    where: dict[tuple, str] = field(default_factory=dict)     # model path -> 'Sheet!C7'
    claimed: set[tuple[str, int, int]] = field(default_factory=set)
    refs: dict[str, Any] = field(default_factory=dict)  # collection -> refs.Names (name or id -> ids)
    names: dict[str, dict[str, str]] = field(default_factory=dict)      # collection -> id -> name read
    data: dict[str, Any] = field(default_factory=dict)                  # the model being read
    # collection -> name -> (id of the entry named so now, id of the one named so when built)
    renamed: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    # rows refused as a whole, (sheet, row), each with an error on the cell that decides it
    refused: set[tuple[str, int]] = field(default_factory=set)
    # columns not read, (sheet, column), each with a warning on its header naming how many cells
    unread_columns: set[tuple[str, int]] = field(default_factory=set)

    def __post_init__(self):
        self.roles: dict[str, Sheet] = {}
        self.setting_at: dict[str, At] = {}  # setting -> its cell on the hidden sheet
        self.settings = self._settings()
        self.json: dict[str, Any] = {}  # JSON settings as read and checked (sheets/settings.read)
        self.built: dict | None = None  # the model the workbook was built from (its hidden copy)
        self.lang = self._language()
        self.label_keys: dict[str, str] = {}
        for key, texts in labels().items():
            for lang in (self.lang, *LANGUAGES):
                if isinstance(texts.get(lang), str):
                    self.label_keys.setdefault(norm(texts[lang]), key)

    # --- messages -------------------------------------------------------------------------
    def say(self, key: str, **params: Any) -> str:
        text = messages()[key][self.lang]
        if self.lang == "fa":  # a minus sign keeps its side in right-to-left text with a mark (LRM)
            params = {k: ("\u200e" if v < 0 else "") + persian_digits(str(v))
                      if isinstance(v, (int, float)) and not isinstance(v, bool) else v for k, v in params.items()}
        return text.format(**params)

    def error(self, at: At | None, key: str, **params: Any) -> None:
        self.problems.append(Problem(self.file, 0, 0, self.say(key, **params), place=str(at) if at else ""))

    def warn(self, at: At | None, key: str, **params: Any) -> None:
        message = f"{self.say('warning')}: {self.say(key, **params)}"
        self.warnings.append(Problem(self.file, 0, 0, message, place=str(at) if at else ""))

    def label(self, key: str) -> str:
        return labels()[key][self.lang]

    def join(self, values) -> str:
        """Values in a line, with the workbook language's comma (for a message's choices)."""
        return ("، " if self.lang == "fa" else ", ").join(v for v in values if v)

    def key_of(self, value: Any) -> str | None:
        """The label key a cell's text stands for (in either language)."""
        text = as_text(value)
        return self.label_keys.get(norm(text)) if text else None

    # --- cells ----------------------------------------------------------------------------
    def claim(self, sheet: Sheet, row: int, col: int) -> Cell:
        self.claimed.add((sheet.title, row, col))
        return sheet.cell(row, col)

    def read(self, sheet: Sheet, row: int, col: int, kind: Kind, path: tuple | None = None) -> Any:
        """The value of one cell as `kind` reads it; `path` is where it goes in the model."""
        cell = self.claim(sheet, row, col)
        at = At(sheet.title, row, col)
        if path is not None:
            self.where[path] = str(at)
        if cell.formula and not isinstance(kind, Computed):
            self.error(at, "formula")
            return None
        if blank(cell):
            return kind.read(self, at, Cell())
        return kind.read(self, at, cell)

    # --- sheets ---------------------------------------------------------------------------
    def sheet(self, role: str, *titles: str) -> Sheet | None:
        """The sheet playing `role`: by its defined name (Excel and LibreOffice keep it when the
        sheet is renamed), else by its title in either language."""
        if role in self.roles:
            return self.roles[role]
        found = None
        target = self.book.names.get(f"canvas_{role}")
        if target is not None:
            found = self.book.sheet(target[0])
        if found is None:
            wanted = {norm(t)[:31] for t in titles}
            found = next((s for s in self.book.sheets if norm(s.title) in wanted), None)
        if found is not None:
            self.roles[role] = found
        return found

    def absent(self, title: str, block: str | tuple[str, ...]) -> None:
        """Say that a sheet is missing: an error if the model it was built from had entries there."""
        blocks = (block,) if isinstance(block, str) else block
        if any((self.built or {}).get(b) for b in blocks if b):
            self.error(None, "sheet_missing", sheet=self.label(title))
        else:
            self.warn(None, "sheet_absent", sheet=self.label(title))

    def anchor(self, role: str) -> tuple[int, int] | None:
        """(row, column) the role's defined name points at, if it still points into its sheet."""
        target = self.book.names.get(f"canvas_{role}")
        sheet = self.roles.get(role)
        if target is None or sheet is None or target[0] != sheet.title:
            return None
        return target[1], target[2]

    def numbered(self, role: str, prefix_key: str) -> list[Sheet]:
        """Sheets of a numbered role (persona_1, persona_2...), each once (two names pointing at one
        sheet do not make it two entries), else those titled 'Persona - ...'."""
        titles = dict.fromkeys(title for _, title in self._numbers(role))
        sheets = [s for title in titles if (s := self.book.sheet(title)) is not None]
        if not sheets:
            prefixes = tuple(norm(f"{labels()[prefix_key][lang]} -") for lang in LANGUAGES)
            sheets = [s for s in self.book.sheets if norm(s.title).startswith(prefixes)]
        return sheets

    def built_entry(self, sheet: Sheet, role: str, block: str) -> dict:
        """The entry of the model as built that a numbered sheet (persona_2...) showed, or {}."""
        entries = (self.built or {}).get(block) or []
        for number, title in self._numbers(role):
            if title == sheet.title and 0 < number <= len(entries) and isinstance(entries[number - 1], dict):
                return entries[number - 1]
        return {}

    def _numbers(self, role: str) -> list[tuple[int, str]]:
        """(number, sheet title) of the defined names canvas_ROLE_1, canvas_ROLE_2..., in order."""
        return sorted((n, t[0]) for name, t in self.book.names.items()
                      if (n := numbered(name, f"canvas_{role}_")) is not None)

    def machine_sheets(self) -> set[str]:
        """Titles of the sheets canvas keeps for itself (settings, dropdown lists) or wrote for a
        person and does not read back (a teacher's Feedback sheet, see canvas/feedback.py)."""
        from ..view import labels

        out = set()
        for role in (SETTINGS, LISTS):
            target = self.book.names.get(f"canvas_{role}")
            if target:
                out.add(target[0])
        if not out:  # an older workbook: its hidden sheets by title
            out = {s.title for s in self.book.sheets if s.hidden and s.title in ("canvas", "lists")}
        feedback = self.book.names.get(f"canvas_{FEEDBACK}")
        titles = {feedback[0]} if feedback else set(labels()[FEEDBACK].values())  # a program may drop the name
        return out | {s.title for s in self.book.sheets if s.title in titles}

    def _settings(self) -> dict[str, str]:
        sheet = self.sheet(SETTINGS, "canvas")
        if sheet is None:
            return {}
        out = {}
        for row, col in sheet.filled():
            key = plain(sheet.cell(row, col)) if col == 1 else None
            if key and str(key) not in out:
                value = sheet.cell(row, 2).value
                out[str(key)] = "" if value is None else str(value)
                self.setting_at[str(key)] = At(sheet.title, row, 2)
        return out

    def _language(self) -> str:
        lang = self.settings.get("workbook_language") or self.book.language or ""
        lang = lang[:2].lower()
        if lang in LANGUAGES:
            return lang
        titles = {norm(s.title) for s in self.book.sheets}
        score = {lang: sum(norm(t[lang])[:31] in titles for t in labels().values() if isinstance(t.get(lang), str))
                 for lang in LANGUAGES}
        return max(LANGUAGES, key=lambda lang: score[lang]) if any(score.values()) else "en"

    def setting(self, key: str, default: Any = None) -> Any:
        """A JSON setting (as-built names, canvas boxes...) as read and checked, or `default` if
        missing or damaged (a damaged one is an error at its cell: see sheets/settings.read)."""
        value = self.json.get(key)
        return default if value is None else value

    # --- vocabularies and references ------------------------------------------------------
    def vocab(self, vocabulary: str, text: str, at: At) -> str | None:
        """A vocabulary label (either language) or id -> id."""
        entries = vocabularies()[vocabulary]
        folded = norm(text)
        for key, names in entries.items():
            if folded == norm(key) or folded in {norm(n) for n in names.values()}:
                return key
        choices = "، ".join(n[self.lang] for n in entries.values()) if self.lang == "fa" else \
            ", ".join(n[self.lang] for n in entries.values())
        self.error(at, "not_in_list", value=text, choices=choices)
        return None

    def index(self, collection: str, entries: list[dict]) -> None:
        """Let the names of `entries` (as now, then as first built) and their ids stand for their
        ids. 'Name [id]' stands for that id; a name or id several entries go by stands for each
        of them (and is refused as ambiguous)."""
        from .refs import Names

        ids = {e["id"] for e in entries if isinstance(e.get("id"), str)}
        table = Names()
        for e in entries:
            if isinstance(e.get("id"), str) and e.get("name"):
                table.add(e["name"], e["id"])
        shown = self.setting(f"{collection}_shown", {})  # id -> name as built
        if not shown:  # a workbook of an earlier canvas: name -> id
            shown = {v: k for k, v in self.setting(f"{collection[:-1]}_names", {}).items()}
        renamed = self.renamed.setdefault(collection, {})
        for known, name in shown.items():
            if known not in ids or not isinstance(name, str) or not name:  # deleted since the build: gone
                continue
            now = table.texts.setdefault(norm(name), {known})
            if known not in now:  # another entry has this name now: which one is meant?
                renamed[norm(name)] = (next(iter(now)), known)
                now.add(known)
        for e in (self.built or {}).get(collection) or []:  # its names in the other language too
            name = e.get("name") if isinstance(e, dict) else None
            for text in (name.values() if isinstance(name, dict) else []):
                if e.get("id") in ids and isinstance(text, str):
                    table.add(text, e["id"], weak=True)
        for known in ids:
            table.add_id(known)
        self.refs[collection] = table
        self.names[collection] = {e["id"]: e.get("name") or e["id"] for e in entries if isinstance(e.get("id"), str)}

    def find(self, collection: str, text) -> set[str]:
        """The ids a cell's text may stand for (see index)."""
        table = self.refs.get(collection)
        return table.find(as_text(text)) if table is not None and as_text(text) else set()

    def quiet_ref(self, collection: str, text) -> str | None:
        """The id a cell's text stands for, or None (saying nothing)."""
        found = self.find(collection, text)
        return next(iter(found)) if len(found) == 1 else None

    def ref(self, collection: str, text: str, at: At) -> str | None:
        found = self.find(collection, text)
        if len(found) == 1:
            return next(iter(found))
        what = self.say(f"what_{collection}")
        if norm(text) in self.renamed.get(collection, {}):
            now, was = self.renamed[collection][norm(text)]
            self.error(at, "renamed_ref", what=what, value=text, now=now, was=was)
            return None
        if found:
            choices = [f"{self.names.get(collection, {}).get(i, i)} [{i}]" for i in sorted(found)]
            self.error(at, "ambiguous", what=what, value=text, choices=SEPARATOR[self.lang].join(choices),
                       example=choices[-1])
            return None
        known = ("، " if self.lang == "fa" else ", ").join(
            f"{name} ({id_})" if name != id_ else id_ for id_, name in self.names.get(collection, {}).items()
        ) or self.say("none_yet")
        self.error(at, "unknown_ref", what=what, value=text, known=known)
        return None
