"""Submissions whose free text is nearly the same (`canvas summary`), so a teacher looks twice.

The measure: each submission's free text (every text of its model, in the order of the model) is
folded as names are compared (case, spaces, digits, Arabic letter forms: kinds.norm) and cut into
word trigrams; two submissions' similarity is the Jaccard index of their trigram sets, |A ∩ B| /
|A ∪ B|. Trigrams that more than half of the submissions share (text the teacher gave everyone)
are left out first, in a class of COMMON_FROM submissions or more. A pair is flagged at THRESHOLD or
above; a submission with fewer than MIN_TRIGRAMS trigrams (an untouched worksheet) is never
flagged. Two students writing the same business independently share well under a quarter of
their trigrams; a copy with some words changed shares most of them.
"""
from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Iterable

THRESHOLD = 0.5
MIN_TRIGRAMS = 20
COMMON_FROM = 10


def texts(model) -> list[str]:
    """The free text of `model` in its own language, in the model's order."""
    from .checks import _texts

    lang = model.meta.language
    return [text.get(lang) for _path, text in _texts(model) if text.get(lang)]


def trigrams(lines: Iterable[str]) -> set[str]:
    from .workbook.kinds import norm

    words = [w.strip(".,;:!?()«»\"'،؛؟") for line in lines for w in norm(line).split()]
    words = [w for w in words if w]
    return {" ".join(words[i:i + 3]) for i in range(len(words) - 2)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def pairs(submissions: dict[str, set[str]], threshold: float = THRESHOLD) -> list[tuple[str, str, float]]:
    """(first, second, similarity) for every pair at `threshold` or above, most similar first;
    `submissions` maps a name to its trigrams."""
    sets = dict(submissions)
    if len(sets) >= COMMON_FROM:  # what most submissions share was given to all of them
        shared = Counter(t for s in sets.values() for t in s)
        common = {t for t, n in shared.items() if n > len(sets) / 2}
        sets = {name: s - common for name, s in sets.items()}
    sizable = {name: s for name, s in sets.items() if len(s) >= MIN_TRIGRAMS}
    found = []
    for (a, sa), (b, sb) in combinations(sizable.items(), 2):
        if len(sa) < threshold * len(sb) or len(sb) < threshold * len(sa):
            continue  # |A ∩ B| / |A ∪ B| ≤ min / max: too different in size to reach the threshold
        similarity = jaccard(sa, sb)
        if similarity >= threshold:
            found.append((a, b, round(similarity, 2)))
    return sorted(found, key=lambda p: (-p[2], p[0], p[1]))
