"""Native charts (their data editable in PowerPoint): the emotion curve of a journey, the funnel and
the competitors' shares. In Persian the categories read right to left and the labels carry
Persian digits (each point's label is its number as the report writes it)."""
from __future__ import annotations

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE, XL_TICK_LABEL_POSITION
from pptx.enum.dml import MSO_LINE
from pptx.oxml.ns import qn
from pptx.util import Pt

from ..textsafe import clean
from .deck import Box, Deck
from .text import PERSIAN_FONT


def _chart(deck: Deck, slide, box: Box, kind, categories: list[str], series: list[tuple[str, list]]):
    data = CategoryChartData()
    data.categories = [clean(c) for c in categories]  # text XML can hold (textsafe)
    for name, values in series:
        data.add_series(clean(name), values)
    frame = slide.shapes.add_chart(kind, box.left, box.top, box.width, box.height, data)
    frame.name = "Chart"
    chart = frame.chart
    chart.font.size = Pt(10)
    if deck.rtl:
        chart.font.name = PERSIAN_FONT
        rPr = chart._chartSpace.find(".//" + qn("a:defRPr"))
        if rPr is not None:
            rPr.append(rPr.makeelement(qn("a:cs"), {"typeface": PERSIAN_FONT}))
    return chart


def _labels(deck: Deck, series, texts: list[str]) -> None:
    """Each point labelled with its own text (the number in the output's digits)."""
    for i, text in enumerate(texts):
        if not text:
            continue
        label = series.points[i].data_label
        label.has_text_frame = True
        label.text_frame.text = clean(text)
        label.font.size = Pt(10)
        if deck.rtl:
            label.font.name = PERSIAN_FONT


def _reading_order(chart, rtl: bool, *, bar: bool = False) -> None:
    """Persian: categories from right to left (the value axis then stands on the right). A bar
    chart lists its categories top down, and in Persian its bars grow leftwards."""
    if bar:
        chart.category_axis.reverse_order = True
        chart.value_axis.reverse_order = rtl
    else:
        chart.category_axis.reverse_order = rtl
    for axis in (chart.category_axis, chart.value_axis):
        axis._element.get_or_add_delete_().set("val", "0")


def emotion(deck: Deck, slide, box: Box, stages: list, title: str, curves: list[tuple[str, list]] | None = None):
    """The emotion curve: a line chart of the scores -2..2, a gap where a stage has none. With
    `curves` (the journeys compared: view.curves), one series each, the journey's own first, the
    others dashed in the report's colours, and a legend; a moment of truth's point is a larger
    diamond ringed in amber."""
    from ..render.svg import curve_colours

    view = deck.view
    names = [view.stage_label(s) for s in stages]
    series = curves if curves and len(curves) > 1 else [(title, [s.emotion for s in stages])]
    chart = _chart(deck, slide, box, XL_CHART_TYPE.LINE_MARKERS, names, series)
    chart.has_legend = len(series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(9)
    chart.has_title = False  # the slide's row label says what it is; a title would crowd the map above
    axis = chart.value_axis
    axis.minimum_scale, axis.maximum_scale, axis.major_unit = -2, 2, 1
    axis.has_major_gridlines = True
    axis.tick_labels.font.size = Pt(9)
    chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW  # under the curve, not at 0
    _reading_order(chart, deck.rtl)
    for n, (line, colour) in enumerate(zip(chart.plots[0].series, curve_colours(deck.look.accent, len(series)))):
        line.format.line.color.rgb = RGBColor.from_string(colour.lstrip("#"))
        line.format.line.width = Pt(2.5 if n == 0 else 1.75)
        line.marker.format.fill.solid()
        line.marker.format.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))
        if n:
            line.format.line.dash_style = MSO_LINE.DASH
        line.smooth = False
    own = chart.plots[0].series[0]
    for i, s in enumerate(stages):
        if s.moment_of_truth and s.emotion is not None:
            marker = own.points[i].marker
            marker.style, marker.size = XL_MARKER_STYLE.DIAMOND, 11
            marker.format.line.color.rgb = RGBColor.from_string(TRUTH)
            marker.format.line.width = Pt(2)
    _labels(deck, own, [view.num(s.emotion) if s.emotion is not None else "" for s in stages])
    return chart


TRUTH = "B9770E"  # a moment of truth's ring (the report's)


def funnel(deck: Deck, slide, box: Box, log: bool, of=None):
    view = deck.view
    stages = (of or view.model.funnel).stages
    chart = _chart(deck, slide, box, XL_CHART_TYPE.BAR_CLUSTERED, [view.funnel_name(s) for s in stages],
                   [(view.label("count"), [s.count for s in stages])])
    chart.has_legend = False
    chart.has_title = False
    chart.plots[0].gap_width = 40
    series = chart.plots[0].series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = RGBColor.from_string(deck.look.primary.lstrip("#"))
    _reading_order(chart, deck.rtl, bar=True)
    chart.value_axis.has_major_gridlines = False
    chart.value_axis.visible = False
    if log:  # counts spanning orders of magnitude: each step ten times the last, as the report draws them
        scaling = chart.value_axis._element.find(qn("c:scaling"))
        scaling.insert(0, etree.SubElement(scaling, qn("c:logBase"), val="10"))
    _labels(deck, series, [view.num(s.count) for s in stages])
    return chart


def shares(deck: Deck, slide, box: Box, segments: list[str], competitors: list[tuple[str, list]]):
    """Market share (%) of each competitor in each segment: clustered columns, a series each."""
    chart = _chart(deck, slide, box, XL_CHART_TYPE.COLUMN_CLUSTERED, segments, competitors)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    _reading_order(chart, deck.rtl)
    chart.value_axis.has_major_gridlines = True
    view = deck.view
    colours = deck.look.series(len(competitors))
    for series, (_, values), colour in zip(chart.plots[0].series, competitors, colours):
        series.format.fill.solid()  # the brand's colours, not Office's
        series.format.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))
        _labels(deck, series, [view.pct(v) if v is not None else "" for v in values])
    return chart
