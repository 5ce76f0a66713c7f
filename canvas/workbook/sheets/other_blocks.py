"""The other canvas blocks (revenue streams, key resources, activities, partners, costs): one
table, a row per entry, its block in the first column. Which columns a block has comes from the
model: a resource has a type, a revenue stream a pricing and segments, a partner neither."""
from __future__ import annotations

import typing

from ...blocks import OTHER
from ...model import BusinessModel
from ...vocab import vocabularies
from .. import table
from ..book import Book
from ..kinds import AMOUNT, TEXT, Kind, Refs, Text, Vocab, as_text, plain
from ..reader import Reader
from ...evidence import FIELDS
from ..table import Col, Table
from . import evidence_columns


class BlockName(Kind):
    """Which block a row belongs to, shown as the block's label."""

    guide = "block"

    def guide_params(self, v):
        return {"choices": ", ".join(v.label(b) for b in OTHER) if v.lang == "en"
                else "، ".join(v.label(b) for b in OTHER), "example": v.label(OTHER[0])}

    def write(self, v, value):
        return v.label(value) if value else ""

    def validate(self, book, ws, ref):
        book.dropdown(ws, ref, "other_blocks", [book.v.label(b) for b in OTHER])

    def read(self, rd, at, cell):
        value = as_text(plain(cell))
        if value is None:
            return None
        key = rd.key_of(value)
        if key not in OTHER:
            rd.error(at, "not_block", value=value, choices=", ".join(rd.label(b) for b in OTHER))
        return key if key in OTHER else None


class BlockType(Text):
    """The type of a key resource or a cost, as its label (read by `read` below, once the row's
    block is known)."""

    guide = "block_type"

    def guide_params(self, v):
        return {"resources": v.label("key_resources"), "costs": v.label("cost_structure"),
                "example": v.vocab("resource_types", next(iter(vocabularies()["resource_types"])))}

    def validate(self, book, ws, ref):
        book.dropdown(ws, ref, "block_types", _type_labels(book.v), strict=False)


def _type_labels(v) -> list[str]:
    """The labels of every block's types (the dropdown of the Type column)."""
    return [label for block in OTHER if (vocabulary := type_vocabulary(block))
            for _, label in v.vocab_items(vocabulary)]


TABLE = Table("other_blocks", "other_blocks", block=OTHER, keys=("block",), columns=(
    Col("block", "block", BlockName(), aliases=("other_blocks",)), Col("name", "name", TEXT), Col("description", "description", TEXT),
    Col("type", "type", BlockType()), Col("pricing", "pricing", TEXT),
    Col("segments", "segments", Refs("segments")), Col("amount", "amount", AMOUNT),
    Col("period", "period", Vocab("periods")), *evidence_columns()))


def _item_class(block: str):
    return typing.get_args(BusinessModel.model_fields[block].annotation)[0]


def type_vocabulary(block: str) -> str | None:
    """The vocabulary of a block's 'type' field (resource_types...), read from the model."""
    field = _item_class(block).model_fields.get("type")
    if field is None:
        return None
    literal = next(a for a in typing.get_args(field.annotation) if typing.get_args(a))
    values = set(typing.get_args(literal))
    return next(name for name, entries in vocabularies().items() if set(entries) == values)


def write(book: Book) -> None:
    v = book.v
    rows = []
    for block in OTHER:
        vocabulary = type_vocabulary(block)
        for item in getattr(v.model, block):
            row = {k: getattr(item, k, None) for k in ("name", "description", "pricing", "segments", "amount", "period",
                                                       *FIELDS)}
            kind = getattr(item, "type", None)
            rows.append(dict(row, block=block, type=v.vocab(vocabulary, kind) if kind else None))
    table.write(book, TABLE, list(TABLE.columns), rows)


def read(rd: Reader) -> None:
    blocks: dict[str, list] = {b: [] for b in OTHER}
    found = table.read(rd, TABLE, list(TABLE.columns))
    for r in [] if found is None else found.rows:
        block = r.data.pop("block", None)
        if block is None:  # not a block (an error says so): the row cannot be placed
            rd.refused.add((found.sheet.title, r.row))
            continue
        fields = _item_class(block).model_fields
        for key in list(r.data):
            if key not in fields:  # not imported, and said at its cell (a wrong column stops nothing)
                rd.warn(r.places[(key,)], "no_field", block=rd.label(block), field=rd.label(key))
                del r.data[key]
        vocabulary = type_vocabulary(block)
        if vocabulary and r.data.get("type"):
            r.data["type"] = rd.vocab(vocabulary, r.data["type"], r.places[("type",)])
        blocks[block].append(r.data)
        r.place(rd, (block, len(blocks[block]) - 1))
    for block, entries in blocks.items():
        rd.data[block] = entries
