"""`canvas summary`: one sheet for a teacher, a row per student file with completeness per block,
warnings, errors and a link to the student's workbook."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .checks import BLOCKS


SUBJECT = "canvas class summary"  # marks a summary workbook, whatever its language
FEEDBACK = "canvas feedback"  # marks a feedback workbook (its category: the subject is the organisation's)


def teachers(path: str | Path) -> bool:
    """Whether `path` is a summary or a feedback workbook canvas wrote (written into the class
    folder, it is found there next time; a teacher may have annotated it since), or a rubric: not
    a hand-in."""
    import re

    from .output import properties

    if str(path).lower().endswith((".yaml", ".yml")):
        from .rubric import is_rubric

        return is_rubric(path)
    props = properties(Path(path)) if str(path).lower().endswith(".xlsx") and Path(path).is_file() else None
    if props is None:
        return False  # not a readable workbook: a hand-in, which the summary calls unreadable
    core = props[0]
    return (re.search(rf"<dc:subject[^>]*>{SUBJECT}</dc:subject>", core) is not None
            or re.search(rf"<cp:category[^>]*>{FEEDBACK}</cp:category>", core) is not None)


def hand_ins(found, skip=()) -> list[str]:
    """The files of `found` (batch.find) a student handed in: every one, readable or not, but for
    the teacher's own (teachers) and the files `skip` names (the rubric)."""
    left_out = {Path(p).resolve() for p in skip if p}
    files = [p for p in found.files + found.skipped if Path(p).resolve() not in left_out and not teachers(p)]

    def place(p: str):  # a folder's own files first, by name, readable or not; then its folders'
        shown = Path(shown_as(p, found.under))
        return shown.parent.parts, shown.name
    return sorted(files, key=place)


def shown_as(file: str, under: dict[str, str] | None) -> str:
    """A hand-in as the summary names it: its place below the folder given and its name
    (ali/model.yaml, bo/model.yaml: every student's file may be called model.yaml)."""
    return str(Path((under or {}).get(file, "")) / Path(file).name)


def new_row(file: str, under: dict[str, str] | None, errors: list[str] | None = None) -> dict:
    """A file's row before anything is known of it (a file canvas failed on keeps it so)."""
    return {"file": file, "shown": shown_as(file, under), "errors": errors or [], "completeness": {},
            "overall": None, "warnings": 0, "notes": []}


@dataclass
class HandIn:
    """One file a student handed in, read: its model and report, or the problems that stopped it."""

    file: str
    model: Any = None
    report: Any = None
    notes: list = field(default_factory=list)     # the import's warnings (Problems): cells not read
    problems: list = field(default_factory=list)  # the errors (Problems) when it did not import
    language: str = "en"

    @property
    def unreadable(self) -> bool:
        """Nothing located in its problems: the file itself could not be read (not a workbook,
        damaged, a pipe)."""
        return bool(self.problems) and not any(isinstance(p, str) or p.where for p in self.problems)

    @property
    def status(self) -> str:
        return status({"errors": self.problems, "unreadable": self.unreadable, "notes": self.notes,
                       "warnings": self.report.count("warning") if self.report else 0})

    def score(self, rubric) -> float | None:
        if rubric is None or self.report is None:
            return None
        return rubric.score(self.report.completeness, [(f.code, f.severity) for f in self.report.findings],
                            unread=len(self.notes))


def workbook_file(file: str) -> bool:
    """Whether a hand-in is read as a workbook: anything but a YAML model ('-': a model on stdin)."""
    return file != "-" and not file.lower().endswith((".yaml", ".yml"))


def hand_in(file: str) -> HandIn:
    """Read a student's file (a workbook or a YAML model) and run the checks on it."""
    from .checks import run
    from .errors import InputError
    from .loader import load
    from .messages import for_file

    found = HandIn(file)
    try:
        if workbook_file(file):
            from .workbook import import_workbook
            imported = import_workbook(file)
            found.model, found.notes = imported.model, imported.warnings
        else:
            found.model = load(file)
        found.language = found.model.meta.language
        found.report = run(found.model, name=file)
    except InputError as e:
        found.problems = list(e.problems)
        found.language = for_file(file) if file.lower().endswith((".yaml", ".yml")) else _said_in(e.problems)
    return found


def _within(problem) -> str:
    """A problem as the file's row says it: where in the file, and what (the row names the file)."""
    if isinstance(problem, str):
        return problem
    return f"{problem.where}: {problem.message}" if problem.where else problem.message


def _said_in(problems) -> str:
    """The language the import spoke in (that of the workbook), read from its messages."""
    from .messages import locale, of_text

    return of_text("\n".join(p.message if hasattr(p, "message") else str(p) for p in problems)) or locale()


def summarize_file(file: str, built_dir: str | None = None, under: dict[str, str] | None = None,
                   rubric=None, lang: str = "en") -> list[str]:
    """One student's row as JSON (a batch task: runs in a worker process)."""
    from .similar import texts, trigrams

    row = new_row(file, under)
    found = hand_in(file)
    row["workbook"] = file if workbook_file(file) and not found.problems else None
    if found.problems:
        row["errors"] = [_within(p) for p in found.problems]
        row["unreadable"] = found.unreadable
        return [json.dumps(row, ensure_ascii=False)]
    if built_dir:  # the built workbook, with its Model health sheet, rather than the hand-in
        candidate = Path(built_dir) / (under or {}).get(file, "") / (Path(file).stem + ".xlsx")
        row["workbook"] = str(candidate) if candidate.exists() else row["workbook"]
    report = found.report
    row.update(completeness=report.completeness, overall=report.overall, warnings=report.count("warning"),
               notes=[_within(w) for w in found.notes], score=found.score(rubric),
               findings=[f"{f.code} {f.message(lang)}" for f in report.warnings],
               trigrams=sorted(trigrams(texts(found.model))))
    return [json.dumps(row, ensure_ascii=False)]


SHOWN = 3  # problems a row shows; the rest are counted (the feedback workbook has them all)
STATUSES = ("ok", "warnings", "errors", "unreadable")  # a row's status, as its label key status_*


def _fill(colour: str):
    from openpyxl.styles import PatternFill

    return PatternFill("solid", fgColor=colour)


STATUS_FILLS = {"ok": _fill("C6EFCE"), "warnings": _fill("FFEB9C"), "errors": _fill("FFC7CE"),
                "unreadable": _fill("D9D9D9")}  # Excel's good / neutral / bad, and grey


def status(row: dict) -> str:
    """ok / warnings / errors / unreadable: what a teacher sees first for a file (a cell the import
    could not read is a warning: nothing typed goes unnoticed)."""
    if row["errors"]:
        return "unreadable" if row.get("unreadable") else "errors"
    return "warnings" if row["warnings"] or row.get("notes") else "ok"


def counts(rows: list[dict], lang: str) -> str:
    """'30 files: 25 OK, 2 with warnings, 2 with errors, 1 unreadable' in `lang`."""
    from .messages import say

    n = {s: sum(1 for row in rows if status(row) == s) for s in STATUSES}
    return say("summary_counts", lang, files=len(rows), **n)


def similar_pairs(rows: list[dict], threshold: float) -> list[tuple[str, str, float]]:
    """Pairs of rows (by their shown names) whose free text is nearly the same (similar.py)."""
    from .similar import pairs

    shown = {row["file"]: row["shown"] for row in rows}
    found = pairs({row["file"]: set(row["trigrams"]) for row in rows if row.get("trigrams") is not None}, threshold)
    return [(shown[a], shown[b], share) for a, b, share in found]


def workbook(rows: list[dict], out: Path, lang: str, *, rubric=None, similar: list | None = None,
             threshold: float | None = None) -> bytes:
    """The class summary: a row per file handed in; with a `rubric`, a score column; the `similar`
    pairs in a column of their own and on a second sheet."""
    from openpyxl import Workbook
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink

    from .brand import Look
    from .messages import number, percent, say
    from .workbook.kit import (Theme, add_table, deterministic_bytes, fit_rows, header_row, page_setup, put,
                                  set_default_font, unique_headers)
    from .view import labels

    L = {k: v[lang] for k, v in labels().items()}
    theme = Theme.of(Look())
    similar = similar or []
    alike: dict[str, list[str]] = {}
    for a, b, share in similar:
        alike.setdefault(a, []).append(f"{b} ({percent(share, lang)})")
        alike.setdefault(b, []).append(f"{a} ({percent(share, lang)})")
    wb = Workbook()
    ws = wb.active
    ws.title = L["class_summary"]
    ws.sheet_view.rightToLeft = lang == "fa"
    set_default_font(wb, "Tahoma" if lang == "fa" else "Calibri", 10 if lang == "fa" else 11)
    put(ws, 1, 1, L["class_summary"], font=theme.title_font, border=False, wrap=False)
    put(ws, 2, 1, counts(rows, lang), border=False, wrap=False)  # nobody is missed: the counts first

    # the columns, each once: (header, width, value of a row that imported, number format)
    columns = [(L["student_file"], 28, lambda row: row["shown"], None),
               (L["status"], 13, None, None)]
    if rubric is not None:
        columns.append((f'{L["score"]} (/{number(whole(rubric.out_of), lang)})', 10, lambda row: row["score"], None))
    columns += [(L["overall"], 7, lambda row: row["overall"], "0%"),
                (L["warnings"], 9, lambda row: row["warnings"], "0")]
    columns += [(L[b], 6, lambda row, b=b: row["completeness"].get(b, ""), "0%") for b in BLOCKS]
    columns += [(L["similar_to"], 24, lambda row: "\n".join(alike.get(row["shown"], [])), None),
                (L["workbook"], 24, None, None),
                (L["problems"], 60, None, None)]
    headers = [c[0] for c in columns]
    header_row(ws, 3, unique_headers(headers), theme)
    link_col, said_col = len(columns) - 1, len(columns)
    for r, row in enumerate(rows, start=4):
        ok = not row["errors"]
        for c, (_, _, value, fmt) in enumerate(columns, start=1):
            if c == 1:
                cell = put(ws, r, c, row.get("shown") or Path(row["file"]).name)
            elif c == 2:
                cell = put(ws, r, c, L["status_" + status(row)], fill=STATUS_FILLS[status(row)])
            elif value is not None:
                cell = put(ws, r, c, value(row) if ok else "")
                if fmt:
                    cell.number_format = fmt
        if row.get("workbook"):
            target = os.path.relpath(row["workbook"], out.parent)
            cell = put(ws, r, link_col, target, font=Font(color="0563C1", u="single"))  # ali/model.xlsx, bo/...
            cell.hyperlink = Hyperlink(ref=cell.coordinate, target=target)
        else:
            put(ws, r, link_col, "")
        said = row["errors"] + row.get("notes", []) + row.get("findings", [])
        more = say("and_more", lang, n=len(said) - SHOWN) if len(said) > SHOWN else ""
        put(ws, r, said_col, "\n".join(said[:SHOWN] + ([more] if more else [])))
    last = 3 + max(len(rows), 1)
    add_table(ws, "tbl_class", 3, last, len(headers))
    # completeness (and score), red to green; not the warnings column (0 warnings showed red)
    shares = [i for i, c in enumerate(columns, start=1) if c[3] == "0%"]
    ranges = " ".join(f"{get_column_letter(i)}4:{get_column_letter(i)}{last}" for i in shares)
    ws.conditional_formatting.add(ranges, ColorScaleRule(
        start_type="num", start_value=0, start_color="F8696B", mid_type="num", mid_value=0.5, mid_color="FFEB84",
        end_type="num", end_value=1, end_color="63BE7B"))
    for i, (_, width, _, _) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for row in ws.iter_rows(min_row=3, max_row=3):  # headers wrap within their columns, centred;
        for c, cell in enumerate(row, start=1):      # the shares' headers stand up, as in a grade book
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center",
                                       readingOrder=2 if lang == "fa" else 1, textRotation=90 if c in shares else 0)
    fit_rows(ws)
    ws.row_dimensions[1].height = 26  # the title's larger type
    ws.row_dimensions[3].height = 120
    ws.freeze_panes = "B4"
    page_setup(ws, landscape=True, title_rows="3:3")
    if similar:
        _similar_sheet(wb, similar, lang, L, theme, threshold)
    wb.properties.title = L["class_summary"]
    wb.properties.subject = SUBJECT
    wb.properties.creator = "canvas"
    return deterministic_bytes(wb)


def whole(value: float) -> int | float:
    """20.0 as 20: a rubric's scale as a person wrote it."""
    return int(value) if float(value).is_integer() else value


def _similar_sheet(wb, similar, lang, L, theme, threshold) -> None:
    from .messages import percent, say
    from .workbook.kit import add_table, header_row, page_setup, put

    ws = wb.create_sheet(L["similar_submissions"])
    ws.sheet_view.rightToLeft = lang == "fa"
    put(ws, 1, 1, L["similar_submissions"], font=theme.title_font, border=False, wrap=False)
    put(ws, 2, 1, say("similar_how", lang, threshold=percent(threshold, lang)), border=False)
    ws.merge_cells("A2:C2")
    ws.row_dimensions[2].height = 60
    header_row(ws, 3, [L["first_file"], L["second_file"], L["similarity"]], theme)
    for r, (a, b, share) in enumerate(similar, start=4):
        put(ws, r, 1, a)
        put(ws, r, 2, b)
        put(ws, r, 3, share).number_format = "0%"
    add_table(ws, "tbl_similar", 3, 3 + len(similar), 3)
    for letter, width in zip("ABC", (32, 32, 12)):
        ws.column_dimensions[letter].width = width
    page_setup(ws, landscape=False, title_rows="3:3")
