"""The command line: exit codes, messages on stderr, stdin, init -> validate -> build."""
from __future__ import annotations

import subprocess
import sys

import pytest

from canvas import __version__
from canvas.cli import cli as command
from conftest import ROOT, SAMPLE_IDS, SAMPLES


def test_every_command_has_help(cli):
    for name, sub in command.commands.items():
        assert sub.help and "Example:" in sub.help, name
        assert cli(name, "--help").exit_code == 0


def test_version(cli):
    assert cli("--version").output.strip() == f"canvas, version {__version__}"


def test_validate_reports_all_problems_on_stderr_with_exit_2(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nmeta: {title: T, language: en}\nchanels: []\nsegments: [{id: 1}]\n", "utf-8")
    result = cli("validate", bad)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{bad}:3:1: unknown key 'chanels' — did you mean 'channels'?",
        f"{bad}:4:12: missing required key 'name'",
        f"{bad}:4:17: 'id' must be text (got 1)",
    ]
    assert "Traceback" not in result.output


def test_validate_continues_past_a_bad_file(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- x\n", "utf-8")
    result = cli("validate", bad, SAMPLES[0])
    assert result.exit_code == 2
    assert f"{SAMPLES[0]}: درست است" in result.stdout  # a Persian model is answered in Persian
    assert f"{bad}:1:1:" in result.stderr


def test_validate_reads_stdin(cli):
    result = cli("validate", "-", input=SAMPLES[0].read_bytes())
    assert result.exit_code == 0 and "-: درست است" in result.output
    result = cli("validate", "-", input=b"version: 1\n")
    assert result.exit_code == 2 and result.stderr.startswith("<stdin>:1:1: missing required key 'meta'")


def test_build_from_stdin_names_output_canvas(cli, tmp_path):
    result = cli("build", "-", "-o", tmp_path, "--no-pdf", "--no-html", input=SAMPLES[0].read_bytes())
    assert result.exit_code == 0, result.output
    assert (tmp_path / "canvas.xlsx").is_file()


def test_build_bad_input_writes_nothing(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nmeta: {title: T, language: xx}\n", "utf-8")
    out = tmp_path / "out"
    result = cli("build", bad, "-o", out)
    assert result.exit_code == 2
    assert "'xx' is not a valid language" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("sample", SAMPLES, ids=SAMPLE_IDS)
def test_init_example_validate_build_round_trip(cli, tmp_path, sample):
    folder = tmp_path / "project"
    result = cli("init", "--example", sample.stem, folder)
    assert result.exit_code == 0, result.output
    model = folder / "model.yaml"
    assert model.read_text("utf-8").startswith("# yaml-language-server: $schema=./canvas.schema.json\n")
    assert (folder / "canvas.schema.json").is_file()
    assert cli("validate", model).exit_code == 0
    result = cli("build", model, "-o", tmp_path / "out", "--no-pdf")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["model.html", "model.xlsx"]


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_init_starter_builds(cli, tmp_path, lang):
    target = tmp_path / f"start-{lang}.yaml"
    assert cli("init", "--lang", lang, target).exit_code == 0
    result = cli("build", target, "-o", tmp_path, "--no-pdf", "--no-html")
    assert result.exit_code == 0, result.output
    import canvas

    assert canvas.load(target).meta.language == lang


def test_init_refuses_to_overwrite(cli, tmp_path):
    target = tmp_path / "m.yaml"
    target.write_text("mine", "utf-8")
    result = cli("init", target)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{target}: already exists; use --force to overwrite it"
    assert target.read_text("utf-8") == "mine"
    assert cli("init", "--force", target).exit_code == 0


def test_init_unknown_example(cli, tmp_path):
    result = cli("init", "--example", "bnak-fa", tmp_path)
    assert result.exit_code == 2
    assert "unknown example 'bnak-fa'" in result.stderr and "bank-fa" in result.stderr


def test_completion_script(cli):
    result = cli("completion", "bash")
    assert result.exit_code == 0 and "_CANVAS_COMPLETE" in result.output


def test_internal_error_is_short_and_exit_1(cli, monkeypatch, tmp_path):
    import canvas.builder

    def boom(*args, **kwargs):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(canvas.builder, "build", boom)
    result = cli("build", SAMPLES[0], "-o", tmp_path)
    assert result.exit_code == 1
    assert "internal error: RuntimeError: kaboom" in result.stderr
    assert "Traceback" not in result.stderr
    result = cli("--debug", "build", SAMPLES[0], "-o", tmp_path)
    assert "Traceback" in result.stderr


def test_python_dash_m_and_subprocess_exit_codes(tmp_path):
    run = lambda *args: subprocess.run([sys.executable, "-m", "canvas", *map(str, args)],  # noqa: E731
                                       capture_output=True, text=True, cwd=ROOT)
    ok = run("validate", SAMPLES[0])
    assert ok.returncode == 0
    bad = tmp_path / "b.yaml"
    bad.write_text("version: 1\nmeta: [\n", "utf-8")
    failed = run("validate", bad)
    assert failed.returncode == 2
    assert failed.stderr.strip().startswith(f"{bad}:2:7: the '[' opened on line 2 is not closed")


def test_broken_template_fails_each_file_but_reports_all(cli, tmp_path):
    (tmp_path / "report.html.j2").write_text("{{ v.nope() }}", "utf-8")
    result = cli("build", SAMPLES[0], SAMPLES[1], "-o", tmp_path / "out", "--no-pdf", "--no-xlsx",
                 "--templates", tmp_path)
    assert result.exit_code == 2
    assert "۲ فایل از ۲ فایل ناموفق بود:" in result.stderr  # Persian samples
    assert [line for line in result.stderr.splitlines() if "template error" in line] == [
        f"{sample}: {tmp_path / 'report.html.j2'}:1: template error: 'canvas.view.View object' has no attribute "
        "'nope'" for sample in SAMPLES[:2]]
    assert not (tmp_path / "out").exists()
