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

from pydantic import BaseModel, ConfigDict, Field, ValidationError

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
    """The rubric at `path`, or InputError naming each mistake at its line and column."""
    from .blocks import KEYS
    from .checks import definitions
    from .loader import _read, _source
    from .messages import choose, say

    path = Path(path)
    source, lang = _source(_read(path, choose(lang)), str(path), lang, empty="empty_rubric",
                           keys="out_of, blocks, findings")
    problems = []
    try:
        rubric = Rubric.model_validate(source.data)
    except ValidationError as e:
        for err in e.errors():
            loc = tuple(err["loc"])
            if err["type"] == "extra_forbidden":
                problems.append(source.problem(loc, say("rubric_key", lang, key=loc[-1]), key=True))
            elif len(loc) == 1 and err["type"] in ("dict_type", "model_type"):
                problems.append(source.problem(loc, say("mapping_expected", lang, field=loc[0], value=source.data[loc[0]])))
            else:
                problems.append(source.problem(loc, say("rubric_number", lang, field=loc[-1])))
        raise InputError(problems) from None
    for block, weight in rubric.blocks.items():
        if block not in KEYS:
            problems.append(source.problem(("blocks", block), say("rubric_block", lang, value=block, choices=list(KEYS)),
                                           key=True))
    codes = list(definitions())
    for key in rubric.findings:
        if key not in codes and key not in SEVERITIES and key != UNREAD:
            problems.append(source.problem(("findings", key), say("rubric_finding", lang, value=key,
                                                                   choices=codes + list(SEVERITIES) + [UNREAD]),
                                           key=True))
    for part in ("blocks", "findings"):
        for key, value in getattr(rubric, part).items():
            if value < 0:
                problems.append(source.problem((part, key), say("rubric_negative", lang, field=key)))
    if rubric.blocks and not problems and not any(rubric.weight(b) for b in KEYS):
        problems.append(source.problem(("blocks",), say("rubric_all_zero", lang), key=True))
    if problems:
        raise InputError(problems)
    return rubric
