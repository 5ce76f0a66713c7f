"""What the report's templates need to lay out any model: the canvas and journey plans (fit.py),
matrix columns that hold their header words, the block icons."""
from __future__ import annotations

from .. import lean
from ..view import BLUEPRINT_LINES, View, aspect_label
from . import fit
from .fit import MM
from .icons import icon
from .svg import OTHER_CURVES, curve_colours
from .measure import width

# the canvas's type size (pt) when everything fits at it, by paper
CANVAS_SIZE = {"a4": 9.5, "a3": 11.5}
JOURNEY_SIZE = {"a4": 8.5, "a3": 11.0}  # a journey map's, likewise
JOURNEY_COLUMNS = 6  # stages in one table of a journey map; more continue in the next


def layout(view: View, margins: dict[str, float], curve, screen: bool = False) -> dict:
    """What the templates need to lay the report out: the canvas plan and grid, the block icons,
    the journey plans, matrix column widths. `margins` makes a grid's text count as taller where
    the PDF showed the estimate was short; `curve` draws an emotion curve; `screen` lays out for
    a browser, which has no pages: the canvas whole, every journey map at the same size."""

    def texts(key, cell):
        if key == "emotion":
            return [view.vocab("emotion_scale", cell)] if cell is not None else []
        return [] if key == "emotion_curve" else cell

    def heading(stage) -> str:
        name = view.stage_label(stage)
        if stage.label is not None:  # the stage's own name under it
            name += f" {view.stage_name(stage.stage)}"
        return f"{name} ★ {view.label('moment_of_truth')}" if stage.moment_of_truth else name

    def rows(j, chunk):
        out = []
        for key, cells in view.journey_rows(chunk):
            if key == "emotion_curve" and len(curves := view.curves(j, chunk)) > 1:  # the legend above it
                out.append(("legend", "", [["   ".join(name for name, _ in curves)]]))
            label = view.label(aspect_label(key))
            if key in BLUEPRINT_LINES:  # the line's name in small type over the lane's label
                label = f"{view.label(BLUEPRINT_LINES[key])}\n{label}"
            out.append((key, label, [texts(key, c) for c in cells]))
        return out

    journeys = []
    for number, j in enumerate(view.model.journeys, start=1):
        chunks = [([heading(s) for s in chunk], rows(j, chunk)) for chunk in journey_chunks(j)]
        # the map's line as journeys.html.j2 writes it: owner, variant, goal, the journey's evidence,
        # and the low-confidence mark's legend (the mark about two letters)
        parts = [view.journey_owner(j), view.vocab("journey_variants", j.variant) if j.variant else "",
                 f"{view.label('goal')}: {view.t(j.goal)}" if j.goal else "", view.evidence_line(j, importance=True),
                 f"MM {view.label('low_confidence_key')}" if view.journey_low(j) else ""]
        meta = " · ".join(part for part in parts if part)
        if number == 1 and view.unused_stages():  # the note on unused stages under the first map's line
            meta += "\n" + f"{view.label('unused_stages')}: {view.join(view.unused_stages())}"
        journeys.append(fit.JourneyPlan(JOURNEY_SIZE[view.paper], fit.CURVE, True) if screen
                        else fit.journey(chunks, meta, view.paper, JOURNEY_SIZE[view.paper],
                                         margins.get(f"journey{number}", 0.0)))
    entries = view.canvas_entries()
    return {"canvas_plan": (fit.whole(entries, CANVAS_SIZE[view.paper]) if screen
                            else fit.canvas(entries, view.paper, CANVAS_SIZE[view.paper], margins.get("canvas", 0.0))),
            "canvas_grid": fit.grid(), "canvas_columns": fit.columns,
            "lean_entries": lean.entries(view), "lean_columns": lean.columns(), "lean_grid": lean.GRID,
            "lean_single": lean.SINGLE, "lean_part_of": lean.PART_OF,
            "lean_plan": dict(size=CANVAS_SIZE[view.paper], upper=None, lower=None, top=None) if screen else lean_plan(lean.entries(view), view.paper,
                                                                                         CANVAS_SIZE[view.paper]),
            "block_icon": lambda key: icon(key, view.look.accent),
            "journey_plans": journeys, "matrix_columns": matrix_columns,
            # a browser has no pages: a journey is one table, scrolling sideways if it must
            "journey_chunks": (lambda j: [j.stages]) if screen else journey_chunks,
            "type_size": HEADS, "wide_margins": " ".join(f"{m}mm" for m in fit.WIDE_MARGINS),
            "emotion_svg": lambda stages, height, before=None, after=None, curves=(): curve(
                [s.emotion for s in stages], aspect=_curve_aspect(view, height), before=before, after=after,
                others=[scores for _, scores in curves[1:]], moments=[s.moment_of_truth for s in stages]),
            "curve_colours": curve_colours(view.look.accent, len(OTHER_CURVES) + 1),
            "blueprint_lines": BLUEPRINT_LINES, "aspect_label": aspect_label,
            "economics_per_table": economics_per_table(view)}


ECONOMICS_SEGMENTS = 4  # segments in one unit economics table at most


def economics_per_table(view: View) -> int:
    """Segments in one unit economics table: at most ECONOMICS_SEGMENTS, fewer when a word of their
    names (a header word is never broken) would not fit a column of the table's two thirds
    (report.css: col.what takes the rest); a low-confidence mark counts as two letters more."""
    names = [view.t(s.name) for s in view.model.segments if s.economics is not None]
    mark = width("MM", BODY, "bold") if any(view.low(s.economics) for s in view.model.segments
                                           if s.economics is not None) else 0.0
    widest = max((width(w, BODY, "bold") for n in names for w in n.split()), default=0.0) + mark + 9
    room = PORTRAIT_WIDTH * MM * 0.66
    return max(1, min(ECONOMICS_SEGMENTS, int(room // widest)))


LEAN_LOWER = 34  # mm: the bottom band's height at least (the upper band takes the rest of the page)


def lean_plan(entries: dict[str, list[str]], paper: str, default: float) -> dict | None:
    """The type size (pt) the Lean Canvas grid holds all its boxes at on one page, as large as
    fits (at most `default`), with the heights (mm) of its bands filling the page; None past the
    smallest readable size: the boxes then follow one another over as many pages as they need
    (lean.html.j2), no grid running off its page."""
    from .. import lean

    width, height = fit.content(paper)
    room = height - 38 - 14 - 16 - 12  # the h1 with its rule, the table's margins, the attribution, slack

    def need(key: str, colspan: int, size: float) -> float:
        cell = width * colspan / 10 - 8 - 1.2
        return 6 + 1.2 + fit._heading(size) + fit._items_height(entries[key], cell, size)

    size = default
    while size >= fit.FLOOR:
        upper = max(need(top[0], 2, size) + (need(under[0], 2, size) if under else 0) for top, under in lean.columns())
        lower = max(max(need(key, c2 - c1 + 1, size) for key, c1, c2, band in lean.GRID if band == 2), LEAN_LOWER * MM)
        if upper + lower <= room:
            under = max(need(under[0], 2, size) for _, under in lean.columns() if under)
            return {"size": size, "upper": round((room - lower) / MM, 1), "lower": round(lower / MM, 1),
                    "top": round((room - lower - under) / MM, 1)}  # the upper boxes above the parts under them
        size -= fit.STEP
    return None


PORTRAIT_WIDTH = 210 - 2 * 14 - 2 * fit.BODY_MARGIN  # mm inside a portrait page's margins (report.css @page) and the body's
MATRIX_HEAD = 8.0  # pt: the type of a matrix's column headers (th.small)
BODY = 9.5  # pt: the report's body text (report.css)
HEADS = {"head": MATRIX_HEAD, "body": BODY}  # sizes of a matrix's columns, for the templates


ROW_HEAD = 28 + 8 / MM  # mm: th.row-head is 28 mm wide plus its 4 pt padding on each side


def matrix_columns(fixed: list[tuple[list[str], float]], flexible: list[str], count: int,
                   row_head: float = ROW_HEAD, padding: float = 9) -> list[float] | None:
    """Widths (mm) for a portrait table's columns after its row labels (`row_head` mm): a column for
    each (texts, size in pt) of `fixed` as wide as its longest word, then `count` columns sharing
    the rest, or None when a word of `flexible` (at MATRIX_HEAD, as matrix headers are set) would
    not fit those: it would break mid-word, so show a list instead. Words are measured bold, plus
    the cell's side padding and borders (`padding`, pt)."""
    def widest(texts: list[str], size: float = MATRIX_HEAD) -> float:
        return max((width(w, size, "bold") for t in texts for w in str(t).split()), default=0.0) + padding

    widths = [round(widest(texts, size) / MM + 0.5, 1) for texts, size in fixed]
    if not count:
        return widths
    share = (PORTRAIT_WIDTH - row_head - sum(widths)) / count
    if share * MM < widest(flexible):
        return None
    return widths + [round(share, 1)] * count


def _curve_aspect(view: View, height: float) -> float:
    """Width over height of a journey map's curve cell: the page less the row labels, `height` mm."""
    return (fit.content(view.paper)[0] / fit.MM - fit.ROW_HEAD) / height


def journey_chunks(journey) -> list[list]:
    """A journey's stages in tables of at most JOURNEY_COLUMNS stages, as even as can be (eight
    stages are two tables of four, not six and two: the columns keep one width)."""
    stages = journey.stages
    tables = -(-len(stages) // JOURNEY_COLUMNS)
    size, extra = divmod(len(stages), tables)
    chunks, start = [], 0
    for k in range(tables):
        end = start + size + (1 if k < extra else 0)
        chunks.append(stages[start:end])
        start = end
    return chunks
