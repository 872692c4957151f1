"""Quality gate for `review check`: thresholds -> pass/fail with human-readable reasons.

Thresholds (None disables one; in TOML write `false`):
- min_reference_chrf: each document with a supplied reference needs reference chrF >= this;
- max_critical: at most this many critical flags in the whole batch (default 0);
- max_major_per_1000_words: major flags per 1000 source words of the whole batch;
- min_mqm: each document's MQM-style score (review.core.scoring.mqm) must be >= this;
- codes: rules per flag code, a [codes.<code>] table with any of `max` (flags of that code in the
  batch), `max_per_document` and `max_per_1000_words` (per 1000 source words of the batch).
- mqm: an [mqm] table of severity weights (info, minor, major, critical) and position_weight for the
  MQM-style score (review.core.scoring.mqm; defaults 0/1/5/25 and 2), used by min_mqm and the report.
The TOML holds these keys at top level or under a [gate] table; any other key is an error.

GateResult.documents attributes failures to documents: a document's own threshold failures, and,
when a batch-wide threshold fails, the flags it contributed. JUnit and Markdown render from it.
"""
from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from review.core.flags import REGISTRY
from review.core.model import DocumentAnalysis, Flag, Severity
from review.core.scoring.metrics import score_of
from review.core.scoring.mqm import DEFAULT_CONFIG, MqmConfig, document_score

# DESIGN.md's stable flag codes; detectors registered later are accepted too.
FLAG_CODES = frozenset({
    "omission", "addition", "number_mismatch", "entity_mismatch", "quote_dropped", "scare_quotes_dropped",
    "negation_flip", "attribution_lost", "hedge_lost", "intensity_shift", "tense_shift",
    "untranslated", "low_similarity", "length_ratio",
})


@dataclass(frozen=True)
class GateResult:
    """Whether the batch passed, why not, and each document's share of the failures (id -> reasons)."""

    passed: bool
    reasons: tuple[str, ...]
    documents: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class CodeRule:
    """Limits on the flags of one code; None disables a limit."""

    max: int | None = None
    max_per_document: int | None = None
    max_per_1000_words: float | None = None


@dataclass(frozen=True)
class Gate:
    """Batch thresholds; see the module docstring for what each one checks."""

    min_reference_chrf: float | None = None
    max_critical: int | None = 0
    max_major_per_1000_words: float | None = None
    min_mqm: float | None = None
    codes: Mapping[str, CodeRule] = field(default_factory=dict)
    mqm: MqmConfig = DEFAULT_CONFIG

    @classmethod
    def from_toml(cls, text: str) -> Gate:
        """Read a gate from TOML text; raise ValueError on bad syntax, unknown keys or bad values."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"gate file is not valid TOML: {exc}") from exc
        if set(data) == {"gate"} and isinstance(data["gate"], dict):
            data = data["gate"]
        codes = data.pop("codes", {})
        if not isinstance(codes, dict):
            raise ValueError("gate key codes must be a table of [codes.<flag code>] tables")
        mqm = data.pop("mqm", {})
        if not isinstance(mqm, dict):
            raise ValueError("gate key mqm must be a table: [mqm] minor = 1, major = 5, critical = 25, position_weight = 2")
        values = _numbers(data, {f.name for f in fields(cls)} - {"codes", "mqm"}, "gate key", integers={"max_critical"})
        return cls(**values, codes={code: _code_rule(code, rule) for code, rule in codes.items()},  # type: ignore[arg-type]
                   mqm=MqmConfig.from_mapping(mqm))

    def evaluate(self, analyses: Sequence[DocumentAnalysis]) -> GateResult:
        """Check every threshold against the batch; reasons list each failure."""
        reasons: list[str] = []
        documents: dict[str, list[str]] = {}
        words = sum(analysis.word_count for analysis in analyses)

        def batch_limit(selects: Callable[[Flag], bool], what: str, verdict: str) -> None:
            reasons.append(verdict)
            for analysis in analyses:
                mine = sum(selects(flag) for flag in analysis.flags)
                if mine:
                    documents.setdefault(analysis.pair.id, []).append(f"{mine} {what} flag(s); batch: {verdict}")

        flags = [flag for analysis in analyses for flag in analysis.flags]
        critical = sum(flag.severity is Severity.CRITICAL for flag in flags)
        if self.max_critical is not None and critical > self.max_critical:
            batch_limit(lambda f: f.severity is Severity.CRITICAL, "critical",
                        f"{critical} critical flags > {self.max_critical} allowed")
        majors = sum(flag.severity is Severity.MAJOR for flag in flags)
        if self.max_major_per_1000_words is not None and _rate(majors, words) > self.max_major_per_1000_words:
            batch_limit(lambda f: f.severity is Severity.MAJOR, "major",
                        f"{_rate(majors, words):.2f} major flags per 1000 words > {self.max_major_per_1000_words:g}")
        for code, rule in sorted(self.codes.items()):
            count = sum(flag.code == code for flag in flags)
            if rule.max is not None and count > rule.max:
                batch_limit(lambda f, c=code: f.code == c, code, f"{count} {code} flags > {rule.max} allowed")
            if rule.max_per_1000_words is not None and _rate(count, words) > rule.max_per_1000_words:
                batch_limit(lambda f, c=code: f.code == c, code,
                            f"{_rate(count, words):.2f} {code} flags per 1000 words > {rule.max_per_1000_words:g}")
        for analysis in analyses:
            own = self._document_reasons(analysis)
            reasons.extend(f"{analysis.pair.id}: {reason}" for reason in own)
            if own:
                documents.setdefault(analysis.pair.id, []).extend(own)
        return GateResult(not reasons, tuple(reasons), {doc: tuple(why) for doc, why in documents.items()})

    def _document_reasons(self, analysis: DocumentAnalysis) -> list[str]:
        reasons = []
        chrf = score_of(analysis.reference_scores, "chrF")
        if self.min_reference_chrf is not None and chrf is not None and chrf < self.min_reference_chrf:
            reasons.append(f"reference chrF {chrf:.1f} < {self.min_reference_chrf:g}")
        if self.min_mqm is not None:
            mqm = document_score(analysis, self.mqm)
            if mqm < self.min_mqm:
                reasons.append(f"MQM {mqm:.1f} < {self.min_mqm:g}")
        for code, rule in sorted(self.codes.items()):
            count = sum(flag.code == code for flag in analysis.flags)
            if rule.max_per_document is not None and count > rule.max_per_document:
                reasons.append(f"{count} {code} flags > {rule.max_per_document} allowed per document")
        return reasons


def _rate(count: int, words: int) -> float:
    return 1000 * count / words if words else 0.0


def _code_rule(code: str, rule: Any) -> CodeRule:
    known = FLAG_CODES | set(REGISTRY)
    if code not in known:
        raise ValueError(f"unknown flag code in [codes.{code}] (known: {', '.join(sorted(known))})")
    if not isinstance(rule, dict):
        raise ValueError(f"codes.{code} must be a table")
    values = _numbers(rule, {f.name for f in fields(CodeRule)}, f"codes.{code} key", integers={"max", "max_per_document"})
    return CodeRule(**values)  # type: ignore[arg-type]


def _numbers(data: dict[str, Any], known: set[str], what: str, integers: set[str]) -> dict[str, float | int | None]:
    """Validate a flat table of non-negative numbers (or false, meaning disabled) against known keys."""
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValueError(f"unknown {what}s: {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    values: dict[str, float | int | None] = {}
    for key, value in data.items():
        if value is False:
            values[key] = None
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ValueError(f"{what} {key} must be a non-negative number or false, got {value!r}")
        elif key in integers and not isinstance(value, int):
            raise ValueError(f"{what} {key} must be an integer, got {value!r}")
        else:
            values[key] = value
    return values
