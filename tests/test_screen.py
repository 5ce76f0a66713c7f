"""The HTML report on screen: in headless Chromium (tests/browser.py) no page wider than the window
at a desktop's and a phone's width, right to left and left to right; a viewport meta; fonts as WOFF2
data: URIs; headings that never skip a level."""
from __future__ import annotations

import base64
import re

import pytest
from lxml import html as lxml_html

import canvas
from browser import chromium, measure
from conftest import SAMPLE_IDS, SAMPLES

WIDTHS = [1280, 390]  # a desktop window and a phone


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict:
    """{sample stem: its HTML report}, each sample in its own language."""
    out = tmp_path_factory.mktemp("screen")
    return {s.stem: canvas.build(s, out, formats=["html"])[0] for s in SAMPLES}


def document(path):
    return lxml_html.fromstring(path.read_bytes())


def test_samples_in_both_directions(reports):
    assert {document(p).get("dir") for p in reports.values()} == {"rtl", "ltr"}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("sample", SAMPLE_IDS)
def test_no_sideways_scrolling(reports, sample, width):
    if chromium() is None:  # a failure, not a skip: `make test` installs it through .ci/sysdeps.sh
        pytest.fail("chromium not found: run `make sysdeps` (.ci/sysdeps.sh installs Debian's chromium)",
                    pytrace=False)
    found = measure(reports[sample], width)
    assert found["innerWidth"] == width and found["fonts"] == "loaded", found
    assert found["scrollWidth"] <= found["clientWidth"], found["overflowing"]
    assert found["overflowing"] == []


@pytest.mark.parametrize("width", WIDTHS)
def test_footer_closes_the_page_bars_show_and_persian_is_upright(tmp_path, width):
    """The brand's running footer (a page's foot in print) ends the page on screen; the
    completeness bars keep their width on a phone; Persian quotes are not slanted (Persian has no
    italic; a browser would fake one)."""
    brand = tmp_path / "brand.yaml"
    brand.write_text("footer: Prepared for the board — confidential\n", "utf-8")
    [report] = canvas.build(SAMPLES[0], tmp_path, formats=["html"], brand=brand)
    found = measure(report, width)
    assert found["footerBelow"] is True
    assert found["bars"] and min(found["bars"]) > 40, found["bars"]
    assert found["quotes"] and set(found["quotes"]) == {"normal"}


@pytest.mark.parametrize("sample", SAMPLE_IDS)
def test_viewport_meta(reports, sample):
    assert document(reports[sample]).xpath('//head/meta[@name="viewport"]/@content') == [
        "width=device-width, initial-scale=1"]


@pytest.mark.parametrize("sample", SAMPLE_IDS)
def test_fonts_are_woff2_data_uris(reports, sample):
    style = "".join(document(reports[sample]).xpath("//head/style/text()"))
    urls = re.findall(r'@font-face\s*{[^}]*url\("([^"]+)"\)', style)
    assert len(urls) == 2
    for url in urls:
        head, _, data = url.partition(",")
        assert head == "data:font/woff2;base64"
        assert base64.b64decode(data[:8]).startswith(b"wOF2")


@pytest.mark.parametrize("sample", SAMPLE_IDS)
def test_headings_never_skip_a_level(reports, sample):
    """An h3 comes after an h2 (or another h3 or h4...), never straight after an h1."""
    tags = [f"h{n}" for n in range(1, 7)]
    headings = [(int(h.tag[1]), " ".join(h.text_content().split())[:60])
                for h in document(reports[sample]).iter(*tags)]
    skips = [f"h{a} {ta!r} -> h{b} {tb!r}" for (a, ta), (b, tb) in zip([(0, "")] + headings, headings)
             if b > a + 1]
    assert skips == []
