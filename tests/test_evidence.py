"""Evidence: importance, confidence and source on any entry; the assumptions ranked by importance
x uncertainty (worked out by hand below); the workbook's columns and Assumptions sheet; C903."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook
from pydantic import BaseModel

import canvas
from canvas.checks import run as run_checks
from canvas.evidence import FIELDS, assumptions, entries, evidenced, rated
from canvas.view import View
from canvas.workbook import import_workbook, read
from modelgen import write_model
from sheets import at, beside, role

# Risk = importance (low 1, medium 2, high 3) x uncertainty (confidence high 1, medium 2, low 3);
# one not given counts as medium (2):
#   economics of a:     high x low        = 3 x 3 = 9
#   pain p2:            (medium) x low    = 2 x 3 = 6
#   key partner Telco:  high x (medium)   = 3 x 2 = 6, only a source given; after p2 (model order)
#   segment a:          low x medium      = 1 x 2 = 2
#   channel web:        (medium) x high   = 2 x 1 = 2, after segment a
#   pain p1: importance alone, no confidence or source: no assumption.
MODEL = """version: 1
meta: {title: Cart, language: en}
segments:
  - id: a
    name: Commuters
    importance: low
    confidence: medium
    source: Station survey
    economics: {price: 10, churn: 25, importance: high, confidence: low}
    pains:
      - {id: p1, text: Queues, importance: high}
      - {id: p2, text: Cold coffee, confidence: low, source: Two interviews}
channels:
  - {id: web, name: Website, category: internet, confidence: high}
key_partners:
  - {name: Telco, importance: high, source: A letter of intent}
"""
BY_HAND = [("unit_economics", "Commuters", 9), ("pains", "Cold coffee", 6), ("key_partners", "Telco", 6),
           ("segments", "Commuters", 2), ("channels", "Website", 2)]


def test_assumptions_ranked_as_worked_out_by_hand():
    model = canvas.loads(MODEL)
    v = View(model, "en")
    got = [(a.block, v.assumption_name(a), a.score) for a in assumptions(model)]
    assert got == BY_HAND
    assert [v.assumption_where(a) for a in v.assumptions][:2] == ["Unit economics", "Pains: Commuters"]
    assert rated(model) == (4, 6)  # of a, its economics, p1, p2, web and Telco: p1 and Telco have none
    assert [a.path for a in v.assumptions][:2] == [("segments", 0, "economics"), ("segments", 0, "pains", 1)]


def _evidenced_instances(value, found):
    """Every model object whose class has the three fields, found by a walk of its own."""
    if isinstance(value, BaseModel):
        if all(f in type(value).model_fields for f in FIELDS):
            found.append(value)
        for name in type(value).model_fields:
            _evidenced_instances(getattr(value, name), found)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _evidenced_instances(item, found)
    elif isinstance(value, dict):
        for item in value.values():
            _evidenced_instances(item, found)
    return found


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_every_entry_with_evidence_is_walked_named_and_placed(lang, tmp_path):
    """In a model with every field filled, every entry that has the fields is an assumption, has a
    name and a place, and its path leads to it."""
    model = canvas.load(write_model(tmp_path, lang))
    every = _evidenced_instances(model, [])
    walked = list(entries(model))
    assert {id(e) for e in every} == {id(a.entry) for a in walked} and len(walked) == len(every) > 40
    v = View(model, lang)
    for a in walked:
        assert v.assumption_name(a).strip() and v.assumption_where(a).strip()
        target = model
        for step in a.path:
            target = target[step] if isinstance(step, int) else getattr(target, step)
        assert target is a.entry and evidenced(target)
    scores = [a.score for a in v.assumptions]
    assert scores == sorted(scores, reverse=True) and len(v.assumptions) == len(walked)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("evidence")
    [xlsx] = canvas.build(canvas.loads(MODEL), tmp, formats=["xlsx"])
    return tmp, xlsx


def test_the_assumptions_sheet_lists_them_ranked_and_is_output_only(workbook):
    tmp, xlsx = workbook
    wb = load_workbook(xlsx)
    ws = role(wb, "assumptions")
    assert ws.protection.sheet
    assert [c.value for c in ws[3]] == ["Rank", "Risk", "Place in the model", "Assumption", "Importance",
                                        "Confidence", "Source"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4, max_row=8)]
    assert [(r[0], r[3], r[1]) for r in rows] == [(i, name, score) for i, (_, name, score) in
                                                    enumerate(BY_HAND, start=1)]
    assert rows[0][4:] == ["High", "Low", None] and rows[2][4:] == ["High", None, "A letter of intent"]
    assert "4 of the model's 6 entries have a confidence" in ws["A2"].value
    ws["D4"] = "Something else"  # typed over: reported, not read
    wb.save(tmp / "typed.xlsx")
    reading = read(tmp / "typed.xlsx")
    assert any(w.place.endswith("Assumptions!D4") for w in reading.warnings)


def test_evidence_is_typed_in_each_entrys_own_cells_and_imported(workbook):
    tmp, xlsx = workbook
    wb = load_workbook(xlsx)
    segments = wb["Customer segments"]
    assert at(segments, "Confidence", 4).value == "Medium" and at(segments, "Source", 4).value == "Station survey"
    at(segments, "Confidence", 4).value = "low"  # an id works as well as a label
    at(wb["Channel matrix"], "Source", 4).value = "Web analytics"
    economics = wb["Unit economics"]
    at(economics, "Confidence", 4).value = "High"
    wb.save(tmp / "edited.xlsx")
    model = import_workbook(tmp / "edited.xlsx").model
    assert model.segments[0].confidence == "low" and model.segments[0].importance == "low"
    assert model.channels[0].source.get("en") == "Web analytics"
    assert model.segments[0].economics.confidence == "high" and model.segments[0].economics.importance == "high"
    assert model.segments[0].pains[1].source.get("en") == "Two interviews"


def test_a_workbook_made_before_the_evidence_columns_imports(workbook, tmp_path):
    """An older workbook has no Importance, Confidence and Source columns or card rows: nothing is
    lost by their absence, so their absence is no error."""
    _, xlsx = workbook
    wb = load_workbook(xlsx)
    for ws in wb.worksheets:
        headers = {c.value: c.column for c in ws[3] if isinstance(c.value, str)}
        for name in ("Source", "Confidence", "Importance"):
            if name in headers and ws.title not in ("Assumptions", "Customer profiles"):
                ws.delete_cols(headers[name])
    wb.save(tmp_path / "old.xlsx")
    model = import_workbook(tmp_path / "old.xlsx").model
    assert model.segments[0].confidence is None and model.channels[0].confidence is None
    assert model.segments[0].economics.price == 10 and model.key_partners[0].name.get("en") == "Telco"


def test_a_persona_card_has_the_rows_and_an_old_one_without_them_imports(tmp_path):
    model = canvas.loads(MODEL.replace("channels:", """personas:
  - {id: ann, segment: a, name: Ann, confidence: low, source: Made up}
channels:"""))
    [xlsx] = canvas.build(model, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    card = role(wb, "persona_1")
    assert beside(card, "Confidence").value == "Low" and beside(card, "Source").value == "Made up"
    beside(card, "Confidence").value = "Medium"
    wb.save(tmp_path / "edited.xlsx")
    assert import_workbook(tmp_path / "edited.xlsx").model.personas[0].confidence == "medium"
    labels = ("Importance, confidence and source", "Importance", "Confidence", "Source")
    for row in sorted({c.row for r in card.iter_rows() for c in r if c.value in labels}, reverse=True):
        card.delete_rows(row)
    wb.save(tmp_path / "old.xlsx")
    assert import_workbook(tmp_path / "old.xlsx").model.personas[0].name.get("en") == "Ann"


def test_c903_notes_a_vital_guess_at_its_confidence():
    model = canvas.loads(MODEL)
    report = run_checks(model)
    found = [f for f in report.findings if f.code == "C903"]
    assert [f.path for f in found] == [("segments", 0, "economics", "confidence")]
    assert found[0].severity == "info" and found[0].line == 9
    assert "'Commuters' (Unit economics) matters a lot" in found[0].message("en")
    assert "«مشتری" not in found[0].message("fa") and "(اقتصاد واحد)" in found[0].message("fa")
