"""canvas import: built workbooks come back as the same model; edits are read; mistakes point at
their cell; the YAML reads like a hand-written file; batches go on past bad files."""
from __future__ import annotations

import zipfile

import pytest
from openpyxl import Workbook, load_workbook

import canvas
from canvas.errors import InputError
from canvas.workbook import import_workbook
from canvas.loader import loads
from canvas.yaml_out import dumps
from conftest import SAMPLES


def same(a, b) -> bool:
    return a.model_dump(mode="json") == b.model_dump(mode="json")


from sheets import role as sheet_of, row_of


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.stem)
def test_build_import_build_gives_the_same_model_and_bytes(tmp_path, sample):
    [xlsx] = canvas.build(sample, tmp_path / "a", formats=["xlsx"])
    imported = import_workbook(xlsx)
    data = imported.data
    model = imported.model
    assert same(model, canvas.load(sample))
    again = loads(dumps(data), "again.yaml")  # through the YAML text too
    assert same(again, model)
    [xlsx2] = canvas.build(again, tmp_path / "b", formats=["xlsx"], name=sample.stem)
    assert xlsx2.read_bytes() == xlsx.read_bytes()


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("into", [False, True])
def test_bilingual_sample_round_trips_in_either_language(tmp_path, lang, into):
    """The workbook shows one language; the other comes back from the hidden copy (or --into)."""
    sample = next(s for s in SAMPLES if s.stem == "learning-fa")
    [xlsx] = canvas.build(sample, tmp_path, formats=["xlsx"], lang=lang)
    imported = import_workbook(xlsx, into=sample if into else None)
    model = imported.model
    assert same(model, canvas.load(sample))


def test_into_updates_the_workbook_language_and_keeps_the_other(tmp_path):
    sample = next(s for s in SAMPLES if s.stem == "learning-fa")
    [xlsx] = canvas.build(sample, tmp_path, formats=["xlsx"], lang="en")
    wb = load_workbook(xlsx)
    ws = wb["Customer segments"]
    assert ws["B4"].value == "University students"
    ws["B4"] = "Undergraduates"
    wb.save(xlsx)
    imported = import_workbook(xlsx)
    data = imported.data
    model = imported.model  # the hidden copy of the model keeps the Persian
    name = model.segments[0].name
    assert (name.en, name.fa) == ("Undergraduates", "دانشجویان")
    assert data["segments"][0]["name"] == {"fa": "دانشجویان", "en": "Undergraduates"}


def test_edits_a_client_made_are_read(tmp_path):
    sample = next(s for s in SAMPLES if s.stem == "music-streaming-en")
    [xlsx] = canvas.build(sample, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    wb["Customer segments"]["B4"] = "Listeners on the free tier"
    journey = sheet_of(wb, "canvas_journey_1")
    journey[f"C{row_of(journey, 'Emotion score')}"] = -2  # interest: emotion
    channels = wb["Channel matrix"]
    channels.append(["podcasts", "Podcasts", "Internet", "●", None, None, None, None, 2, None, None, None, "Shows"])
    wb.save(xlsx)
    imported = import_workbook(xlsx)
    model = imported.model
    assert model.segments[0].name.get("en") == "Listeners on the free tier"
    assert model.journeys[0].stages[1].emotion == -2
    podcasts = model.channels[-1]
    assert (podcasts.id, podcasts.category, podcasts.phases, podcasts.serves) == (
        "podcasts", "internet", ["awareness"], {"free_listeners": 2})
    # references by name follow the renamed segment
    assert model.personas[0].segment == "free_listeners"


def _broken(tmp_path, edit):
    sample = next(s for s in SAMPLES if s.stem == "music-streaming-en")
    [xlsx] = canvas.build(sample, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    edit(wb)
    wb.save(xlsx)
    with pytest.raises(InputError) as error:
        import_workbook(xlsx)
    return [str(p) for p in error.value.problems], xlsx


def test_a_word_where_a_score_belongs_names_the_cell(tmp_path):
    def edit(wb):
        journey = sheet_of(wb, "canvas_journey_1")
        journey[f"C{row_of(journey, 'Emotion score')}"] = "great"
    problems, xlsx = _broken(tmp_path, edit)
    assert problems == [f"{xlsx}:Customer journey - Lena from…!C16: 'great' is not a number; type a whole number "
                        "from -2 to 2, or one of: Very negative, Negative, Neutral, Positive, Very positive"]


def test_a_score_out_of_range_names_the_cell(tmp_path):
    def edit(wb):
        journey = sheet_of(wb, "canvas_journey_1")
        journey[f"D{row_of(journey, 'Emotion score')}"] = 7
    problems, xlsx = _broken(tmp_path, edit)
    assert problems == [f"{xlsx}:Customer journey - Lena from…!D16: '7' is out of range: 'Emotion score' must be "
                        "from -2 to 2"]


def test_unknown_names_formulas_and_vocabulary_are_reported_together(tmp_path):
    def edit(wb):
        wb["Customer relationships"]["A4"] = "Martians"
        wb["Customer relationships"]["B5"] = "Telepathy"
        wb["Sales funnel"]["B5"] = "=B4*2"
    problems, xlsx = _broken(tmp_path, edit)
    assert f"{xlsx}:Customer relationships!A4: unknown segment 'Martians'" in problems[0] or any(
        p.startswith(f"{xlsx}:Customer relationships!A4: unknown segment 'Martians'") for p in problems)
    assert any(p.startswith(f"{xlsx}:Customer relationships!B5: 'Telepathy' is not one of:") for p in problems)
    assert f"{xlsx}:Sales funnel!B5: holds a formula; type the value itself (canvas does not run formulas)" in problems


def test_files_that_are_not_canvas_workbooks(tmp_path):
    text = tmp_path / "notes.xlsx"
    text.write_text("hello", "utf-8")
    with pytest.raises(InputError, match="not an .xlsx workbook"):
        import_workbook(text)
    other = tmp_path / "other.xlsx"
    Workbook().save(other)
    with pytest.raises(InputError, match="not made by canvas"):
        import_workbook(other)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"0" * 80_000_000)
    with pytest.raises(InputError, match="zip bomb|unpacks to"):
        import_workbook(bomb)


def test_yaml_reads_like_a_hand_written_file(tmp_path):
    sample = next(s for s in SAMPLES if s.stem == "bank-fa")
    [xlsx] = canvas.build(sample, tmp_path, formats=["xlsx"])
    imported = import_workbook(xlsx)
    data = imported.data
    text = dumps(data)
    top = [line.split(":")[0] for line in text.splitlines() if line and not line.startswith((" ", "-", "#"))]
    assert top[:5] == ["version", "meta", "segments", "personas", "value_propositions"]
    assert "\n\nsegments:\n" in text  # a blank line between blocks
    assert "    phases: [awareness, purchase, after_sales]" in text  # short lists inline
    assert "    concerns:\n      - سرعت در گشایش اعتبار و پرداخت‌های ارزی" in text  # long ones one per line
    assert "date: 1403/07/15" in text  # as it was written, not as it was shown
    assert "مشتریان حقوقی" in text  # text as is, not \\u escapes


def test_cli_import_single_file_refuses_to_overwrite(cli, tmp_path):
    sample = SAMPLES[0]
    [xlsx] = canvas.build(sample, tmp_path, formats=["xlsx"])
    result = cli("import", xlsx)
    assert result.exit_code == 0 and (tmp_path / f"{sample.stem}.yaml").exists()
    again = cli("import", xlsx)
    assert again.exit_code == 2 and "already exists; add --force" in again.stderr
    assert cli("import", xlsx, "--force").exit_code == 0
    assert cli("validate", tmp_path / f"{sample.stem}.yaml").exit_code == 0


def test_cli_import_folder_goes_on_past_a_bad_workbook(cli, tmp_path):
    for sample in SAMPLES:
        canvas.build(sample, tmp_path / "in", formats=["xlsx"])
    (tmp_path / "in" / "broken.xlsx").write_bytes(b"not a zip")
    result = cli("import", tmp_path / "in", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "1 of 4 files failed:" in result.stderr
    assert f"{tmp_path / 'in' / 'broken.xlsx'}: not an .xlsx workbook" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f"{s.stem}.yaml" for s in SAMPLES)


def test_a_reordered_row_keeps_its_own_translation_not_its_neighbours(tmp_path):
    model = canvas.loads("version: 1\nmeta: {title: T, language: en}\n"
                         "segments: [{id: a, name: A}, {id: b, name: B}]\n"
                         "relationships:\n"
                         "  - {segment: a, type: self_service, tactics: [{en: Newsletter, fa: خبرنامه}]}\n"
                         "  - {segment: b, type: communities, tactics: [{en: Forum, fa: انجمن}]}\n")
    [xlsx] = canvas.build(model, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    ws = wb["Customer relationships"]
    first, second = [[c.value for c in row] for row in ws.iter_rows(min_row=4, max_row=5)]
    for col, value in enumerate(second, start=1):
        ws.cell(row=4, column=col, value=value)
    for col, value in enumerate(first, start=1):
        ws.cell(row=5, column=col, value=value)
    ws["E5"] = "Weekly newsletter"  # edited in English
    wb.save(xlsx)
    imported = import_workbook(xlsx)
    back = imported.model
    forum, newsletter = back.relationships  # matched by segment and type, not by row
    assert (forum.segment, forum.tactics[0].en, forum.tactics[0].fa) == ("b", "Forum", "انجمن")
    # edited in English: the Persian of the text it replaced stays, to be revised in a Persian build
    assert (newsletter.tactics[0].en, newsletter.tactics[0].fa) == ("Weekly newsletter", "خبرنامه")
