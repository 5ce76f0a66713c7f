"""canvas blank: a fillable worksheet with dropdowns, unlocked input cells and locked headers,
which a student fills in and the teacher imports back."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from canvas.blank import blank_workbook
from canvas.errors import InputError
from canvas.workbook import import_workbook


@pytest.fixture(scope="module")
def worksheet(tmp_path_factory):
    path = tmp_path_factory.mktemp("blank") / "worksheet.xlsx"
    path.write_bytes(blank_workbook("en", personas=2, stages=["awareness", "evaluation", "purchase"]))
    return path


from sheets import role, row_of


def validation_at(ws, coordinate):
    found = [dv for dv in ws.data_validations.dataValidation if coordinate in dv.sqref]
    assert found, f"no validation on {ws.title}!{coordinate}"
    return found[0]


def test_same_sheets_as_a_built_workbook_plus_instructions(worksheet):
    wb = load_workbook(worksheet)
    names = wb.sheetnames
    assert names[:5] == ["Instructions", "Overview", "Business Model Canvas", "Lean Canvas", "Customer segments"]
    assert names.index("Customer profiles") < names.index("Relievers & creators") < names.index("Fit")
    assert sum(n.startswith("Persona - ") for n in names) == 2
    assert sum(n.startswith("Customer journey - ") for n in names) == 2
    for table in ("tbl_segments", "tbl_value_propositions", "tbl_channels", "tbl_relationships", "tbl_funnel",
                  "tbl_competitors", "tbl_other_blocks"):
        assert any(table in ws.tables for ws in wb.worksheets), table
    assert "Model health" not in names
    assert [wb["Customer segments"].cell(row=r, column=1).value for r in (4, 5, 6)] == ["s1", "s2", "s3"]


def test_headers_locked_inputs_unlocked_and_shaded(worksheet):
    wb = load_workbook(worksheet)
    segments = wb["Customer segments"]
    assert segments.protection.sheet and not segments.protection.password
    assert segments["B3"].protection.locked  # a header
    for coordinate in ("B4", "C4", "F11"):  # names, descriptions, size of the eighth row
        cell = segments[coordinate]
        assert not cell.protection.locked, coordinate
        assert cell.fill.fgColor.rgb.endswith("FFF9DB"), coordinate
    persona = role(wb, "canvas_persona_1")
    labels = {persona.cell(row=r, column=1).value: r for r in range(1, persona.max_row + 1)}
    assert persona.cell(row=labels["Name"], column=1).protection.locked
    assert not persona.cell(row=labels["Name"], column=2).protection.locked
    journey = role(wb, "canvas_journey_1")
    assert journey.protection.sheet
    actions = row_of(journey, "Actions")
    assert journey[f"A{actions}"].protection.locked and not journey[f"B{actions}"].protection.locked
    funnel = wb["Sales funnel"]
    assert funnel["C4"].value.startswith("=IF(") and funnel["C4"].protection.locked  # formulas stay locked


def test_dropdowns_for_every_vocabulary_and_reference(worksheet):
    wb = load_workbook(worksheet)
    persona = role(wb, "canvas_persona_1")
    labels = {persona.cell(row=r, column=c).value: (r, c) for r in range(1, persona.max_row + 1) for c in (1, 3)}
    row, col = labels["Segment"]
    assert validation_at(persona, persona.cell(row=row, column=col + 1).coordinate).formula1 == "list_segments"
    row, col = labels["Brand archetype"]
    assert validation_at(persona, persona.cell(row=row, column=col + 1).coordinate).formula1 == "list_archetypes"
    # the segment dropdown lists the live name column of the segments sheet
    assert wb.defined_names["list_segments"].attr_text == "'Customer segments'!$B$4:$B$11"
    # long lists live on the hidden sheet, not inline (Excel drops inline lists over 255 characters)
    sheet, _ = next(iter(wb.defined_names["list_archetypes"].destinations))
    assert wb[sheet].sheet_state == "hidden"
    channels = wb["Channel matrix"]
    assert validation_at(channels, "C4").formula1 == "list_channel_categories"
    assert validation_at(channels, "I4").formula1 == '"0,1,2,3"'
    assert validation_at(wb["Customer relationships"], "B4").formula1 == "list_relationship_types"
    assert validation_at(wb["Customer relationships"], "A4").formula1 == "list_segments"
    journey = role(wb, "canvas_journey_1")
    assert validation_at(journey, f"B{row_of(journey, 'Emotion score')}").formula1 == '"-2,-1,0,1,2"'
    assert validation_at(journey, f"B{row_of(journey, 'Stage')}").formula1 == "list_journey_stages"
    assert validation_at(wb["Sales funnel"], "A4").formula1 == "list_funnel_stages"
    assert validation_at(wb["Competitors"], "H4").formula1 == "list_segments"
    assert validation_at(wb["Other canvas blocks"], "A4").formula1 == "list_other_blocks"


def fill_as_a_student(wb):
    overview = role(wb, "canvas_overview")
    rows = {overview.cell(row=r, column=1).value: r for r in range(1, overview.max_row + 1)}
    overview.cell(row=rows["Title"], column=2, value="Campus coffee cart")
    overview.cell(row=rows["Date"], column=2, value="2025-03-01")
    segments = wb["Customer segments"]
    segments["B4"], segments["D4"] = "Students", "Price\nSpeed"
    segments["B5"] = "Staff"
    persona = role(wb, "canvas_persona_1")
    labels = {persona.cell(row=r, column=c).value: (r, c + 1) for r in range(1, persona.max_row + 1) for c in (1, 3)}
    persona.cell(*labels["Name"], value="Sara")
    persona.cell(*labels["Segment"], value="Students")
    persona.cell(*labels["Brand archetype"], value="Explorer")
    persona.cell(*labels["Goals"], value="• Cheap coffee\n• No queue")
    channels = wb["Channel matrix"]
    for col, value in zip("ABCDEFGHI", ["cart", "The cart", "Physical", "●", None, "●", None, None, 3]):
        channels[f"{col}4"] = value
    relationships = wb["Customer relationships"]
    relationships["A4"], relationships["B4"] = "Students", "Personal assistance"
    journey = role(wb, "canvas_journey_1")
    journey[f"B{row_of(journey, 'Actions')}"] = "Sees the cart"
    emotion = row_of(journey, "Emotion score")
    journey[f"B{emotion}"], journey[f"C{emotion}"], journey[f"D{emotion}"] = 1, -1, 2
    journey[f"B{row_of(journey, 'Touchpoints')}"] = "cart"
    funnel = wb["Sales funnel"]
    for row, count in zip(range(4, 9), (500, 200, 80, 40, 10)):
        funnel.cell(row=row, column=2, value=count)


def test_a_filled_worksheet_imports(worksheet, tmp_path):
    wb = load_workbook(worksheet)
    fill_as_a_student(wb)
    filled = tmp_path / "sara.xlsx"
    wb.save(filled)
    imported = import_workbook(filled)
    model = imported.model
    assert model.meta.title.get("en") == "Campus coffee cart" and model.meta.language == "en"
    assert [s.name.get("en") for s in model.segments] == ["Students", "Staff"]  # the empty row is dropped
    assert [c.get("en") for c in model.segments[0].concerns] == ["Price", "Speed"]
    sara = model.personas[0]
    assert (sara.id, sara.segment, sara.archetype) == ("p1", "s1", "explorer")
    assert [g.get("en") for g in sara.goals] == ["Cheap coffee", "No queue"]
    [cart] = model.channels
    assert (cart.category, cart.phases, cart.serves) == ("physical", ["awareness", "purchase"], {"s1": 3})
    assert (model.relationships[0].segment, model.relationships[0].type) == ("s1", "personal_assistance")
    journey = model.journeys[0]
    assert journey.persona == "p1" and [s.emotion for s in journey.stages] == [1, -1, 2]
    assert journey.stages[0].touchpoints[0].get("en") == "cart"
    assert [s.count for s in model.funnel.stages] == [500, 200, 80, 40, 10]


def test_a_student_who_typed_in_the_wrong_place_gets_the_cell(worksheet, tmp_path):
    wb = load_workbook(worksheet)
    fill_as_a_student(wb)
    journey = role(wb, "canvas_journey_1")
    journey[f"C{row_of(journey, 'Emotion score')}"] = "sad"
    wb["Channel matrix"]["I4"] = "mighty"
    filled = tmp_path / "ali.xlsx"
    wb.save(filled)
    with pytest.raises(InputError) as error:
        import_workbook(filled)
    messages = [str(p) for p in error.value.problems]
    assert messages == [f"{filled}:Channel matrix!I4: 'mighty' is not a number; type a whole number from 0 to 3, "
                        "or one of: Not used, Weak, Medium, Strong",
                        f"{filled}:Customer journey - 1!C16: 'sad' is not a number; type a whole number from -2 to 2, "
                        "or one of: Very negative, Negative, Neutral, Positive, Very positive"]


def test_cli_blank(cli, tmp_path):
    out = tmp_path / "ws.xlsx"
    result = cli("blank", "--lang", "fa", "--personas", "1", "-o", out)
    assert result.exit_code == 0 and out.exists()
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "راهنما" and all(ws.sheet_view.rightToLeft for ws in wb.worksheets)
    bad = cli("blank", "--stages", "awareness,shopping", "-o", tmp_path / "x.xlsx")
    assert bad.exit_code == 2 and "unknown stage 'shopping'" in bad.output
