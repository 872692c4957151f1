"""MQM-style score: weights, the penalty-per-word formula, headline/lede position weight, configuration."""
from __future__ import annotations

import pytest

from review.core.model import DocumentAnalysis, DocumentPair, FieldAnalysis, Flag, Segment, Severity, Text
from review.core.scoring.mqm import (
    DEFAULT_CONFIG,
    SEVERITY_WEIGHTS,
    MqmConfig,
    document_penalty,
    document_score,
    mqm_score,
    penalty,
    penalty_per_1000_words,
)


def flag(severity: Severity, field: str = "body", start: int = 0) -> Flag:
    return Flag("omission", "accuracy", severity, field, (start, start + 1), None, "m")


def test_weights() -> None:
    assert dict(SEVERITY_WEIGHTS) == {Severity.INFO: 0, Severity.MINOR: 1, Severity.MAJOR: 5, Severity.CRITICAL: 25}
    assert penalty([flag(Severity.INFO), flag(Severity.MINOR), flag(Severity.MAJOR), flag(Severity.CRITICAL)]) == 31


@pytest.mark.parametrize(
    ("severities", "words", "expected"),
    [
        ([], 100, 100.0),
        ([Severity.MAJOR], 100, 95.0),
        ([Severity.MINOR, Severity.MAJOR], 200, 97.0),
        ([Severity.CRITICAL], 20, 0.0),
        ([Severity.INFO] * 10, 100, 100.0),
        ([], 0, 100.0),
        ([Severity.MINOR], 0, 0.0),
    ],
)
def test_mqm_score(severities: list[Severity], words: int, expected: float) -> None:
    assert mqm_score([flag(s) for s in severities], words) == pytest.approx(expected)


def test_penalty_per_1000_words() -> None:
    assert penalty_per_1000_words(10, 500) == 20.0
    assert penalty_per_1000_words(10, 0) == 0.0


@pytest.mark.parametrize(
    ("field", "start", "expected"),
    [("headline", 0, 10.0), ("body", 5, 10.0), ("body", 40, 5.0)],  # lede = body's first paragraph [0, 30)
)
def test_position_weight_for_headline_and_lede(field: str, start: int, expected: float) -> None:
    assert penalty([flag(Severity.MAJOR, field, start)], DEFAULT_CONFIG, lede_end=30) == expected
    assert penalty([flag(Severity.MAJOR, field, start)], MqmConfig(position_weight=1.0), lede_end=30) == 5.0


def analysis(flags: tuple[Flag, ...]) -> DocumentAnalysis:
    body = "Primera frase del lead. Segunda.\n\nOtro párrafo con más palabras aquí."
    segments = (Segment(0, "Primera frase del lead.", 0, 23, 0), Segment(1, "Segunda.", 24, 32, 0),
                Segment(2, "Otro párrafo con más palabras aquí.", 34, 69, 1))
    pair = DocumentPair("d", Text("Titular breve", body), Text("Short headline", "Body."))
    fields = (FieldAnalysis("headline", (), (), (), (), ()), FieldAnalysis("body", segments, (), (), (), ()))
    return DocumentAnalysis(pair, fields, (), (), flags, "test")


def test_document_penalty_finds_the_lede_from_the_segments() -> None:
    doc = analysis((flag(Severity.MAJOR, "body", 24), flag(Severity.MAJOR, "body", 40), flag(Severity.MINOR, "headline")))
    assert document_penalty(doc) == 10 + 5 + 2
    assert document_score(doc) == pytest.approx(max(0.0, 100 - 100 * 17 / doc.word_count))
    assert document_score(analysis((flag(Severity.MINOR, "body", 40),))) == pytest.approx(100 - 100 / doc.word_count)


def test_config_from_mapping() -> None:
    config = MqmConfig.from_mapping({"critical": 10, "position_weight": 1.5})
    assert config.weights[Severity.CRITICAL] == 10 and config.weights[Severity.MAJOR] == 5
    assert config.position_weight == 1.5
    with pytest.raises(ValueError, match="unknown MQM keys"):
        MqmConfig.from_mapping({"blocker": 100})
    with pytest.raises(ValueError, match="non-negative"):
        MqmConfig.from_mapping({"major": -1})
