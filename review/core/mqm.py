"""MQM-style quality score: severity weights and the penalty-per-word formula.

Each flag costs its severity weight (minor 1, major 5, critical 25, the MQM core defaults).
score = max(0, 100 - 100 * total_penalty / word_count), with word_count the source words.
So one major error in a 100-word article gives 95; an empty document with no flags gives 100,
and an empty document with flags gives 0.
"""
from __future__ import annotations

from collections.abc import Iterable

from review.core.model import Flag, Severity

SEVERITY_WEIGHTS: dict[Severity, int] = {Severity.MINOR: 1, Severity.MAJOR: 5, Severity.CRITICAL: 25}


def penalty(flags: Iterable[Flag]) -> int:
    """Sum of the severity weights of the flags."""
    return sum(SEVERITY_WEIGHTS[flag.severity] for flag in flags)


def mqm_score(flags: Iterable[Flag], word_count: int) -> float:
    """MQM-style score in [0, 100]; see the module docstring for the formula."""
    total = penalty(flags)
    if word_count <= 0:
        return 100.0 if total == 0 else 0.0
    return max(0.0, 100.0 - 100.0 * total / word_count)
