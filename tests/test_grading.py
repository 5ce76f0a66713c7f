"""Rubrics, similar submissions and feedback workbooks, piece by piece (the whole classroom round
is tests/test_classroom.py)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from canvas.errors import InputError
from canvas.rubric import Rubric, is_rubric, load_rubric
from canvas.similar import MIN_TRIGRAMS, jaccard, pairs, trigrams
from conftest import ROOT


def readme_rubric() -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    section = text[text.index("#### Grading and feedback"):]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def test_the_readme_rubric_loads_and_scores_as_the_readme_says(tmp_path):
    path = tmp_path / "rubric.yaml"
    path.write_text(readme_rubric(), encoding="utf-8")
    rubric = load_rubric(path)
    assert rubric.out_of == 20 and rubric.weight("journeys") == 3 and rubric.weight("personas") == 1
    blocks = ["segments", "personas", "value_propositions", "channels", "relationships", "journeys", "funnel",
              "competitors", "revenue_streams", "key_resources", "key_activities", "key_partners", "cost_structure"]
    full = {b: 1.0 for b in blocks}
    assert rubric.score(full, []) == 20
    # six stages without emotion: the journeys block (weight 3 of 16) is empty, and 6 × 0.5 off
    assert rubric.score({**full, "journeys": 0.0}, [("C503", "warning")] * 6) == 13.25
    # any other warning costs 0.25, a note nothing, a cell not read 1
    assert rubric.score(full, [("C101", "warning"), ("C901", "info")], unread=2) == 17.75
    assert rubric.score({b: 0.0 for b in blocks}, [("C101", "warning")]) == 0  # never below 0


@pytest.mark.parametrize("text, expected", [
    ("blocks:\n  segmnts: 2\n", "rubric.yaml:2:3: unknown block 'segmnts'; the blocks are: segments, personas"),
    ("findings:\n  C999: 1\n", "rubric.yaml:2:3: 'C999' is neither a check code nor a severity; use one of: C101"),
    ("findings:\n  warning: -1\n", "rubric.yaml:2:12: 'warning' cannot be negative; write 0 or more"),
    ("out_of: lots\n", "rubric.yaml:1:9: 'out_of' must be a positive number (e.g. 2)"),
    ("out_of: 20\nweights: {}\n", "rubric.yaml:2:1: unknown key 'weights'; a rubric has: out_of, blocks, findings"),
    ("blocks:\n" + "".join(f"  {b}: 0\n" for b in ("segments", "personas", "value_propositions", "channels",
     "relationships", "journeys", "funnel", "competitors", "revenue_streams", "key_resources", "key_activities",
     "key_partners", "cost_structure")), "rubric.yaml:1:1: every block weighs 0"),
])
def test_a_rubric_mistake_is_named_at_its_line(tmp_path, monkeypatch, text, expected):
    monkeypatch.chdir(tmp_path)
    Path("rubric.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_rubric("rubric.yaml")
    assert str(error.value).startswith(expected), str(error.value)


def test_a_bad_rubric_stops_the_summary_before_the_work(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("rubric.yaml").write_text("blocks:\n  segmnts: 2\n", encoding="utf-8")
    (tmp_path / "class").mkdir()
    result = cli("summary", "class", "--rubric", "rubric.yaml", "-o", "class.xlsx")
    assert result.exit_code == 2 and "rubric.yaml:2:3: unknown block 'segmnts'" in result.output
    assert not Path("class.xlsx").exists()
    result = cli("feedback", "class", "--rubric", "rubric.yaml", "-o", "fb")
    assert result.exit_code == 2 and not Path("fb").exists()


def test_a_rubric_is_told_from_a_model(tmp_path):
    (tmp_path / "r.yaml").write_text(readme_rubric(), encoding="utf-8")
    assert is_rubric(tmp_path / "r.yaml")
    assert not is_rubric(ROOT / "samples" / "bank-fa.yaml")


def test_trigrams_fold_what_names_fold():
    assert trigrams(["Free music  for EVERYONE"]) == {"free music for", "music for everyone"}
    # Arabic yeh and kaf, Persian digits: as a student may type them
    assert trigrams(["كتاب ي ۱۲ تا"]) == trigrams(["کتاب ی 12 تا"])


def test_pairs_flags_a_copy_not_strangers_nor_empty_sheets():
    words = [f"w{i}" for i in range(200)]
    ali = trigrams([" ".join(words[:60])])
    copy = trigrams([" ".join(words[:55] + ["x", "y", "z", "v", "u"])])
    stranger = trigrams([" ".join(words[100:160])])
    empty = trigrams(["a b c"])
    assert jaccard(ali, copy) > 0.8 and jaccard(ali, stranger) == 0
    found = pairs({"ali": ali, "copy": copy, "stranger": stranger, "empty": empty, "empty2": set(empty)})
    assert [(a, b) for a, b, _ in found] == [("ali", "copy")]
    assert len(empty) < MIN_TRIGRAMS  # two untouched sheets are never "similar"


def test_text_most_of_a_class_shares_is_left_out():
    given = [f"given{i}" for i in range(100)]  # a case study the teacher pasted into every sheet
    own = {f"s{n}": trigrams([" ".join(given)] + [" ".join(f"s{n}w{i}" for i in range(30))]) for n in range(10)}
    assert pairs(own) == []
    assert len(pairs(dict(list(own.items())[:3]))) == 3  # in a class of three, nothing is taken as given


def test_feedback_is_the_same_bytes_each_time_and_replaces_only_its_own(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "class").mkdir()
    model = (ROOT / "samples" / "music-streaming-en.yaml").read_text("utf-8")
    Path("class/ali.yaml").write_text(model.replace("emotion: 2", "emotion:"), encoding="utf-8")
    result = cli("feedback", "class", "-o", "fb")
    assert result.exit_code == 0, result.output
    first = Path("fb/ali.feedback.xlsx").read_bytes()
    assert cli("feedback", "class", "-o", "fb").exit_code == 0  # its own output: replaced
    assert Path("fb/ali.feedback.xlsx").read_bytes() == first
    wb = load_workbook("fb/ali.feedback.xlsx")
    wb["Feedback"]["A1"] = "my notes"
    wb.save("fb/ali.feedback.xlsx")
    result = cli("feedback", "class", "-o", "fb")
    assert result.exit_code == 2 and "was not written by canvas" in result.output
    # a feedback folder inside the class folder is not taken for hand-ins
    assert cli("feedback", "class", "-o", "class/fb").exit_code == 0
    result = cli("summary", "class", "-o", "class.xlsx")
    assert "1 files: 0 OK, 1 with warnings, 0 with errors, 0 unreadable" in result.output, result.output


def test_every_workbook_hint_is_said_in_both_languages():
    from canvas.checks import definitions

    told = {code: d["sheet_hint"] for code, d in definitions().items() if "sheet_hint" in d}
    assert len(told) >= 14
    for code, hint in told.items():
        assert set(hint) == {"fa", "en"} and all(hint.values()), code
        assert ": " not in hint["en"].split(" ", 1)[0]  # not a YAML key to type


def test_every_rubric_mistake_at_once_and_as_a_persian_teacher_types(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("r.yaml").write_text("out_of: 0\nblocks:\n  journeys: three\n  segmnts: 2\nfindings:\n  C999: 1\n"
                              "  warning: -1\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_rubric("r.yaml")
    said = [f"{p.line}: {p.message.split(' ')[0]}" for p in error.value.problems]
    assert said == ["1: 'out_of'", "3: 'journeys'", "4: unknown", "6: 'C999'", "7: 'warning'"], said
    Path("fa.yaml").write_text("out_of: ۲۰\nfindings:\n  note: ۰٫۵\n", encoding="utf-8")
    rubric = load_rubric("fa.yaml")
    assert rubric.out_of == 20 and rubric.cost("C901", "info") == 0.5  # 'note' is what the checks call info


def test_a_feedback_workbook_handed_in_again_imports_without_its_feedback_sheet(cli, tmp_path, monkeypatch):
    from canvas.workbook import import_workbook

    monkeypatch.chdir(tmp_path)
    (tmp_path / "class").mkdir()
    model = (ROOT / "samples" / "music-streaming-en.yaml").read_text("utf-8")
    Path("class/ali.yaml").write_text(model.replace("emotion: 2", "emotion:"), encoding="utf-8")
    assert cli("feedback", "class", "-o", "fb").exit_code == 0
    again = import_workbook("fb/ali.feedback.xlsx")
    assert again.warnings == []  # the Feedback sheet is canvas's, not the student's
    # and a teacher's summary in the class folder, annotated since, is still not a hand-in
    assert cli("summary", "class", "-o", "class/summary.xlsx").exit_code == 0
    wb = load_workbook("class/summary.xlsx")
    wb.active["A1"] = "Checked on Monday"
    wb.save("class/summary.xlsx")
    result = cli("summary", "class", "-o", "class/summary2.xlsx")
    assert "1 files: 0 OK, 1 with warnings, 0 with errors, 0 unreadable" in result.output, result.output


def test_a_mistyped_proposition_on_the_map_is_said_and_a_type_on_revenue_is_not_fatal(cli, tmp_path, built):
    from canvas.workbook import import_workbook

    wb = load_workbook(built["music-streaming-en"]["xlsx"])
    value_map = wb["Propositions × segments"]
    value_map["A4"], value_map["B4"] = None, "Free music for everyon"
    others = wb["Other canvas blocks"]
    row = next(r for r in range(4, others.max_row + 1) if others.cell(row=r, column=1).value == "Revenue streams")
    others.cell(row=row, column=4).value = "Usage fee"  # the Type column: resources and costs have one
    wb.save(tmp_path / "typed.xlsx")
    imported = import_workbook(tmp_path / "typed.xlsx")
    said = [str(w) for w in imported.warnings]
    assert any("!B4: warning: 'Free music for everyon' is not on the sheet 'Value propositions'" in w and
               "if you meant 'Free music for everyone'" in w for w in said), said
    assert any(f"!D{row}: warning: the block 'Revenue streams' has no 'Type'" in w for w in said), said


@pytest.mark.parametrize("lang, said", [("en", "the worksheet is empty: nothing was filled in"),
                                        ("fa", "کارپوشه خالی است: هیچ خانه‌ای پر نشده")])
def test_an_untouched_worksheet_is_said_to_be_empty(tmp_path, lang, said):
    from canvas.blank import blank_workbook
    from canvas.workbook import import_workbook

    path = tmp_path / "w.xlsx"
    path.write_bytes(blank_workbook(lang))
    with pytest.raises(InputError) as error:
        import_workbook(path)
    [problem] = error.value.problems
    assert problem.message.startswith(said) and problem.place.endswith("!B4")
