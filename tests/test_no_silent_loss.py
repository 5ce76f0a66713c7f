"""Nothing a person types into a workbook is lost without a word: every filled cell is imported,
or named in an error or a warning with its cell. The cases people met, each with its message."""
from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

import canvas
from canvas.blank import blank_workbook
from canvas.errors import InputError
from canvas.workbook import import_workbook, read
from conftest import SAMPLES
from programs import gnumeric, libreoffice
from sheets import at, below, beside, role, row_of

MUSIC = next(s for s in SAMPLES if s.stem == "music-streaming-en")


def typed_everywhere(source, target) -> dict[str, str]:
    """A distinct marker in every unlocked cell of every visible sheet, and one more outside the
    layout of each sheet; returns {marker: 'Sheet!C7'}."""
    wb = load_workbook(source)
    placed = {}
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        cells = [c for row in ws.iter_rows() for c in row
                 if type(c).__name__ != "MergedCell" and not c.protection.locked]
        cells.append(ws.cell(row=ws.max_row + 3, column=ws.max_column + 2))  # somewhere no layout reaches
        for cell in cells:
            marker = f"mk{len(placed):04d}x"
            cell.value = marker
            placed[marker] = f"{ws.title}!{cell.coordinate}"
    wb.save(target)
    return placed


@pytest.mark.parametrize("kind", ["blank", "built"])
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_every_typed_cell_is_imported_or_reported_with_its_cell(tmp_path, kind, lang):
    source = tmp_path / "source.xlsx"
    if kind == "blank":
        source.write_bytes(blank_workbook(lang, personas=2, stages=["awareness", "purchase", "loyalty"]))
    else:
        [source] = canvas.build(MUSIC, tmp_path, formats=["xlsx"], lang=lang)
    placed = typed_everywhere(source, tmp_path / "typed.xlsx")
    assert len(placed) > 200 and any("!A4" in p for p in placed.values())  # canvas boxes, tables, cards
    reading = read(tmp_path / "typed.xlsx")
    imported = json.dumps(reading.data, ensure_ascii=False)
    said = {p.place for p in reading.problems + reading.warnings if p.place}
    # a row refused as a whole (its block is not a block) is named by an error on the cell deciding it
    refused = {f"{sheet}!{row}" for sheet, row in reading.refused}
    assert all(any(_row(p) == r for p in said) for r in refused)
    # a column not read is named by a warning on its header, with how many cells it held
    columns = {f"{sheet}!{get_column_letter(col)}" for sheet, col in reading.unread_columns}
    assert all(any(p.startswith(c) and p[len(c):].isdigit() for p in said) for c in columns)
    lost = {marker: place for marker, place in placed.items()
            if marker not in imported and place not in said and _row(place) not in refused
            and place.rstrip("0123456789") not in columns}
    assert not lost


def _row(place: str) -> str:
    """'Sheet!C7' -> 'Sheet!7'."""
    sheet, cell = place.rsplit("!", 1)
    return f"{sheet}!{cell.lstrip('ABCDEFGHIJKLMNOPQRSTUVWXYZ')}"


def test_an_untouched_workbook_has_nothing_to_report(tmp_path):
    for lang in ("fa", "en"):
        [xlsx] = canvas.build(MUSIC, tmp_path / lang, formats=["xlsx"], lang=lang)
        assert import_workbook(xlsx).warnings == []


# --- the canvas sheet and the relationship matrix are read ----------------------------------------

def blank(tmp_path, lang="en", **options):
    path = tmp_path / "worksheet.xlsx"
    path.write_bytes(blank_workbook(lang, **options))
    return load_workbook(path)


def imported(wb, tmp_path, name="student.xlsx"):
    path = tmp_path / name
    wb.save(path)
    return import_workbook(path)


def problems(wb, tmp_path, name="student.xlsx") -> list[str]:
    path = tmp_path / name
    wb.save(path)
    with pytest.raises(InputError) as error:
        import_workbook(path)
    return [str(p).replace(f"{path}:", "").strip() for p in error.value.problems]


def title(wb, text="Coffee cart"):
    beside(role(wb, "overview"), "Title").value = text


def test_a_key_partner_typed_on_the_canvas_is_imported(tmp_path):
    wb = blank(tmp_path)
    title(wb)
    canvas_sheet = role(wb, "canvas")
    below(canvas_sheet, "Key partners").value = "Roastery\nUniversity"
    below(canvas_sheet, "Customer segments").value = "• Students"
    below(canvas_sheet, "Customer relationships").value = "Students: Personal assistance"
    model = imported(wb, tmp_path).model
    assert [p.name.get("en") for p in model.key_partners] == ["Roastery", "University"]
    assert [(s.id, s.name.get("en")) for s in model.segments] == [("students", "Students")]
    assert [(r.segment, r.type) for r in model.relationships] == [("students", "personal_assistance")]


def test_a_name_removed_from_a_canvas_box_is_kept_with_a_warning(tmp_path):
    [xlsx] = canvas.build(MUSIC, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    box = below(role(wb, "canvas"), "Key partners")
    assert box.value.startswith("• Record labels and publishers\n")
    box.value = box.value.replace("• Record labels and publishers\n", "") + "\n• Podcast networks"
    result = imported(wb, tmp_path)
    assert [p.name.get("en") for p in result.model.key_partners][-2:] == ["Device makers", "Podcast networks"]
    assert "Record labels and publishers" in [p.name.get("en") for p in result.model.key_partners]
    assert [str(w).split("xlsx:")[1] for w in result.warnings] == [
        "Business Model Canvas!A4: warning: 'Record labels and publishers' was removed from this canvas box but "
        "is still on the sheet 'Other canvas blocks', so it was kept; delete its row there to remove it"]


def test_a_channel_typed_on_the_canvas_needs_its_category(tmp_path):
    wb = blank(tmp_path)
    title(wb)
    below(role(wb, "canvas"), "Channels").value = "Instagram"
    assert problems(wb, tmp_path) == [
        "Business Model Canvas!G6: the new channel 'Instagram' typed on the canvas has no Category; add a row for "
        "it on the sheet 'Channel matrix' with its Category"]


def test_acquisition_typed_in_the_relationship_matrix_is_imported(tmp_path):
    wb = blank(tmp_path, segments=2)
    title(wb)
    wb["Customer segments"]["B4"] = "Students"
    matrix = wb["Relationship matrix"]
    at(matrix, "Communities", 4).value = "Acquisition"  # the row of s1, now named Students
    relationship = imported(wb, tmp_path).model.relationships
    assert [(r.segment, r.type, r.motivations) for r in relationship] == [("s1", "communities", ["acquisition"])]


def test_a_matrix_cell_and_its_table_row_both_edited_and_disagreeing_is_an_error(tmp_path):
    [xlsx] = canvas.build(MUSIC, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    table = wb["Customer relationships"]
    row = next(r for r in range(4, table.max_row + 1) if table.cell(row=r, column=1).value == "Advertisers"
               and table.cell(row=r, column=2).value == "Self-service")
    table.cell(row=row, column=3).value = "Customer retention"
    matrix = wb["Relationship matrix"]
    cell = at(matrix, "Self-service", row_of(matrix, "Advertisers"))
    cell.value = "Boosting sales (upselling)"
    assert problems(wb, tmp_path) == [
        f"Relationship matrix!{cell.coordinate}: 'Boosting sales (upselling)' here disagrees with 'Customer "
        f"retention' at Customer relationships!C{row}; make them the same"]


def test_a_matrix_cell_edited_alone_wins(tmp_path):
    [xlsx] = canvas.build(MUSIC, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    matrix = wb["Relationship matrix"]
    at(matrix, "Self-service", row_of(matrix, "Advertisers")).value = "Customer retention, Boosting sales (upselling)"
    at(matrix, "Co-creation", row_of(matrix, "Artists and labels")).value = "●"
    model = imported(wb, tmp_path).model
    pairs = {(r.segment, r.type): r.motivations for r in model.relationships}
    assert pairs[("advertisers", "self_service")] == ["retention", "upselling"]
    assert pairs[("artists", "co_creation")] == []


# --- competitors ---------------------------------------------------------------------------------

def test_a_value_chain_typed_on_a_competitors_first_row_is_kept(tmp_path):
    [xlsx] = canvas.build(MUSIC, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    ws = wb["Competitors"]
    first = next(r for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=1).value == "youtube_music")
    at(ws, "Position in the value chain", first).value = "Video first"
    at(ws, "Description", first).value = "Google's music service"
    youtube = next(c for c in imported(wb, tmp_path).model.competitors if c.id == "youtube_music")
    assert (youtube.value_chain.get("en"), youtube.description.get("en")) == ("Video first", "Google's music service")
    assert len(youtube.markets) == 2


def test_two_value_chains_for_one_competitor_name_both_cells(tmp_path):
    [xlsx] = canvas.build(MUSIC, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    ws = wb["Competitors"]
    rows = [r for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=1).value == "youtube_music"]
    at(ws, "Position in the value chain", rows[1]).value = "Video first"
    assert problems(wb, tmp_path) == [
        f"Competitors!D{rows[1]}: 'Video first' here disagrees with 'Streaming on top of a video platform' at "
        f"Competitors!D{rows[0]}; make them the same"]


def test_a_market_share_typed_as_a_percentage(tmp_path):
    [xlsx] = canvas.build(MUSIC, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    ws = wb["Competitors"]
    at(ws, "Market share (%)", 4).value = 0.4  # what Excel and LibreOffice store for 40%
    at(ws, "Market share (%)", 4).number_format = "0%"
    at(ws, "Market share (%)", 5).value = "25%"
    at(ws, "Market share (%)", 6).value = "۱۲٫۵"
    shares = [m.share for c in imported(wb, tmp_path).model.competitors for m in c.markets][:3]
    assert shares == [40, 25, 12.5]


# --- marks ---------------------------------------------------------------------------------------

def test_marks_accept_a_documented_set_and_refuse_anything_else(tmp_path):
    [xlsx] = canvas.build(MUSIC, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    ws = wb["Channel matrix"]
    row = row_of(ws, "mobile_app")
    for phase, typed in zip(("Awareness", "Evaluation", "Purchase", "Delivery", "After sales"),
                            ("no", 0, "x", "✓", "بله")):
        at(ws, phase, row).value = typed
    channel = next(c for c in imported(wb, tmp_path).model.channels if c.id == "mobile_app")
    assert channel.phases == ["purchase", "delivery", "after_sales"]
    at(ws, "Awareness", row).value = "maybe"
    assert problems(wb, tmp_path, "maybe.xlsx") == [
        f"Channel matrix!D{row}: 'maybe' is not a mark; type ● (or x, ✓, 1, yes) to mark the cell, or leave it empty"]


def test_value_map_marks_on_a_row_with_a_name_and_no_id(tmp_path):
    wb = blank(tmp_path, segments=2)
    title(wb)
    wb["Customer segments"]["B4"], wb["Customer segments"]["B5"] = "Students", "Staff"
    wb["Value propositions"]["B4"] = "Quick coffee"  # no id: canvas gives it one
    fit = wb["Propositions × segments"]
    fit["B4"], fit["C4"], fit["D4"] = "Quick coffee", "x", "no"
    fit["B5"], fit["D5"] = "Late-night snacks", "●"  # not on the propositions sheet: added
    model = imported(wb, tmp_path).model
    assert [(p.id, p.name.get("en"), p.segments) for p in model.value_propositions] == [
        ("quick_coffee", "Quick coffee", ["s1"]), ("late_night_snacks", "Late-night snacks", ["s2"])]


# --- columns and headers -------------------------------------------------------------------------

def test_an_inserted_column_is_reported_by_its_header(tmp_path):
    [xlsx] = canvas.build(MUSIC, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    ws = wb["Customer segments"]
    ws.insert_cols(3)
    ws["C3"], ws["C4"], ws["C6"] = "Notes", "Met them at the fair", "Ask about pricing"
    result = imported(wb, tmp_path)
    assert [str(w).split("xlsx:")[1] for w in result.warnings] == [
        "Customer segments!C3: warning: column 'Notes' is not one canvas reads; its 2 filled cell(s) were not "
        "imported: move what they hold into a column canvas reads, or delete the column"]
    assert result.model.segments[0].description.get("en")  # the other columns are still found by header


@pytest.mark.parametrize("change", ["rename", "delete"])
def test_a_renamed_or_deleted_column_is_a_located_error_not_a_crash(cli, tmp_path, change):
    [xlsx] = canvas.build(MUSIC, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    ws = wb["Customer segments"]
    if change == "rename":
        ws["D3"] = "Worries"
    else:
        ws.delete_cols(4)
    wb.save(xlsx)
    result = cli("import", xlsx, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 2
    expected = (f"{xlsx}:Customer segments!A3: the column 'Concerns' is missing; put it back (undo the deletion, "
                "or rename its header back to 'Concerns')")
    assert expected in result.stderr.splitlines()
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_messages_are_in_the_workbooks_language(tmp_path):
    wb = blank(tmp_path, "fa")
    beside(role(wb, "overview"), "عنوان").value = "کافه"
    wb["بخش‌های مشتری"]["F4"] = "زیاد"
    assert problems(wb, tmp_path) == ["بخش‌های مشتری!B4: «نام» اینجا لازم است",
                                      "بخش‌های مشتری!F4: «زیاد» عدد نیست؛ عددی مانند ۱۲۰۰ بنویسید"]


# --- every problem in one round ------------------------------------------------------------------

def test_reading_problems_and_missing_values_come_together(tmp_path):
    wb = blank(tmp_path)  # no title: a required value is missing
    wb["Customer segments"]["F4"] = "lots"
    wb["Channel matrix"]["B4"] = "Instagram"  # no category
    wb["Customer segments"]["R9"] = "our group: Ana and Bo"  # and a cell outside the table: a warning
    assert problems(wb, tmp_path) == [  # errors and warnings together, sheet by sheet, row by row
        "Overview!B4: 'Title' is required here",
        "Customer segments!B4: 'Name' is required here",
        "Customer segments!F4: 'lots' is not a number; type a number such as 1200",
        "Customer segments!R9: warning: 'our group: Ana and Bo' is outside the cells canvas reads and was not "
        "imported; type it into the table or card of this sheet",
        "Channel matrix!C4: 'Category' is required here"]


def test_an_untouched_pre_filled_funnel_is_not_an_error(tmp_path):
    wb = blank(tmp_path)
    title(wb)
    model = imported(wb, tmp_path).model
    assert model.funnel.stages == [] and model.segments == []


# --- real programs -------------------------------------------------------------------------------

def fill(wb):
    """A student's answers, typed on several sheets."""
    title(wb)
    wb["Customer segments"]["B4"], wb["Customer segments"]["D4"] = "Students", "Price\nSpeed"
    persona = role(wb, "persona_1")
    beside(persona, "Name").value = "Sara"
    beside(persona, "Segment").value = "Students"
    beside(persona, "Quote").value = "Coffee before class, always"
    below(role(wb, "canvas"), "Key partners").value = "Roastery"
    ws = wb["Competitors"]
    for header, value in (("Name", "Vending machine"), ("Segment", "Students"), ("Market share (%)", 0.3)):
        at(ws, header, 4).value = value
    at(ws, "Market share (%)", 4).number_format = "0%"
    funnel = wb["Sales funnel"]
    for row, count in zip(range(4, 9), (500, 200, 80, 40, 10)):
        funnel.cell(row=row, column=2, value=count)
    below(funnel, "Conversion techniques").value = "Loyalty card"


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    out = tmp_path_factory.mktemp("filled")
    files = {}
    for lang in ("fa", "en"):
        path = out / f"blank-{lang}.xlsx"
        path.write_bytes(blank_workbook(lang, personas=1))
        wb = load_workbook(path)
        if lang == "fa":  # the same answers under Persian labels
            beside(role(wb, "overview"), "عنوان").value = "Coffee cart"
            wb["بخش‌های مشتری"]["B4"] = "Students"
        else:
            fill(wb)
        wb.save(out / f"filled-{lang}.xlsx")
        files[lang] = out / f"filled-{lang}.xlsx"
    return files


@pytest.mark.parametrize("program", ["libreoffice-xlsx", "libreoffice-ods", "gnumeric"])
def test_a_filled_blank_resaved_by_a_program_imports_the_same(filled, tmp_path, program):
    for lang, path in filled.items():
        if program == "gnumeric":
            again = gnumeric(path, tmp_path / lang)
        else:
            [again] = libreoffice([path], program.split("-")[1], tmp_path / lang)
        original, resaved = import_workbook(path), import_workbook(again)
        assert resaved.warnings == [] and resaved.model.model_dump() == original.model.model_dump()
    english = import_workbook(filled["en"]).model
    assert english.competitors[0].markets[0].share == 30
    assert english.personas[0].quote.get("en") == "Coffee before class, always"


def test_an_ods_next_to_xlsx_files_is_imported(cli, filled, tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "ana.xlsx").write_bytes(filled["en"].read_bytes())
    libreoffice([filled["en"]], "ods", folder)
    [resaved] = libreoffice([filled["en"]], "xlsx", tmp_path / "lo")  # openpyxl warns reading these
    resaved.rename(folder / "bob.xlsx")
    (folder / "old.xls").write_bytes(b"not read")
    result = cli("import", folder, "-o", tmp_path / "models")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "models").iterdir()) == ["ana.yaml", "bob.yaml", "filled-en.yaml"]
    assert (f"{folder / 'old.xls'}: skipped: canvas reads .xlsx and .ods workbooks; open it in a spreadsheet "
            "program and save it as .xlsx") in result.stderr
    assert "UserWarning" not in result.stderr


def test_a_workbook_that_lost_its_settings_sheet_says_so(tmp_path):
    [xlsx] = canvas.build(MUSIC, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    del wb[role(wb, "settings").title]
    result = imported(wb, tmp_path)
    [warning] = result.warnings  # that one, not one per heading and output it can no longer tell
    assert "canvas's hidden settings sheet is not in this file" in str(warning)
    assert result.model.segments[0].name.get("en") == "Free listeners"


def test_two_hand_ins_with_one_name_overwrite_nothing(cli, filled, tmp_path):
    """ali.xlsx and ali.ods would both be models/ali.yaml: both fail, saying why; nothing is written."""
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "ali.xlsx").write_bytes(filled["en"].read_bytes())
    [ods] = libreoffice([filled["fa"]], "ods", tmp_path / "lo")
    ods.rename(folder / "ali.ods")
    (folder / "bo.xlsx").write_bytes(filled["en"].read_bytes())
    result = cli("import", folder, "-o", tmp_path / "models")
    assert result.exit_code == 2
    assert sorted(p.name for p in (tmp_path / "models").iterdir()) == ["bo.yaml"]
    for own, other in (("ali.ods", "ali.xlsx"), ("ali.xlsx", "ali.ods")):
        assert (f"{folder / own}: its output ali.yaml would also be written for {folder / other}; rename one of "
                "them or give them separate output folders (nothing was written for either)") in result.stderr


def test_two_models_of_one_name_in_one_build_overwrite_nothing(cli, tmp_path):
    for group in ("a", "b"):
        (tmp_path / group).mkdir()
        (tmp_path / group / "model.yaml").write_text(MUSIC.read_text("utf-8"), "utf-8")
    result = cli("build", tmp_path / "a" / "model.yaml", tmp_path / "b" / "model.yaml", "-o", tmp_path / "out",
                 "--no-pdf", "--no-html")
    assert result.exit_code == 2 and not (tmp_path / "out").exists()
    assert "2 of 2 files failed:" in result.stderr and "its output model would also be written for" in result.stderr


# --- what a consultant's client met -------------------------------------------------------------

TWO = ("version: 1\nmeta: {title: T, language: en}\n"
       "segments: [{id: a, name: Families}, {id: b, name: Fleets}]\n"
       "personas: [{id: p, segment: b, name: Marc}]\n"
       "journeys: [{id: j, persona: p, segment: b, stages: [{stage: awareness, emotion: 1}]}]\n"
       "competitors: [{id: k, name: Rival, markets: [{segment: b, share: 10}]}]\n")


def test_two_entries_of_one_name_keep_their_references(tmp_path):
    """A name two segments share shows with its id in reference cells, so nothing moves."""
    model = canvas.loads(TWO.replace("name: Fleets", "name: Families"))
    [xlsx] = canvas.build(model, tmp_path, formats=["xlsx"])
    assert beside(role(load_workbook(xlsx), "persona_1"), "Segment").value == "Families [b]"
    back = import_workbook(xlsx)
    assert back.model.model_dump() == model.model_dump() and back.warnings == []


def test_a_name_typed_twice_is_refused_where_it_is_ambiguous(tmp_path):
    [xlsx] = canvas.build(canvas.loads(TWO), tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    wb["Customer segments"]["B5"] = "Families"  # Fleets renamed to a name already taken
    beside(role(wb, "persona_1"), "Segment").value = "Families"
    assert problems(wb, tmp_path) == [
        "Persona - Marc!B5: several segments go by 'Families': Families [a], Families [b]; type the one you mean "
        "as it is listed here, such as 'Families [b]'"]


def test_a_persona_moved_to_another_segment_than_its_journey_says_is_an_error(tmp_path):
    [xlsx] = canvas.build(canvas.loads(TWO), tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    beside(role(wb, "persona_1"), "Segment").value = "Families"
    assert problems(wb, tmp_path) == ["Customer journey - Marc!B6: the persona 'Marc' is in the segment 'Families', "
                                      "not 'Fleets'; clear this cell or type 'Families'"]


def test_a_percentage_gnumeric_saved_in_an_ods_is_a_percentage(tmp_path):
    [xlsx] = canvas.build(canvas.loads(TWO), tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    cell = at(wb["Competitors"], "Market share (%)", 4)
    cell.value, cell.number_format = 0.05, "0.0%"
    wb.save(tmp_path / "share.xlsx")
    ods = tmp_path / "share.ods"
    import subprocess
    subprocess.run(["ssconvert", str(tmp_path / "share.xlsx"), str(ods)], check=True, capture_output=True)
    assert import_workbook(ods).model.competitors[0].markets[0].share == 5


def test_a_cleared_matrix_cell_whose_row_is_then_empty_is_reported(tmp_path):
    [xlsx] = canvas.build(MUSIC, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    matrix = wb["Relationship matrix"]
    row = row_of(matrix, "Free listeners")  # its only relationship: automated services
    at(matrix, "Automated services", row).value = None
    result = imported(wb, tmp_path)
    assert [str(w).split("xlsx:")[1] for w in result.warnings] == [
        f"Relationship matrix!{at(matrix, 'Automated services', row).coordinate}: warning: this cell was cleared but "
        "the relationship 'Free listeners: Automated services' is still on the sheet 'Customer relationships', so it "
        "was kept; delete its row there to remove it"]


def test_text_typed_in_the_other_language_is_filed_under_it(tmp_path):
    """A Persian workbook of an English model: new Persian text becomes {fa: ...}, not English."""
    [xlsx] = canvas.build(MUSIC, tmp_path, formats=["xlsx"], lang="fa")
    wb = load_workbook(xlsx)
    box = below(role(wb, "canvas"), "شرکای کلیدی")
    box.value += "\n• دوچرخه‌های اشتراکی"
    model = imported(wb, tmp_path).model
    assert model.key_partners[-1].name.fa == "دوچرخه‌های اشتراکی" and model.key_partners[-1].name.en is None
    assert model.meta.language == "en"


def test_deleting_a_stage_column_loses_no_field_of_the_journey(tmp_path):
    [xlsx] = canvas.build(MUSIC, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    journey = role(wb, "journey_1")
    original_title = canvas.load(MUSIC).journeys[0].title.get("en")
    assert journey.max_column == 7  # the label column and six stages
    journey.delete_cols(7)  # the last stage (loyalty)
    journey.delete_cols(3)  # and the second (interest)
    metrics = role(wb, "stage_metrics")  # whose metrics are named by the stage: deleted too
    gone = [r for r in range(4, metrics.max_row + 1) if metrics.cell(row=r, column=1).value == original_title
            and metrics.cell(row=r, column=2).value in ("Free listening", "Loyalty & repurchase")]
    for r in reversed(gone):
        metrics.delete_rows(r)
    original = canvas.load(MUSIC).journeys[0]
    lena = imported(wb, tmp_path).model.journeys[0]
    assert (lena.id, lena.persona, lena.title, lena.goal) == (original.id, original.persona, original.title,
                                                              original.goal)
    assert [s.stage for s in lena.stages] == ["awareness", "evaluation", "purchase", "after_purchase"]


def test_a_cleared_journey_id_is_an_error_not_a_new_journey(tmp_path):
    [xlsx] = canvas.build(MUSIC, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    beside(role(wb, "journey_1"), "Id").value = None
    assert problems(wb, tmp_path) == [
        "Customer journey - Lena from…!B4: this cell held the id 'lena_journey' when the workbook was built and is "
        "now empty; type it back (an empty id makes a new entry)"]


def test_a_computed_column_may_be_deleted(tmp_path):
    [xlsx] = canvas.build(MUSIC, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    wb["Sales funnel"].delete_cols(4)  # Of first stage
    assert imported(wb, tmp_path).model.funnel.stages[1].count == 420000


def test_a_proposition_renamed_on_its_sheet_is_not_a_warning(tmp_path):
    [xlsx] = canvas.build(MUSIC, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    wb["Value propositions"]["B4"] = "Free music, everywhere"
    result = imported(wb, tmp_path)
    assert result.warnings == [] and result.model.value_propositions[0].name.get("en") == "Free music, everywhere"


def test_import_into_its_own_yaml_needs_force(cli, tmp_path):
    model = tmp_path / "model.yaml"
    model.write_text("# my notes\n" + MUSIC.read_text("utf-8"), "utf-8")
    [xlsx] = canvas.build(model, tmp_path, formats=["xlsx"])
    result = cli("import", xlsx, "--into", model, "-o", model)
    assert result.exit_code == 2 and "already exists; add --force" in result.stderr
    assert model.read_text("utf-8").startswith("# my notes")
    assert cli("import", xlsx, "--into", model, "-o", model, "--force").exit_code == 0


def test_two_segments_swapping_names_is_refused_where_a_cell_still_shows_one(tmp_path):
    [xlsx] = canvas.build(canvas.loads(TWO), tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    wb["Customer segments"]["B4"], wb["Customer segments"]["B5"] = "Fleets", "Families"
    assert problems(wb, tmp_path) == [
        "Persona - Marc!B5: 'Fleets' is now the name of the segment 'a' but was the name of 'b' when the workbook "
        "was built; type the id of the one you mean (a or b)",
        "Customer journey - Marc!B6: 'Fleets' is now the name of the segment 'a' but was the name of 'b' when the "
        "workbook was built; type the id of the one you mean (a or b)",
        "Competitors!H4: 'Fleets' is now the name of the segment 'a' but was the name of 'b' when the workbook was "
        "built; type the id of the one you mean (a or b)"]


def test_a_cleared_segment_id_is_an_error_and_printed_ids_are_not_reused(tmp_path):
    [xlsx] = canvas.build(canvas.loads(TWO), tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    wb["Customer segments"]["A5"] = None
    assert problems(wb, tmp_path) == [
        "Customer segments!A5: this cell held the id 'b' when the workbook was built and is now empty; type it back "
        "(an empty id makes a new entry)"]
    wb = blank(tmp_path, segments=2)
    title(wb)
    segments = wb["Customer segments"]
    segments["A4"], segments["B4"], segments["A5"], segments["B5"] = "fam", "Families", None, "Cafes"
    model = imported(wb, tmp_path, "blank-ids.xlsx").model
    assert [(s.id, s.name.get("en")) for s in model.segments] == [("fam", "Families"), ("cafes", "Cafes")]


def test_a_damaged_model_copy_is_reported(tmp_path):
    [xlsx] = canvas.build(MUSIC, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    settings = role(wb, "settings")
    next(r for r in settings.iter_rows() if r[0].value == "model_json_1")[1].value = "{broken"
    [warning] = imported(wb, tmp_path).warnings
    assert "the hidden copy of the model on the sheet 'canvas' is damaged" in str(warning)


def test_a_deleted_other_blocks_sheet_is_an_error_and_a_lost_settings_sheet_keeps_custom_stages(tmp_path):
    [xlsx] = canvas.build(MUSIC, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    del wb["Other canvas blocks"]
    assert problems(wb, tmp_path) == ["the sheet 'Other canvas blocks' is missing, so what it held could not be "
                                      "imported; put the sheet back or start again from the original workbook"]
    model = canvas.loads(TWO.replace("stage: awareness", "stage: referral") + "custom_stages: [{id: referral, name: Referral}]\n")
    [xlsx] = canvas.build(model, tmp_path / "custom", formats=["xlsx"])
    wb = load_workbook(xlsx)
    del wb[role(wb, "settings").title]
    result = imported(wb, tmp_path, "custom.xlsx")
    assert [(c.id, c.name.get("en")) for c in result.model.custom_stages] == [("referral", "Referral")]
    assert any("'Referral' is not a built-in stage" in str(w) for w in result.warnings)


def test_a_channel_named_in_the_other_language_is_still_a_channel(tmp_path):
    model = canvas.loads("version: 1\nmeta: {title: T, language: en}\nsegments: [{id: s, name: S}]\n"
                         "personas: [{id: p, segment: s, name: P}]\n"
                         "channels: [{id: app, name: {en: Pre-order app, fa: اپ پیش‌سفارش}, category: mobile}]\n"
                         "journeys: [{id: j, persona: p, stages: [{stage: awareness, emotion: 1}]}]\n")
    [xlsx] = canvas.build(model, tmp_path, formats=["xlsx"], lang="fa")
    wb = load_workbook(xlsx)
    journey = role(wb, "journey_1")
    journey[f"B{row_of(journey, 'نقاط تماس')}"] = "Pre-order app"
    assert [t.get("en") for t in imported(wb, tmp_path).model.journeys[0].stages[0].touchpoints] == ["app"]


def test_import_into_keeps_what_was_added_to_the_yaml_after_the_build(cli, tmp_path):
    source = tmp_path / "model.yaml"
    source.write_text(TWO, "utf-8")
    [xlsx] = canvas.build(source, tmp_path, formats=["xlsx"])
    source.write_text(TWO.replace("segments: [", "segments: [{id: c, name: Cafes}, "), "utf-8")
    result = cli("import", xlsx, "--into", source, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 0, result.stderr
    assert [s.id for s in canvas.load(tmp_path / "out.yaml").segments] == ["a", "b", "c"]
    assert ("warning: 'Cafes' (Customer segments) was added to " in result.stderr
            and "after this workbook was built, so it was kept" in result.stderr)


def test_a_folder_inside_a_class_folder_is_read_and_kept_apart(cli, filled, tmp_path):
    (tmp_path / "class" / "late").mkdir(parents=True)
    (tmp_path / "class" / ".trash").mkdir(parents=True)
    for place in ("ana.xlsx", "late/ana.xlsx", "late/bo.xlsx", ".trash/old.xlsx"):
        (tmp_path / "class" / place).write_bytes(filled["en"].read_bytes())
    result = cli("import", tmp_path / "class", tmp_path / "class" / "late" / "bo.xlsx", "-o", tmp_path / "models")
    assert result.exit_code == 0, result.stderr
    assert sorted(str(p.relative_to(tmp_path / "models")) for p in (tmp_path / "models").rglob("*.yaml")) == [
        "ana.yaml", "late/ana.yaml", "late/bo.yaml"]  # hidden folders left out, bo.xlsx read once


def test_a_workbook_that_lost_its_defined_names_imports_the_same(tmp_path):
    """Programs that drop defined names: sheets are found by their titles, outputs recognised."""
    sample = next(s for s in SAMPLES if s.stem == "bank-fa")
    [xlsx] = canvas.build(sample, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    for name in [n for n in wb.defined_names if n.startswith("canvas_")]:
        del wb.defined_names[name]
    result = imported(wb, tmp_path)
    assert result.warnings == [] and result.model.model_dump() == canvas.load(sample).model_dump()
