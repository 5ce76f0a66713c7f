"""Command-line conventions (issue 18, part): colour as the terminal and NO_COLOR want it,
--quiet, diff --exit-code."""
from __future__ import annotations

import os
import pty
import subprocess
import sys

from conftest import ROOT

EN = ROOT / "samples" / "music-streaming-en.yaml"
WARNED = "version: 1\nmeta: {title: T, language: en}\nsegments: [{id: s1, name: Students}]\n"


def canvas(*args, env=None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "canvas", *map(str, args)], capture_output=True, text=True,
                          timeout=300, env={**os.environ, **(env or {})}, **kwargs)


def on_a_terminal(*args, env: dict) -> str:
    """What canvas prints when its output is a terminal (a pseudo-terminal here)."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "canvas", *map(str, args)], stdout=follower,
                               stderr=follower, env={**os.environ, **env})
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    process.wait(timeout=60)
    os.close(leader)
    return out.decode("utf-8", "replace")


def test_colour_on_a_terminal_unless_no_color_or_asked_not_to(tmp_path):
    model = tmp_path / "m.yaml"
    model.write_text(WARNED, "utf-8")
    escape = "\x1b["
    plain_env = {"NO_COLOR": ""}
    assert escape in on_a_terminal("check", model, env=plain_env)
    assert escape not in on_a_terminal("check", model, env={"NO_COLOR": "1"})
    assert escape not in on_a_terminal("--no-color", "check", model, env=plain_env)
    assert escape in canvas("--color", "check", model, env={"NO_COLOR": "1"}).stdout  # the flag wins
    assert escape not in canvas("check", model, env=plain_env).stdout  # a pipe: no colour


def test_quiet_leaves_out_what_was_done_but_not_problems_or_results(tmp_path):
    for args in (["build", EN, "-o", tmp_path / "out", "--no-pdf", "-q"], ["-q", "blank", "-o", tmp_path / "b.xlsx"],
                 ["validate", "-q", EN]):
        result = canvas(*args)
        assert result.returncode == 0 and result.stdout == "" and result.stderr == "", args
    assert (tmp_path / "out" / "music-streaming-en.xlsx").exists() and (tmp_path / "b.xlsx").exists()
    broken = tmp_path / "broken.yaml"
    broken.write_text("meta: [\n", "utf-8")
    result = canvas("validate", "-q", broken)
    assert result.returncode == 2 and "broken.yaml:" in result.stderr
    assert "completeness" in canvas("-q", "check", EN).stdout  # the report is the result


def test_diff_exit_code_says_whether_the_models_differ(tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(EN.read_text("utf-8").replace("title: Spotify", "title: Spotify Inc.", 1), "utf-8")
    assert canvas("diff", EN, EN, "--exit-code").returncode == 0
    changed = canvas("diff", EN, other, "--exit-code")
    assert changed.returncode == 1 and "Spotify Inc." in changed.stdout
    assert canvas("diff", EN, other).returncode == 0  # without the flag: 0, as git diff


def test_a_workbook_goes_to_stdout_with_dash_but_never_to_a_terminal(tmp_path):
    import io

    from openpyxl import load_workbook

    for args in (["blank", "--lang", "en", "-o", "-"], ["summary", EN, "-o", "-"]):
        result = subprocess.run([sys.executable, "-m", "canvas", *map(str, args)], capture_output=True, timeout=300)
        assert result.returncode == 0, result.stderr
        assert load_workbook(io.BytesIO(result.stdout)).sheetnames
        assert not (tmp_path / "-").exists() and not (ROOT / "-").exists()
    said = on_a_terminal("blank", "--lang", "en", "-o", "-", env={})
    assert "a workbook cannot be shown on a terminal; redirect the output" in said


def test_dash_reads_a_workbook_or_a_model_from_stdin_and_writes_yaml_to_stdout(tmp_path):
    import canvas as library

    [xlsx] = library.build(EN, tmp_path, formats=["xlsx"])
    piped = subprocess.run([sys.executable, "-m", "canvas", "import", "-"], stdin=open(xlsx, "rb"),
                           capture_output=True, timeout=300)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.startswith(b"# Imported from - by canvas import")
    named = canvas("import", xlsx, "-o", "-")
    assert named.returncode == 0 and named.stdout.split("\n", 1)[1] == piped.stdout.decode().split("\n", 1)[1]
    assert library.loads(named.stdout, "x.yaml").meta.title.get("en") == "Spotify business model"
    broken = subprocess.run([sys.executable, "-m", "canvas", "import", "-"], input=b"not a workbook",
                            capture_output=True, timeout=300)
    assert broken.returncode == 2 and broken.stderr.startswith(b"-: not an .xlsx workbook")
    summary = subprocess.run([sys.executable, "-m", "canvas", "summary", "-", "-o", tmp_path / "s.xlsx"],
                             stdin=open(EN, "rb"), capture_output=True, timeout=300)
    assert summary.returncode == 0 and (tmp_path / "s.xlsx").exists(), summary.stderr
    assert not (tmp_path / "-").exists()
