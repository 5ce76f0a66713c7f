"""Unit economics: canvas/economics.py against figures worked out by hand, and the workbook's live
formulas, recalculated by LibreOffice, against Python's figures (also after a what-if edit)."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

import canvas
from canvas.economics import OUTPUTS, figures
from canvas.model import Economics
from canvas.workbook import import_workbook
from canvas.workbook.sheets.economics import letters
from programs import libreoffice

# Segment a, by hand: a customer brings 10 × 12 = 120 a year, 40% of it gross profit = 48 a year.
#   LTV = 48 ÷ 25% churn = 192;  LTV/CAC = 192 ÷ 60 = 3.2;  payback = 60 ÷ (48 ÷ 12) = 15 months;
#   break-even volume = 12,000 fixed ÷ (10 × 40%) = 3,000 sales;  revenue = 1,000 × 10 × 12 = 120,000.
# Segment b: no churn given (no LTV, no LTV/CAC), CAC 0 (paid back at once), no fixed costs or customers.
MODEL = """version: 1
meta: {title: Cart, language: en, currency: USD}
segments:
  - id: a
    name: Commuters
    size: 5000
    size_unit: people
    tam: 2000000
    economics: {price: 10, purchases: 12, gross_margin: 40, cac: 60, churn: 25, customers: 1000, fixed_costs: 12000}
  - id: b
    name: Offices
    economics: {price: 250.5, purchases: 2, gross_margin: 62.5, cac: 0}
  - id: c
    name: Tourists
"""
BY_HAND = {"ltv": 192, "ltv_cac": 3.2, "payback_months": 15, "break_even_volume": 3000, "revenue_per_year": 120000}


def test_figures_worked_out_by_hand():
    got = figures(Economics(price=10, purchases=12, gross_margin=40, cac=60, churn=25, customers=1000,
                            fixed_costs=12000))
    assert {k: getattr(got, k) for k in OUTPUTS} == pytest.approx(BY_HAND)
    b = figures(Economics(price=250.5, purchases=2, gross_margin=62.5, cac=0))
    # 250.5 × 2 × 62.5% = 313.125 a year: no churn, no LTV; a CAC of 0 is paid back in 0 months
    assert (b.ltv, b.ltv_cac, b.payback_months, b.break_even_volume, b.revenue_per_year) == (None, None, 0, None, None)
    assert figures(Economics(price=10, purchases=12, gross_margin=40, churn=0)).ltv is None  # never churns: no LTV
    assert figures(Economics(price=0, gross_margin=40, fixed_costs=100)).break_even_volume is None  # nothing to sell


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("economics")
    xlsx, html = canvas.build(canvas.loads(MODEL), tmp, formats=["xlsx", "html"])
    return tmp, xlsx, html


def test_the_workbooks_formulas_compute_what_python_does_and_follow_an_edit(built):
    tmp, xlsx, _ = built
    wb = load_workbook(xlsx)
    ws = wb["Unit economics"]
    where = letters()
    assert ws[f"{where['ltv']}4"].value.startswith("=IF(")  # a formula, not a number
    assert ws[f"{where['gross_margin']}4"].value == 0.4 and ws[f"{where['gross_margin']}4"].number_format == "0.0%"
    # what-if: a copy with segment a's price raised to 12 (row 4) and segment c's inputs typed in (row 6)
    ws[f"{where['price']}4"] = 12
    for key, value in {"price": 5, "purchases": 52, "gross_margin": 0.5, "cac": 26, "churn": 0.5}.items():
        ws[f"{where[key]}6"] = value
    # a rate cell cleared of its format and given a plain 50: 50%, as import reads it (not 5000%);
    # a 50 written into a cell still shown as a percentage (as a script does) is 50% for both too
    ws[f"{where['churn']}6"].number_format = "General"
    ws[f"{where['churn']}6"] = 50
    ws[f"{where['gross_margin']}6"] = 50
    edited = tmp / "edited.xlsx"
    wb.save(edited)
    original, changed = libreoffice([xlsx, edited], "xlsx", tmp / "lo")  # LibreOffice recalculates

    def computed(path):
        sheet = load_workbook(path, data_only=True)["Unit economics"]
        return [{k: sheet[f"{where[k]}{row}"].value for k in OUTPUTS} for row in (4, 5, 6)]

    def python(**inputs):
        f = figures(Economics(**inputs))
        return {k: getattr(f, k) for k in OUTPUTS}

    model = canvas.loads(MODEL)
    wanted = [python(**s.economics.model_dump()) if s.economics else python() for s in model.segments]
    got = computed(original)
    assert got[0] == pytest.approx(BY_HAND)
    for row, want in zip(got, wanted):  # an empty cell where Python has no figure
        assert {k: v if v != "" else None for k, v in row.items()} == pytest.approx(want)
    a = model.segments[0].economics.model_dump() | {"price": 12}
    c = {"price": 5, "purchases": 52, "gross_margin": 50, "cac": 26, "churn": 50}
    got = computed(changed)
    assert got[0] == pytest.approx(python(**a)) and got[0]["ltv"] == pytest.approx(12 * 12 * 0.4 / 0.25)
    assert {k: v if v != "" else None for k, v in got[2].items()} == pytest.approx(python(**c))
    # and the edited inputs come back into the model through import
    data = import_workbook(changed).data
    assert data["segments"][0]["economics"]["price"] == 12
    assert data["segments"][2]["economics"] == c


def test_the_report_shows_the_inputs_and_figures_in_the_models_currency(built):
    _, _, html = built
    text = html.read_text("utf-8")
    section = text[text.index('<section id="economics">'):]
    section = section[:section.index("</section>")]
    for shown in ("192 USD", "3.2", "15", "3,000", "120,000 USD", "40%", "25%", "250.5 USD", "62.5%"):
        assert f">{shown}<" in section, shown
    assert "Tourists" not in section  # a segment without economics has no column
    assert ">—<" in section  # Offices: no LTV without churn
