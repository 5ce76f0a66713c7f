"""Write outputs atomically: all of a build's files appear together, or none changes."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_all(files: dict[Path, bytes]) -> list[Path]:
    """Write every file to a temp file beside it, then rename them all into place.

    A failure before the renames leaves earlier outputs untouched and no temp file behind.
    """
    temps: list[tuple[str, Path]] = []
    mode = 0o666 & ~_umask()  # as any program's new file (mkstemp makes it 0600)
    try:
        for target, data in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            temps.append((temp, target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, mode)
        for temp, target in temps:
            os.replace(temp, target)
    finally:
        for temp, _ in temps:
            if os.path.exists(temp):
                os.unlink(temp)
    return list(files)
