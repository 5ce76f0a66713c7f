"""One YAML, two deliverables: the bilingual sample in Persian and in English, and what happens
to text that has no translation."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

import canvas
from conftest import SAMPLES

LEARNING = next(s for s in SAMPLES if s.stem == "learning-fa")


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    out = tmp_path_factory.mktemp("bilingual")
    paths = canvas.build(LEARNING, out, lang="all")
    return {p.name: p for p in paths}


def test_both_editions_are_written(editions):
    assert sorted(editions) == sorted(f"learning-fa.{lang}.{ext}" for lang in ("fa", "en")
                                      for ext in ("xlsx", "pdf", "html"))


@pytest.mark.parametrize("lang, rtl, segments_sheet, first_segment, date", [
    ("fa", True, "بخش‌های مشتری", "دانشجویان", "۱ آذر ۱۴۰۳"),
    ("en", False, "Customer segments", "University students", "21 November 2024"),
])
def test_workbook_labels_direction_content_and_calendar(editions, lang, rtl, segments_sheet, first_segment, date):
    wb = load_workbook(editions[f"learning-fa.{lang}.xlsx"])
    assert all(ws.sheet_view.rightToLeft == rtl for ws in wb.worksheets)
    assert wb[segments_sheet]["B4"].value == first_segment
    overview = wb.worksheets[0]
    values = [c.value for row in overview.iter_rows(max_col=2) for c in row]
    assert date in values
    assert wb.properties.language == lang


@pytest.mark.parametrize("lang, direction, title, label", [
    ("fa", "rtl", "مدل کسب‌وکار پلتفرم آموزش آنلاین دانش‌راه", "بخش‌های مشتری"),
    ("en", "ltr", "Daneshrah online learning platform", "Customer segments"),
])
def test_report_labels_direction_and_content(editions, lang, direction, title, label):
    html = editions[f"learning-fa.{lang}.html"].read_text("utf-8")
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert f"<title>{title}</title>" in html
    reader = PdfReader(editions[f"learning-fa.{lang}.pdf"])
    assert reader.metadata.title == title
    assert reader.trailer["/Root"]["/Lang"] == lang
    text = "".join(page.extract_text() for page in reader.pages[:6])
    assert label.replace("\u200c", "") in text.replace("\u200c", "")  # pypdf drops the ZWNJ


def test_english_edition_marks_untranslated_persian_and_check_lists_it(editions, cli):
    html = editions["learning-fa.en.html"].read_text("utf-8")
    assert '<span lang="fa" dir="rtl">' in html  # e.g. segment descriptions written only in Persian
    result = cli("check", "--lang", "en", "--strict", "--format", "json", LEARNING)
    assert result.exit_code == 3
    import json
    [report] = json.loads(result.output)
    untranslated = [f for f in report["findings"] if f["code"] == "C901"]
    assert untranslated and all(f["severity"] == "warning" and f["line"] > 0 for f in untranslated)
    assert any("not translated to English" in f["message"] for f in untranslated)
    # the Persian edition needs nothing: every text has Persian
    assert cli("check", "--lang", "fa", "--strict", LEARNING).exit_code == 0
