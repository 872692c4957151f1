"""Scoring against supplied references, and whether differences are significant.

- reference_scores: corpus BLEU, chrF and TER of a batch's renderings against its references, each
  with its sacrebleu signature and a 95% confidence interval from sacrebleu's bootstrap resampling;
- compare_renderings: two renderings of the same originals (segments from
  review.core.scoring.references.paired_segments), with sacrebleu's paired bootstrap (`bs`) or approximate
  randomisation (`ar`) test;
- baseline_check / with_baseline: `review check --baseline`. Two batches of different articles
  cannot be paired sentence by sentence, so the test is on per-document scores from the two
  reports: a one-sided permutation test of the mean (sign-flipping the per-document differences
  when both reports hold the same document ids), at ALPHA, with a fixed seed.

Segments come from review.core.scoring.references. Each segment's sufficient statistics come from
review.core.scoring.metrics.reference_statistics, so the pipeline's per-document reference scores, these
corpus scores and the bootstrap share one computation; the scores, means and intervals are exactly
what sacrebleu's corpus_score(..., n_bootstrap=N) gives on the same segments.
"""
from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.base import Metric
from sacrebleu.significance import PairedTest, _bootstrap_resample

from review.core.model import DocumentPair
from review.core.scoring.metrics import reference_statistics
from review.core.scoring.references import reference_segments

N_BOOTSTRAP = 1000
ALPHA = 0.05
PERMUTATION_TRIALS = 10_000
SEED = 12345
DIGITS = 2
LOWER_IS_BETTER = frozenset({"TER"})


def _metrics() -> dict[str, Metric]:
    """Fresh metric objects: bootstrap settings end up in a metric's signature, so never share them."""
    return {"BLEU": BLEU(), "chrF": CHRF(), "TER": TER()}


def reference_scores(pairs: Sequence[DocumentPair], n_bootstrap: int = N_BOOTSTRAP) -> dict[str, Any] | None:
    """{"documents", "segments", "BLEU"|"chrF"|"TER": {score, mean, ci95, signature}}, or None without references."""
    hypotheses, references = reference_segments(pairs)
    if not hypotheses:
        return None
    result: dict[str, Any] = {"documents": sum(pair.reference is not None for pair in pairs),
                              "segments": len(hypotheses)}
    statistics = reference_statistics(hypotheses, references)
    for name, metric in _metrics().items():
        score = _corpus_score(metric, [segment[name] for segment in statistics], n_bootstrap)
        # sacrebleu keeps the bootstrap mean and half-width of the 95% interval in _mean and _ci (-1 if not run)
        mean, ci = (score._mean, score._ci) if n_bootstrap > 1 else (None, None)
        result[name] = {"score": round(float(score.score), DIGITS), "mean": _rounded(mean), "ci95": _rounded(ci),
                        "signature": metric.get_signature().format()}
    return result


def _corpus_score(metric: Metric, statistics: list[Any], n_bootstrap: int) -> Any:
    """metric.corpus_score(hypotheses, [references], n_bootstrap=n_bootstrap) from the segments' statistics:
    the same steps (sacrebleu 2.x Metric.corpus_score), with the extraction already done."""
    metric.num_refs = 1  # what corpus_score's reference caching records in the signature
    score = metric._aggregate_and_compute(statistics)
    if n_bootstrap > 1:
        metric.n_bootstrap = n_bootstrap
        metric.seed, resampled = _bootstrap_resample(statistics, metric, n_bootstrap)
        score.estimate_ci(resampled)
    return score


@dataclass(frozen=True)
class Comparison:
    """One metric for renderings A and B: scores, 95% CIs, p-value, which is better, and if significantly."""

    metric: str
    a: float
    b: float
    a_ci: float | None
    b_ci: float | None
    p_value: float
    better: str | None  # "A", "B", or None on a tie
    significant: bool
    signature: str


def compare_renderings(a: Sequence[str], b: Sequence[str], references: Sequence[str], test: str = "bs",
                       samples: int = 0, alpha: float = ALPHA) -> list[Comparison]:
    """Paired test of B against A (sacrebleu PairedTest; samples 0 means its default: 1000 bs, 10000 ar)."""
    if not (len(a) == len(b) == len(references)) or not references:
        raise ValueError(f"need the same non-zero number of segments: A {len(a)}, B {len(b)}, references {len(references)}")
    metrics = _metrics()
    signatures, scores = PairedTest([("A", list(a)), ("B", list(b))], metrics, [list(references)], test_type=test,
                                    n_samples=samples, n_ar_confidence=0)()
    comparisons = []
    for name, (key, (result_a, result_b)) in zip(metrics, [(k, v) for k, v in scores.items() if k != "System"]):
        difference = result_b.score - result_a.score
        if name in LOWER_IS_BETTER:
            difference = -difference
        better = "B" if difference > 0 else "A" if difference < 0 else None
        comparisons.append(Comparison(
            name, round(result_a.score, DIGITS), round(result_b.score, DIGITS), _rounded(result_a.ci),
            _rounded(result_b.ci), float(result_b.p_value), better,
            better is not None and result_b.p_value < alpha, signatures[key].format()))
    return comparisons


def baseline_check(current: dict[str, Any], baseline: dict[str, Any], alpha: float = ALPHA) -> dict[str, Any]:
    """Per-document measures of two `review check` reports; a measure fails on a significant drop.

    Measures: chrF against references (when both reports have them), chrF against the pseudo-reference,
    and MQM. Raises ValueError if `baseline` is not a `review check` JSON report.
    """
    before, after = document_measures(baseline, "baseline"), document_measures(current, "current report")
    paired = set(before) == set(after)
    measures: list[dict[str, Any]] = []
    for name in ("reference chrF", "chrF", "MQM"):
        ids = [doc for doc in after if name in after[doc] and (not paired or name in before[doc])]
        old_ids = ids if paired else [doc for doc in before if name in before[doc]]
        new = np.array([after[doc][name] for doc in ids], dtype=float)
        old = np.array([before[doc][name] for doc in old_ids], dtype=float)
        if len(new) < 2 or len(old) < 2:
            continue
        difference = float(new.mean() - old.mean())
        p_value = _paired_drop_p(new - old, difference) if paired else _unpaired_drop_p(old, new, difference)
        measures.append({"measure": name, "baseline_mean": round(float(old.mean()), DIGITS),
                         "current_mean": round(float(new.mean()), DIGITS), "difference": round(difference, DIGITS),
                         "p_value": round(p_value, 4), "significant_drop": difference < 0 and p_value < alpha})
    reasons = [f"significant drop in mean document {m['measure']} against the baseline: {m['baseline_mean']:g} -> "
               f"{m['current_mean']:g} (p = {m['p_value']:g} < {alpha:g})" for m in measures if m["significant_drop"]]
    return {"paired": paired, "alpha": alpha, "trials": PERMUTATION_TRIALS, "measures": measures, "reasons": reasons}


def with_baseline(report: dict[str, Any], baseline: dict[str, Any], alpha: float = ALPHA) -> dict[str, Any]:
    """A copy of the report with summary.baseline, and the gate failed on any significant drop."""
    result = copy.deepcopy(report)
    check = baseline_check(report, baseline, alpha)
    summary = result["summary"]
    summary["baseline"] = check
    if check["reasons"]:
        summary["gate"] = {**summary["gate"], "passed": False, "reasons": [*summary["gate"]["reasons"], *check["reasons"]]}
    return result


def document_measures(report: Any, what: str = "baseline") -> dict[str, dict[str, float]]:
    """id -> {measure: value} from a `review check` JSON report's documents; ValueError naming the first problem."""
    documents = report.get("documents") if isinstance(report, dict) else None
    if not isinstance(documents, list):
        raise ValueError(f"{what} is not a `review check` JSON report (no \"documents\" list)")
    measures: dict[str, dict[str, float]] = {}
    for number, document in enumerate(documents, start=1):
        scores = document.get("scores") if isinstance(document, dict) else None
        if not isinstance(scores, dict) or not isinstance(document.get("id"), str):
            raise ValueError(f"{what}: document {number} has no id or no scores")
        values = {"chrF": scores.get("chrF"), "MQM": scores.get("mqm"),
                  "reference chrF": (scores.get("reference") or {}).get("chrF")}
        for name, value in values.items():
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                raise ValueError(f"{what}: document {number} ({document['id']}): {name} is not a number")
        measures[document["id"]] = {name: float(value) for name, value in values.items() if value is not None}
    return measures


def _paired_drop_p(differences: np.ndarray, observed: float) -> float:
    """One-sided p of a mean drop this large when each document's sign is random (sign-flip test)."""
    rng = np.random.default_rng(SEED)
    signs = rng.choice((-1.0, 1.0), size=(PERMUTATION_TRIALS, len(differences)))
    means = (signs * differences).mean(axis=1)
    return float((np.sum(means <= observed) + 1) / (PERMUTATION_TRIALS + 1))


def _unpaired_drop_p(old: np.ndarray, new: np.ndarray, observed: float) -> float:
    """One-sided p of a drop in means this large when batch membership is random (permutation test)."""
    rng = np.random.default_rng(SEED)
    pooled = np.concatenate([old, new])
    shuffled = np.array([rng.permutation(pooled) for _ in range(PERMUTATION_TRIALS)])
    means = shuffled[:, len(old):].mean(axis=1) - shuffled[:, :len(old)].mean(axis=1)
    return float((np.sum(means <= observed) + 1) / (PERMUTATION_TRIALS + 1))


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), DIGITS)
