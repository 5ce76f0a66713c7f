"""Evidence in the outputs: the report's Assumptions section (the map and the ranked table, in the
HTML and the PDF), the low-confidence mark exactly on the entries of low confidence, our own share
beside the competitors', and the deck's Assumptions slides and marked canvas entries."""
from __future__ import annotations

import re
import subprocess

import pytest
from lxml import html as lxml_html
from pptx import Presentation

import canvas
from canvas.deck.evidence import LOW
from canvas.evidence import assumptions, entries
from canvas.render.html import render
from canvas.view import View
from conftest import SAMPLES

MUSIC = next(s for s in SAMPLES if s.stem == "music-streaming-en")
BANK = next(s for s in SAMPLES if s.stem == "bank-fa")


def flat(text: str) -> str:
    return " ".join(text.split())


def page(view: View):
    return lxml_html.fromstring(render(view))


def marked(element) -> bool:
    return bool(element.xpath(".//svg[contains(@class, 'low-mark')]"))


def own_text(element) -> str:
    """An element's text as read: without its mark's name (the SVG's <title>), and without the
    bidi isolates around a model's text (view.isolate: invisible, they only order the text)."""
    text = "".join(t for t in element.xpath(".//text()[not(ancestor::svg)]"))
    return flat(text.replace("\u2068", "").replace("\u2069", ""))


@pytest.mark.parametrize("sample, lang", [(MUSIC, "en"), (BANK, "fa")])
def test_the_ranked_table_lists_every_assumption_riskiest_first(sample, lang):
    model = canvas.load(sample)
    view = View(model, lang)
    found = assumptions(model)
    assert found and any(a.low for a in found)
    doc = page(view)
    [section] = doc.xpath("//section[@id='assumptions']")
    assert doc.xpath("//nav[@class='toc']/a[@href='#assumptions']")
    rows = section.xpath(".//table[contains(@class, 'assumptions')]/tbody/tr")
    assert len(rows) == len(found)
    cells = [[own_text(td) for td in row.xpath("td")] for row in rows]
    assert [c[0] for c in cells] == [view.num(n) for n in range(1, len(found) + 1)]
    scores = [a.score for a in found]
    assert scores == sorted(scores, reverse=True) and [c[1] for c in cells] == [view.num(s) for s in scores]
    assert [c[3] for c in cells] == [flat(view.assumption_name(a)) for a in found]
    assert [c[6] for c in cells] == [flat(view.t(a.entry.source)) for a in found]
    # the mark exactly on the rows of low confidence
    assert [marked(row) for row in rows] == [a.low for a in found]
    # the map: each rank once, in the cell of its importance (row) and confidence (column)
    grid = section.xpath(".//table[contains(@class, 'assumption-map')]/tbody/tr")
    placed = {}
    for r, row in enumerate(grid):
        for c, cell in enumerate(row.xpath("td")):
            for rank in cell.xpath(".//span[@class='rank']/text()"):
                placed[rank] = (r, c)
    level = {"high": 0, "medium": 1, "low": 2, None: 1}
    assert placed == {view.num(n): (level[a.entry.importance], level[a.entry.confidence])
                      for n, a in enumerate(found, start=1)}
    assert view.label("test_first") in own_text(grid[0].xpath("td")[2])  # high importance, low confidence


def test_the_marks_are_exactly_on_the_entries_of_low_confidence():
    model = canvas.load(MUSIC)
    view = View(model, "en")
    doc = page(view)
    low = [a.entry for a in assumptions(model) if a.low]
    # the canvas page: its marked items are the low entries of the nine blocks, with a legend
    canvas_page = doc.xpath("//section[@id='canvas']")[0]
    items = [own_text(li) for li in canvas_page.xpath(".//table[@class='bmc']//li")]
    marked_items = {own_text(li) for li in canvas_page.xpath(".//table[@class='bmc']//li") if marked(li)}
    on_canvas = {flat(view.t(e.name)) for e in low if hasattr(e, "name") and flat(view.t(e.name)) in items}
    assert marked_items == on_canvas and on_canvas  # Artist promotion tools
    assert canvas_page.xpath(".//span[@class='low-legend']")
    # the sections: the segments' pains, the competitors, the other blocks' tables
    pains = doc.xpath("//section[@id='segments']//ul[contains(@class, 'pains')]/li")
    assert {flat(li.text) for li in pains if marked(li)} == {
        flat(view.t(p.text)) for s in model.segments for p in s.pains if p.confidence == "low"}
    rivals = doc.xpath("//section[@id='competitors']//tbody/tr/th")
    assert [marked(th) for th in rivals] == [False] + [c.confidence == "low" for c in model.competitors]  # us first
    streams = doc.xpath("//section[@id='other-blocks']//table//tbody/tr/th")
    assert sum(marked(th) for th in streams) == sum(i.confidence == "low" for key in view.other_blocks
                                                    for i in getattr(model, key))
    economics = doc.xpath("//section[@id='economics']//thead/tr/th")
    assert [own_text(th) for th in economics if marked(th)] == [
        flat(view.t(s.name)) for s in model.segments if s.economics and s.economics.confidence == "low"]
    # every mark in the report (but the legends') sits beside the name of an entry of low confidence
    names = {flat(view.assumption_name(a)) for a in assumptions(model) if a.low}
    for mark in doc.xpath("//svg[contains(@class, 'low-mark')][not(ancestor::*[@class='low-legend'])]"):
        beside = own_text(mark.getparent())
        assert any(name in beside for name in names), beside
    # a model without a low entry has no mark and no legend
    for a in assumptions(model):
        a.entry.confidence = None if a.low else a.entry.confidence
    clean = page(View(model, "en"))
    assert not clean.xpath("//svg[contains(@class, 'low-mark')]")


def test_a_model_without_assumptions_has_no_section():
    model = canvas.load(MUSIC)
    for a in entries(model):
        a.entry.confidence = a.entry.source = a.entry.importance = None
    doc = page(View(model, "en"))
    assert not doc.xpath("//section[@id='assumptions']") and not doc.xpath("//a[@href='#assumptions']")


def test_a_single_assumption_has_its_section_map_and_row():
    model = canvas.load(MUSIC)
    found = assumptions(model)
    for a in found[1:]:
        a.entry.confidence = a.entry.source = a.entry.importance = None
    view = View(model, "en")
    [section] = page(view).xpath("//section[@id='assumptions']")
    assert len(section.xpath(".//table[contains(@class, 'assumptions')]/tbody/tr")) == 1
    assert section.xpath(".//span[@class='rank']/text()") == ["1"]
    assert view.assumption_name(found[0]) in own_text(section)


def test_our_share_is_shown_beside_the_competitors():
    model = canvas.load(BANK)
    view = View(model, "fa")
    rows = page(view).xpath("//section[@id='competitors']//tr[@class='us']")
    ours = [s for s in model.segments if s.our_share is not None]
    assert len(rows) == len(ours) and rows[0].xpath("th")[0].text_content().strip() == view.t(model.meta.organisation)
    assert [[own_text(td) for td in r.xpath("td")][:2] for r in rows] == [
        [view.t(s.name), view.pct(s.our_share)] for s in ours]


def test_the_pdf_ranks_the_assumptions_and_keeps_the_map_with_its_heading(built):
    model = canvas.load(MUSIC)
    view = View(model, "en")
    pdf = built["music-streaming-en"]["pdf"]
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    [start] = [n for n, p in enumerate(pages) if view.label("assumption_map") in p]
    assert view.label("assumptions") in pages[start] and view.label("test_first") in pages[start]
    text = "\n".join(pages[start:])
    text = text[text.index(view.label("ranked_assumptions")):]
    # each row's first line: its rank, its risk and the first word of its entry, in the ranked order
    rows = re.findall(r"(?m)^ *(\d+) +(\d) +(.*)$", text)
    found = assumptions(model)
    assert [(int(n), int(r)) for n, r, _ in rows] == [(n, a.score) for n, a in enumerate(found, start=1)]
    assert all(view.assumption_name(a).split()[0] in line for (_, _, line), a in zip(rows, found))


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_deck_has_the_assumptions_and_marks_the_canvas(tmp_path, lang):
    [deck] = canvas.build(BANK, tmp_path, formats=["pptx"], lang=lang)
    model = canvas.load(BANK)
    view = View(model, lang)
    prs = Presentation(deck)

    def title(slide):
        return next((s.text_frame.text for s in slide.shapes if s.name == "Title"), "")

    slides = [s for s in prs.slides if title(s).startswith(view.label("ranked_assumptions"))]
    found = assumptions(model)
    rank_column = -1 if lang == "fa" else 0
    rows = [[c.text for c in row.cells] for s in slides for shape in s.shapes if shape.has_table
            for row in list(shape.table.rows)[1:]]
    assert [r[rank_column] for r in rows] == [view.num(n) for n in range(1, len(found) + 1)]
    name_column = -4 if lang == "fa" else 3
    assert [r[name_column] for r in rows] == [view.assumption_name(a) for a in found]
    [first] = [s for s in prs.slides if title(s) == view.label("assumptions")]
    [grid] = [shape.table for shape in first.shapes if shape.has_table]
    cells = " ".join(c.text for row in list(grid.rows)[1:] for c in row.cells)
    assert sorted(re.findall(r"\S+", cells)) == sorted(
        [view.num(n) for n in range(1, len(found) + 1)] + view.label("test_first").split()
        + [view.vocab("importance", k) for k in ("high", "medium", "low")])
    # the canvas slide: the entries of low confidence in the marking colour, and its legend
    canvas_slide = next(s for s in prs.slides if title(s).startswith(view.label("canvas")))
    coloured = {p.text for shape in canvas_slide.shapes if shape.has_text_frame and shape.name != "Legend"
                for p in shape.text_frame.paragraphs for r in p.runs
                if r.font.color and r.font.color.type is not None and str(r.font.color.rgb) == LOW.lstrip("#")}
    low_names = {view.t(e.name) for a in found if a.low for e in [a.entry] if hasattr(e, "name")
                 and any(view.t(e.name) in view.canvas_lines(b) for b in view.canvas_entries())}
    assert coloured == low_names and low_names
    assert any(s.name == "Legend" and s.text_frame.text == view.label("low_confidence") for s in canvas_slide.shapes)
