"""A sheet per persona, as a card: profile, habits, need and interest, goals and frustrations."""
from __future__ import annotations

from .. import cards
from ..book import Book
from ..cards import Pair, Section
from ..kinds import ID, LINES, TEXT, Number, Picture, Ref, Refs, Vocab
from openpyxl.utils import get_column_letter, quote_sheetname

from ..kit import page_setup, put
from ..reader import Reader
from . import card_entry, evidence_pairs, gone, keep

ROLE = "persona"
CARD = (
    Section("profile", (
        Pair("name", "name", TEXT), Pair("id", "id", ID),
        Pair("segment", "segment", Ref("segments")), Pair("archetype", "archetype", Vocab("archetypes")),
        Pair("age", "age", Number(low=0, high=130)), Pair("gender", "gender", TEXT),
        Pair("occupation", "occupation", TEXT), Pair("education", "education", TEXT),
        Pair("location", "location", TEXT), Pair("income", "income", TEXT),
        Pair("social_class", "social_class", TEXT), Pair("photo", "photo", Picture()),
        Pair("bio", "bio", TEXT, wide=True))),
    Section("habits", (
        Pair("hobbies", "hobbies", LINES), Pair("purchase_habits", "purchase_habits", LINES),
        Pair("buying_methods", "buying_methods", LINES), Pair("preferred_channels", "channels", Refs("channels")))),
    Section("needs", (Pair("need", "need", TEXT), Pair("interest", "interest", TEXT))),
    Section("goals_frustrations", (
        Pair("goals", "goals", LINES), Pair("frustrations", "frustrations", LINES),
        Pair("quote", "quote", TEXT, wide=True, italic=True))),
    Section("how_sure", evidence_pairs()),
)


def write(book: Book) -> None:
    v = book.v
    names = []
    for number, p in enumerate(v.model.personas, start=1):
        ws = book.sheet(f"{v.label('persona')} - {v.t(p.name) or v.num(number)}")
        book.role(ws, f"{ROLE}_{number}")
        for col, width in zip("ABCD", (20, 38, 20, 38)):
            ws.column_dimensions[col].width = width
        book.output(ws, 1, 1, v.t(p.name) or f"{v.label('persona')} {v.num(number)}", font=book.th.title_font,
                    border=False, wrap=False)
        cards.write(book, ws, CARD, p, row=3, sheets=v.label("personas"))
        page_setup(ws, landscape=False)
        names.append(_name_cell(ws, v.label("name")))
    _names_list(book, names)


def _name_cell(ws, label: str) -> str:
    """The persona's name cell: right of its label."""
    cell = next(c for row in ws.iter_rows(max_col=1) for c in row if c.value == label)
    return f"{quote_sheetname(ws.title)}!${get_column_letter(cell.column + 1)}${cell.row}"


def _names_list(book: Book, names: list[str]) -> None:
    """list_personas: the personas' names as typed on their sheets (formulas on the hidden lists
    sheet, so a name typed on a persona sheet appears in the journeys' persona dropdown)."""
    col = book.list_column()
    for r, cell in enumerate(names or [None], start=1):
        if cell is None:
            put(book.lists, r, col, "", border=False, wrap=False)
        else:
            book.lists.cell(row=r, column=col, value=f'=IF({cell}="","",{cell})')
    book.name_list("personas", book.lists, col, 1, max(len(names), 1))


def read(rd: Reader) -> None:
    built = {p.get("id") for p in (rd.built or {}).get("personas", []) if isinstance(p, dict)}
    rows, seen = [], set()
    for sheet in rd.numbered(ROLE, "persona"):
        data, places = cards.read(rd, sheet, CARD, first_row=2)
        row = card_entry(rd, sheet, ROLE, "personas", data, places, seen)
        if data.get("id") in built or any(v not in (None, [], {}) for k, v in data.items() if k != "id"):
            rows.append(row)  # a persona sheet left empty in a blank worksheet is skipped
    rd.index("personas", keep(rd, "personas", rows, "p"))
    gone(rd, "personas", seen)
