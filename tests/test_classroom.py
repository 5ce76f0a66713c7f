"""The classroom round as a teacher lives it, with a class of 30 generated students: blank -> the
students fill it (in Excel's format, LibreOffice, Gnumeric, .ods; in Persian and English; some
untouched, corrupt, copied, with Arabic letters or ids for names) -> import -> build -> summary
with a rubric -> feedback. Every command runs as a user runs it, in a subprocess."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from canvas.rubric import Rubric
from classroom import Student, fill, say
from programs import gnumeric, libreoffice
from sheets import beside, role, row_of

RUBRIC = """\
# how the class is scored
out_of: 20
blocks:
  segments: 2
  journeys: 3
findings:
  C503: 0.5      # a journey stage without an emotion score
  warning: 0.25  # any other warning
  unread: 1      # a typed cell the import could not read
"""


def canvas(*args, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "LANG": "C.UTF-8"}
    env.pop("CANVAS_LANG", None)
    done = subprocess.run([sys.executable, "-m", "canvas", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, env=env, timeout=600)
    assert "Traceback" not in done.stderr, done.stderr
    if check:
        assert done.returncode == 0, done.stderr
    return done


# name -> what the summary must say of the student's file
EXPECTED = {}


def _class(folder: Path) -> dict[str, Student]:
    """30 students: most fill the worksheet fully, some leave the emotions out, and the rest are
    the cases a teacher meets."""
    students = {}
    for i in range(23):
        lang = "fa" if i % 2 else "en"
        student = Student(f"student{i:02d}", lang, seed=1000 + i, emotions=i % 4 != 3,
                          segment_by="id" if i == 5 else "arabic" if i == 7 else "name")
        students[student.name] = student
    students["typo"] = Student("typo", "en", seed=77, typo=True)
    students["stray"] = Student("stray", "fa", seed=78, stray=True)
    return students


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    """The teacher's folder after the round: {'dir', 'students', 'files': {name: hand-in}}."""
    root = tmp_path_factory.mktemp("class")
    canvas("blank", "--lang", "en", "-o", "blank-en.xlsx", cwd=root)
    canvas("blank", "--lang", "fa", "-o", "blank-fa.xlsx", cwd=root)
    handed = root / "handed"
    handed.mkdir()
    students = _class(root)
    files: dict[str, Path] = {}
    for student in students.values():
        wb = load_workbook(root / f"blank-{student.lang}.xlsx")
        fill(wb, student)
        files[student.name] = handed / f"{student.name}.xlsx"
        wb.save(files[student.name])
    # a near-copy: student00's work with the title and two cells changed
    wb = load_workbook(files["student00"])
    beside(role(wb, "overview"), "Title").value = "My own coffee idea"
    role(wb, "segments")["C4"] = "students who like coffee a lot"
    files["copier"] = handed / "copier.xlsx"
    wb.save(files["copier"])
    # saved again by other programs: LibreOffice (.xlsx and .ods), Gnumeric
    work = root / "programs"
    [lo] = libreoffice([files.pop("student01")], "xlsx", work / "lo")
    files["student01"] = shutil.move(lo, handed / "student01.xlsx")  # replaces the student's own
    for name in ("student02", "student03"):
        [ods] = libreoffice([files.pop(name)], "ods", work / name)
        (handed / f"{name}.xlsx").unlink()
        files[name] = Path(shutil.move(ods, handed / f"{name}.ods"))
    gn = gnumeric(files["student04"], work / "gnumeric")
    files["student04"] = Path(shutil.move(gn, handed / "student04.xlsx"))
    # an untouched blank, a corrupt workbook, a photo of a notebook, a YAML hand-in
    shutil.copy(root / "blank-en.xlsx", handed / "untouched.xlsx")
    files["untouched"] = handed / "untouched.xlsx"
    (handed / "corrupt.xlsx").write_bytes(b"PK\x03\x04" + os.urandom(300))
    files["corrupt"] = handed / "corrupt.xlsx"
    (handed / "notebook.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(200))
    files["notebook"] = handed / "notebook.jpg"
    wb = load_workbook(root / "blank-fa.xlsx")  # one student wrote YAML (from a workbook of their own)
    fill(wb, Student("yaml-student", "fa", seed=99))
    wb.save(work / "own.xlsx")
    canvas("import", work / "own.xlsx", "-o", handed / "yaml-student.yaml", cwd=root)
    files["yaml-student"] = handed / "yaml-student.yaml"
    (root / "rubric.yaml").write_text(RUBRIC, encoding="utf-8")
    assert len(files) == 30, sorted(files)
    return {"dir": root, "handed": handed, "students": students, "files": files}


def _expected_status(name: str, students) -> str:
    if name in ("corrupt", "notebook"):
        return "Unreadable"
    if name in ("untouched", "typo"):
        return "Errors"
    if name == "stray":
        return "Warnings"  # a cell it could not read
    student = students.get(name)
    if student is not None and not student.emotions:
        return "Warnings"
    return "OK"


@pytest.mark.slow
def test_a_class_of_30_through_the_whole_round(klass):
    root, handed, students, files = klass["dir"], klass["handed"], klass["students"], klass["files"]
    # import: every workbook that can be read becomes YAML; the rest are named with their problem
    done = canvas("import", handed, "-o", root / "yaml", cwd=root, check=False)
    assert done.returncode == 2
    imported = sorted(p.stem for p in (root / "yaml").rglob("*.yaml"))
    failing = {"untouched", "typo", "corrupt"}
    assert imported == sorted(n for n, f in files.items() if f.suffix in (".xlsx", ".ods") and n not in failing)
    assert "notebook.jpg" not in done.stdout  # not a workbook: import is not the step that names it
    for name in ("untouched", "typo", "corrupt"):
        assert f"{name}.xlsx" in done.stderr
    # what the students typed survived each program: the same model as the student's own file
    same = canvas("import", files["student00"], "-o", "-", cwd=root).stdout
    copy_of_gnumeric = canvas("import", files["student04"], "-o", "-", cwd=root).stdout
    assert "Imported from" in same and copy_of_gnumeric.count("\n") > 100
    # build every imported model (workbook and HTML: the PDF has its own tests)
    canvas("build", root / "yaml", "-o", root / "built", "--no-pdf", cwd=root)
    assert len(list((root / "built").rglob("*.xlsx"))) == len(imported)

    # summary with the rubric: every file accounted for, exit 2 because some failed
    done = canvas("summary", handed, "--rubric", root / "rubric.yaml", "--built", root / "built",
                  "-o", root / "class.xlsx", cwd=root, check=False)
    assert done.returncode == 2, done.stderr
    expected = {n: _expected_status(n, students) for n in files}
    n = {s: sum(1 for v in expected.values() if v == s) for s in ("OK", "Warnings", "Errors", "Unreadable")}
    assert (f"30 files: {n['OK']} OK, {n['Warnings']} with warnings, {n['Errors']} with errors, "
            f"{n['Unreadable']} unreadable") in done.stdout
    ws = load_workbook(root / "class.xlsx").active
    header = [c.value for c in ws[3]]
    rows = {Path(r[0]).stem: dict(zip(header, r)) for r in ws.iter_rows(min_row=4, values_only=True)}
    assert {n: r["Status"] for n, r in rows.items()} == expected

    # scores: the rubric's formula on what `canvas check` says of each imported model
    rubric = Rubric.model_validate({"out_of": 20, "blocks": {"segments": 2, "journeys": 3},
                                    "findings": {"C503": 0.5, "warning": 0.25, "unread": 1}})
    for name, row in rows.items():
        score = row["Score (/20)"]
        if expected[name] in ("Errors", "Unreadable"):
            assert score in (None, ""), name
            continue
        yaml = files[name] if name == "yaml-student" else root / "yaml" / f"{name}.yaml"
        [report] = json.loads(canvas("check", yaml, "--format", "json", cwd=root, check=False).stdout)
        unread = 1 if name == "stray" else 0
        weights = {b: rubric.weight(b) for b in report["completeness"]}
        earned = sum(weights[b] * share for b, share in report["completeness"].items()) / sum(weights.values())
        off = sum(0.5 if f["code"] == "C503" else 0.25 if f["severity"] == "warning" else 0
                  for f in report["findings"]) + unread
        assert score == pytest.approx(round(max(0, 20 * earned - off), 2)), name
    # by hand: a full worksheet scores 20; six stages without emotion lose the journeys block
    # (weight 3 of 16) and 6 × 0.5: 20 × 13/16 − 3 = 13.25; a stray cell costs 1 point
    assert rows["student00"]["Score (/20)"] == 20
    assert rows["student03"]["Score (/20)"] == 13.25 and not students["student03"].emotions
    assert rows["stray"]["Score (/20)"] == 19

    # the near-copy, and no other pair
    assert ("similar: copier.xlsx and student00.xlsx" in done.stdout
            or "similar: student00.xlsx and copier.xlsx" in done.stdout)
    assert done.stdout.count("similar:") == 1, done.stdout
    assert "student00.xlsx" in rows["copier"]["Similar to"]
    assert load_workbook(root / "class.xlsx").sheetnames[1] == "Similar submissions"
    # students who wrote their own words share little: even at 10% only the copy is flagged
    low = canvas("summary", handed, "--similar", "0.1", "-o", root / "class-10.xlsx", cwd=root, check=False)
    assert low.stdout.count("similar:") == 1 and "copier.xlsx" in low.stdout
    # the problems column says why a file failed
    assert "the worksheet is empty" in rows["untouched"]["Problems"] and "segment" in rows["typo"]["Problems"].lower()

    # feedback for everyone, in each student's language
    out = root / "feedback"
    done = canvas("feedback", handed, "--rubric", root / "rubric.yaml", "-o", out, cwd=root)
    written = sorted(p.name.removesuffix(".feedback.xlsx") for p in out.glob("*.feedback.xlsx"))
    assert written == sorted(files)
    _check_feedback(out, students, files)


def _comments(wb) -> dict[tuple[str, str], str]:
    return {(ws.title, c.coordinate): c.comment.text for ws in wb.worksheets for row in ws.iter_rows()
            for c in row if c.comment}


def _check_feedback(out: Path, students, files) -> None:
    # the typo: the student's own file, a comment on the persona's segment cell
    wb = load_workbook(out / "typo.feedback.xlsx")
    assert wb.sheetnames[0] == "Feedback" and wb.active.title == "Feedback"
    persona = role(wb, "persona_1")
    cell = beside(persona, "Segment")
    comments = _comments(wb)
    assert "segment" in comments[(persona.title, cell.coordinate)].lower()
    assert cell.value == load_workbook(files["typo"])[persona.title][cell.coordinate].value
    sheet = wb["Feedback"]
    listed = [r for r in sheet.iter_rows(values_only=True) if r[1] == f"{persona.title}!{cell.coordinate}"]
    assert listed and listed[0][0] == "Error"
    # no emotions (a Persian student): a comment on each stage of the journey, in Persian
    wb = load_workbook(out / "student03.feedback.xlsx")
    assert wb.sheetnames[0] == "بازخورد" and wb["بازخورد"].sheet_view.rightToLeft
    journey = role(wb, "journey_1")
    emotion_row = row_of(journey, say("fa", "emotion"))  # on the cell to fill, one per stage
    comments = _comments(wb)
    assert {cell for (title, cell) in comments if title == journey.title} == {f"{c}{emotion_row}" for c in "BCDEFG"}
    assert all("احساس" in comments[(journey.title, f"{c}{emotion_row}")] for c in "BCDEFG")
    fixes = {r[3] for r in wb["بازخورد"].iter_rows(min_row=8, values_only=True) if r[0] == "هشدار"}
    assert fixes == {"«امتیاز احساس» این مرحله را از −۲ تا ۲ انتخاب کنید"}  # said in cells, not YAML keys
    facts = {r[0]: r[1] for r in wb["بازخورد"].iter_rows(min_row=3, max_row=6, values_only=True)}
    assert facts["نمره"] == "۱۳٫۲۵ / ۲۰"
    # the untouched blank: its title cell; the corrupt file: the feedback sheet alone
    wb = load_workbook(out / "untouched.feedback.xlsx")
    overview = role(wb, "overview")
    assert (overview.title, beside(overview, "Title").coordinate) in _comments(wb)
    wb = load_workbook(out / "corrupt.feedback.xlsx")
    assert wb.sheetnames == ["Feedback"] and "corrupt.xlsx" in str(wb["Feedback"]["B3"].value)
    # a student with nothing to fix is told so
    wb = load_workbook(out / "student00.feedback.xlsx")
    assert any(r[0] == "Nothing to fix. Well done!" for r in wb["Feedback"].iter_rows(values_only=True))
    assert not _comments(wb)
