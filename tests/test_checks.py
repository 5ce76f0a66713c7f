"""Model checks: each one fires on a model made to trigger it and stays silent on a clean one;
the samples pass --strict; the CLI prints positions, JSON and exit codes."""
from __future__ import annotations

import json

import pytest

import canvas
from canvas.checks import CHECKS, definitions, run
from conftest import SAMPLES

# A small model no check complains about.
CLEAN = """version: 1
meta: {title: Clean, language: en}
segments:
  - {id: s, name: Students, concerns: [Price], pains: [{id: fee, text: High fees, importance: high}], gains: [{id: save, text: Savings}]}
personas:
  - {id: p, segment: s, name: Lena}
value_propositions:
  - {id: vp, name: Cheap plan, segments: [s], values: {functional: [Low price]}, pain_relievers: [{text: No fees, pains: [fee]}], gain_creators: [{text: Cashback, gains: [save]}]}
channels:
  - {id: app, name: App, category: mobile, serves: {s: 3}}
relationships:
  - {segment: s, type: self_service}
journeys:
  - id: j
    persona: p
    stages:
      - {stage: awareness, emotion: 1, touchpoints: [app], pain_points: [a]}
      - {stage: interest, emotion: 1, touchpoints: [App], pain_points: [b]}
      - {stage: evaluation, emotion: 0, touchpoints: [app], pain_points: [c]}
      - {stage: purchase, emotion: 2, touchpoints: [app], pain_points: [d]}
      - {stage: after_purchase, emotion: -1, touchpoints: [app], pain_points: [e]}
      - {stage: loyalty, emotion: 2, touchpoints: [app], pain_points: [f]}
funnel:
  stages: [{stage: visitors, count: 100}, {stage: customers, count: 10}]
competitors:
  - {id: c, name: Rival, markets: [{segment: s, share: 40}]}
revenue_streams: [{name: Subscriptions}]
key_resources: [{name: Catalogue}]
key_activities: [{name: Curating}]
key_partners: [{name: Labels}]
cost_structure: [{name: Royalties}]
"""

# code -> (text replaced in CLEAN, replacement, expected line of the finding)
TRIGGERS = {
    "C101": ("segments: [s], values", "segments: [], values", 4),
    "C102": ("serves: {s: 3}", "serves: {s: 0}", 4),
    "C104": ("pains: [fee]}]", "pains: []}]", 4),
    "C105": ("name: Students, concerns", "name: Students, tam: 100, sam: 200, som: 50, concerns", 4),
    "C106": ("name: Students, concerns",
             "name: Students, economics: {price: 10, purchases: 1, gross_margin: 50, cac: 100, churn: 50}, concerns", 4),
    "C103": ("relationships:\n  - {segment: s, type: self_service}\n", "relationships: []\n", 4),
    "C201": ("segments: [s], values", "segments: [], values", 8),
    "C202": ("values: {functional: [Low price]}", "values: {}", 8),
    "C203": ("pains: [fee]}]", "pains: []}]", 8),
    "C204": ("gains: [save]}]", "gains: []}]", 8),
    "C301": ("serves: {s: 3}", "serves: {}", 10),
    "C401": ("    persona: p\n", "    segment: s\n", 6),
    "C501": ("      - {stage: evaluation, emotion: 0, touchpoints: [app], pain_points: [c]}\n", "", 14),
    "C502": ("{stage: interest, emotion: 1, touchpoints: [App]", "{stage: interest, emotion: 1, touchpoints: []", 18),
    "C503": ("{stage: evaluation, emotion: 0,", "{stage: evaluation,", 19),
    "C504": ("pain_points: [d]", "pain_points: []", 20),
    "C505": ("touchpoints: [app], pain_points: [e]", "touchpoints: [apps], pain_points: [e]", 21),
    "C506": ("{stage: after_purchase, emotion: -1,", "{stage: after_purchase, moment_of_truth: true, emotion: -1,", 21),
    "C507": ("pain_points: [d]}", "pain_points: [d], metrics: [{metric: csat, value: 3, target: 4}]}", 20),
    "C508": ("pain_points: [f]}", "pain_points: [f], frontstage: [Chat]}", 17),
    "C601": ("{stage: customers, count: 10}", "{stage: customers, count: 120}", 24),
    "C701": ("share: 40}", "share: 40}, {segment: s, share: 70}", 4),
    "C801": ("key_partners: [{name: Labels}]\n", "", 1),
    "C903": ("key_partners: [{name: Labels}]", "key_partners: [{name: Labels, importance: high, confidence: low}]", 30),
    "C902": ("concerns: [Price]", "concerns: [The price is high, but fair]", 4),
}


def findings(text, **kwargs):
    return run(canvas.loads(text, "m.yaml"), **kwargs).findings


def test_the_clean_model_has_no_finding():
    assert findings(CLEAN) == []
    report = run(canvas.loads(CLEAN))
    assert report.overall == 1.0


def test_every_check_is_registered_described_and_tested():
    assert set(CHECKS) == set(definitions())
    assert set(TRIGGERS) | {"C901"} == set(CHECKS)
    for code, entry in definitions().items():
        for part in ("message", "hint"):
            assert set(entry[part]) == {"fa", "en"}, code
        assert entry["severity"] in ("warning", "info")


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_each_check_fires_where_the_problem_is(code):
    old, new, line = TRIGGERS[code]
    assert old in CLEAN
    found = [f for f in findings(CLEAN.replace(old, new)) if f.code == code]
    assert found, code
    assert found[0].line == line
    for lang in ("fa", "en"):
        assert found[0].message(lang) and found[0].hint(lang)
        assert "{" not in found[0].message(lang)


def test_messages_name_the_things_in_the_output_language():
    model = CLEAN.replace("      - {stage: evaluation, emotion: 0, touchpoints: [app], pain_points: [c]}\n", "")
    model = model.replace("      - {stage: interest, emotion: 1, touchpoints: [App], pain_points: [b]}\n", "")
    [f] = [f for f in findings(model) if f.code == "C501"]
    assert f.message("en") == "journey 'Lena' skips the core stages: Interest & attention, Evaluation of alternatives"
    assert f.message("fa") == "سفر «Lena» این مراحل اصلی را ندارد: علاقه و توجه، ارزیابی گزینه‌ها"


# A journey told in stages of its own (a driver's), with free-text touchpoints: complete as it is.
CUSTOM = CLEAN.replace("segments:\n", "custom_stages:\n  - {id: signup, name: Sign-up}\n"
                       "  - {id: first_ride, name: First ride}\nsegments:\n", 1)
CUSTOM = CUSTOM[:CUSTOM.index("      - {stage: awareness")] + """\
      - {stage: signup, emotion: 1, touchpoints: [word of mouth], pain_points: [Paperwork]}
      - {stage: first_ride, emotion: 2, touchpoints: [app, a friend who drives], pain_points: [Traffic]}
""" + CUSTOM[CUSTOM.index("funnel:"):]


def test_a_complete_custom_stage_journey_with_free_text_touchpoints_scores_100():
    assert findings(CUSTOM) == []
    assert run(canvas.loads(CUSTOM)).completeness["journeys"] == 1.0


def test_five_classic_stages_without_after_purchase_are_fine():
    model = CLEAN.replace("      - {stage: after_purchase, emotion: -1, touchpoints: [app], pain_points: [e]}\n", "")
    assert findings(model) == []


def test_journey_completeness_counts_stages():
    # one of six stages lacks touchpoints: the journey is five sixths complete, not zero
    report = run(canvas.loads(CLEAN.replace("{stage: interest, emotion: 1, touchpoints: [App]",
                                            "{stage: interest, emotion: 1, touchpoints: []")))
    assert report.completeness["journeys"] == 0.83  # 5/6, rounded down to a whole percent


def test_comma_split_heuristic_on_the_issue_example_and_no_false_alarm_on_lists():
    split = CLEAN.replace("concerns: [Price]", "concerns: [The machine is cheaper at the store, but the boutique "
                                                "feels special]")
    [f] = [f for f in findings(split) if f.code == "C902"]
    assert f.message("en") == ("'but the boutique feels special' in a [...] list looks like the rest of "
                               "'The machine is cheaper at the store', split at its comma by YAML")
    assert f.severity == "warning"
    fa = CLEAN.replace("concerns: [Price]", "concerns: [قیمت بالاست, ولی کیفیت خوب است]")
    [f] = findings(fa)
    assert f.code == "C902" and f.message("fa") == ("«ولی کیفیت خوب است» در فهرست [...] به نظر دنبالهٔ «قیمت بالاست» "
                                                    "است که YAML آن را در ویرگول شکسته")
    for fine in ("[Price, Slow delivery, Few choices]", "[low price, free shipping]", "[Individual, Duo, Family "
                 "and Student plans]", "[Price]", "[قیمت بالا, کیفیت پایین]"):
        assert findings(CLEAN.replace("concerns: [Price]", f"concerns: {fine}")) == [], fine
    # a block list holds whatever text the user wrote, commas and all
    block = CLEAN.replace("concerns: [Price]}", "concerns: [Price]}").replace(
        "  - {id: s, name: Students, concerns: [Price]}",
        "  - id: s\n    name: Students\n    concerns:\n      - The machine is cheaper at the store, but the "
        "boutique feels special")
    assert [f for f in findings(block) if f.code == "C902"] == []


def test_checks_can_be_ignored_per_model_and_per_run(cli, tmp_path):
    weak = CLEAN.replace("{stage: interest, emotion: 1, touchpoints: [App]", "{stage: interest, emotion: 1, touchpoints: []")
    assert [f.code for f in findings(weak)] == ["C502"]
    assert findings(weak, ignore=["C502"]) == []
    ignoring = weak.replace("segments:\n", "checks: {ignore: [C502]}\nsegments:\n", 1)
    assert findings(ignoring) == []
    assert run(canvas.loads(ignoring)).completeness["journeys"] == 1.0
    path = tmp_path / "m.yaml"
    path.write_text(weak, "utf-8")
    assert cli("check", "--strict", path).exit_code == 3
    assert cli("check", "--strict", "--ignore", "C502", path).exit_code == 0
    unknown = cli("check", "--ignore", "C999", path)
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("--ignore: unknown check code: C999; the codes are: C101, C102")
    assert cli("check", "--strict", "--ignore", "c502", path).exit_code == 0  # any case
    path.write_text(weak.replace("segments:\n", "checks: {ignore: [C5O2, c502, c1O1]}\nsegments:\n", 1), "utf-8")
    bad = cli("validate", path)
    assert bad.exit_code == 2 and f"{path}:3:9: unknown check code: C5O2, C1O1; the codes are: C101" in bad.stderr


def test_completeness_drops_with_warnings_and_empty_blocks():
    report = run(canvas.loads(CLEAN.replace("serves: {s: 3}", "serves: {}").replace(
        "key_partners: [{name: Labels}]\n", "")))
    assert report.completeness["channels"] == 0.0  # its only channel serves nobody
    assert report.completeness["key_partners"] == 0.0
    assert report.completeness["segments"] == 0.0  # no channel reaches the only segment
    assert report.completeness["personas"] == 1.0
    assert 0 < report.overall < 1


def test_untranslated_text_is_a_note_or_a_warning_when_asked_for():
    bilingual = CLEAN.replace("name: Students,", "name: {en: Students, fa: دانشجویان},")
    notes = [f for f in findings(bilingual) if f.code == "C901"]
    assert notes and all(f.severity == "info" for f in notes)
    assert findings(CLEAN) == []  # a one-language model has nothing to translate
    asked = [f for f in findings(CLEAN, lang="fa") if f.code == "C901"]
    assert asked and all(f.severity == "warning" for f in asked)
    assert "Lena" in {dict(f.params)["text"] for f in asked}
    assert not [f for f in findings(bilingual, lang="fa") if f.code == "C901" and "Students" in dict(f.params)["text"]]


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_samples_pass_strict(cli, sample):
    result = cli("check", "--strict", sample)
    assert result.exit_code == 0, result.output
    assert " 0 warning(s)" in result.output or " ۰ هشدار" in result.output


def test_cli_text_json_and_strict_exit_code(cli, tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(CLEAN.replace("serves: {s: 3}", "serves: {}"), "utf-8")
    result = cli("check", path)
    assert result.exit_code == 0
    assert f"{path}:10:10: warning C301 channel 'App' serves no segment — give its strength" in result.output
    assert cli("check", "--strict", path).exit_code == 3
    data = json.loads(cli("check", "--format", "json", "--lang", "fa", path).output)
    [report] = data
    assert report["file"] == str(path)
    codes = {f["code"] for f in report["findings"]}
    assert {"C301", "C102"} <= codes
    assert any("کانال" in f["message"] for f in report["findings"])
    assert report["completeness"]["channels"] == 0.0


def test_cli_check_reports_bad_files_and_goes_on(cli, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(CLEAN, "utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nmeta: {title: x, language: en}\nsegmnts: []\n", "utf-8")
    result = cli("check", bad, good)
    assert result.exit_code == 2
    assert f"{bad}:3:1: unknown key 'segmnts'" in result.output
    assert f"{good}: 0 warning(s)" in result.output


def test_findings_reach_the_health_sheet_and_the_report_section(tmp_path):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    path = tmp_path / "m.yaml"
    path.write_text(CLEAN.replace("serves: {s: 3}", "serves: {}"), "utf-8")
    html, pdf, xlsx = sorted(canvas.build(path, tmp_path / "out"), key=lambda p: p.suffix)
    ws = load_workbook(xlsx)["Model health"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    completeness = {r[0]: r[1] for r in rows[3:18] if r[0]}
    assert completeness["Channels"] == 0.0 and completeness["Personas"] == 1.0
    assert ws.tables["tbl_findings"]
    found = {r[0]: r for r in rows if r[0] in ("C301", "C102")}
    assert found["C301"][2] == 10 and found["C301"][3] == "channel 'App' serves no segment"
    text = html.read_text("utf-8")
    assert 'id="health"' in text and "channel &#39;App&#39; serves no segment" in text
    pages = [p.extract_text() for p in PdfReader(pdf).pages]
    at = max(n for n, t in enumerate(pages) if "Model health" in t)  # the section ends the report
    assert "serves no segment" in " ".join(pages[at:])


def test_a_clean_sample_says_so_in_persian(built):
    from openpyxl import load_workbook

    ws = load_workbook(built["bank-fa"]["xlsx"])["سلامت مدل"]
    texts = {c.value for row in ws.iter_rows() for c in row}
    assert "هیچ نکته‌ای نیست؛ مدل همهٔ بررسی‌ها را گذراند." in texts
    assert "tbl_findings" not in ws.tables


def test_numbers_in_persian_messages_use_persian_digits():
    [f] = [f for f in findings(CLEAN.replace("{stage: customers, count: 10}", "{stage: customers, count: 1200}"))
           if f.code == "C601"]
    assert "(۱۰۰)" in f.message("fa") and "(۱٬۲۰۰)" in f.message("fa")
    assert "(100)" in f.message("en") and "(1,200)" in f.message("en")


def test_a_touchpoint_that_is_a_channel_id_needs_no_translation():
    # 'app' links to the channel and shows as its name, translated; 'App' (a name) is text
    bilingual = CLEAN.replace("name: App,", "name: {en: App, fa: اپلیکیشن},")
    asked = [dict(f.params)["text"] for f in findings(bilingual, lang="fa") if f.code == "C901"]
    assert "app" not in asked and "App" in asked


def test_an_important_pain_relieved_by_nothing_is_named_with_its_segment():
    model = CLEAN.replace("pains: [fee]}]", "pains: []}]")
    [f] = [f for f in findings(model) if f.code == "C104"]
    assert f.message("en") == "pain 'High fees' of segment 'Students' matters a lot, but no pain reliever relieves it"
    assert "fee" in f.hint("en") and "«High fees»" in f.message("fa")
    # a pain of medium importance nobody relieves is no finding
    assert not [f for f in findings(model.replace("importance: high", "importance: medium")) if f.code == "C104"]
