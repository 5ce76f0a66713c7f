"""Native Excel charts: the emotion curve of a journey and the sales funnel.

Charts read their data from the sheet, so they follow the user's edits. openpyxl writes no cached
values: Excel and LibreOffice compute them on open. Axes must be marked as not deleted, or Excel
hides them.
"""
from __future__ import annotations

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.marker import Marker
from openpyxl.chart.series import SeriesLabel
from openpyxl.chart.shapes import GraphicalProperties

ROW_HEIGHT_CM = 0.53  # a default 15 pt row


def _axes_visible(chart) -> None:
    chart.x_axis.delete = False
    chart.y_axis.delete = False


def rows_spanned(chart) -> int:
    """How many default-height rows the chart covers (for the print area)."""
    return int(chart.height / ROW_HEIGHT_CM) + 1


def emotion_chart(ws, *, rows: list[int], first_col: int, last_col: int, header_row: int, title: str,
                  rtl: bool, colour: str = "1F4E79", names: list[str] | None = None) -> LineChart:
    """A line chart of the emotion scores (-2..2) in `rows`, one point per stage column: the
    journey's own (the first row) in `colour`, the curves compared with it dashed in the report's
    colours, named in a legend by `names` (no legend for one curve)."""
    from ..render.svg import curve_colours

    chart = LineChart()
    chart.title = title
    chart.style = 2
    chart.height, chart.width = 7.5, max(16.0, 3.2 * (last_col - first_col + 1))
    for row in rows:
        chart.add_data(Reference(ws, min_col=first_col, max_col=last_col, min_row=row, max_row=row),
                       from_rows=True, titles_from_data=False)
    chart.set_categories(Reference(ws, min_col=first_col, max_col=last_col, min_row=header_row,
                                   max_row=header_row))
    for n, (series, stroke) in enumerate(zip(chart.series, curve_colours(colour, len(rows)))):
        series.marker = Marker(symbol="circle", size=8 if n == 0 else 6)
        series.marker.graphicalProperties = GraphicalProperties(solidFill=stroke.lstrip("#"))
        series.marker.graphicalProperties.line.solidFill = stroke.lstrip("#")
        series.graphicalProperties.line.solidFill = stroke.lstrip("#")
        series.graphicalProperties.line.width = 28575 if n == 0 else 19050  # 2.25 pt, 1.5 pt
        if n:
            series.graphicalProperties.line.dashStyle = "dash"
        if names:
            series.tx = SeriesLabel(v=names[n])
        series.smooth = False
    if not names:
        chart.legend = None
    else:
        chart.legend.position = "b"
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = -2, 2
    chart.y_axis.majorUnit = 1
    chart.x_axis.tickLblPos = "low"  # stage names under the plot even when scores are negative
    if rtl:  # the first stage sits on the right, as in the table above it
        chart.x_axis.scaling.orientation = "maxMin"
    chart.display_blanks = "gap"
    _axes_visible(chart)
    return chart


def funnel_chart(ws, *, first_row: int, last_row: int, title: str, colour: str = "2E75B6",
                 logarithmic: bool = False) -> BarChart:
    """Horizontal bars of the funnel counts (column B), first stage on top, with values shown;
    on a logarithmic value axis when the counts span orders of magnitude (as the report does)."""
    chart = BarChart()
    chart.type = "bar"
    chart.title = title
    chart.style = 2
    chart.legend = None
    chart.height, chart.width = 7.5, 16.0
    chart.add_data(Reference(ws, min_col=2, max_col=2, min_row=first_row, max_row=last_row),
                   titles_from_data=False)
    chart.set_categories(Reference(ws, min_col=1, max_col=1, min_row=first_row, max_row=last_row))
    chart.series[0].graphicalProperties.solidFill = colour
    chart.series[0].dLbls = DataLabelList(showVal=True, showCatName=False, showSerName=False,
                                          showLegendKey=False, showPercent=False)
    chart.x_axis.scaling.orientation = "maxMin"  # the bar chart's category axis is vertical
    chart.gapWidth = 40
    if logarithmic:
        chart.y_axis.scaling.logBase = 10
    _axes_visible(chart)
    return chart
