"""The Excel workbook: one sheet per block of the model, in the output language and direction."""
from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from ..textsafe import clean
from ..view import View
from .xlsx_kit import (HEADER_FILL, HEADER_FONT, TITLE_FONT, deterministic_bytes, fit_columns,
                       fit_rows, header_row, page_setup, put, sheet_title)

BLOCK_FILL = PatternFill("solid", fgColor="DDEBF7")


class _Book:
    def __init__(self, view: View):
        self.v = view
        self.wb = Workbook()
        self.wb.remove(self.wb.active)
        self.taken: set[str] = set()
        self.toc: list[str] = []

    def sheet(self, title: str, *, landscape: bool = False, in_toc: bool = True):
        ws = self.wb.create_sheet(sheet_title(title, self.taken))
        ws.sheet_view.rightToLeft = self.v.rtl
        ws.sheet_properties.tabColor = "1F4E79"
        if in_toc:
            self.toc.append(ws.title)
        return ws

    def table(self, title: str, headers: list[str], rows: list[list], *, landscape=False):
        ws = self.sheet(title, landscape=landscape)
        put(ws, 1, 1, title, font=TITLE_FONT, border=False, wrap=False)
        header_row(ws, 3, headers)
        for r, row in enumerate(rows, start=4):
            for c, value in enumerate(row, start=1):
                put(ws, r, c, value)
        ws.freeze_panes = "B4"
        fit_columns(ws)
        page_setup(ws, landscape=landscape, title_rows="3:3")
        return ws


def _overview(book: _Book) -> None:
    v, meta = book.v, book.v.model.meta
    ws = book.sheet(v.label("overview"), in_toc=False)
    put(ws, 1, 1, v.t(meta.title), font=TITLE_FONT, border=False, wrap=False)
    row = 3
    for key, value in (("organisation", v.t(meta.organisation)), ("author", v.t(meta.author)),
                       ("date", v.date), ("summary", v.t(meta.summary))):
        if value:
            put(ws, row, 1, v.label(key), bold=True)
            put(ws, row, 2, value)
            row += 1
    row += 1
    put(ws, row, 1, v.label("contents"), font=HEADER_FONT, fill=HEADER_FILL)
    book.toc_anchor = (ws, row + 1)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 80
    page_setup(ws, landscape=False)


def _write_toc(book: _Book) -> None:
    ws, row = book.toc_anchor
    for i, title in enumerate(book.toc):
        cell = put(ws, row + i, 1, title, font=Font(color="0563C1", underline="single"))
        quoted = title.replace("'", "''")
        cell.hyperlink = f"#'{quoted}'!A1"


# The canonical canvas grid: (block, first column, last column, first row, last row) on 10 columns.
_GRID = [("key_partners", 1, 2, 3, 6), ("key_activities", 3, 4, 3, 4), ("key_resources", 3, 4, 5, 6),
         ("value_propositions", 5, 6, 3, 6), ("relationships", 7, 8, 3, 4), ("channels", 7, 8, 5, 6),
         ("segments", 9, 10, 3, 6), ("cost_structure", 1, 5, 7, 8), ("revenue_streams", 6, 10, 7, 8)]


def _canvas(book: _Book) -> None:
    v = book.v
    ws = book.sheet(v.label("canvas"), landscape=True)
    put(ws, 1, 1, v.t(v.model.meta.title) + " — " + v.label("canvas"), font=TITLE_FONT, border=False, wrap=False)
    entries = v.canvas_entries()
    for block, c1, c2, r1, r2 in _GRID:
        put(ws, r1, c1, v.label(block), font=HEADER_FONT, fill=HEADER_FILL)
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r1, end_column=c2)
        put(ws, r1 + 1, c1, "\n".join(f"• {e}" for e in entries[block]), fill=BLOCK_FILL)
        ws.merge_cells(start_row=r1 + 1, start_column=c1, end_row=r2, end_column=c2)
    for col in range(1, 11):
        ws.column_dimensions[get_column_letter(col)].width = 16
    for row, height in ((4, 120), (6, 120), (8, 90)):
        ws.row_dimensions[row].height = height
    put(ws, 10, 1, v.label("attribution"), border=False, wrap=False, font=Font(italic=True, size=8))
    page_setup(ws, landscape=True)
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
    book.table(v.label("segments"), [v.label(k) for k in ("id", "name", "description", "concerns",
                                                          "demographics", "size")], rows, landscape=True)


def _persona(book: _Book, p) -> None:
    v = book.v
    ws = book.sheet(f"{v.label('persona')} - {v.t(p.name)}")
    put(ws, 1, 1, v.t(p.name), font=TITLE_FONT, border=False, wrap=False)
    fields = [
        ("segment", v.segment_name(p.segment)), ("age", p.age if p.age is not None else ""),
        ("gender", v.t(p.gender)), ("occupation", v.t(p.occupation)), ("location", v.t(p.location)),
        ("education", v.t(p.education)), ("social_class", v.t(p.social_class)),
        ("income", v.t(p.income)), ("bio", v.t(p.bio)), ("hobbies", v.ts(p.hobbies)),
        ("purchase_habits", v.ts(p.purchase_habits)), ("buying_methods", v.ts(p.buying_methods)),
        ("interest", v.t(p.interest)), ("need", v.t(p.need)), ("goals", v.ts(p.goals)),
        ("frustrations", v.ts(p.frustrations)), ("quote", v.t(p.quote)),
        ("archetype", v.vocab("archetypes", p.archetype) if p.archetype else ""),
        ("preferred_channels", [v.channel_name(c) for c in p.channels]),
    ]
    for row, (key, value) in enumerate(fields, start=3):
        put(ws, row, 1, v.label(key), bold=True, fill=BLOCK_FILL)
        put(ws, row, 2, value)
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 70
    page_setup(ws, landscape=False)


def _value_propositions(book: _Book) -> None:
    v = book.v
    types = [k for k, _ in v.vocab_items("value_types")]
    rows = [[p.id, v.t(p.name), [v.segment_name(s) for s in p.segments], v.ts(p.products)]
            + [v.ts(getattr(p.values, t)) for t in types] + [v.ts(p.pains_relieved), v.ts(p.gains_created)]
            for p in v.model.value_propositions]
    headers = ([v.label(k) for k in ("id", "name", "segments", "products")]
               + [label for _, label in v.vocab_items("value_types")]
               + [v.label("pains_relieved"), v.label("gains_created")])
    book.table(v.label("value_propositions"), headers, rows, landscape=True)


def _channels(book: _Book) -> None:
    v, segments = book.v, book.v.model.segments
    headers = [v.label("name"), v.label("category"), v.label("phases")] + [v.t(s.name) for s in segments]
    rows = [[v.t(c.name), v.vocab("channel_categories", c.category),
             ", ".join(v.vocab("channel_phases", ph) for ph in c.phases)]
            + [c.serves.get(s.id, "") for s in segments] for c in v.model.channels]
    book.table(v.label("channel_matrix"), headers, rows, landscape=True)


def _relationships(book: _Book) -> None:
    v = book.v
    rows = [[v.segment_name(r.segment), v.vocab("relationship_types", r.type),
             [v.vocab("motivations", m) for m in r.motivations], v.t(r.description), v.ts(r.tactics)]
            for r in v.model.relationships]
    headers = [v.label(k) for k in ("segment", "type", "motivations", "description", "tactics")]
    book.table(v.label("relationships"), headers, rows, landscape=True)


_JOURNEY_ROWS = ("actions", "thoughts", "emotion", "feelings", "pain_points", "touchpoints",
                 "opportunities", "situation", "interaction", "function")


def _journey(book: _Book, j) -> None:
    v = book.v
    ws = book.sheet(f"{v.label('journey')} - {v.journey_title(j)}"[:60], landscape=True)
    put(ws, 1, 1, v.journey_title(j), font=TITLE_FONT, border=False, wrap=False)
    header_row(ws, 3, [v.label("stage")] + [v.stage_name(s.stage) for s in j.stages])
    for r, key in enumerate(_JOURNEY_ROWS, start=4):
        put(ws, r, 1, v.label(key), bold=True, fill=BLOCK_FILL)
        for c, s in enumerate(j.stages, start=2):
            value = getattr(s, key)
            if key == "touchpoints":
                value = [v.touchpoint(t) for t in value]
            elif isinstance(value, list):
                value = v.ts(value)
            elif key != "emotion":
                value = v.t(value)
            put(ws, r, c, value if value is not None else "")
    ws.freeze_panes = "B4"
    ws.column_dimensions["A"].width = 20
    for c in range(2, len(j.stages) + 2):
        ws.column_dimensions[get_column_letter(c)].width = 30
    page_setup(ws, landscape=True, title_rows="3:3")


def _funnel(book: _Book) -> None:
    v = book.v
    headers = [v.label(k) for k in ("stage", "count", "conversion", "note")]
    stages = v.model.funnel.stages
    ws = book.table(v.label("funnel"), headers,
                    [[v.funnel_name(s), s.count, "", v.t(s.note)] for s in stages])
    for i in range(len(stages) - 1):
        row = 4 + i
        cell = ws.cell(row=row, column=3, value=f"=IF(B{row}=0,\"\",B{row + 1}/B{row})")
        cell.number_format = "0.0%"


def _competitors(book: _Book) -> None:
    v = book.v
    rows = []
    for c in v.model.competitors:
        rows += [[v.t(c.name), v.segment_name(m.segment), m.share if m.share is not None else "",
                  v.t(m.offer), v.t(c.value_chain)] for m in c.markets]
        if not c.markets:  # a competitor not yet placed in a segment still belongs on the sheet
            rows.append([v.t(c.name), "", "", v.t(c.description), v.t(c.value_chain)])
    headers = [v.label(k) for k in ("name", "segment", "share", "offer", "value_chain")]
    book.table(v.label("competitors"), headers, rows, landscape=True)


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
                         v.vocab(vocabulary, kind) if kind else v.t(getattr(item, "pricing", None))])
    headers = [v.label(k) for k in ("other_blocks", "name", "description")]
    headers.append(f"{v.label('type')} / {v.label('pricing')}")
    book.table(v.label("other_blocks"), headers, rows, landscape=True)


def render(view: View) -> bytes:
    """The workbook of `view` as .xlsx bytes (identical for identical input)."""
    book = _Book(view)
    _overview(book)
    _canvas(book)
    _segments(book)
    for p in view.model.personas:
        _persona(book, p)
    _value_propositions(book)
    _channels(book)
    _relationships(book)
    for j in view.model.journeys:
        _journey(book, j)
    _funnel(book)
    _competitors(book)
    _other_blocks(book)
    _write_toc(book)
    for ws in book.wb.worksheets:
        fit_rows(ws)
    props = book.wb.properties
    props.title = clean(view.t(view.model.meta.title))
    props.creator = clean(view.t(view.model.meta.author)) or "canvas"
    props.language = view.lang
    return deterministic_bytes(book.wb)
