"""Quality gate: TOML parsing and each threshold's pass/fail reasons."""
from __future__ import annotations

import pytest

from review.core.gate import Gate, GateResult
from review.core.model import Severity
from tests.unit.factories import analysis

MAJOR, CRITICAL = Severity.MAJOR, Severity.CRITICAL


def test_from_toml_top_level_table_and_false() -> None:
    assert Gate.from_toml("") == Gate()
    assert Gate.from_toml("min_mqm = 90\nmax_major_per_1000_words = 2.5") == Gate(min_mqm=90, max_major_per_1000_words=2.5)
    assert Gate.from_toml("[gate]\nmin_reference_chrf = 45.0\nmax_critical = false") == Gate(min_reference_chrf=45.0, max_critical=None)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("min_mqn = 90", "unknown gate keys: min_mqn"),
        ("min_mqm = 'high'", "non-negative number"),
        ("min_mqm = -1", "non-negative number"),
        ("min_mqm = true", "non-negative number"),
        ("max_critical = 0.5", "integer"),
        ("min_mqm = ", "not valid TOML"),
    ],
)
def test_from_toml_rejects_bad_input(text: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        Gate.from_toml(text)


def test_default_gate_fails_only_on_critical() -> None:
    assert Gate().evaluate([analysis(severities=(MAJOR, MAJOR))]) == GateResult(True, ())
    result = Gate().evaluate([analysis(severities=(CRITICAL,))])
    assert result == GateResult(False, ("1 critical flags > 0 allowed",))
    assert Gate().evaluate([]).passed


def test_major_rate_is_per_1000_batch_words() -> None:
    batch = [analysis("a", 1000, (MAJOR, MAJOR)), analysis("b", 1000, (MAJOR,))]
    assert Gate(max_major_per_1000_words=1.5).evaluate(batch).passed
    result = Gate(max_major_per_1000_words=1.0).evaluate(batch)
    assert result.reasons == ("1.50 major flags per 1000 words > 1",)


def test_per_document_thresholds_name_the_document() -> None:
    batch = [analysis("good", 100, (), reference_chrf=60.0), analysis("bad", 100, (MAJOR, MAJOR), reference_chrf=40.0),
             analysis("noref", 100)]
    result = Gate(min_reference_chrf=50, min_mqm=95).evaluate(batch)
    assert not result.passed
    assert result.reasons == ("bad: reference chrF 40.0 < 50", "bad: MQM 90.0 < 95")
