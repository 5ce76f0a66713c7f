"""Competitors: a row per competitor and segment it competes in (market share, offer). What
belongs to the competitor itself (name, description, value chain) is on its first row; its other
rows carry its id. Two different values for one competitor are reported with both cells."""
from __future__ import annotations

from openpyxl.formatting.rule import DataBarRule
from openpyxl.utils import get_column_letter

from .. import table
from ..book import Book, column_ref
from ..kinds import ID, LINES, TEXT, Percent, Ref, norm
from ..reader import Reader
from ..table import Col, Table
from ...evidence import FIELDS
from . import evidence_columns, give_ids, shown_ids

OWN = ("name", "description", "value_chain", "price", "strengths", "weaknesses", *FIELDS)  # the competitor's, not a market's
MARKET = ("segment", "share", "offer")
SHARE = Percent()
TABLE = Table("competitors", "competitors", block="competitors", columns=(
    Col("id", "id", ID), Col("name", "name", TEXT), Col("description", "description", TEXT),
    Col("value_chain", "value_chain", TEXT), Col("price", "price", TEXT), Col("strengths", "strengths", LINES),
    Col("weaknesses", "weaknesses", LINES), Col("segment", "segment", Ref("segments")),
    Col("share", "share", SHARE), Col("offer", "offer", TEXT), *evidence_columns()))


def write(book: Book) -> None:
    rows = []
    for c in book.v.model.competitors:
        own = {"id": c.id, **{k: getattr(c, k) for k in OWN}}
        for i, m in enumerate(c.markets or [None]):
            market = {k: getattr(m, k) for k in MARKET} if m is not None else {}
            rows.append({**(own if i == 0 else {"id": c.id}), **market})
    ws = table.write(book, TABLE, list(TABLE.columns), rows)
    last = ws.max_row
    share = next(i for i, c in enumerate(TABLE.columns, start=1) if c.field == "share")
    letter = get_column_letter(share)
    ws.column_dimensions[letter].width = max(16, ws.column_dimensions[letter].width or 0)
    ws.conditional_formatting.add(column_ref(share, 4, last), DataBarRule(
        start_type="num", start_value=0, end_type="num", end_value=100, color="5B9BD5"))


def read(rd: Reader) -> None:
    found = table.read(rd, TABLE, list(TABLE.columns))
    groups: list[dict] = []
    places: list[dict] = []
    by_key: dict[str, int] = {}
    for r in [] if found is None else found.rows:
        key = r.data.get("id") or (norm(r.data["name"]) if r.data.get("name") else None)
        index = by_key.get(key) if key is not None else (len(groups) - 1 if groups else None)
        if index is None:
            index = len(groups)
            groups.append({"id": r.data.get("id"), "markets": []})
            places.append({})
            for k in ("id", "name"):
                if r.data.get(k):
                    by_key[r.data[k] if k == "id" else norm(r.data[k])] = index
        group, where = groups[index], places[index]
        for k in OWN:
            if k not in r.data:
                continue
            if k in group and norm(group[k]) != norm(r.data[k]):
                rd.error(r.places[(k,)], "conflict", value=r.data[k], other=group[k], place=where[(k,)])
            elif k not in group:
                group[k] = r.data[k]
                where[(k,)] = r.places[(k,)]
                if k == "name":
                    by_key.setdefault(norm(r.data[k]), index)
        if any(k in r.data for k in MARKET):
            m = len(group["markets"])
            group["markets"].append({k: r.data[k] for k in MARKET if k in r.data})
            where.update({("markets", m, k): r.places[(k,)] for k in MARKET if (k,) in r.places})
    give_ids(groups, "k", shown_ids(rd, "competitors"))
    for i, where in enumerate(places):
        for path, at in where.items():
            rd.where[("competitors", i) + path] = str(at)
    rd.data["competitors"] = groups
