"""Thin layer over sacrebleu: chrF, BLEU and TER with their signatures, at sentence and corpus level.

Values are on sacrebleu's 0-100 scale (TER is an error rate: lower is better). Sentence BLEU uses
effective order so short sentences are not zeroed; corpus BLEU uses the standard definition.

Two kinds of reference, two metric sets:
- the Apertium pseudo-reference (links, fields, documents): chrF and BLEU only. Against a rule-based
  MT output TER measures how literal the rendering is, not whether it is right, and it costs about
  20 times chrF and BLEU together (sacrebleu's shift search is pure Python);
- human references (`corpus_scores`, the per-document reference scores) and post-edits (`hter`):
  chrF, BLEU and TER.

Against human references each segment's sufficient statistics are computed once
(`reference_statistics`) and kept in a bounded in-process cache keyed by the segment's two texts: the
document scores, the batch's corpus scores and sacrebleu's bootstrap are all sums of them, and TER's
shift search (pure Python, super-linear in segment length) is the slowest thing the pipeline does.

chrF and BLEU statistics come from review.core.scoring.ngram_stats: the same integers as sacrebleu's
extraction (property-tested against it), counted about twice as fast, since they are the largest
per-link cost of `review check`; TER's statistics, and every score computed from statistics, come
from sacrebleu itself.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence

from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.base import Metric

from review.core.model import Score
from review.core.scoring.ngram_stats import bleu_statistics, chrf_statistics_many

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
    return reference_scores_from(reference_statistics(hypotheses, references))


def hter(submitted: str, fixed: str) -> float:
    """Human-targeted TER: the edit rate from the rendering as submitted to the reviewer's fix."""
    return _clean(_TER.sentence_score(submitted, [fixed]).score)


SegmentStatistics = dict[str, list[float]]  # metric name -> sacrebleu's sufficient statistics of one segment


def segment_statistics(hypotheses: Sequence[str], references: Sequence[str]) -> list[SegmentStatistics]:
    """Each segment's sufficient statistics for chrF and BLEU against its pseudo-reference, computed once:
    sentence and corpus scores of any grouping of segments are then sums, with no second pass."""
    if len(hypotheses) != len(references):
        raise ValueError(f"{len(hypotheses)} hypotheses for {len(references)} references")
    per_metric = {name: _extract(metric, hypotheses, references) for name, metric in CORPUS_METRICS}
    return [{name: per_metric[name][index] for name in per_metric} for index in range(len(hypotheses))]


def _bleu_statistics(hypotheses: Sequence[str], references: Sequence[str]) -> list[list[int]]:
    return [bleu_statistics(hypothesis, reference) for hypothesis, reference in zip(hypotheses, references)]


_FAST_STATISTICS = {id(_CHRF): chrf_statistics_many, id(_CORPUS_BLEU): _bleu_statistics}


def _extract(metric: Metric, hypotheses: Sequence[str], references: Sequence[str]) -> list[list[float]]:
    """Each segment's statistics for `metric` against its single reference: review.core.scoring.ngram_stats for chrF and
    BLEU, sacrebleu's _extract_corpus_statistics for TER."""
    fast = _FAST_STATISTICS.get(id(metric))
    if fast is None:
        return metric._extract_corpus_statistics(list(hypotheses), [list(references)])  # type: ignore[no-any-return]
    return fast(hypotheses, references)  # type: ignore[return-value]


def sentence_scores_from(statistics: SegmentStatistics) -> tuple[Score, ...]:
    """The same values as sentence_scores(), from one segment's statistics."""
    return tuple(Score(name, _clean(metric._aggregate_and_compute([statistics[name]]).score), _SIGNATURE[id(metric)])
                 for name, metric in SENTENCE_METRICS)


def corpus_scores_from(statistics: Sequence[SegmentStatistics]) -> tuple[Score, ...]:
    """Corpus chrF and BLEU (the pseudo-reference scores of a field or document) from the segments' statistics;
    the same values as corpus_scores() gives for those two metrics."""
    return tuple(Score(name, _clean(metric._aggregate_and_compute([s[name] for s in statistics]).score),
                       _SIGNATURE[id(metric)]) for name, metric in CORPUS_METRICS)


def reference_statistics(hypotheses: Sequence[str], references: Sequence[str]) -> list[SegmentStatistics]:
    """Each segment's sufficient statistics for chrF, BLEU and TER against its human reference.

    Segments already seen (same hypothesis and reference text, in this process) come from the cache;
    the others are computed once, metric by metric as sacrebleu's corpus_score does, and remembered."""
    if len(hypotheses) != len(references):
        raise ValueError(f"{len(hypotheses)} hypotheses for {len(references)} references")
    keys = [_segment_key(hypothesis, reference) for hypothesis, reference in zip(hypotheses, references)]
    found = _REFERENCE_CACHE.get_many(keys)
    missing = [index for index, statistics in enumerate(found) if statistics is None]
    if missing:
        new_hypotheses = [hypotheses[index] for index in missing]
        new_references = [references[index] for index in missing]
        per_metric = {name: _extract(metric, new_hypotheses, new_references) for name, metric in REFERENCE_METRICS}
        for at, index in enumerate(missing):
            found[index] = {name: per_metric[name][at] for name in per_metric}
        _REFERENCE_CACHE.put_many([(keys[index], found[index]) for index in missing])  # type: ignore[misc]
    return found  # type: ignore[return-value]


def remember_reference_statistics(hypotheses: Sequence[str], references: Sequence[str],
                                  statistics: Sequence[SegmentStatistics]) -> None:
    """Put statistics computed elsewhere (a forked pipeline worker) into this process's cache."""
    if not len(hypotheses) == len(references) == len(statistics):
        raise ValueError(f"{len(hypotheses)} hypotheses, {len(references)} references, {len(statistics)} statistics")
    _REFERENCE_CACHE.put_many([(_segment_key(hypothesis, reference), stats)
                               for hypothesis, reference, stats in zip(hypotheses, references, statistics)])


def reference_scores_from(statistics: Sequence[SegmentStatistics]) -> tuple[Score, ...]:
    """Corpus chrF, BLEU and TER from the segments' reference statistics: the values corpus_scores() gives."""
    return tuple(Score(name, _clean(metric._aggregate_and_compute([s[name] for s in statistics]).score),
                       _SIGNATURE[id(metric)]) for name, metric in REFERENCE_METRICS)


class _StatisticsCache:
    """A thread-safe LRU map from segment key to statistics, holding at most `size` segments."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[bytes, SegmentStatistics] = OrderedDict()
        self._lock = threading.Lock()

    def get_many(self, keys: Sequence[bytes]) -> list[SegmentStatistics | None]:
        with self._lock:
            found = [self._entries.get(key) for key in keys]
            for key, statistics in zip(keys, found):
                if statistics is not None:
                    self._entries.move_to_end(key)
            return found

    def put_many(self, items: Sequence[tuple[bytes, SegmentStatistics]]) -> None:
        with self._lock:
            for key, statistics in items:
                self._entries[key] = statistics
                self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


REFERENCE_CACHE_SEGMENTS = 50_000  # about 1 KB each: a batch of some 5,000 articles
_REFERENCE_CACHE = _StatisticsCache(REFERENCE_CACHE_SEGMENTS)


def _segment_key(hypothesis: str, reference: str) -> bytes:
    """128-bit BLAKE2b of both texts, the hypothesis length-prefixed so that no two pairs run together."""
    encoded = hypothesis.encode("utf-8")
    digest = hashlib.blake2b(len(encoded).to_bytes(8, "little"), digest_size=16)
    digest.update(encoded)
    digest.update(reference.encode("utf-8"))
    return digest.digest()


def score_of(scores: Sequence[Score], metric: str) -> float | None:
    """The value of one metric in a score tuple, or None if absent."""
    return next((score.value for score in scores if score.metric == metric), None)


def _clean(value: float) -> float:
    """Round away float noise such as 100.00000000000004."""
    return round(float(value), 6)


def corpus_signatures() -> dict[str, str]:
    """Signature of each corpus-level metric against the pseudo-reference, as recorded with document scores."""
    return {name: _SIGNATURE[id(metric)] for name, metric in CORPUS_METRICS}
