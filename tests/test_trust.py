"""Files other people send (issue 17, first slice): a model cannot make the build read an image
outside its folder; YAML tags and merge keys are refused at their place; numbers stay within what a
spreadsheet keeps exactly; a device, a pipe or a huge file is refused without being read whole."""
from __future__ import annotations

import os

import pytest

import canvas
from canvas.errors import InputError
from modelgen import PNG

HEAD = "version: 1\nmeta: {title: T, language: en}\n"


def said(text: str, **kwargs) -> list[str]:
    with pytest.raises(InputError) as info:
        canvas.loads(text, "m.yaml", **kwargs)
    return [str(p) for p in info.value.problems]


def test_images_outside_the_models_folder_are_refused(tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(PNG)
    folder = tmp_path / "class" / "student"
    folder.mkdir(parents=True)
    (folder / "inside.png").write_bytes(PNG)
    (folder / "link.png").symlink_to(secret)
    outside = "m.yaml:{}: logo file '{}' is outside the model's folder; canvas reads only files inside it (copy the file next to the model)"
    for path, where in ((str(secret), "4:9"), ("../../secret.png", "4:9"), ("link.png", "4:9")):
        assert said(HEAD + f"brand:\n  logo: {path}\n", base_dir=folder) == [outside.format(where, path)]
    photo = HEAD + "segments: [{id: s, name: S}]\npersonas: [{id: p, segment: s, name: P, photo: ../../secret.png}]\n"
    assert "photo file '../../secret.png' is outside the model's folder" in said(photo, base_dir=folder)[0]
    canvas.loads(HEAD + "brand:\n  logo: inside.png\n", "m.yaml", base_dir=folder)  # inside: fine


def test_a_brand_file_given_on_the_command_line_is_trusted(tmp_path, cli):
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "logo.png").write_bytes(PNG)
    brand = tmp_path / "brands" / "client.yaml"
    brand.parent.mkdir()
    brand.write_text("logo: ../shared/logo.png\n", "utf-8")
    model = tmp_path / "m.yaml"
    model.write_text(HEAD + "segments: [{id: s, name: S}]\n", "utf-8")
    result = cli("build", model, "-o", tmp_path / "out", "--brand", brand, "--no-pdf", "--no-html")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("text, message", [
    ("meta: !!omap [{title: T}, {language: en}]\n", "2:7: YAML tags (!!omap) are not allowed"),
    ("segments: !!set {a, b}\n", "3:11: YAML tags (!!set) are not allowed"),
    ("key_partners: [{name: !!python/object:os.system {}}]\n", "3:23: YAML tags (!!python/object:os.system) are not allowed"),
    ("key_partners: [{name: !!binary aGVsbG8=}]\n", "3:23: YAML tags (!!binary) are not allowed"),
    ("key_partners: [{name: !custom text}]\n", "3:23: YAML tags (!custom) are not allowed"),
    ("brand:\n  <<: {primary: '#112233'}\n", "4:3: YAML merge keys (<<) are not allowed"),
])
def test_yaml_tags_and_merge_keys_are_refused_at_their_place(text, message):
    text = HEAD + text if not text.startswith("meta") else "version: 1\n" + text
    [problem] = said(text)
    assert problem.startswith(f"m.yaml:{message}")


def test_plain_tags_are_plain_values():
    model = canvas.loads(HEAD + "segments: [{id: s, name: !!str 12, size: !!int '40'}]\n", "m.yaml")
    assert model.segments[0].name.get("en") == "12" and model.segments[0].size == 40


def test_numbers_stay_within_what_a_spreadsheet_keeps_exactly(tmp_path):
    [problem] = said(HEAD + "segments: [{id: s, name: S, size: " + "9" * 400 + "}]\n")
    assert "'size' must be from 0 to 999,999,999,999,999" in problem
    big = 999_999_999_999_999
    model = canvas.loads(HEAD + f"segments: [{{id: s, name: S, size: {big}}}]\nfunnel: {{stages: [{{name: A, count: {big}}}]}}\n",
                         "m.yaml")
    [xlsx] = canvas.build(model, tmp_path, formats=["xlsx"])
    from canvas.workbook import import_workbook

    assert import_workbook(xlsx).data["segments"][0]["size"] == big


def test_devices_pipes_and_huge_files_are_refused_unread(tmp_path, cli):
    fifo = tmp_path / "model.yaml"
    os.mkfifo(fifo)
    result = cli("validate", fifo)  # would block for ever if it were opened
    assert result.exit_code == 2 and result.stderr.strip() == f"{fifo}: is not a regular file (a device or a pipe); give a file"
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    assert "is not a regular file" in cli("validate", link).stderr
    sparse = tmp_path / "big.yaml"
    with sparse.open("wb") as f:
        f.truncate(1 << 30)  # a 1 GB sparse file: refused from its first 2 MiB
    result = cli("validate", sparse)
    assert result.exit_code == 2 and "file is 1,073,741,824 bytes; the limit is 2,097,152 bytes" in result.stderr
    brand = tmp_path / "brand.yaml"
    brand.symlink_to("/dev/zero")
    model = tmp_path / "m.yaml"
    model.write_text(HEAD, "utf-8")
    assert "is not a regular file" in cli("build", model, "--brand", brand, "-o", tmp_path / "o").stderr


def test_outputs_follow_the_umask(tmp_path):
    from canvas.output import write_all

    old = os.umask(0o077)
    try:
        [private] = write_all({tmp_path / "a.txt": b"a"})
    finally:
        os.umask(old)
    os.umask(0o022)
    try:
        [shared] = write_all({tmp_path / "b.txt": b"b"})
    finally:
        os.umask(old)
    assert private.stat().st_mode & 0o777 == 0o600 and shared.stat().st_mode & 0o777 == 0o644


def test_a_workbook_whose_zip_needs_a_newer_version_is_an_error_not_a_crash(tmp_path):
    from canvas.workbook import import_workbook

    [xlsx] = canvas.build(canvas.loads(HEAD, "m.yaml"), tmp_path, formats=["xlsx"])
    raw = bytearray(xlsx.read_bytes())
    central = raw.index(b"PK\x01\x02")
    raw[central + 6:central + 8] = (64).to_bytes(2, "little")  # "needs zip 6.4": zipfile cannot read it
    xlsx.write_bytes(bytes(raw))
    with pytest.raises(InputError) as info:
        import_workbook(xlsx)
    assert "not a zip file" in str(info.value)


# --- images: checked when the model is read (issue 17, items 9 and 15) ------------------------------

def _png(path, width, height, mode="1", dot=0):
    from PIL import Image

    image = Image.new(mode, (width, height), 1)
    image.putpixel((dot, 0), 0)  # each picture different
    image.save(path)
    return path


def test_a_damaged_image_is_an_error_at_validation_not_a_crash_of_the_build(tmp_path, cli):
    (tmp_path / "cut.png").write_bytes(_png(tmp_path / "whole.png", 400, 300, "RGB").read_bytes()[:200])
    model = tmp_path / "m.yaml"
    model.write_text(HEAD + "brand:\n  logo: cut.png\n", "utf-8")
    for command in (["validate", model], ["build", model, "-o", tmp_path / "out", "--no-xlsx"]):
        result = cli(*command)
        assert result.exit_code == 2
        assert f"{model}:4:9: logo file 'cut.png' is damaged or incomplete" in result.output
    assert not (tmp_path / "out").exists()


def test_a_picture_with_too_many_pixels_is_refused_before_it_is_decoded(tmp_path):
    _png(tmp_path / "bomb.png", 13_000, 13_000)  # 46 KB; it cost the PDF 17.7 s and 1.4 GB
    assert (tmp_path / "bomb.png").stat().st_size < 100_000
    assert said(HEAD + "brand:\n  logo: bomb.png\n", base_dir=tmp_path) == [
        "m.yaml:4:9: logo image 'bomb.png' is 13,000×13,000 pixels, more than 24 million; save it smaller "
        "(2000 pixels on the longer side is plenty for print)"]


def test_all_the_pictures_of_a_model_share_one_budget_and_a_shared_photo_counts_once(tmp_path):
    def model(photos):
        return HEAD + "segments: [{id: s, name: S}]\npersonas:\n" + "".join(
            f"  - {{id: p{i}, segment: s, name: P{i}, photo: {photo}}}\n" for i, photo in enumerate(photos))

    for i in range(8):
        _png(tmp_path / f"photo{i}.png", 5000, 4000, dot=i)  # 20 million pixels each
    canvas.loads(model(["photo0.png"] * 8), "m.yaml", base_dir=tmp_path)  # one photo eight times: fine
    assert said(model([f"photo{i}.png" for i in range(8)]), base_dir=tmp_path) == [  # the sixth is one too many
        "m.yaml:10:43: the pictures of this model hold more than 100 million pixels in all; save them smaller"]


@pytest.mark.parametrize("svg, message", [
    ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
     '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>', "declares XML entities (<!ENTITY)"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs>'
     '<rect id="l0" width="1" height="1"/>'
     + "".join(f'<g id="l{i}">' + f'<use xlink:href="#l{i - 1}"/>' * 10 + "</g>" for i in range(1, 9))
     + '</defs><use xlink:href="#l8"/></svg>', "draws more than 50,000 elements (following <use>)"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><g id="a"><use href="#a"/></g></svg>', "draws more than 50,000"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"', "is damaged or incomplete"),
])
def test_svg_traps_are_refused(tmp_path, svg, message):
    (tmp_path / "logo.svg").write_text(svg, "utf-8")
    [problem] = said(HEAD + "brand:\n  logo: logo.svg\n", base_dir=tmp_path)
    assert problem.startswith("m.yaml:4:9: logo ") and message in problem


def test_a_picture_inside_an_svg_counts_its_pixels(tmp_path):
    import base64

    inner = base64.b64encode(_png(tmp_path / "bomb.png", 13_000, 13_000).read_bytes()).decode()
    (tmp_path / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/'
                                       f'xlink"><image xlink:href="data:image/png;base64,{inner}"/></svg>', "utf-8")
    [problem] = said(HEAD + "brand:\n  logo: logo.svg\n", base_dir=tmp_path)
    assert "13,000×13,000 pixels, more than 24 million" in problem


def test_pictures_hidden_inside_an_svg_are_checked_whatever_their_kind_or_encoding(tmp_path):
    """A nested-<use> SVG inside an SVG's data: URI hung the build (found by a reviewer); a GIF
    or percent-encoded picture inside is decoded and counted like any other."""
    import base64
    from urllib.parse import quote_from_bytes

    from PIL import Image

    bomb = '<svg xmlns="http://www.w3.org/2000/svg"><g id="a"><use href="#a"/></g></svg>'
    gif = tmp_path / "big.gif"
    Image.new("1", (13_000, 13_000), 1).save(gif)
    cases = {
        "data:image/svg+xml;base64," + base64.b64encode(bomb.encode()).decode(): "holds another SVG inside it",
        "data:image/gif;base64," + base64.b64encode(gif.read_bytes()).decode(): "more than 24 million",
        "data:image/png," + quote_from_bytes(_png(tmp_path / "b.png", 13_000, 13_000).read_bytes()):
            "more than 24 million",
    }
    for uri, message in cases.items():
        (tmp_path / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><defs><pattern id="p">'
                                           f'<image href="{uri}"/></pattern></defs>'
                                           '<rect fill="url(#p)" width="9" height="9"/></svg>', "utf-8")
        [problem] = said(HEAD + "brand:\n  logo: logo.svg\n", base_dir=tmp_path)
        assert message in problem, (uri[:30], problem)


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a size (its header) without the pixels: enough to be refused by size."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))


def test_odd_pictures_get_plain_messages_found_by_a_reviewer(tmp_path):
    (tmp_path / "huge.png").write_bytes(_png_header_only(60_000, 60_000))  # Pillow calls it a bomb
    (tmp_path / "folder.png").mkdir()
    os.mkfifo(tmp_path / "pipe.png")
    cases = {"huge.png": "logo image 'huge.png' is 60,000×60,000 pixels, more than 24 million",
             "folder.png": "'folder.png' is not a logo file (a folder, a pipe or a device)",
             "pipe.png": "'pipe.png' is not a logo file (a folder, a pipe or a device)",
             '"a\\0b.png"': "logo file 'a\\0b.png' not found"}  # it was ValueError: embedded null byte
    for logo, message in cases.items():
        [problem] = said(HEAD + f"brand:\n  logo: {logo}\n", base_dir=tmp_path)
        assert problem.startswith("m.yaml:4:9: " + message), problem


@pytest.mark.parametrize("text, message", [
    ("version: 1\nmeta: {title: T, language: en, date: 9999-12-31}\n",
     "m.yaml:2:38: '9999-12-31' is outside the dates canvas shows"),  # a Persian build crashed on it
    ("version: 1\nmeta: {title: T, language: fa, date: 9999/12/29}\n", "بیرون از بازهٔ تاریخ‌هایی است"),
    ("version: true\nmeta: {title: T, language: en}\n", "m.yaml:1:10: true/false is not a valid version"),
])
def test_values_the_loader_took_but_a_build_could_not_use(text, message):
    [problem] = said(text)
    assert message in problem, problem


def test_a_damaged_picture_is_damaged_even_after_weasyprint_was_imported(tmp_path):
    """WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process when imported: the
    check passed a cut PNG in any process that had rendered a PDF before (a build, the tests)."""
    import weasyprint  # noqa: F401 - its import is the point

    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES
    (tmp_path / "cut.png").write_bytes(_png(tmp_path / "whole.png", 400, 300, "RGB").read_bytes()[:200])
    assert "is damaged or incomplete" in said(HEAD + "brand:\n  logo: cut.png\n", base_dir=tmp_path)[0]
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # left as WeasyPrint wants it
