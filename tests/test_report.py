"""The HTML and PDF report: structure, contents with page numbers, the emotion curve, page sizes,
nothing cut at page edges, branding, and what the renderer refuses to fetch."""
from __future__ import annotations

import io
import os
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

import canvas
from canvas.brand import resolve
from canvas.view import View
from conftest import SAMPLE_IDS

A4_PORTRAIT, A4_LANDSCAPE, A3_LANDSCAPE = (595, 842), (842, 595), (1191, 842)


def page_texts(pdf) -> list[str]:
    return [page.extract_text() for page in PdfReader(pdf).pages]


def page_sizes(pdf) -> list[tuple[int, int]]:
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in PdfReader(pdf).pages]


def words_with_boxes(pdf):
    """[(page number, page width, page height, word, xMin, yMin, xMax, yMax)] from pdftotext -bbox."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml).replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    out = []
    for n, page in enumerate(root.iter("page"), start=1):
        w, h = float(page.get("width")), float(page.get("height"))
        for word in page.iter("word"):
            out.append((n, w, h, word.text, *(float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))))
    return out


def png(tmp_path, name="logo.png", colour=(200, 30, 30)):
    path = tmp_path / name
    Image.new("RGB", (120, 40), colour).save(path)
    return path


# --- structure -------------------------------------------------------------------------------

def test_html_has_every_section(built):
    html = built["bank-fa"]["html"].read_text("utf-8")
    for anchor in ("summary", "canvas", "segments", "personas", "value-propositions", "channels",
                   "relationships", "journeys", "funnel", "competitors", "other-blocks"):
        assert f'id="{anchor}"' in html, anchor
    assert html.count('class="persona"') == 3
    assert html.count('class="journey wide"') == 4
    assert 'class="cover"' in html and 'class="toc"' in html


def test_contents_lists_sections_with_their_page_numbers(built):
    texts = page_texts(built["music-streaming-en"]["pdf"])
    contents = texts[1]
    assert contents.startswith("Contents")
    for title in ("Business Model Canvas", "Channel matrix", "Sales funnel", "Competitors",
                  "Lena from free listener to Premium Student"):
        match = re.search(re.escape(title) + r"\s*\.+\s*(\d+)", contents)
        assert match, title
        page = int(match.group(1))
        assert title in " ".join(texts[page - 1].split()), (title, page)  # sections may start mid-page


def test_persian_contents_and_page_numbers_use_persian_digits(built):
    out = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(built["bank-fa"]["pdf"]), "-"],
                         capture_output=True, text=True, check=True).stdout
    assert "فهرست" in out
    assert re.search("[۰-۹]", out) and not re.search("[0-9]", out)


def test_pdf_metadata_language_subject_and_keywords(built):
    reader = PdfReader(built["bank-fa"]["pdf"])
    assert reader.trailer["/Root"]["/Lang"] == "fa"
    assert reader.metadata.subject == "بازطراحی تجربهٔ مشتری در سه بخش اصلی"
    assert reader.metadata["/Keywords"] == "بوم مدل کسب‌وکار"
    assert PdfReader(built["music-streaming-en"]["pdf"]).trailer["/Root"]["/Lang"] == "en"


@pytest.mark.parametrize("name", SAMPLE_IDS)
def test_no_text_is_cut_at_the_page_edges(built, name):
    words = words_with_boxes(built[name]["pdf"])
    assert len(words) > 500
    for page, w, h, word, x0, y0, x1, y1 in words:
        assert 10 <= x0 and x1 <= w - 10 and 10 <= y0 and y1 <= h - 10, (page, word, x0, x1, w)


def test_canvas_and_journeys_on_landscape_pages_the_rest_portrait(built):
    sizes = page_sizes(built["bank-fa"]["pdf"])
    texts = page_texts(built["bank-fa"]["pdf"])
    canvas_page = next(i for i, t in enumerate(texts) if "CC BY-SA" in t)
    assert sizes[canvas_page] == A4_LANDSCAPE
    assert sizes.count(A4_LANDSCAPE) == 1 + 1 + 4  # the canvas, the Lean Canvas and four journeys, a page each
    lean_page = next(i for i, t in enumerate(texts) if "بوم ناب از اَش مائوریا" in t)
    assert sizes[lean_page] == A4_LANDSCAPE and lean_page == canvas_page + 1
    assert set(sizes) == {A4_PORTRAIT, A4_LANDSCAPE}


def test_paper_a3_makes_the_wide_pages_a3(tmp_path):
    from conftest import SAMPLES
    [pdf] = canvas.build(SAMPLES[-1], tmp_path, formats=["pdf"], paper="a3")
    sizes = page_sizes(pdf)
    assert sizes.count(A3_LANDSCAPE) == 5  # the canvas, the Lean Canvas and three journeys
    assert sizes[0] == A4_PORTRAIT
    [xlsx] = canvas.build(SAMPLES[-1], tmp_path, formats=["xlsx"], paper="a3")
    assert int(load_workbook(xlsx)["Business Model Canvas"].page_setup.paperSize) == 8  # A3
    assert int(load_workbook(xlsx)["Lean Canvas"].page_setup.paperSize) == 8


# --- journeys ------------------------------------------------------------------------------

def _curve_y(score: int) -> float:
    from canvas.render.svg import _y

    return _y(score)


def _curve_points(svg: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r'<g class="face"><circle cx="([\d.]+)" cy="([\d.]+)"', svg)]


def test_emotion_curve_is_drawn_under_the_stages_right_to_left_for_persian(built):
    html = built["bank-fa"]["html"].read_text("utf-8")
    svg = re.search(r'<svg class="emotion-curve".*?</svg>', html, re.S).group(0)
    points = _curve_points(svg)
    assert len(points) == 6  # scores 0, 1, -1, 2, 1, 2
    xs = [x for x, _ in points]
    assert xs == sorted(xs, reverse=True)  # the first stage on the right
    ys = [y for _, y in points]
    assert ys[3] < ys[1] < ys[0] < ys[2]  # +2 above +1 above 0 above -1


def test_emotion_curve_runs_left_to_right_in_english(built):
    html = built["music-streaming-en"]["html"].read_text("utf-8")
    xs = [x for x, _ in _curve_points(re.search(r'<svg class="emotion-curve".*?</svg>', html, re.S).group(0))]
    assert xs == sorted(xs)


def test_long_journey_continues_in_even_tables_with_one_curve(tmp_path):
    stages = "\n".join(f"      - {{stage: {s}, emotion: {e}, actions: [step {i}]}}" for i, (s, e) in enumerate(
        zip(["awareness", "interest", "evaluation", "purchase", "after_purchase", "loyalty", "referral",
             "renewal"], [0, 1, -1, 2, -2, 1, None, 0]), start=1)).replace("emotion: None, ", "")
    text = f"""version: 1
meta: {{title: Long, language: en}}
custom_stages: [{{id: referral, name: Referral}}, {{id: renewal, name: Renewal}}]
segments: [{{id: s, name: S}}]
journeys:
  - id: long
    segment: s
    title: A long journey
    stages:
{stages}
"""
    html_path, pdf_path = sorted(canvas.build(canvas.loads(text), tmp_path, formats=["html", "pdf"]))
    # on screen (no pages) one table; in print...
    assert html_path.read_text("utf-8").count('class="journey-map stages-8"') == 1
    html = _print_html(canvas.loads(text))
    # ...eight stages: two tables of four (not six and two), the second headed by the journey's title
    assert html.count('class="journey-map stages-4"') == 2
    assert html.count('<tr class="part-of"><th colspan="5">A long journey <span class="part">(part 2 of 2)') == 1
    curves = re.findall(r'<svg class="emotion-curve".*?</svg>', html, re.S)
    assert [len(_curve_points(c)) for c in curves] == [4, 3]  # the 7th stage has no score
    # the curve runs on across the tables: the first ends at its edge halfway to stage 5 (-2),
    # the second starts from its edge halfway from stage 4 (2)
    edge = lambda svg: re.findall(r'<polyline points="([\d.]+),([\d.]+) [\d.]+,[\d.]+" fill="none" stroke="[^"]+" '
                                  r'stroke-width="3"/>', svg)  # noqa: E731
    [(x, y)] = edge(curves[0])
    width = float(re.search(r'viewBox="0 0 ([\d.]+)', curves[0]).group(1))
    assert float(x) == width and float(y) == pytest.approx(sum(_curve_y(s) for s in (2, -2)) / 2)
    [(x, y)] = edge(curves[1])
    assert float(x) == 0 and float(y) == pytest.approx(sum(_curve_y(s) for s in (2, -2)) / 2)
    words = words_with_boxes(pdf_path)
    assert {"step", "8"} <= {w[3] for w in words}
    assert all(10 <= x0 and x1 <= w - 10 for _, w, _, _, x0, _, x1, _ in words)


# --- brand ---------------------------------------------------------------------------------

def test_brand_block_colours_logo_and_footer_reach_every_output(tmp_path):
    png(tmp_path)
    model_file = tmp_path / "m.yaml"
    model_file.write_text("""version: 1
meta: {title: Branded, language: en}
brand: {logo: logo.png, primary: '#AA0000', accent: '#0000AA', footer: 'Confidential — Client & Co'}
segments: [{id: s, name: S}]
""", "utf-8")
    html, pdf, xlsx = sorted(canvas.build(model_file, tmp_path / "out"), key=lambda p: p.suffix)
    text = html.read_text("utf-8")
    assert "--primary: #AA0000; --accent: #0000AA" in text
    assert '<img class="logo" src="data:image/png;base64,' in text
    assert "Confidential — Client &amp; Co" in text
    reader = PdfReader(pdf)
    assert len(reader.pages[0].images) == 1
    assert "Confidential — Client & Co" in reader.pages[2].extract_text()
    assert "Confidential" not in reader.pages[0].extract_text()  # not on the cover
    wb = load_workbook(xlsx)
    overview = wb.worksheets[0]
    assert len(overview._images) == 1
    assert wb["Customer segments"]["A3"].fill.fgColor.rgb.endswith("AA0000")


def test_brand_file_overrides_the_model_and_finds_its_logo_beside_it(tmp_path, cli, monkeypatch):
    brand_dir = tmp_path / "client"
    brand_dir.mkdir()
    png(brand_dir, colour=(0, 120, 0))
    (brand_dir / "brand.yaml").write_text("logo: logo.png\nprimary: '#007700'\n", "utf-8")
    model = tmp_path / "m.yaml"
    model.write_text("version: 1\nmeta: {title: B, language: fa}\nbrand: {primary: '#AA0000'}\n", "utf-8")
    monkeypatch.chdir(tmp_path / "..")
    result = cli("build", model, "-o", tmp_path / "out", "--no-pdf", "--brand", brand_dir / "brand.yaml")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "m.html").read_text("utf-8")
    assert "--primary: #007700" in text and "data:image/png;base64," in text


@pytest.mark.parametrize("content, expected", [
    ("primary: red\n", ":1:10: 'red' is not a colour: write it as #RRGGBB in quotes, e.g. '#1F4E79'"),
    ("primay: '#112233'\n", ":1:1: unknown key 'primay' — did you mean 'primary'?"),
    ("logo: missing.png\n", ":1:7: logo file"),
    ("logo: brand.yaml\n", "is not a PNG, JPEG or SVG image"),
    ("- a list\n", ":1:1: the top level must be a mapping"),
])
def test_bad_brand_files_are_clear_errors(tmp_path, cli, content, expected):
    brand = tmp_path / "brand.yaml"
    brand.write_text(content, "utf-8")
    model = tmp_path / "m.yaml"
    model.write_text("version: 1\nmeta: {title: B, language: en}\n", "utf-8")
    result = cli("build", model, "-o", tmp_path / "out", "--brand", brand)
    assert result.exit_code == 2
    assert expected in result.output and str(brand) in result.output
    assert not (tmp_path / "out").exists()


def test_logo_in_the_model_must_exist_and_be_an_image(tmp_path):
    (tmp_path / "notes.txt").write_text("not an image", "utf-8")
    with pytest.raises(canvas.errors.InputError, match=r"m.yaml:3:15: logo file 'notes.txt' is not a PNG"):
        (tmp_path / "m.yaml").write_text("version: 1\nmeta: {title: B, language: en}\n"
                                         "brand: {logo: notes.txt}\n", "utf-8")
        canvas.load(tmp_path / "m.yaml")
    with pytest.raises(canvas.errors.InputError, match=r"m.yaml:3:15: logo file '/etc/passwd' is outside the model's"):
        (tmp_path / "m.yaml").write_text("version: 1\nmeta: {title: B, language: en}\n"
                                         "brand: {logo: /etc/passwd}\n", "utf-8")
        canvas.load(tmp_path / "m.yaml")


def test_svg_logo_cannot_make_the_pdf_fetch_files(tmp_path):
    from canvas.render.html import assets_dir
    from canvas.render.pdf import AssetsOnlyFetcher, render

    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'
        '<image xlink:href="file:///etc/hostname" width="10" height="10"/>'
        '<image xlink:href="http://127.0.0.1:9/x.png" width="10" height="10"/></svg>', "utf-8")
    model = canvas.loads("version: 1\nmeta: {title: S, language: en}\nbrand: {logo: logo.svg}\n",
                         base_dir=tmp_path)
    fetcher = AssetsOnlyFetcher([assets_dir()])
    pdf = render(View(model, look=resolve((model.brand, tmp_path))), fetcher=fetcher)
    assert pdf.startswith(b"%PDF")
    assert set(fetcher.refused) == {"file:///etc/hostname", "http://127.0.0.1:9/x.png"}


def test_urls_in_yaml_text_are_text_and_fetch_nothing(tmp_path):
    from canvas.render.html import assets_dir
    from canvas.render.pdf import AssetsOnlyFetcher, render

    model = canvas.loads("version: 1\nmeta: {title: '<img src=\"file:///etc/hostname\">', language: en}\n"
                         "segments: [{id: s, name: '<link rel=attachment href=\"http://127.0.0.1:9/\">'}]\n")
    fetcher = AssetsOnlyFetcher([assets_dir()])
    pdf = render(View(model), fetcher=fetcher)
    assert fetcher.refused == []  # escaped: nothing even asked for
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert '<img src="file:///etc/hostname">' in text
    assert not PdfReader(io.BytesIO(pdf)).attachments


def test_text_in_the_other_language_keeps_its_direction(tmp_path):
    """An English edition of a Persian model shows untranslated text right-to-left, and back."""
    model = canvas.loads("version: 1\nmeta: {title: {fa: عنوان, en: Title}, language: fa}\n"
                         "segments:\n  - {id: s, name: مشتریان خرد, description: {en: Students.}}\n")
    html_en, xlsx_en = sorted(canvas.build(model, tmp_path / "en", formats=["html", "xlsx"], lang="en"))
    text = html_en.read_text("utf-8")
    assert '<span lang="fa" dir="rtl">مشتریان خرد</span>' in text  # untagged text is in meta.language
    assert "<title>Title</title>" in text and '<span lang="en"' not in text
    ws = load_workbook(xlsx_en)["Customer segments"]
    assert (ws["B4"].alignment.readingOrder, ws["B4"].alignment.horizontal) == (2, "right")
    assert (ws["C4"].alignment.readingOrder, ws["C4"].alignment.horizontal) == (1, "left")
    html_fa, xlsx_fa = sorted(canvas.build(model, tmp_path / "fa", formats=["html", "xlsx"], lang="fa"))
    assert '<span lang="en" dir="ltr">Students.</span>' in html_fa.read_text("utf-8")
    ws = load_workbook(xlsx_fa)["بخش‌های مشتری"]
    assert (ws["C4"].alignment.readingOrder, ws["C4"].alignment.horizontal) == (1, "left")
    assert (ws["B4"].alignment.readingOrder, ws["B4"].alignment.horizontal) == (2, "right")


def test_long_tables_repeat_their_header_on_every_page(tmp_path):
    channels = "\n".join(f"  - {{id: c{i}, name: Channel number {i}, category: internet, serves: {{s: {1 + i % 3}}}}}"
                         for i in range(90))
    model = canvas.loads(f"version: 1\nmeta: {{title: Many, language: en}}\nsegments: [{{id: s, name: Seg}}]\n"
                         f"channels:\n{channels}\n")
    [pdf] = canvas.build(model, tmp_path, formats=["pdf"])
    texts = page_texts(pdf)
    canvas_pages = [t for t in texts if "Business Model Canvas (part" in t]
    # past the smallest type, the canvas continues with the blocks that have more, and hides nothing
    assert len(canvas_pages) > 1 and "(part 1 of 2)" in canvas_pages[0] and "CC BY-SA" in canvas_pages[0]
    assert all("(part 2 of 2)" in t for t in canvas_pages[1:])
    assert "Key partners" not in " ".join(canvas_pages[1:])  # an empty block has no box there
    on_canvas = " ".join(" ".join(canvas_pages).split())
    assert all(f"Channel number {i} " in on_canvas + " " for i in range(90))
    pages = [t for t in texts if "Channel number" in t and t not in canvas_pages]
    assert len(pages) >= 2
    assert all("Category" in t and "Awareness" in t for t in pages)
    joined = " ".join(" ".join(pages).split())
    assert all(f"Channel number {i} " in joined for i in range(90))


@pytest.mark.parametrize("segments, name, matrix", [(3, "Seg", True), (9, "Seg", False),
                                                    (4, "Telecommunications-operators", False)])
def test_many_segments_turn_the_matrices_into_readable_lists(tmp_path, segments, name, matrix):
    """Beyond eight segments, or with words wider than their columns (a segment name or a strength,
    which would break mid-word), the report lists channels by segment and segments by proposition
    instead of drawing matrices."""
    segs = ", ".join(f"{{id: s{i}, name: {name} {i}}}" for i in range(segments))
    channels = "\n".join(f"  - {{id: c{i}, name: Channel name {i}, category: internet, "
                          f"serves: {{s{i % segments}: 3, s{(i + 1) % segments}: 1}}}}" for i in range(10))
    model = canvas.loads(f"version: 1\nmeta: {{title: Wide, language: en}}\nsegments: [{segs}]\n"
                         f"value_propositions: [{{id: v, name: Offer, segments: [s0, s{segments - 1}]}}]\n"
                         f"channels:\n{channels}\n")
    html_path, pdf_path = sorted(canvas.build(model, tmp_path, formats=["html", "pdf"]))
    html = html_path.read_text("utf-8")
    strength_headers = html.count(f'<th class="small">{name} ')
    assert strength_headers == (segments if matrix else 0)
    assert ('class="by-segment"' in html) is (not matrix)
    assert ('class="value-map"' in html) is (not matrix)
    if not matrix:  # matrix and lists carry the same facts
        rows = re.findall(rf"<tr><th>({name} \d+)</th>\s*(.*?)</tr>", html.split('class="by-segment"')[1], re.S)
        assert len(rows) == segments
        strong, _, weak = re.findall(r"<td>(.*?)</td>", dict(rows)[f"{name} 3"], re.S)
        assert "Channel name 3" in strong and "Channel name 2" in weak and "Channel name 3" not in weak
    words = words_with_boxes(pdf_path)
    assert all(10 <= x0 and x1 <= w - 10 for _, w, _, _, x0, _, x1, _ in words)
    text = " ".join(" ".join(page_texts(pdf_path)).split())
    assert "Channel name 9" in text and f"{name} {segments - 1}" in text


@pytest.mark.parametrize("body", [
    "key_activities: [{entries}]\nkey_partners: [{{name: Bank}}]\n",
    "segments:\n  - {{id: a, name: Small}}\n  - {{id: b, name: Big, concerns: [{concerns}]}}\n",
    "value_propositions: [{{id: v, name: Offer, values: {{functional: [{concerns}], social: [Pride]}}}}]\n",
])
def test_a_card_longer_than_a_page_runs_onto_the_next_pages(tmp_path, body):
    """Cards side by side are table rows, which split across pages: a card longer than a page runs
    on and none of its entries is cut off."""
    body = body.format(entries=", ".join(f"{{name: Entry number {i}}}" for i in range(90)),
                       concerns=", ".join(f"Entry number {i}" for i in range(90)))
    model = canvas.loads(f"version: 1\nmeta: {{title: Busy, language: en}}\n{body}")
    html_path, pdf_path = sorted(canvas.build(model, tmp_path, formats=["html", "pdf"]))
    texts = page_texts(pdf_path)
    pages = [n for n, t in enumerate(texts) if "Entry number" in t and "CC BY-SA" not in t]
    assert len(pages) >= 2
    joined = " ".join(" ".join(texts[n] for n in pages).split()) + " "
    assert all(f"Entry number {i} " in joined for i in range(90))
    words = words_with_boxes(pdf_path)
    assert all(10 <= y0 and y1 <= h - 10 for _, _, h, _, _, y0, _, y1 in words)


def test_labels_sit_beside_their_own_values_in_side_by_side_cards(built):
    """Floats inside side-by-side cards once swapped labels between cards in RTL; check by position."""
    words: dict[tuple, list] = {}  # (page, word) -> the boxes of every time it is there
    for w in words_with_boxes(built["bank-fa"]["pdf"]):
        words.setdefault((w[0], w[3][::-1]), []).append(w[4:])  # RTL comes reversed
    page = next(p for p, word in words if word == "سابقه")
    for label, value in (("سابقه", "باسح"[::-1]), ("ترجیحات", "انتخاب")):  # history; purchase preferences
        [(lx0, ly0, _, _)] = words[(page, label)]
        vx0, vy0, vx1, _ = max(words[(page, value)], key=lambda box: -abs(box[1] - ly0))
        assert abs(vy0 - ly0) < 3, label  # on the label's line
        assert 0 < lx0 - vx1 < 200, label  # just before the label in reading order, in the same card


def test_an_unsafe_template_cache_folder_means_no_cache_not_a_failure(tmp_path, monkeypatch):
    """Jinja refuses a cache folder another user owns; the report then compiles its templates."""
    import tempfile

    from canvas.render import html

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert html._bytecode_cache() is not None
    other = os.getuid() + 1  # the folder we made now looks like another user's
    (tmp_path / f"_jinja2-cache-{other}").mkdir(mode=0o700)
    monkeypatch.setattr(os, "getuid", lambda: other)
    assert html._bytecode_cache() is None


def test_a_persona_shows_its_photo_or_else_its_initials(tmp_path):
    png(tmp_path, "ana.png", colour=(20, 160, 90))
    (tmp_path / "m.yaml").write_text("""version: 1
meta: {title: Faces, language: en}
segments: [{id: s, name: Students}]
personas:
  - {id: ana, segment: s, name: Ana Lopez, photo: ana.png}
  - {id: bo, segment: s, name: bo chen}
""", "utf-8")
    html_path, pdf_path = sorted(canvas.build(tmp_path / "m.yaml", tmp_path / "out", formats=["html", "pdf"]))
    html = html_path.read_text("utf-8")
    assert html.count('<img class="avatar" src="data:image/png;base64,') == 1
    assert '<div class="avatar" aria-hidden="true">B\u200cC</div>' in html  # initials, kept apart
    images = subprocess.run(["pdfimages", "-list", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) == 3  # two header lines and the photo


def test_a_missing_persona_photo_is_an_error_at_its_line(tmp_path):
    (tmp_path / "m.yaml").write_text("version: 1\nmeta: {title: F, language: en}\nsegments: [{id: s, name: S}]\n"
                                     "personas:\n  - {id: a, segment: s, name: A, photo: nowhere.png}\n", "utf-8")
    with pytest.raises(canvas.errors.InputError, match=r"m.yaml:5:\d+: photo file .*nowhere.png' not found"):
        canvas.load(tmp_path / "m.yaml")


def _print_html(model) -> str:
    """The HTML the PDF is rendered from (the HTML output lays out for a screen instead)."""
    from canvas.render.html import to_html
    from canvas.view import View

    return to_html(View(model), embed_fonts=False)


def test_the_html_output_lays_out_for_a_screen(tmp_path):
    """A browser has no pages: the canvas is whole at its full size, its rows growing with their
    text, even where the PDF continues it."""
    channels = "\n".join(f"  - {{id: c{i}, name: Channel number {i}, category: internet}}" for i in range(90))
    model = canvas.loads(f"version: 1\nmeta: {{title: Many, language: en}}\nchannels:\n{channels}\n")
    [html_path] = canvas.build(model, tmp_path, formats=["html"])
    html = html_path.read_text("utf-8")
    assert 'class="bmc" style="font-size: 9.5pt"' in html and "(part" not in html
    assert html.count('<tr style="height: 0.0mm">') == 2
    assert all(f"Channel number {i}<" in html for i in range(90))
    assert "(part 1 of 2)" in _print_html(model)


def test_a_full_canvas_shrinks_its_type_to_stay_on_one_page(tmp_path):
    blocks = ("key_partners", "key_activities", "key_resources", "revenue_streams", "cost_structure")
    body = "".join(f"{key}: [{', '.join(f'{{name: {key} entry {i} with a longer name}}' for i in range(14))}]\n"
                   for key in blocks)
    model = canvas.loads(f"version: 1\nmeta: {{title: Full, language: en}}\n{body}")
    [pdf_path] = canvas.build(model, tmp_path, formats=["pdf"])
    size = float(re.search(r'class="bmc" style="font-size: ([\d.]+)pt', _print_html(model)).group(1))
    assert 6.5 <= size < 9.5
    texts = page_texts(pdf_path)
    [page] = [t for t in texts if "CC BY-SA" in t]
    flat = " ".join(page.split())
    assert all(f"{key} entry {i} with a longer name" in flat for key in blocks for i in range(14))


def test_a_dense_journey_map_shrinks_to_fit_its_page(tmp_path):
    actions = ", ".join(f"a long action number {i} that takes a good part of a line" for i in range(9))
    stages = "\n".join(f"      - {{stage: {s}, emotion: 1, actions: [{actions}], thoughts: [{actions}]}}"
                       for s in ("awareness", "interest", "evaluation", "purchase", "after_purchase", "loyalty"))
    model = canvas.loads(f"version: 1\nmeta: {{title: Dense, language: en}}\nsegments: [{{id: s, name: S}}]\n"
                         f"journeys:\n  - id: j\n    segment: s\n    title: Dense journey\n    stages:\n{stages}\n")
    [pdf_path] = canvas.build(model, tmp_path, formats=["pdf"])
    size = float(re.search(r'class="journey-map stages-6" style="font-size: ([\d.]+)pt', _print_html(model)).group(1))
    assert size < 8.5
    texts = page_texts(pdf_path)
    [page] = [n for n, t in enumerate(texts) if "Dense journey" in t and "Stage" in t]
    assert "Emotion curve" in texts[page] and "number 8" in texts[page].split("Thoughts")[-1]  # the last row too
    assert not any("a long action" in t for t in texts[page + 1:])


def test_when_the_estimate_falls_short_the_pdf_sets_the_grid_smaller(tmp_path, monkeypatch):
    """Text measured 25% too narrow: the planned canvas overflows its page; the PDF renderer sees it
    in the laid-out pages and plans it again, so its pages still hold everything, each on one page."""
    from canvas.render import measure, pdf

    monkeypatch.setattr(measure, "_SAFETY", 0.8)
    measure._width.cache_clear()
    seen = []
    monkeypatch.setattr(pdf, "overflowing", lambda document, real=pdf.overflowing: seen.append(real(document)) or seen[-1])
    try:
        blocks = ("key_partners", "key_activities", "key_resources", "revenue_streams", "cost_structure")
        body = "".join(f"{key}: [{', '.join(f'{{name: {key} entry {i} with a name of some length}}' for i in range(12))}]\n"
                       for key in blocks)
        [pdf_path] = canvas.build(canvas.loads(f"version: 1\nmeta: {{title: Full, language: en}}\n{body}"),
                                  tmp_path, formats=["pdf"], jobs=1)
    finally:
        measure._width.cache_clear()
    assert seen[0] == {"canvas"} and seen[-1] == set(), seen  # ran over at first, then fitted
    flat = " ".join(" ".join(t for t in page_texts(pdf_path) if "Business Model Canvas" in t).split())
    assert all(f"{key} entry {i} with a name of some length" in flat for key in blocks for i in range(12))
