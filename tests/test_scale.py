"""Budgets, not hopes (the hardening issue, items 13, 14, 16, 17): what a model may hold is bounded
by the loader, and within those bounds a build costs about what the model's size costs."""
from __future__ import annotations

import pytest

import canvas
from canvas.render.html import BREAK_EVERY, LONG_WORD, breakable
from pdfpages import pages as pdf_pages

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
