"""canvas diff: every kind of change is reported, in text and as a workbook/PDF/HTML."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook
from openpyxl.chart import LineChart
from pypdf import PdfReader

import canvas
from canvas.diff import as_text, compare, emotion_pairs

BASE = """version: 1
meta: {title: Plan, language: en}
segments:
  - {id: s, name: Students, description: Young, pains: [{id: fee, text: Fees, importance: high}]}
  - {id: b, name: Business}
value_propositions:
  - {id: vp, name: Cheap plan, pain_relievers: [{text: No fees, pains: [fee]}], segments: [s]}
channels:
  - {id: app, name: App, category: mobile, serves: {s: 2}}
relationships:
  - {segment: s, type: self_service, motivations: [acquisition]}
journeys:
  - id: j
    segment: s
    title: Sign-up
    stages:
      - {stage: awareness, emotion: 1, actions: [Sees an ad]}
      - {stage: purchase, emotion: -1}
funnel:
  stages: [{stage: visitors, count: 100}, {stage: customers, count: 10}]
key_partners: [{name: Labels}]
lean: {problem: [Fees]}
"""


def changed(edit_from: str, edit_to: str, base: str = BASE):
    new = base.replace(edit_from, edit_to)
    assert new != base, edit_from
    return compare(canvas.loads(base), canvas.loads(new))


@pytest.mark.parametrize("edit_from, edit_to, expected", [
    ("  - {id: b, name: Business}\n", "  - {id: b, name: Business}\n  - {id: k, name: Kids}\n",
     "+ Customer segments: Kids"),
    ("  - {id: b, name: Business}\n", "", "- Customer segments: Business"),
    ("description: Young", "description: Older", "~ Customer segments: Students Description: Young → Older"),
    ("serves: {s: 2}", "serves: {s: 3, b: 1}", "~ Channel matrix: App × Students Channel strength: 2 → 3"),
    ("serves: {s: 2}", "serves: {s: 2, b: 1}", "~ Channel matrix: App × Business Channel strength: 0 → 1"),
    ("segments: [s]}", "segments: [s, b]}", "+ Propositions × segments: Cheap plan × Business"),
    ("type: self_service", "type: communities", "+ Relationship matrix: Students × Communities"),
    ("motivations: [acquisition]", "motivations: [retention]",
     "~ Relationship matrix: Students × Self-service Motivations: acquisition → retention"),
    ("{stage: purchase, emotion: -1}", "{stage: purchase, emotion: 2}",
     "~ Customer journey: Sign-up: Decision & purchase Emotion score: -1 → 2"),
    ("      - {stage: purchase, emotion: -1}\n",
     "      - {stage: purchase, emotion: -1}\n      - {stage: loyalty, emotion: 2}\n",
     "+ Customer journey: Sign-up: Loyalty & repurchase"),
    ("actions: [Sees an ad]", "actions: [Sees an ad, Asks a friend]",
     "~ Customer journey: Sign-up: Awareness Actions: Sees an ad → Sees an ad; Asks a friend"),
    ("count: 10}", "count: 20}", "~ Sales funnel: Visitors → Customers Conversion: 10% → 20%"),
    ("count: 10}", "count: 20}", "~ Sales funnel: Customers Count: 10 → 20"),
    ("key_partners: [{name: Labels}]", "key_partners: [{name: Labels}, {name: Telcos}]", "+ Key partners: Telcos"),
    ("title: Plan", "title: Plan B", "~ Overview: Plan B Title: Plan → Plan B"),
    ("importance: high", "importance: low", "~ Customer segments: Students Pains: id: fee, text: Fees, importance: high"
                                            " → id: fee, text: Fees, importance: low"),
    ("text: No fees,", "text: Free transfers,", "~ Value propositions: Cheap plan Pain relievers: text: No fees, "
                                                "pains: fee → text: Free transfers, pains: fee"),
    ("lean: {problem: [Fees]}", "lean: {problem: [Fees, Delays]}", "~ Lean Canvas: Plan Problem: Fees → Fees; Delays"),
    ("{id: b, name: Business}", "{id: b, name: Business, confidence: low}",
     "~ Customer segments: Business Confidence: — → Low"),
    ("{stage: purchase, emotion: -1}", "{stage: purchase, emotion: -1, metrics: [{metric: nps, value: 10}]}",
     "~ Customer journey: Sign-up: Decision & purchase Metrics: — → NPS: 10"),
])
def test_each_kind_of_change_is_reported(edit_from, edit_to, expected):
    assert expected in as_text(changed(edit_from, edit_to)).split("\n")


def test_a_metrics_evidence_alone_changing_is_shown():
    """A change of only a metric's confidence or importance (not on its line) still shows, and differs."""
    base = BASE.replace("{stage: purchase, emotion: -1}", "{stage: purchase, emotion: -1, metrics: [{metric: nps, "
                                                          "value: 10, confidence: low}]}")
    [change] = changed("confidence: low}", "confidence: high, importance: high}", base)
    assert change.old == "NPS: 10 [Confidence: Low]"
    assert change.new == "NPS: 10 [Importance: High · Confidence: High]"


def test_same_model_has_no_changes():
    assert compare(canvas.loads(BASE), canvas.loads(BASE)) == []


def test_changes_in_persian():
    text = as_text(changed("serves: {s: 2}", "serves: {s: 3}", BASE.replace("language: en", "language: fa")))
    assert "~ ماتریس کانال: App × Students قوت کانال: 2 → 3" in text


def test_emotion_pairs_hold_both_curves():
    new = BASE.replace("{stage: purchase, emotion: -1}", "{stage: purchase, emotion: 2}")
    [(journey, stages, before, after)] = emotion_pairs(canvas.loads(BASE), canvas.loads(new))
    assert journey.id == "j" and stages == ["awareness", "purchase"]
    assert (before, after) == ([1, -1], [1, 2])


def test_cli_diff_text_and_deliverables(cli, tmp_path):
    old, new = tmp_path / "as-is.yaml", tmp_path / "to-be.yaml"
    old.write_text(BASE, "utf-8")
    new.write_text(BASE.replace("{stage: purchase, emotion: -1}", "{stage: purchase, emotion: 2}")
                   .replace("serves: {s: 2}", "serves: {s: 3}"), "utf-8")
    result = cli("diff", old, new)
    assert result.exit_code == 0
    assert "~ Channel matrix: App × Students Channel strength: 2 → 3" in result.output
    for suffix in ("xlsx", "pdf", "html"):
        out = tmp_path / f"changes.{suffix}"
        assert cli("diff", old, new, "-o", out).exit_code == 0
        assert out.exists()
    wb = load_workbook(tmp_path / "changes.xlsx")
    rows = [[c.value for c in r] for r in wb["Changes"].iter_rows(min_row=4)]
    assert ["~", "Channel matrix", "App × Students", "Channel strength", 2, 3] in rows
    curve_sheet = wb[wb.sheetnames[1]]
    [chart] = curve_sheet._charts
    assert isinstance(chart, LineChart) and len(chart.series) == 2
    text = PdfReader(tmp_path / "changes.pdf").pages[0].extract_text()
    assert "as-is.yaml" in text and "App × Students" in text
    html = (tmp_path / "changes.html").read_text("utf-8")
    assert html.count('class="previous"') == 2  # the old curve's points under the new one


def test_cli_diff_errors(cli, tmp_path):
    old = tmp_path / "a.yaml"
    old.write_text(BASE, "utf-8")
    result = cli("diff", old, tmp_path / "missing.yaml")
    assert result.exit_code == 2 and "missing.yaml: no such file" in result.output
    result = cli("diff", old, old, "-o", tmp_path / "x.docx")
    assert result.exit_code == 2 and "write the changes to a .xlsx, .pdf or .html file" in result.output


def test_an_untitled_journey_is_named_once():
    """Found by a reviewer: '~ Customer journey: Customer journey: Priya: …'."""
    text = ("version: 1\nmeta: {title: T, language: en}\nsegments: [{id: s, name: S}]\n"
            "personas: [{id: p, segment: s, name: Priya}]\n"
            "journeys: [{id: j, persona: p, stages: [{stage: purchase, emotion: 2}]}]\n")
    before, after = canvas.loads(text), canvas.loads(text.replace("emotion: 2", "emotion: 1"))
    [line] = [line for line in as_text(compare(before, after)).splitlines() if "Priya" in line]
    assert line.count("Customer journey") == 1, line
