"""References in a workbook mean the entry they meant when built (hardening issue, case 2): two
entries sharing a name, or a name that is another entry's id, come back attached where they were,
after an edit-free round trip and after LibreOffice and Gnumeric re-saves; a name that does not
say which entry is meant is refused at its cell, in the workbook's language."""
from __future__ import annotations

import subprocess
import sys

import pytest
from openpyxl import load_workbook

import canvas
from canvas.errors import InputError
from canvas.workbook import import_workbook
from programs import gnumeric, libreoffice
from sheets import beside, role

# two segments named alike, a third named after the second's id; the same for personas and channels
SHARED = """version: 1
meta: {title: T, language: en}
segments:
  - {id: st, name: Students}
  - {id: s2, name: Students}
  - {id: s3, name: s2}
personas:
  - {id: al, name: Ali, segment: st}
  - {id: p2, name: Ali, segment: s2}
  - {id: p3, name: p2, segment: s3}
channels:
  - {id: web, name: Web, category: internet, serves: {st: 2, s2: 3}}
  - {id: app, name: Web, category: mobile, serves: {s2: 1, s3: 2}}
relationships:
  - {segment: st, type: self_service}
  - {segment: s2, type: communities}
journeys:
  - {id: j1, persona: al, segment: st, stages: [{stage: awareness, touchpoints: [web, app]}]}
  - {id: j2, persona: p2, stages: [{stage: awareness, touchpoints: [app]}]}
  - {id: j3, persona: p3, stages: [{stage: awareness}]}
value_propositions:
  - {id: v1, name: Fast, segments: [s2]}
competitors:
  - {id: c1, name: C, markets: [{segment: s2, share: 10}, {segment: st, share: 5}]}
revenue_streams:
  - {name: R, segments: [s2, s3]}
"""


def dump(model) -> dict:
    return model.model_dump(mode="json")


def test_shared_names_and_names_equal_to_ids_come_back_where_they_were(tmp_path):
    model = canvas.loads(SHARED, "m.yaml")
    [xlsx] = canvas.build(model, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    assert beside(role(wb, "persona_2"), "Segment").value == "Students [s2]"
    assert beside(role(wb, "persona_3"), "Segment").value == "s2 [s3]"
    assert beside(role(wb, "journey_2"), "Persona").value == "Ali [p2]"
    assert beside(role(wb, "journey_3"), "Persona").value == "p2 [p3]"
    back = import_workbook(xlsx)
    assert dump(back.model) == dump(model) and back.warnings == []


def test_shared_names_survive_libreoffice_and_gnumeric(tmp_path):
    model = canvas.loads(SHARED, "m.yaml")
    [xlsx] = canvas.build(model, tmp_path, formats=["xlsx"])
    [ods] = libreoffice([xlsx], "ods", tmp_path / "lo")
    for resaved in (ods, gnumeric(xlsx, tmp_path / "gn")):
        assert dump(import_workbook(resaved).model) == dump(model), resaved


@pytest.mark.parametrize("lang, message", [
    ("en", "several segments go by 'Students': Students [s2], Students [st]; type the one you mean as it is "
           "listed here, such as 'Students [st]'"),
    ("fa", "چند بخش مشتری با «Students» خوانده می‌شوند: Students [s2]، Students [st]؛ آنکه منظور است را "
           "همان‌طور که اینجا آمده بنویسید، مانند «Students [st]»"),
])
def test_a_shared_name_typed_into_a_cell_is_refused_there(tmp_path, lang, message):
    [xlsx] = canvas.build(canvas.loads(SHARED, "m.yaml"), tmp_path, formats=["xlsx"], lang=lang)
    wb = load_workbook(xlsx)
    cell = beside(role(wb, "persona_1"), "بخش مشتری" if lang == "fa" else "Segment")
    cell.value = "Students"
    wb.save(xlsx)
    with pytest.raises(InputError) as info:
        import_workbook(xlsx)
    assert [str(p) for p in info.value.problems] == [f"{xlsx}:{role(wb, 'persona_1').title}!{cell.coordinate}: {message}"]


def test_the_cli_refuses_an_ambiguous_name_with_its_cell_and_writes_nothing(tmp_path):
    [xlsx] = canvas.build(canvas.loads(SHARED, "m.yaml"), tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    cell = beside(role(wb, "journey_1"), "Persona")
    cell.value = "Ali"
    wb.save(xlsx)
    out = tmp_path / "out.yaml"
    done = subprocess.run([sys.executable, "-m", "canvas", "import", str(xlsx), "-o", str(out)],
                          capture_output=True, text=True, env={"LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 2 and "Traceback" not in done.stderr and not out.exists()
    assert (f"{xlsx}:{role(wb, 'journey_1').title}!{cell.coordinate}: several personas go by 'Ali': Ali [al], "
            "Ali [p2]; type the one you mean") in done.stderr, done.stderr
