"""Make untrusted text safe to store: no XML-illegal characters, no formula triggers."""
from __future__ import annotations

import re

# XML 1.0 forbids these; openpyxl rejects some on assignment and writes others into broken files.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def clean(text: str) -> str:
    """Drop characters XML cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF)."""
    return _ILLEGAL.sub("", text)


def is_formula_like(text: str) -> bool:
    """True if a spreadsheet would read `text` as a formula (OWASP formula injection)."""
    return text.startswith(FORMULA_TRIGGERS)


def isolate(text: str) -> str:
    """A text of the model set inside a line of ours as a bidi isolate (FSI ... PDI), so that
    English in a Persian line, or Persian in an English one, keeps its own order: '40 sales
    calls' after «منبع:» is not shown as 'sales calls 40'. Pango (the PDF) and browsers honour it;
    it has no glyph, and text extracted from the PDF has none."""
    return f"\u2068{text}\u2069" if text else text
