"""Sentence alignment: banded, coarse-to-fine dynamic programming over 1-1, 1-0, 0-1, 2-1 and 1-2 beads.

Source sentences are compared through their MT pseudo-reference (Apertium spa-eng, or any MT
given with `review align --mt`). Each sentence becomes a Unit: its set of character trigrams
(review.core.similarity.gram_set) and its length.

Bead cost (lower is better):
- linking beads: (1 - r) per sentence (times (di + dj) / 2), where r is the trigram Dice of the two sides rescaled against the
  document's *chance* Dice (the median over pairs far from the diagonal, an idea from vecalign's
  normalisation), plus a Gale-Church length cost with the document's own length ratio, plus, for
  2-1 and 1-2, a merge cost and a penalty when one part of the merge is barely found in the other
  side (so that an omitted sentence is not glued onto its neighbour);
- null beads (1-0 omission, 0-1 addition): a fixed, tuned cost per sentence.

Search is bounded as in vecalign: adjacent units are merged pairwise into a document half as long
(keeping a stable half-sample of their trigrams, so coarse units stay sentence-sized), aligned recursively, and the coarse path, projected back, fixes a band of `band` sentences either
side in which the fine DP runs. Time and memory are O((n + m) * band); only documents with fewer
than `full_cells` cells are aligned without a band.

Confidence: the logistic of how much the total cost would rise without the link's decision: for a
linking bead, against leaving its sentences unaligned; for a null bead, against its cheapest local
alternative (joining the neighbouring link as a 2-1/1-2, or pairing with a neighbouring null of the
other side). In [0, 1]; 0.5 is a coin toss, and a null bead with no alternative at all scores 1.
"""
from __future__ import annotations

import math
import statistics
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from review.core.model import Link
from review.core.similarity import gram_set, set_dice


@dataclass(frozen=True)
class AlignParams:
    """Tuned on the WMT 2008-2011 dev articles with bench/align.py (never on 2012-2013)."""

    null_cost: float = 0.65
    merge_cost: float = 0.35
    part_min: float = 0.5
    part_weight: float = 1.5
    length_weight: float = 0.1
    length_variance: float = 6.0
    beads: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))
    band: int = 5
    full_cells: int = 6_400
    default_chance: float = 0.15
    confidence_scale: float = 0.12


DEFAULT = AlignParams()
CHANCE_SAMPLES = 120
MAX_CHANCE = 0.5  # documents of near-identical sentences must not make every link look like chance
Band = list[tuple[int, int]]  # per source row i: the inclusive range of target columns j searched


@dataclass(frozen=True)
class Unit:
    """A sentence, or at coarse levels a run of sentences: trigram set and character length."""

    grams: frozenset[int]
    length: int


@lru_cache(maxsize=1 << 16)
def _grams(text: str) -> frozenset[int]:
    """The sentence's trigram set as stable 32-bit hashes: int sets intersect faster than str sets,
    and the hash also picks the coarse levels' samples (Python's own str hash changes from run to run)."""
    return frozenset(zlib.crc32(gram.encode("utf-8")) for gram in gram_set(text))


def align(source: Sequence[str], target: Sequence[str], pseudo_reference: Sequence[str],
          params: AlignParams = DEFAULT) -> tuple[Link, ...]:
    """Align source to target sentences; every index appears exactly once and links are in order.

    `source` is only checked against `pseudo_reference`: sentences are compared through the MT.
    """
    if len(pseudo_reference) != len(source):
        raise ValueError(f"{len(pseudo_reference)} pseudo-reference lines for {len(source)} source sentences")
    src = [Unit(_grams(text), len(text.strip())) for text in pseudo_reference]
    tgt = [Unit(_grams(text), len(text.strip())) for text in target]
    scorer = _Scorer(src, tgt, params)
    return _links(scorer, _search(scorer, params))


class _Scorer:
    """Bead costs for one level of one document (units, unions of runs of units, chance Dice, length ratio)."""

    def __init__(self, src: list[Unit], tgt: list[Unit], params: AlignParams) -> None:
        self.src, self.tgt, self.params = src, tgt, params
        widest = max(max(bead) for bead in params.beads)
        self.src_runs = _runs(src, widest)
        self.tgt_runs = _runs(tgt, widest)
        self.chance = _chance(src, tgt, params.default_chance)
        src_chars, tgt_chars = sum(u.length for u in src), sum(u.length for u in tgt)
        self.ratio = tgt_chars / src_chars if src_chars and tgt_chars else 1.0

    def floor(self, di: int, dj: int) -> float:
        """A lower bound of cost() for beads of this shape."""
        return self.params.null_cost if not di or not dj else self.params.merge_cost * (di + dj - 2)

    def cost(self, i: int, j: int, di: int, dj: int) -> float:
        """Cost of the bead that ends before source unit i and target unit j and spans di x dj units."""
        params = self.params
        if not di or not dj:
            return params.null_cost
        src_grams, src_len = self.src_runs[di][i - 1]
        tgt_grams, tgt_len = self.tgt_runs[dj][j - 1]
        cost = (1.0 - self.rescaled(set_dice(src_grams, tgt_grams))) * (di + dj) / 2
        cost += params.length_weight * _length_cost(src_len * self.ratio, tgt_len, params.length_variance)
        if di > 1 or dj > 1:
            parts = [(u.grams, tgt_grams) for u in self.src[i - di:i]] if di > 1 else []
            parts += [(u.grams, src_grams) for u in self.tgt[j - dj:j]] if dj > 1 else []
            weakest = min(len(part & whole) / len(part) if part else 0.0 for part, whole in parts)
            cost += params.merge_cost * (di + dj - 2) + params.part_weight * max(0.0, params.part_min - weakest)
        return cost

    def rescaled(self, similarity: float) -> float:
        """Dice rescaled so that chance similarity is 0 and identity is 1 (may be negative)."""
        return (similarity - self.chance) / (1.0 - self.chance)


def _runs(units: list[Unit], widest: int) -> list[list[tuple[frozenset[int], int]]]:
    """runs[k][e]: the union of the trigram sets and the total length of units e-k+1..e (k = 1..widest)."""
    runs: list[list[tuple[frozenset[int], int]]] = [[], [(u.grams, u.length) for u in units]]
    for k in range(2, widest + 1):
        runs.append([(frozenset().union(*(u.grams for u in units[max(0, e - k + 1):e + 1])),
                      sum(u.length for u in units[max(0, e - k + 1):e + 1])) for e in range(len(units))])
    return runs


def _chance(src: list[Unit], tgt: list[Unit], default: float) -> float:
    """Median Dice of sentence pairs far from the diagonal: what unrelated sentences share by chance."""
    n, m = len(src), len(tgt)
    if n < 3 or m < 3:
        return default
    samples = []
    for k in range(min(CHANCE_SAMPLES, n * m)):
        i = (k * 7919) % n
        j = (i * m // n + m // 2 + k % max(1, m // 4)) % m
        if abs(j - i * m / n) >= 2:
            samples.append(set_dice(src[i].grams, tgt[j].grams))
    return min(statistics.median(samples), MAX_CHANCE) if len(samples) >= 5 else default


def _length_cost(expected: float, actual: float, variance: float) -> float:
    """Gale-Church: -log P(|delta|) for the normalised length difference of a bead."""
    delta = (actual - expected) / math.sqrt(max(expected, 1.0) * variance)
    return -math.log(max(math.erfc(abs(delta) / math.sqrt(2.0)), 1e-12))


def _search(scorer: _Scorer, params: AlignParams, level: int = 0) -> list[tuple[int, int]]:
    """The best bead sequence, searched inside a band found by aligning a coarser document."""
    n, m = len(scorer.src), len(scorer.tgt)
    if (n + 1) * (m + 1) <= params.full_cells or n < 4 or m < 4:
        band = [(0, m)] * (n + 1)
    else:
        coarse = _Scorer(_coarsen(scorer.src, level + 1), _coarsen(scorer.tgt, level + 1), params)
        band = _band(_search(coarse, params, level + 1), n, m, params.band)
    return _dp(scorer, band)


def _coarsen(units: list[Unit], level: int) -> list[Unit]:
    """Merge units pairwise (the last one alone if the count is odd), keeping a 2**-level sample of trigrams.

    The sample keeps coarse units about as small as sentences, so every level costs about the same.
    """
    keep = (1 << level) - 1

    def sample(grams: frozenset[int]) -> frozenset[int]:
        return frozenset(g for g in grams if not g & keep)

    return [Unit(sample(units[k].grams | units[k + 1].grams) if k + 1 < len(units) else sample(units[k].grams),
                 units[k].length + (units[k + 1].length if k + 1 < len(units) else 0))
            for k in range(0, len(units), 2)]


def _band(coarse_beads: list[tuple[int, int]], n: int, m: int, width: int) -> Band:
    """Target ranges per source row: the coarse path scaled by 2, widened by `width` each way."""
    low, high = [m] * (n + 1), [0] * (n + 1)
    i0 = j0 = 0
    for di, dj in coarse_beads:
        i1, j1 = i0 + di, j0 + dj
        a0, a1, b0, b1 = min(2 * i0, n), min(2 * i1, n), min(2 * j0, m), min(2 * j1, m)
        for i in range(a0, a1 + 1):
            start = b0 + (b1 - b0) * (i - a0) // (a1 - a0) if a1 > a0 else b0
            end = b0 + -(-(b1 - b0) * (i - a0) // (a1 - a0)) if a1 > a0 else b1
            low[i], high[i] = min(low[i], start), max(high[i], end)
        i0, j0 = i1, j1
    return [(max(0, low[max(0, i - width)] - width), min(m, high[min(n, i + width)] + width)) for i in range(n + 1)]


def _dp(scorer: _Scorer, band: Band) -> list[tuple[int, int]]:
    """Minimum-cost bead sequence from (0, 0) to (n, m) through the cells of the band."""
    n = len(scorer.src)
    inf = math.inf
    beads = scorer.params.beads
    floors = [scorer.floor(di, dj) for di, dj in beads]
    costs: list[list[float]] = []
    backs: list[bytearray] = []
    for i in range(n + 1):
        lo, hi = band[i]
        row = [inf] * (hi - lo + 1)
        back = bytearray(hi - lo + 1)
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                row[0] = 0.0
                continue
            best, best_bead = inf, 0
            for bead, (di, dj) in enumerate(beads):
                if i < di or j < dj:
                    continue
                p_lo, p_hi = band[i - di] if di else (lo, hi)
                k = j - dj
                if k < p_lo or k > p_hi:
                    continue
                before = costs[i - di][k - p_lo] if di else row[k - lo]
                if before + floors[bead] >= best:
                    continue  # this bead cannot beat the best one found (also skips unreachable cells)
                total = before + scorer.cost(i, j, di, dj)
                if total < best:
                    best, best_bead = total, bead
            row[j - lo], back[j - lo] = best, best_bead
        costs.append(row)
        backs.append(back)
    path: list[tuple[int, int]] = []
    i, j = n, band[n][1]
    while i or j:
        di, dj = beads[backs[i][j - band[i][0]]]
        path.append((di, dj))
        i, j = i - di, j - dj
    path.reverse()
    return path


def _links(scorer: _Scorer, beads: list[tuple[int, int]]) -> tuple[Link, ...]:
    """Links with confidences for the fine-level bead sequence."""
    spans: list[tuple[int, int, int, int]] = []
    i = j = 0
    for di, dj in beads:
        spans.append((i, j, di, dj))
        i, j = i + di, j + dj
    scale = scorer.params.confidence_scale
    return tuple(Link(tuple(range(i, i + di)), tuple(range(j, j + dj)),
                      round(_logistic(_gain(scorer, spans, k) / scale), 4))
                 for k, (i, j, di, dj) in enumerate(spans))


def _gain(scorer: _Scorer, spans: list[tuple[int, int, int, int]], k: int) -> float:
    """How much the total cost would rise without this bead's decision.

    A linking bead is compared with leaving its sentences unaligned. A null bead is compared with
    its cheapest local alternative: joining the neighbouring 1-1 link (making it 2-1 or 1-2), or
    linking 1-1 with a neighbouring null bead of the other side.
    """
    null = scorer.params.null_cost
    i, j, di, dj = spans[k]
    if di and dj:
        return null * (di + dj) - scorer.cost(i + di, j + dj, di, dj)
    alternatives = []
    for neighbour in (k - 1, k + 1):
        if not 0 <= neighbour < len(spans):
            continue
        ni, nj, ndi, ndj = spans[neighbour]
        end_i, end_j = max(i + di, ni + ndi), max(j + dj, nj + ndj)
        if (ndi, ndj) == (1, 1):
            merged = (2, 1) if di else (1, 2)
            alternatives.append(scorer.cost(end_i, end_j, *merged) - scorer.cost(ni + 1, nj + 1, 1, 1) - null)
        elif (ndi, ndj) == (dj, di):
            alternatives.append(scorer.cost(end_i, end_j, 1, 1) - 2 * null)
    return min(alternatives, default=math.inf)


def _logistic(x: float) -> float:
    if x == math.inf:
        return 1.0
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, x))))
