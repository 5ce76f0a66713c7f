"""`canvas diff -o FILE`: the changes between two models as a workbook, HTML or PDF."""
from __future__ import annotations

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.utils import get_column_letter

from ..view import View
from ..workbook.kit import (Names, Theme, add_table, deterministic_bytes, fit_columns, fit_rows, header_row,
                       page_setup, put, set_default_font, sheet_title, unique_headers)


def to_xlsx(view: View, changes, emotions, old_name: str, new_name: str) -> bytes:
    """A Changes table, and per journey whose emotions moved a sheet with both curves charted."""
    v, theme = view, Theme.of(view.look)
    wb = Workbook()
    wb.remove(wb.active)
    set_default_font(wb, "Tahoma" if v.rtl else "Calibri", 10 if v.rtl else 11)
    taken = Names()
    ws = wb.create_sheet(sheet_title(v.label("changes"), taken))
    ws.sheet_view.rightToLeft = v.rtl
    put(ws, 1, 1, f"{v.label('changes')}: {v.t(v.model.meta.title)}", font=theme.title_font, border=False, wrap=False)
    put(ws, 2, 1, f"{old_name} → {new_name}", border=False, wrap=False)
    headers = [v.label(k) for k in ("kind", "block", "item", "field", "before", "after")]
    header_row(ws, 3, unique_headers(headers), theme)
    for r, c in enumerate(changes, start=4):
        for col, value in enumerate([c.sign, c.block, c.item, c.field, c.old, c.new], start=1):
            put(ws, r, col, "" if value is None else value)
    add_table(ws, "tbl_changes", 3, 3 + max(len(changes), 1), len(headers))
    ws.freeze_panes = "A4"
    fit_columns(ws, budget=170, min_row=3)
    page_setup(ws, landscape=True, title_rows="3:3")
    for j, stages, before, after in emotions:
        sheet = wb.create_sheet(sheet_title(f"{v.label('emotion_curve')} - {v.journey_title(j)}", taken))
        sheet.sheet_view.rightToLeft = v.rtl
        put(sheet, 1, 1, v.journey_title(j), font=theme.title_font, border=False, wrap=False)
        header_row(sheet, 3, [v.label("stage")] + [v.stage_name(s) for s in stages], theme)
        for r, (name, scores) in enumerate(((old_name, before), (new_name, after)), start=4):
            put(sheet, r, 1, name, bold=True, fill=theme.block_fill)
            for col, score in enumerate(scores, start=2):
                put(sheet, r, col, "" if score is None else score, center=True)
        chart = LineChart()
        chart.title = v.label("emotion_curve")
        chart.height, chart.width = 7.5, max(16.0, 3.2 * len(stages))
        chart.add_data(Reference(sheet, min_col=1, max_col=len(stages) + 1, min_row=4, max_row=5),
                       from_rows=True, titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=2, max_col=len(stages) + 1, min_row=3, max_row=3))
        chart.y_axis.scaling.min, chart.y_axis.scaling.max, chart.y_axis.majorUnit = -2, 2, 1
        chart.x_axis.delete = chart.y_axis.delete = False
        for series in chart.series:
            series.smooth = False
        chart.x_axis.tickLblPos = "low"
        chart.series[0].graphicalProperties.line.dashStyle = "dash"
        chart.series[0].graphicalProperties.line.solidFill = "9AA5B1"
        chart.series[1].graphicalProperties.line.solidFill = theme.accent
        if v.rtl:
            chart.x_axis.scaling.orientation = "maxMin"
        sheet.add_chart(chart, "A7")
        for col in range(1, len(stages) + 2):
            sheet.column_dimensions[get_column_letter(col)].width = 22
        page_setup(sheet, landscape=True, last_row=24)
    for sheet in wb.worksheets:
        fit_rows(sheet)
    wb.properties.title = f"{v.label('changes')}: {v.t(v.model.meta.title)}"
    wb.properties.creator = "canvas"
    return deterministic_bytes(wb)


def render(fmt: str, view: View, changes, emotions, old_name: str, new_name: str) -> bytes:
    if fmt == "xlsx":
        return to_xlsx(view, changes, emotions, old_name, new_name)
    extra = dict(template="diff.html.j2", changes=changes, emotions=emotions, old_name=old_name,
                 new_name=new_name)
    if fmt == "html":
        from .html import render as html
        return html(view, **extra)
    from .pdf import render as pdf
    return pdf(view, **extra)
