"""Property-based: any valid model builds, and importing its workbook gives the model back."""
from __future__ import annotations

import os
import string
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import canvas
from canvas.workbook import import_workbook
from canvas.model import BusinessModel
from canvas.vocab import ids

# Text as people write it, in both scripts, plus strings a spreadsheet would treat as formulas
# and markup a browser would run. Cells hold one line per list item, so no newlines; cells are
# stripped, so no edge spaces.
_letters = string.ascii_letters + string.digits + "آبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیۀ۰۱۲۳۴۵۶۷۸۹ ،؛؟.-_&<>\"'=+@%/()"
_word = st.text(alphabet=_letters, min_size=1, max_size=24).map(str.strip).filter(
    lambda t: t and not t.startswith(("•", "-", "*")) and not t.startswith(("«", "“", '"')))
_hostile = st.sampled_from(["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "@SUM(A1)", "<script>alert(1)</script>",
                            "<img src=\"file:///etc/hostname\">", "متن فارسی با English و ۱۲۳"])
TEXT = st.one_of(_word, _hostile)
TEXTS = st.lists(TEXT, max_size=3)


@st.composite
def models(draw):
    lang = draw(st.sampled_from(["fa", "en"]))
    n_seg = draw(st.integers(1, 4))
    seg_ids = [f"seg{i}" for i in range(n_seg)]
    # names used as references must be unique and differ from every id
    names = draw(st.lists(_word, min_size=n_seg + 12, max_size=n_seg + 12,
                          unique_by=lambda t: t.lower()).filter(
        lambda ns: not {n.lower() for n in ns} & {f"{p}{i}" for p in ("seg", "ch", "p", "vp", "j", "c") for i in range(9)}))
    seg_names, rest = names[:n_seg], names[n_seg:]
    segments = [{"id": s, "name": seg_names[i], "description": draw(st.none() | TEXT), "concerns": draw(TEXTS),
                 "size": draw(st.none() | st.integers(0, 10**9))} for i, s in enumerate(seg_ids)]
    categories = list(ids("channel_categories"))
    n_ch = draw(st.integers(0, 4))
    channels = [{"id": f"ch{i}", "name": rest[i], "category": draw(st.sampled_from(categories)),
                 "phases": draw(st.lists(st.sampled_from(ids("channel_phases")), unique=True)),
                 "serves": draw(st.dictionaries(st.sampled_from(seg_ids), st.integers(0, 3)))} for i in range(n_ch)]
    channels.sort(key=lambda c: categories.index(c["category"]))  # the workbook groups them so
    for c in channels:
        c["phases"] = [p for p in ids("channel_phases") if p in c["phases"]]
    n_p = draw(st.integers(0, 3))
    personas = [{"id": f"p{i}", "name": rest[4 + i], "segment": draw(st.sampled_from(seg_ids)),
                 "age": draw(st.none() | st.integers(0, 99)), "goals": draw(TEXTS), "quote": draw(st.none() | _word),
                 "archetype": draw(st.none() | st.sampled_from(ids("archetypes"))),
                 "channels": [c["id"] for c in channels][: draw(st.integers(0, 2))]} for i in range(n_p)]
    vps = [{"id": f"vp{i}", "name": rest[8 + i], "segments": draw(st.lists(st.sampled_from(seg_ids), unique=True)),
            "values": {"functional": draw(TEXTS), "social": draw(TEXTS)}} for i in range(draw(st.integers(0, 2)))]
    for vp in vps:
        vp["segments"] = [s for s in seg_ids if s in vp["segments"]]
    relationships = [{"segment": draw(st.sampled_from(seg_ids)), "type": draw(st.sampled_from(ids("relationship_types"))),
                      "motivations": draw(st.lists(st.sampled_from(ids("motivations")), unique=True, max_size=2)),
                      "tactics": draw(TEXTS)} for _ in range(draw(st.integers(0, 3)))]
    stages = list(ids("journey_stages"))
    journeys = []
    for i, p in enumerate(personas[:2]):
        chosen = draw(st.lists(st.sampled_from(stages), min_size=1, max_size=6, unique=True))
        journeys.append({"id": f"j{i}", "persona": p["id"], "title": draw(st.none() | _word),
                         "stages": [{"stage": s, "emotion": draw(st.none() | st.integers(-2, 2)),
                                     "actions": draw(TEXTS), "pain_points": draw(TEXTS),
                                     "touchpoints": [c["id"] for c in channels][: draw(st.integers(0, 2))],
                                   "feelings": draw(TEXTS),
                                     "situation": draw(st.none() | TEXT)} for s in chosen]})
    funnel = {"stages": [{"stage": s, "count": draw(st.integers(0, 10**6))}
                         for s in draw(st.lists(st.sampled_from(ids("funnel_stages")), unique=True, max_size=5))],
              "techniques": draw(TEXTS)}
    competitors = [{"id": f"c{i}", "name": rest[10 + i],
                    "markets": [{"segment": s, "share": draw(st.none() | st.floats(0, 100).map(lambda x: round(x, 1))),
                                 "offer": draw(st.none() | TEXT)}
                                for s in draw(st.lists(st.sampled_from(seg_ids), unique=True, max_size=2))]}
                   for i in range(draw(st.integers(0, 2)))]
    data = {"version": 1, "meta": {"title": draw(TEXT), "language": lang, "summary": draw(st.none() | TEXT),
                                   "date": draw(st.none() | st.sampled_from(["2024-10-06", "1403/07/15"]))},
            "segments": segments, "personas": personas, "value_propositions": vps, "channels": channels,
            "relationships": relationships, "journeys": journeys, "funnel": funnel, "competitors": competitors,
            "key_partners": [{"name": t} for t in draw(TEXTS)],
            "key_resources": [{"name": t, "type": draw(st.sampled_from(ids("resource_types")))} for t in draw(TEXTS)]}
    return BusinessModel.model_validate(_drop_none(data))


def _drop_none(value):
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value


@settings(derandomize="CANVAS_FUZZ_EXAMPLES" not in os.environ, max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(models())
def test_any_valid_model_builds_and_comes_back_from_its_workbook(model):
    with tempfile.TemporaryDirectory() as out:
        xlsx, html = canvas.build(model, out, formats=["xlsx", "html"])
        assert "<script>alert" not in Path(html).read_text("utf-8")
        imported = import_workbook(xlsx)
        back = imported.model
        assert back.model_dump(mode="json") == model.model_dump(mode="json")


@settings(derandomize="CANVAS_FUZZ_EXAMPLES" not in os.environ, max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(models())
def test_any_valid_model_renders_a_pdf(model):
    with tempfile.TemporaryDirectory() as out:
        [pdf] = canvas.build(model, out, formats=["pdf"])
        assert Path(pdf).read_bytes().startswith(b"%PDF")
