"""The block registry is the one list of blocks: it covers every block of the model, and every
block it names has its workbook sheet, report section and label."""
from __future__ import annotations

import importlib
from pathlib import Path

from canvas import blocks
from canvas.model import BusinessModel
from canvas.view import labels
from canvas.workbook import READ, WRITE

ROOT = Path(__file__).resolve().parent.parent
NOT_BLOCKS = {"version", "meta", "brand", "custom_stages", "checks",  # settings of the model, not its content
              "lean"}  # a second canvas drawn from the blocks, with boxes of its own


def test_every_block_of_the_model_is_registered_once():
    assert sorted(blocks.KEYS) == sorted(set(BusinessModel.model_fields) - NOT_BLOCKS)
    assert len(set(blocks.KEYS)) == len(blocks.KEYS)


def test_every_block_has_its_sheet_section_and_label():
    report = (ROOT / "templates" / "report.html.j2").read_text("utf-8")
    for block in blocks.BLOCKS:
        sheet = importlib.import_module(f"canvas.workbook.sheets.{block.sheet}")
        assert sheet in WRITE and sheet in READ, block.key
        assert (ROOT / "templates" / f"{block.section}.html.j2").exists(), block.key
        assert f'{{% include "{block.section}.html.j2" %}}' in report, block.key
        assert set(labels()[block.key]) == {"fa", "en"}, block.key


def test_the_canvas_has_nine_blocks_that_tile_its_grid():
    cells = [(c, r) for b in blocks.CANVAS for c in range(b.canvas[0], b.canvas[1] + 1)
             for r in range(b.canvas[2], b.canvas[3] + 1)]
    assert len(blocks.CANVAS) == 9
    assert len(cells) == len(set(cells)) == 10 * 6  # ten columns, rows 3-8, no gap, no overlap
