"""The Excel workbook, sheet by sheet: cells, tables, validations, conditional formats, charts,
print set-up, and a LibreOffice conversion of every sample."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.chart import BarChart, LineChart
from pypdf import PdfReader

import canvas
from canvas.vocab import vocabularies
from conftest import SAMPLE_IDS, SAMPLES


def book(built, name):
    return load_workbook(built[name]["xlsx"])


def visible(wb):
    return [ws for ws in wb.worksheets if ws.sheet_state == "visible"]


def row_of(ws, label, col=1):
    """The first row whose cell in `col` holds `label`."""
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=col).value == label)


def validations_of(ws):
    """{cell range text: DataValidation}."""
    return {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}


def rules_of(ws):
    """[(range text, rule)] of the sheet's conditional formats."""
    return [(str(cf.sqref), rule) for cf in ws.conditional_formatting for rule in cf.rules]


# --- the sheets ---------------------------------------------------------------------------

def test_bank_sheets_in_order_all_right_to_left(built):
    wb = book(built, "bank-fa")
    names = wb.sheetnames
    assert names[:4] == ["نمای کلی", "بوم مدل کسب‌وکار", "بوم ناب", "بخش‌های مشتری"]
    assert sum(n.startswith("پرسونا - ") for n in names) == 3
    assert sum(n.startswith("سفر مشتری - ") for n in names) == 4
    for expected in ("ارزش‌های پیشنهادی", "ارزش‌ها × بخش‌ها", "ماتریس کانال", "ماتریس ارتباط",
                     "ارتباط با مشتری", "قیف فروش", "رقبا", "سایر بلوک‌های بوم", "نیمرخ مشتری",
                     "مسکّن‌ها و منفعت‌آفرین‌ها", "تناسب ارزش و مشتری"):
        assert expected in names
    assert all(len(n) <= 31 for n in names)
    assert all(wb[n].sheet_view.rightToLeft for n in names)
    assert wb.worksheets[-1].sheet_state == "hidden"  # dropdown lists, last and out of the way
    assert wb.properties.title == "مدل کسب‌وکار بانک آینده‌نگر"
    assert wb.properties.creator == "واحد تجربهٔ مشتری"
    assert wb.properties.subject == "بانک آینده‌نگر"
    assert wb.properties.language == "fa"


def test_english_workbook_is_left_to_right(built):
    wb = book(built, "music-streaming-en")
    assert not any(ws.sheet_view.rightToLeft for ws in wb.worksheets)
    assert wb.properties.language == "en"


def test_overview_has_jalali_date_and_a_link_to_every_sheet(built):
    wb = book(built, "bank-fa")
    ws = wb.worksheets[0]
    assert ws["A1"].value == "مدل کسب‌وکار بانک آینده‌نگر"
    assert ws.cell(row=row_of(ws, "تاریخ"), column=2).value == "۱۵ مهر ۱۴۰۳"
    links = [c for row in ws.iter_rows() for c in row if c.hyperlink]
    targets = [c.hyperlink.location.split("!")[0].strip("'").replace("''", "'") for c in links]
    assert targets == [w.title for w in visible(wb)[1:]]
    journey_links = [c.value for c in links if c.value.startswith("سفر مشتری - ")]
    assert "سفر مشتری - سفر فرهاد برای گشایش اعتبار اسنادی" in journey_links  # full title, not the 31-char name


def test_canvas_grid_has_nine_merged_blocks_on_one_landscape_page(built):
    ws = book(built, "music-streaming-en")["Business Model Canvas"]
    headers = {ws.cell(row=r, column=c).value for r in (3, 5, 7) for c in range(1, 11)} - {None}
    assert headers == {"Key partners", "Key activities", "Key resources", "Value propositions",
                       "Customer relationships", "Channels", "Customer segments", "Cost structure",
                       "Revenue streams"}
    assert len(ws.merged_cells.ranges) == 18  # a header and a body per block
    assert "• Free listeners" in ws["I4"].value
    assert ws.page_setup.orientation == "landscape"
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 1)
    assert "CC BY-SA" in ws["A10"].value


def test_segments_table(built):
    ws = book(built, "bank-fa")["بخش‌های مشتری"]
    table = ws.tables["tbl_segments"]
    assert table.ref == "A3:N6"
    assert [c.value for c in ws[3]] == ["شناسه", "نام", "توضیح", "دغدغه‌ها", "ویژگی‌های جمعیتی", "اندازه",
                                        "واحد اندازه", "بازار کل (TAM)", "بازار در دسترس (SAM)",
                                        "بازار قابل کسب (SOM)", "سهم بازار ما (٪)", "اهمیت", "اطمینان", "منبع"]
    assert [ws.cell(row=r, column=2).value for r in (4, 5, 6)] == ["مشتریان حقوقی", "پس‌انداز کودکان",
                                                                 "مشتریان خرد"]
    assert ws["F4"].value == 1800 and ws["F4"].number_format == "#,##0"
    assert ws.freeze_panes == "B4"
    dv = validations_of(ws)["F4:F6"]
    assert (dv.type, dv.operator, dv.formula1) == ("whole", "greaterThanOrEqual", "0")
    # market sizes: amounts in the model's currency, with a rule and its prompt
    tam = validations_of(ws)["H4:H6"]
    assert (tam.type, tam.operator, tam.formula1) == ("decimal", "greaterThanOrEqual", "0") and tam.prompt
    assert ws["H4"].number_format == "#,##0.##"


def test_persona_card(built):
    wb = book(built, "bank-fa")
    ws = wb["پرسونا - فرهاد کریمی"]
    assert ws["A1"].value == "فرهاد کریمی"
    profile = row_of(ws, "مشخصات")
    assert f"A{profile}:D{profile}" in {str(r) for r in ws.merged_cells.ranges}  # a section band
    segment_row = row_of(ws, "بخش مشتری")
    assert ws.cell(row=segment_row, column=2).value == "مشتریان حقوقی"
    assert ws.cell(row=segment_row, column=3).value == "کهن‌الگوی برند"
    assert ws.cell(row=segment_row, column=4).value == "فرمانروا"  # archetype: ruler
    dvs = validations_of(ws)
    assert dvs[f"B{segment_row}"].formula1 == "list_segments"
    assert dvs[f"D{segment_row}"].formula1 == "list_archetypes"
    texts = {c.value for row in ws.iter_rows() for c in row}
    assert {"عادات و ترجیحات", "نیاز و علاقه", "اهداف و ناکامی‌ها", "سرگرمی‌ها", "اهداف", "ناکامی‌ها",
            "کانال‌های ترجیحی", "نیاز به محصول", "داستان"} <= texts
    quote = row_of(ws, "نقل قول")  # a labelled field like the others, so a blank has a place for it
    assert ws.cell(row=quote, column=2).value and ws.cell(row=quote, column=2).font.i


def test_value_propositions_by_value_type_and_by_segment(built):
    wb = book(built, "music-streaming-en")
    ws = wb["Value propositions"]
    headers = [c.value for c in ws[3]]
    assert headers[4:8] == [v["en"] for v in vocabularies()["value_types"].values()]
    assert ws.tables["tbl_value_propositions"].ref.startswith("A3:")
    fit = wb["Propositions × segments"]
    matrix = {r[1].value: [c.value for c in r[2:]] for r in fit.iter_rows(min_row=4)}
    segments = [c.value for c in fit[3]][2:]
    assert matrix["Premium listening"][segments.index("Premium subscribers")] == "●"
    assert matrix["Premium listening"][segments.index("Advertisers")] is None
    assert any(rule.type == "expression" for _, rule in rules_of(fit))


def test_channel_matrix_in_model_order_with_phases_and_strengths(built):
    ws = book(built, "music-streaming-en")["Channel matrix"]
    headers = [c.value for c in ws[3]]
    assert headers[:8] == ["Id", "Name", "Category", "Awareness", "Evaluation", "Purchase", "Delivery",
                           "After sales"]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=4)}
    model = canvas.load(next(p for p in SAMPLES if p.stem == "music-streaming-en"))
    assert list(rows) == [c.id for c in model.channels]  # the YAML's order, so import gives it back
    assert ws["C4"].fill.fgColor.rgb.endswith("FCE4D6")  # categories coloured: physical
    premium = headers.index("Premium subscribers")
    assert rows["smart_speakers"][premium].value == 3
    assert rows["bundles"][headers.index("Free listeners")].value is None
    last = ws.max_row
    assert headers[-4:] == ["Description", "Importance", "Confidence", "Source"]
    strength_range = f"I4:{ws.cell(row=4, column=len(headers) - 4).column_letter}{last}"
    for col in range(9, len(headers) - 3):  # each segment's column: a dropdown of the scale
        letter = ws.cell(row=4, column=col).column_letter
        dv = validations_of(ws)[f"{letter}4:{letter}{last}"]
        assert (dv.type, dv.formula1, dv.errorStyle) == ("list", '"0,1,2,3"', "warning")
        assert "3 Strong" in dv.prompt
    assert validations_of(ws)[f"C4:C{last}"].formula1 == "list_channel_categories"
    assert "Type ● (or x, ✓, yes) to mark" in validations_of(ws)[f"D4:D{last}"].prompt
    assert any(r == strength_range and rule.type == "colorScale" for r, rule in rules_of(ws))


def test_relationship_matrix_segments_by_six_types(built):
    ws = book(built, "bank-fa")["ماتریس ارتباط"]
    headers = [c.value for c in ws[3]]
    assert headers[1:] == [v["fa"] for v in vocabularies()["relationship_types"].values()]
    rows = {r[0].value: [c.value for c in r[1:]] for r in ws.iter_rows(min_row=4)}
    assert set(rows) == {"مشتریان حقوقی", "پس‌انداز کودکان", "مشتریان خرد"}
    assert sum(v is not None for v in rows["مشتریان حقوقی"]) >= 1
    detail = book(built, "bank-fa")["ارتباط با مشتری"]
    assert validations_of(detail)["B4:B8"].formula1 == "list_relationship_types"


def test_journey_sheet_emotion_row_validated_coloured_and_charted(built):
    wb = book(built, "bank-fa")
    ws = wb[next(n for n in wb.sheetnames if n.startswith("سفر مشتری - "))]
    header = row_of(ws, "مرحله")
    assert [c.value for c in ws[header]][:4] == ["مرحله", "آگاهی", "علاقه و توجه", "ارزیابی گزینه‌ها"]
    emotion = row_of(ws, "امتیاز احساس")
    assert [c.value for c in ws[emotion][1:7]] == [0, 1, -1, 2, 1, 2]
    touch = row_of(ws, "نقاط تماس")
    assert ws.cell(row=touch, column=2).value == "• همایش‌ها و رویدادها\n• شبکه‌های اجتماعی"  # id -> name
    dv = validations_of(ws)[f"B{emotion}:G{emotion}"]
    assert (dv.type, dv.formula1) == ("list", '"-2,-1,0,1,2"')
    assert "-2 Very negative" in dv.prompt or "-2 بسیار ناخشنود" in dv.prompt
    assert any(r == f"B{emotion}:G{emotion}" and rule.type == "colorScale" for r, rule in rules_of(ws))
    [chart] = ws._charts
    assert isinstance(chart, LineChart)
    ref = chart.series[0].val.numRef.f
    assert ref.endswith(f"!$B${emotion}:$G${emotion}")
    categories = chart.series[0].cat
    # the stages as this journey names them: the row under the stage names
    assert ws.cell(row=header + 1, column=1).value == "نام مرحله در این سفر"
    assert (categories.numRef or categories.strRef).f.endswith(f"!$B${header + 1}:$G${header + 1}")
    assert (chart.y_axis.scaling.min, chart.y_axis.scaling.max) == (-2, 2)
    assert chart.x_axis.scaling.orientation == "maxMin"  # right to left, like the table
    assert chart.x_axis.delete is False and chart.y_axis.delete is False


def test_english_journey_chart_runs_left_to_right(built):
    wb = book(built, "music-streaming-en")
    ws = wb[next(n for n in wb.sheetnames if n.startswith("Customer journey - "))]
    assert ws._charts[0].x_axis.scaling.orientation == "minMax"


def test_funnel_formulas_overall_conversion_and_chart(built):
    ws = book(built, "music-streaming-en")["Sales funnel"]
    assert [c.value for c in ws[3]] == ["Stage", "Count", "Conversion", "Of first stage", "Note", "Id", "Importance",
                                        "Confidence", "Source"]
    assert ws["B4"].value == 1000000
    assert ws["C4"].value == '=IF(OR(B4="",B4=0,B5=""),"",B5/B4)'  # empty, not 0%, until both are typed
    assert ws["C4"].number_format == "0.0##%"  # 0.006%, not 0.0%
    assert ws["D8"].value == '=IF(OR($B$4="",$B$4=0,B8=""),"",B8/$B$4)'
    overall = row_of(ws, "Overall conversion")  # the last count typed over the first
    assert ws.cell(row=overall, column=2).value == '=IF(OR(B4="",B4=0),"",INDEX(B4:B8,COUNT(B4:B8))/B4)'
    [chart] = ws._charts
    assert isinstance(chart, BarChart) and chart.type == "bar"
    assert chart.series[0].val.numRef.f.endswith("!$B$4:$B$8")
    dvs = validations_of(ws)
    assert dvs["B4:B8"].type == "whole"
    # own names allowed: the list is a note that OK keeps
    assert dvs["A4:A8"].formula1 == "list_funnel_stages" and dvs["A4:A8"].errorStyle == "information"
    techniques = row_of(ws, "Conversion techniques")
    assert ws.cell(row=techniques + 1, column=1).value.startswith("• One-tap sign-up")


def test_competitors_share_as_numbers_with_bars_and_validation(built):
    ws = book(built, "music-streaming-en")["Competitors"]
    assert [c.value for c in ws[3]] == ["Id", "Name", "Description", "Position in the value chain", "Price",
                                        "Strengths", "Weaknesses", "Segment", "Market share (%)",
                                        "Offer to the segment", "Importance", "Confidence", "Source"]
    rows = {(r[0].value, r[7].value): r for r in ws.iter_rows(min_row=4)}
    first, second = rows[("youtube_music", "Free listeners")], rows[("youtube_music", "Premium subscribers")]
    assert first[1].value == "YouTube Music" and second[1].value is None  # the competitor's own fields once
    share = rows[("apple_music", "Premium subscribers")][8]
    # no number format: LibreOffice then records a typed "40%" as a percentage, which import reads as 40
    assert share.value == 13 and share.number_format == "General"
    last = ws.max_row
    assert validations_of(ws)[f"I4:I{last}"].type == "decimal"
    assert validations_of(ws)[f"H4:H{last}"].formula1 == "list_segments"
    assert any(rule.type == "dataBar" for _, rule in rules_of(ws))


def test_dropdown_lists_hold_the_vocabularies_and_segments(built):
    wb = book(built, "bank-fa")
    lists = wb.worksheets[-1]
    def values(name):
        sheet, cells = wb.defined_names[name].attr_text.split("!")
        first, last = cells.replace("$", "").split(":")
        return [c.value for row in wb[sheet.strip("'")][first:last] for c in row]
    assert values("list_relationship_types") == [v["fa"] for v in vocabularies()["relationship_types"].values()]
    assert values("list_archetypes") == [v["fa"] for v in vocabularies()["archetypes"].values()]
    assert values("list_segments") == ["مشتریان حقوقی", "پس‌انداز کودکان", "مشتریان خرد"]
    assert lists.sheet_state == "hidden"


@pytest.mark.parametrize("name", SAMPLE_IDS)
def test_every_sheet_prints_well(built, name):
    wb = book(built, name)
    for ws in visible(wb):
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.print_area, ws.title
        assert ws.oddFooter.center.text == "&P / &N" and ws.oddHeader.center.text == "&A"
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        if len(ws.tables) == 1:  # one table: its header row repeats on every page
            assert ws.print_title_rows == "$3:$3"
        if ws._charts:  # the chart is inside the print area
            last_printed = int(ws.print_area.split("$")[-1])
            assert last_printed > ws._charts[0].anchor._from.row + 10, ws.title


@pytest.mark.parametrize("name", SAMPLE_IDS)
def test_tables_are_valid_list_objects(built, name):
    """What makes Excel 'repair' a file: duplicate or non-text headers, merges inside tables, bad names."""
    wb = book(built, name)
    names = [t for ws in wb for t in ws.tables]
    assert len(names) == len(set(names)) >= 8
    for ws in wb:
        for table in ws.tables.values():
            assert table.name.startswith("tbl_")
            first, last = table.ref.split(":")
            header = [c.value for c in ws[first:last][0]]
            assert all(isinstance(h, str) and h for h in header)
            assert len({h.lower() for h in header}) == len(header)
            assert [c.name for c in table.tableColumns] == header
            for merged in ws.merged_cells.ranges:
                assert merged.max_row < ws[first].row or merged.min_row > ws[last].row


def test_hostile_names_give_valid_unique_sheets_and_headers(tmp_path):
    text = """version: 1
meta: {title: x, language: en}
segments:
  - {id: a, name: 'Name'}
  - {id: b, name: 'Name'}
  - {id: c, name: 'purchase'}
personas:
  - {id: p1, segment: a, name: "'[Bob]: a/b\\\\c*?' with a very long name indeed"}
  - {id: p2, segment: a, name: "'[Bob]: a/b\\\\c*?' with a very long name indeed"}
  - {id: p3, segment: b, name: History}
channels:
  - {id: ch, name: Purchase, category: internet, phases: [purchase], serves: {a: 2}}
"""
    [path] = canvas.build(canvas.loads(text), tmp_path, formats=["xlsx"])
    wb = load_workbook(path)
    names = wb.sheetnames
    assert len({n.lower() for n in names}) == len(names)
    for n in names:
        assert len(n) <= 31 and not set(n) & set("[]:*?/\\") and not n.startswith("'") and not n.endswith("'")
    ws = wb["Channel matrix"]
    headers = [c.value for c in ws[3]]
    assert len({h.lower() for h in headers}) == len(headers)
    assert "Name [a]" in headers and "Name [b]" in headers and "purchase (2)" in headers  # shared names: with ids


def test_empty_model_still_gives_valid_tables(tmp_path):
    [path] = canvas.build(canvas.loads("version: 1\nmeta: {title: empty, language: fa}\n"), tmp_path,
                          formats=["xlsx"])
    wb = load_workbook(path)
    for ws in wb:
        for table in ws.tables.values():
            if table.name in ("tbl_completeness", "tbl_findings"):
                continue
            first, last = table.ref.split(":")
            assert ws[last].row == ws[first].row + 1  # a header and one empty row to type into
    assert not any(ws._charts for ws in wb)


# --- LibreOffice ---------------------------------------------------------------------------

@pytest.fixture(scope="session")
def libreoffice_pdfs(built, tmp_path_factory):
    """Every sample workbook converted to PDF by LibreOffice headless (one process for all)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed: `make test` installs it (.ci/sysdeps.sh)"
    out = tmp_path_factory.mktemp("lo")
    profile = out / "profile"
    workbooks = [str(built[name]["xlsx"]) for name in SAMPLE_IDS]
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), *workbooks],
                   check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": str(out)})
    return {name: out / f"{Path(built[name]['xlsx']).stem}.pdf" for name in SAMPLE_IDS}


@pytest.mark.parametrize("name", SAMPLE_IDS)
def test_libreoffice_converts_the_workbook(built, libreoffice_pdfs, name):
    pdf = libreoffice_pdfs[name]
    assert pdf.exists(), f"LibreOffice did not convert {name}"
    sheets = len(visible(book(built, name)))
    pages = len(PdfReader(pdf).pages)
    assert sheets <= pages <= sheets + 4, (sheets, pages)  # one page per sheet, a few run over
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "CC BY-SA" in text


def test_a_full_canvas_sheet_keeps_rows_excel_can_show_on_one_page(tmp_path):
    """Excel keeps rows up to 409 pt (it cut a taller box's last entries); a box that needs more
    gets smaller type, and the sheet prints on one page as the report's canvas does."""
    items = "\n".join(f"  - name: Key activity number {i} with a description long enough to wrap" for i in range(60))
    model = canvas.loads(f"version: 1\nmeta: {{title: Full, language: en}}\nkey_activities:\n{items}\n")
    [path] = canvas.build(model, tmp_path, formats=["xlsx"])
    ws = load_workbook(path)["Business Model Canvas"]
    heights = [ws.row_dimensions[r].height or 15 for r in range(1, 12)]
    assert max(heights) == 409
    assert ws.page_setup.fitToHeight == 1 and ws.page_setup.fitToWidth == 1
    activities = next(c for row in ws.iter_rows() for c in row if str(c.value).startswith("• Key activity number 0"))
    assert 7 <= activities.font.size < 11
    assert activities.value.count("•") == 60
    small = canvas.load(SAMPLES[0])
    [path] = canvas.build(small, tmp_path / "small", formats=["xlsx"])
    sheet = load_workbook(path).worksheets[1]
    assert {c.font.size for row in sheet.iter_rows() for c in row if str(c.value).startswith("•")} == {11}


def test_sheet_names_are_cut_between_words():
    from canvas.workbook.kit import Names, sheet_title

    taken = Names()
    titles = [sheet_title("سفر مشتری - سفر سارا از درد گردن تا برنامه", taken),
              sheet_title("Customer journey - Maria saves her Friday night", taken),
              sheet_title("Customer journey - Maria saves her Friday night", taken)]
    assert titles == ["سفر مشتری - سفر سارا از درد…", "Customer journey - Maria saves…",
                      "Customer journey - Maria… (2)"]
    assert all(len(t) <= 31 and t == t.strip() for t in titles)


def test_names_alike_are_numbered_in_one_step_each():
    """2,000 personas of one name took minutes: each new sheet name tried every number before it,
    reading every name taken at each try. A name now starts where the last one alike stopped,
    and the names stay what they were (a taken '(n)' is still skipped)."""
    from canvas.workbook.kit import Names, sheet_title, unique_headers

    taken = Names()
    tries = []
    original = taken.add

    def counting(wanted, numbered):
        return original(wanted, lambda n: tries.append(n) or numbered(n))
    taken.add = counting
    sheet_title("Ali (3)", taken)
    titles = [sheet_title("Ali", taken) for _ in range(2000)]
    assert titles[:4] == ["Ali", "Ali (2)", "Ali (4)", "Ali (5)"] and len(set(titles)) == 2000
    assert len(tries) <= 2001 + 2000
    assert unique_headers(["A", "a", "A (2)", "A"]) == ["A", "a (2)", "A (2) (2)", "A (3)"]


def test_the_funnel_chart_goes_logarithmic_as_the_report_does(tmp_path):
    model = canvas.loads("version: 1\nmeta: {title: F, language: en}\nfunnel:\n  stages:\n"
                         "    - {name: Seen, count: 500000}\n    - {name: Bought, count: 300}\n")
    [path] = canvas.build(model, tmp_path, formats=["xlsx"])
    [chart] = load_workbook(path)["Sales funnel"]._charts
    assert chart.y_axis.scaling.logBase == 10
    [path] = canvas.build(SAMPLES[-1], tmp_path / "linear", formats=["xlsx"])
    [chart] = [c for ws in load_workbook(path).worksheets for c in ws._charts if isinstance(c, BarChart)]
    assert chart.y_axis.scaling.logBase is None


def test_rows_hold_their_wrapped_text_and_columns_their_longest_word(tmp_path):
    """Rows are as tall as their text wrapped at spaces (LibreOffice keeps the height it is given,
    so a short estimate cut descriptions), and a column is wide enough for its longest id."""
    from canvas.workbook.kit import wrapped_lines

    assert wrapped_lines("aaa bbb ccc", 7) == 2 and wrapped_lines("a\nb", 10) == 2
    assert wrapped_lines("dental_associations", 12) == 2  # a word longer than the line breaks
    model = canvas.loads("version: 1\nmeta: {title: W, language: en}\nsegments: [{id: s, name: S}]\nchannels:\n"
                         "  - {id: dental_associations_partnerships, name: Associations, category: physical, "
                         "description: " + " ".join(["Partnerships with regional associations."] * 8) + "}\n")
    [path] = canvas.build(model, tmp_path, formats=["xlsx"])
    ws = load_workbook(path)["Channel matrix"]
    id_col = next(c for c in ws[3] if c.value == "Id").column_letter
    assert ws.column_dimensions[id_col].width >= 30  # kit.LONGEST_WORD at least
    description = next(c for row in ws.iter_rows() for c in row if str(c.value).startswith("Partnerships"))
    width = ws.column_dimensions[description.column_letter].width
    assert ws.row_dimensions[description.row].height >= 15 * wrapped_lines(description.value, int(width))
