"""Every class of input error is reported as FILE:LINE:COL: message, all at once."""
from __future__ import annotations

import textwrap

import pytest

import canvas
from canvas.errors import InputError

HEAD = "version: 1\nmeta:\n  title: T\n  language: en\n"


def problems(text: str | bytes, name: str = "m.yaml") -> list[str]:
    with pytest.raises(InputError) as info:
        canvas.loads(text if isinstance(text, bytes) else textwrap.dedent(text), name)
    return [str(p) for p in info.value.problems]


CASES = {
    "unknown key with suggestion": (HEAD + "chanels: []\n",
                                    ["m.yaml:5:1: unknown key 'chanels' — did you mean 'channels'?"]),
    "unknown nested key lists allowed keys": (
        HEAD + "funnel:\n  zzz: 1\n",
        ["m.yaml:6:3: unknown key 'zzz' (allowed: period, stages, techniques, name)"]),
    "missing required key": ("version: 1\nmeta:\n  language: en\n",
                             ["m.yaml:2:1: missing required key 'title'"]),
    "wrong version": ("version: 2\nmeta: {title: T, language: en}\n",
                      ["m.yaml:1:10: 2 is not a valid version; expected one of: 1"]),
    "bad vocabulary value with suggestion": (
        HEAD + "channels:\n  - {id: a, name: A, category: mobil}\n",
        ["m.yaml:6:32: 'mobil' is not a valid category; expected one of: physical, mobile, internet"
         " — did you mean 'mobile'?"]),
    "wrong type": (HEAD + "segments: {id: a}\n",
                   ["m.yaml:5:11: 'segments' must be a list: one item per line, each starting with '- ' (got a mapping)"]),
    "number out of range": (
        HEAD + "segments: [{id: s, name: S}]\njourneys:\n  - id: j\n    segment: s\n"
               "    stages: [{stage: awareness, emotion: 3}]\n",
        ["m.yaml:9:42: 'emotion' must be from −2 to 2 (got 3)"]),
    "invalid id": (HEAD + "segments: [{id: 1abc, name: S}]\n",
                   ["m.yaml:5:17: '1abc' is not a valid id: use Latin letters, digits, '_', '-' or '.', "
                    "starting with a letter"]),
    "unknown reference with suggestion": (
        HEAD + "segments: [{id: retail, name: R}]\npersonas: [{id: p, segment: retial, name: P}]\n",
        ["m.yaml:6:29: unknown segment 'retial' — did you mean 'retail'?"]),
    "unknown mapping-key reference": (
        HEAD + "segments: [{id: retail, name: R}]\nchannels:\n  - id: c\n    name: C\n"
               "    category: mobile\n    serves: {retai: 2}\n",
        ["m.yaml:10:14: unknown segment 'retai' — did you mean 'retail'?"]),
    "unknown pain named by a reliever": (
        HEAD + "segments: [{id: s, name: S, pains: [{id: fees, text: F}]}]\n"
               "value_propositions: [{id: v, name: V, pain_relievers: [{text: R, pains: [fee]}]}]\n",
        ["m.yaml:6:74: unknown pain 'fee' — did you mean 'fees'?"]),
    "unknown gain, none defined": (
        HEAD + "value_propositions: [{id: v, name: V, gain_creators: [{text: R, gains: [g1]}]}]\n",
        ["m.yaml:5:73: unknown gain 'g1' (the model has no gains yet)"]),
    "pain ids are unique over the segments": (
        HEAD + "segments:\n  - {id: a, name: A, pains: [{id: p, text: X}]}\n"
               "  - {id: b, name: B, pains: [{id: p, text: Y}]}\n",
        ["m.yaml:7:35: duplicate id 'p' in pains (first defined on line 6)"]),
    "duplicate id": (HEAD + "segments:\n  - {id: a, name: A}\n  - {id: a, name: B}\n",
                     ["m.yaml:7:10: duplicate id 'a' in segments (first defined on line 6)"]),
    "unknown journey stage": (
        HEAD + "segments: [{id: s, name: S}]\njourneys: [{id: j, segment: s, stages: [{stage: loyalti}]}]\n",
        ["m.yaml:6:49: unknown journey stage 'loyalti' — did you mean 'loyalty'?"]),
    "custom stage resolves, built-in clash refused": (
        HEAD + "custom_stages: [{id: onboarding, name: O}, {id: awareness, name: A}]\n"
               "segments: [{id: s, name: S}]\n"
               "journeys: [{id: j, segment: s, stages: [{stage: onboarding}]}]\n",
        ["m.yaml:5:49: 'awareness' is already a built-in journey stage; use it directly or choose another id"]),
    "journey without owner": (HEAD + "journeys: [{id: j, stages: [{stage: awareness}]}]\n",
                              ["m.yaml:5:12: a journey needs a 'persona' or a 'segment'"]),
    "persona/segment mismatch": (
        HEAD + "segments: [{id: a, name: A}, {id: b, name: B}]\npersonas: [{id: p, segment: a, name: P}]\n"
               "journeys: [{id: j, persona: p, segment: b, stages: [{stage: awareness}]}]\n",
        ["m.yaml:7:41: persona 'p' belongs to segment 'a', not 'b'; drop 'segment' or fix it"]),
    "bad language in text": (HEAD.replace("title: T", "title: {fa: ت, de: T}"),
                             ["m.yaml:3:10: unknown language 'de'; use fa or en"]),
    "empty text": (HEAD.replace("title: T", "title: ''"), ["m.yaml:3:10: text must not be empty"]),
    "invalid jalali date": (HEAD + "  date: 1403/12/31\n",
                            ["m.yaml:5:9: '1403/12/31' is not a valid Jalali date"]),
    "not a date": (HEAD + "  date: soon\n",
                   ["m.yaml:5:9: 'soon' is not a date; write YYYY-MM-DD (Gregorian) or YYYY/MM/DD (Jalali)"]),
    "duplicate key": (HEAD + "segments: []\nsegments: []\n", ["m.yaml:6:1: duplicate key 'segments'; a key may appear only once in its block"]),
    "alias refused": (HEAD + "segments: &s []\npersonas: *s\n",
                      ["m.yaml:6:11: YAML aliases (*s) are not allowed; write the value out in full (put text that starts with '*' in quotes)"]),
    "tab indentation": ("version: 1\nmeta:\n\ttitle: T\n",
                        ["m.yaml:3:1: tab character in indentation; YAML needs spaces"]),
    "syntax error": ("version: 1\nmeta: [\n", ["m.yaml:2:7: the '[' opened on line 2 is not closed, or holds text with ': ' or ', ': close it with ']', and put text that contains ', ' or ': ' in quotes"]),
    "top level not a mapping": ("- a\n- b\n", ["m.yaml:1:1: the top level must be a mapping of keys "
                                               "(version, meta, segments, ...)"]),
    "empty file": ("\n", ["m.yaml:1:1: file is empty; run 'canvas init' for a starter model"]),
    "two documents": (HEAD + "---\n" + HEAD, ["m.yaml:1:1: expected one YAML document, found 2; remove the '---' lines"]),
}


@pytest.mark.parametrize("text,expected", CASES.values(), ids=CASES.keys())
def test_error_location_and_message(text, expected):
    assert problems(text) == expected


def test_all_problems_reported_together_in_file_order():
    text = HEAD + ("segmnts: []\nsegments:\n  - {id: a, name: A, size: lots}\n"
                   "personas: [{id: p, segment: x, name: P}]\n")
    assert problems(text) == [
        "m.yaml:5:1: unknown key 'segmnts' — did you mean 'segments'?",
        "m.yaml:7:28: 'size' must be a whole number, e.g. 1,200 (got 'lots')",
        "m.yaml:8:29: unknown segment 'x' (known: a)",
    ]


def test_non_utf8_bytes_give_position():
    assert problems(b"version: 1\nmeta:\n  title: caf\xe9\n") == [
        "m.yaml:3:13: invalid UTF-8 byte 0xe9; save the file as UTF-8"]


def test_oversized_input_refused(monkeypatch):
    from canvas import source

    monkeypatch.setattr(source, "MAX_BYTES", 100)
    assert problems((HEAD + "#" * 200 + "\n").encode()) == [
        "m.yaml: file is 244 bytes; the limit is 100 bytes"]


def test_alias_bomb_is_refused_quickly():
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f'{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n' for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    assert problems(bomb)[0].startswith("m.yaml:2:")


def test_deep_nesting_refused():
    deep = HEAD + "summary: " + "[" * 100 + "]" * 100 + "\n"
    assert "nested more than" in problems(deep)[0]


def test_node_cap(monkeypatch):
    from canvas import source

    monkeypatch.setattr(source, "MAX_NODES", 50)
    assert "more than 50 values" in problems(HEAD + "x: [" + ",".join(["1"] * 100) + "]\n")[0]


def test_persian_digits_and_separators_are_numbers():
    model = canvas.loads(HEAD + "segments: [{id: s, name: S, size: '۱۲٬۵۰۰'}]\n")
    assert model.segments[0].size == 12500


def test_jalali_and_gregorian_dates():
    jalali = canvas.loads(HEAD + "  date: ۱۴۰۳/۰۷/۱۵\n").meta.date
    gregorian = canvas.loads(HEAD + "  date: 2024-10-06\n").meta.date
    assert jalali.gregorian.isoformat() == "2024-10-06" and jalali.written_as == "jalali"
    assert gregorian.gregorian == jalali.gregorian and gregorian.written_as == "gregorian"


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        canvas.load(tmp_path / "nope.yaml")
    with pytest.raises(InputError, match="is a directory"):
        canvas.load(tmp_path)
