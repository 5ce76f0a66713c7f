"""A workbook being written: sheets with valid unique names and roles, input cells, dropdowns."""
from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName

from ..view import View
from .kinds import Kind
from .kit import Names, Theme, put, set_default_font, sheet_title, validation
from .reader import LISTS

INPUT_FILL = PatternFill("solid", fgColor="FFF9DB")  # the cells a student fills in a blank


class Book:
    """The workbook of one view. Every cell a person may type into is written with `entry`, which
    unlocks it (and shades it in a blank worksheet); everything else stays locked."""

    def __init__(self, view: View):
        self.v = view
        self.wb = Workbook()
        self.wb.remove(self.wb.active)
        self.th = Theme.of(view.look)
        set_default_font(self.wb, "Tahoma" if view.rtl else "Calibri", 10 if view.rtl else 11)
        self.taken = Names()
        self.toc: list[tuple[str, str]] = []  # (sheet name, full title)
        self.lists = None
        self.list_names: dict[str, str] = {}
        self.protected: set[str] = set()  # sheets locked even in a built workbook (output only)
        self.toc_anchor = None
        self.instructions = None  # a blank's Instructions sheet, filled last (sheets/instructions.py)
        self.notes: dict[str, object] = {}  # what the hidden settings sheet records of the writing
        self.roles: dict[str, str] = {}     # sheet title -> role
        self.fonts: dict[str, Font] = {}
        self.outputs: dict[str, dict[str, str]] = {}  # role -> {cell: text canvas wrote there}
        self.list_columns = 0  # columns taken on the hidden lists sheet
        self.live_wanted: set[str] = set()  # collections whose names a dropdown lists (list_<collection>)
        # where each kind of input cell is, for the Instructions sheet: guide key -> (kind, {place: None})
        self.kinds: dict[tuple, tuple[Kind, dict[str, dict[str, None]]]] = {}

    def sheet(self, title: str, *, in_toc: bool = True):
        """A new sheet; its name is `title` made valid (31 characters at most, unique)."""
        ws = self.wb.create_sheet(sheet_title(title, self.taken))
        ws.sheet_view.rightToLeft = self.v.rtl
        ws.sheet_properties.tabColor = self.th.primary
        if in_toc:
            self.toc.append((ws.title, title))
        return ws

    def font(self, name: str, **options) -> Font:
        """One Font object per name, so cells that share it share one style record (see put)."""
        return self.fonts.setdefault(name, Font(**options))

    def role(self, ws, role: str, row: int = 1, col: int = 1) -> None:
        """Name the sheet's role (canvas_segments...), pointing at its anchor cell (a table's first
        header, a card's A1), so import finds it after the sheet is renamed or rows are inserted."""
        name = f"canvas_{role}"
        self.roles.setdefault(ws.title, role)
        self.wb.defined_names[name] = DefinedName(
            name, attr_text=f"{quote_sheetname(ws.title)}!${get_column_letter(col)}${row}")

    def entry(self, ws, row: int, col: int, value, kind: Kind | None = None, **style):
        """A cell a person may type into, holding `value` as `kind` writes it."""
        if kind is not None:
            value = kind.write(self.v, value)
            style.setdefault("center", kind.center)
        if self.v.blank:
            style["fill"] = INPUT_FILL
        cell = put(ws, row, col, value, locked=False, **style)
        if kind is not None and kind.number_format:
            cell.number_format = kind.number_format
        return cell

    def output(self, ws, row: int, col: int, value, *, formula: bool = False, **style):
        """A cell canvas writes and import does not read (a heading, a formula, the contents):
        what it holds is recorded, so a change made to it is reported instead of lost. Only
        canvas's own `formula` text becomes a formula; any other text stays text."""
        cell = put(ws, row, col, "" if formula else value, **style)
        if formula:
            cell.value = value  # openpyxl reads a string starting with '=' as a formula
        role = self.roles[ws.title]
        if cell.value not in (None, ""):
            self.outputs.setdefault(role, {})[cell.coordinate] = str(cell.value)
        return cell

    def title(self, ws, key: str):
        """A grid sheet's heading in A1: the model's title — the sheet's label (canvas's own)."""
        v = self.v
        return self.output(ws, 1, 1, " — ".join(t for t in (v.t(v.model.meta.title), v.label(key)) if t),
                           font=self.th.title_font, border=False, wrap=False)

    def choices(self, key: str, values: list[str]) -> str:
        """A defined name for a dropdown list of `values`, kept on a hidden sheet (no 255-char limit)."""
        if key in self.list_names:
            return self.list_names[key]
        col = self.list_column()
        for r, value in enumerate(values or [""], start=1):
            put(self.lists, r, col, value, border=False, wrap=False)
        return self.name_list(key, self.lists, col, 1, max(len(values), 1))

    def list_column(self) -> int:
        """A new column of the hidden lists sheet (made on first use)."""
        if self.lists is None:
            self.lists = self.wb.create_sheet(sheet_title("lists", self.taken))
            self.lists.sheet_state = "hidden"
            self.lists.sheet_view.rightToLeft = self.v.rtl
            self.role(self.lists, LISTS)
        self.list_columns += 1
        return self.list_columns

    def name_list(self, key: str, ws, col: int, first: int, last: int) -> str:
        """Name a column's cells list_<key>: a dropdown's choices."""
        name = f"list_{key}"
        letter = get_column_letter(col)
        self.wb.defined_names[name] = DefinedName(
            name, attr_text=f"{quote_sheetname(ws.title)}!${letter}${first}:${letter}${max(first, last)}")
        self.list_names[key] = name
        return name

    def dropdown(self, ws, ref: str, key: str, values: list[str], *, strict: bool = True,
                 prompt: str | None = None) -> None:
        validation(ws, ref, kind="list", formula1=self.choices(key, values),
                   prompt=prompt or self.v.label("pick_from_list"), strict=strict)

    def vocab_dropdown(self, ws, ref: str, vocabulary: str, *, strict: bool = True) -> None:
        self.dropdown(ws, ref, vocabulary, [label for _, label in self.v.vocab_items(vocabulary)], strict=strict)

    def names_dropdown(self, ws, ref: str, collection: str, *, strict: bool = True, prompt: str | None = None) -> None:
        """A dropdown of a collection's names as typed on its own sheet (live: a name typed there
        appears here); the sheet names its cells list_<collection> (see `finish_lists`)."""
        self.live_wanted.add(collection)
        validation(ws, ref, kind="list", formula1=f"list_{collection}",
                   prompt=prompt or self.v.label("pick_from_list"), strict=strict)

    def finish_lists(self) -> None:
        """A collection a dropdown lists whose sheet did not name its cells gets its names as
        written (a list left out of the workbook)."""
        for collection in sorted(self.live_wanted - set(self.list_names)):
            self.choices(collection, [self.v.t(e.name) for e in getattr(self.v.model, collection)])

    def place(self, kind: Kind, sheet: str, label: str | None = None) -> None:
        """Record that cells of `kind` are on `sheet` (under or beside `label`), for the
        Instructions sheet of a blank."""
        if self.v.blank:
            entry = self.kinds.setdefault(kind.guide_key(self.v), (kind, {}))
            entry[1].setdefault(sheet, {})
            if label:
                entry[1][sheet][label] = None

    def hint(self, ws, ref: str, key: str, **params) -> None:
        """Show the label `key` (filled with `params`) when a cell of `ref` is selected."""
        validation(ws, ref, kind=None, prompt=self.v.label(key).format(**params))

    def whole_number(self, ws, ref: str, low: int, high: int | None = None, scale: str | None = None):
        """Whole numbers only; the prompt names the range and, if given, the meaning of each value."""
        if high is None:
            validation(ws, ref, kind="whole", operator="greaterThanOrEqual", formula1=str(low),
                       prompt=self.v.label("not_negative"))
            return
        prompt = self.v.label("whole_between").format(low=self.v.num(low), high=self.v.num(high))
        if scale:  # a short scale is a dropdown, with the meaning of each value in the prompt
            prompt += ": " + ", ".join(f"{k} {label}" for k, label in self.v.vocab_items(scale))
            values = ",".join(str(n) for n in range(low, high + 1))
            validation(ws, ref, kind="list", formula1=f'"{values}"', prompt=prompt)
            return
        validation(ws, ref, kind="whole", operator="between", formula1=str(low), formula2=str(high),
                   prompt=prompt)


def column_ref(col: int, first_row: int, last_row: int) -> str:
    letter = get_column_letter(col)
    return f"{letter}{first_row}:{letter}{max(first_row, last_row)}"
