"""The deck (--pptx) and the pictures (--png): what python-pptx reads back from each sample's deck in
both languages (slides, every text, direction, charts and their values, tables), the same bytes for
the same model, a consultant's template, LibreOffice Impress opening every deck, and the PNGs."""
from __future__ import annotations

import re

import pytest
from pydantic import BaseModel
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

import canvas
from canvas.fields import Text
from canvas.model import BusinessModel
from canvas.view import View
from canvas.yaml_out import dumps
from conftest import SAMPLES, SAMPLE_IDS
from layoutgen import MARKER, Case, markers, model, shown_values
from modelgen import PNG
from programs import libreoffice

# Model texts deliberately not on any slide: none (the brand footer is every slide's footer line).
DECK_LEAVES_OUT: tuple[str, ...] = ()
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[tuple[str, str], object]:
    """{(sample, lang): path of its deck}, both languages of every sample."""
    out = tmp_path_factory.mktemp("decks")
    found = {}
    for sample in SAMPLES:
        for path in canvas.build(sample, out, formats=["pptx"], lang="all"):
            found[sample.stem, path.suffixes[-2].lstrip(".")] = path
    return found


def texts_of(prs) -> list[str]:
    """Every text of the deck: text boxes, shapes, table cells, chart categories and series names."""
    out = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                out.append(shape.text_frame.text)
            if shape.has_table:
                out += [cell.text for row in shape.table.rows for cell in row.cells]
            if shape.has_chart:
                plot = shape.chart.plots[0]
                out += [str(c) for c in plot.categories] + [s.name for s in plot.series]
    return out


def model_texts(model: BusinessModel, view: View) -> list[str]:
    """Every Text of the model as `view` shows it, found by walking the pydantic model (a field added
    later is covered without touching this test)."""
    found: list[str] = []

    def walk(value, name=""):
        if isinstance(value, Text):  # a touchpoint naming a channel's id shows the channel's name
            found.append(view.touchpoint(value) if name == "touchpoints" else view.unit(value) if name == "unit"
                         else view.t(value))
        elif isinstance(value, list):
            for item in value:
                walk(item, name)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item, name)
        elif isinstance(value, BaseModel):
            for field in type(value).model_fields:
                walk(getattr(value, field), field)
    walk(model)
    return [t for t in found if t]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("sample", SAMPLE_IDS)
def test_every_text_of_the_model_is_on_a_slide(decks, sample, lang):
    model = canvas.load(next(s for s in SAMPLES if s.stem == sample))
    view = View(model, lang, look=canvas.builder.look_of(model))
    shown = flat("\n".join(texts_of(Presentation(decks[sample, lang]))))
    missing = [t for t in model_texts(model, view) if flat(t) not in shown and t not in DECK_LEAVES_OUT]
    assert not missing


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("sample", SAMPLE_IDS)
def test_slides_charts_and_tables(decks, sample, lang):
    model = canvas.load(next(s for s in SAMPLES if s.stem == sample))
    view = View(model, lang)
    prs = Presentation(decks[sample, lang])
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # 16:9
    titles = [next((s.text_frame.text for s in slide.shapes if s.name == "Title"), "") for slide in prs.slides]
    # a slide per persona and per proposition, at least one per journey; cover, agenda, summary, canvas
    for p in model.personas:
        assert titles.count(f"{view.label('persona')}: {view.t(p.name)}") == 1
    for j in model.journeys:
        assert any(t.startswith(view.journey_title(j)) for t in titles)
    fixed = 4 + len(model.personas) + len(model.value_propositions) + len(model.journeys)
    assert len(prs.slides) >= fixed + 5
    assert titles[0] == view.t(model.meta.title) and titles[1] == view.label("contents")
    # the agenda: each section with the number of its first slide, in order
    agenda = {s.name: s for s in prs.slides[1].shapes}
    entries = [s.text_frame.text for s in prs.slides[1].shapes if s.name == "Agenda entry"]
    numbers = [int(s.text_frame.text.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")))
               for s in prs.slides[1].shapes if s.name == "Agenda slide"]
    assert agenda and numbers == sorted(numbers) and len(set(numbers)) == len(numbers) == len(entries)
    assert titles[numbers[entries.index(view.label("canvas"))] - 1].startswith(view.label("canvas"))
    charts = {}
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_chart:
                charts.setdefault(shape.chart.chart_type, []).append(shape.chart)
    # the emotion curve of each journey: a line with the scores, a gap where a stage has none
    curves = charts[XL_CHART_TYPE.LINE_MARKERS]
    assert [list(c.plots[0].series[0].values) for c in curves] == [[s.emotion for s in j.stages]
                                                                   for j in model.journeys]
    # the main funnel, then each named funnel, a chart each
    bars, *others = charts[XL_CHART_TYPE.BAR_CLUSTERED]
    assert [list(b.plots[0].series[0].values) for b in others] == [[s.count for s in f.stages] for f in model.funnels]
    assert list(bars.plots[0].series[0].values) == [s.count for s in model.funnel.stages]
    assert list(bars.plots[0].categories) == [view.funnel_name(s) for s in model.funnel.stages]
    labels = [p.data_label.text_frame.text for p in bars.plots[0].series[0].points]
    assert labels == [view.num(s.count) for s in model.funnel.stages]  # Persian digits in Persian
    [shares] = charts[XL_CHART_TYPE.COLUMN_CLUSTERED]
    theirs = list(shares.plots[0].series)
    if any(s.our_share is not None for s in model.segments):  # our own share first, named by the organisation
        us = theirs.pop(0)
        assert us.name == view.t(model.meta.organisation)
        ours = {view.t(s.name): s.our_share for s in model.segments}
        assert list(us.values) == [ours.get(c) for c in shares.plots[0].categories]
        assert {view.t(s.name) for s in model.segments if s.our_share is not None} <= set(shares.plots[0].categories)
    for series in theirs:
        competitor = next(c for c in model.competitors if view.t(c.name) == series.name)
        wanted = {view.segment_name(m.segment): m.share for m in competitor.markets}
        assert [wanted.get(c) for c in shares.plots[0].categories] == list(series.values)
    for chart in curves + [shares]:  # categories read from the right in Persian
        found = chart._chartSpace.find(f".//{C}catAx/{C}scaling/{C}orientation")
        assert (found.get("val") if found is not None else "minMax") == ("maxMin" if lang == "fa" else "minMax")
    # the channel matrix: a row per channel, its name in the first column (the last in Persian)
    table = next(s.table for slide in prs.slides for s in slide.shapes
                 if s.has_table and s.table.cell(0, 0 if lang == "en" else len(s.table.columns) - 1).text
                 == view.label("channels"))
    column = 0 if lang == "en" else len(table.columns) - 1
    assert [table.cell(r, column).text for r in range(1, len(table.rows))] == [
        view.t(c.name) for c in view.channels_by_category()][:len(table.rows) - 1]


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_lean_canvas_is_its_grid_on_one_slide_mirrored_in_persian(decks, lang):
    from canvas.lean import GRID, entries

    model = canvas.load(next(s for s in SAMPLES if s.stem == "music-streaming-en"))
    view = View(model, lang)
    prs = Presentation(decks["music-streaming-en", lang])
    [slide] = [s for s in prs.slides if any(sh.name == "Title" and sh.text_frame.text == view.label("lean")
                                            for sh in s.shapes)]
    boxes = {sh.name: sh for sh in slide.shapes if sh.name in {g[0] for g in GRID}}
    assert set(boxes) == {g[0] for g in GRID}
    for key, lines in entries(view).items():  # the box's heading, then its lines
        assert flat(boxes[key].text_frame.text) == flat(" ".join([view.label(key)] + lines))
    # problem at the reading start (left in English, right in Persian), segments at its end; the
    # boxes under each upper one, costs and revenue across the bottom
    left = {key: box.left for key, box in boxes.items()}
    assert (left["problem"] < left["segments"]) == (lang == "en")
    assert left["existing_alternatives"] == left["problem"] and left["early_adopters"] == left["segments"]
    assert boxes["key_metrics"].top > boxes["solution"].top + boxes["solution"].height - 12700
    assert boxes["cost_structure"].top >= boxes["key_metrics"].top + boxes["key_metrics"].height - 12700
    assert any("CC BY-SA" in sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_persian_paragraphs_run_right_to_left_in_a_persian_font(decks, lang):
    prs = Presentation(decks["bank-fa", lang])
    paragraphs = [p for slide in prs.slides for shape in slide.shapes for p in _paragraphs(shape)
                  if "".join(t.text or "" for t in p.iter(f"{A}t")).strip()]
    assert len(paragraphs) > 300
    for p in paragraphs:
        pPr = p.find(f"{A}pPr")
        if lang == "fa":
            assert pPr.get("rtl") == "1" and pPr.get("algn") in ("r", "ctr", "l")
            for r in p.iter(f"{A}rPr"):
                assert r.find(f"{A}cs").get("typeface") == "Tahoma" and r.get("lang") == "fa-IR"
        else:  # left-aligned; a text not translated yet keeps its own (Persian) direction
            text = "".join(t.text or "" for t in p.iter(f"{A}t"))
            assert pPr.get("algn") in ("l", "ctr", "r")
            if pPr.get("rtl") == "1":
                assert re.search("[\u0600-\u06FF]", text)
    if lang == "fa":  # right-aligned but the slide numbers (at the left, the line's end)
        assert sum(p.find(f"{A}pPr").get("algn") == "r" for p in paragraphs) > 0.8 * len(paragraphs)
        text = " ".join("".join(t.text for t in p.iter(f"{A}t")) for p in paragraphs)
        assert not re.search(r"[0-9]", re.sub(r"[A-Za-z][A-Za-z0-9.\- ]*", "", text))  # Persian digits


def _paragraphs(shape):
    if shape.has_text_frame:
        yield from shape.text_frame._txBody.iter(f"{A}p")
    if shape.has_table:
        for row in shape.table.rows:
            for cell in row.cells:
                yield from cell._tc.iter(f"{A}p")


def test_the_same_model_gives_the_same_deck(tmp_path):
    sample = next(s for s in SAMPLES if s.stem == "bank-fa")
    [first] = canvas.build(sample, tmp_path / "a", formats=["pptx"])
    [second] = canvas.build(sample, tmp_path / "b", formats=["pptx"])
    assert first.read_bytes() == second.read_bytes()


def test_a_rebuild_replaces_its_deck_but_not_one_someone_saved(tmp_path):
    sample = next(s for s in SAMPLES if s.stem == "learning-fa")
    [deck] = canvas.build(sample, tmp_path, formats=["pptx"])
    assert canvas.build(sample, tmp_path, formats=["pptx"]) == [deck]  # ours, unchanged: replaced
    for author in ("Consultant", None):  # None: a script saved it, keeping every property canvas set
        assert canvas.build(sample, tmp_path, formats=["pptx"], force=True) == [deck]
        prs = Presentation(deck)
        prs.slides[2].shapes[0].text_frame.text = "my own words"
        if author:
            prs.core_properties.last_modified_by = author
        prs.save(deck)
        with pytest.raises(canvas.errors.InputError, match="--force"):
            canvas.build(sample, tmp_path, formats=["pptx"])
        assert "my own words" in Presentation(deck).slides[2].shapes[0].text_frame.text
    assert canvas.build(sample, tmp_path, formats=["pptx"], force=True) == [deck]


def test_a_deck_saved_by_impress_is_not_taken_for_ours(tmp_path):
    from canvas.output import ours

    sample = next(s for s in SAMPLES if s.stem == "learning-fa")
    [deck] = canvas.build(sample, tmp_path / "built", formats=["pptx"])
    assert ours(deck)
    [saved] = libreoffice([deck], "pptx", tmp_path / "saved")
    assert not ours(saved)


def _template(path, extra_slide=True):
    """A 4:3 template of python-pptx's own layouts, with an example slide a consultant left in."""
    prs = Presentation()
    if extra_slide:
        prs.slides.add_slide(prs.slide_layouts[1]).shapes.title.text = "EXAMPLE SLIDE"
    prs.save(path)
    return path


def test_a_template_gives_its_size_and_layouts(tmp_path):
    template = _template(tmp_path / "consultant.pptx")
    sample = next(s for s in SAMPLES if s.stem == "music-streaming-en")
    [deck] = canvas.build(sample, tmp_path, formats=["pptx"], pptx_template=template)
    prs = Presentation(deck)
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)
    assert "EXAMPLE SLIDE" not in "\n".join(texts_of(prs))
    assert prs.slides[0].slide_layout.name == "Title Slide"  # the layout with a centred title
    assert {s.slide_layout.name for s in list(prs.slides)[1:]} == {"Title Only"}
    assert prs.slides[3].shapes.title.text_frame.text.startswith("Business Model Canvas")
    # only the titles are placeholders: no "Click to add text" left on a slide
    assert all(len(s.placeholders) == 1 for s in list(prs.slides)[1:])


@pytest.mark.parametrize("content", [b"not a presentation", b"PK\x05\x06" + b"\x00" * 18])
def test_an_unreadable_template_is_refused_with_exit_2(cli, tmp_path, content):
    bad = tmp_path / "bad.pptx"
    bad.write_bytes(content)
    result = cli("build", SAMPLES[0], "-o", tmp_path / "out", "--pptx", "--pptx-template", bad)
    assert result.exit_code == 2
    assert "PowerPoint" in result.output and not (tmp_path / "out").exists()


def test_template_without_pptx_and_paper_with_it(cli, tmp_path):
    template = _template(tmp_path / "t.pptx")
    result = cli("build", SAMPLES[0], "-o", tmp_path / "o", "--pptx-template", template)
    assert result.exit_code == 2 and "--pptx" in result.output
    result = cli("build", SAMPLES[0], "-o", tmp_path / "o", "--pptx", "--no-pdf", "--no-html", "--no-xlsx",
                 "--paper", "a3")
    assert result.exit_code == 0 and "۱۶:۹" in result.output  # a note in the model's language (bank-fa)
    english = next(s for s in SAMPLES if s.stem.endswith("-en"))
    result = cli("build", english, "-o", tmp_path / "e", "--pptx", "--no-pdf", "--no-html", "--no-xlsx",
                 "--paper", "a3")
    assert result.exit_code == 0 and "16:9" in result.output


@pytest.mark.slow
@pytest.mark.parametrize("sample", SAMPLE_IDS)
def test_impress_opens_every_deck(decks, tmp_path, sample):
    from pypdf import PdfReader

    paths = [decks[sample, lang] for lang in ("fa", "en")]
    for deck, pdf in zip(paths, libreoffice(paths, "pdf", tmp_path)):
        assert len(PdfReader(pdf).pages) == len(Presentation(deck).slides)


def test_pictures_have_their_size_and_are_not_blank(tmp_path):
    from PIL import Image, ImageStat

    from canvas.output import ours

    sample = next(s for s in SAMPLES if s.stem == "bank-fa")
    model = canvas.load(sample)
    written = canvas.build(sample, tmp_path, formats=["png"])
    names = sorted(p.name for p in written)
    assert names == sorted(["bank-fa.canvas.png"] + [f"bank-fa.persona-{p.id}.png" for p in model.personas]
                           + [f"bank-fa.journey-{j.id}.png" for j in model.journeys])
    for path in written:
        image = Image.open(path)
        wide = "persona" not in path.name
        assert image.width == (2339 if wide else 1654)  # A4 landscape / portrait at 200 dpi
        assert 600 < image.height <= 3 * 1654
        assert ImageStat.Stat(image.convert("L")).stddev[0] > 10  # not blank
        assert ours(path)
    again = canvas.build(sample, tmp_path / "again", formats=["png"])
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in written]  # the same bytes
    canvas.build(sample, tmp_path, formats=["png"])  # ours, unchanged: replaced
    edited = written[0]
    Image.open(edited).save(edited)  # an image program saved it
    assert not ours(edited)
    with pytest.raises(canvas.errors.InputError):
        canvas.build(sample, tmp_path, formats=["png"])


def test_a3_pictures_are_wider(tmp_path):
    from PIL import Image

    sample = next(s for s in SAMPLES if s.stem == "learning-fa")
    written = canvas.build(sample, tmp_path, formats=["png"], paper="a3")
    assert Image.open(next(p for p in written if p.name.endswith(".canvas.png"))).width == 3308  # pdfium rounds 16.54 in x 200 up



@pytest.mark.parametrize("case", [Case(2, "fa", "a4", False), Case(9, "en", "a4", False),
                                  Case(16, "fa", "a4", True),
                                  pytest.param(Case(29, "en", "a4", False), marks=pytest.mark.slow)],
                         ids=lambda c: c.name)
def test_every_text_number_and_choice_of_a_generated_model_is_on_a_slide(tmp_path, case):
    """Models of every size with every field filled (tests/layoutgen.py): each text's marker, each
    number and vocabulary choice reaches a slide; a canvas too full for one slide continues."""
    data = model(case)
    (tmp_path / "logo.png").write_bytes(PNG)
    path = tmp_path / "model.yaml"
    path.write_text(dumps(data), "utf-8")
    [deck] = canvas.build(path, tmp_path, formats=["pptx"])
    shown = "\n".join(texts_of(Presentation(deck)))
    assert not markers(data) - set(MARKER.findall(shown))
    loaded = canvas.load(path)
    assert not {v for v in shown_values(data, View(loaded)) if v not in shown}


def test_pictures_are_cut_from_the_pdf_the_build_writes(tmp_path, monkeypatch):
    """With the PDF in the build the report is laid out once: the pictures come from that PDF, and
    are the same pictures a build without the PDF lays out for them alone."""
    from canvas.render import pdf

    sample = next(s for s in SAMPLES if s.stem == "learning-fa")
    alone = {p.name: p.read_bytes() for p in canvas.build(sample, tmp_path / "alone", formats=["png"])}
    calls = []
    layout = pdf.layout
    monkeypatch.setattr(pdf, "layout", lambda *a, **k: calls.append(1) or layout(*a, **k))
    both = canvas.build(sample, tmp_path / "both", formats=["pdf", "png"], jobs=1)
    assert len(calls) == 1
    assert {p.name: p.read_bytes() for p in both if p.suffix == ".png"} == alone


def test_a_report_template_without_the_sections_ids_gets_a_message_not_a_crash(cli, tmp_path):
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "canvas.html.j2").write_text('<section class="wide"><h1>Canvas</h1></section>', "utf-8")
    result = cli("build", SAMPLES[0], "-o", tmp_path / "out", "--png", "--no-xlsx", "--no-html",
                 "--templates", tmp_path / "tpl")
    assert result.exit_code == 2 and "'canvas'" in result.output and not (tmp_path / "out").exists()


def test_untrusted_text_stays_text(tmp_path):
    """Markup, formula triggers, bidi overrides stay as typed; what XML cannot hold (U+FFFE, control
    characters) is dropped instead of breaking the build (it was an internal error)."""
    source = next(s for s in SAMPLES if s.stem == "music-streaming-en").read_text("utf-8")
    evil = 'Evil \\x0b\\x1b\\uFFFE <b>x</b> =cmd|calc \\u202e rtl'
    model = tmp_path / "evil.yaml"
    model.write_text(re.sub(r"(?m)^  title: .*$", lambda _: f'  title: "{evil}"', source, count=1), "utf-8")
    [deck] = canvas.build(model, tmp_path, formats=["pptx"])
    prs = Presentation(deck)
    assert "Evil  <b>x</b> =cmd|calc \u202e rtl" in texts_of(prs)
    assert prs.core_properties.title == "Evil  <b>x</b> =cmd|calc \u202e rtl"


def test_a_template_cover_has_its_title_and_details(tmp_path):
    template = _template(tmp_path / "consultant.pptx", extra_slide=False)
    sample = next(s for s in SAMPLES if s.stem == "bank-fa")
    [deck] = canvas.build(sample, tmp_path, formats=["pptx"], pptx_template=template)
    model = canvas.load(sample)
    cover = Presentation(deck).slides[0]
    view = View(model)
    assert cover.shapes.title.text_frame.text == view.t(model.meta.title)
    details = [s.text_frame.text for s in cover.placeholders if s.placeholder_format.idx == 1][0]
    assert view.t(model.meta.organisation) in details and view.date in details


def test_charts_wear_the_brand_colours(tmp_path):
    brand = tmp_path / "brand.yaml"
    brand.write_text("primary: '#0B6E4F'\naccent: '#F28C28'\n", encoding="utf-8")
    sample = next(s for s in SAMPLES if s.stem == "music-streaming-en")
    [deck] = canvas.build(sample, tmp_path, formats=["pptx"], brand=brand)
    charts = [shape.chart for slide in Presentation(deck).slides for shape in slide.shapes if shape.has_chart]
    columns = next(c for c in charts if c.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED)
    fills = [str(series.format.fill.fore_color.rgb) for series in columns.plots[0].series]
    assert fills[:2] == ["0B6E4F", "F28C28"] and len(set(fills)) == len(fills)  # the brand's, each its own
