"""Each sample's HTML report is the one in tests/golden/ (run `make golden` after an intended change)."""
from __future__ import annotations

import difflib

import pytest

from golden import GOLDEN, SAMPLES, report


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_the_html_report_of_each_sample_is_its_golden_copy(sample):
    golden = GOLDEN / f"{sample.stem}.html"
    assert golden.is_file(), f"no golden copy of {sample.name}: run make golden"
    expected, actual = golden.read_text("utf-8"), report(sample)
    if actual != expected:
        diff = "".join(list(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                                 "golden", "now", n=1))[:60])
        pytest.fail(f"{sample.name}'s report changed; if intended, run make golden\n{diff}")
