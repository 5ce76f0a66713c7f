"""The last step of reading: cells nobody read. An output cell canvas wrote (a heading, a formula,
the contents, the health sheet) that was changed, and any filled cell outside the layout, are
reported as warnings with their cell, so nothing typed is dropped without a word."""
from __future__ import annotations

from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from .grid import blank
from .kinds import as_text, norm, number, plain
from .reader import At, Reader


def check_outputs(rd: Reader) -> None:
    """Each output cell still holds what canvas wrote there (a formula still a formula)."""
    outputs = rd.setting("outputs", {})
    if not outputs:
        _guess_outputs(rd)
    for role, cells in (outputs or {}).items():
        sheet = _role_sheet(rd, role)
        if sheet is None or not isinstance(cells, dict):
            continue
        for coordinate, written in cells.items():
            letter, row = coordinate_from_string(coordinate)
            col = column_index_from_string(letter)
            if (sheet.title, row, col) in rd.claimed:
                continue
            cell = rd.claim(sheet, row, col)
            if not _same(str(written), cell):
                rd.warn(At(sheet.title, row, col), "output_changed", value=as_text(plain(cell)) or "")


def _role_sheet(rd: Reader, role: str):
    """The sheet of a role, by its defined name, else as the sheets' readers found it."""
    target = rd.book.names.get(f"canvas_{role}")
    if target is not None and rd.book.sheet(target[0]) is not None:
        return rd.book.sheet(target[0])
    kind, _, number = role.rpartition("_")
    if number.isdigit() and kind in ("persona", "journey"):
        sheets = rd.numbered(kind, kind)
        return sheets[int(number) - 1] if int(number) <= len(sheets) else None
    from ..view import labels
    from .sheets import titles
    return rd.roles.get(role) or (rd.sheet(role, *titles(role)) if role in labels() else None)


def _guess_outputs(rd: Reader) -> None:
    """Without the hidden sheet's record of what canvas wrote (a program dropped it), take as
    canvas's own the cells holding a label, a sheet's title or a heading, and the health sheet."""
    from ..view import labels
    from ..vocab import vocabularies

    known = {norm(t) for texts in labels().values() for t in texts.values() if isinstance(t, str)}
    known |= {norm(n) for entries in vocabularies().values() for names in entries.values() for n in names.values()}
    known |= {norm(s.title) for s in rd.book.sheets}
    title = norm((rd.data.get("meta") or {}).get("title") or "")
    for role in ("persona", "journey"):  # their headings: a name, a title
        for sheet in rd.numbered(role, role):
            rd.claim(sheet, 1, 1)
    overview = rd.roles.get("overview")
    contents = next((r for r, c in overview.filled() if rd.key_of(overview.cell(r, c).value) == "contents"),
                    None) if overview is not None else None
    for sheet in rd.book.sheets:
        whole = rd.key_of(sheet.title) in ("health", "instructions", "fit", "assumptions")  # canvas's own sheets, nothing on them read
        for row, col in sheet.filled():
            text = norm(as_text(sheet.cell(row, col).value) or "")
            toc = sheet is overview and contents is not None and row > contents
            if whole or toc or text in known or (title and text.startswith(title)) or sheet.cell(row, col).formula:
                rd.claim(sheet, row, col)


def _same(written: str, cell) -> bool:
    if written.startswith("="):
        return cell.formula
    value = plain(cell)
    if value is None:
        return not written.strip()
    a, _ = number(written)
    b, _ = number(value)
    if a is not None and b is not None:
        return abs(float(a) - float(b)) < 1e-9
    return norm(as_text(value)) == norm(written)


def check_unread(rd: Reader) -> None:
    """Every filled cell of the visible sheets was read, or is a label or output of canvas."""
    skip = rd.machine_sheets()
    known = {s.title for s in rd.roles.values()} | {t[0] for n, t in rd.book.names.items() if n.startswith("canvas_")}
    for sheet in rd.book.sheets:
        if sheet.title in skip:
            continue
        stray = [(r, c) for r, c in sheet.filled() if (sheet.title, r, c) not in rd.claimed]
        if not stray:
            continue
        if sheet.title not in known:  # a sheet of the user's own: one warning for all of it
            rd.warn(At(sheet.title, *stray[0]), "sheet_unknown", sheet=sheet.title, n=len(stray))
            continue
        for r, c in stray:
            cell = sheet.cell(r, c)
            if not blank(cell):
                rd.warn(At(sheet.title, r, c), "stray", value=_short(as_text(plain(cell)) or ""))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"
