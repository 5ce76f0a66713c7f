"""Inline SVG for the report: the emotion curve of a journey, drawn under its stage columns."""
from __future__ import annotations

from markupsafe import Markup, escape

EMOTION_COLOURS = {-2: "#C0392B", -1: "#E67E22", 0: "#F1C40F", 1: "#7DB343", 2: "#2E8B57"}
_HEIGHT = 110
_TOP, _BOTTOM = 16, 94  # y of emotion +2 and -2


def _y(score: int) -> float:
    return _BOTTOM - (score + 2) * (_BOTTOM - _TOP) / 4


def _face(cx: float, cy: float, score: int) -> str:
    """A marker for an emotion score: a face in the score's colour, smiling for 1 and 2, straight
    for 0, frowning for -1 and -2 (more for 2 and -2)."""
    curve = 3.2 * score  # how far the mouth's middle sits below (smile) or above (frown) its ends
    mouth_y = cy + 4.5 - curve / 2
    return (f'<g class="face"><circle cx="{cx:.1f}" cy="{cy:.1f}" r="12" fill="{EMOTION_COLOURS[score]}" '
            f'stroke="#fff" stroke-width="2"/>'
            f'<circle cx="{cx - 4.2:.1f}" cy="{cy - 3.2:.1f}" r="1.6" fill="#1b1b1b"/>'
            f'<circle cx="{cx + 4.2:.1f}" cy="{cy - 3.2:.1f}" r="1.6" fill="#1b1b1b"/>'
            f'<path d="M{cx - 5.2:.1f} {mouth_y:.1f} Q{cx:.1f} {mouth_y + curve:.1f} {cx + 5.2:.1f} {mouth_y:.1f}" '
            f'fill="none" stroke="#1b1b1b" stroke-width="1.6" stroke-linecap="round"/></g>')


# the curves compared with a journey's own (other personas, the as-is of a to-be), dashed, in turn
OTHER_CURVES = ("#6C7A89", "#8E44AD", "#D35400", "#16A085", "#2C3E50")


def curve_colours(colour: str, n: int) -> list[str]:
    """The colours of `n` curves on one map: the journey's own in `colour`, then OTHER_CURVES."""
    return [colour] + [OTHER_CURVES[i % len(OTHER_CURVES)] for i in range(n - 1)]


def _truth(cx: float, cy: float) -> str:
    """The ring around a moment of truth's face."""
    return (f'<circle class="truth" cx="{cx:.1f}" cy="{cy:.1f}" r="16.5" fill="none" stroke="#B9770E" '
            f'stroke-width="2.5"/>')


def emotion_curve(scores: list[int | None], *, rtl: bool, colour: str, labels: dict[int, str],
                  aspect: float = 9.0, previous: list[int | None] | None = None,
                  before: int | None = None, after: int | None = None,
                  others: list[list[int | None]] = (), moments: list[bool] = ()) -> Markup:
    """A line through the stages' emotion scores (-2..2), one point per stage column.

    Stage i sits at the centre of column i (from the right for rtl), so the curve lines up with an
    equal-width table row above it. Stages without a score break the line. `labels` names the
    -2 and 2 ends of the scale; `colour` is a validated #RRGGBB. The drawing stretches to its box
    (so columns stay aligned); `aspect` is the box's expected width/height, which keeps dots round.
    `previous` scores (another version of the journey) are drawn as a dashed grey line beneath.
    `before` and `after` are the scores of the stages just outside this table (a long journey is
    set in several): the line runs to the table's edge, halfway to them, so it reads as one curve.
    `others` are the curves compared with it (dashed, in curve_colours' order, with small dots);
    `moments` marks the stages that are moments of truth (a ring around the face).
    """
    n = max(len(scores), 1)
    width = round(_HEIGHT * aspect)
    step = width / n

    def x(i: int) -> float:
        centre = (i + 0.5) * step
        return width - centre if rtl else centre

    parts = [f'<svg class="emotion-curve" viewBox="0 0 {width} {_HEIGHT}" preserveAspectRatio="none" '
             f'xmlns="http://www.w3.org/2000/svg" role="img">']
    for score in (-2, -1, 0, 1, 2):
        dash = "" if score == 0 else ' stroke-dasharray="3 4"'
        parts.append(f'<line x1="0" x2="{width}" y1="{_y(score):.1f}" y2="{_y(score):.1f}" '
                     f'stroke="#B7C4D6" stroke-width="{1.2 if score == 0 else 0.6}"{dash}/>')
    def lines(values: list[int | None], stroke: str, extra: str = "") -> None:
        run: list[str] = []
        runs = [run]
        for i, score in enumerate(values):
            if score is None:
                run = []
                runs.append(run)
            else:
                run.append(f"{x(i):.1f},{_y(score):.1f}")
        for points in runs:
            if len(points) > 1:
                parts.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="{stroke}" '
                             f'stroke-width="3" stroke-linejoin="round"{extra}/>')

    if previous is not None:
        lines(previous, "#9AA5B1", ' stroke-dasharray="8 6"')
        for i, score in enumerate(previous):
            if score is not None:
                parts.append(f'<circle class="previous" cx="{x(i):.1f}" cy="{_y(score):.1f}" r="4" fill="#9AA5B1"/>')
    for values, stroke in zip(others, curve_colours(colour, len(others) + 1)[1:]):
        lines(values, stroke, ' stroke-dasharray="9 5" class="other"')
        for i, score in enumerate(values):
            if score is not None:
                parts.append(f'<circle class="other" cx="{x(i):.1f}" cy="{_y(score):.1f}" r="5" fill="{stroke}"/>')
    lines(scores, colour)
    for edge, outside, inside in ((-0.5, before, scores[0] if scores else None),
                                  (n - 0.5, after, scores[-1] if scores else None)):
        if outside is not None and inside is not None:
            mid = (_y(outside) + _y(inside)) / 2
            parts.append(f'<polyline points="{x(edge):.1f},{mid:.1f} {x(round(edge + 0.5) if edge < 0 else n - 1):.1f},'
                         f'{_y(inside):.1f}" fill="none" stroke="{colour}" stroke-width="3"/>')
    for i, score in enumerate(scores):
        if score is not None:
            if i < len(moments) and moments[i]:
                parts.append(_truth(x(i), _y(score)))
            parts.append(_face(x(i), _y(score), score))
    title = f"{labels.get(-2, '-2')} … {labels.get(2, '+2')}"
    parts.append(f"<title>{escape(title)}</title></svg>")
    return Markup("".join(parts))
