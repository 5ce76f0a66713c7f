"""Batch runs: a class of 30 files with 2 broken ones builds the other 28, names exactly the 2,
and the teacher's summary has a row per student."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import SAMPLES

STUDENT = """version: 1
meta: {{title: Model of student {n}, language: {lang}}}
segments:
  - {{id: s, name: Segment {n}, concerns: [Price]}}
value_propositions:
  - {{id: vp, name: Offer {n}, segments: [s], values: {{functional: [Cheap]}}}}
channels:
  - {{id: app, name: App, category: mobile, serves: {{s: {strength}}}}}
"""


@pytest.fixture(scope="module")
def classroom(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    for n in range(1, 31):
        text = STUDENT.format(n=n, lang="fa" if n % 2 else "en", strength=n % 4)
        if n == 7:
            text = text.replace("segments:\n", "segments:\n  - [broken\n")  # a YAML syntax error
        if n == 19:
            text = text.replace("channels:", "chanels:")  # a typo in a key
        (folder / f"student{n:02d}.yaml").write_text(text, "utf-8")
    out = folder / "built"
    result = subprocess.run([sys.executable, "-m", "canvas", "build", str(folder), "-o", str(out), "--jobs", "2"],
                            capture_output=True, text=True, timeout=600)
    return folder, out, result


def test_batch_builds_the_good_files_and_reports_exactly_the_bad_ones(classroom):
    folder, out, result = classroom
    assert result.returncode == 2
    assert "۲ فایل از ۳۰ فایل ناموفق بود:" in result.stderr  # Persian models: Persian messages
    failing = {line.split(":")[0] for line in result.stderr.splitlines() if line.startswith(str(folder))}
    assert failing == {str(folder / "student07.yaml"), str(folder / "student19.yaml")}
    # the students' models are Persian, so are the messages
    assert f"{folder / 'student19.yaml'}:7:1: کلید ناشناختهٔ «chanels»؛ منظورتان «channels» است؟" in result.stderr
    built = sorted(p.name for p in out.iterdir())
    assert len(built) == 28 * 3
    assert "student07.xlsx" not in built and "student19.pdf" not in built
    assert result.stdout.count("wrote ") + result.stdout.count("نوشته شد: ") == 28 * 3  # in each model's language
    assert result.stdout.index("student01.xlsx") < result.stdout.index("student30.xlsx")  # input order


def test_summary_has_a_row_per_student_with_completeness_and_links(classroom, cli):
    folder, out, _ = classroom
    summary = folder / "class.xlsx"
    result = cli("summary", folder, "--built", out, "-o", summary, "--jobs", "2")
    assert result.exit_code == 2, result.output  # the summary is written; the exit code says two failed
    assert "30 files: 0 OK, 28 with warnings, 2 with errors, 0 unreadable" in result.output
    ws = load_workbook(summary).active
    headers = [c.value for c in ws[3]]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=4)}
    assert len(rows) == 30
    assert rows["student07.yaml"][1].value == "Errors"
    assert ws["A2"].value == "30 files: 0 OK, 28 with warnings, 2 with errors, 0 unreadable"  # counts first
    assert "کلید ناشناختهٔ «chanels»" in rows["student19.yaml"][headers.index("Problems")].value
    good = rows["student02.yaml"]
    assert good[1].value == "Warnings" and 0 < good[2].value < 1  # most canvas blocks are empty: warnings
    assert good[headers.index("Value propositions")].value == 1.0
    link = good[headers.index("Workbook")]
    assert link.value == link.hyperlink.target == "built/student02.xlsx"  # the link names its folder


def test_workers_keep_the_order_of_the_files():
    from canvas.batch import run
    from canvas.tasks import import_file

    files = [f"/nonexistent/{n}.xlsx" for n in range(6)]
    outcomes = run(import_file, files, jobs=2)
    assert [o.file for o in outcomes] == files
    assert all("no such file" in o.errors[0] for o in outcomes)


def test_summary_links_to_the_built_workbook_of_a_hand_in(cli, tmp_path):
    """A student's workbook in the summary links to its built twin (with the Model health sheet)."""
    import canvas

    sample = next(s for s in SAMPLES if s.stem == "music-streaming-en")
    canvas.build(sample, tmp_path / "class", formats=["xlsx"], name="ana")
    canvas.build(sample, tmp_path / "built", formats=["xlsx"], name="ana")
    result = cli("summary", tmp_path / "class", "--built", tmp_path / "built", "-o", tmp_path / "class.xlsx")
    assert result.exit_code == 0, result.output
    ws = load_workbook(tmp_path / "class.xlsx").active
    link = next(c for row in ws.iter_rows(min_row=4) for c in row if c.hyperlink)
    assert link.hyperlink.target == "built/ana.xlsx"


def test_folders_are_searched_with_their_folders_and_outputs_keep_their_places(cli, tmp_path):
    """class/a/model.yaml and class/b/model.yaml (what `canvas init` writes in each student's
    folder) build to out/a/model.* and out/b/model.*; the summary links each to its own."""
    en = next(s for s in SAMPLES if s.stem.endswith("-en"))
    for place in ("a/model.yaml", "b/model.yaml", "b/deep/model.yaml", "top.yaml", ".hidden/model.yaml"):
        (tmp_path / "class" / place).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "class" / place).write_text(en.read_text("utf-8"), "utf-8")
    result = cli("build", tmp_path / "class", "-o", tmp_path / "out", "--no-pdf", "--no-html")
    assert result.exit_code == 0, result.stderr
    built = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*.xlsx"))
    assert built == ["a/model.xlsx", "b/deep/model.xlsx", "b/model.xlsx", "top.xlsx"]
    result = cli("summary", tmp_path / "class", "--built", tmp_path / "out", "-o", tmp_path / "class.xlsx")
    assert result.exit_code == 0, result.stderr
    names = [c.value for c in load_workbook(tmp_path / "class.xlsx").active["A"][3:]]
    assert names == ["top.yaml", "a/model.yaml", "b/model.yaml", "b/deep/model.yaml"]  # whose is whose
    links = {c.hyperlink.target for row in load_workbook(tmp_path / "class.xlsx").active.iter_rows()
             for c in row if c.hyperlink}
    assert {Path(t).parent.name for t in links} >= {"a", "b", "deep"}


def test_every_file_handed_in_has_a_row_with_its_status(cli, tmp_path):
    """A teacher's folder: a good model, one with warnings, one with errors, a PDF someone handed
    in, a damaged workbook: five rows, the counts on top and on stdout, exit 2."""
    en = next(s for s in SAMPLES if s.stem.endswith("-en"))
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "ana.yaml").write_text(en.read_text("utf-8"), "utf-8")
    (folder / "bo.yaml").write_text(STUDENT.format(n=2, lang="en", strength=2), "utf-8")
    (folder / "cy.yaml").write_text(STUDENT.format(n=3, lang="en", strength=2).replace("channels:", "chanels:"),
                                    "utf-8")
    (folder / "dee.pdf").write_bytes(b"%PDF-1.4 a hand-in in the wrong format")
    (folder / "ed.xlsx").write_bytes(b"PK\x03\x04 a damaged workbook")
    result = cli("summary", folder, "-o", tmp_path / "class.xlsx")
    counts = "5 files: 1 OK, 1 with warnings, 1 with errors, 2 unreadable"
    assert result.exit_code == 2 and counts in result.stdout, result.output
    ws = load_workbook(tmp_path / "class.xlsx").active
    assert ws["A2"].value == counts
    assert {r[0].value: r[1].value for r in ws.iter_rows(min_row=4)} == {
        "ana.yaml": "OK", "bo.yaml": "Warnings", "cy.yaml": "Errors", "dee.pdf": "Unreadable", "ed.xlsx": "Unreadable"}
