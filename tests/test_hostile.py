"""Hostile and broken input: every sample mutated hundreds of ways, and random bytes fed to the
loader and the importer. The contract: the model loads and builds, or a clear positioned message
(InputError) — never another exception, never a partial output, never user text run as code.
Counts per class of mutation are printed at the end of the test run."""
from __future__ import annotations

import copy
import datetime as dt
import io
import os
import random
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from ruamel.yaml import YAML

import canvas
from canvas.errors import InputError
from canvas.workbook import import_workbook
from conftest import SAMPLES

FUZZ = int(os.environ.get("CANVAS_FUZZ_EXAMPLES", "300"))  # raise for a release: see README
# The default run (CI) draws the same examples every time, so a red build always names a change;
# a release run (CANVAS_FUZZ_EXAMPLES set) explores new ones.
DERANDOMIZE = "CANVAS_FUZZ_EXAMPLES" not in os.environ
TRIED: Counter = Counter()  # class of mutation -> cases tried (printed by conftest)
HOSTILE = ["=HYPERLINK(\"http://evil\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\tTAB", "\rCR",
           "<script>alert(1)</script>", "<img src=\"file:///etc/passwd\">", "</style><style>*{color:red}",
           "{{ 7*7 }}", "{% raw %}", "\u202eevil\u202c", "\u200f\u200e", "a\x00b\x07c", "\ufffe\uffff",
           "x" * 100_000, "😀" * 50, "'; DROP TABLE x; --", "../../etc/passwd"]


def _yaml():
    y = YAML()
    y.width = 10_000
    return y


def _dump(data) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def _paths(data, path=()):
    """Every (path, value) in the document."""
    yield path, data
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, path + (i,))


def _set(data, path, value):
    target = data
    for part in path[:-1]:
        target = target[part]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value


_DELETE = object()


def _contract(text: str, name: str, tmp_path: Path, *, build: bool) -> str:
    """Load `text`; on success optionally build xlsx+html. Returns 'ok' or 'refused'."""
    try:
        model = canvas.loads(text, name)
    except InputError as e:
        for problem in e.problems:
            assert problem.file == name and problem.message, problem
            assert problem.line > 0 and problem.column > 0, problem  # always points at a place
        return "refused"
    if build:
        out = tmp_path / "out"
        paths = canvas.build(model, out, formats=["xlsx", "html"])
        html = paths[1].read_text("utf-8")
        assert "<script>alert" not in html and "<img src=\"file:" not in html
        for ws in load_workbook(paths[0]):
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type == "f":  # only our own formulas (funnel conversion, curves compared)
                        assert str(cell.value).startswith("=IF(") or cell.value == "=NA()", cell.value
    return "ok"


PER_CLASS = 28  # mutations of each class per sample (of references and syntax two thirds): loading is most of the time


def _mutations(sample: Path, rng: random.Random):
    """(class, yaml text) pairs: deleted keys, wrong types, hostile text, broken references, broken syntax."""
    text = sample.read_text("utf-8")
    data = _yaml().load(text)
    every = list(_paths(data))[1:]
    keyed = [(p, v) for p, v in every if isinstance(p[-1], str)]
    for path, _ in rng.sample(keyed, min(PER_CLASS, len(keyed))):
        d = copy.deepcopy(data)
        _set(d, path, _DELETE)
        yield "delete key", _dump(d)
    for path, _ in rng.sample(every, min(PER_CLASS, len(every))):
        d = copy.deepcopy(data)
        _set(d, path, rng.choice([[1, 2], {"x": 1}, 12345, None, True, "", -1, 3.5, "٫۱۲"]))
        yield "wrong type", _dump(d)
    texts = [(p, v) for p, v in every if isinstance(v, str) and p[-1] not in ("id", "segment", "persona", "type",
                                                                            "category", "stage", "language", "version")]
    for path, _ in rng.sample(texts, min(PER_CLASS, len(texts))):
        d = copy.deepcopy(data)
        _set(d, path, rng.choice(HOSTILE))
        yield "hostile text", _dump(d)
    refs = [(p, v) for p, v in every if isinstance(v, str) and (p[-1] in ("segment", "persona", "stage")
                                                              or (len(p) > 1 and p[-2] in ("segments", "channels")))]
    for path, value in rng.sample(refs, min(PER_CLASS * 2 // 3, len(refs))):
        d = copy.deepcopy(data)
        _set(d, path, value + "_x")
        yield "broken reference", _dump(d)
    lines = text.splitlines(keepends=True)
    for _ in range(PER_CLASS * 2 // 3):
        i = rng.randrange(len(lines))
        broken = rng.choice([lines[:i], lines[:i] + ["\t" + lines[i]], lines[:i] + ["  - [unclosed\n"] + lines[i:],
                             lines[:i] + [lines[i].replace(":", "", 1)] + lines[i + 1:],
                             lines[:i] + ["&a x: *a\n"] + lines[i:]])
        yield "broken syntax", "".join(broken)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.stem)
def test_mutated_samples_load_and_build_or_are_refused_clearly(sample, tmp_path):
    rng = random.Random(f"canvas-{sample.stem}")  # the same cases on every run
    outcomes = Counter()
    for n, (kind, text) in enumerate(_mutations(sample, rng)):
        # every tenth that loads is built too (xlsx and html): the builds are most of the time taken
        outcome = _contract(text, f"{sample.stem}-{kind}.yaml", tmp_path / str(n), build=n % 10 == 0)
        TRIED[f"mutation: {kind}"] += 1
        outcomes[outcome] += 1
    assert outcomes["refused"] > 20 and outcomes["ok"] > 20, outcomes


def test_hostile_text_everywhere_in_one_model_builds_every_format(tmp_path):
    data = _yaml().load(SAMPLES[-1].read_text("utf-8"))
    rng = random.Random(7)
    for path, value in list(_paths(data)):
        if isinstance(value, str) and path[-1] in ("name", "description", "quote", "title", "summary"):
            _set(data, path, rng.choice(HOSTILE[:12]) + f" {len(path)}")
    model = canvas.loads(_dump(data), "hostile.yaml")
    xlsx, pdf, html = canvas.build(model, tmp_path, formats=["xlsx", "pdf", "html"])
    TRIED["hostile text, all formats"] += 1
    text = html.read_text("utf-8")
    assert "<script>alert(1)</script>" not in text and "&lt;script&gt;" in text
    assert pdf.read_bytes().startswith(b"%PDF")
    formulas = [c for ws in load_workbook(xlsx) for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert all(str(c.value).startswith("=IF(") or c.value == "=NA()" for c in formulas)


def test_cli_never_shows_a_traceback_on_broken_files(cli, tmp_path):
    rng = random.Random(3)
    for n, (kind, text) in enumerate(list(_mutations(SAMPLES[0], rng))[::12]):
        path = tmp_path / f"m{n}.yaml"
        path.write_text(text, "utf-8")
        result = cli("validate", path)
        TRIED["CLI validate of a mutation"] += 1
        assert result.exit_code in (0, 2), (kind, result.output)
        assert "Traceback" not in result.output


def test_huge_lists_build_or_are_refused(tmp_path):
    items = ", ".join(f"{{name: Partner {i}}}" for i in range(10_000))
    text = f"version: 1\nmeta: {{title: Big, language: en}}\nkey_partners: [{items}]\n"
    TRIED["10,000-item list"] += 1
    with pytest.raises(InputError) as info:  # past canvas.limits: refused at the entry past the limit
        canvas.loads(text, "big.yaml")
    assert str(info.value.problems[0]).startswith("big.yaml:3:")
    assert "'key_partners' has 10,000 entries; canvas builds at most 150 per block" in str(info.value.problems[0])
    items = ", ".join(f"{{name: Partner {i}}}" for i in range(150))
    model = canvas.loads(f"version: 1\nmeta: {{title: Big, language: en}}\nkey_partners: [{items}]\n", "big.yaml")
    [xlsx] = canvas.build(model, tmp_path, formats=["xlsx"])
    assert load_workbook(xlsx, read_only=True)["Other canvas blocks"].max_row >= 153


# --- fuzzing ---------------------------------------------------------------------------------

@settings(derandomize=DERANDOMIZE, max_examples=FUZZ, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000) | st.text(max_size=2000).map(str.encode))
def test_fuzz_loader_only_ever_raises_input_errors(raw):
    TRIED["fuzz: loader bytes"] += 1
    try:
        canvas.loads(raw, "fuzz.yaml")
    except InputError as e:
        assert all(str(p).startswith("fuzz.yaml") for p in e.problems)


@pytest.fixture(scope="module")
def workbook_bytes(tmp_path_factory):
    [xlsx] = canvas.build(SAMPLES[-1], tmp_path_factory.mktemp("wb"), formats=["xlsx"])
    return xlsx.read_bytes()


@settings(derandomize=DERANDOMIZE, max_examples=max(FUZZ // 5, 10), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.data())
def test_fuzz_importer_on_damaged_workbooks(workbook_bytes, tmp_path, data):
    """Flip bytes inside the zip, or rewrite one part with garbage: import works or says why."""
    TRIED["fuzz: damaged workbook"] += 1
    mode = data.draw(st.sampled_from(["flip", "part"]))
    if mode == "flip":
        raw = bytearray(workbook_bytes)
        for _ in range(data.draw(st.integers(1, 20))):
            raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
        raw = bytes(raw)
    else:
        source = zipfile.ZipFile(io.BytesIO(workbook_bytes))
        names = source.namelist()
        victim = data.draw(st.sampled_from(names))
        garbage = data.draw(st.binary(max_size=500))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for name in names:
                target.writestr(name, garbage if name == victim else source.read(name))
        raw = out.getvalue()
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(raw)
    try:
        import_workbook(path)
    except InputError as e:
        assert all(str(p).startswith(str(path)) for p in e.problems)


# (text without the control characters openpyxl refuses to write: no spreadsheet program saves them)
_VALUES = st.one_of(st.none(), st.text(max_size=30).map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text)),
                    st.integers(-10**20, 10**20), st.floats(allow_nan=True),
                    st.booleans(), st.datetimes(min_value=dt.datetime(1900, 1, 1)),
                    st.sampled_from(["=1+1", "=A1", "●", "x", "no", "40%", "۱۲٬۵۰۰", "−۲", "Strong", "\n", "• a\n• b",
                                     "Awareness", "Name", "Id", "نام", "Customer segments"]))


@settings(derandomize=DERANDOMIZE, max_examples=max(FUZZ // 5, 10), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.data())
def test_fuzz_importer_on_workbooks_a_person_edited(workbook_bytes, tmp_path, data):
    """Rows and columns inserted or deleted, any value in any cell (headers and labels included),
    sheets renamed or deleted, names dropped: import works or says why, never an internal error."""
    TRIED["fuzz: edited workbook"] += 1
    path = tmp_path / "edited.xlsx"
    path.write_bytes(workbook_bytes)
    wb = load_workbook(path)
    for _ in range(data.draw(st.integers(1, 12))):
        ws = wb[data.draw(st.sampled_from(wb.sheetnames))]
        edit = data.draw(st.sampled_from(["cell", "cell", "cell", "insert_rows", "delete_rows", "insert_cols",
                                          "delete_cols", "rename", "delete_sheet", "drop_name", "percent"]))
        row, col = data.draw(st.integers(1, 30)), data.draw(st.integers(1, 15))
        if edit in ("cell", "percent"):
            cell = ws.cell(row=row, column=col)
            value = data.draw(_VALUES) if edit == "cell" else data.draw(st.floats(-2, 2))
            if type(cell).__name__ != "MergedCell" and not (isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value)):
                cell.value = value  # (a spreadsheet program cannot store what openpyxl refuses either)
                cell.number_format = "0%" if edit == "percent" else cell.number_format
        elif edit in ("insert_rows", "delete_rows"):
            getattr(ws, edit)(row, data.draw(st.integers(1, 3)))
        elif edit in ("insert_cols", "delete_cols"):
            getattr(ws, edit)(col, data.draw(st.integers(1, 3)))
        elif edit == "rename":
            ws.title = data.draw(st.text(alphabet="abcXYZ نام ", min_size=1, max_size=20)).strip() or "x"
        elif edit == "delete_sheet" and len(wb.sheetnames) > 1:
            del wb[ws.title]
        elif edit == "drop_name" and wb.defined_names:
            del wb.defined_names[data.draw(st.sampled_from(sorted(wb.defined_names)))]
    try:
        wb.save(path)
    except Exception:  # openpyxl refuses to save what it made (e.g. a duplicate title): not our case
        return
    try:
        import_workbook(path)
    except InputError as e:
        assert e.problems and all(str(p).startswith(str(path)) for p in e.problems)


_JSONISH = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=30),
                        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                        max_leaves=12).map(lambda v: __import__("json").dumps(v))


@settings(derandomize=DERANDOMIZE, max_examples=max(FUZZ // 5, 10), deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.data())
def test_fuzz_importer_on_its_hidden_settings_and_defined_names(workbook_bytes, tmp_path, data):
    """The hidden settings sheet (JSON a person or a program may damage) and the defined names
    (pointing anywhere, many of them): import works or says where, never an internal error."""
    TRIED["fuzz: settings and names"] += 1
    path = tmp_path / "settings.xlsx"
    path.write_bytes(workbook_bytes)
    wb = load_workbook(path)
    settings = next(ws for ws in wb.worksheets if ws.sheet_state == "hidden" and ws["A1"].value == "format_version")
    keys = [row[0].value for row in settings.iter_rows(max_col=1) if row[0].value]
    for _ in range(data.draw(st.integers(1, 6))):
        row = data.draw(st.integers(1, len(keys) + 2))
        edit = data.draw(st.sampled_from(["json", "text", "key", "name"]))
        if edit in ("json", "text"):  # what openpyxl refuses to store cannot be in a saved file either
            value = data.draw(_JSONISH if edit == "json" else _VALUES)
            settings.cell(row=row, column=2).value = (ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str)
                                                      else value)
        elif edit == "key":
            settings.cell(row=row, column=1).value = data.draw(st.sampled_from(keys + ["model_json_7", "x"]))
        else:
            from openpyxl.workbook.defined_name import DefinedName

            name = data.draw(st.sampled_from(sorted(wb.defined_names) + ["canvas_extra", "Print_Area"]))
            target = data.draw(st.sampled_from(["$A$1", "$XFD$1048576", "$A$1:$XFD$1048576", "#REF!", "1+1"]))
            sheet = data.draw(st.sampled_from(wb.sheetnames))
            wb.defined_names[name] = DefinedName(name, attr_text=f"'{sheet}'!{target}" if "!" not in target
                                                 and target[0] == "$" else target)
    for ws in wb.worksheets:  # a value openpyxl refuses to store cannot be in a saved file either
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and ILLEGAL_CHARACTERS_RE.search(cell.value):
                    cell.value = None
    try:
        wb.save(path)
    except Exception:  # openpyxl refuses to save what it made: not our case
        return
    try:
        import_workbook(path)
    except InputError as e:
        assert e.problems and all(str(p).startswith(str(path)) for p in e.problems)


def _pictures() -> dict[str, bytes]:
    from PIL import Image

    image = Image.new("RGB", (40, 30), (14, 116, 144))
    image.putpixel((3, 4), (250, 200, 10))
    pictures = {}
    for kind, fmt in (("png", "PNG"), ("jpg", "JPEG")):
        raw = io.BytesIO()
        image.save(raw, fmt)
        pictures[kind] = raw.getvalue()
    pictures["svg"] = (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
                       b'width="40" height="30"><defs><rect id="r" width="4" height="3"/></defs>'
                       b'<use xlink:href="#r" x="2"/><circle cx="20" cy="15" r="9" fill="#0E7490"/></svg>')
    return pictures


PICTURES = _pictures()


@settings(derandomize=DERANDOMIZE, max_examples=max(FUZZ // 15, 10), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(sorted(PICTURES)), data=st.data())
def test_fuzz_damaged_pictures_are_refused_at_validation_or_build_every_format(tmp_path, kind, data):
    """A picture either passes validation and then every format builds with it, or validation
    names it: never a crash in the workbook, never a logo silently missing from the PDF."""
    TRIED[f"fuzz: damaged {kind} logo"] += 1
    picture = bytearray(PICTURES[kind])
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(picture) - 1))
        picture[at] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(picture) // 2, len(picture)))
    (tmp_path / f"logo.{kind}").write_bytes(bytes(picture[:cut]))
    model = tmp_path / "m.yaml"
    model.write_text(f"version: 1\nmeta: {{title: T, language: en}}\nbrand:\n  logo: logo.{kind}\n", "utf-8")
    try:
        canvas.load(model)
    except InputError as e:
        assert [str(p).split(": ")[0] for p in e.problems] == [f"{model}:4:9"], e.problems
        return
    written = canvas.build(model, tmp_path / "out", jobs=1)
    assert len(written) == 3
    assert b"data:image/" in (tmp_path / "out" / "m.html").read_bytes()
    assert load_workbook(tmp_path / "out" / "m.xlsx").worksheets[0] is not None


TAGS = ["!!python/object:os.system", "!!python/object/apply:os.system", "!!omap", "!!set", "!!binary",
        "!custom", "!!str", "!!int", "&a", "*a", "<<: *a", "!!map", "!!seq"]


@settings(derandomize=DERANDOMIZE, max_examples=max(FUZZ // 5, 10), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fuzz_yaml_tags_anchors_and_merge_keys_anywhere(data):
    """Tags, anchors, aliases and merge keys put at random places of a sample: loads, or a located
    message; never another exception (they crashed before)."""
    TRIED["fuzz: yaml tags"] += 1
    lines = SAMPLES[0].read_text("utf-8").splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(lines) - 1))
        line = lines[at]
        if ": " in line and data.draw(st.booleans()):
            key, value = line.split(": ", 1)
            lines[at] = f"{key}: {data.draw(st.sampled_from(TAGS))} {value}"
        else:
            indent = line[:len(line) - len(line.lstrip())]
            lines.insert(at, indent + data.draw(st.sampled_from(TAGS)) + (": x" if data.draw(st.booleans()) else ""))
    try:
        canvas.loads("\n".join(lines) + "\n", "tags.yaml")
    except InputError as e:
        assert all(str(p).startswith("tags.yaml:") for p in e.problems), e.problems
