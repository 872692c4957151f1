"""Quality gate: TOML parsing and each threshold's pass/fail reasons."""
from __future__ import annotations

import re
from dataclasses import replace

import pytest

from review.core.model import Severity
from review.core.reports.gate import CodeRule, Gate, GateResult
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
        ("mqm = 3", "mqm must be a table"),
        ("[mqm]\nmajor = -1", "non-negative"),
        ("[mqm]\nsevere = 2", "unknown MQM keys: severe"),
    ],
)
def test_from_toml_rejects_bad_input(text: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        Gate.from_toml(text)


def test_default_gate_fails_only_on_critical() -> None:
    assert Gate().evaluate([analysis(severities=(MAJOR, MAJOR))]) == GateResult(True, ())
    result = Gate().evaluate([analysis(severities=(CRITICAL,)), analysis("clean")])
    assert result == GateResult(False, ("1 critical flags > 0 allowed",),
                                {"doc": ("1 critical flag(s); batch: 1 critical flags > 0 allowed",)})
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
    assert result.documents == {"bad": ("reference chrF 40.0 < 50", "MQM 90.0 < 95")}


def with_codes(doc_id: str, words: int, *codes: str):  # type: ignore[no-untyped-def]
    """An analysis whose flags carry the given codes (major severity)."""
    base = analysis(doc_id, words, tuple(MAJOR for _ in codes))
    return replace(base, flags=tuple(replace(flag, code=code) for flag, code in zip(base.flags, codes)))


def test_code_rules_from_toml() -> None:
    gate = Gate.from_toml("[codes.quote_dropped]\nmax = 0\n[codes.omission]\nmax_per_document = 2\n"
                          "max_per_1000_words = 1.5\n")
    assert gate.codes == {"quote_dropped": CodeRule(max=0),
                          "omission": CodeRule(max_per_document=2, max_per_1000_words=1.5)}
    assert Gate.from_toml("[gate]\nmin_mqm = 80\n[gate.codes.addition]\nmax = 3").codes == {"addition": CodeRule(max=3)}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[codes.quote_droped]\nmax = 0", "unknown flag code in [codes.quote_droped]"),
        ("[codes.omission]\nmaximum = 0", "unknown codes.omission keys: maximum"),
        ("[codes.omission]\nmax = 0.5", "codes.omission key max must be an integer"),
        ("codes = 3", "table of [codes.<flag code>] tables"),
        ("[codes]\nomission = 3", "codes.omission must be a table"),
    ],
)
def test_code_rules_reject_bad_input(text: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=re.escape(fragment)):
        Gate.from_toml(text)


def test_code_rules_batch_count_names_contributing_documents() -> None:
    batch = [with_codes("a", 500, "quote_dropped", "omission"), with_codes("b", 500, "quote_dropped"), with_codes("c", 500)]
    result = Gate(codes={"quote_dropped": CodeRule(max=1)}).evaluate(batch)
    assert result.reasons == ("2 quote_dropped flags > 1 allowed",)
    assert result.documents == {"a": ("1 quote_dropped flag(s); batch: 2 quote_dropped flags > 1 allowed",),
                                "b": ("1 quote_dropped flag(s); batch: 2 quote_dropped flags > 1 allowed",)}
    assert Gate(codes={"quote_dropped": CodeRule(max=2)}).evaluate(batch).passed


def test_code_rules_per_document_and_rate() -> None:
    batch = [with_codes("a", 1000, "omission", "omission", "omission"), with_codes("b", 1000, "omission")]
    per_document = Gate(codes={"omission": CodeRule(max_per_document=2)}).evaluate(batch)
    assert per_document.reasons == ("a: 3 omission flags > 2 allowed per document",)
    assert per_document.documents == {"a": ("3 omission flags > 2 allowed per document",)}
    rate = Gate(codes={"omission": CodeRule(max_per_1000_words=1.5)}).evaluate(batch)
    assert rate.reasons == ("2.00 omission flags per 1000 words > 1.5",)
    assert Gate(codes={"omission": CodeRule(max_per_1000_words=2)}).evaluate(batch).passed


def test_mqm_weights_from_toml_drive_min_mqm() -> None:
    document = analysis(words=100, severities=(MAJOR, MAJOR))  # default weights: 100 - 100 * 10 / 100 = 90
    plain = Gate.from_toml("min_mqm = 95")
    lenient = Gate.from_toml("min_mqm = 95\n[mqm]\nmajor = 1\nposition_weight = 1")
    assert lenient.mqm.weights[MAJOR] == 1 and lenient.mqm.position_weight == 1
    assert plain.evaluate([document]).reasons == ("doc: MQM 90.0 < 95",)
    assert lenient.evaluate([document]).passed
