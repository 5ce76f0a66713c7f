"""The Excel workbook: one sheet per block of the model, in the output language and direction."""
from __future__ import annotations

import io
import json

from openpyxl import Workbook
from openpyxl.drawing.image import Image
from openpyxl.formatting.rule import ColorScaleRule, DataBarRule, FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.hyperlink import Hyperlink

from ..textsafe import clean
from ..view import View
from .xlsx_charts import emotion_chart, funnel_chart, rows_spanned
from .xlsx_kit import (Theme, add_table, deterministic_bytes, merge,
                       fit_columns, fit_rows, header_row, page_setup, put, set_default_font,
                       sheet_title, unique_headers, validation)

MARK = "●"  # a cell of a yes/no matrix that is set
_CATEGORY_FILLS = {"physical": "FCE4D6", "mobile": "E2EFDA", "internet": "DDEBF7"}
BLANK_ROWS = 8  # empty rows per table in a blank worksheet
# Landscape / portrait A4 widths (in character units) that still print at a readable scale.
WIDE, NARROW = 170, 110


class _Book:
    """A workbook being written: sheets with unique names, the TOC and the hidden dropdown lists."""

    def __init__(self, view: View):
        self.v = view
        self.wb = Workbook()
        self.wb.remove(self.wb.active)
        self.th = Theme.of(view.look)
        set_default_font(self.wb, "Tahoma" if view.rtl else "Calibri", 10 if view.rtl else 11)
        self.taken: set[str] = set()
        self.toc: list[tuple[str, str]] = []  # (sheet name, full title)
        self.lists = None
        self.list_names: dict[str, str] = {}
        self.last_rows: dict[str, int] = {}
        self.roles: dict[str, str] = {}  # sheet name -> role (see mark)

    def sheet(self, title: str, *, in_toc: bool = True):
        """A new sheet; its name is `title` made valid (31 characters at most, unique)."""
        ws = self.wb.create_sheet(sheet_title(title, self.taken))
        ws.sheet_view.rightToLeft = self.v.rtl
        ws.sheet_properties.tabColor = self.th.primary
        if in_toc:
            self.toc.append((ws.title, title))
        return ws

    def table(self, key: str, title: str, headers: list[str], rows: list[list], *, landscape=True,
              centered: range = range(0)):
        """A sheet holding one Excel table named `key`: title, header row 3, data from row 4."""
        ws = self.sheet(title)
        put(ws, 1, 1, title, font=self.th.title_font, border=False, wrap=False)
        header_row(ws, 3, unique_headers(headers), self.th)
        # at least one row to type into; a blank worksheet gets room for a whole class exercise
        padded = list(rows) + [[""] * len(headers)] * max((BLANK_ROWS if self.v.blank else 1) - len(rows), 0)
        for r, row in enumerate(padded, start=4):
            for c, value in enumerate(row, start=1):
                put(ws, r, c, value, center=c in centered)
        ws.freeze_panes = "B4"
        self.last_rows[ws.title] = 3 + len(padded)
        add_table(ws, f"tbl_{key}", 3, 3 + len(padded), len(headers))
        fit_columns(ws, budget=WIDE if landscape else NARROW, min_row=3)
        return ws

    def last(self, ws) -> int:
        """The last data row of the sheet's table."""
        return self.last_rows[ws.title]

    def mark(self, ws, role: str) -> None:
        """Name the sheet's role (canvas_overview, canvas_persona_2...) so import finds it even
        after the user renames the sheet (Excel updates defined names on rename)."""
        self.wb.defined_names[role] = DefinedName(role, attr_text=f"{quote_sheetname(ws.title)}!$A$1")
        self.roles[ws.title] = role

    def choices(self, key: str, values: list[str]) -> str:
        """A defined name for a dropdown list of `values`, kept on a hidden sheet (no 255-char limit)."""
        if key in self.list_names:
            return self.list_names[key]
        if self.lists is None:
            self.lists = self.wb.create_sheet(sheet_title("lists", self.taken))
            self.lists.sheet_state = "hidden"
            self.lists.sheet_view.rightToLeft = self.v.rtl
        col = len(self.list_names) + 1
        for r, value in enumerate(values or [""], start=1):
            put(self.lists, r, col, value, border=False, wrap=False)
        name = f"list_{key}"
        letter = get_column_letter(col)
        self.wb.defined_names[name] = DefinedName(
            name, attr_text=f"{quote_sheetname(self.lists.title)}!${letter}$1:${letter}${max(len(values), 1)}")
        self.list_names[key] = name
        return name

    def dropdown(self, ws, ref: str, key: str, values: list[str], *, strict: bool = True) -> None:
        validation(ws, ref, kind="list", formula1=self.choices(key, values),
                   prompt=self.v.label("pick_from_list"), strict=strict)

    def vocab_dropdown(self, ws, ref: str, vocabulary: str) -> None:
        self.dropdown(ws, ref, vocabulary, [label for _, label in self.v.vocab_items(vocabulary)])

    def segment_dropdown(self, ws, ref: str) -> None:
        self.dropdown(ws, ref, "segments", [self.v.t(s.name) for s in self.v.model.segments])

    def whole_number(self, ws, ref: str, low: int, high: int | None = None, scale: str | None = None):
        """Whole numbers only; the prompt names the range and, if given, the meaning of each value."""
        if high is None:
            prompt = self.v.label("not_negative")
            validation(ws, ref, kind="whole", operator="greaterThanOrEqual", formula1=str(low), prompt=prompt)
            return
        prompt = self.v.label("whole_between").format(low=low, high=high)
        if scale:  # a short scale is a dropdown, with the meaning of each value in the prompt
            prompt += ": " + ", ".join(f"{k} {label}" for k, label in self.v.vocab_items(scale))
            values = ",".join(str(n) for n in range(low, high + 1))
            validation(ws, ref, kind="list", formula1=f'"{values}"', prompt=prompt)
            return
        validation(ws, ref, kind="whole", operator="between", formula1=str(low), formula2=str(high),
                   prompt=prompt)


def _column_ref(col: int, first_row: int, last_row: int) -> str:
    letter = get_column_letter(col)
    return f"{letter}{first_row}:{letter}{max(first_row, last_row)}"


def _overview(book: _Book) -> None:
    v, meta = book.v, book.v.model.meta
    ws = book.sheet(v.label("overview"), in_toc=False)
    top = 1
    logo = v.look.logo
    if logo is not None and logo.mime != "image/svg+xml":  # openpyxl cannot place SVG images
        image = Image(io.BytesIO(logo.data))
        scale = 60 / max(image.height, 1)
        image.height, image.width = 60, round(image.width * scale)
        ws.add_image(image, "A1")
        top = 5
    put(ws, top, 1, v.t(meta.title), font=book.th.title_font, border=False, wrap=False)
    put(ws, top + 1, 1, v.label("report"), border=False, wrap=False, font=Font(italic=True, color="595959"))
    book.mark(ws, "canvas_overview")
    row = top + 3
    for key, value in (("title", v.t(meta.title)), ("subtitle", v.t(meta.subtitle)),
                       ("organisation", v.t(meta.organisation)), ("author", v.t(meta.author)),
                       ("date", v.date), ("summary", v.t(meta.summary))):
        put(ws, row, 1, v.label(key), bold=True, fill=book.th.block_fill)
        put(ws, row, 2, value)
        row += 1
    row += 1
    put(ws, row, 1, v.label("contents"), font=book.th.header_font, fill=book.th.header_fill)
    put(ws, row, 2, "", fill=book.th.header_fill)
    book.toc_anchor = (ws, row + 1)
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 80


def _write_toc(book: _Book) -> None:
    ws, row = book.toc_anchor
    for i, (name, title) in enumerate(book.toc):
        cell = put(ws, row + i, 1, title, font=Font(color="0563C1", underline="single"))
        quoted = name.replace("'", "''")
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{quoted}'!A1")  # inside the file
        merge(ws, start_row=row + i, start_column=1, end_row=row + i, end_column=2)
    put(ws, row + len(book.toc) + 1, 1, book.v.label("made_with"), border=False, wrap=False,
        font=Font(italic=True, size=8, color="808080"))
    page_setup(ws, landscape=False)


# The canonical canvas grid: (block, first column, last column, first row, last row) on 10 columns.
_GRID = [("key_partners", 1, 2, 3, 6), ("key_activities", 3, 4, 3, 4), ("key_resources", 3, 4, 5, 6),
         ("value_propositions", 5, 6, 3, 6), ("relationships", 7, 8, 3, 4), ("channels", 7, 8, 5, 6),
         ("segments", 9, 10, 3, 6), ("cost_structure", 1, 5, 7, 8), ("revenue_streams", 6, 10, 7, 8)]


def _canvas(book: _Book) -> None:
    v = book.v
    ws = book.sheet(v.label("canvas"))
    put(ws, 1, 1, " — ".join(t for t in (v.t(v.model.meta.title), v.label("canvas")) if t), font=book.th.title_font,
        border=False, wrap=False)
    entries = v.canvas_entries()
    for block, c1, c2, r1, r2 in _GRID:
        put(ws, r1, c1, v.label(block), font=book.th.header_font, fill=book.th.header_fill)
        merge(ws, start_row=r1, start_column=c1, end_row=r1, end_column=c2)
        put(ws, r1 + 1, c1, "\n".join(f"• {e}" for e in entries[block]), fill=book.th.block_fill)
        merge(ws, start_row=r1 + 1, start_column=c1, end_row=r2, end_column=c2)
    for col in range(1, 11):
        ws.column_dimensions[get_column_letter(col)].width = 16
    # Row heights from the fullest block of each band, so nothing is cut when printed.
    for rows, blocks in (((4, 6), ("key_partners", "value_propositions", "segments")),
                         ((4,), ("key_activities", "relationships")), ((6,), ("key_resources", "channels")),
                         ((8,), ("cost_structure", "revenue_streams"))):
        lines = max(sum(1 + len(e) // 30 for e in entries[b]) for b in blocks)
        for row in rows:
            needed = max(90, 15 * lines / len(rows) + 15)
            ws.row_dimensions[row].height = max(ws.row_dimensions[row].height or 0, needed)
    put(ws, 10, 1, v.label("attribution"), border=False, wrap=False, font=Font(italic=True, size=8))
    page_setup(ws, landscape=True)
    if v.paper == "a3":
        ws.page_setup.paperSize = ws.PAPERSIZE_A3
    ws.page_setup.fitToHeight = 1


def _segments(book: _Book) -> None:
    v = book.v
    demo_keys = ("age", "gender", "income", "location", "education", "occupation",
                 "purchase_preferences", "history")
    rows = []
    for s in v.model.segments:
        d = s.demographics
        demo = [f"{v.label(k)}: {v.t(getattr(d, k))}" for k in demo_keys if d and getattr(d, k)]
        rows.append([s.id, v.t(s.name), v.t(s.description), v.ts(s.concerns), demo,
                     s.size if s.size is not None else ""])
    ws = book.table("segments", v.label("segments"),
                    [v.label(k) for k in ("id", "name", "description", "concerns", "demographics", "size")],
                    rows)
    for r in range(4, 4 + len(rows)):
        ws.cell(row=r, column=6).number_format = "#,##0"
    # Segment dropdowns elsewhere list this sheet's name column: a name typed here appears there.
    last = book.last(ws)
    book.wb.defined_names["list_segments"] = DefinedName(
        "list_segments", attr_text=f"{quote_sheetname(ws.title)}!$B$4:$B${last}")
    book.list_names["segments"] = "list_segments"
    book.whole_number(ws, _column_ref(6, 4, last), 0)
    page_setup(ws, landscape=True, title_rows="3:3")


def _persona(book: _Book, p, number: int) -> None:
    """A persona as a card: name, then profile, habits, need/interest, goals/frustrations, quote."""
    v = book.v
    ws = book.sheet(f"{v.label('persona')} - {v.t(p.name) or number}")
    book.mark(ws, f"canvas_persona_{number}")
    for col, width in zip("ABCD", (20, 38, 20, 38)):
        ws.column_dimensions[col].width = width
    put(ws, 1, 1, v.t(p.name), font=book.th.title_font, border=False, wrap=False)
    row = 3

    def section(key: str) -> None:
        nonlocal row
        put(ws, row, 1, v.label(key), font=book.th.header_font, fill=book.th.header_fill)
        for col in (2, 3, 4):
            put(ws, row, col, "", fill=book.th.header_fill)
        merge(ws, start_row=row, start_column=1, end_row=row, end_column=4)
        row += 1

    def pairs(*items) -> None:
        """Label/value pairs, two per row; a pair given alone spans the row."""
        nonlocal row
        for i in range(0, len(items), 2):
            chunk = items[i:i + 2]
            for j, (key, value) in enumerate(chunk):
                put(ws, row, 1 + 2 * j, v.label(key), bold=True, fill=book.th.block_fill)
                put(ws, row, 2 + 2 * j, value)
            if len(chunk) == 1:
                put(ws, row, 3, "")
                put(ws, row, 4, "")
                merge(ws, start_row=row, start_column=2, end_row=row, end_column=4)
            row += 1

    archetype = v.vocab("archetypes", p.archetype) if p.archetype else ""
    section("profile")
    pairs(("name", v.t(p.name)), ("id", p.id))
    book.segment_dropdown(ws, f"B{row}")
    pairs(("segment", v.segment_name(p.segment)), ("archetype", archetype))
    book.vocab_dropdown(ws, f"D{row - 1}", "archetypes")
    book.whole_number(ws, f"B{row}", 0, 120)
    pairs(("age", p.age if p.age is not None else ""), ("gender", v.t(p.gender)),
          ("occupation", v.t(p.occupation)), ("education", v.t(p.education)),
          ("location", v.t(p.location)), ("income", v.t(p.income)),
          ("social_class", v.t(p.social_class)))
    pairs(("bio", v.t(p.bio)))
    section("habits")
    pairs(("hobbies", v.ts(p.hobbies)), ("purchase_habits", v.ts(p.purchase_habits)),
          ("buying_methods", v.ts(p.buying_methods)),
          ("preferred_channels", [v.channel_name(c) for c in p.channels]))
    section("needs")
    pairs(("need", v.t(p.need)), ("interest", v.t(p.interest)))
    section("goals_frustrations")
    pairs(("goals", v.ts(p.goals)), ("frustrations", v.ts(p.frustrations)))
    if p.quote:
        row += 1
        put(ws, row, 1, f"«{v.t(p.quote)}»" if v.rtl else f"“{v.t(p.quote)}”", font=Font(italic=True, size=13, color=book.th.accent),
            border=False)
        merge(ws, start_row=row, start_column=1, end_row=row, end_column=4)
        ws.row_dimensions[row].height = 20 * (1 + len(v.t(p.quote)) // 90)
    page_setup(ws, landscape=False)


def _value_propositions(book: _Book) -> None:
    v = book.v
    types = [k for k, _ in v.vocab_items("value_types")]
    rows = [[p.id, v.t(p.name), v.t(p.description), v.ts(p.products)]
            + [v.ts(getattr(p.values, t)) for t in types]
            + [v.ts(p.pains_relieved), v.ts(p.gains_created)] for p in v.model.value_propositions]
    headers = ([v.label(k) for k in ("id", "name", "description", "products")]
               + [label for _, label in v.vocab_items("value_types")]
               + [v.label("pains_relieved"), v.label("gains_created")])
    ws = book.table("value_propositions", v.label("value_propositions"), headers, rows)
    page_setup(ws, landscape=True, title_rows="3:3")


def _marked_matrix(ws, first_row: int, last_row: int, first_col: int, last_col: int) -> None:
    """Shade every filled cell of a matrix (live: a user's new mark is shaded too)."""
    if last_row < first_row or last_col < first_col:
        return
    ref = f"{get_column_letter(first_col)}{first_row}:{get_column_letter(last_col)}{last_row}"
    top_left = f"{get_column_letter(first_col)}{first_row}"
    ws.conditional_formatting.add(ref, FormulaRule(formula=[f'LEN({top_left})>0'],
                                                   fill=PatternFill("solid", bgColor="BDD7EE")))


def _value_map(book: _Book) -> None:
    """Propositions × segments: which proposition is offered to which segment."""
    v = book.v
    segments = v.model.segments
    rows = [[p.id, v.t(p.name)] + [MARK if s.id in p.segments else "" for s in segments]
            for p in v.model.value_propositions]
    ws = book.table("value_map", v.label("value_map"),
                    [v.label("id"), v.label("name")] + [v.t(s.name) or s.id for s in segments],
                    rows, centered=range(3, len(segments) + 3))
    for c in range(3, len(segments) + 3):
        ws.column_dimensions[get_column_letter(c)].width = max(ws.column_dimensions[get_column_letter(c)].width, 14)
    _marked_matrix(ws, 4, book.last(ws), 3, len(segments) + 2)
    page_setup(ws, landscape=len(segments) > 4, title_rows="3:3")


def _channels(book: _Book) -> None:
    """Channels × (category, phases, segments): grouped by category, strengths colour-scaled."""
    v, segments = book.v, book.v.model.segments
    channels = v.channels_by_category()
    phases = v.vocab_items("channel_phases")
    headers = ([v.label(k) for k in ("id", "name", "category")] + [label for _, label in phases]
               + [v.t(s.name) or s.id for s in segments] + [v.label("description")])
    rows = [[c.id, v.t(c.name), v.vocab("channel_categories", c.category)]
            + [MARK if k in c.phases else "" for k, _ in phases]
            + [c.serves.get(s.id, "") for s in segments] + [v.t(c.description)] for c in channels]
    ws = book.table("channels", v.label("channel_matrix"), headers, rows,
                    centered=range(4, len(headers)))
    last = book.last(ws)
    for r, c in enumerate(channels, start=4):
        ws.cell(row=r, column=3).fill = PatternFill("solid", fgColor=_CATEGORY_FILLS.get(c.category, "FFFFFF"))
    first_phase, first_seg = 4, 4 + len(phases)
    for col in range(first_phase, first_seg + len(segments)):
        ws.column_dimensions[get_column_letter(col)].width = 12
    _marked_matrix(ws, 4, last, first_phase, first_seg - 1)
    book.vocab_dropdown(ws, _column_ref(3, 4, last), "channel_categories")
    if segments:
        strengths = f"{get_column_letter(first_seg)}4:{get_column_letter(first_seg + len(segments) - 1)}{last}"
        book.whole_number(ws, strengths, 0, 3, scale="channel_strength")
        ws.conditional_formatting.add(strengths, ColorScaleRule(
            start_type="num", start_value=0, start_color="FFFFFF",
            end_type="num", end_value=3, end_color="2E75B6"))
    page_setup(ws, landscape=True, title_rows="3:3")


def _relationship_matrix(book: _Book) -> None:
    """Segments × the six relationship types; a cell holds the motivations (or a mark)."""
    v = book.v
    types = v.vocab_items("relationship_types")
    rows = []
    for s in v.model.segments:
        row = [v.t(s.name) or s.id]
        for key, _ in types:
            found = [r for r in v.model.relationships if r.segment == s.id and r.type == key]
            motives = [v.vocab("motivations", m) for r in found for m in r.motivations]
            row.append(("، " if v.rtl else ", ").join(motives) or MARK if found else "")
        rows.append(row)
    ws = book.table("relationship_matrix", v.label("relationship_matrix"),
                    [v.label("segment")] + [label for _, label in types], rows,
                    centered=range(2, len(types) + 2))
    for col in range(2, len(types) + 2):
        ws.column_dimensions[get_column_letter(col)].width = 18
    _marked_matrix(ws, 4, book.last(ws), 2, len(types) + 1)
    page_setup(ws, landscape=True, title_rows="3:3")


def _relationships(book: _Book) -> None:
    v = book.v
    rows = [[v.segment_name(r.segment), v.vocab("relationship_types", r.type),
             [v.vocab("motivations", m) for m in r.motivations], v.t(r.description), v.ts(r.tactics)]
            for r in v.model.relationships]
    headers = [v.label(k) for k in ("segment", "type", "motivations", "description", "tactics")]
    ws = book.table("relationships", v.label("relationships"), headers, rows)
    last = book.last(ws)
    book.segment_dropdown(ws, _column_ref(1, 4, last))
    book.vocab_dropdown(ws, _column_ref(2, 4, last), "relationship_types")
    page_setup(ws, landscape=True, title_rows="3:3")


_JOURNEY_ROWS = ("actions", "thoughts", "emotion", "feelings", "pain_points", "touchpoints",
                 "opportunities", "situation", "interaction", "function")
_EMOTION_ROW = 4 + _JOURNEY_ROWS.index("emotion")


def _journey(book: _Book, j, number: int) -> None:
    """Stages as columns, one row per aspect; emotion scores colour-coded and charted."""
    v = book.v
    ws = book.sheet(f"{v.label('journey')} - {v.t(j.title) if j.title else v.journey_owner(j) or number}")
    book.mark(ws, f"canvas_journey_{number}")
    put(ws, 1, 1, "" if v.blank else v.journey_title(j), font=book.th.title_font, border=False, wrap=False)
    owner = "persona" if j.persona else "segment"
    for col, value in enumerate((v.label("id"), j.id, v.label(owner), v.journey_owner(j) or j.persona or j.segment,
                                 v.label("goal"), v.t(j.goal)), start=1):
        put(ws, 2, col, value, bold=col % 2 == 1, fill=book.th.block_fill if col % 2 == 1 else None)
    header_row(ws, 3, [v.label("stage")] + [v.stage_name(s.stage) for s in j.stages], book.th)
    stage_names = [label for _, label in v.vocab_items("journey_stages")] + [v.t(c.name) for c in v.model.custom_stages]
    book.dropdown(ws, f"B3:{get_column_letter(max(len(j.stages), 1) + 1)}3", "journey_stages", stage_names)
    for r, key in enumerate(_JOURNEY_ROWS, start=4):
        put(ws, r, 1, v.label(key), bold=True, fill=book.th.block_fill)
        for c, s in enumerate(j.stages, start=2):
            value = getattr(s, key)
            if key == "touchpoints":
                value = [v.touchpoint(t) for t in value]
            elif isinstance(value, list):
                value = v.ts(value)
            elif key != "emotion":
                value = v.t(value)
            put(ws, r, c, value if value is not None else "", center=key == "emotion",
                font=Font(sz=14, b=True) if key == "emotion" else None)
    ws.freeze_panes = "B4"
    ws.column_dimensions["A"].width = 20
    last_col = len(j.stages) + 1
    for c in range(2, last_col + 1):
        ws.column_dimensions[get_column_letter(c)].width = 30 if len(j.stages) <= 6 else 24
    last_row = 3 + len(_JOURNEY_ROWS)
    if j.stages:
        emotions = f"B{_EMOTION_ROW}:{get_column_letter(last_col)}{_EMOTION_ROW}"
        book.whole_number(ws, emotions, -2, 2, scale="emotion_scale")
        ws.conditional_formatting.add(emotions, ColorScaleRule(
            start_type="num", start_value=-2, start_color="F8696B", mid_type="num", mid_value=0,
            mid_color="FFEB84", end_type="num", end_value=2, end_color="63BE7B"))
        chart = emotion_chart(ws, row=_EMOTION_ROW, first_col=2, last_col=last_col, header_row=3,
                              title=v.label("emotion_curve"), rtl=v.rtl, colour=book.th.accent)
        ws.add_chart(chart, f"B{last_row + 2}")
        last_row += 1 + rows_spanned(chart)
    page_setup(ws, landscape=True, title_rows="3:3", last_row=last_row)


def _funnel(book: _Book) -> None:
    v = book.v
    headers = [v.label(k) for k in ("stage", "count", "conversion", "of_first", "note", "id")]
    stages = v.model.funnel.stages
    ws = book.table("funnel", v.label("funnel"), headers,
                    [[v.funnel_name(s), s.count, "", "", v.t(s.note), s.stage or ""] for s in stages],
                    landscape=False)
    last = book.last(ws)
    for i in range(len(stages)):
        row = 4 + i
        ws.cell(row=row, column=2).number_format = "#,##0"
        if i + 1 < len(stages):  # conversion from this stage to the next one
            cell = ws.cell(row=row, column=3, value=f"=IF(B{row}=0,\"\",B{row + 1}/B{row})")
            cell.number_format = "0.0%"
        cell = ws.cell(row=row, column=4, value=f"=IF($B$4=0,\"\",B{row}/$B$4)")
        cell.number_format = "0.0%"
    book.dropdown(ws, _column_ref(1, 4, last), "funnel_stages",
                  [label for _, label in v.vocab_items("funnel_stages")], strict=False)
    book.whole_number(ws, _column_ref(2, 4, last), 0)
    for c in (3, 4):
        ws.column_dimensions[get_column_letter(c)].width = max(14, ws.column_dimensions[get_column_letter(c)].width)
    last_row = last
    if stages:
        put(ws, last + 2, 1, v.label("overall_conversion"), bold=True, fill=book.th.block_fill)
        put(ws, last + 2, 2, None, bold=True)
        total = ws.cell(row=last + 2, column=2, value=f"=IF(B4=0,\"\",B{last}/B4)")
        total.number_format = "0.0%"
        last_row = last + 2
    if v.model.funnel.techniques:
        # One multi-line cell: LibreOffice ignores the reading order of single-line cells, which
        # would put each line's bullet on the wrong side in a right-to-left sheet.
        put(ws, last_row + 2, 1, v.label("techniques"), font=book.th.header_font, fill=book.th.header_fill)
        put(ws, last_row + 3, 1, v.ts(v.model.funnel.techniques), border=False)
        merge(ws, start_row=last_row + 3, start_column=1, end_row=last_row + 3, end_column=5)
        last_row += 3
    if stages:
        chart = funnel_chart(ws, first_row=4, last_row=last, title=v.label("funnel"), colour=book.th.accent)
        ws.add_chart(chart, f"A{last_row + 2}")
        last_row += 1 + rows_spanned(chart)
    page_setup(ws, landscape=False, title_rows="3:3", last_row=last_row)


def _competitors(book: _Book) -> None:
    v = book.v
    rows = []
    for c in v.model.competitors:
        rows += [[v.t(c.name), v.segment_name(m.segment), m.share if m.share is not None else "",
                  v.t(m.offer), v.t(c.value_chain), v.t(c.description), c.id] for m in c.markets]
        if not c.markets:  # a competitor not yet placed in a segment still belongs on the sheet
            rows.append([v.t(c.name), "", "", "", v.t(c.value_chain), v.t(c.description), c.id])
    headers = [v.label(k) for k in ("name", "segment", "share", "offer", "value_chain", "description", "id")]
    ws = book.table("competitors", v.label("competitors"), headers, rows)
    last = book.last(ws)
    for r in range(4, last + 1):
        ws.cell(row=r, column=3).number_format = "0.0"
    ws.column_dimensions["C"].width = max(16, ws.column_dimensions["C"].width)
    book.segment_dropdown(ws, _column_ref(2, 4, last))
    validation(ws, _column_ref(3, 4, last), kind="decimal", operator="between", formula1="0",
               formula2="100", prompt=v.label("number_between").format(low=0, high=100))
    ws.conditional_formatting.add(_column_ref(3, 4, last), DataBarRule(
        start_type="num", start_value=0, end_type="num", end_value=100, color="5B9BD5"))
    page_setup(ws, landscape=True, title_rows="3:3")


def _other_blocks(book: _Book) -> None:
    v, m = book.v, book.v.model
    rows = []
    for block, items in (("revenue_streams", m.revenue_streams), ("key_resources", m.key_resources),
                         ("key_activities", m.key_activities), ("key_partners", m.key_partners),
                         ("cost_structure", m.cost_structure)):
        for item in items:
            kind = getattr(item, "type", None)
            vocabulary = "resource_types" if block == "key_resources" else "cost_types"
            rows.append([v.label(block), v.t(item.name), v.t(item.description),
                         v.vocab(vocabulary, kind) if kind else v.t(getattr(item, "pricing", None)),
                         [v.segment_name(s) for s in getattr(item, "segments", [])]])
    headers = [v.label(k) for k in ("other_blocks", "name", "description")]
    headers += [f"{v.label('type')} / {v.label('pricing')}", v.label("segments")]
    ws = book.table("other_blocks", v.label("other_blocks"), headers, rows)
    page_setup(ws, landscape=True, title_rows="3:3")


def _health(book: _Book) -> None:
    """Completeness per block and the check findings (canvas check), so the client sees the gaps."""
    v, report = book.v, book.v.health
    rows = [[v.label(block), score] for block, score in report.completeness.items()]
    rows.append([v.label("overall"), report.overall])
    ws = book.table("completeness", v.label("health"), [v.label("completeness"), "%"], rows, landscape=False)
    last = book.last(ws)
    for r in range(4, last + 1):
        ws.cell(row=r, column=2).number_format = "0%"
    put(ws, last, 1, v.label("overall"), bold=True, fill=book.th.block_fill)
    ws.conditional_formatting.add(f"B4:B{last}", DataBarRule(
        start_type="num", start_value=0, end_type="num", end_value=1, color="63BE7B"))
    first = last + 3
    put(ws, first - 1, 1, v.label("findings"), font=book.th.title_font, border=False, wrap=False)
    headers = [v.label(k) for k in ("code", "severity", "line", "message", "hint")]
    findings = report.warnings  # notes (untranslated texts...) are counted, not listed
    if findings:
        header_row(ws, first, headers, book.th)
    for r, f in enumerate(findings, start=first + 1):
        for c, value in enumerate([f.code, v.label(f.severity), f.line or "", f.message(v.lang), f.hint(v.lang)],
                                  start=1):
            put(ws, r, c, value)
    if not findings:
        put(ws, first, 1, v.label("no_findings"), border=False, wrap=False)
    else:
        add_table(ws, "tbl_findings", first, first + len(findings), len(headers))
    end = first + max(len(findings), 1)
    if report.count("info"):
        end += 2
        put(ws, end, 1, v.label("notes_hidden").format(n=report.count("info")), border=False, wrap=False)
    for col, width in zip("ABCDE", (22, 12, 8, 60, 50)):
        ws.column_dimensions[col].width = width
    page_setup(ws, landscape=True, last_row=end, title_rows=None if findings else "3:3")


SETTINGS_SHEET = "canvas"


def _settings(book: _Book) -> None:
    """A hidden sheet with what the visible sheets do not show, so import loses nothing: the
    format version, language, calendar and digits, the date as written, brand and custom stages."""
    v, m = book.v, book.v.model
    ws = book.wb.create_sheet(sheet_title(SETTINGS_SHEET, book.taken))
    ws.sheet_state = "hidden"
    ws.sheet_view.rightToLeft = v.rtl
    book.mark(ws, "canvas_settings")
    custom = [{"id": c.id, "name": c.name.dump()} for c in m.custom_stages]
    brand = m.brand.model_dump(mode="json", exclude_none=True) if m.brand else None
    for row, (key, value) in enumerate((
            ("format_version", m.version), ("workbook_language", v.lang), ("language", m.meta.language),
            ("calendar", m.meta.calendar or ""), ("digits", m.meta.digits or ""),
            ("date_written", m.meta.date.text if m.meta.date else ""), ("date_shown", v.date),
            ("brand", json.dumps(brand, ensure_ascii=False) if brand else ""),
            ("custom_stages", json.dumps(custom, ensure_ascii=False) if custom else ""),
            # names as shown, so import still resolves them after a user renames the entry
            ("segment_names", json.dumps({v.t(x.name): x.id for x in m.segments}, ensure_ascii=False)),
            ("channel_names", json.dumps({v.t(x.name): x.id for x in m.channels}, ensure_ascii=False)),
            ("persona_names", json.dumps({v.t(x.name): x.id for x in m.personas}, ensure_ascii=False))),
            start=1):
        put(ws, row, 1, key, border=False, wrap=False)
        put(ws, row, 2, value, border=False, wrap=False)
    if not v.blank:  # the whole model, so import keeps the other language's text (cells hold 32k)
        text = json.dumps(m.model_dump(mode="json", exclude_none=True), ensure_ascii=False, sort_keys=True)
        for n, start in enumerate(range(0, len(text), 30_000), start=1):
            put(ws, row + n, 1, f"model_json_{n}", border=False, wrap=False)
            put(ws, row + n, 2, text[start:start + 30_000], border=False, wrap=False)


INPUT_FILL = PatternFill("solid", fgColor="FFF9DB")


def _instructions(book: _Book) -> None:
    """The first sheet of a blank worksheet: how to fill it in and hand it back."""
    v = book.v
    ws = book.sheet(v.label("instructions"), in_toc=False)
    put(ws, 1, 1, v.label("instructions"), font=book.th.title_font, border=False, wrap=False)
    for row, line in enumerate(v.label("instructions_text").split("\n"), start=3):
        put(ws, row, 1, line, border=False)
    put(ws, row + 2, 1, v.label("input_cell"), fill=INPUT_FILL)
    ws.column_dimensions["A"].width = 80
    page_setup(ws, landscape=False)
    ws.print_options.horizontalCentered = False


def _open_inputs(book: _Book) -> None:
    """In a blank worksheet, unlock and shade the cells students fill; lock the rest (no password,
    so a teacher or a student can still unprotect a sheet)."""
    from openpyxl.styles import Protection

    def open_cell(ws, row: int, col: int) -> None:
        cell = ws.cell(row=row, column=col)
        if type(cell).__name__ == "MergedCell" or cell.data_type == "f":
            return
        cell.protection = Protection(locked=False)
        cell.fill = INPUT_FILL

    for ws in book.wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        role = book.roles.get(ws.title, "")
        for table in ws.tables.values():
            first, last = table.ref.split(":")
            for row in range(ws[first].row + 1, ws[last].row + 1):
                for col in range(ws[first].column, ws[last].column + 1):
                    open_cell(ws, row, col)
        if role == "canvas_overview":
            for row in range(1, ws.max_row + 1):
                if ws.cell(row=row, column=1).fill == book.th.block_fill:
                    open_cell(ws, row, 2)
        elif role.startswith("canvas_persona_"):
            for row in range(3, ws.max_row + 1):
                for label_col in (1, 3):
                    if ws.cell(row=row, column=label_col).fill == book.th.block_fill:
                        open_cell(ws, row, label_col + 1)
        elif role.startswith("canvas_journey_"):
            open_cell(ws, 1, 1)
            for col in (2, 4, 6):
                open_cell(ws, 2, col)
            for row in range(3, 4 + len(_JOURNEY_ROWS)):
                for col in range(2, ws.max_column + 1):
                    open_cell(ws, row, col)
        elif ws.tables and "tbl_funnel" in ws.tables:
            for row in range(1, ws.max_row + 1):
                if ws.cell(row=row, column=1).value == book.v.label("techniques"):
                    open_cell(ws, row + 1, 1)
        if role != "" or ws.tables:
            ws.protection.sheet = True
            ws.protection.formatColumns = ws.protection.formatRows = False  # resizing stays allowed
            ws.protection.insertRows = False


def render(view: View) -> bytes:
    """The workbook of `view` as .xlsx bytes (identical for identical input)."""
    book = _Book(view)
    if view.blank:
        _instructions(book)
    _overview(book)
    _canvas(book)
    _segments(book)
    for number, p in enumerate(view.model.personas, start=1):
        _persona(book, p, number)
    _value_propositions(book)
    _value_map(book)
    _channels(book)
    _relationship_matrix(book)
    _relationships(book)
    for number, j in enumerate(view.model.journeys, start=1):
        _journey(book, j, number)
    _funnel(book)
    _competitors(book)
    _other_blocks(book)
    if view.health is not None:
        _health(book)
    _write_toc(book)
    _settings(book)
    if book.lists is not None:  # the hidden dropdown lists go last
        book.wb.move_sheet(book.lists, offset=len(book.wb.sheetnames) - 1 - book.wb.index(book.lists))
    for ws in book.wb.worksheets:
        fit_rows(ws)
    if view.blank:
        _open_inputs(book)
    props = book.wb.properties
    meta = view.model.meta
    props.title = clean(view.t(meta.title))
    props.creator = clean(view.t(meta.author)) or "canvas"
    props.lastModifiedBy = "canvas"
    props.subject = clean(view.t(meta.organisation)) or None
    props.description = clean(view.t(meta.summary))[:1000] or None
    props.keywords = "business model canvas"
    props.language = view.lang
    return deterministic_bytes(book.wb)
