"""A worksheet a student understands (issue 19): an Instructions sheet with a row for every kind
of cell, a dropdown wherever a value comes from a list, a numeric rule on every number cell, a
place for every field of the model, and formulas that show nothing wrong on an empty sheet.

The cells and their kinds are not listed here: they are found by importing a worksheet with
something typed in every input cell and noting the kind the importer reads each cell as (the
one declaration of the sheets that writer and importer share), so a cell added later is
checked too."""
from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

import canvas
from canvas.blank import blank_model, blank_workbook
from canvas.view import View, labels
from canvas.vocab import vocabularies
from canvas.workbook import kinds as K
from canvas.workbook import import_workbook, read, render
from canvas.workbook.reader import Reader
from canvas.workbook.sheets import journeys, other_blocks
from conftest import SAMPLES
from canvas.yaml_out import dumps
from modelgen import PNG, full_model
from programs import gnumeric, libreoffice
from sheets import beside, role, row_of
from test_no_silent_loss import typed_everywhere
from test_roundtrip import differences, dump, project

# What a kind's cells must offer: a list to pick from, a numeric rule with its prompt, or neither
# (free text; its prompt, if the kind has one). A kind in none of these fails the tests: say
# which it is.
LISTED = {K.Vocab, K.Vocabs, K.Ref, K.Refs, K.Touchpoints, K.Mark, K.Member, K.Motives, K.Suggested, K.NameOf,
          K.Addresses, journeys.FunnelFeed,
          journeys.StageName, other_blocks.BlockName, other_blocks.BlockType}
NUMERIC = {K.Number, K.Percent, K.Rate}
FREE = {K.Text, K.Id, K.Picture, K.Lines, K.Pairs, K.Date, K.Serves, K.Computed, journeys.Named}
# The collection whose names each reference lists.
NAMED = (K.Ref, K.Refs, K.NameOf)


def kinds_of_cells(path, tmp_path) -> dict[tuple[str, str], K.Kind]:
    """{(sheet, cell): kind} of every cell the importer reads in the workbook at `path`, found by
    typing something into every input cell and importing the copy."""
    typed = tmp_path / f"typed-{path.name}"
    typed_everywhere(path, typed)
    seen = {}
    original = Reader.read

    def spy(self, sheet, row, col, kind, where=None):
        seen[(sheet.title, f"{get_column_letter(col)}{row}")] = kind
        return original(self, sheet, row, col, kind, where)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Reader, "read", spy)
        read(typed)
    return seen


def validations(ws, coordinate) -> list:
    return [dv for dv in ws.data_validations.dataValidation if coordinate in dv.sqref]


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> dict[str, object]:
    """Blanks in both languages (also with more segments and personas) and built samples."""
    out = tmp_path_factory.mktemp("worksheets")
    files = {}
    for lang in ("fa", "en"):
        files[f"blank-{lang}"] = out / f"blank-{lang}.xlsx"
        files[f"blank-{lang}"].write_bytes(blank_workbook(lang, personas=2))
    files["blank-big"] = out / "blank-big.xlsx"
    files["blank-big"].write_bytes(blank_workbook("fa", segments=8, personas=5))
    for sample, lang in (("music-streaming-en", "en"), ("bank-fa", "fa"), ("music-streaming-en", "fa")):
        [files[f"{sample}-{lang}"]] = canvas.build(next(s for s in SAMPLES if s.stem == sample), out / lang,
                                                   formats=["xlsx"], lang=lang, name=f"{sample}-{lang}")
    return files


@pytest.fixture(scope="module")
def cells(workbooks, tmp_path_factory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("typed")
    return {name: kinds_of_cells(path, out) for name, path in workbooks.items()}


# --- dropdowns and numeric rules ------------------------------------------------------------------

@pytest.mark.parametrize("name", ["blank-fa", "blank-en", "blank-big", "music-streaming-en-en", "bank-fa-fa",
                                  "music-streaming-en-fa"])
def test_every_cell_from_a_list_has_a_dropdown_and_every_number_a_rule(workbooks, cells, name):
    wb = load_workbook(workbooks[name])
    found = cells[name]
    assert len(found) > 150
    kinds = {type(kind) for kind in found.values()}
    assert not kinds - LISTED - NUMERIC - FREE, "a new kind of cell: add it to LISTED, NUMERIC or FREE"
    assert {K.Vocab, K.Ref, K.Member, K.Number, K.Percent, journeys.StageName, other_blocks.BlockName} <= kinds
    wrong = []
    for (title, coordinate), kind in found.items():
        ws = wb[title]
        rules = validations(ws, coordinate)
        place = f"{title}!{coordinate} ({type(kind).__name__})"
        if type(kind) in LISTED:
            lists = [dv for dv in rules if dv.type == "list"]
            if not lists:
                wrong.append(f"{place}: no dropdown")
                continue
            formula = lists[0].formula1
            if not formula.startswith('"') and formula not in wb.defined_names:
                wrong.append(f"{place}: its list {formula} is not defined")
            if isinstance(kind, NAMED) and formula != f"list_{kind.collection}":
                wrong.append(f"{place}: lists {formula}, not the names of {kind.collection}")
        elif type(kind) in NUMERIC:
            if not any(dv.type in ("whole", "decimal", "list") and dv.prompt for dv in rules):
                wrong.append(f"{place}: no numeric rule with a prompt")
        elif isinstance(kind, K.Computed):  # a formula, or empty (a funnel's last stage has no next one)
            if ws[coordinate].data_type != "f" and ws[coordinate].value not in (None, ""):
                wrong.append(f"{place}: neither a formula nor empty")
            if not ws[coordinate].protection.locked:
                wrong.append(f"{place}: not locked")
        if getattr(kind, "prompt", None) and not any(dv.prompt for dv in rules):
            wrong.append(f"{place}: no prompt")
    assert not wrong


@pytest.mark.parametrize("name, lang", [("blank-en", "en"), ("blank-big", "fa"), ("bank-fa-fa", "fa")])
def test_each_names_dropdown_lists_the_names_typed_on_its_own_sheet(workbooks, name, lang):
    """A dropdown of segments, channels or propositions lists the name column of their sheet; the
    personas' one, formulas on the hidden lists sheet pointing at each persona's name cell."""
    wb = load_workbook(workbooks[name])
    for collection in ("segments", "channels", "value_propositions"):
        [(title, cells)] = wb.defined_names[f"list_{collection}"].destinations
        assert title == role(wb, collection).title and cells.startswith("$B$4:$B$")
    [(title, cells)] = wb.defined_names["list_personas"].destinations
    assert wb[title].sheet_state == "hidden"
    personas = sorted((n for n in wb.defined_names if n.startswith("canvas_persona_")),
                      key=lambda n: int(n.rsplit("_", 1)[1]))
    column = cells.split("$")[1]
    first = int(cells.split(":")[0].split("$")[-1])
    assert cells.endswith(f"${first + len(personas) - 1}")
    for row, persona in enumerate(personas, start=first):
        name_cell = beside(role(wb, persona), labels()["name"][lang])
        formula = wb[title][f"{column}{row}"].value
        assert formula.startswith('=IF(') and formula.endswith(f"!${name_cell.column_letter}${name_cell.row})")
        assert role(wb, persona).title in formula


# --- the Instructions sheet -----------------------------------------------------------------------

def instruction_rows(wb) -> list[tuple]:
    ws = role(wb, "instructions")
    assert wb.worksheets[0] is ws
    return [row for row in ws.iter_rows(values_only=True) if row[0]]


def family(wb, title: str, lang: str) -> str:
    """How the Instructions sheet names a sheet: a persona's or a journey's by all of them."""
    for prefix, key in (("canvas_persona_", "personas"), ("canvas_journey_", "journeys")):
        for name, defined in wb.defined_names.items():
            if name.startswith(prefix) and next(iter(defined.destinations))[0] == title:
                return labels()[key][lang]
    return title


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_instructions_have_a_row_for_every_kind_of_cell(workbooks, cells, lang):
    wb = load_workbook(workbooks[f"blank-{lang}"])
    rows = instruction_rows(wb)
    text = json.dumps(rows, ensure_ascii=False)
    for key in ("instructions_text", "input_cell", "legend_locked", "legend_header"):  # the round and the legend
        for line in labels()[key][lang].split("\n"):
            assert json.dumps(line, ensure_ascii=False)[1:-1] in text, line
    view = View(blank_model(lang), lang, blank=True)
    missing = []
    for (title, coordinate), kind in cells[f"blank-{lang}"].items():
        assert kind.guide, f"{type(kind).__name__} (at {title}!{coordinate}) has no row on the Instructions sheet"
        params = kind.guide_params(view)
        kind_text, what, example, accepts = (labels()[f"{part}_{kind.guide}"][lang].format(**params)
                                             for part in ("kind", "what", "example", "accepts"))
        row = next((r for r in rows if r[0] == kind_text and r[2] == what), None)
        if row is None or family(wb, title, lang) not in row[1] or (row[3], row[4]) != (example, accepts):
            missing.append(f"{title}!{coordinate}: {kind_text}")
    assert not missing
    if lang == "fa":  # in the sheet's language
        assert all(any("\u0600" <= ch <= "\u06ff" for ch in str(r[2])) for r in rows[-10:])


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_every_example_of_the_instructions_imports_where_it_applies(workbooks, cells, lang, tmp_path):
    """Each kind's example, typed into one of its cells, is read without a problem at that cell
    (the names its references use are typed on their sheets first)."""
    path = workbooks[f"blank-{lang}"]
    wb = load_workbook(path)
    label = lambda key: labels()[key][lang]  # noqa: E731
    segments, channels, propositions, other = (role(wb, r) for r in ("segments", "channels", "value_propositions",
                                                                      "other_blocks"))
    context = {(segments.title, "B4"): label("example_segments"),
               (channels.title, "B4"): label("example_channels"),
               (channels.title, "C4"): next(iter(vocabularies()["channel_categories"].values()))[lang],
               (propositions.title, "B4"): label("example_value_propositions"),
               (other.title, "A4"): label("key_resources")}
    persona = role(wb, "persona_1")
    context[(persona.title, beside(persona, label("name")).coordinate)] = label("example_personas")
    context[(persona.title, beside(persona, label("segment")).coordinate)] = label("example_segments")
    context[(other.title, "A5")] = label("revenue_streams")
    other_journey = role(wb, "journey_2")  # a journey another may be compared with (filled in: read)
    context[(other_journey.title, beside(other_journey, label("title")).coordinate)] = label("example_text")
    funnel = role(wb, "funnel")  # a funnel stage a journey stage may name
    context[(funnel.title, "A4")], context[(funnel.title, "B4")] = vocabularies()["funnel_stages"]["leads"][lang], 100
    # on Customer profiles a job (row 4: the kind of job's example) and the pain a reliever's
    # example names (pa1, row 5); the reliever's row
    profiles, relievers = role(wb, "profiles"), role(wb, "relievers")
    context.update({(profiles.title, "A4"): label("example_segments"),
                    (profiles.title, "B4"): vocabularies()["profile_entries"]["jobs"][lang],
                    (profiles.title, "A5"): label("example_segments"), (profiles.title, "C5"): "pa1",
                    (profiles.title, "B5"): vocabularies()["profile_entries"]["pains"][lang],
                    (profiles.title, "D5"): label("example_pains"),
                    (relievers.title, "A4"): label("example_value_propositions"),
                    (relievers.title, "B4"): vocabularies()["fit_entries"]["pain_relievers"][lang]})
    prefer = {(other.title, "D4"), (other.title, "F5")}  # a resource's type, a revenue stream's segments
    view = View(blank_model(lang), lang, blank=True)
    typed = {}
    for (title, coordinate), kind in sorted(cells[f"blank-{lang}"].items(), key=lambda item: item[0] not in prefer):
        key = kind.guide_key(view)
        if isinstance(kind, K.Computed) or key in typed or (title, coordinate) in context:
            continue
        typed[key] = (title, coordinate, labels()[f"example_{kind.guide}"][lang].format(**kind.guide_params(view)))
    assert len(typed) >= 20
    for (title, coordinate), value in context.items():
        wb[title][coordinate] = value
    for title, coordinate, value in typed.values():
        wb[title][coordinate] = value
    wb.save(tmp_path / "examples.xlsx")
    reading = read(tmp_path / "examples.xlsx")
    places = {f"{title}!{coordinate}" for title, coordinate, _ in typed.values()}
    said = [str(p) for p in reading.problems + reading.warnings if p.place in places]
    assert not said


def test_a_blank_that_lost_its_settings_sheet_says_that_once(workbooks, tmp_path):
    """Without the record of what canvas wrote, the Instructions sheet is still canvas's own."""
    wb = load_workbook(workbooks["blank-en"])
    beside(role(wb, "overview"), "Title").value = "Coffee cart"
    del wb[role(wb, "settings").title]
    wb.save(tmp_path / "lost.xlsx")
    [warning] = import_workbook(tmp_path / "lost.xlsx").warnings
    assert "canvas's hidden settings sheet is not in this file" in str(warning)


def test_the_instructions_are_only_on_a_blank(workbooks):
    assert "canvas_instructions" not in load_workbook(workbooks["music-streaming-en-en"]).defined_names


# --- every field of the model has a place on the blank ---------------------------------------------

# Fields a student does not type, and why (README, "The workbook, both ways").
NOT_ON_THE_BLANK = {
    "version": "always 1",
    "meta.language": "the worksheet's own language",
    "meta.calendar": "how a report shows dates; a date is typed in either calendar",
    "meta.digits": "how a Persian report shows numbers",
    "brand": "a consultant's look (logo, colours), given to canvas build with --brand",
    "checks": "which checks canvas check leaves out: the teacher's choice",
}
# Kept on the hidden settings sheet, so a blank made from a model would bring them back unseen.
HIDDEN = ("brand", "checks", "custom_stages", "calendar", "digits")


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_every_field_of_the_model_can_be_typed_into_the_blank(lang, tmp_path):
    """The model with every field filled, written with the blank's layout (its input cells), is
    read back whole from what a student can type: each field but those NOT_ON_THE_BLANK comes
    back, and every value was read from an unlocked cell."""
    data = full_model(lang)
    data["journeys"][0]["stages"][1]["stage"] = data["custom_stages"][0]["id"]  # a stage of its own, used
    (tmp_path / "logo.png").write_bytes(PNG)
    (tmp_path / "full.yaml").write_text(dumps(data), "utf-8")
    model = canvas.load(tmp_path / "full.yaml")
    path = tmp_path / "full-blank.xlsx"
    path.write_bytes(render(View(model, lang, blank=True)))
    wb = load_workbook(path)
    plain = load_workbook_of_blank(lang, tmp_path)
    roles = lambda book: {n.rstrip("0123456789") for n in book.defined_names if n.startswith("canvas_")}  # noqa
    assert roles(wb) == roles(plain)  # the layout of `canvas blank`
    settings = role(wb, "settings")
    for row in settings.iter_rows():
        if row[0].value in HIDDEN:
            row[1].value = None
    used = {s.stage for j in model.journeys for s in j.stages}
    custom = {c.id: c for c in model.custom_stages if c.id in used}  # one no journey uses has no place
    assert custom
    wb.save(path)
    reading = read(path)
    assert not [str(p) for p in reading.problems]
    back = import_workbook(path).model
    want = project(dump(model), lang)
    got = dump(back)
    for field in NOT_ON_THE_BLANK:
        block, _, key = field.partition(".")
        for side in (want, got):
            if key:
                side[block].pop(key, None)
            else:
                side.pop(block, None)
    # a custom stage is typed as its name in a journey's stage row: it comes back with an id of its own
    renamed = {c["id"]: project(c["name"], lang) for c in got["custom_stages"]}
    assert sorted(renamed.values()) == sorted(project(dump(m), lang)["name"] for m in custom.values())
    for side, names in ((want, {i: project(dump(c), lang)["name"] for i, c in custom.items()}), (got, renamed)):
        side.pop("custom_stages", None)
        for journey in side["journeys"]:
            for stage in journey["stages"]:
                stage["stage"] = names.get(stage["stage"], stage["stage"])
    assert not differences(got, want)
    locked = [at for at in reading.where.values() if wb[at.rsplit("!", 1)[0]][at.rsplit("!", 1)[1]].protection.locked]
    assert not locked


def load_workbook_of_blank(lang, tmp_path):
    path = tmp_path / f"blank-{lang}.xlsx"
    path.write_bytes(blank_workbook(lang))
    return load_workbook(path)


def test_a_stage_of_ones_own_typed_in_a_blank_is_a_custom_stage(tmp_path):
    wb = load_workbook_of_blank("en", tmp_path)
    beside(role(wb, "overview"), "Title").value = "Coffee cart"
    wb[role(wb, "segments").title]["B4"] = "Students"
    journey = role(wb, "journey_1")
    persona = role(wb, "persona_1")
    beside(persona, "Name").value, beside(persona, "Segment").value = "Sara", "Students"
    cell = f"C{row_of(journey, 'Stage')}"
    journey[cell], journey[f"C{row_of(journey, 'Actions')}"] = "Referral", "Tells a friend"
    wb.save(tmp_path / "referral.xlsx")
    result = import_workbook(tmp_path / "referral.xlsx")
    [stage] = result.model.custom_stages
    assert (stage.id, stage.name.get("en")) == ("referral", "Referral")
    assert [s.stage for s in result.model.journeys[0].stages] == ["awareness", "referral", "evaluation", "purchase",
                                                                  "after_purchase", "loyalty"]
    assert [str(w).split("xlsx:")[1] for w in result.warnings] == [
        f"{journey.title}!{cell}: warning: 'Referral' is not a listed journey stage, so it became a stage of your own "
        "('referral'); to use a listed one, pick it from this cell's list"]


# --- formulas on an empty sheet, in a real spreadsheet program -----------------------------------

ERRORS = ("#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#N/A", "#NUM!", "#NULL!", "Err:")


@pytest.mark.slow
def test_no_formula_shows_an_error_or_a_zero_on_an_empty_sheet_in_libreoffice(tmp_path):
    """LibreOffice recalculates every formula of the blank (and of a funnel half filled in): none
    shows an error, and an empty sheet's computed cells are empty, not a misleading 0."""
    files = []
    for lang in ("fa", "en"):
        files.append(tmp_path / f"blank-{lang}.xlsx")
        files[-1].write_bytes(blank_workbook(lang, segments=8, personas=5))
    wb = load_workbook(files[-1])
    funnel = role(wb, "funnel")
    funnel["B4"], funnel["B5"], funnel["B7"] = 500, 200, 0  # a stage left out, one with nobody
    files.append(tmp_path / "half.xlsx")
    wb.save(files[-1])
    computed = {}
    for path in files:
        wb = load_workbook(path)
        computed[path.stem] = [(ws.title, c.coordinate) for ws in wb.worksheets for row in ws.iter_rows()
                               for c in row if c.data_type == "f"]
        assert len(computed[path.stem]) > 10
    for path in libreoffice(files, "xlsx", tmp_path / "lo"):
        values = load_workbook(path, data_only=True)
        shown = {(t, c): values[t][c].value for t, c in computed[path.stem]}
        assert not [f"{t}!{c}: {v}" for (t, c), v in shown.items() if any(str(v).startswith(e) for e in ERRORS)]
        if path.stem != "half":
            assert not [f"{t}!{c}: {v}" for (t, c), v in shown.items() if v not in (None, "")]
        else:
            funnel = role(values, "funnel")
            assert [funnel[f"C{r}"].value for r in range(4, 9)] == [0.4, None, None, None, None]
            assert [funnel[f"D{r}"].value for r in range(4, 9)] == [1, 0.4, None, 0, None]


# --- Gnumeric ---------------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_instructions_and_dropdowns_survive_gnumeric(workbooks, cells, lang, tmp_path):
    original = load_workbook(workbooks[f"blank-{lang}"])
    again = load_workbook(gnumeric(workbooks[f"blank-{lang}"], tmp_path))
    assert again.sheetnames[0] == original.sheetnames[0]
    assert instruction_rows(again) == instruction_rows(original)
    lost = [f"{title}!{coordinate}" for (title, coordinate), kind in cells[f"blank-{lang}"].items()
            if type(kind) in LISTED and not [dv for dv in validations(again[title], coordinate) if dv.type == "list"]]
    assert not lost
