"""Workbooks made to hurt the importer (hardening issue, cases 10, 11, 12, 21, 24a): each is refused
with a message naming the file (and the cell where there is one) and exit code 2, quickly, in
bounded memory, never with a traceback, and no YAML is written."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

import canvas
from canvas.errors import InputError
from canvas.workbook import import_workbook
from conftest import SAMPLES
from sheets import role

MUSIC = next(s for s in SAMPLES if s.stem == "music-streaming-en")


def run_import(*args, env=None) -> subprocess.CompletedProcess:
    """`canvas import ARGS` in its own process, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "canvas", "import", *map(str, args)], capture_output=True,
                          text=True, timeout=300, env={"PATH": os.environ["PATH"], "LANG": "C.UTF-8", **(env or {})})


def refused(path) -> list[str]:
    with pytest.raises(InputError) as info:
        import_workbook(path)
    return [str(p) for p in info.value.problems]


@pytest.fixture(scope="module")
def music(tmp_path_factory) -> Path:
    [xlsx] = canvas.build(MUSIC, tmp_path_factory.mktemp("music"), formats=["xlsx"])
    return xlsx


def with_settings(source: Path, target: Path, **values) -> dict[str, str]:
    """A copy of a workbook whose hidden settings hold `values`; returns {setting: its cell}."""
    wb = load_workbook(source)
    ws = role(wb, "settings")
    cells = {}
    for row in ws.iter_rows(min_col=1, max_col=2):
        if row[0].value in values:
            row[1].value = values[row[0].value]
            cells[row[0].value] = f"{ws.title}!{row[1].coordinate}"
    wb.save(target)
    return cells


# --- 10: malformed values on the hidden settings sheet ------------------------------------------

DAMAGE = {
    "bad JSON": '{"a": ',
    "a list for a mapping": "[1, 2]",
    "a number": "5",
    "mapping values of the wrong type": '{"s": {"x": 1}}',
    "deep nesting": "[" * 100_000 + "]" * 100_000,
    "longer than a cell": '{"s": "' + "x" * 40_000 + '"}',
}


@pytest.mark.parametrize("setting", ["custom_stages", "brand", "segments_shown", "outputs", "relationship_matrix",
                                     "value_map_columns", "canvas_boxes"])
@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_setting_is_an_error_at_its_cell(music, tmp_path, setting, damage):
    cells = with_settings(music, tmp_path / "damaged.xlsx", **{setting: DAMAGE[damage]})
    said = refused(tmp_path / "damaged.xlsx")
    assert said == [f"{tmp_path / 'damaged.xlsx'}:{cells[setting]}: this cell of the hidden sheet 'canvas' keeps "
                    f"'{setting}', but it no longer holds what canvas wrote there (broken JSON, nested too deep, too "
                    "long, or of another shape); copy the sheet 'canvas' from the workbook canvas built, or delete "
                    "this row to import without it"]


@pytest.mark.parametrize("damage", ['{"meta": 5}', "[" * 100_000, '{"meta": {"title": "T"}, "segments": 7}'])
def test_a_damaged_model_copy_is_a_warning_at_its_cell(music, tmp_path, damage):
    cells = with_settings(music, tmp_path / "copy.xlsx", model_json_1=damage)
    [warning] = import_workbook(tmp_path / "copy.xlsx").warnings
    assert str(warning).startswith(f"{tmp_path / 'copy.xlsx'}:{cells['model_json_1']}: warning: the hidden copy of "
                                   "the model on the sheet 'canvas' is damaged")


def test_chunk_numbers_that_are_no_numbers_are_not_chunks(music, tmp_path):
    wb = load_workbook(music)
    ws = role(wb, "settings")
    ws.append(["model_json_" + "9" * 5000, "{}"])  # int() refuses more than 4300 digits
    ws.append(["model_json_²", "{}"])             # a digit to str.isdigit, not to int()
    wb.save(tmp_path / "keys.xlsx")
    assert canvas.load(MUSIC).model_dump() == import_workbook(tmp_path / "keys.xlsx").model.model_dump()


def test_the_cli_says_where_the_settings_are_damaged_in_the_workbooks_language(music, tmp_path):
    [fa] = canvas.build(MUSIC, tmp_path, formats=["xlsx"], lang="fa", name="fa")
    cells = with_settings(fa, tmp_path / "fa.xlsx", custom_stages="[" * 50_000)
    done = run_import(tmp_path / "fa.xlsx", "-o", tmp_path / "out.yaml")
    assert done.returncode == 2 and "Traceback" not in done.stderr and not (tmp_path / "out.yaml").exists()
    assert done.stderr.startswith(f"{tmp_path / 'fa.xlsx'}:{cells['custom_stages']}: این خانهٔ برگهٔ پنهان «canvas» "
                                  "مقدار «custom_stages» را نگه می‌دارد"), done.stderr
