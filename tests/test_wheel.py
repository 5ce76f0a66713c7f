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


def test_the_licence_ships_in_the_wheel_and_the_sdist(tmp_path):
    import tarfile
    import zipfile

    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", tmp_path, ROOT)
    [wheel] = tmp_path.glob("canvas_workbook-*.whl")
    [sdist] = tmp_path.glob("canvas_workbook-*.tar.gz")
    licence = (ROOT / "LICENSE").read_text("utf-8")
    assert licence.startswith("MIT License")
    with zipfile.ZipFile(wheel) as archive:
        shipped = [n for n in archive.namelist() if n.endswith("LICENSE")]
        assert shipped and archive.read(shipped[0]).decode("utf-8") == licence
        metadata = archive.read(next(n for n in archive.namelist() if n.endswith("METADATA"))).decode("utf-8")
    assert "License: MIT" in metadata and "Author: the canvas maintainers" in metadata
    with tarfile.open(sdist) as archive:
        assert any(n.endswith("/LICENSE") for n in archive.getnames())


def test_the_openpyxl_internals_canvas_uses_are_still_there():
    """canvas pins openpyxl below 3.2 because it uses these; a newer openpyxl must pass this first."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.styles.cell_style import StyleArray
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook()
    ws = wb.active
    cell = ws.cell(row=2, column=3, value="x")
    cell.number_format = "0%"
    assert isinstance(cell._style, StyleArray)        # kit.put copies styles
    assert wb._fonts[0].name == "Calibri"            # kit.set_default_font replaces the default font
    assert ws._cells[(2, 3)] is cell and isinstance(cell, Cell)  # grid reads the cells that exist
    assert callable(ExcelWriter(wb, None).save)     # kit.deterministic_bytes writes through it
