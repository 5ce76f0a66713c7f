"""The Lean Canvas (Ash Maurya, CC BY-SA 3.0), declared once: its boxes on a 10-column grid, read by
the report page, the workbook sheet and the deck. Eight boxes are the `lean:` block's own; the
customer segments, channels, cost structure and revenue streams are the model's blocks."""
from __future__ import annotations

# (key, first column, last column, band): band 0 the upper boxes, 1 the part under each of them
# (a box of its own, or the lower part of the one above: existing alternatives under the problem,
# the high-level concept under the unique value proposition, early adopters under the segments),
# 2 the bottom band. In Persian the grid runs right to left.
GRID = (
    ("problem", 1, 2, 0), ("solution", 3, 4, 0), ("unique_value_proposition", 5, 6, 0),
    ("unfair_advantage", 7, 8, 0), ("segments", 9, 10, 0),
    ("existing_alternatives", 1, 2, 1), ("key_metrics", 3, 4, 1), ("high_level_concept", 5, 6, 1),
    ("channels", 7, 8, 1), ("early_adopters", 9, 10, 1),
    ("cost_structure", 1, 5, 2), ("revenue_streams", 6, 10, 2),
)
FROM_MODEL = ("segments", "channels", "cost_structure", "revenue_streams")  # the model's blocks, by name
PART_OF = {"existing_alternatives", "high_level_concept", "early_adopters"}  # lower parts of the box above
SINGLE = ("unique_value_proposition", "high_level_concept")  # one text each; the others are lists


def entries(view) -> dict[str, list[str]]:
    """Each box's lines in `view`'s language: the lean block's texts, the model's names."""
    lean = view.model.lean
    out = {}
    for key, *_ in GRID:
        if key in FROM_MODEL:
            out[key] = view.canvas_lines(key)
        elif lean is None:
            out[key] = []
        elif key in SINGLE:
            out[key] = [t for t in [view.t(getattr(lean, key))] if t]
        else:
            out[key] = [t for t in view.ts(getattr(lean, key)) if t]
    return out


def columns() -> list[tuple[tuple, tuple | None]]:
    """The upper band as five columns: (upper box, the box or part under it)."""
    upper = [g for g in GRID if g[3] == 0]
    lower = {g[1]: g for g in GRID if g[3] == 1}
    return [(g, lower.get(g[1])) for g in upper]
