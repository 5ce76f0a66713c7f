"""Money and market: amounts in the model's currency (Persian names and digits in Persian), market
sizes with a unit, funnels with a period and named funnels whose stages journeys name as
FUNNEL.STAGE, competitors' prices, strengths and weaknesses."""
from __future__ import annotations

import textwrap

import pytest
from openpyxl import load_workbook

import canvas
from canvas.errors import InputError
from canvas.view import View
from canvas.workbook import import_workbook

TWO_SIDED = """\
version: 1
meta: {title: Ride, language: en, currency: IRT}
segments:
  - {id: riders, name: Riders, size: 2000000, size_unit: people, tam: 1500000000000, som: 12345678, our_share: 7.5}
  - {id: drivers, name: Drivers}
personas: [{id: ana, segment: riders, name: Ana}]
journeys:
  - id: j
    persona: ana
    stages:
      - {stage: awareness, funnel: installs}
      - {stage: purchase, funnel: supply.active}
funnel:
  period: month
  stages: [{stage: installs, name: Installs, count: 1000}, {stage: customers, count: 250}]
funnels:
  - id: supply
    name: Drivers
    period: quarter
    stages: [{stage: signed_up, name: Signed up, count: 400}, {stage: active, name: Active, count: 100}]
    techniques: [Referral bonus]
competitors:
  - id: k
    name: Old taxis
    price: 30,000 toman a ride
    strengths: [Everywhere]
    weaknesses: [Slow, Cash only]
    markets: [{segment: riders, share: 40}]
revenue_streams: [{name: Commission, amount: 2500000000, period: month}]
cost_structure: [{name: Servers, amount: 1234.5, period: year}, {name: Launch, period: once}]
"""


def test_amounts_in_the_currency_and_the_outputs_digits():
    model = canvas.loads(TWO_SIDED)
    en, fa = View(model, lang="en"), View(model, lang="fa")
    assert en.money(2_500_000_000, "month") == "2.5 billion toman per month"
    assert fa.money(2_500_000_000, "month") == "۲٫۵ میلیارد تومان در ماه"
    assert en.money(12_345_678) == "12,345,678 toman"  # every digit when words would round it
    assert fa.money(12_345_678) == "۱۲٬۳۴۵٬۶۷۸ تومان"
    assert en.money(1234.5) == "1,234.5 toman"
    rial = canvas.loads(TWO_SIDED.replace("currency: IRT", "currency: IRR"))
    assert View(rial, lang="fa").money(1_200_000_000_000, "year") == "۱٬۲۰۰ میلیارد ریال در سال"
    # whole trillions as the Persian press writes them, the rest in billions
    assert fa.money(45_000_000_000_000) == "۴۵ هزار میلیارد تومان" and en.money(45 * 10 ** 12) == "45 trillion toman"
    assert fa.money(45_001_000_000_000) == "۴۵٬۰۰۱ میلیارد تومان"
    dollars = canvas.loads(TWO_SIDED.replace("currency: IRT", "currency: USD"))
    assert View(dollars, lang="en").money(9.99) == "9.99 USD"
    assert View(dollars, lang="fa").money(9.99) == "۹٫۹۹ دلار آمریکا"
    riders = model.segments[0]
    assert en.size_text(riders) == "2,000,000 people" and fa.size_text(riders) == "۲٬۰۰۰٬۰۰۰ نفر"
    assert en.market_lines(riders) == [("TAM", "1,500 billion toman"),
                                       ("SOM", "12,345,678 toman"), ("Our market share", "7.5%")]


def test_a_journey_stage_feeds_a_named_funnels_stage():
    model = canvas.loads(TWO_SIDED)
    v = View(model, lang="en")
    assert v.funnel_feed("supply.active") == "Active (Drivers): 100"
    assert v.funnel_feed("installs") == "Installs: 1,000 · 75% drop off before Customers"
    assert v.funnel_title(model.funnels[0]) == "Drivers (per quarter)"
    assert v.funnel_title(model.funnel) == "Sales funnel (per month)"
    with pytest.raises(InputError) as info:  # a stage no funnel has: located, with the ones there are
        canvas.loads(TWO_SIDED.replace("supply.active", "supply.gone"), "m.yaml")
    [problem] = [str(p) for p in info.value.problems]
    assert problem == "m.yaml:12:35: unknown funnel stage 'supply.gone' — did you mean 'supply.signed_up'?"


def test_money_market_and_funnels_reach_the_report_and_come_back_from_the_workbook(tmp_path):
    model = canvas.loads(TWO_SIDED)
    xlsx, html = canvas.build(model, tmp_path, formats=["xlsx", "html"])
    text = html.read_text("utf-8")
    for shown in ("2.5 billion toman per month", "1,234.5 toman per year", "one-off", "2,000,000 people",
                  "Drivers (per quarter)", "Sales funnel (per month)", "Active (Drivers): 100", "Referral bonus",
                  "30,000 toman a ride", "Cash only", "7.5%"):
        assert shown in text, shown
    wb = load_workbook(xlsx)
    assert wb["Sales funnel"]["A2"].value == "Period" and wb["Sales funnel"]["B2"].value == "per month"
    funnels = wb["Other funnels"]
    assert [c.value for c in funnels[4]][:5] == ["supply", "Drivers", "per quarter", "Signed up", 400]
    # a journey stage names the named funnel's stage as 'Stage (Funnel)'; typing FUNNEL.STAGE works too
    journey = next(ws for ws in wb.worksheets if ws.title.startswith("Customer journey"))
    cells = {c.value: c for row in journey.iter_rows() for c in row if isinstance(c.value, str)}
    assert "Active (Drivers)" in cells
    cells["Active (Drivers)"].value = "supply.signed_up"
    funnels["D5"].value = "Driving"  # the stage renamed on its sheet
    wb.save(tmp_path / "edited.xlsx")
    data = import_workbook(tmp_path / "edited.xlsx").data
    assert data["funnel"]["period"] == "month"
    assert data["funnels"][0]["period"] == "quarter" and data["funnels"][0]["stages"][1]["name"] == "Driving"
    assert [s.get("funnel") for s in data["journeys"][0]["stages"]] == ["installs", "supply.signed_up"]
    segment = data["segments"][0]
    assert (segment["size_unit"], segment["tam"], segment["som"], segment["our_share"]) == (
        "people", 1_500_000_000_000, 12_345_678, 7.5)
    assert data["competitors"][0]["weaknesses"] == ["Slow", "Cash only"]


def test_an_unknown_currency_or_period_is_a_located_error():
    with pytest.raises(InputError) as info:
        canvas.loads(textwrap.dedent(TWO_SIDED).replace("currency: IRT", "currency: BTC")
                     .replace("period: quarter", "period: weekly"), "m.yaml")
    problems = [str(p) for p in info.value.problems]
    assert len(problems) == 2
    assert problems[0].startswith("m.yaml:2:") and "BTC" in problems[0] and "IRR" in problems[0]
    assert "weekly" in problems[1] and "quarter" in problems[1]
