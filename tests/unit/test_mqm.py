"""MQM-style score: weights and the penalty-per-word formula."""
from __future__ import annotations

import pytest

from review.core.model import Flag, Severity
from review.core.mqm import SEVERITY_WEIGHTS, mqm_score, penalty


def flag(severity: Severity) -> Flag:
    return Flag("omission", "accuracy", severity, "body", (0, 1), None, "m")


def test_weights() -> None:
    assert SEVERITY_WEIGHTS == {Severity.MINOR: 1, Severity.MAJOR: 5, Severity.CRITICAL: 25}
    assert penalty([flag(Severity.MINOR), flag(Severity.MAJOR), flag(Severity.CRITICAL)]) == 31


@pytest.mark.parametrize(
    ("severities", "words", "expected"),
    [
        ([], 100, 100.0),
        ([Severity.MAJOR], 100, 95.0),
        ([Severity.MINOR, Severity.MAJOR], 200, 97.0),
        ([Severity.CRITICAL], 20, 0.0),
        ([], 0, 100.0),
        ([Severity.MINOR], 0, 0.0),
    ],
)
def test_mqm_score(severities: list[Severity], words: int, expected: float) -> None:
    assert mqm_score([flag(s) for s in severities], words) == pytest.approx(expected)
