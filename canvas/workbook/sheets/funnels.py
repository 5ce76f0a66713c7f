"""The named funnels (model.funnels: the other side of a two-sided business): a row per stage.
What belongs to the funnel itself (name, period, techniques) is on its first row; its other rows
carry its id. Two different values for one funnel are reported with both cells."""
from __future__ import annotations

from ...vocab import vocabularies
from .. import table
from ..book import Book
from ..kinds import COUNT, ID, LINES, TEXT, Suggested, Vocab, norm
from ..reader import Reader
from ..table import Col, Table
from ...evidence import FIELDS
from . import evidence_columns, give_ids, shown_ids

OWN = ("name", "period", "techniques")  # fields of the funnel, not of a stage
STAGE = ("label", "count", "note", "stage", *FIELDS)
TABLE = Table("funnels", "funnels", block="funnels", columns=(
    Col("funnel_id", "id", ID), Col("funnel_name", "name", TEXT), Col("period", "period", Vocab("periods")),
    Col("stage", "label", Suggested("funnel_stages")), Col("count", "count", COUNT), Col("note", "note", TEXT),
    Col("id", "stage", ID), Col("techniques", "techniques", LINES), *evidence_columns()))


def write(book: Book) -> None:
    v = book.v
    rows = []
    for f in v.model.funnels:
        own = {"id": f.id, **{k: getattr(f, k) for k in OWN}}
        for i, s in enumerate(f.stages or [None]):
            stage = {"label": v.funnel_name(s), "count": s.count, "note": s.note, "stage": s.stage,
                     **{k: getattr(s, k) for k in FIELDS}} if s else {}
            rows.append({**(own if i == 0 else {"id": f.id}), **stage})
    table.write(book, TABLE, list(TABLE.columns), rows)


def read(rd: Reader) -> None:
    found = table.read(rd, TABLE, list(TABLE.columns))
    names = {norm(n): k for k, ns in vocabularies()["funnel_stages"].items() for n in ns.values()}
    groups: list[dict] = []
    places: list[dict] = []
    by_key: dict[str, int] = {}
    for r in [] if found is None else found.rows:
        data = r.data
        key = data.get("id") or (norm(data["name"]) if data.get("name") else None)
        index = by_key.get(key) if key is not None else (len(groups) - 1 if groups else None)
        if index is None:
            index = len(groups)
            groups.append({"id": data.get("id"), "stages": []})
            places.append({})
            for k in ("id", "name"):
                if data.get(k):
                    by_key[data[k] if k == "id" else norm(data[k])] = index
        group, where = groups[index], places[index]
        for k in OWN:
            if k not in data:
                continue
            if k in group and norm(group[k]) != norm(data[k]):
                rd.error(r.places[(k,)], "conflict", value=data[k], other=group[k], place=where[(k,)])
            elif k not in group:
                group[k] = data[k]
                where[(k,)] = r.places[(k,)]
                if k == "name":
                    by_key.setdefault(norm(data[k]), index)
        if any(k in data for k in STAGE):
            label = data.get("label")
            stage = {"stage": data.get("stage") or names.get(norm(label or ""))}
            builtin = vocabularies()["funnel_stages"].get(stage["stage"] or "", {})
            if label and norm(label) not in {norm(n) for n in builtin.values()}:
                stage["name"] = label
            stage.update({k: data[k] for k in ("count", "note", *FIELDS) if k in data})
            n = len(group["stages"])
            group["stages"].append(stage)
            moved = {"label": "name"}
            where.update({("stages", n, moved.get(k, k)): r.places[(k,)] for k in STAGE if (k,) in r.places})
    give_ids(groups, "f", shown_ids(rd, "funnels"))
    for i, where in enumerate(places):
        for path, at in where.items():
            rd.where[("funnels", i) + path] = str(at)
    rd.data["funnels"] = groups
