"""What the matrix sheets share: a column per segment, headed by its name, found again by that
name (as it is now, as it was built, or the segment's id)."""
from __future__ import annotations

from typing import Callable

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from ...view import View
from ..kinds import Kind
from ..reader import At, Reader
from ..refs import shown
from ..table import Col, Found


# A matrix with more segments than this lists them instead (a value map row's segments one per
# line, a channel's strengths as 'segment: strength' lines): a column per segment is unreadable
# long before Excel runs out of columns (16,384; past 18,278 openpyxl cannot even name one).
WIDEST = 30
LISTED = "matrices_listed"  # the setting that says the matrices were written as lists


def listed(v: View) -> bool:
    """Whether the segment matrices of `v` are written as lists."""
    return len(v.model.segments) > WIDEST


def segment_headers(v: View) -> list[tuple[str, object]]:
    """(header, segment) of the segment columns: the segment as a reference cell shows it (its
    name, or 'Name [id]' where the name alone does not say which)."""
    return [(shown(v, "segments", s.id), s) for s in v.model.segments]


def record_headers(book, ws, columns: list[Col], key: str) -> None:
    """Remember each segment column's header as written (made unique), so import finds it."""
    written = book.notes.setdefault(key, {})
    for c, col in enumerate(columns, start=1):
        if col.literal:
            written[str(ws.cell(row=3, column=c).value)] = _segment_of(col)


def _segment_of(col: Col) -> str:
    return getattr(col.kind, "key", "") or col.field.rsplit(".", 1)[-1]


def segment_column(rd: Reader, key: str, make: Callable[[str], tuple[str, Kind]]) -> Callable[[str], Col | None]:
    """A `dynamic` column maker for table.read: a header naming a segment becomes the column
    `make(segment id)` gives, as (field, kind). A header as canvas wrote it is the segment it was
    written for (its id is recorded), even if another segment has that name now."""
    written = rd.setting(key, {})

    def column(header: str) -> Col | None:
        seg = written.get(header.strip())
        if seg not in rd.names.get("segments", {}):
            seg = rd.quiet_ref("segments", header)
        if seg not in rd.names.get("segments", {}):  # a segment deleted since: its column is unknown
            return None
        field, kind = make(seg)
        return Col(header, field, kind, literal=True)
    return column


def require_segments(rd: Reader, found: Found, key: str) -> None:
    """Every segment that had a column when the workbook was built must still have one."""
    present = {_segment_of(col) for col in found.columns.values() if col.literal}
    built = set(rd.setting(key, {}).values())
    for seg_id, name in rd.names.get("segments", {}).items():
        if seg_id in built and seg_id not in present:
            rd.error(At(found.sheet.title, found.header, 1), "segment_column_missing", name=name)


def shade_marks(ws, first_row: int, last_row: int, first_col: int, last_col: int) -> None:
    """Shade every filled cell of a matrix (live: a user's new mark is shaded too)."""
    if last_row < first_row or last_col < first_col:
        return
    ref = f"{get_column_letter(first_col)}{first_row}:{get_column_letter(last_col)}{last_row}"
    top_left = f"{get_column_letter(first_col)}{first_row}"
    ws.conditional_formatting.add(ref, FormulaRule(formula=[f'LEN({top_left})>0'],
                                                   fill=PatternFill("solid", bgColor="BDD7EE")))
