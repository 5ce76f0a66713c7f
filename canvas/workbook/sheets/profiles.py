"""Customer profiles: a row per job, pain or gain of a segment (its segment, which of the three it
is, id, text, kind of job, importance). Pain and gain ids are unique over the workbook: the
Relievers & creators sheet names them. Rows of a segment need not be together."""
from __future__ import annotations

from .. import table
from ..book import Book
from ..kinds import ID, TEXT, Ref, Vocab
from ..reader import Reader
from ..table import Col, Table
from ...evidence import FIELDS
from . import entry_rows, evidence_columns, give_ids

KINDS = ("jobs", "pains", "gains")
PREFIX = {"jobs": "jo", "pains": "pa", "gains": "ga"}
TABLE = Table("profiles", "customer_profiles", block="segments", keys=("id", "segment"), columns=(
    Col("segment", "segment", Ref("segments")), Col("profile_entry", "entry", Vocab("profile_entries")),
    Col("id", "id", ID), Col("text", "text", TEXT), Col("job_kind", "kind", Vocab("job_kinds")),
    Col("importance", "importance", Vocab("importance")), *evidence_columns("importance")))


def write(book: Book) -> None:
    rows = [{"segment": s.id, "entry": kind, "id": e.id, "text": e.text, "kind": getattr(e, "kind", None),
             **{k: getattr(e, k) for k in FIELDS}}
            for s in book.v.model.segments for kind in KINDS for e in getattr(s, kind, None) or []]
    table.write(book, TABLE, list(TABLE.columns), rows)


def read(rd: Reader) -> None:
    segments = rd.data.get("segments") or []
    position = {e.get("id"): i for i, e in enumerate(segments)}
    found = table.read(rd, TABLE, list(TABLE.columns))
    entries: dict[str, list] = {kind: [] for kind in KINDS}
    for kind, segment, r in entry_rows(rd, found, TABLE.role, "segment"):
        if kind != "jobs" and "kind" in r.data:  # only a job has a kind: said at its cell
            rd.warn(r.places[("kind",)], "no_field", block=rd.label(kind), field=rd.label("job_kind"))
            del r.data["kind"]
        entries[kind].append((segment, r))
    for kind, rows in entries.items():
        give_ids([r.data for _, r in rows], PREFIX[kind])
        counts: dict[str, int] = {}
        for segment, r in rows:
            i = position[segment]
            j = counts[segment] = counts.get(segment, -1) + 1
            segments[i].setdefault(kind, []).append(r.data)
            for path, at in r.places.items():
                if path[0] not in ("entry", "segment"):
                    rd.where[("segments", i, kind, j) + path] = str(at)
            rd.where.setdefault(("segments", i, kind, j), str(r.places.get(("id",)) or r.places.get(("text",))))
        if kind != "jobs":
            rd.index(kind, [{"id": r.data["id"], "name": r.data.get("text")} for _, r in rows])
