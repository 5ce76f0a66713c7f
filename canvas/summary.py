"""`canvas summary`: one sheet for a teacher, a row per student file with completeness per block,
warnings, errors and a link to the student's workbook."""
from __future__ import annotations

import json
import os
from pathlib import Path

from .checks import BLOCKS


SUBJECT = "canvas class summary"  # marks a summary workbook, whatever its language


def earlier_summary(path: str | Path) -> bool:
    """Whether `path` is a summary canvas wrote and nobody changed (a summary written into the
    class folder is found there next time: it is not a hand-in)."""
    import re
    import zipfile

    from .output import ours

    if not ours(Path(path)):
        return False
    with zipfile.ZipFile(path) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8", "replace")
    return re.search(rf"<dc:subject[^>]*>{SUBJECT}</dc:subject>", core) is not None


def shown_as(file: str, under: dict[str, str] | None) -> str:
    """A hand-in as the summary names it: its place below the folder given and its name
    (ali/model.yaml, bo/model.yaml: every student's file may be called model.yaml)."""
    return str(Path((under or {}).get(file, "")) / Path(file).name)


def new_row(file: str, under: dict[str, str] | None, errors: list[str] | None = None) -> dict:
    """A file's row before anything is known of it (a file canvas failed on keeps it so)."""
    return {"file": file, "shown": shown_as(file, under), "errors": errors or [], "completeness": {},
            "overall": None, "warnings": 0, "notes": []}


def summarize_file(file: str, built_dir: str | None = None, under: dict[str, str] | None = None) -> list[str]:
    """One student's row as JSON (a batch task: runs in a worker process)."""
    from .checks import run
    from .errors import InputError
    from .loader import load

    row = new_row(file, under)
    try:
        if file != "-" and not file.lower().endswith((".yaml", ".yml")):  # '-': a model on stdin
            from .workbook import import_workbook
            imported = import_workbook(file)
            model = imported.model
            row["notes"] = [str(w) for w in imported.warnings]
            row["workbook"] = file
        else:
            model = load(file)
            row["workbook"] = None
        if built_dir:  # the built workbook, with its Model health sheet, rather than the hand-in
            candidate = Path(built_dir) / (under or {}).get(file, "") / (Path(file).stem + ".xlsx")
            row["workbook"] = str(candidate) if candidate.exists() else row["workbook"]
        report = run(model, name=file)
        row.update(completeness=report.completeness, overall=report.overall, warnings=report.count("warning"))
    except InputError as e:
        row["errors"] = [str(p) for p in e.problems]
        # nothing located in it: the file itself could not be read (not a workbook, damaged, a pipe)
        row["unreadable"] = not any(isinstance(p, str) or p.line or p.place for p in e.problems)
    return [json.dumps(row, ensure_ascii=False)]


STATUSES = ("ok", "warnings", "errors", "unreadable")  # a row's status, as its label key status_*


def status(row: dict) -> str:
    """ok / warnings / errors / unreadable: what a teacher sees first for a file."""
    if row["errors"]:
        return "unreadable" if row.get("unreadable") else "errors"
    return "warnings" if row["warnings"] else "ok"


def counts(rows: list[dict], lang: str) -> str:
    """'30 files: 25 OK, 2 with warnings, 2 with errors, 1 unreadable' in `lang`."""
    from .messages import say

    n = {s: sum(1 for row in rows if status(row) == s) for s in STATUSES}
    return say("summary_counts", lang, files=len(rows), **n)


def workbook(rows: list[dict], out: Path, lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink

    from .brand import Look
    from .workbook.kit import (Theme, add_table, deterministic_bytes, fit_columns, header_row, page_setup,
                                  put, set_default_font, unique_headers)
    from .view import labels

    L = {k: v[lang] for k, v in labels().items()}
    theme = Theme.of(Look())
    wb = Workbook()
    ws = wb.active
    ws.title = L["class_summary"]
    ws.sheet_view.rightToLeft = lang == "fa"
    set_default_font(wb, "Tahoma" if lang == "fa" else "Calibri", 10 if lang == "fa" else 11)
    put(ws, 1, 1, L["class_summary"], font=theme.title_font, border=False, wrap=False)
    put(ws, 2, 1, counts(rows, lang), border=False, wrap=False)  # nobody is missed: the counts first
    headers = [L["student_file"], L["status"], L["overall"], L["warning"]] + [L[b] for b in BLOCKS] + [
        L["workbook"], L["problems"]]
    header_row(ws, 3, unique_headers(headers), theme)
    for r, row in enumerate(rows, start=4):
        ok = not row["errors"]
        values = [row.get("shown") or Path(row["file"]).name, L["status_" + status(row)], row["overall"] if ok else "",
                  row["warnings"] if ok else ""]
        values += [row["completeness"].get(b, "") if ok else "" for b in BLOCKS]
        for c, value in enumerate(values, start=1):
            cell = put(ws, r, c, value)
            if c == 3 or 5 <= c < 5 + len(BLOCKS):
                cell.number_format = "0%"
        link_col = 5 + len(BLOCKS)
        if row.get("workbook"):
            target = os.path.relpath(row["workbook"], out.parent)
            cell = put(ws, r, link_col, Path(row["workbook"]).name, font=Font(color="0563C1", u="single"))
            cell.hyperlink = Hyperlink(ref=cell.coordinate, target=target)
        else:
            put(ws, r, link_col, "")
        said = row["errors"] + row.get("notes", [])
        put(ws, r, link_col + 1, "\n".join(said[:5]) + (" …" if len(said) > 5 else ""))
    last = 3 + max(len(rows), 1)
    add_table(ws, "tbl_class", 3, last, len(headers))
    # completeness, red to green; not the warnings column between (0 warnings showed red)
    ws.conditional_formatting.add(f"C4:C{last} E4:{get_column_letter(4 + len(BLOCKS))}{last}", ColorScaleRule(
        start_type="num", start_value=0, start_color="F8696B", mid_type="num", mid_value=0.5, mid_color="FFEB84",
        end_type="num", end_value=1, end_color="63BE7B"))
    ws.freeze_panes = "B4"
    fit_columns(ws, budget=220, min_row=3)
    for c in range(3, 5 + len(BLOCKS)):
        ws.column_dimensions[get_column_letter(c)].width = 11
    page_setup(ws, landscape=True, title_rows="3:3")
    wb.properties.title = L["class_summary"]
    wb.properties.subject = SUBJECT
    wb.properties.creator = "canvas"
    return deterministic_bytes(wb)
