"""Budgets, not hopes (the hardening issue, items 13, 14, 16, 17): what a model may hold is bounded
by the loader, and within those bounds a build costs about what the model's size costs."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

import canvas
from canvas.render.html import BREAK_EVERY, LONG_WORD, breakable
from pdfpages import pages as pdf_pages

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))  # the shapes: bench/synthetic.py
HEAD = "version: 1\nmeta: {title: T, language: en}\n"


def test_a_very_long_word_breaks_and_stays_on_its_page(tmp_path):
    """One unbroken word (of the widest letter) in a card's paragraph, a table cell and a name: the
    report shows all of it, inside the page. It used to run off the page (a card) or take time
    quadratic in its length (a table cell)."""
    word = "W" * 3000
    path = tmp_path / "m.yaml"
    path.write_text(HEAD + f"segments: [{{id: s, name: S, description: {word}}}]\n"
                           f"relationships: [{{segment: s, type: self_service, tactics: [{word}]}}]\n"
                           f"key_partners: [{{name: {word}}}]\n", "utf-8")
    [pdf] = canvas.build(path, tmp_path, formats=["pdf"])
    shown = 0
    for page in pdf_pages(pdf):
        for w in page.words:
            assert 0 <= w.x0 and w.x1 <= page.width, (page.number, w)
            shown += w.text.count("W")
    assert shown >= 3 * len(word)  # the canvas shows the partner's name once more


@pytest.mark.parametrize("text", [
    "سفر\u200cهای مشتری در اپلیکیشن\u200cهای بانکی",                     # Persian with ZWNJ
    "https://www.example.com/products/savings-accounts/compare?ref=canvas&lang=en",  # a URL
    "customer.relations@example-bank.co.uk",
    "Donaudampfschifffahrtsgesellschaftskapitän und Rechtsschutzversicherungsgesellschaften",
    "x" * LONG_WORD,
])
def test_normal_text_is_shown_as_it_always_was(tmp_path, text):
    assert breakable(text) is text
    model = canvas.loads(HEAD + f"segments: [{{id: s, name: S, description: '{text}'}}]\n")
    html = canvas.build(model, tmp_path, formats=["html"])[0].read_text("utf-8")
    assert text.replace("&", "&amp;") in html and "<wbr>" not in html


def test_a_word_longer_than_any_real_one_gets_break_opportunities():
    word = "a<b" + "x" * 100
    shown = str(breakable(f"before {word} after"))
    assert shown.startswith("before a&lt;b") and shown.endswith(" after")
    pieces = shown[len("before "):-len(" after")].split("<wbr>")
    assert "".join(pieces).replace("&lt;", "<") == word
    assert len(pieces) == -(-len(word) // BREAK_EVERY)
    marked = "e\u0301" * 60  # no break between a letter and its accent
    assert all(not piece.startswith("\u0301") for piece in str(breakable(marked)).split("<wbr>"))


# --- scaling: a fixed multiple of linear time, measured as ratios in one run -----------------

def _seconds(shape: str, n: int, fmt: str) -> float:
    """Seconds to render the `shape` model of size `n` (the loader's limits left out: what is
    measured is the renderer's growth, beyond any limit) in `fmt`; the best of two."""
    import time

    from canvas.model import BusinessModel
    from canvas.render import renderer
    from canvas.source import parse
    from canvas.view import View
    from synthetic import worst_yaml

    model = BusinessModel.model_validate(parse(worst_yaml(shape, n), "worst").data)
    render = renderer(fmt)
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        render(View(model))
        best = min(best, time.perf_counter() - start)
    return best


SLACK = 3  # a step may cost up to three times linear (noise, caches); quadratic would be 4x per 4x


@pytest.mark.slow
@pytest.mark.parametrize("shape, base", [("segments", 100), ("namesakes", 100), ("relationships", 100)])
@pytest.mark.parametrize("fmt", ["xlsx", "html"])
def test_workbook_and_html_grow_linearly(shape, base, fmt):
    _seconds(shape, base, fmt)  # warm up: imports, fonts, templates
    times = [_seconds(shape, base * k, fmt) for k in (1, 4, 16)]
    assert times[2] / times[0] <= 16 * SLACK, times
    assert times[2] / times[1] <= 4 * SLACK, times


@pytest.mark.slow
@pytest.mark.parametrize("shape, base", [("long_word", 4_000), ("relationships", 40)])
def test_pdf_grows_linearly(shape, base):
    _seconds(shape, base, "pdf")
    times = [_seconds(shape, base * k, "pdf") for k in (1, 4)]
    assert times[1] / times[0] <= 4 * SLACK, times


def test_a_model_past_a_limit_gets_one_located_message_per_limit():
    from canvas import limits
    from canvas.errors import InputError

    many = HEAD + "segments:\n" + "".join(f"  - {{id: s{i}, name: S{i}, description: {'w' * (limits.TEXT + 1)}}}\n"
                                          for i in range(limits.PER_BLOCK + 1))
    with pytest.raises(InputError) as info:
        canvas.loads(many, "m.yaml")
    said = [str(p) for p in info.value.problems]
    assert said[0] == (f"m.yaml:{4 + limits.PER_BLOCK}:5: 'segments' has {limits.PER_BLOCK + 1} entries; canvas builds "
                       f"at most {limits.PER_BLOCK} per block (and stages per journey), so that a build stays within "
                       "its time and memory; split the model into smaller ones")
    assert said[1].startswith("m.yaml:4:37: this text has 4,001 characters; a text may have at most 4,000")
    assert any("more than 400,000 characters" in s for s in said) and len(said) == 3
    with pytest.raises(InputError) as info:
        canvas.loads(many.replace("meta: {title: T, language: en}", "meta: {title: T, language: fa}"), "m.yaml")
    assert "حداکثر ۱۵۰ مورد" in str(info.value.problems[0])
