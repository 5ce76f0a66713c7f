"""Outputs: a run's files appear together or not at all, a stop (SIGTERM, Ctrl-C) leaves nothing
half-written and no worker behind, and no output replaces a file canvas did not write."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from canvas import output
from canvas.errors import InputError
from conftest import ROOT, SAMPLES

SAMPLE = ROOT / "samples" / "bank-fa.yaml"


def canvas(*args, cwd=None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "canvas", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=300, **kwargs)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# --- nothing a person made is replaced --------------------------------------------------------------

def test_blank_schema_and_summary_never_replace_a_students_file(tmp_path):
    model = tmp_path / "model.yaml"
    model.write_text("meta: {title: mine, language: en}\n", "utf-8")
    notes = tmp_path / "notes.json"
    notes.write_text('{"mine": true}\n', "utf-8")
    before = {p: p.read_bytes() for p in (model, notes)}
    for args, said in ((["blank", "--lang", "en", "-o", model], "already exists and was not written by canvas"),
                       (["schema", "-o", notes], "already exists and was not written by canvas"),
                       (["summary", tmp_path, "-o", model], "is an input of this very command"),
                       (["summary", tmp_path, "-o", model, "--force"], "is an input of this very command")):
        result = canvas(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert said in result.stderr and "--force" in result.stderr
        assert "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in before} == before
    assert leftovers(tmp_path) == []
    assert canvas("schema", "-o", notes, "--force").returncode == 0  # asked for: replaced
    assert json.loads(notes.read_text("utf-8"))["$id"].startswith("https://canvas.invalid/schema/")
    assert canvas("schema", "-o", notes).returncode == 0  # canvas's own, unchanged: replaced quietly


def test_rebuild_replaces_its_own_outputs_but_not_an_edited_workbook(tmp_path):
    """`canvas import submissions/` then `canvas build submissions/ -o submissions/` must not
    replace what a student handed in; rebuilding canvas's own unchanged outputs is quiet."""
    out = tmp_path / "out"
    assert canvas("build", SAMPLE, "-o", out, "--no-pdf").returncode == 0
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    assert all(output.ours(out / name) for name in first)
    assert canvas("build", SAMPLE, "-o", out, "--no-pdf").returncode == 0  # unchanged: replaced
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first

    book = openpyxl.load_workbook(out / "bank-fa.xlsx")  # a student types a note and saves
    book.worksheets[0]["H40"] = "my note outside the tables"
    book.save(out / "bank-fa.xlsx")
    edited = (out / "bank-fa.xlsx").read_bytes()
    assert not output.ours(out / "bank-fa.xlsx")
    result = canvas("build", SAMPLE, "-o", out, "--no-pdf")
    assert result.returncode == 2  # said in the model's language (Persian), naming the file
    assert result.stderr.startswith(f"{out / 'bank-fa.xlsx'}: از قبل وجود دارد") and "--force" in result.stderr
    assert (out / "bank-fa.xlsx").read_bytes() == edited
    assert (out / "bank-fa.html").read_bytes() == first["bank-fa.html"]  # the set is all or nothing
    assert canvas("build", SAMPLE, "-o", out, "--no-pdf", "--force").returncode == 0
    assert (out / "bank-fa.xlsx").read_bytes() == first["bank-fa.xlsx"]


def test_a_pdf_saved_again_by_a_reader_is_not_ours(tmp_path):
    out = tmp_path / "out"
    assert canvas("build", SAMPLE, "-o", out, "--no-xlsx", "--no-html").returncode == 0
    pdf = out / "bank-fa.pdf"
    assert output.ours(pdf)
    original = pdf.read_bytes()
    with open(pdf, "ab") as handle:  # what an annotating reader's incremental save appends
        handle.write(b"\n1 0 obj\n<</Annot true>>\nendobj\nstartxref\n123\n%%EOF\n")
    assert not output.ours(pdf)
    pdf.write_bytes(original.replace(b"%\xf0\x9f\x96\xa4", b"%\xe2\xe3\xcf\xd3", 1))  # saved anew elsewhere
    assert not output.ours(pdf)
    html = tmp_path / "page.html"
    html.write_text("<html><head><title>mine</title></head></html>", "utf-8")
    assert not output.ours(html) and not output.ours(tmp_path)


def test_a_report_or_schema_edited_by_hand_is_not_ours(tmp_path):
    """Found by a reviewer: an HTML report edited in a text editor, a schema edited, a page of
    one's own carrying canvas's generator line: all were replaced silently."""
    out = tmp_path / "out"
    assert canvas("build", ROOT / "samples" / "music-streaming-en.yaml", "-o", out, "--no-xlsx",
                  "--no-pdf").returncode == 0
    html = out / "music-streaming-en.html"
    assert output.ours(html)
    html.write_bytes(html.read_bytes().replace(b"Spotify", b"SPOTIFY", 1))
    assert not output.ours(html)
    html.write_text('<html><head><meta name="generator" content="canvas 0.1.0"></head></html>', "utf-8")
    assert not output.ours(html)
    schema = tmp_path / "canvas.schema.json"
    assert canvas("schema", "-o", schema).returncode == 0 and output.ours(schema)
    schema.write_bytes(schema.read_bytes().replace(b'"title"', b'"title" ', 1))
    assert not output.ours(schema)
    result = canvas("schema", "-o", schema)
    assert result.returncode == 2 and "was changed since" in result.stderr


@pytest.mark.slow
def test_a_workbook_resaved_by_libreoffice_or_gnumeric_is_not_ours(tmp_path, built):
    from programs import gnumeric, libreoffice

    original = built["bank-fa"]["xlsx"]
    assert output.ours(original)
    [by_lo] = libreoffice([original], "xlsx", tmp_path / "lo")
    by_gnumeric = gnumeric(original, tmp_path / "gn")
    assert not output.ours(by_lo) and not output.ours(by_gnumeric)


# --- all or nothing ---------------------------------------------------------------------------------

def test_a_failure_while_moving_in_puts_every_earlier_file_back(tmp_path, monkeypatch):
    old = {tmp_path / "m.xlsx": b"old x", tmp_path / "m.pdf": b"old p", tmp_path / "m.html": b"old h"}
    for path, data in old.items():
        path.write_bytes(data)
    real, calls = os.replace, []

    def flaky(src, dst, *args, **kwargs):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(InputError, match="No space left on device"):
        output.write_all({path: b"new" for path in old} | {tmp_path / "m.fa.pdf": b"new"}, force=True)
    monkeypatch.undo()
    assert {p: p.read_bytes() for p in old} == old
    assert not (tmp_path / "m.fa.pdf").exists()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("when", ["while the files are written", "as they are moved in"])
def test_a_file_that_appears_meanwhile_is_not_replaced(tmp_path, monkeypatch, when):
    """Two imports racing for one YAML: the second is refused, the first one's file kept."""
    target, other = tmp_path / "ali.yaml", tmp_path / "b.html"
    hooked = "sweep" if when == "while the files are written" else "check"
    real, calls = getattr(output, hooked), []

    def racing(*args, **kwargs):
        result = real(*args, **kwargs)
        calls.append(1)
        if hooked == "sweep" or len(calls) == 1:  # check: write_all's one look, just before the move
            target.write_text("written by the other run\n", "utf-8")
        return result

    monkeypatch.setattr(output, hooked, racing)
    with pytest.raises(InputError) as caught:
        output.write_all({other: b"<html>", target: b"mine"})
    said = ("already exists and was not written by canvas" if hooked == "sweep"
            else "another program wrote this file meanwhile")
    assert said in str(caught.value)
    assert target.read_text("utf-8") == "written by the other run\n" and not other.exists()
    assert leftovers(tmp_path) == []


def test_leftovers_of_a_killed_run_are_swept_on_the_next(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = [tmp_path / f".m.xlsx.{dead.pid}.0123abcd.tmp", tmp_path / f".m.pdf.{dead.pid}.0123abcd.old"]
    live = tmp_path / f".m.html.{os.getpid()}.89abcdef.tmp"  # a run still going: left alone
    other = tmp_path / f".notes.txt.{dead.pid}.0123abcd.tmp"  # not a file canvas writes now: left alone
    mine = tmp_path / ".my-notes.tmp"
    for path in (*stale, live, other, mine):
        path.write_bytes(b"x")
    output.write_all({tmp_path / name: b"new" for name in ("m.xlsx", "m.pdf", "m.html")})
    assert leftovers(tmp_path) == sorted([live.name, other.name, mine.name])


# --- stops ------------------------------------------------------------------------------------------

def _processes_under(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and marker in (entry / "cmdline").read_bytes().decode("utf-8", "replace"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", ["SIGTERM to canvas", "Ctrl-C to the process group"])
def test_a_stopped_batch_stops_its_workers_and_leaves_whole_sets(tmp_path, how):
    models = tmp_path / "in"
    models.mkdir()
    for i in range(6):
        shutil.copy(SAMPLE, models / f"m{i}.yaml")
    out = tmp_path / "out"
    outcomes = set()
    for delay in (1.0, 4.5):  # before any file is done, and while some are
        process = subprocess.Popen([sys.executable, "-m", "canvas", "build", models, "-o", out, "-j", "2",
                                    "--force"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   start_new_session=True)
        time.sleep(delay)
        if how == "SIGTERM to canvas":
            process.send_signal(signal.SIGTERM)
        else:
            os.killpg(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
        if process.returncode == 0:  # finished before the signal: nothing to check
            continue
        outcomes.add(process.returncode)
        assert process.returncode == (143 if how == "SIGTERM to canvas" else 130), stderr
        assert "stopped; files not finished were not written" in stderr and "Traceback" not in stderr
        time.sleep(0.5)
        assert _processes_under(str(out)) == [], "a worker went on after the stop"
        if out.exists():
            assert leftovers(out) == []
            stems = {}
            for path in out.iterdir():
                stems.setdefault(path.stem, set()).add(path.suffix)
            assert all(kinds == {".xlsx", ".pdf", ".html"} for kinds in stems.values()), stems
    assert outcomes, "the batch always finished before the signal: slow the test down"


# --- the machine says no: a plain message, exit 2, nothing changed ---------------------------------

def test_an_output_folder_that_cannot_be_made_is_a_plain_error(tmp_path):
    (tmp_path / "afile").write_text("x", "utf-8")
    result = canvas("build", ROOT / "samples" / "music-streaming-en.yaml", "-o", tmp_path / "afile" / "sub")
    assert result.returncode == 2, result.stderr
    assert f"{tmp_path / 'afile' / 'sub'}: cannot write here (Not a directory); nothing was changed" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("errno_, why", [(28, "No space left on device"), (30, "Read-only file system")])
def test_a_full_or_read_only_disk_is_a_plain_error_and_changes_nothing(tmp_path, monkeypatch, errno_, why):
    old = tmp_path / "m.html"
    old.write_bytes(b"old")
    real_fsync = os.fsync

    def failing(fd):
        raise OSError(errno_, why)

    monkeypatch.setattr(os, "fsync", failing)
    with pytest.raises(InputError) as caught:
        output.write_all({tmp_path / "m.xlsx": b"new", old: b"new"}, force=True)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert f"cannot write here ({why}); nothing was changed" in str(caught.value)
    assert old.read_bytes() == b"old" and not (tmp_path / "m.xlsx").exists()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("line, said", [
    ("{{ 1/0 }}", "template error: ZeroDivisionError: division by zero"),
    ("{{ nosuchvar.x }}", "template error: 'nosuchvar' is undefined"),
    ("{% include 'missing.html.j2' %}", "template error: no template named 'missing.html.j2'"),
    ("{% if %}", "template error: Expected an expression"),
])
def test_a_broken_user_template_is_named_with_its_line(tmp_path, line, said):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "cover.html.j2").write_text(f"<p>first line</p>\n{line}\n", "utf-8")
    result = canvas("build", ROOT / "samples" / "music-streaming-en.yaml", "-o", tmp_path / "out",
                    "--templates", templates, "--no-xlsx", "-j", "1")
    assert result.returncode == 2, result.stderr
    assert f"{templates / 'cover.html.j2'}:2: {said}" in result.stderr
    assert "internal error" not in result.stderr and not (tmp_path / "out").exists()


def test_outputs_of_another_language_clash_like_any_others(tmp_path):
    """a/m.yaml built in Persian writes m.fa.*, as does b/m.fa.yaml (a Persian model): the second
    would have replaced the first silently (both are canvas's own, unchanged)."""
    for folder, sample in (("a", "music-streaming-en"), ("b", "bank-fa")):
        (tmp_path / folder).mkdir()
        shutil.copy(ROOT / "samples" / f"{sample}.yaml", tmp_path / folder / ("m.yaml" if folder == "a" else "m.fa.yaml"))
    result = canvas("build", "a/m.yaml", "b/m.fa.yaml", "-o", "out", "--lang", "fa", "--no-pdf", cwd=tmp_path)
    assert result.returncode == 2
    assert "a/m.yaml: its output m.fa would also be written for b/m.fa.yaml" in result.stderr
    assert not (tmp_path / "out").exists()
    assert canvas("build", "a/m.yaml", "b/m.fa.yaml", "-o", "out", "--lang", "all", "--no-pdf",
                  cwd=tmp_path).returncode == 0  # m.fa.* and m.en.*, m.fa.fa.* and m.fa.en.*: apart
    assert len(list((tmp_path / "out").iterdir())) == 8


def test_a_pipe_named_like_a_model_is_refused_unread_by_build(tmp_path):
    os.mkfifo(tmp_path / "m.yaml")
    result = canvas("build", tmp_path / "m.yaml", "-o", tmp_path / "out")  # it blocked, choosing a language
    assert result.returncode == 2 and "is not a regular file (a device or a pipe)" in result.stderr


def test_an_input_is_never_an_output_of_the_same_run_not_even_with_force(tmp_path):
    """The model named m.html built into its own folder; a summary over a hand-in; an earlier
    summary in the class folder is no hand-in and is replaced."""
    model = tmp_path / "m.html"
    shutil.copy(ROOT / "samples" / "music-streaming-en.yaml", model)
    before = model.read_bytes()
    result = canvas("build", model, "-o", tmp_path, "--no-xlsx", "--no-pdf", "--force")
    assert result.returncode == 2 and "is an input of this very command" in result.stderr
    assert model.read_bytes() == before
    hand_ins = tmp_path / "class"
    hand_ins.mkdir()
    shutil.copy(ROOT / "samples" / "music-streaming-en.yaml", hand_ins / "ali.yaml")
    assert canvas("build", hand_ins / "ali.yaml", "-o", hand_ins, "--no-pdf", "--no-html").returncode == 0
    result = canvas("summary", hand_ins, "-o", hand_ins / "ali.xlsx", "--force")
    assert result.returncode == 2 and "is an input of this very command" in result.stderr
    for _ in range(2):  # the second time, the first summary is found in the folder: not a hand-in
        result = canvas("summary", hand_ins, "-o", hand_ins / "class.xlsx")
        assert result.returncode == 0 and "2 files" in result.stdout, result.stderr


def test_builds_leave_no_weasyprint_folder_behind(tmp_path):
    """WeasyPrint keeps fonts in a temp folder it removes only when garbage collected; the PDF
    worker and batch workers end with os._exit, and each used to leave one in /tmp."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    models = tmp_path / "in"
    models.mkdir()
    for i in range(3):
        shutil.copy(SAMPLE, models / f"m{i}.yaml")
    env = {**os.environ, "TMPDIR": str(temp)}
    for args in ([SAMPLE, "-o", tmp_path / "one"], [models, "-o", tmp_path / "many", "-j", "2"]):
        assert canvas("build", *args, "--no-xlsx", "--no-html", env=env).returncode == 0
    assert [p.name for p in temp.iterdir() if not p.name.startswith("_jinja2-cache")] == []  # Jinja's is kept


def test_templates_that_are_no_text_files_are_named(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "cover.html.j2").write_bytes(b"<p>one</p>\n\xff\xfe{{ x }}\n")
    os.mkfifo(templates / "funnel.html.j2")  # Jinja would have read it forever
    result = canvas("build", ROOT / "samples" / "music-streaming-en.yaml", "-o", tmp_path / "out",
                    "--templates", templates)
    assert result.returncode == 2, result.stderr
    assert f"{templates / 'cover.html.j2'}:2:0: not UTF-8 text; save the template as UTF-8" in result.stderr
    assert f"{templates / 'funnel.html.j2'}: a template must be a file" in result.stderr
    assert "internal error" not in result.stderr and not (tmp_path / "out").exists()


def test_a_stop_whose_exception_was_swallowed_still_writes_nothing(tmp_path, monkeypatch):
    """WeasyPrint catches every exception while it draws an SVG, Ctrl-C's too: the stop is
    remembered, and the outputs are not moved into place."""
    from canvas import stopping

    monkeypatch.setattr(stopping, "requested", signal.SIGINT)
    with pytest.raises(stopping.Stopped) as caught:
        output.write_all({tmp_path / "m.pdf": b"%PDF", tmp_path / "m.html": b"<html>"})
    assert caught.value.code == 130
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_sigterm_while_a_big_svg_is_drawn_stops_the_build(tmp_path):
    models = tmp_path / "m"
    models.mkdir()
    circles = "".join(f'<circle cx="{i % 200}" cy="{i // 200}" r="1"/>' for i in range(45_000))
    (models / "logo.svg").write_text(f'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="225">{circles}'
                                     "</svg>", "utf-8")
    (models / "m.yaml").write_text(SAMPLE.read_text("utf-8") + "\nbrand:\n  logo: logo.svg\n", "utf-8")
    for jobs in ("1", "2"):
        process = subprocess.Popen([sys.executable, "-m", "canvas", "build", models / "m.yaml", "-o", tmp_path / jobs,
                                    "--no-xlsx", "--no-html", "-j", jobs], stderr=subprocess.PIPE, text=True,
                                   start_new_session=True)
        time.sleep(4)
        process.send_signal(signal.SIGTERM)  # the main process only
        _, stderr = process.communicate(timeout=60)
        if process.returncode == 0:
            continue  # the machine was fast enough to finish first
        assert process.returncode == 143 and "stopped" in stderr
        time.sleep(0.5)
        assert _processes_under(str(tmp_path / jobs)) == [], "the PDF worker ran on"
        assert not (tmp_path / jobs).exists() or list((tmp_path / jobs).iterdir()) == []
