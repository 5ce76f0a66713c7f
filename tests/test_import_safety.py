"""Workbooks made to hurt the importer (hardening issue, cases 10, 11, 12, 21, 24a): each is refused
with a message naming the file (and the cell where there is one) and exit code 2, quickly, in
bounded memory, never with a traceback, and no YAML is written."""
from __future__ import annotations

import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

import canvas
from canvas.errors import InputError
from canvas.workbook import import_workbook
from conftest import SAMPLES
from programs import libreoffice
from sheets import role

MUSIC = next(s for s in SAMPLES if s.stem == "music-streaming-en")


def run_import(*args, env=None) -> subprocess.CompletedProcess:
    """`canvas import ARGS` in its own process, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "canvas", "import", *map(str, args)], capture_output=True,
                          text=True, timeout=120, env={"PATH": os.environ["PATH"], "LANG": "C.UTF-8", **(env or {})})


def refused(path) -> list[str]:
    with pytest.raises(InputError) as info:
        import_workbook(path)
    return [str(p) for p in info.value.problems]


@pytest.fixture(scope="module")
def music(tmp_path_factory) -> Path:
    [xlsx] = canvas.build(MUSIC, tmp_path_factory.mktemp("music"), formats=["xlsx"])
    return xlsx


def with_settings(source: Path, target: Path, **values) -> dict[str, str]:
    """A copy of a workbook whose hidden settings hold `values`; returns {setting: its cell}."""
    wb = load_workbook(source)
    ws = role(wb, "settings")
    cells = {}
    for row in ws.iter_rows(min_col=1, max_col=2):
        if row[0].value in values:
            row[1].value = values[row[0].value]
            cells[row[0].value] = f"{ws.title}!{row[1].coordinate}"
    wb.save(target)
    return cells


# --- 10: malformed values on the hidden settings sheet ------------------------------------------

DAMAGE = {
    "bad JSON": '{"a": ',
    "a list for a mapping": "[1, 2]",
    "a number": "5",
    "mapping values of the wrong type": '{"s": {"x": 1}}',
    "deep nesting": "[" * 100_000 + "]" * 100_000,
    "longer than a cell": '{"s": "' + "x" * 40_000 + '"}',
}


@pytest.mark.parametrize("setting", ["custom_stages", "brand", "segments_shown", "outputs", "relationship_matrix",
                                     "value_map_columns", "canvas_boxes"])
@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_setting_is_an_error_at_its_cell(music, tmp_path, setting, damage):
    cells = with_settings(music, tmp_path / "damaged.xlsx", **{setting: DAMAGE[damage]})
    said = refused(tmp_path / "damaged.xlsx")
    assert said == [f"{tmp_path / 'damaged.xlsx'}:{cells[setting]}: this cell of the hidden sheet 'canvas' keeps "
                    f"'{setting}', but it no longer holds what canvas wrote there (broken JSON, nested too deep, too "
                    "long, or of another shape); copy the sheet 'canvas' from the workbook canvas built, or delete "
                    "this row to import without it"]


@pytest.mark.parametrize("damage", ['{"meta": 5}', "[" * 100_000, '{"meta": {"title": "T"}, "segments": 7}'])
def test_a_damaged_model_copy_is_a_warning_at_its_cell(music, tmp_path, damage):
    cells = with_settings(music, tmp_path / "copy.xlsx", model_json_1=damage)
    [warning] = import_workbook(tmp_path / "copy.xlsx").warnings
    assert str(warning).startswith(f"{tmp_path / 'copy.xlsx'}:{cells['model_json_1']}: warning: the hidden copy of "
                                   "the model on the sheet 'canvas' is damaged")


def test_chunk_numbers_that_are_no_numbers_are_not_chunks(music, tmp_path):
    wb = load_workbook(music)
    ws = role(wb, "settings")
    ws.append(["model_json_" + "9" * 5000, "{}"])  # int() refuses more than 4300 digits
    ws.append(["model_json_²", "{}"])             # a digit to str.isdigit, not to int()
    wb.save(tmp_path / "keys.xlsx")
    assert canvas.load(MUSIC).model_dump() == import_workbook(tmp_path / "keys.xlsx").model.model_dump()


def test_the_cli_says_where_the_settings_are_damaged_in_the_workbooks_language(music, tmp_path):
    [fa] = canvas.build(MUSIC, tmp_path, formats=["xlsx"], lang="fa", name="fa")
    cells = with_settings(fa, tmp_path / "fa.xlsx", custom_stages="[" * 50_000)
    done = run_import(tmp_path / "fa.xlsx", "-o", tmp_path / "out.yaml")
    assert done.returncode == 2 and "Traceback" not in done.stderr and not (tmp_path / "out.yaml").exists()
    assert done.stderr.startswith(f"{tmp_path / 'fa.xlsx'}:{cells['custom_stages']}: این خانهٔ برگهٔ پنهان «canvas» "
                                  "مقدار «custom_stages» را نگه می‌دارد"), done.stderr


# --- 11: XML entities (billion laughs) ----------------------------------------------------------

def entity_bomb(path: Path, sheets: int) -> Path:
    """A workbook whose sheets each declare an entity of 270 bytes and use it 300,000 times: each
    part stays under 1 MB (so the zip-ratio check passes it) and under expat's 100x amplification
    limit, yet every sheet expands to 81 MB."""
    body = ('<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "' + "x" * 270 + '">]>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
            '<c r="A1" t="inlineStr"><is><t>' + "&a;" * 300_000 + "</t></is></c></row></sheetData></worksheet>")
    wb = Workbook()
    wb.active.title = "Customer segments"
    for i in range(1, sheets):
        wb.create_sheet(f"S{i}")
    plain = path.with_suffix(".plain.xlsx")
    wb.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            sheet = info.filename.startswith("xl/worksheets/sheet")
            target.writestr(info.filename, body.encode() if sheet else source.read(info.filename))
    return path


def peak_rss(*code: str) -> tuple[int, str]:
    """(peak resident memory in MB, stdout) of a fresh Python running `code`: its VmHWM, which
    starts anew at exec (ru_maxrss keeps the peak of the process it was forked from: a test
    run's pytest, hundreds of MB late in a run)."""
    script = "import re, sys\n" + "\n".join(code) + \
        "\nhwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)" + \
        "\nprint(int(hwm) // 1024, file=sys.stderr)"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    return int(done.stderr.strip().splitlines()[-1]), done.stdout


def test_a_workbook_declaring_xml_entities_is_refused_before_it_expands(tmp_path):
    bomb = entity_bomb(tmp_path / "bomb.xlsx", sheets=10)  # 9 MB unpacked; 1.1 GB of memory before the fix
    assert bomb.stat().st_size < 50_000
    megabytes, said = peak_rss("from canvas.workbook import import_workbook",
                               "from canvas.errors import InputError",
                               "try:", f"    import_workbook({str(bomb)!r})", "except InputError as e:", "    print(e)")
    assert said.strip() == (f"{bomb}: this workbook contains XML entity declarations (a DOCTYPE in its part "
                            "xl/worksheets/sheet1.xml), which spreadsheet programs do not write and which can make a "
                            "small file expand to gigabytes; canvas does not read it: open it in a spreadsheet "
                            "program and save it again")
    assert megabytes < 300, megabytes
    done = run_import(bomb, "-o", tmp_path / "bomb.yaml", env={"CANVAS_LANG": "fa"})
    assert done.returncode == 2 and not (tmp_path / "bomb.yaml").exists() and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"{bomb}: این کارپوشه تعریف موجودیت XML دارد (DOCTYPE در بخش xl/worksheets/sheet1.xml)")


def test_openpyxl_guards_its_own_parsers_with_defusedxml(tmp_path):
    """setup.cfg requires defusedxml: without it openpyxl's worksheet parser expands entities."""
    import openpyxl
    from defusedxml import DefusedXmlException

    assert openpyxl.DEFUSEDXML
    with pytest.raises(Exception) as info:
        openpyxl.load_workbook(entity_bomb(tmp_path / "bomb.xlsx", sheets=2))
    assert isinstance(info.value.__context__ or info.value, DefusedXmlException)


def test_an_ods_declaring_xml_entities_is_refused_too(tmp_path):
    [xlsx] = canvas.build(MUSIC, tmp_path, formats=["xlsx"])
    [ods] = libreoffice([xlsx], "ods", tmp_path / "lo")
    laughs = '<!ENTITY l0 "' + "x" * 100 + '">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 8))
    bomb = tmp_path / "bomb.ods"
    with zipfile.ZipFile(ods) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "content.xml":
                data = data.decode().replace("?>", f"?><!DOCTYPE office:document-content [{laughs}]>", 1) \
                    .replace("<text:p>", "<text:p>&l7;", 1).encode()
            target.writestr(info, data)
    assert refused(bomb) == [f"{bomb}: this workbook contains XML entity declarations (a DOCTYPE in its part "
                             "content.xml), which spreadsheet programs do not write and which can make a small file "
                             "expand to gigabytes; canvas does not read it: open it in a spreadsheet program and save "
                             "it again"]


# --- 21: a pipe in a folder of hand-ins; an encrypted workbook ---------------------------------

def compound_file(*streams: str) -> bytes:
    """A minimal OLE compound file (the container of an encrypted .xlsx or an .xls) holding empty
    streams of these names: header, one FAT sector, one directory sector."""
    end, free = 0xFFFFFFFE, 0xFFFFFFFF
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + bytes(6) + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 0x1000, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    fat = struct.pack("<II", 0xFFFFFFFD, end) + struct.pack("<I", free) * 126

    def entry(name: str, kind: int, right: int = free, child: int = free) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (encoded.ljust(64, b"\0") + struct.pack("<HBBIII", len(encoded), kind, 1, free, right, child)
                + bytes(16) + bytes(4) + bytes(16) + struct.pack("<IQ", end, 0))

    entries = [entry("Root Entry", 5, child=1 if streams else free)]
    entries += [entry(s, 2, right=i + 2 if i + 1 < len(streams) else free) for i, s in enumerate(streams)]
    directory = b"".join(entries).ljust(512, b"\0")
    return header + fat + directory


@pytest.mark.parametrize("streams, message", [
    (("EncryptionInfo", "EncryptedPackage"),
     "this workbook is encrypted (password-protected); save it without a password and import again"),
    (("Workbook",), "this is an Excel 97–2003 (.xls) workbook or another binary file, not .xlsx; save it as .xlsx "
                    "(Excel workbook) and import that"),
])
def test_a_password_protected_workbook_is_named_so(tmp_path, streams, message):
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(compound_file(*streams))
    assert refused(locked) == [f"{locked}: {message}"]


def test_a_pipe_among_the_hand_ins_is_refused_unread(tmp_path, music):
    folder = tmp_path / "submissions"
    folder.mkdir()
    (folder / "ali.xlsx").write_bytes(music.read_bytes())
    os.mkfifo(folder / "x.xlsx")  # opening it would wait for a writer for ever
    done = run_import(folder, "-o", tmp_path / "models", "--jobs", "1")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"{folder / 'x.xlsx'}: is not a regular file (a device or a pipe); give a file" in done.stderr
    assert sorted(p.name for p in (tmp_path / "models").iterdir()) == ["ali.yaml"]


# --- 12: a far-away cell, defined names pointing at it, more cells than a workbook needs ----------

def far_away(source: Path, target: Path, names: int = 200) -> None:
    """A copy of a workbook with a cell at the last row and column import reads on every sheet
    canvas reads, and `names` defined names pointing at the persona sheet's."""
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.workbook.defined_name import DefinedName

    from canvas.workbook.grid import MAX_COLUMNS, MAX_ROWS

    far = f"{get_column_letter(MAX_COLUMNS)}{MAX_ROWS}"
    wb = load_workbook(source)
    for ws in wb.worksheets:
        ws[far] = "far"
    persona = quote_sheetname(role(wb, "persona_1").title)
    for n in range(3, names + 3):
        wb.defined_names[f"canvas_persona_{n}"] = DefinedName(f"canvas_persona_{n}", attr_text=f"{persona}!${far}")
    wb.defined_names["canvas_segments"] = DefinedName(
        "canvas_segments", attr_text=f"{quote_sheetname(wb['Customer segments'].title)}!${far.replace(str(MAX_ROWS), '$' + str(MAX_ROWS))}")
    wb.save(target)


def cells_touched(path: Path, monkeypatch) -> int:
    """How many cells reading the workbook looked at (each lookup of a cell, present or not)."""
    from canvas.workbook import grid, read

    count = [0]
    lookup = grid.Sheet.cell

    def counted(self, row, col):
        count[0] += 1
        return lookup(self, row, col)

    with monkeypatch.context() as m:
        m.setattr(grid.Sheet, "cell", counted)
        read(path)
    return count[0]


def test_reading_costs_the_cells_present_not_how_far_away_one_is(music, tmp_path, monkeypatch):
    far = tmp_path / "far.xlsx"
    far_away(music, far)
    baseline = cells_touched(music, monkeypatch)
    # before: over 30 million lookups (every row down to the far cell, once per name), minutes
    assert cells_touched(far, monkeypatch) < 2 * baseline, baseline


def test_the_cli_names_where_a_defined_name_points_far_away(music, tmp_path):
    far = tmp_path / "far.xlsx"
    far_away(music, far)
    done = run_import(far, "-o", tmp_path / "far.yaml")
    assert done.returncode == 2 and "Traceback" not in done.stderr and not (tmp_path / "far.yaml").exists()
    assert (f"{far}:Customer segments!A20000: the column 'Id' is missing; put it back (undo the deletion, or rename "
            "its header back to 'Id')") in done.stderr.splitlines()
    assert f"{far}:Sales funnel!SF20000: warning: 'far' is outside the cells canvas reads" in done.stderr


def test_more_cells_or_names_than_the_limits_are_refused(music, tmp_path, monkeypatch):
    from canvas.workbook import grid

    monkeypatch.setattr(grid, "MAX_CELLS", 100)
    assert refused(music) == [f"{music}: this workbook has more than 100 filled cells, the most canvas reads (a "
                              "class-sized workbook has a few thousand); delete what is not part of the model"]
    monkeypatch.setattr(grid, "MAX_CELLS", 200_000)
    monkeypatch.setattr(grid, "MAX_NAMES", 5)
    assert refused(music) == [f"{music}: this workbook defines more than 5 names, the most canvas reads; delete the "
                              "names you do not need (Name Manager)"]


def test_an_ods_row_repeated_a_million_times_is_refused_before_it_is_made(tmp_path):
    """A few hundred bytes of .ods that stand for 20,000 rows × 500 cells: 10 million cells."""
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}><office:body>'
               '<office:spreadsheet><table:table table:name="Customer segments">'
               '<table:table-row table:number-rows-repeated="20000"><table:table-cell '
               'table:number-columns-repeated="500" office:value-type="string"><text:p>x</text:p></table:table-cell>'
               '</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>')
    ods = tmp_path / "repeated.ods"
    with zipfile.ZipFile(ods, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
    megabytes, said = peak_rss("from canvas.workbook import import_workbook",
                               "from canvas.errors import InputError",
                               "try:", f"    import_workbook({str(ods)!r})", "except InputError as e:", "    print(e)")
    assert said.strip() == (f"{ods}: this workbook has more than 200,000 filled cells, the most canvas reads (a "
                            "class-sized workbook has a few thousand); delete what is not part of the model")
    assert megabytes < 300, megabytes


# --- 24a: what import writes loads ------------------------------------------------------------

def test_a_copied_row_is_refused_at_its_cell_naming_the_first(music, tmp_path):
    wb = load_workbook(music)
    ws = wb["Customer segments"]
    for col in range(1, 7):  # the second segment's row copied below the table
        ws.cell(row=8, column=col).value = ws.cell(row=5, column=col).value
    wb.save(tmp_path / "copied.xlsx")
    out = tmp_path / "copied.yaml"
    done = run_import(tmp_path / "copied.xlsx", "-o", out)
    assert done.returncode == 2 and "Traceback" not in done.stderr and not out.exists()
    assert done.stderr.splitlines() == [
        f"{tmp_path / 'copied.xlsx'}:Customer segments!A8: the id 'premium' is already the id of the entry at "
        "Customer segments!A5; ids must be unique: give this one its own (a copied row?)"]


@pytest.mark.parametrize("photo, message", [
    ("me.jpg", "photo file 'me.jpg' not found; give a path relative to {target}"),
    ("/etc/passwd", "photo file '/etc/passwd' is outside the model's folder; canvas reads only files inside it (copy "
                    "the file next to the model)"),
])
def test_what_the_loader_would_refuse_is_refused_at_its_cell_and_nothing_is_written(music, tmp_path, photo, message):
    """The loader checks more than the model's fields: images against the YAML's folder, its size.
    Import wrote such YAML with exit 0 and the build refused it."""
    from sheets import beside

    wb = load_workbook(music)
    cell = beside(role(wb, "persona_1"), "Photo")
    cell.value = photo
    wb.save(tmp_path / "photo.xlsx")
    target = tmp_path / "models" / "photo.yaml"
    done = run_import(tmp_path / "photo.xlsx", "-o", target)
    assert done.returncode == 2 and "Traceback" not in done.stderr and not target.exists()
    assert done.stderr.splitlines() == [
        f"{tmp_path / 'photo.xlsx'}:{role(wb, 'persona_1').title}!{cell.coordinate}: " + message.format(target=target)]


def test_yaml_over_the_loaders_size_limit_is_not_written(music, tmp_path):
    import random
    import string

    wb = load_workbook(music)
    ws = wb["Customer segments"]
    rng = random.Random(1)  # text that does not compress, so the zip checks pass it
    for row in range(8, 308):
        ws.cell(row=row, column=2).value = f"Segment {row}"
        ws.cell(row=row, column=3).value = "".join(rng.choice(string.ascii_letters + " ") for _ in range(8000))
    wb.save(tmp_path / "big.xlsx")
    target = tmp_path / "big.yaml"
    done = run_import(tmp_path / "big.xlsx", "-o", target)
    assert done.returncode == 2 and "Traceback" not in done.stderr and not target.exists()
    assert done.stderr.startswith(f"{tmp_path / 'big.xlsx'}: the YAML import would write would not load, so nothing "
                                  f"was written: {target}: file is 2,"), done.stderr
    assert "bytes; the limit is 2,097,152 bytes" in done.stderr


def test_two_names_pointing_at_one_persona_sheet_read_it_once(music, tmp_path):
    from openpyxl.workbook.defined_name import DefinedName

    wb = load_workbook(music)
    wb.defined_names["canvas_persona_3"] = DefinedName("canvas_persona_3", attr_text=wb.defined_names["canvas_persona_1"].attr_text)
    wb.save(tmp_path / "twice.xlsx")
    assert import_workbook(tmp_path / "twice.xlsx").model.model_dump() == canvas.load(MUSIC).model_dump()


@pytest.mark.parametrize("key, value", [("language", "de"), ("workbook_language", "xx"), ("format_version", "99"),
                                        ("calendar", "lunar"), ("digits", "roman"), ("layout", "7")])
def test_a_plain_setting_typed_over_is_an_error_at_its_cell(tmp_path, key, value):
    """Found by a reviewer: a language or a format version typed over was taken without a word."""
    [xlsx] = canvas.build(MUSIC, tmp_path, formats=["xlsx"])
    wb = load_workbook(xlsx)
    ws = next(w for w in wb.worksheets if w.sheet_state == "hidden" and w["A1"].value == "format_version")
    row = next(r for r in ws.iter_rows() if r[0].value == key)
    row[1].value = value
    wb.save(tmp_path / "typed.xlsx")
    with pytest.raises(InputError) as caught:
        import_workbook(tmp_path / "typed.xlsx")
    assert [p.place for p in caught.value.problems] == [f"canvas!B{row[0].row}"]
