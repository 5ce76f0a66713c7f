"""Write outputs safely: a run's files appear together or none changes, and nothing a person
made is replaced.

- Every file is first written to a temp file beside its target (`.NAME.PID.TOKEN.tmp`); only when
  all are written are they moved into place, with SIGINT and SIGTERM held back meanwhile. If a
  move fails, the files already moved are put back as they were (from `.NAME.PID.TOKEN.old`).
  Temp files of a process that no longer runs (killed with SIGKILL, or a power cut) are removed
  by the next write into that folder.
- A file that did not exist is created only if it still does not exist when the set is moved in
  (two runs racing for one name: the second is refused, not merged).
- An existing file is replaced only with `force`, or when it is canvas's own output of the same
  kind, unchanged since (`ours`): a workbook someone saved, a report edited by hand (the HTML
  carries its own SHA-256: `seal`), a student's YAML or a file of another program is never
  replaced silently (a deck carries canvas as its last author and application, a picture its own
  SHA-256); and never, not even with `force`, a file the same command reads (`inputs`).
- A stop whose exception a library swallowed is still a stop (stopping.check, before the move).
"""
from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
import signal
import stat
import zipfile
from contextlib import contextmanager
from pathlib import Path

from . import stopping
from .errors import InputError, Problem

OWNER = "canvas"                 # lastModifiedBy of every workbook canvas writes
OWNER_TIME = "2000-01-01T00:00:00Z"  # its fixed 'modified' time (see workbook.kit.deterministic_bytes)
WRITER = "Openpyxl"              # ... and the program its docProps/app.xml names
PDF_ID = b"canvas-report"        # the permanent part of every canvas PDF's /ID
_LOOK = 4 * 1024 * 1024          # at most this much of an existing file is read to recognise it
_LEFTOVER = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[0-9a-f]{8}\.(?:tmp|old)$")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _head(path: Path, size: int = _LOOK) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read(size + 1)
    except OSError:
        return None


def properties(path: Path) -> tuple[str, str] | None:
    """An Office document's core and app properties (docProps/core.xml, and the first 64 KiB of
    app.xml or '' without one) as text, or None if it has no core a reader may trust (not a zip,
    a core of more than 64 KiB: not what canvas writes)."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("docProps/core.xml")
            if info.file_size > _PROPERTIES:
                return None
            core = archive.read(info).decode("utf-8", "replace")
            if "docProps/app.xml" not in archive.namelist():  # a program may write none: no writer named
                return core, ""
            with archive.open("docProps/app.xml") as app:
                return core, app.read(_PROPERTIES).decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, EOFError):
        return None


_PROPERTIES = 64 * 1024


def _stamped(core: str, app: str) -> str | None:
    """The program an Office document names as its writer if canvas is its last author at the
    fixed time (output.OWNER, OWNER_TIME), else None."""
    by = re.search(r"<cp:lastModifiedBy>([^<]*)</cp:lastModifiedBy>", core)
    when = re.search(r"<dcterms:modified[^>]*>([^<]*)</dcterms:modified>", core)
    writer = re.search(r"<Application>([^<]*)</Application>", app)
    if by and when and writer and by.group(1) == OWNER and when.group(1) == OWNER_TIME:
        return writer.group(1)
    return None


def _ours_xlsx(path: Path) -> bool:
    # a spreadsheet program saving it names itself (LibreOffice keeps the two properties)
    props = properties(path)
    writer = _stamped(*props) if props else None
    return writer is not None and WRITER in writer


def _ours_pdf(path: Path) -> bool:
    data = _head(path, 16 * _LOOK)
    # WeasyPrint's header (a program writing the file anew writes its own)
    if data is None or len(data) > 16 * _LOOK or not re.match(rb"%PDF-\d\.\d\n%\xf0\x9f\x96\xa4\n", data):
        return False
    # saved again by a PDF program: a second end-of-file marker (an update appended)
    end = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data[-1024:])
    return (data.count(b"%%EOF") == 1 and end is not None
            and b"/ID [(" + PDF_ID + b")" in data[int(end.group(1)):][:65536])


_SEAL = re.compile(rb"<!-- canvas sha256:([0-9a-f]{64}) -->\n\Z")


def seal(html: bytes) -> bytes:
    """`html` with its own fingerprint at the end, so a later run can tell that nobody edited it."""
    return html + b"<!-- canvas sha256:" + hashlib.sha256(html).hexdigest().encode() + b" -->\n"


def _ours_html(path: Path) -> bool:
    data = _head(path, 64 * _LOOK)
    found = _SEAL.search(data or b"")
    return bool(found) and hashlib.sha256(data[:found.start()]).hexdigest().encode() == found.group(1)


def _ours_json(path: Path) -> bool:
    """The JSON Schema as this canvas writes it, byte for byte (one from another version, or
    edited, is left alone)."""
    from .schema import schema_text

    return _head(path) == schema_text().encode("utf-8")


def _ours_pptx(path: Path) -> bool:
    """A deck canvas wrote: canvas as its last author at the fixed time, and as its application
    (PowerPoint and LibreOffice name themselves when they save it), its parts as sealed."""
    props = properties(path)
    return bool(props) and _stamped(*props) == OWNER and _deck_sealed(path, props[0])


def _deck_sealed(path: Path, core: str) -> bool:
    """The deck's parts are those canvas wrote: their SHA-256 is the seal in its identifier (a
    program that saves it, changing a slide, may keep its properties: python-pptx does)."""
    from .deck.template import SEAL_PREFIX, seal

    found = re.search(rf"<dc:identifier>{SEAL_PREFIX}([0-9a-f]{{64}})</dc:identifier>", core)
    if not found:
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if sum(i.file_size for i in infos) > _DECK_LIMIT:
                return False
            return seal((i.filename, archive.read(i)) for i in infos) == found.group(1)
    except (OSError, zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError):
        return False


_DECK_LIMIT = 1 << 30  # a deck bigger than canvas writes (unzipped) is not canvas's


def _ours_png(path: Path) -> bool:
    """A picture canvas wrote, unchanged: it carries the SHA-256 of its own pixels' chunks (render/png.seal)."""
    from .render.png import sealed

    data = _head(path, 16 * _LOOK)
    return data is not None and len(data) <= 16 * _LOOK and sealed(data)


_RECOGNISE = {".xlsx": _ours_xlsx, ".pdf": _ours_pdf, ".html": _ours_html, ".json": _ours_json,
              ".pptx": _ours_pptx, ".png": _ours_png}


def ours(path: Path) -> bool:
    """Whether `path` is a regular file canvas wrote, of the kind its name says, unchanged since."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
    except OSError:
        return False
    recognise = _RECOGNISE.get(path.suffix.lower())
    return bool(recognise and recognise(path))


def refusals(targets, *, force: bool = False, lang: str = "en", inputs=()) -> list[Problem]:
    """One problem per target that must not be written: one of the run's `inputs` (even with
    `force`), a folder or device in the way, or a file canvas did not write (or someone changed)
    unless `force`."""
    from .messages import say

    problems = []
    read = {os.path.realpath(path) for path in inputs if path != "-"}
    for target in targets:
        target = Path(target)
        if os.path.realpath(target) in read:
            problems.append(Problem(str(target), 0, 0, say("output_is_input", lang)))
            continue
        try:
            mode = os.lstat(target).st_mode
        except (FileNotFoundError, NotADirectoryError):  # a new file (or a folder that cannot be made:
            continue                                     # write_all says so)
        except OSError as e:
            problems.append(Problem(str(target), 0, 0, say("output_unreadable", lang, why=e.strerror)))
            continue
        if stat.S_ISDIR(mode) or not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
            problems.append(Problem(str(target), 0, 0, say("output_not_a_file", lang)))
        elif not force and not ours(target):
            problems.append(Problem(str(target), 0, 0, say("output_not_ours", lang)))
    return problems


def check(targets, *, force: bool = False, lang: str = "en", inputs=()) -> None:
    """Raise InputError naming every target `refusals` refuses (call it before the work)."""
    problems = refusals(targets, force=force, lang=lang, inputs=inputs)
    if problems:
        raise InputError(problems)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def sweep(folder: Path, names: set[str]) -> None:
    """Remove the temp and backup files that a stopped canvas left in `folder` for the files
    `names` (the ones being written now: a file of the same pattern for another name is left)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        found = _LEFTOVER.match(entry.name)
        if (found and found["name"] in names and entry.is_file(follow_symlinks=False)
                and not _alive(int(found["pid"]))):
            try:
                os.unlink(entry.path)
            except OSError:
                pass


@contextmanager
def _held_signals():
    """SIGINT and SIGTERM wait until the block ends (the moves take microseconds)."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _side(target: Path, token: str, kind: str) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.{token}.{kind}")


def write_all(files: dict[Path, bytes], *, force: bool = False, lang: str = "en") -> list[Path]:
    """Write every file beside its target, then move them all into place together (see the module).

    Raises InputError (nothing changed) if a target must not be written (`refusals`, checked just
    before the move: callers that can, check before their work too), or if a target that did
    not exist appeared meanwhile.
    """
    files = {Path(target): data for target, data in files.items()}
    token = secrets.token_hex(4)
    mode = 0o666 & ~_umask()  # as any program's new file
    temps: dict[Path, Path] = {}
    where: Path | None = None  # what the system refused, for the message
    try:
        for folder in sorted({target.parent for target in files}):
            where = folder
            folder.mkdir(parents=True, exist_ok=True)
            sweep(folder, {target.name for target in files if target.parent == folder})
        for target, data in files.items():
            where = target
            temp = _side(target, token, "tmp")
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            temps[target] = temp
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, mode)
        where = None
        with _held_signals():
            stopping.check()  # a stop whose exception a library swallowed still stops the writing
            _move_in(temps, token, force, lang)
    except OSError as e:  # no such folder, read-only, disk full, no permission...: nothing changed
        from .messages import say

        shown = where or (Path(e.filename) if e.filename else next(iter(files)))
        raise InputError(Problem(str(shown), 0, 0, say("cannot_write", lang, why=e.strerror or str(e)))) from None
    finally:
        for temp in temps.values():
            if os.path.lexists(temp):
                os.unlink(temp)
    return list(files)


def _move_in(temps: dict[Path, Path], token: str, force: bool, lang: str) -> None:
    """Move every temp onto its target; on any failure put every target back as it was."""
    existed = {target: os.path.lexists(target) for target in temps}
    check(temps, force=force, lang=lang)  # now: another run may have written since the caller's check
    done: list[tuple[Path, Path | None]] = []  # (target, its backup, or None if it was new)
    try:
        for target, temp in temps.items():
            if existed[target]:
                backup = _side(target, token, "old")
                try:
                    os.link(target, backup, follow_symlinks=False)
                except OSError:  # a file system without hard links (FAT, some network shares)
                    shutil.copy2(target, backup, follow_symlinks=False)
                done.append((target, backup))
                os.replace(temp, target)
            else:
                _create(temp, target, lang)
                done.append((target, None))
    except BaseException:
        for target, backup in reversed(done):
            if backup is not None:
                os.replace(backup, target)
            elif os.path.lexists(target):
                os.unlink(target)
        raise
    finally:
        for _, backup in done:
            if backup is not None and os.path.lexists(backup):
                os.unlink(backup)


def _create(temp: Path, target: Path, lang: str) -> None:
    """Move `temp` to `target` only if `target` still does not exist (a hard link cannot
    replace a file); where links are not possible, a plain move."""
    from .messages import say

    try:
        os.link(temp, target)
    except FileExistsError:
        raise InputError(Problem(str(target), 0, 0, say("output_appeared", lang))) from None
    except OSError:  # a file system without hard links (FAT, some network shares)
        os.replace(temp, target)
        return
    os.unlink(temp)
