"""Journey maps as service designers draw them (issue 21): blueprint lanes and lines, stage metrics
against their targets, moments of truth, journeys compared (other personas, as-is and to-be) as
several curves, a journey's own stage names, the funnel stage a stage feeds; and their checks.
The report, the workbook (with LibreOffice computing its formulas) and the deck are opened and
read; the generated round-trip tests cover every new field as well."""
from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html
from openpyxl import load_workbook

import canvas
from canvas.checks import run
from canvas.errors import InputError
from canvas.view import View
from conftest import SAMPLES
from programs import libreoffice
from sheets import role, row_of

MUSIC = next(s for s in SAMPLES if s.stem == "music-streaming-en")
BANK = next(s for s in SAMPLES if s.stem == "bank-fa")

BASE = """version: 1
meta: {title: Rides, language: en}
segments:
  - {id: riders, name: Riders}
  - {id: drivers, name: Drivers}
personas:
  - {id: sara, segment: riders, name: Sara}
  - {id: omid, segment: drivers, name: Omid}
channels:
  - {id: app, name: App, category: mobile, serves: {riders: 3}}
funnel:
  stages: [{stage: visitors, count: 1000}, {stage: leads, count: 400}, {stage: customers, count: 100}]
journeys:
  - id: sara_now
    persona: sara
    variant: as_is
    stages:
      - {stage: awareness, emotion: 1, touchpoints: [app], funnel: visitors}
      - {stage: purchase, emotion: -1, moment_of_truth: true, touchpoints: [app], funnel: leads,
         opportunities: [Show the price first],
         metrics: [{metric: csat, value: 3.2, target: 4, unit: /5},
                   {metric: drop_off, value: 30, target: 40, unit: "%"},
                   {name: Wait, value: 9, target: 5, unit: min, better: lower, source: Dispatch logs}]}
  - id: sara_next
    of: sara_now
    variant: to_be
    persona: sara
    stages:
      - {stage: purchase, emotion: 2, label: One-tap booking}
      - {stage: loyalty, emotion: 2}
  - id: omid_now
    of: sara_next
    persona: omid
    stages:
      - {stage: awareness, label: Hears about driving, emotion: 0}
      - {stage: purchase, label: First payout, emotion: -2}
"""


def model(text: str = BASE):
    return canvas.loads(text, "m.yaml")


# --- the view: groups, curves, names ---------------------------------------------------------

def test_journeys_linked_by_of_draw_each_others_curves_at_their_shared_stages():
    m = model()
    v = View(m)
    now, nxt, omid = m.journeys
    assert [j.id for j in v.journey_group(omid)] == ["sara_now", "sara_next", "omid_now"]  # through sara_next
    curves = v.curves(now, now.stages)
    assert curves == [("As-is · Sara", [1, -1]), ("To-be · Sara", [None, 2]), ("Omid", [0, -2])]
    # on the to-be's own map: its stages, the others where they have them
    assert v.curves(nxt, nxt.stages) == [("To-be · Sara", [2, 2]), ("As-is · Sara", [-1, None]), ("Omid", [-2, None])]
    alone = model(BASE.replace("    of: sara_now\n", "").replace("    of: sara_next\n", ""))
    assert View(alone).curves(alone.journeys[0], alone.journeys[0].stages) == [("As-is", [1, -1])]


def test_a_stage_is_named_by_its_journey_and_its_metrics_and_funnel_in_words():
    m = model()
    v = View(m)
    assert [v.stage_label(s) for s in m.journeys[2].stages] == ["Hears about driving", "First payout"]
    assert v.stage_label(m.journeys[0].stages[1]) == "Decision & purchase"
    csat, drop, wait = m.journeys[0].stages[1].metrics
    assert v.metric_line(csat) == "CSAT: 3.2/5 (target 4/5)"
    assert v.metric_line(wait) == "Wait: 9 min (target 5 min, Lower is better; Dispatch logs)"
    assert (csat.met(), drop.met(), wait.met()) == (False, True, False)  # drop-off: less is better
    assert v.funnel_feed("visitors") == "Visitors: 1,000 · 60% drop off before Leads"
    assert v.funnel_feed("customers") == "Customers: 100"
    fa = View(m, "fa")
    assert fa.metric_line(drop) == "ریزش: ۳۰٪ (هدف ۴۰٪)"
    assert fa.funnel_feed("leads") == "مشتریان راغب: ۴۰۰\u200f · \u200f۷۵٪ ریزش تا «مشتریان بالفعل»"


# --- checks ----------------------------------------------------------------------------------

def codes(text: str) -> list[tuple[str, tuple]]:
    return [(f.code, f.path) for f in run(model(text)).findings if f.code in ("C506", "C507", "C508", "C501", "C504")]


def test_the_journey_checks_fire_where_they_should_and_only_there():
    found = codes(BASE)
    # the csat and the wait miss their targets; the drop-off under its target meets it
    assert ("C507", ("journeys", 0, "stages", 1, "metrics", 0, "value")) in found
    assert ("C507", ("journeys", 0, "stages", 1, "metrics", 2, "value")) in found
    assert ("C507", ("journeys", 0, "stages", 1, "metrics", 1, "value")) not in found
    # a negative moment of truth with an opportunity written is not a warning; without one it is
    assert not [f for f in found if f[0] == "C506"]
    bare = BASE.replace("         opportunities: [Show the price first],\n", "")
    assert ("C506", ("journeys", 0, "stages", 1, "emotion")) in codes(bare)
    # no blueprint, no owner asked; one lane makes it a blueprint and every touchpoint wants an owner
    assert not [f for f in found if f[0] == "C508"]
    lanes = BASE.replace("funnel: visitors}", "funnel: visitors, backstage: [Dispatch]}")
    assert [p for c, p in codes(lanes) if c == "C508"] == [("journeys", 0, "stages", 0, "owner"),
                                                          ("journeys", 0, "stages", 1, "owner")]
    # a version of a journey redoes a few stages: no core stages asked, and a to-be no pain points
    assert [p for c, p in found if c == "C501"] == [("journeys", 0, "id")]
    assert not [p for c, p in found if c == "C504" and p[1] == 1]


def test_a_check_names_the_stage_as_the_journey_does():
    [finding] = [f for f in run(model(BASE.replace("label: First payout, emotion: -2",
                                                   "label: First payout, emotion: -2, moment_of_truth: true"))).findings
                 if f.code == "C506"]
    assert "'First payout'" in finding.message("en") and "Very negative" in finding.message("en")
    assert "«First payout»" in finding.message("fa")


@pytest.mark.parametrize("change, where, says", [
    ("    of: sara_now\n", "    of: sara_next\n", "journey 'sara_next' cannot be compared with itself"),
    ("funnel: leads,", "funnel: lead,", "unknown funnel stage 'lead' — did you mean 'leads'?"),
    ("    of: sara_now\n", "    of: sara\n", "unknown journey 'sara'"),
    ("{name: Wait, value: 9", "{value: 9", "a stage metric needs a 'metric' id"),
    ("{name: Wait, value: 9", "{metric: wait, value: 9", "a metric of your own shows by its name"),
    ("      - {stage: loyalty, emotion: 2}", "      - {stage: purchase, emotion: 2}",
     "stage 'purchase' comes twice in this journey (first on line 29)"),
])
def test_a_wrong_link_is_a_located_error(change, where, says):
    with pytest.raises(InputError) as error:
        model(BASE.replace(change, where))
    [problem] = error.value.problems
    assert says in str(problem) and problem.line > 0, str(problem)


# --- the report ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    out = tmp_path_factory.mktemp("journeys")
    return {sample.stem: canvas.build(sample, out, formats=["html"])[0] for sample in (MUSIC, BANK)}


def test_the_report_draws_lanes_lines_metrics_and_moments(reports):
    page = lxml_html.fromstring(reports["music-streaming-en"].read_text("utf-8"))
    lena = page.get_element_by_id("journey-1")
    heads = [" ".join(" ".join(th.itertext()).split()) for th in lena.xpath(".//thead/tr[last()]/th")]
    assert heads[1:4] == ["Awareness", "Free listening Interest & attention", "Evaluation of alternatives"]
    assert heads[4] == "Decision & purchase Moment of truth"
    assert heads[5] == "First charge After purchase & complaints Moment of truth"
    assert len(lena.xpath(".//thead//span[@class='truth-mark']/svg")) == 2  # a star drawn
    rows = [" ".join(" ".join(tr.xpath("./th")[0].itertext()).split()) for tr in lena.xpath(".//tbody/tr")]
    assert rows.index("Touchpoints") < rows.index("Evidence") < rows.index("Line of interaction Frontstage") < \
        rows.index("Line of visibility Backstage") < rows.index("Line of internal interaction Support processes") < \
        rows.index("Owner")
    metrics = lena.xpath(".//tr[contains(@class, 'metrics')]//div[contains(@class, 'metric')]")
    shown = {" ".join(d.text_content().split()): d.get("class") for d in metrics}
    assert shown["Drop-off: 71% (target 60%)App analytics, sign-up funnel"] == "metric missed"
    assert shown["NPS: 38 (target 30)Quarterly NPS survey"] == "metric met"
    funnel = " ".join(lena.xpath(".//tr[contains(@class, 'funnel')]")[0].text_content().split())
    assert "Leads: 120,000 · 55% drop off before Customers" in funnel
    svg = lena.xpath(".//svg[contains(@class, 'emotion-curve')]")[0]
    assert len(svg.xpath(".//*[@class='truth']")) == 2  # the two moments of truth, ringed
    assert svg.xpath(".//polyline[contains(@class, 'other')]")  # the to-be's curve
    legend = [" ".join(k.text_content().split()) for k in lena.xpath(".//div[@class='legend']/span")]
    assert legend == ["As-is", "To-be"]


def test_a_persian_map_compares_two_personas_in_their_names(reports):
    page = lxml_html.fromstring(reports["bank-fa"].read_text("utf-8"))
    legends = [[" ".join(k.text_content().split()) for k in legend.xpath("./span")]
               for legend in page.xpath("//div[@class='legend']")]
    assert ["مریم احمدی", "سینا رضایی"] in legends  # sina's journey is compared with maryam's
    assert ["وضع موجود", "وضع مطلوب"] in legends


# --- the workbook ----------------------------------------------------------------------------

def test_the_workbook_charts_the_curves_compared_with_live_formulas(tmp_path):
    [xlsx] = canvas.build(MUSIC, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    lena, later = role(wb, "journey_1"), role(wb, "journey_3")
    header, emotion = row_of(lena, "Stage"), row_of(lena, "Emotion score")
    compared = row_of(lena, "Curves compared")
    assert lena.cell(row=compared + 1, column=1).value == "To-be"
    formula = lena.cell(row=compared + 1, column=2).value
    quoted = "'" + later.title.replace("'", "''") + "'"
    assert formula == f"=IF(ISNUMBER({quoted}!B{emotion}),{quoted}!B{emotion},NA())"
    [chart] = lena._charts
    assert [s.tx.v for s in chart.series] == ["As-is", "To-be"]
    assert chart.series[1].graphicalProperties.line.prstDash == "dash"
    assert lena.cell(row=header + 1, column=1).value == "Name in this journey"
    assert lena.cell(row=header + 1, column=3).value == "Free listening"
    metrics = role(wb, "stage_metrics")
    rows = [[c.value for c in r] for r in metrics.iter_rows(min_row=4, max_row=7)]
    assert rows[2][:7] == ["Lena from free listener to Premium Student", "Decision & purchase", "Verification time",
                           26, 2, "hours", "Lower is better"]
    assert rows[2][-1] == "Verification service logs"  # the source last, with the rest of its evidence


@pytest.mark.slow
def test_libreoffice_computes_the_compared_curves(tmp_path):
    """LibreOffice recalculates on load: each compared curve holds the other journey's scores at
    the same stages, and a stage the other journey lacks is no number (#N/A: no point drawn)."""
    [xlsx] = canvas.build(BANK, tmp_path, formats=["xlsx"])
    [again] = libreoffice([xlsx], "xlsx", tmp_path / "lo")
    wb = load_workbook(again, data_only=True)
    farhad = next(ws for ws in wb.worksheets if ws.title.startswith("سفر مشتری - سفر فرهاد برای"))
    compared = row_of(farhad, "منحنی‌های مقایسه‌شده")
    values = [farhad.cell(row=compared + 1, column=c).value for c in range(2, 8)]
    model = canvas.load(BANK)
    to_be = {s.stage: s.emotion for s in model.journeys[3].stages}
    expected = [to_be.get(s.stage) for s in model.journeys[0].stages]
    assert [v if isinstance(v, (int, float)) else None for v in values] == expected
    assert [v for v in values if not isinstance(v, (int, float))] == ["#N/A"] * 4


def test_an_old_workbook_without_the_new_rows_still_imports(tmp_path):
    """Rows a workbook made before the service blueprint lacks lose nothing: deleted, they are
    simply not read (the metrics sheet likewise, when the model had no metrics)."""
    plain = model(BASE.replace("         metrics: [{metric: csat, value: 3.2, target: 4, unit: /5},\n"
                               "                   {metric: drop_off, value: 30, target: 40, unit: \"%\"},\n"
                               "                   {name: Wait, value: 9, target: 5, unit: min, better: lower, "
                               "source: Dispatch logs}]}", "         }"))
    source = tmp_path / "m.yaml"
    from canvas.yaml_out import dumps
    source.write_text(dumps(plain.model_dump(mode="json", exclude_defaults=True)), "utf-8")
    [xlsx] = canvas.build(source, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    for title in ("Name in this journey", "Moment of truth", "Evidence", "Frontstage", "Backstage", "Support processes",
                  "Owner", "Funnel stage"):
        for ws in [role(wb, f"journey_{n}") for n in (1, 2, 3)]:
            ws.delete_rows(row_of(ws, title))
    del wb[role(wb, "stage_metrics").title]
    wb.save(tmp_path / "old.xlsx")
    from canvas.workbook import import_workbook
    back = import_workbook(tmp_path / "old.xlsx").model
    assert [s.emotion for j in back.journeys for s in j.stages] == [1, -1, 2, 2, 0, -2]
    assert back.journeys[1].of == "sara_now"


def test_metrics_follow_a_stage_renamed_on_its_sheet_and_a_minus_typed_after_the_digit(tmp_path):
    """A stage's name changed in its journey's Name-in-this-journey row still finds the metric rows that
    name it as it was; '۱-' (the minus after the digit, as right-to-left reads) is -1."""
    [xlsx] = canvas.build(MUSIC, tmp_path, formats=["xlsx"], lang="fa")
    wb = load_workbook(xlsx)
    lena = role(wb, "journey_1")
    called = row_of(lena, "نام مرحله در این سفر")
    assert lena.cell(row=called, column=3).value == "Free listening"
    lena.cell(row=called, column=3).value = "Listening for free"
    lena.cell(row=row_of(lena, "امتیاز احساس"), column=2).value = "۱-"
    wb.save(tmp_path / "renamed.xlsx")
    from canvas.workbook import import_workbook
    back = import_workbook(tmp_path / "renamed.xlsx").model.journeys[0]
    assert back.stages[1].label.get("fa") == "Listening for free"
    assert [m.metric for m in back.stages[1].metrics] == ["drop_off"]
    assert back.stages[0].emotion == -1


def test_a_stage_named_by_its_journey_keeps_its_own_name_under_it(reports):
    page = lxml_html.fromstring(reports["music-streaming-en"].read_text("utf-8"))
    own = [" ".join(s.text_content().split()) for s in page.get_element_by_id("journey-1").xpath(
        ".//thead//span[@class='stage-own']")]
    assert own == ["Interest & attention", "After purchase & complaints"]


# --- the deck --------------------------------------------------------------------------------

def test_the_deck_charts_every_curve_and_rings_the_moments(tmp_path):
    from pptx import Presentation
    from pptx.enum.chart import XL_MARKER_STYLE

    [deck] = canvas.build(MUSIC, tmp_path, formats=["pptx"])
    slides = [s for s in Presentation(deck).slides
              if any(sh.has_text_frame and sh.text_frame.text.startswith("Lena from free listener") for sh in s.shapes)]
    chart = next(sh.chart for sh in slides[0].shapes if sh.has_chart)
    assert [s.name for s in chart.plots[0].series] == ["As-is", "To-be"] and chart.has_legend
    own = chart.plots[0].series[0]
    assert [own.points[i].marker.style for i in (3, 4)] == [XL_MARKER_STYLE.DIAMOND] * 2
    text = " ".join(sh.text_frame.text if sh.has_text_frame else
                    " ".join(c.text for row in sh.table.rows for c in row.cells) if sh.has_table else ""
                    for s in slides for sh in s.shapes)
    assert "Moment of truth" in text and "Line of visibility" in text
    assert re.search(r"Verification time: 26 hours \(target 2 hours, Lower is better; Verification service logs\)", text)


def test_a_stage_changed_in_its_heading_does_not_keep_the_old_name(tmp_path):
    """The name row shows each stage's name; changing the stage in the heading above it leaves the
    old name there, which is not taken for the new stage's name in the journey (a warning says so)."""
    [xlsx] = canvas.build(MUSIC, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    david = role(wb, "journey_2")
    header = row_of(david, "Stage")
    assert david.cell(row=header + 1, column=2).value == "Awareness"  # no name of its own: the stage's
    david.cell(row=header, column=2).value = "Evaluation of alternatives"
    david.cell(row=header, column=4).value = "Awareness"  # the two swapped
    wb.save(tmp_path / "swapped.xlsx")
    from canvas.workbook import import_workbook
    result = import_workbook(tmp_path / "swapped.xlsx")
    assert [s.label for s in result.model.journeys[1].stages] == [None] * 6
    assert [str(w).split("xlsx:")[1] for w in result.warnings] == [
        f"{david.title}!B{header + 1}: warning: 'Awareness' is another stage's name, not that of 'Evaluation of "
        "alternatives', which this column now holds; it was not taken as this stage's name in the journey (type a "
        "name of its own, or clear the cell)",
        f"{david.title}!D{header + 1}: warning: 'Evaluation of alternatives' is another stage's name, not that of "
        "'Awareness', which this column now holds; it was not taken as this stage's name in the journey (type a name "
        "of its own, or clear the cell)"]
