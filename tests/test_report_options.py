"""What the report says to whom: the Model health section is the author's (left out with
--no-health or the brand's `health: false`, and without command lines or to-do notes when shown,
its scores those of `canvas check`); charts say their scale and keep numbers clear of bars."""
from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

import canvas
from conftest import SAMPLES
from pdfpages import text_of

MUSIC = next(s for s in SAMPLES if s.stem == "music-streaming-en")
BANK = next(s for s in SAMPLES if s.stem == "bank-fa")


def pdf_text(path) -> str:
    return text_of(path)


def outputs(paths) -> tuple[str, str]:
    files = {p.suffix: p for p in paths}
    return pdf_text(files[".pdf"]), files[".html"].read_text("utf-8")


def test_the_health_section_is_there_by_default_without_command_lines_or_notes(tmp_path):
    for sample in (MUSIC, BANK):
        pdf, html = outputs(canvas.build(sample, tmp_path / sample.stem, formats=["pdf", "html"]))
        assert 'id="health"' in html and ("Model health" in pdf or "کامل بودن" in pdf)  # pdftotext splits لا
        for text in (pdf, html):
            assert "canvas check" not in text and "--notes" not in text and "ترجمه" not in text
            assert not re.search(r"\d+ notes", text)


def test_no_health_leaves_the_section_its_contents_entry_and_the_completeness_stat_out(tmp_path, cli):
    result = cli("build", MUSIC, "-o", tmp_path, "--no-xlsx", "--no-health")
    assert result.exit_code == 0, result.output
    pdf, html = pdf_text(tmp_path / "music-streaming-en.pdf"), (tmp_path / "music-streaming-en.html").read_text("utf-8")
    assert "Model health" not in pdf and "Completeness" not in pdf
    assert 'id="health"' not in html and 'href="#health"' not in html
    assert "Customer segments" in pdf  # the rest of the report is there


@pytest.mark.parametrize("where", ["brand file", "model"])
def test_a_brand_with_health_false_leaves_it_out_and_the_option_wins(tmp_path, cli, where):
    model = tmp_path / "m.yaml"
    text = MUSIC.read_text("utf-8")
    if where == "model":
        assert "\nbrand:" not in text
        model.write_text(text + "\nbrand: {health: false}\n", "utf-8")
        extra = []
    else:
        model.write_text(text, "utf-8")
        (tmp_path / "client.yaml").write_text("primary: '#123456'\nhealth: false\n", "utf-8")
        extra = ["--brand", tmp_path / "client.yaml"]
    assert cli("build", model, "-o", tmp_path / "a", "--no-xlsx", "--no-pdf", *extra).exit_code == 0
    assert 'id="health"' not in (tmp_path / "a" / "m.html").read_text("utf-8")
    assert cli("build", model, "-o", tmp_path / "b", "--no-xlsx", "--no-pdf", "--health", *extra).exit_code == 0
    assert 'id="health"' in (tmp_path / "b" / "m.html").read_text("utf-8")


def test_the_health_scores_are_those_canvas_check_prints(tmp_path, cli):
    result = cli("check", MUSIC)
    printed = dict(re.findall(r"(\w[\w ]*?) (\d+)%", result.output.split("completeness", 1)[1].splitlines()[0]))
    [html_path] = canvas.build(MUSIC, tmp_path, formats=["html"])
    section = lxml_html.fromstring(html_path.read_bytes()).get_element_by_id("health")
    shown = {row.find("th").text_content(): row.find_class("pct")[0].text_content().rstrip("%")
             for row in section.find_class("scores")[0].iter("tr")}
    for label, pct in printed.items():  # check prints the blocks' labels, as the report does
        assert shown[label] == pct, label
    assert len(printed) >= 10


def test_persian_percentages_use_the_persian_sign_and_digits(tmp_path):
    pdf, html = outputs(canvas.build(BANK, tmp_path, formats=["pdf", "html"]))
    section = lxml_html.fromstring(html.encode()).get_element_by_id("health").text_content()
    assert "٪" in section and "%" not in section and not re.search(r"[0-9]", section.split("C", 1)[0])
    funnel = lxml_html.fromstring(html.encode()).get_element_by_id("funnel").text_content()
    assert "٪" in funnel and "%" not in funnel


def funnel_model(counts: list[int]) -> str:
    stages = ", ".join(f"{{name: Stage {i}, count: {c}}}" for i, c in enumerate(counts))
    return f"version: 1\nmeta: {{title: F, language: en}}\nfunnel: {{stages: [{stages}]}}\n"


def bar_widths(html: str) -> list[float]:
    return [float(w) for w in re.findall(r'class="funnel-bar" style="width: ([\d.]+)%"', html)]


def test_a_funnel_spanning_orders_of_magnitude_uses_a_log_scale_and_says_so(tmp_path):
    [html_path] = canvas.build(canvas.loads(funnel_model([250_000_000, 6_000_000, 40_000, 900])), tmp_path,
                               formats=["html"])
    html = html_path.read_text("utf-8")
    widths = bar_widths(html)
    assert widths[0] == 100 and widths == sorted(widths, reverse=True) and widths[-1] >= 10
    assert "logarithmic scale" in html


def test_a_funnel_within_two_orders_of_magnitude_stays_linear(tmp_path):
    [html_path] = canvas.build(canvas.loads(funnel_model([1000, 400, 50])), tmp_path, formats=["html"])
    html = html_path.read_text("utf-8")
    assert bar_widths(html) == [100.0, 40.0, 5.0] and "logarithmic" not in html


def test_a_competitor_with_markets_keeps_its_description_and_its_share_beside_its_bar(tmp_path):
    model = canvas.loads("""version: 1
meta: {title: C, language: en}
segments: [{id: s, name: Students}]
competitors:
  - {id: c, name: Rival, description: A well funded rival, markets: [{segment: s, share: 40, offer: Cheap}]}
""")
    pdf, html = outputs(canvas.build(model, tmp_path, formats=["pdf", "html"]))
    assert "A well funded rival" in pdf and "A well funded rival" in html
    assert '<span class="share-n">40%</span><span class="share-track">' in html
    assert "40%" in pdf


def test_small_shares_keep_two_significant_digits():
    from canvas.view import View

    fa, en = View(canvas.load(BANK)), View(canvas.load(MUSIC))
    assert [en.pct(x) for x in (0.06, 0.5, 12.345, 0.0, 100.0)] == ["0.06%", "0.5%", "12.3%", "0%", "100%"]
    assert fa.pct(0.06) == "۰٫۰۶٪"


def test_a_row_of_short_cards_is_kept_whole_and_a_long_one_may_split(tmp_path):
    long = " ".join(["A long description that fills the card."] * 30)
    model = canvas.loads("version: 1\nmeta: {title: C, language: en}\nsegments:\n"
                         "  - {id: a, name: A, description: Short}\n  - {id: b, name: B, description: Short}\n"
                         "  - {id: c, name: C, description: Short}\n  - {id: d, name: D, description: Short}\n"
                         f"  - {{id: e, name: E, description: {long}}}\n  - {{id: f, name: F}}\n")
    [html] = canvas.build(model, tmp_path, formats=["html"])
    rows = re.findall(r'<div class="card-row( keep)?">', html.read_text("utf-8"))
    assert rows == [" keep", " keep", ""]
