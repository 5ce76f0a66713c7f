"""Write outputs atomically: all of a build's files appear together, or none changes."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_all(files: dict[Path, bytes]) -> list[Path]:
    """Write every file to a temp file beside it, then rename them all into place.

    A failure before the renames leaves earlier outputs untouched and no temp file behind.
    """
    temps: list[tuple[str, Path]] = []
    try:
        for target, data in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            temps.append((temp, target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, 0o644)
        for temp, target in temps:
            os.replace(temp, target)
    finally:
        for temp, _ in temps:
            if os.path.exists(temp):
                os.unlink(temp)
    return list(files)
