"""Pain relievers and gain creators: a row per one of a value proposition (its proposition, which
of the two it is, its text, and the ids of the pains or gains it addresses, a line each)."""
from __future__ import annotations

from .. import table
from ..book import Book
from ..kinds import TEXT, Addresses, Ref, Vocab
from ..reader import Reader
from ..table import Col, Table
from ...evidence import FIELDS
from . import entry_rows, evidence_columns

KINDS = {"pain_relievers": "pains", "gain_creators": "gains"}  # a row's kind -> the ids it names
TABLE = Table("relievers", "relievers", block="value_propositions", keys=("proposition",), columns=(
    Col("proposition", "proposition", Ref("value_propositions")), Col("fit_entry", "entry", Vocab("fit_entries")),
    Col("text", "text", TEXT), Col("addresses", "addresses", Addresses()), *evidence_columns()))


def write(book: Book) -> None:
    rows = [{"proposition": p.id, "entry": kind, "text": m.text, "addresses": getattr(m, needs),
             **{k: getattr(m, k) for k in FIELDS}}
            for p in book.v.model.value_propositions for kind, needs in KINDS.items() for m in getattr(p, kind)]
    table.write(book, TABLE, list(TABLE.columns), rows)


def read(rd: Reader) -> None:
    propositions = rd.data.get("value_propositions") or []
    position = {e.get("id"): i for i, e in enumerate(propositions)}
    found = table.read(rd, TABLE, list(TABLE.columns))
    counts: dict[tuple, int] = {}
    for kind, proposition, r in entry_rows(rd, found, TABLE.role, "proposition"):
        needs = KINDS[kind]
        at = r.places.get(("addresses",))
        named = [rd.ref(needs, text, at) for text in r.data.pop("addresses", [])]
        i = position[proposition]
        j = counts[(i, kind)] = counts.get((i, kind), -1) + 1
        propositions[i].setdefault(kind, []).append({**r.data, needs: [n for n in named if n]})
        for path, cell in r.places.items():
            field = {"addresses": needs}.get(path[0], path[0])
            if field in ("text", needs, *FIELDS):
                rd.where[("value_propositions", i, kind, j, field)] = str(cell)
        rd.where.setdefault(("value_propositions", i, kind, j), str(r.places.get(("text",)) or at))
