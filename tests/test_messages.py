"""Messages in the user's language with advice: YAML mistakes explained at their place, plain words
for wrong values, the comma trap closed, a build in another language never overwriting, the
starter dated today. Every expected message here is the exact text a user sees."""
from __future__ import annotations

import datetime as dt
import re

import jdatetime
import pytest

import canvas
from canvas.errors import InputError
from conftest import ROOT

FA = "version: 1\nmeta: {title: T, language: fa}\n"
EN = "version: 1\nmeta: {title: T, language: en}\n"


def said(text: str, lang: str | None = None) -> list[str]:
    with pytest.raises(InputError) as info:
        canvas.loads(text, "model.yaml", lang=lang)
    return [str(p) for p in info.value.problems]


# (input, {language: exact message}): each finding of the issue, in both languages
CASES = {
    "de-indented key": (
        "meta:\n    title: T\n  language: en\nversion: 1\n",
        {"en": "model.yaml:3:3: this line is indented 2, which lines up with no block above it: align it with "
               "'title' (indented 4) to keep it under 'meta', or with 'meta' itself (indented 0)",
         "fa": "model.yaml:3:3: این سطر ۲ فاصله تورفتگی دارد و با هیچ بلوکی بالای خود هم‌تراز نیست: برای ماندن "
               "زیر «meta» آن را با «title» هم‌تراز کنید (۴ فاصله)، یا با خود «meta» (۰ فاصله)"}),
    "key outside its list item": (
        EN + "segments:\n  - id: s\n    name: S\n  concerns: [a]\n",
        {"en": "model.yaml:6:3: 'concerns' lines up with the '- ' of the list item above, not with its keys, so "
               "it falls outside that item: align it with 'name' (indented 4) to keep it in the item"}),
    "over-indented key": (
        "version: 1\nmeta:\n  title: T\n    language: en\n",
        {"en": "model.yaml:4:13: 'language' is indented more than 'title' on the line above (4, not 2), so YAML "
               "reads it as more of that text: align it with 'title'",
         "fa": "model.yaml:4:13: «language» از «title» در سطر بالا بیشتر تورفتگی دارد (۴ فاصله به‌جای ۲)، پس YAML "
               "آن را ادامهٔ همان متن می‌خواند: آن را با «title» هم‌تراز کنید"}),
    "colon inside Persian text": (
        "version: 1\nmeta:\n  title: یادداشت: این است\n  language: fa\n",
        {"fa": "model.yaml:3:17: این متن «: » دارد و YAML آن را کلیدی تازه می‌خواند: کل متن را در گیومهٔ انگلیسی "
               "بگذارید، مانند title: \"یادداشت: این است\"",
         "en": "model.yaml:3:17: the text contains ': ', which YAML reads as a new key: put the whole text in "
               "quotes, e.g. title: \"یادداشت: این است\""}),
    "colon inside a list item": (
        FA + "funnel:\n  techniques:\n    - برنامهٔ معرفی دوستان: یک جلسهٔ رایگان\n",
        {"fa": "model.yaml:5:7: این متن «: » دارد و YAML آن را کلید و مقدار خواند: کل متن را در گیومهٔ انگلیسی "
               "بگذارید، مانند \u200e- \"برنامهٔ معرفی دوستان: یک جلسهٔ رایگان\""}),
    "comma inside {fa, en}": (
        EN + "segments:\n  - id: s\n    name: {fa: سواری, en: Rides, delivery and city services}\n",
        {"en": "model.yaml:5:34: YAML split this text at its comma (inside {…} a comma separates entries): put "
               "the whole text in quotes, e.g. en: \"Rides, delivery and city services\"",
         "fa": "model.yaml:5:34: YAML این متن را در «, » شکست (درون {…} ویرگول انگلیسی جداکننده است): کل متن را "
               "در گیومه بگذارید، مانند en: \"Rides, delivery and city services\""}),
    "comma inside a flow mapping": (
        EN + "key_partners:\n  - {name: Dairies in Avenches, Avenches and Romont (Switzerland)}\n",
        {"en": "model.yaml:4:33: YAML split this text at its comma (inside {…} a comma separates entries): put "
               "the whole text in quotes, e.g. name: \"Dairies in Avenches, Avenches and Romont (Switzerland)\"",
         "fa": "model.yaml:4:33: YAML این متن را در «, » شکست (درون {…} ویرگول انگلیسی جداکننده است): کل متن را "
               "در گیومه بگذارید، مانند name: \"Dairies in Avenches, Avenches and Romont (Switzerland)\""}),
    "not a whole number": (
        FA + "segments: [{id: s, name: S}]\npersonas:\n  - {id: p, segment: s, name: P, age: '۲۹ سال'}\n",
        {"fa": "model.yaml:5:39: «age» باید عدد صحیح باشد، مانند ۲۹ (نوشته شده: «۲۹ سال»)",
         "en": "model.yaml:5:39: 'age' must be a whole number, e.g. 29 (got '۲۹ سال')"}),
    "emotion out of range": (
        EN + "segments: [{id: s, name: S}]\njourneys:\n  - id: j\n    segment: s\n"
             "    stages: [{stage: awareness, emotion: 3}]\n",
        {"en": "model.yaml:7:42: 'emotion' must be from −2 to 2 (got 3)",
         "fa": "model.yaml:7:42: «emotion» باید از −۲ تا ۲ باشد (نوشته شده: 3)"}),
    "unknown key": (
        FA + "chanels: []\n",
        {"fa": "model.yaml:3:1: کلید ناشناختهٔ «chanels»؛ منظورتان «channels» است؟",
         "en": "model.yaml:3:1: unknown key 'chanels' — did you mean 'channels'?"}),
    "unknown segment": (
        FA + "segments: [{id: retail, name: R}]\npersonas: [{id: p, segment: retial, name: P}]\n",
        {"fa": "model.yaml:4:29: بخش «retial» وجود ندارد؛ منظورتان «retail» است؟"}),
}


@pytest.mark.parametrize("case", CASES, ids=CASES)
def test_each_mistake_gets_its_message_in_each_language(case):
    text, expected = CASES[case]
    for lang, message in expected.items():
        assert said(text, lang) == [message], lang


def test_the_model_language_chooses_the_messages_even_when_the_yaml_does_not_parse(monkeypatch):
    monkeypatch.delenv("CANVAS_LANG", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    # meta.language is read from the text although the document does not parse
    assert said("version: 1\nmeta:\n  title: یادداشت: این است\n  language: fa\n")[0].endswith(
        "مانند title: \"یادداشت: این است\"")
    # no meta.language: mostly Persian text is answered in Persian
    assert "کلید لازم «meta» نوشته نشده" in said("version: 1\nsegments: [{id: s, name: مشتریان شهری}]\n")[0]
    monkeypatch.setenv("CANVAS_LANG", "en")
    assert said(FA + "chanels: []\n") == ["model.yaml:3:1: unknown key 'chanels' — did you mean 'channels'?"]


def test_the_readme_shows_real_messages_in_both_languages():
    readme = (ROOT / "README.md").read_text("utf-8")
    block = readme.split("Some real\nmessages:", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    produced = {m for _, expected in CASES.values() for m in expected.values()}
    lines = block.strip().splitlines()
    persian = [line for line in lines if re.search("[\u0600-\u06FF]{3}", line.split(": ", 1)[1][:12])]
    assert len(persian) >= 3 and len(lines) - len(persian) >= 3
    for line in lines:
        assert line in produced, line


def test_validate_and_check_speak_persian_to_a_persian_model(cli, tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(FA + "segments:\n  - id: s\n    name: مشتریان\n", "utf-8")
    assert cli("validate", path).output == f"{path}: درست است\n"
    out = cli("check", path).output.splitlines()
    assert f"{path}:4:9: هشدار C101 بخش «مشتریان» هیچ ارزش پیشنهادی ندارد — یک ارزش پیشنهادی با segments: [s] بنویسید" in out
    assert out[-2].startswith(f"{path}: کامل بودن ۰٪ (بخش‌های مشتری ۰٪، پرسوناها ۰٪،")
    assert out[-1] == f"{path}: ۱۱ هشدار، ۰ یادداشت"
    assert not any("--notes" in line for line in out)
    english = cli("check", "--lang", "en", path).output.splitlines()
    # --lang en also asks for the English text, missing for the title and the segment's name
    assert english[-1] == f"{path}: 13 warning(s), 0 note(s)"


def test_many_notes_are_counted_once_with_one_pointer_to_notes(cli):
    out = cli("check", ROOT / "samples" / "learning-fa.yaml").output.splitlines()
    assert sum("--notes" in line for line in out) == 1
    assert re.search(r"^.*learning-fa.yaml:\d+:\d+: [۰-۹]+ یادداشت C901 مانند این: ", out[0])


def test_a_build_in_another_language_never_takes_the_models_own_name(cli, tmp_path):
    sample = ROOT / "samples" / "learning-fa.yaml"
    assert cli("build", sample, "-o", tmp_path, "--no-pdf", "--no-html").exit_code == 0
    own = (tmp_path / "learning-fa.xlsx").read_bytes()
    result = cli("build", sample, "-o", tmp_path, "--no-pdf", "--no-html", "--lang", "en")
    assert result.exit_code == 0
    assert result.output.strip() == f"نوشته شد: {tmp_path / 'learning-fa.en.xlsx'}"
    assert (tmp_path / "learning-fa.xlsx").read_bytes() == own
    assert cli("build", sample, "-o", tmp_path / "own", "--no-pdf", "--no-html", "--lang", "fa").output.strip() \
        .endswith("learning-fa.xlsx")


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_starter_is_dated_today_in_its_calendar(cli, tmp_path, lang):
    target = tmp_path / "model.yaml"
    assert cli("init", "--lang", lang, target).exit_code == 0
    today = dt.date.today()
    written = re.search(r"^  date: (\S+)", target.read_text("utf-8"), re.M).group(1)
    if lang == "fa":
        j = jdatetime.date.fromgregorian(date=today)
        assert written == f"{j.year}/{j.month:02d}/{j.day:02d}"
    else:
        assert written == today.isoformat()
    assert canvas.load(target).meta.date.gregorian == today


def test_starters_samples_and_import_write_prose_lists_one_item_per_line(tmp_path):
    from canvas.yaml_out import dumps

    flow_prose = re.compile(r"^\s*(- )?(?!segments|channels|phases|motivations|touchpoints)\w+: \[[^\]{]* [^\]{]*\]",
                            re.M)
    for path in list((ROOT / "samples").glob("*.yaml")) + list((ROOT / "canvas" / "data").glob("starter-*.yaml")):
        assert not flow_prose.search(path.read_text("utf-8")), path
    text = dumps({"segments": [{"id": "s", "name": "S", "concerns": ["Cheap, but far", "Slow"]}],
                  "value_propositions": [{"id": "v", "segments": ["s", "t"]}]})
    assert "    concerns:\n      - Cheap, but far\n      - Slow\n" in text
    assert "segments: [s, t]" in text


def test_messages_without_a_model_follow_canvas_lang_then_the_locale(cli, tmp_path, monkeypatch):
    missing = tmp_path / "missing.yaml"
    assert cli("validate", missing).stderr.strip() == f"{missing}: no such file"
    monkeypatch.setenv("LANG", "fa_IR.UTF-8")
    assert cli("validate", missing).stderr.strip() == f"{missing}: چنین فایلی نیست"
    monkeypatch.setenv("CANVAS_LANG", "en")
    assert cli("validate", missing).stderr.strip() == f"{missing}: no such file"
    assert cli("validate", "--lang", "fa", missing).stderr.strip() == f"{missing}: چنین فایلی نیست"


def test_a_value_yaml_took_for_a_comment_is_an_error_that_says_to_quote_it(tmp_path, cli):
    assert said(EN + "brand:\n  primary: #0E7490\n  accent: '#112233'   # a real comment\n") == [
        "model.yaml:4:3: 'primary' is empty: YAML reads ' #' as the start of a comment and dropped '#0E7490'; "
        "put it in quotes: primary: '#0E7490'"]
    brand = tmp_path / "brand.yaml"
    brand.write_text("accent: #C05621\nfooter: Ours   # a comment\n", "utf-8")
    result = cli("build", ROOT / "samples" / "music-streaming-en.yaml", "-o", tmp_path / "out", "--brand", brand)
    assert result.exit_code == 2 and "1:1: 'accent' is empty" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_comma_split_text_is_quoted_back_as_typed_once():
    assert said(EN + "revenue_streams:\n  - {name: Commission, pricing: 2,500 US dollars, paid monthly}\n") == [
        "model.yaml:4:35: YAML split this text at its comma (inside {…} a comma separates entries): put the whole "
        "text in quotes, e.g. pricing: \"2,500 US dollars, paid monthly\""]


def test_image_paths_are_named_as_typed(tmp_path):
    folder = tmp_path / "m"
    folder.mkdir()
    text = EN + "segments: [{id: s, name: S}]\npersonas: [{id: p, segment: s, name: P, photo: maria.png}]\n"
    with pytest.raises(InputError) as info:
        canvas.loads(text, "model.yaml", base_dir=folder)
    assert str(info.value.problems[0]) == ("model.yaml:4:48: photo file 'maria.png' not found; give a path "
                                           "relative to model.yaml")


def test_init_answers_in_the_language_asked_for(cli, tmp_path):
    target = tmp_path / "m.yaml"
    target.write_text("mine", "utf-8")
    assert cli("init", "--lang", "fa", target).stderr.strip() == \
        f"{target}: از قبل وجود دارد؛ برای بازنویسی --force را بیفزایید"
    assert cli("init", target).stderr.strip() == f"{target}: already exists; use --force to overwrite it"


def test_initials_leave_titles_out():
    from canvas.view import View

    view = View(canvas.load(ROOT / "samples" / "music-streaming-en.yaml"))
    assert view.monogram("Dr. Aisha Rahman") == "A\u200cR" and view.monogram("Prof Tom") == "T"
    assert view.monogram("دکتر سارا موسوی") == "س\u200cم"
