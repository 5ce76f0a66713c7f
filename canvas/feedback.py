"""`canvas feedback`: each student's workbook back, with a comment on every cell that has a finding
and a first sheet, Feedback, listing them all (score, status, each problem and what to do), in the
student's language.

Which workbook comes back:
- a hand-in that imported: canvas's own workbook of it (the sheets the student filled, their
  charts and the Model health sheet), so fixing it and handing it in again works as before;
- a workbook canvas could not import: the student's own file, its cells as typed, with the
  comments on the cells that stopped the import (openpyxl keeps cells, styles, dropdowns and
  comments; charts of that file are not kept: canvas draws them again once the file imports);
- anything else (an .ods, a YAML file or a file canvas cannot read that did not import): a
  workbook with the Feedback sheet alone.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from .summary import FEEDBACK, STATUS_FILLS, HandIn, hand_in, whole

COMMENT_AUTHOR = "canvas"


@dataclass(frozen=True)
class Entry:
    """One line of feedback: its kind (error, warning, info, unread), the cell ('Sheet!C7', or ''
    when it has none in the workbook sent back), what is wrong and what to do."""

    kind: str
    place: str
    message: str
    fix: str = ""
    commented: bool = True  # the cell is in the workbook sent back (else shown as text)


def target(file: str, out_dir: str | Path, under: dict[str, str] | None = None) -> Path:
    """DIR/STEM.feedback.xlsx (in the sub-folder the file was found in)."""
    return Path(out_dir) / (under or {}).get(file, "") / f"{Path(file).stem}.feedback.xlsx"


def feedback_file(file: str, out_dir: str, rubric=None, force: bool = False,
                  under: dict[str, str] | None = None) -> list[str]:
    """Write one student's feedback workbook (a batch task); returns what it wrote."""
    from .messages import say
    from .output import write_all

    found = hand_in(file)
    path = target(file, out_dir, under)
    write_all({path: workbook(found, rubric)}, force=force, lang=found.language)
    return [say("feedback_wrote", found.language, path=path, status=_status_label(found))]


def _status_label(found: HandIn) -> str:
    from .view import labels

    return labels()["status_" + found.status][found.language]


def workbook(found: HandIn, rubric=None) -> bytes:
    """The feedback workbook of one hand-in as .xlsx bytes (same hand-in, same bytes)."""
    from .workbook.kit import deterministic_bytes

    lang = found.language
    if found.model is not None:
        wb, entries = _rendered(found, lang)
    elif found.file.lower().endswith((".xlsx", ".xlsm")) and not found.unreadable:
        wb, entries = _own(found)
    else:
        from openpyxl import Workbook

        wb = Workbook()
        wb.remove(wb.active)
        entries = [Entry("error", p.where, p.message, commented=False) if hasattr(p, "message")
                   else Entry("error", "", str(p), commented=False) for p in found.problems]
    _comment(wb, entries, lang)
    _sheet(wb, found, entries, lang, rubric)
    wb.properties.creator = COMMENT_AUTHOR
    wb.properties.category = FEEDBACK  # not a hand-in, when found in the class folder next time
    return deterministic_bytes(wb)


def _rendered(found: HandIn, lang: str):
    """canvas's workbook of the hand-in's model, and the findings at its cells."""
    from .workbook import read, written
    from .workbook.kit import deterministic_bytes
    from .workbook.validate import cell_of
    from .view import View

    view = View(found.model, lang, health=found.report)
    with tempfile.TemporaryDirectory(prefix="canvas-feedback-") as folder:  # where each value is
        path = Path(folder) / "model.xlsx"
        path.write_bytes(deterministic_bytes(written(view).wb))
        rd = read(path)
    entries = []
    for f in found.report.findings:
        place = cell_of(rd, f.path)  # '' for a finding on no one cell (an empty canvas block)
        entries.append(Entry(f.severity, place, f.message(lang), f.hint(lang, sheet=True), commented=bool(place)))
    # cells of the hand-in that were not imported are not in this workbook: named, not commented
    entries += [Entry("unread", w.place, w.message, commented=False) for w in found.notes]
    return written(view).wb, entries  # written again: the same workbook, not saved yet


def _own(found: HandIn):
    """The student's own file, and the problems at its cells."""
    import warnings

    from openpyxl import load_workbook

    from .workbook.reader import messages as import_messages

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(found.file, keep_links=False)
    warned = tuple(f"{w}:" for w in import_messages()["warning"].values())  # the import's warnings among them
    entries = [Entry("unread" if p.message.startswith(warned) else "error", p.place, p.message)
               for p in found.problems]
    return wb, entries


def _split(place: str) -> tuple[str, str]:
    title, _, cell = place.rpartition("!")
    return title.strip("'").replace("''", "'"), cell


def _comment(wb, entries: list[Entry], lang: str) -> None:
    """A comment on each cell that has something to fix (several findings: one comment)."""
    from openpyxl.comments import Comment

    from .view import labels

    by_cell: dict[tuple[str, str], list[Entry]] = {}
    for e in entries:
        if e.commented and e.place:
            title, cell = _split(e.place)
            if title in wb.sheetnames:
                by_cell.setdefault((title, cell.split(":")[0]), []).append(e)
    for (title, cell), found in by_cell.items():
        text = "\n\n".join(e.message + (f"\n→ {e.fix}" if e.fix else "") for e in found)
        ws = wb[title]
        comment = Comment(f"{labels()['feedback'][lang]}:\n{text}", COMMENT_AUTHOR)
        comment.width = 320
        comment.height = min(400, 60 + 16 * (len(text) // 38 + text.count("\n")))
        ws[cell].comment = comment


KINDS = ("error", "warning", "unread", "info")  # the order the Feedback sheet lists them in


def _sheet(wb, found: HandIn, entries: list[Entry], lang: str, rubric) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import quote_sheetname
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.hyperlink import Hyperlink

    from .brand import Look
    from .checks import BLOCKS
    from .messages import SEPARATOR, number, percent
    from .view import labels
    from .workbook.kit import Theme, fit_rows, header_row, page_setup, put
    from .workbook.reader import FEEDBACK as FEEDBACK_ROLE

    L = {k: v[lang] for k, v in labels().items()}
    theme = Theme.of(Look())
    ws = wb.create_sheet(L["feedback"], 0)
    wb.active = 0
    name = f"canvas_{FEEDBACK_ROLE}"  # so a workbook handed in again is read without this sheet
    wb.defined_names[name] = DefinedName(name, attr_text=f"{quote_sheetname(ws.title)}!$A$1")
    for other in wb.worksheets[1:]:
        other.sheet_view.tabSelected = False
    ws.sheet_view.rightToLeft = lang == "fa"
    put(ws, 1, 1, L["feedback"], font=theme.title_font, border=False, wrap=False)
    facts = [(L["student_file"], Path(found.file).name), (L["status"], _status_label(found))]
    score = found.score(rubric)
    if score is not None:
        facts.append((L["score"], f"{number(score, lang)} / {number(whole(rubric.out_of), lang)}"))
    elif rubric is not None:
        facts.append((L["score"], L["score_none"]))
    if found.report is not None:
        blocks = SEPARATOR[lang].join(f"{L[b]} {percent(found.report.completeness[b], lang)}" for b in BLOCKS)
        facts.append((L["completeness_label"], f"{percent(found.report.overall, lang)} — {blocks}"))
    for r, (label, value) in enumerate(facts, start=3):
        put(ws, r, 1, label, bold=True, border=False)
        put(ws, r, 2, value, border=False, fill=STATUS_FILLS[found.status] if label == L["status"] else None)
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=4)
    row = 4 + len(facts)
    header_row(ws, row, [L["feedback_kind"], L["feedback_cell"], L["feedback_what"], L["feedback_fix"]], theme)
    shown = sorted(entries, key=lambda e: KINDS.index(e.kind))
    if not shown:
        put(ws, row + 1, 1, L["feedback_none"], border=False)
        ws.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=4)
    kind_label = {"error": L["kind_error"], "warning": L["warning"], "info": L["note"], "unread": L["kind_unread"]}
    for r, e in enumerate(shown, start=row + 1):
        put(ws, r, 1, kind_label[e.kind])
        cell = put(ws, r, 2, e.place)
        if e.place and e.commented:
            title, at = _split(e.place)
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"{quote_sheetname(title)}!{at}")
            cell.font = Font(name=cell.font.name, sz=cell.font.sz, color="0563C1", u="single")
        put(ws, r, 3, e.message)
        put(ws, r, 4, e.fix)
    for letter, width in zip("ABCD", (16, 30, 60, 50)):
        ws.column_dimensions[letter].width = width
    fit_rows(ws)
    page_setup(ws, landscape=True, title_rows=f"{row}:{row}")
    ws.print_options.horizontalCentered = False
