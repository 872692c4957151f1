"""Thin layer over sacrebleu: chrF, BLEU and TER with their signatures, at sentence and corpus level.

Values are on sacrebleu's 0-100 scale (TER is an error rate: lower is better). Sentence BLEU uses
effective order so short sentences are not zeroed; corpus BLEU uses the standard definition.

Two kinds of reference, two metric sets:
- the Apertium pseudo-reference (links, fields, documents): chrF and BLEU only. Against a rule-based
  MT output TER measures how literal the rendering is, not whether it is right, and it costs about
  20 times chrF and BLEU together (sacrebleu's shift search is pure Python);
- human references (`corpus_scores`, the per-document reference scores) and post-edits (`hter`):
  chrF, BLEU and TER.
"""
from __future__ import annotations

from collections.abc import Sequence

from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.base import Metric

from review.core.model import Score

_CHRF = CHRF()
_SENTENCE_BLEU = BLEU(effective_order=True)
_CORPUS_BLEU = BLEU()
_TER = TER()
for _metric in (_CHRF, _SENTENCE_BLEU, _CORPUS_BLEU, _TER):
    _metric.num_refs = 1  # always one reference; lets signatures be read before the first score (sacrebleu raises)
_SIGNATURE = {id(metric): metric.get_signature().format() for metric in (_CHRF, _SENTENCE_BLEU, _CORPUS_BLEU, _TER)}

# against the pseudo-reference: per link (sentence) and per field or document (corpus)
SENTENCE_METRICS: tuple[tuple[str, Metric], ...] = (("chrF", _CHRF), ("BLEU", _SENTENCE_BLEU))
CORPUS_METRICS: tuple[tuple[str, Metric], ...] = (("chrF", _CHRF), ("BLEU", _CORPUS_BLEU))
# against a human reference
REFERENCE_METRICS: tuple[tuple[str, Metric], ...] = (("chrF", _CHRF), ("BLEU", _CORPUS_BLEU), ("TER", _TER))


def sentence_scores(hypothesis: str, reference: str) -> tuple[Score, ...]:
    """chrF and BLEU of one hypothesis against its pseudo-reference (a link's scores)."""
    return tuple(Score(name, _clean(metric.sentence_score(hypothesis, [reference]).score), _SIGNATURE[id(metric)])
                 for name, metric in SENTENCE_METRICS)


def corpus_scores(hypotheses: Sequence[str], references: Sequence[str]) -> tuple[Score, ...]:
    """Corpus-level chrF, BLEU and TER of parallel lists of hypotheses and human references."""
    if len(hypotheses) != len(references):
        raise ValueError(f"{len(hypotheses)} hypotheses for {len(references)} references")
    return tuple(
        Score(name, _clean(metric.corpus_score(list(hypotheses), [list(references)]).score), _SIGNATURE[id(metric)])
        for name, metric in REFERENCE_METRICS
    )


def hter(submitted: str, fixed: str) -> float:
    """Human-targeted TER: the edit rate from the rendering as submitted to the reviewer's fix."""
    return _clean(_TER.sentence_score(submitted, [fixed]).score)


SegmentStatistics = dict[str, list[float]]  # metric name -> sacrebleu's sufficient statistics of one segment


def segment_statistics(hypotheses: Sequence[str], references: Sequence[str]) -> list[SegmentStatistics]:
    """Each segment's sufficient statistics for chrF and BLEU against its pseudo-reference, computed once:
    sentence and corpus scores of any grouping of segments are then sums, with no second pass."""
    if len(hypotheses) != len(references):
        raise ValueError(f"{len(hypotheses)} hypotheses for {len(references)} references")
    per_metric = {name: metric._extract_corpus_statistics(list(hypotheses), [list(references)])
                  for name, metric in CORPUS_METRICS}
    return [{name: per_metric[name][index] for name in per_metric} for index in range(len(hypotheses))]


def sentence_scores_from(statistics: SegmentStatistics) -> tuple[Score, ...]:
    """The same values as sentence_scores(), from one segment's statistics."""
    return tuple(Score(name, _clean(metric._aggregate_and_compute([statistics[name]]).score), _SIGNATURE[id(metric)])
                 for name, metric in SENTENCE_METRICS)


def corpus_scores_from(statistics: Sequence[SegmentStatistics]) -> tuple[Score, ...]:
    """Corpus chrF and BLEU (the pseudo-reference scores of a field or document) from the segments' statistics;
    the same values as corpus_scores() gives for those two metrics."""
    return tuple(Score(name, _clean(metric._aggregate_and_compute([s[name] for s in statistics]).score),
                       _SIGNATURE[id(metric)]) for name, metric in CORPUS_METRICS)


def score_of(scores: Sequence[Score], metric: str) -> float | None:
    """The value of one metric in a score tuple, or None if absent."""
    return next((score.value for score in scores if score.metric == metric), None)


def _clean(value: float) -> float:
    """Round away float noise such as 100.00000000000004."""
    return round(float(value), 6)


def corpus_signatures() -> dict[str, str]:
    """Signature of each corpus-level metric against the pseudo-reference, as recorded with document scores."""
    return {name: _SIGNATURE[id(metric)] for name, metric in CORPUS_METRICS}
