"""`canvas init`: write a starter model (or a sample) and the JSON Schema beside it."""
from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from pathlib import Path

from .errors import InputError, Problem
from .messages import choose, say  # errors: the user's language (CANVAS_LANG, locale), not the starter's
from .output import write_all
from .schema import SCHEMA_FILE, schema_text

MODELINE = f"# yaml-language-server: $schema=./{SCHEMA_FILE}\n"


def examples() -> dict[str, str]:
    """Sample name -> YAML text, from the samples shipped with the package."""
    folder = resources.files("canvas.samples")
    return {Path(entry.name).stem: entry.read_text("utf-8")
            for entry in sorted(folder.iterdir(), key=lambda e: e.name) if entry.name.endswith(".yaml")}


_DATE_LINE = re.compile(r"^(  date: )\S+", re.M)


def today(lang: str, day: dt.date | None = None) -> str:
    """Today as the starter writes dates: Jalali 1404/09/14 in Persian, 2025-12-05 in English."""
    day = day or dt.date.today()
    if lang == "fa":
        import jdatetime

        j = jdatetime.date.fromgregorian(date=day)
        return f"{j.year}/{j.month:02d}/{j.day:02d}"
    return day.isoformat()


def starter_text(lang: str, day: dt.date | None = None) -> str:
    """The starter model in `lang`, dated `day` (default today) in its calendar."""
    text = resources.files("canvas").joinpath(f"data/starter-{lang}.yaml").read_text("utf-8")
    return _DATE_LINE.sub(lambda m: m.group(1) + today(lang, day), text, count=1)


def init(path: str | Path, *, lang: str = "fa", example: str | None = None, force: bool = False,
         messages_lang: str | None = None) -> list[Path]:
    """Write PATH (a .yaml file, or a folder that gets model.yaml) and canvas.schema.json beside it."""
    path = Path(path)
    target = path if path.suffix in (".yaml", ".yml") else path / "model.yaml"
    if example is not None:
        known = examples()
        if example not in known:
            raise InputError(Problem("--example", 0, 0, say("unknown_example", choose(messages_lang), value=example,
                                                             choices=list(known))))
        text = known[example]
    else:
        text = starter_text(lang)
    lines = [line for line in text.splitlines(keepends=True) if "yaml-language-server" not in line]
    if target.exists() and not force:
        raise InputError(Problem(str(target), 0, 0, say("already_exists", choose(messages_lang))))
    schema = schema_text()
    return write_all({target: (MODELINE + "".join(lines)).encode("utf-8"),
                      target.parent / SCHEMA_FILE: schema.encode("utf-8")}, force=force, lang=choose(messages_lang))
