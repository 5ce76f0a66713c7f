"""Page plans for the report's fixed grids: the canvas, which is one page with every entry of every
block, and the journey maps, which each fit their page.

Type shrinks until the text fits, down to a readable floor; past the floor the canvas continues on a
second page (then a third...) with the same grid, and a journey map may run on with its header
repeated. The sizes come from measuring the text (measure.py); the PDF renderer then checks the
laid-out pages and, where a grid still ran over, plans it again with its text taken as taller by
a margin (pdf.py)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..blocks import CANVAS
from .measure import MM, lines

FLOOR = 6.5  # pt: the smallest type a grid is set in
STEP = 0.25
PAPERS = {"a4": (297, 210), "a3": (420, 297)}  # landscape, mm
WIDE_MARGINS = (12, 12, 16, 12)  # mm: top, right, bottom, left of the landscape pages (@page wide)
BANDS = ((3, 4), (5, 6), (7, 8))  # canvas grid rows (blocks.Block.canvas) grouped in bands
BAND_SHARE = (1.0, 1.0, 0.72)  # how spare height is shared between the bands
# fixed parts of the canvas page (points): the h1 with its rule and margin, the table's margins,
# the attribution line, and some slack for rounding
_CANVAS_CHROME = 38 + 14 + 16 + 12
# a cell: padding 3pt top and bottom, borders, and its heading (1.5 lines, 3pt below it)
_CELL = 6 + 1.2


# mm: the body's margin on each side (WeasyPrint's user-agent stylesheet gives it 8px, 6pt)
BODY_MARGIN = 6 / MM


def content(paper: str) -> tuple[float, float]:
    """Width and height (points) inside the margins of a landscape page (and the body's side margins)."""
    w, h = PAPERS[paper]
    top, right, bottom, left = WIDE_MARGINS
    return (w - left - right - 2 * BODY_MARGIN) * MM, (h - top - bottom) * MM  # the body's top and bottom margins fall at its ends only


def _items_height(entries: list[str], room: float, size: float, columns: int = 1) -> float:
    """Height of a list of entries (one entry: plain text; more: a list indented 1.2em), set in
    `columns` balanced columns 1.2em apart (bounded by an even share plus the longest entry)."""
    if not entries:
        return 0.0
    indent = 1.2 * size if len(entries) > 1 else 0.0
    column = (room - (columns - 1) * 1.2 * size) / columns
    counts = [lines(e, column - indent, size) for e in entries]
    total = sum(counts) if columns == 1 else -(-sum(counts) // columns) + max(counts)
    return total * 1.5 * size


def columns(colspan: int, entries: int) -> int:
    """Columns a canvas block's list is set in: two in the wide bottom cells once it has a few
    entries (a long single column would leave their width empty and push the page over)."""
    return 2 if colspan >= 4 and entries >= 4 else 1


def _heading(size: float) -> float:
    return 1.5 * (size + 0.5) + 3


@dataclass
class CanvasPage:
    entries: dict[str, list[str]]  # block key -> the entries on this page
    bands: tuple[float, float, float]  # heights (mm) of the three bands of rows


@dataclass
class CanvasPlan:
    size: float  # pt
    pages: list[CanvasPage] = field(default_factory=list)
    # entries the page could not hold even at the floor: they follow on a continuation page that
    # lists only the blocks they belong to (no grid of empty boxes)
    rest: dict[str, list[str]] = field(default_factory=dict)

    @property
    def continued(self) -> bool:
        return any(self.rest.values())


def _need(block, entries: list[str], width: float, size: float) -> float:
    c0, c1 = block.canvas[0], block.canvas[1]
    room = width * (c1 - c0 + 1) / 10 - 8 - 1.2  # padding 4pt each side, borders
    return _CELL + _heading(size) + _items_height(entries, room, size, columns(c1 - c0 + 1, len(entries)))


def _bands(needs: dict[str, float]) -> tuple[float, float, float]:
    """Smallest band heights (pt) that hold every block: a block spanning two bands needs their sum."""
    single = [0.0, 0.0, 0.0]
    double = 0.0
    for block in CANVAS:
        r0, r1 = block.canvas[2], block.canvas[3]
        first = next(i for i, (a, b) in enumerate(BANDS) if a <= r0 <= b)
        last = next(i for i, (a, b) in enumerate(BANDS) if a <= r1 <= b)
        if first == last:
            single[first] = max(single[first], needs[block.key])
        else:
            double = max(double, needs[block.key])
    top = single[0] + single[1]
    if double > top:  # share the extra between the two top bands
        extra = double - top
        single[0] += extra / 2
        single[1] += extra / 2
    return tuple(single)


def _spread(bands: tuple[float, ...], room: float) -> tuple[float, float, float]:
    """Bands grown to fill `room`, the spare height shared by BAND_SHARE (mm)."""
    spare = max(room - sum(bands), 0.0)
    total = sum(BAND_SHARE)
    return tuple(round((b + spare * s / total) / MM, 2) for b, s in zip(bands, BAND_SHARE))


def canvas(entries: dict[str, list[str]], paper: str, default: float, margin: float = 0.0) -> CanvasPlan:
    """The canvas set as large as fits one page (at most `default` pt); past the floor, the page
    holds what its cells can and the rest follows (`CanvasPlan.rest`). `margin` is the fraction by
    which the measured text is taken to be taller (after the laid-out page showed the estimate was
    short)."""
    width, height = content(paper)
    room = (height - _CANVAS_CHROME) / (1 + margin)

    def bands(parts: dict[str, list[str]], size: float):
        return _bands({b.key: _need(b, parts.get(b.key, []), width, size) for b in CANVAS})

    size = default
    while size > FLOOR and sum(bands(entries, size)) > room:
        size -= STEP
    size = max(size, FLOOR)
    if sum(bands(entries, size)) <= room:
        return CanvasPlan(size, [CanvasPage(entries, _spread(bands(entries, size), room))])
    # past the floor: the page shares its height between the bands as the entries need it, and
    # each block takes, in order, the entries its cell holds
    need = bands(entries, size)
    base = bands({}, size)  # headings only
    scale = (room - sum(base)) / (sum(need) - sum(base))
    share = tuple(round((b0 + (b - b0) * scale) / MM, 2) for b0, b in zip(base, need))
    page: dict[str, list[str]] = {}
    rest: dict[str, list[str]] = {}
    for block in CANVAS:
        r0, r1 = block.canvas[2], block.canvas[3]
        cell = sum(share[i] for i, (a, b) in enumerate(BANDS) if r0 <= b and r1 >= a) * MM
        queue = list(entries.get(block.key, []))
        taken: list[str] = []
        while queue and _need(block, taken + queue[:1], width, size) <= cell:
            taken.append(queue.pop(0))
        page[block.key], rest[block.key] = taken, queue
    return CanvasPlan(size, [CanvasPage(page, share)], rest)


def whole(entries: dict[str, list[str]], size: float) -> CanvasPlan:
    """The canvas for a screen: every entry in one grid whose rows grow with their text."""
    return CanvasPlan(size, [CanvasPage(entries, (0.0, 0.0, 0.0))])


@dataclass(frozen=True)
class Cell:
    """One cell of the canvas table: a column of the grid holding one block, or two stacked (a
    rowspan would do, but WeasyPrint gives a spanning cell's whole height to its last row)."""
    blocks: tuple[str, ...]
    colspan: int  # of the 10 columns of the grid


def grid() -> list[list[Cell]]:
    """The canvas as table rows: the upper band (the first two bands of BANDS) and the bottom band,
    each a list of cells by column (the table's direction mirrors them for right-to-left)."""
    upper: dict[tuple[int, int], list] = {}
    lower: list[Cell] = []
    for block in sorted(CANVAS, key=lambda b: (b.canvas[0], b.canvas[2])):
        c0, c1, r0, _ = block.canvas
        if r0 >= BANDS[2][0]:
            lower.append(Cell((block.key,), c1 - c0 + 1))
        else:
            upper.setdefault((c0, c1), []).append(block.key)
    return [[Cell(tuple(keys), c1 - c0 + 1) for (c0, c1), keys in upper.items()], lower]


# --- journey maps ---
ROW_HEAD = 28  # mm: the column of row labels
CURVE = 24  # mm: the emotion curve's row at the default size
# fixed parts of a journey page (points): the h1, the table's margins, slack
_JOURNEY_CHROME = 38 + 14 + 12


@dataclass
class JourneyPlan:
    size: float  # pt
    curve: float  # mm: the height of the emotion curve
    fits: bool  # every table of the journey fits a page at this size (else its rows run on)


def journey(chunks: list[tuple[list[str], list[tuple[str, list[str], list[list[str]]]]]], meta: str,
            paper: str, default: float, margin: float = 0.0) -> JourneyPlan:
    """The largest type (at most `default` pt) at which each table of a journey map fits a page.
    `chunks` are its tables: (stage names, rows of (key, label, texts of each cell)), `meta` the
    line under its title, `margin` as for the canvas."""
    width, height = content(paper)

    def plan(size: float) -> JourneyPlan:
        curve = max(CURVE * size / default, 14.0)
        return JourneyPlan(size, round(curve, 1), False)

    def tall(size: float, first: bool, names: list[str], rows) -> float:
        cols = max(len(names), 1)
        room = (width - ROW_HEAD * MM) / cols - 8 - 1.2
        head_room = ROW_HEAD * MM - 8 - 1.2
        total = _CELL + max(lines(n, room, size + 1, "bold") for n in names) * 1.5 * (size + 1)
        for key, label, cells in rows:
            if key == "legend":  # above the curve, in its cell
                total += _items_height(cells[0], width - ROW_HEAD * MM, 0.85 * size) + 1.5
                continue
            own = sum(lines(part, head_room, size, "bold") for part in label.split("\n")) * 1.5 * size
            if key == "emotion_curve":
                own = max(own, plan(size).curve * MM)
            else:
                own = max([own] + [_items_height(c, room, size) for c in cells])
            total += _CELL + own
        # the first table has the journey's h1 and meta line, the others a caption line
        chrome = _JOURNEY_CHROME + (sum(lines(part, width, 9.5) for part in meta.split("\n")) * 1.5 * 9.5 + 5
                                    if first else 1.5 * 9.5 + 4)
        return total + chrome

    size = default
    while True:
        fits = all(tall(size, i == 0, names, rows) * (1 + margin) <= height for i, (names, rows) in enumerate(chunks))
        if fits or size - STEP < FLOOR:
            result = plan(max(size, FLOOR))
            result.fits = fits
            return result
        size -= STEP
