"""A sheet per persona, as a card: profile, habits, need and interest, goals and frustrations."""
from __future__ import annotations

from .. import cards
from ..book import Book
from ..cards import Pair, Section
from ..kinds import LINES, TEXT, Number, Ref, Refs, Vocab
from ..kit import page_setup
from ..reader import Reader
from . import card_entry, gone, keep

ROLE = "persona"
CARD = (
    Section("profile", (
        Pair("name", "name", TEXT), Pair("id", "id", TEXT),
        Pair("segment", "segment", Ref("segments")), Pair("archetype", "archetype", Vocab("archetypes")),
        Pair("age", "age", Number(low=0, high=130)), Pair("gender", "gender", TEXT),
        Pair("occupation", "occupation", TEXT), Pair("education", "education", TEXT),
        Pair("location", "location", TEXT), Pair("income", "income", TEXT),
        Pair("social_class", "social_class", TEXT), Pair("photo", "photo", TEXT),
        Pair("bio", "bio", TEXT, wide=True))),
    Section("habits", (
        Pair("hobbies", "hobbies", LINES), Pair("purchase_habits", "purchase_habits", LINES),
        Pair("buying_methods", "buying_methods", LINES), Pair("preferred_channels", "channels", Refs("channels")))),
    Section("needs", (Pair("need", "need", TEXT), Pair("interest", "interest", TEXT))),
    Section("goals_frustrations", (
        Pair("goals", "goals", LINES), Pair("frustrations", "frustrations", LINES),
        Pair("quote", "quote", TEXT, wide=True, italic=True))),
)


def write(book: Book) -> None:
    v = book.v
    for number, p in enumerate(v.model.personas, start=1):
        ws = book.sheet(f"{v.label('persona')} - {v.t(p.name) or v.num(number)}")
        book.role(ws, f"{ROLE}_{number}")
        for col, width in zip("ABCD", (20, 38, 20, 38)):
            ws.column_dimensions[col].width = width
        book.output(ws, 1, 1, v.t(p.name) or f"{v.label('persona')} {v.num(number)}", font=book.th.title_font,
                    border=False, wrap=False)
        cards.write(book, ws, CARD, p, row=3)
        page_setup(ws, landscape=False)


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
