"""A teacher's rubric (`canvas summary --rubric`, `canvas feedback --rubric`): how much each block's
completeness weighs and what each finding costs, and the score it gives a student.

    out_of: 20          # the scale of the score (default 100)
    blocks:             # a block's weight (a block not named weighs 1; 0 leaves it out)
      journeys: 3
    findings:           # points off per finding: by check code, else by severity
      C503: 0.5
      warning: 0.25
      info: 0
      unread: 0.5       # per typed cell the import could not read

score = out_of × Σ(weight × completeness) / Σ weight − Σ points off, never below 0, rounded to
two decimals. A file with errors has no score: it is not read yet (its status says so).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from pydantic import BaseModel, ConfigDict, Field

from .errors import InputError

SEVERITIES = ("warning", "info")
UNREAD = "unread"  # the findings key for cells the import could not read


class Rubric(BaseModel):
    model_config = ConfigDict(extra="forbid")

    out_of: float = Field(100, gt=0)
    blocks: dict[str, float] = Field(default_factory=dict)
    findings: dict[str, float] = Field(default_factory=dict)

    def weight(self, block: str) -> float:
        return self.blocks.get(block, 1.0)

    def cost(self, code: str, severity: str) -> float:
        return self.findings.get(code, self.findings.get(severity, 0.0))

    def score(self, completeness: dict[str, float], findings: Iterable[tuple[str, str]], unread: int = 0) -> float:
        """The score of a model whose blocks are `completeness` complete, with `findings` as
        (code, severity) pairs and `unread` cells the import could not read."""
        total = sum(self.weight(b) for b in completeness)
        earned = sum(self.weight(b) * share for b, share in completeness.items()) / total if total else 0.0
        off = sum(self.cost(code, severity) for code, severity in findings) + unread * self.findings.get(UNREAD, 0.0)
        return round(max(0.0, self.out_of * earned - off), 2)


def is_rubric(path: str | Path) -> bool:
    """Whether the YAML file at `path` is a rubric (its top-level keys are a rubric's), not a model."""
    import re

    try:
        if not Path(path).is_file():  # a pipe would block
            return False
        with open(path, "rb") as f:
            text = f.read(64 * 1024).decode("utf-8", "replace")
    except OSError:
        return False
    keys = set(re.findall(r"^([A-Za-z_]+)\s*:", text, re.M))
    return bool(keys) and keys <= set(Rubric.model_fields)


def load_rubric(path: str | Path, lang: str | None = None) -> Rubric:
    """The rubric at `path`, or InputError naming every mistake at its line and column. Numbers
    may be typed in Persian digits; `note` is taken for `info` (the checks call them notes)."""
    from .checks import BLOCKS as KEYS  # the blocks completeness is scored on
    from .checks import definitions
    from .loader import _read, _source
    from .messages import choose, say

    path = Path(path)
    source, lang = _source(_read(path, choose(lang)), str(path), lang, empty="empty_rubric",
                           keys="out_of, blocks, findings")
    codes = list(definitions())
    allowed = {"blocks": list(KEYS), "findings": codes + list(SEVERITIES) + [UNREAD]}
    problems, clean = [], {}

    def number(loc: tuple, value, positive: bool = False):
        value = _number(value)
        if value is None or (positive and value <= 0):
            problems.append(source.problem(loc, say("rubric_number", lang, field=loc[-1])))
        elif value < 0:
            problems.append(source.problem(loc, say("rubric_negative", lang, field=loc[-1])))
        return value

    for key, value in source.data.items():
        if key == "out_of":
            clean[key] = number((key,), value, positive=True)
        elif key in allowed:
            if not isinstance(value, dict):
                problems.append(source.problem((key,), say("mapping_expected", lang, field=key, value=value)))
                continue
            clean[key] = {}
            for name, weight in value.items():
                name_key = "info" if key == "findings" and name == "note" else name
                if name_key not in allowed[key]:  # rubric_block, rubric_finding
                    problems.append(source.problem((key, name), say(f"rubric_{key[:-1]}", lang, value=name,
                                                                    choices=allowed[key]), key=True))
                clean[key][name_key] = number((key, name), weight)
        else:
            problems.append(source.problem((key,), say("rubric_key", lang, key=key), key=True))
    if not problems and "blocks" in clean and not any(clean["blocks"].get(b, 1.0) for b in KEYS):
        problems.append(source.problem(("blocks",), say("rubric_all_zero", lang), key=True))
    if problems:
        raise InputError(problems)
    return Rubric.model_validate(clean)


def _number(value) -> float | None:
    """A number as typed: 2, 0.5, '۲', '۰٫۵' (Persian digits and decimal separator); None if not one."""
    import math

    from .fields import latin_digits

    if isinstance(value, str):
        try:
            value = float(latin_digits(value.strip()).replace("٫", "."))
        except ValueError:
            return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)
