"""Unit economics of each segment, per year, from its `economics` inputs: the figures the report
and the deck show, and the same arithmetic the workbook's Unit economics sheet writes as
formulas (FORMULAS below), so a founder can change an input there and see the figures follow.

    revenue per customer a year  = price × purchases
    gross profit per customer    = price × purchases × margin
    LTV                          = gross profit per customer a year ÷ churn a year
    LTV/CAC                      = LTV ÷ CAC
    payback (months)             = CAC ÷ (gross profit per customer a year ÷ 12)
    break-even volume (sales)    = fixed costs a year ÷ (price × margin)
    revenue a year               = customers × price × purchases

Margin and churn are percentages in the model (40 for 40%). A figure whose inputs are missing,
or that would divide by zero, is None (an empty cell in the workbook).
"""
from __future__ import annotations

from dataclasses import dataclass

INPUTS = ("price", "purchases", "gross_margin", "cac", "churn", "customers", "fixed_costs")
OUTPUTS = ("ltv", "ltv_cac", "payback_months", "break_even_volume", "revenue_per_year")


@dataclass(frozen=True)
class Figures:
    ltv: float | None
    ltv_cac: float | None
    payback_months: float | None
    break_even_volume: float | None
    revenue_per_year: float | None


def figures(e) -> Figures:
    """The figures of one segment's economics (an Economics, or anything with its fields)."""
    price, purchases, cac = e.price, e.purchases, e.cac
    margin = None if e.gross_margin is None else e.gross_margin / 100
    churn = None if e.churn is None else e.churn / 100
    profit = price * purchases * margin if None not in (price, purchases, margin) else None
    ltv = profit / churn if profit is not None and churn else None
    ltv_cac = ltv / cac if ltv is not None and cac else None
    payback = cac / (profit / 12) if cac is not None and profit else None
    unit = price * margin if None not in (price, margin) else None
    break_even = e.fixed_costs / unit if e.fixed_costs is not None and unit else None
    revenue = e.customers * price * purchases if None not in (e.customers, price, purchases) else None
    return Figures(ltv, ltv_cac, payback, break_even, revenue)


def of_model(model) -> list[tuple]:
    """(segment, its figures) of every segment that has economics, in model order."""
    return [(s, figures(s.economics)) for s in model.segments if s.economics is not None]


# The workbook's formulas, by output, over the input columns' letters: the same arithmetic as
# `figures`. A missing input or a division by zero leaves the cell empty; the IFs are nested so
# that no product of an empty cell is taken. Margin and churn are used through FRACTION: canvas writes
# them as fractions shown as percentages (0.4 as 40%), but a cell that lost its format holds what
# was typed, 40; import reads a rate the same way (workbook.kinds.Rate).
FRACTION = "IF({0}>1,{0}/100,{0})"  # a number above 1 is a percentage (40 is 40%); up to 1 a fraction
FORMULAS = {
    "ltv": '=IF(OR({price}="",{purchases}="",{gross_margin}="",{churn}=""),"",'
           'IF({churn_rate}=0,"",{price}*{purchases}*{margin_rate}/{churn_rate}))',
    "ltv_cac": '=IF(OR({ltv}="",{cac}=""),"",IF({cac}=0,"",{ltv}/{cac}))',
    "payback_months": '=IF(OR({price}="",{purchases}="",{gross_margin}="",{cac}=""),"",'
                      'IF({price}*{purchases}*{margin_rate}=0,"",{cac}/({price}*{purchases}*{margin_rate}/12)))',
    "break_even_volume": '=IF(OR({price}="",{gross_margin}="",{fixed_costs}=""),"",'
                         'IF({price}*{margin_rate}=0,"",{fixed_costs}/({price}*{margin_rate})))',
    "revenue_per_year": '=IF(OR({customers}="",{price}="",{purchases}=""),"",{customers}*{price}*{purchases})',
}
