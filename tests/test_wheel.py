"""A non-editable install from the wheel finds its templates, samples, vocabularies and fonts."""
from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

from conftest import ROOT


def run(*args, **kwargs):
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, check=True, **kwargs)


def test_wheel_install_builds_a_sample(tmp_path):
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", dist, ROOT)
    [wheel] = dist.glob("canvas_workbook-*.whl")
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv)
    python = venv / "bin" / "python"
    # dependencies come from the test environment; canvas itself only from the wheel
    purelib = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    (purelib / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run(python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheel)
    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    where = run(python, "-c", "import canvas; print(canvas.__file__)", cwd=work, env=env).stdout
    assert where.startswith(str(purelib)), where
    canvas_cmd = venv / "bin" / "canvas"
    run(canvas_cmd, "init", "--example", "bank-fa", "proj", cwd=work, env=env)
    result = run(canvas_cmd, "build", "proj/model.yaml", "-o", "out", cwd=work, env=env)
    assert sorted(p.name for p in (work / "out").iterdir()) == ["model.html", "model.pdf", "model.xlsx"]
    assert "نوشته شد: out/model.pdf" in result.stdout  # a Persian model is answered in Persian
    fonts = run("pdffonts", work / "out" / "model.pdf").stdout
    assert "Vazirmatn" in fonts
