"""MQM-style quality score: severity weights, position weights and the penalty-per-words formula.

Default severity weights are the multipliers of the MQM scoring model (MQM Council, "The MQM
Scoring Models", https://themqm.org/error-types-2/the-mqm-scoring-models/): neutral 0, minor 1,
major 5, critical 25; the minor/major 1/5 split is also what Freitag et al. (2021, "Experts, Errors,
and Context", TACL 9) used for WMT's MQM annotations. Our `info` severity is MQM's neutral: it
orders the review queue and never costs points.

Position weight: a flag in the headline, or whose source span starts in the lede (the body's first
paragraph), costs `position_weight` times its severity weight (default 2: most readers see only
those). This is a newsroom choice, not part of MQM; set it to 1 for plain MQM.

- penalty: sum of weighted flag costs;
- penalty per 1,000 words: penalty * 1000 / source words (MQM's reference word count of 1,000);
- score = max(0, 100 - 100 * penalty / words), so one major error in a 100-word article gives 95,
  an empty document with no flags 100, and an empty document with flags 0.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from review.core.model import DocumentAnalysis, Flag, Severity

SEVERITY_WEIGHTS: Mapping[Severity, float] = MappingProxyType(
    {Severity.INFO: 0, Severity.MINOR: 1, Severity.MAJOR: 5, Severity.CRITICAL: 25})
POSITION_WEIGHT = 2.0
REFERENCE_WORDS = 1000


@dataclass(frozen=True)
class MqmConfig:
    """Severity weights and the headline/lede position weight; see the module docstring."""

    weights: Mapping[Severity, float] = field(default_factory=lambda: SEVERITY_WEIGHTS)
    position_weight: float = POSITION_WEIGHT

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> MqmConfig:
        """From e.g. a TOML table {info, minor, major, critical, position_weight}; unknown keys are errors."""
        known = {severity.value for severity in Severity} | {"position_weight"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown MQM keys: {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        for key, value in data.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ValueError(f"MQM key {key} must be a non-negative number, got {value!r}")
        weights = {severity: float(data.get(severity.value, SEVERITY_WEIGHTS[severity])) for severity in Severity}
        return cls(MappingProxyType(weights), float(data.get("position_weight", POSITION_WEIGHT)))  # type: ignore[arg-type]


DEFAULT_CONFIG = MqmConfig()


def penalty(flags: Iterable[Flag], config: MqmConfig = DEFAULT_CONFIG, lede_end: int | None = None) -> float:
    """Sum of the flags' severity weights, times the position weight in the headline and lede.

    lede_end is the end offset of the body's first paragraph in the source (None: no lede weighting).
    """
    return sum(config.weights[flag.severity] * (config.position_weight if _prominent(flag, lede_end) else 1.0)
               for flag in flags)


def penalty_per_1000_words(total_penalty: float, word_count: int) -> float:
    """Penalty normalised to MQM's reference word count (0 for an empty document)."""
    return REFERENCE_WORDS * total_penalty / word_count if word_count > 0 else 0.0


def score(total_penalty: float, word_count: int) -> float:
    """MQM-style score in [0, 100] from a penalty; see the module docstring."""
    if word_count <= 0:
        return 100.0 if total_penalty == 0 else 0.0
    return max(0.0, 100.0 - 100.0 * total_penalty / word_count)


def mqm_score(flags: Iterable[Flag], word_count: int, config: MqmConfig = DEFAULT_CONFIG) -> float:
    """Score of flags without position information (no headline/lede weighting)."""
    return score(penalty(flags, MqmConfig(config.weights, 1.0)), word_count)


def document_penalty(analysis: DocumentAnalysis, config: MqmConfig = DEFAULT_CONFIG) -> float:
    """The document's penalty with headline and lede weighting."""
    body = analysis.field("body")
    lede = [segment for segment in body.source_segments if segment.paragraph == body.source_segments[0].paragraph] \
        if body.source_segments else []
    return penalty(analysis.flags, config, lede[-1].end if lede else None)


def document_score(analysis: DocumentAnalysis, config: MqmConfig = DEFAULT_CONFIG) -> float:
    """The document's MQM-style score with headline and lede weighting."""
    return score(document_penalty(analysis, config), analysis.word_count)


def _prominent(flag: Flag, lede_end: int | None) -> bool:
    if flag.field == "headline":
        return True
    span = flag.source_span
    return lede_end is not None and span is not None and span[0] < lede_end


# The MQM error typology offered to reviewers (MQM Core, https://themqm.org/error-types-2/typology/, as Google's
# Anthea offers it): "dimension/type" -> what the annotation form shows. A reviewer's annotation is a flag whose
# code is the path and whose category is the dimension.
ANNOTATION_TYPES: Mapping[str, str] = MappingProxyType({
    "accuracy/mistranslation": "Accuracy: mistranslation",
    "accuracy/omission": "Accuracy: omission (select the Spanish)",
    "accuracy/addition": "Accuracy: addition",
    "accuracy/untranslated": "Accuracy: untranslated",
    "fluency/grammar": "Fluency: grammar",
    "fluency/spelling": "Fluency: spelling",
    "fluency/punctuation": "Fluency: punctuation",
    "fluency/inconsistency": "Fluency: inconsistency",
    "terminology/inappropriate": "Terminology: inappropriate for context",
    "terminology/inconsistent": "Terminology: inconsistent use",
    "style/awkward": "Style: awkward",
    "locale_convention/number": "Locale convention: number format",
    "locale_convention/date": "Locale convention: date or time format",
    "locale_convention/currency": "Locale convention: currency format",
    "other": "Other",
})
ANNOTATION_SEVERITIES: tuple[Severity, ...] = (Severity.MINOR, Severity.MAJOR, Severity.CRITICAL)


def annotation_dimension(path: str) -> str:
    """The MQM dimension (the flag's category) of an annotation type: 'accuracy/omission' -> 'accuracy'."""
    return path.split("/", 1)[0]
