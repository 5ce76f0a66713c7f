"""Every field of the model survives the workbook: build -> import gives the same model, in either
language, from the visible sheets alone, and after LibreOffice (.xlsx and .ods) and Gnumeric
re-save the file. The model is made by walking the pydantic model (tests/modelgen.py), so a
field added later is covered without touching these tests."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from openpyxl import load_workbook

import canvas
from canvas import dates
from canvas.workbook import import_workbook
from canvas.view import labels
from canvas.workbook.sheets.matrix import WIDEST
from modelgen import ENTRIES, PNG, Filler, fields_of, full_model, write_model
from programs import gnumeric, libreoffice
from sheets import at, beside, role

# Kept only on the hidden settings sheet (README: "What the workbook holds"): not shown on a
# visible sheet, so a workbook that lost its settings loses them.
SETTINGS_ONLY = ("brand", "custom_stages")


def dump(model) -> dict:
    return model.model_dump(mode="json")


def project(value, lang: str):
    """The model as a one-language workbook shows it: each text in `lang` only."""
    if isinstance(value, dict):
        if value and set(value) <= {"fa", "en"} and all(isinstance(v, str) for v in value.values()):
            return value.get(lang) or next(iter(value.values()))
        return {k: project(v, lang) for k, v in value.items()}
    if isinstance(value, list):
        return [project(v, lang) for v in value]
    return value


def differences(a: dict, b: dict) -> list[str]:
    return [f"{k}:\n  got  {json.dumps(a.get(k), ensure_ascii=False)[:400]}\n  want "
            f"{json.dumps(b.get(k), ensure_ascii=False)[:400]}" for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    """{(model language, workbook language): (model, workbook)} of the full model."""
    out = tmp_path_factory.mktemp("full")
    result = {}
    for model_lang in ("fa", "en"):
        source = write_model(out / model_lang, model_lang)
        model = canvas.load(source)
        for lang in ("fa", "en"):
            [xlsx] = canvas.build(source, out / model_lang / lang, formats=["xlsx"], lang=lang,
                                  name=f"full-{model_lang}-{lang}")
            result[(model_lang, lang)] = (model, xlsx)
    return result


def test_the_generated_model_fills_every_field(tmp_path):
    model = canvas.load(write_model(tmp_path, "fa"))
    assert model.model_dump(mode="json", exclude_none=True) == model.model_dump(mode="json")  # no None left
    filled = json.dumps(full_model("fa"), ensure_ascii=False)
    for path in fields_of():
        assert f'"{path.rsplit(".", 1)[-1]}"' in filled, path


@pytest.mark.parametrize("model_lang", ["fa", "en"])
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_every_field_round_trips(full, model_lang, lang):
    model, xlsx = full[(model_lang, lang)]
    imported = import_workbook(xlsx)
    assert not imported.warnings
    assert not differences(dump(imported.model), dump(model))


@pytest.mark.parametrize("model_lang", ["fa", "en"])
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_every_field_is_read_from_the_visible_sheets(full, model_lang, lang, tmp_path):
    """Without the hidden copy of the model, each field still comes back (in the workbook's
    language): none of them is kept only where a person cannot see and edit it."""
    model, xlsx = full[(model_lang, lang)]
    wb = load_workbook(xlsx)
    settings = wb[wb.defined_names["canvas_settings"].attr_text.split("!")[0].strip("'")]
    for row in settings.iter_rows():
        if str(row[0].value).startswith("model_json"):
            row[0].value = row[1].value = None
    wb.save(tmp_path / "visible.xlsx")
    imported = import_workbook(tmp_path / "visible.xlsx")
    want = project(dump(model), lang)
    for key in SETTINGS_ONLY:
        want[key] = dump(model)[key]
    assert not differences(dump(imported.model), want)


@pytest.fixture(scope="module")
def resaved(full, tmp_path_factory):
    """The full model's workbooks as LibreOffice (.xlsx, .ods) and Gnumeric saved them."""
    out = tmp_path_factory.mktemp("resaved")
    originals = [full[("fa", lang)][1] for lang in ("fa", "en")]
    files = {}
    for fmt in ("xlsx", "ods"):
        for lang, path in zip(("fa", "en"), libreoffice(originals, fmt, out / f"lo-{fmt}")):
            files[(f"libreoffice-{fmt}", lang)] = path
    for lang, path in zip(("fa", "en"), originals):
        files[("gnumeric", lang)] = gnumeric(path, out / f"gnumeric-{lang}")
    return files


@pytest.mark.parametrize("program", ["libreoffice-xlsx", "libreoffice-ods", "gnumeric"])
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_workbook_resaved_by_a_spreadsheet_program_imports_the_same(full, resaved, program, lang):
    model, _ = full[("fa", lang)]
    imported = import_workbook(resaved[(program, lang)])
    assert [str(w) for w in imported.warnings] == []
    assert not differences(dump(imported.model), dump(model))


# --- dates and numbers in every language, calendar and digits canvas writes ---------------------

@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("calendar", ["jalali", "gregorian"])
@pytest.mark.parametrize("digits", ["persian", "latin"])
def test_a_date_edited_in_the_format_canvas_wrote_reads_back(tmp_path, lang, calendar, digits):
    model = canvas.loads(f"version: 1\nmeta: {{title: T, language: fa, date: 2024-10-06, calendar: {calendar}, "
                         f"digits: {digits}}}\nsegments: [{{id: s, name: S, size: 1234567}}]\n")
    [xlsx] = canvas.build(model, tmp_path, formats=["xlsx"], lang=lang)
    wb = load_workbook(xlsx)
    ws = wb.worksheets[0]
    cell = next(ws.cell(row=r, column=2) for r in range(1, ws.max_row + 1)
                if ws.cell(row=r, column=1).value in ("Date", "تاریخ"))
    persian = lang == "fa" and digits == "persian"
    assert cell.value == dates.show(dt.date(2024, 10, 6), lang, calendar, persian)
    assert imported_date(xlsx) == "2024-10-06"
    cell.value = dates.show(dt.date(2024, 10, 7), lang, calendar, persian)  # the next day, typed alike
    wb.save(xlsx)
    assert imported_date(xlsx) == "2024-10-07"
    assert import_workbook(xlsx).model.segments[0].size == 1234567


def imported_date(path) -> str:
    return import_workbook(path).model.meta.date.gregorian.isoformat()


# --- the other language survives edits ---------------------------------------------------------

def texts(value, out=None) -> list[dict]:
    """Every {fa, en} text of a model dump."""
    out = [] if out is None else out
    if isinstance(value, dict):
        if value and set(value) <= {"fa", "en"}:
            out.append(value)
        else:
            for v in value.values():
                texts(v, out)
    elif isinstance(value, list):
        for v in value:
            texts(v, out)
    return out


def test_edits_in_one_language_give_no_text_another_texts_translation(full, tmp_path):
    """Lines deleted, reordered and inserted, rows sorted, moved to another block, stage columns
    deleted, a type or a motivation changed: each text keeps its own translation."""
    model, xlsx = full[("fa", "en")]
    wb = load_workbook(xlsx)
    persona = role(wb, "persona_1")
    hobbies = beside(persona, "Hobbies")
    hobbies.value = "\n".join(hobbies.value.split("\n")[1:])  # the first hobby deleted
    goals = beside(persona, "Goals")
    goals.value = "\n".join(reversed(goals.value.split("\n")))  # reordered
    segments = wb["Customer segments"]
    concerns = at(segments, "Concerns", 4)
    concerns.value = concerns.value.replace("\n", "\n• A concern typed in English\n")  # inserted
    other = wb["Other canvas blocks"]
    rows = [[c.value for c in row] for row in other.iter_rows(min_row=4, max_row=other.max_row)]
    rows.reverse()  # sorted the other way
    for r, values in enumerate(rows, start=4):
        for c, value in enumerate(values, start=1):
            other.cell(row=r, column=c).value = value
    cost = next(r for r in range(4, other.max_row + 1) if other.cell(row=r, column=1).value == "Cost structure")
    at(other, "Type", cost).value = "Fixed"
    revenue = next(r for r in range(4, other.max_row + 1) if other.cell(row=r, column=1).value == "Revenue streams")
    at(other, "Block", revenue).value = "Key partners"  # moved to another block (a partner has no pricing)
    at(other, "Pricing", revenue).value = at(other, "Customer segments", revenue).value = None
    relationships = wb["Customer relationships"]
    at(relationships, "Motivations", 4).value = "Customer retention"
    journey = role(wb, "journey_1")
    header = next(r for r in range(1, 20) if journey.cell(row=r, column=1).value == "Stage")
    called = journey.cell(row=header + 1, column=3).value  # the stage's name in this journey
    assert journey.cell(row=header + 1, column=1).value == "Name in this journey"
    for row in range(header, journey.max_row + 1):  # the second stage's column emptied (deleted)...
        journey.cell(row=row, column=3).value = None
    metrics = role(wb, "stage_metrics")
    for row in range(4, metrics.max_row + 1):  # ...and its metrics with it
        if metrics.cell(row=row, column=2).value == called:
            for col in range(1, metrics.max_column + 1):
                metrics.cell(row=row, column=col).value = None
    wb.save(tmp_path / "edited.xlsx")
    back = import_workbook(tmp_path / "edited.xlsx").model.model_dump(mode="json")
    translation = {t["en"]: t.get("fa") for t in texts(model.model_dump(mode="json")) if "en" in t}
    wrong = [t for t in texts(back) if t.get("en") in translation and t.get("fa") != translation[t["en"]]]
    assert not wrong
    assert {"en": "A concern typed in English"} in back["segments"][0]["concerns"]
    kept = [t["en"] for t in texts(back) if "en" in t]
    assert hobbies.value.split("\n")[0].lstrip("• ") in kept


# --- a model with more segments than a matrix shows as columns --------------------------------

class ManySegments(Filler):
    def count(self, path: tuple) -> int:
        return WIDEST + 1 if path == ("segments",) else 3 if path[-1:] == ("serves",) else ENTRIES


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_wide_matrices_are_lists_that_round_trip(tmp_path, lang):
    """Past WIDEST segments the value map lists each proposition's segments and the channel
    matrix each channel's strengths ('segment: strength'), instead of a column per segment (past
    16,384 segments the columns ran beyond Excel's last, past 18,278 the build crashed). Import
    reads the lists back: the round trip stays exact, from the visible sheets too."""
    from canvas.yaml_out import dumps

    (tmp_path / "logo.png").write_bytes(PNG)
    source = tmp_path / "wide.yaml"
    source.write_text(dumps(full_model("fa", ManySegments("fa"))), "utf-8")
    model = canvas.load(source)
    [xlsx] = canvas.build(source, tmp_path / "out", formats=["xlsx"], lang=lang)
    wb = load_workbook(xlsx)
    for name in ("canvas_value_map", "canvas_channels"):
        assert wb[wb.defined_names[name].attr_text.split("!")[0].strip("'")].max_column < WIDEST
    imported = import_workbook(xlsx)
    assert not imported.warnings
    assert not differences(dump(imported.model), dump(model))
    settings = wb[wb.defined_names["canvas_settings"].attr_text.split("!")[0].strip("'")]
    for row in settings.iter_rows():
        if str(row[0].value).startswith("model_json"):
            row[0].value = row[1].value = None
    channels = wb[wb.defined_names["canvas_channels"].attr_text.split("!")[0].strip("'")]
    strengths = next(c for c in channels[3] if c.value == labels()["strength"][lang])
    first = channels.cell(4, strengths.column)
    first.value = first.value.split("\n")[0].lstrip("• ").rsplit(":", 1)[0] + ": 3"  # an edit: one line, strong
    wb.save(tmp_path / "edited.xlsx")
    imported = import_workbook(tmp_path / "edited.xlsx")
    want = project(dump(model), lang)
    for key in SETTINGS_ONLY:
        want[key] = dump(model)[key]
    want["channels"][0]["serves"] = {next(iter(model.channels[0].serves)): 3}
    assert not differences(dump(imported.model), want)
