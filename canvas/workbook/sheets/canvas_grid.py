"""The Business Model Canvas sheet: the nine blocks as boxes of entry names, a real view of the
model that is read back.

Merge rule (README, "Importing"): the detail sheets hold the entries; a canvas box that differs
from what canvas wrote adds the entries it names and its sheet lacks (segments, propositions and
plain blocks by name, relationships as 'segment: type'). A name removed from a box while its
entry is still on its sheet is kept, with a warning saying where to delete it.
"""
from __future__ import annotations

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ...blocks import CANVAS
from ..book import Book
from ..kinds import LINES, norm
from ..kit import merge, page_setup, put
from ..reader import At, Reader
from . import give_ids, shown_ids, titles

ROLE = "canvas"
ID_PREFIX = {"segments": "s", "value_propositions": "vp"}


EXCEL_MAX_ROW = 409  # pt: the tallest row Excel keeps (it cuts a taller one to this)
BODY_SIZE, MIN_SIZE = 11, 7  # pt: a box's type, and the smallest it is set in to fit its row


def write(book: Book) -> None:
    v = book.v
    ws = book.sheet(v.label("canvas"))
    book.role(ws, ROLE)
    book.title(ws, "canvas")
    entries = v.canvas_entries()
    headers = {block.canvas[2] for block in CANVAS}
    heights: dict[int, float] = {}
    for block in CANVAS:
        c1, c2, r1, r2 = block.canvas
        put(ws, r1, c1, v.label(block.key), font=book.th.header_font, fill=book.th.header_fill)
        merge(ws, start_row=r1, start_column=c1, end_row=r1, end_column=c2)
        # The fullest box over a row sets its height (header rows stay one line), so nothing is
        # cut; a box Excel's tallest rows cannot hold gets smaller type instead.
        rows = [r for r in range(r1 + 1, r2 + 1) if r not in headers]
        lines = sum(1 + len(e) // 30 for e in entries[block.key])
        per_row = 15 * lines / len(rows) + 15
        size = max(MIN_SIZE, int(BODY_SIZE * (EXCEL_MAX_ROW - 15) / (per_row - 15))) if per_row > EXCEL_MAX_ROW \
            else BODY_SIZE
        book.entry(ws, r1 + 1, c1, "\n".join(f"• {e}" for e in entries[block.key]), fill=book.th.block_fill,
                   font=Font(size=size))
        merge(ws, start_row=r1 + 1, start_column=c1, end_row=r2, end_column=c2)
        LINES.validate(book, ws, ws.cell(row=r1 + 1, column=c1).coordinate)
        for row in rows:
            heights[row] = max(heights.get(row, 0), min(max(90, per_row * size / BODY_SIZE), EXCEL_MAX_ROW))
    book.place(LINES, ws.title)
    book.notes["canvas_boxes"] = entries
    for col in range(1, 11):
        ws.column_dimensions[get_column_letter(col)].width = 16
    for row, height in heights.items():
        ws.row_dimensions[row].height = height
    book.output(ws, 10, 1, v.label("attribution"), border=False, wrap=False, font=Font(italic=True, size=8))
    page_setup(ws, landscape=True)
    if v.paper == "a3":
        ws.page_setup.paperSize = ws.PAPERSIZE_A3
    ws.page_setup.fitToHeight = 1  # one page, as the report's canvas: rows are at most 409 pt


def read(rd: Reader) -> None:
    """Apply the boxes that were edited (after every detail sheet has been read)."""
    sheet = rd.sheet(ROLE, *titles("canvas"))
    if sheet is None:
        return
    built = rd.setting("canvas_boxes", {})
    headers = {}
    for row, col in sheet.filled():
        key = rd.key_of(sheet.cell(row, col).value)
        if key in {b.key for b in CANVAS} and key not in headers:
            headers[key] = (row, col)
            rd.claim(sheet, row, col)
    for block in sorted(CANVAS, key=lambda b: b.key != "segments"):  # new segments first: other boxes name them
        if block.key not in headers:
            rd.error(At(sheet.title, 1, 1), "label_missing", label=rd.label(block.key))
            continue
        row, col = headers[block.key]
        at = At(sheet.title, row + 1, col)
        lines = rd.read(sheet, row + 1, col, LINES)
        before = built.get(block.key) if isinstance(built.get(block.key), list) else None
        if before is not None and [norm(x) for x in lines] == [norm(x) for x in before]:
            continue
        _apply(rd, block.key, lines, before, at)


def _names(rd: Reader, block: str) -> list[tuple[str, dict]]:
    """(name as the box shows it, entry) of a block's entries as read from its sheet."""
    entries = rd.data.get(block) or []
    if block == "relationships":
        segment = rd.names.get("segments", {})
        return [(f"{segment.get(e.get('segment'), e.get('segment'))}: {_type_label(rd, e.get('type'))}", e)
                for e in entries]
    return [(str(e.get("name") or ""), e) for e in entries]


def _type_label(rd: Reader, kind) -> str:
    from ...vocab import label
    return label("relationship_types", kind, rd.lang) if kind else ""


def _apply(rd: Reader, block: str, lines: list[str], before: list[str] | None, at: At) -> None:
    existing = _names(rd, block)
    known = {norm(name) for name, _ in existing}
    old = {norm(x) for x in before or []}
    shown = {norm(x) for x in lines}
    for line in lines:
        if norm(line) in known or norm(line) in old:
            continue
        entry = _entry(rd, block, line, at)
        if entry is not None:
            entries = rd.data.setdefault(block, [])
            entries.append(entry)
            rd.where[(block, len(entries) - 1, "name")] = str(at)
            known.add(norm(line))
    sheet = rd.label("other_blocks") if block not in ("segments", "value_propositions", "channels",
                                                      "relationships") else rd.label(block)
    for name, _ in existing:
        if norm(name) not in shown and (before is None or norm(name) in old):
            rd.warn(at, "canvas_removed", name=name, sheet=sheet)


def _entry(rd: Reader, block: str, line: str, at: At) -> dict | None:
    """A new entry named on the canvas, or None (with an error) if it needs more than a name."""
    if block == "channels":
        rd.error(at, "canvas_needs", what=rd.say("what_channels"), name=line, field=rd.label("category"),
                 sheet=rd.label("channel_matrix"))
        return None
    if block == "relationships":
        segment, sep, kind = line.rpartition(":")
        if not sep or not segment.strip() or not kind.strip():
            example = next(iter(_names(rd, block)), (f"{rd.label('segment')}: {_type_label(rd, 'self_service')}",))[0]
            rd.error(at, "relationship_line", value=line, example=example)
            return None
        segment_id = rd.ref("segments", segment.strip(), at)
        type_id = rd.vocab("relationship_types", kind.strip(), at)
        return {"segment": segment_id, "type": type_id} if segment_id and type_id else None
    entry = {"name": line}
    if block in ID_PREFIX:
        give_ids([entry], ID_PREFIX[block], {e.get("id") for e in rd.data.get(block) or []} | shown_ids(rd, block))
    if block == "segments":  # later lines of other boxes may name it
        rd.index("segments", rd.data.get("segments", []) + [entry])
    return entry
