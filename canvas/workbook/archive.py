"""What a workbook file must be before any parser reads it, so that a hostile file is refused
quickly and in little memory: a regular file (a pipe would block the reader for ever), not an
encrypted or legacy binary container (OLE/CFB), a zip within the size limits, and XML parts that
declare no DTD (internal entities: a 100 KB file can expand to gigabytes; expat's own limit still
lets every byte become 100). openpyxl's guard, defusedxml, covers only its own parsers; this check
covers the .ods reader and every part alike."""
from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from xml.parsers import expat

from ..errors import InputError, Problem
from ..loader import regular_file
from ..messages import say

MAX_UNZIPPED = 60 * 1024 * 1024  # a class-sized workbook is < 2 MB unzipped; refuse zip bombs
MAX_RATIO = 200                  # of a part over 1 MB unzipped
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: an encrypted .xlsx, or an .xls
ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream an encrypted .xlsx keeps its zip in


def check(path: Path, lang: str) -> None:
    """Raise InputError, in `lang`, if the file at `path` is not one a parser may be given."""
    name = str(path)

    def refuse(key: str, **params) -> InputError:
        return InputError(Problem(name, 0, 0, say(key, lang, **params)))

    regular_file(path, lang)
    try:
        with path.open("rb") as f:
            if f.read(len(OLE)) == OLE:
                raise refuse("encrypted" if _contains(f, ENCRYPTED) else "binary_workbook")
        with zipfile.ZipFile(path) as archive:
            total = 0
            for info in archive.infolist():
                total += info.file_size
                if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 1_000_000:
                    raise refuse("zip_bomb", part=info.filename, ratio=info.file_size // info.compress_size)
            if total > MAX_UNZIPPED:
                raise refuse("unzipped_too_big", size=total // 1_000_000, limit=MAX_UNZIPPED // 1_000_000)
            for info in archive.infolist():
                if _declares_dtd(archive, info):
                    raise entities(name, info.filename, lang)
    except FileNotFoundError:
        raise refuse("no_such_file") from None
    except (zipfile.BadZipFile, OSError, NotImplementedError, EOFError, ValueError, zlib.error):
        # a damaged archive: zipfile also raises NotImplementedError ("zip file version 6.4")
        raise refuse("not_zip", suffix=path.suffix.lower()) from None
    except RuntimeError:  # a part with a zip password (NotImplementedError, a RuntimeError, is above)
        raise refuse("encrypted") from None


def entities(name: str, part: str, lang: str) -> InputError:
    """The error for a part declaring XML entities (said by this check and by the parsers' guards)."""
    return InputError(Problem(name, 0, 0, say("xml_entities", lang, part=part)))


def _contains(f, marker: bytes, chunk: int = 1 << 20) -> bool:
    """Whether the rest of the open file holds `marker` (read a chunk at a time, at most the
    size limit)."""
    tail, read = b"", 0
    while read < MAX_UNZIPPED and (data := f.read(chunk)):
        if marker in tail + data:
            return True
        tail, read = data[-len(marker):], read + len(data)
    return False


class _Stop(Exception):
    pass


def _declares_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether a part declares a DTD, the only place XML entities are declared. It can only come
    before the root element, so reading stops there; a part that is no XML (an image) declares none."""
    parser = expat.ParserCreate()
    found = []

    def doctype(*_):
        found.append(True)
        raise _Stop

    def root(*_):
        raise _Stop

    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = root
    try:
        with archive.open(info) as part:
            while chunk := part.read(1 << 16):
                parser.Parse(chunk, False)
    except (_Stop, expat.ExpatError):
        pass
    return bool(found)
