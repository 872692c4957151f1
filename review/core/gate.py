"""Quality gate for `review check`: thresholds -> pass/fail with human-readable reasons.

Thresholds (None disables one; in TOML write `false`):
- min_reference_chrf: each document with a supplied reference needs reference chrF >= this;
- max_critical: at most this many critical flags in the whole batch (default 0);
- max_major_per_1000_words: major flags per 1000 source words of the whole batch;
- min_mqm: each document's MQM-style score (review.core.mqm) must be >= this.
The TOML holds these keys at top level or under a [gate] table; any other key is an error.
"""
from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, fields

from review.core.metrics import score_of
from review.core.model import DocumentAnalysis, Severity
from review.core.mqm import document_score


@dataclass(frozen=True)
class GateResult:
    """Whether the batch passed, and why not."""

    passed: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Gate:
    """Batch thresholds; see the module docstring for what each one checks."""

    min_reference_chrf: float | None = None
    max_critical: int | None = 0
    max_major_per_1000_words: float | None = None
    min_mqm: float | None = None

    @classmethod
    def from_toml(cls, text: str) -> Gate:
        """Read a gate from TOML text; raise ValueError on bad syntax, unknown keys or bad values."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"gate file is not valid TOML: {exc}") from exc
        if set(data) == {"gate"} and isinstance(data["gate"], dict):
            data = data["gate"]
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown gate keys: {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        values: dict[str, float | int | None] = {}
        for key, value in data.items():
            if value is False:
                values[key] = None
            elif isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ValueError(f"gate key {key} must be a non-negative number or false, got {value!r}")
            elif key == "max_critical" and not isinstance(value, int):
                raise ValueError(f"gate key max_critical must be an integer, got {value!r}")
            else:
                values[key] = value
        return cls(**values)  # type: ignore[arg-type]

    def evaluate(self, analyses: Sequence[DocumentAnalysis]) -> GateResult:
        """Check every threshold against the batch; reasons list each failure."""
        reasons: list[str] = []
        flags = [flag for analysis in analyses for flag in analysis.flags]
        words = sum(analysis.word_count for analysis in analyses)
        if self.max_critical is not None:
            critical = sum(flag.severity is Severity.CRITICAL for flag in flags)
            if critical > self.max_critical:
                reasons.append(f"{critical} critical flags > {self.max_critical} allowed")
        if self.max_major_per_1000_words is not None:
            majors = sum(flag.severity is Severity.MAJOR for flag in flags)
            rate = 1000 * majors / words if words else 0.0
            if rate > self.max_major_per_1000_words:
                reasons.append(f"{rate:.2f} major flags per 1000 words > {self.max_major_per_1000_words:g}")
        for analysis in analyses:
            reasons.extend(self._document_reasons(analysis))
        return GateResult(not reasons, tuple(reasons))

    def _document_reasons(self, analysis: DocumentAnalysis) -> list[str]:
        reasons = []
        chrf = score_of(analysis.reference_scores, "chrF")
        if self.min_reference_chrf is not None and chrf is not None and chrf < self.min_reference_chrf:
            reasons.append(f"{analysis.pair.id}: reference chrF {chrf:.1f} < {self.min_reference_chrf:g}")
        if self.min_mqm is not None:
            mqm = document_score(analysis)
            if mqm < self.min_mqm:
                reasons.append(f"{analysis.pair.id}: MQM {mqm:.1f} < {self.min_mqm:g}")
        return reasons
