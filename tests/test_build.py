"""Built outputs: the workbook, the PDF and the HTML hold the model; builds are atomic and reproducible."""
from __future__ import annotations

import re
import subprocess

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

import canvas
from canvas.errors import RenderError
from conftest import SAMPLES

BIDI_AND_JOINERS = re.compile("[\u200c\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def normalise(text: str) -> str:
    """pdftotext drops ZWNJ and adds bidi marks; compare text without them and without spacing."""
    return re.sub(r"\s+", " ", BIDI_AND_JOINERS.sub("", text))


def pdf_text(path) -> str:
    return normalise(subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                                    text=True, check=True).stdout)


# --- workbook ----------------------------------------------------------------------------

def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    model = canvas.loads("version: 1\nmeta: {title: '=HYPERLINK(\"http://x\",\"y\")', language: en}\n"
                         "segments: [{id: s, name: '+1+1', concerns: ['@SUM(A1)', '-2']}]\n")
    [path] = canvas.build(model, tmp_path, formats=["xlsx"])
    wb = load_workbook(path)
    cells = [c for ws in wb for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value[:1] in "=+@-" and "IF(" not in c.value]
    assert {c.value for c in cells} >= {'=HYPERLINK("http://x","y")', "+1+1"}
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_xml_illegal_characters_do_not_break_the_workbook(tmp_path):
    model = canvas.loads('version: 1\nmeta: {title: "a\\x01b\\uFFFEc", language: en}\n')
    [path] = canvas.build(model, tmp_path, formats=["xlsx"])
    assert load_workbook(path)[load_workbook(path).sheetnames[0]]["A1"].value == "abc"


def test_same_model_same_bytes(tmp_path):
    first = canvas.build(SAMPLES[0], tmp_path / "a", formats=["xlsx", "pdf", "html"])
    second = canvas.build(SAMPLES[0], tmp_path / "b", formats=["xlsx", "pdf", "html"])
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_lang_all_writes_both_languages(tmp_path):
    paths = canvas.build(SAMPLES[0], tmp_path, formats=["xlsx"], lang="all")
    assert [p.name for p in paths] == [f"{SAMPLES[0].stem}.fa.xlsx", f"{SAMPLES[0].stem}.en.xlsx"]
    en = load_workbook(paths[1])
    assert en.sheetnames[1] == "Business Model Canvas"
    assert not en[en.sheetnames[0]].sheet_view.rightToLeft


# --- report ------------------------------------------------------------------------------

def test_pdf_persian_text_in_logical_order(built):
    text = pdf_text(built["bank-fa"]["pdf"])
    for phrase in ("مشتریان حقوقی", "پس‌انداز کودکان", "مدیر ارتباط اختصاصی", "بوم مدل کسب‌وکار",
                   "فرهاد کریمی", "نقاط درد"):
        assert normalise(phrase) in text, phrase
    # Jalali date in Persian digits; pdftotext moves the spaces around digit runs
    assert re.search("۱۵ ?مهر ?۱۴۰۳", text)


def test_pdf_english_text_and_sections(built):
    text = pdf_text(built["music-streaming-en"]["pdf"])
    for phrase in ("Business Model Canvas", "Customer segments", "Channel matrix", "Sales funnel",
                   "Lena from free listener to Premium Student", "6 October 2024", "42%"):
        assert phrase in text, phrase


def test_pdf_metadata_outline_and_embedded_fonts(built):
    reader = PdfReader(built["bank-fa"]["pdf"])
    assert reader.metadata.title == "مدل کسب‌وکار بانک آینده‌نگر"
    assert reader.metadata.author == "واحد تجربهٔ مشتری"
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[:3] == ["مدل کسب‌وکار بانک آینده‌نگر", "خلاصهٔ مدیریتی", "بوم مدل کسب‌وکار"]
    assert titles[-5:] == ["رقبا", "سایر بلوک‌های بوم", "سفر فرهاد برای گشایش اعتبار اسنادی", "سفر مریم برای افتتاح حساب قلک هوشمند", "سفر مشتری: سینا رضایی", "سفر فرهاد پس از بازطراحی ارزیابی و گشایش", "سلامت مدل"][-5:]
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(font.get_object()["/BaseFont"].split("+")[-1])
    assert {"Vazirmatn", "Vazirmatn-Bold"} <= fonts
    assert all(f.startswith("Vazirmatn") for f in fonts), fonts  # no fallback to machine fonts


def test_html_direction_language_and_escaping(tmp_path):
    model = canvas.loads("version: 1\nmeta: {title: '<script>alert(1)</script>', language: fa}\n"
                         "segments: [{id: s, name: '<img src=\"file:///etc/hostname\">'}]\n")
    [path] = canvas.build(model, tmp_path, formats=["html"])
    html = path.read_text("utf-8")
    assert '<html lang="fa" dir="rtl">' in html
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<img src="file:///etc/hostname">' not in html


def test_pdf_fetcher_serves_only_assets(tmp_path):
    from canvas.render.html import assets_dir
    from canvas.render.pdf import AssetsOnlyFetcher

    fetcher = AssetsOnlyFetcher([assets_dir()])
    font = (assets_dir() / "fonts" / "Vazirmatn-Regular.ttf").as_uri()
    assert fetcher.fetch(font).read(4) == b"\x00\x01\x00\x00"
    for url in ("file:///etc/hostname", "http://127.0.0.1:9/x.png",
                (assets_dir() / ".." / ".." / "setup.cfg").as_uri()):
        with pytest.raises(ValueError, match="canvas does not fetch"):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 3


# --- atomic output -----------------------------------------------------------------------

def test_failed_render_keeps_earlier_outputs_and_leaves_no_temp(tmp_path, monkeypatch):
    good = canvas.build(SAMPLES[0], tmp_path, formats=["xlsx", "html"])
    before = {p: p.read_bytes() for p in good}
    import canvas.render.html as html_renderer

    def broken(*args, **kwargs):
        raise RenderError("template error: boom")

    monkeypatch.setattr(html_renderer, "render", broken)
    with pytest.raises(RenderError):
        canvas.build(SAMPLES[0], tmp_path, formats=["xlsx", "html"])
    assert {p: p.read_bytes() for p in good} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in good)


def test_build_never_writes_the_input(tmp_path):
    source = tmp_path / "m.yaml"
    source.write_bytes(SAMPLES[0].read_bytes())
    canvas.build(source, tmp_path, formats=["xlsx"])
    assert source.read_bytes() == SAMPLES[0].read_bytes()


def test_user_templates_override_and_extend_the_defaults(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "report.html.j2").write_text(
        '{% extends "default:report.html.j2" %}{% block cover %}<p>CLIENT COVER {{ v.t(v.model.meta.title) }}</p>'
        "{% endblock %}", "utf-8")
    [path] = canvas.build(SAMPLES[-1], tmp_path / "out", formats=["html"], template_dir=templates)
    html = path.read_text("utf-8")
    assert "<p>CLIENT COVER Spotify business model</p>" in html
    assert 'class="cover"' not in html and "Business Model Canvas" in html


def test_broken_user_template_is_a_render_error(tmp_path):
    (tmp_path / "report.html.j2").write_text("{{ v.nope() }}", "utf-8")
    with pytest.raises(RenderError, match="template error"):
        canvas.build(SAMPLES[-1], tmp_path / "out", formats=["html"], template_dir=tmp_path)
    assert not (tmp_path / "out").exists()


def test_competitor_without_markets_still_listed(tmp_path):
    model = canvas.loads("version: 1\nmeta: {title: T, language: en}\n"
                         "competitors: [{id: c, name: Rival, description: New entrant}]\n")
    [path] = canvas.build(model, tmp_path, formats=["xlsx"])
    ws = load_workbook(path)["Competitors"]
    assert [c.value for c in ws[4]] == ["c", "Rival", "New entrant"] + [None] * 10


def test_missing_translation_falls_back_to_the_other_language(tmp_path):
    model = canvas.loads("version: 1\nmeta: {title: {fa: عنوان}, language: fa}\n"
                         "segments: [{id: s, name: {en: Students}}]\n")
    [path] = canvas.build(model, tmp_path, formats=["xlsx"], lang="en")
    wb = load_workbook(path)
    assert wb.properties.title == "عنوان"
    assert wb["Customer segments"]["B4"].value == "Students"


def _word_x(pdf, page: int) -> dict[str, float]:
    """xMin of each word on a page, from pdftotext's bounding boxes (which spell RTL words backwards)."""
    xml = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    words = re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]+)</word>', xml)
    return {normalise(w[::-1] if re.search("[\u0600-\u06ff]", w) else w): float(x) for x, w in words}


def test_label_value_pairs_follow_the_text_direction(built):
    fa = _word_x(built["bank-fa"]["pdf"], 1)
    assert fa["سازمان"] > fa["بانک"]  # RTL: the label stands right of its value
    en = _word_x(built["music-streaming-en"]["pdf"], 1)
    assert en["Organisation"] < en["Spotify"]


def test_rows_grow_with_wrapped_text(built):
    """LibreOffice does not grow rows itself: multi-line cells need explicit heights."""
    wb = load_workbook(built["music-streaming-en"]["xlsx"])
    ws = wb["Persona - Lena"]
    hobbies = next(c.row for c in ws["A"] if c.value == "Hobbies")
    assert ws.row_dimensions[hobbies].height == 30  # two bullet lines
    segment = next(c.row for c in ws["A"] if c.value == "Segment")
    assert ws.row_dimensions[segment].height is None  # one line keeps the default
