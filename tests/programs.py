"""Real spreadsheet programs for the tests: LibreOffice and Gnumeric re-save workbooks as their
users' files would be (`make test` installs both through .ci/sysdeps.sh)."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path


def libreoffice(files: list[Path], fmt: str, out: Path) -> list[Path]:
    """`files` converted by LibreOffice headless to `fmt` (xlsx, ods, pdf) in `out`, one process."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed: `make test` installs it (.ci/sysdeps.sh)"
    out.mkdir(parents=True, exist_ok=True)
    profile = out / ".profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", fmt,
                    "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": str(out)})
    converted = [out / f"{Path(f).stem}.{fmt}" for f in files]
    assert all(p.exists() for p in converted), f"LibreOffice did not write {converted}"
    return converted


def gnumeric(file: Path, out: Path) -> Path:
    """`file` re-saved as .xlsx by Gnumeric's ssconvert (which drops Excel tables and formats)."""
    ssconvert = shutil.which("ssconvert")
    assert ssconvert, "Gnumeric is needed: `make test` installs it (.ci/sysdeps.sh)"
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{file.stem}.xlsx"
    subprocess.run([ssconvert, str(file), str(target)], check=True, capture_output=True, timeout=120,
                   env={**os.environ, "HOME": str(out)})
    return target
