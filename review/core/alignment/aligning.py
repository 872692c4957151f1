"""Sentence alignment: banded, coarse-to-fine dynamic programming over 1-1, 1-0, 0-1, 2-1 and 1-2 beads.

Source sentences are compared through their MT pseudo-reference (Apertium spa-eng, or any MT
given with `review align --mt`). Each sentence becomes its set of character trigrams
(review.core.alignment.similarity.trigrams), kept as 32-bit hashes in a compact array, and its length.

Bead cost (lower is better):
- linking beads: (1 - r) per sentence (times (di + dj) / 2), where r is the trigram Dice of the
  two sides rescaled against the document's *chance* Dice (the median over pairs far from the
  diagonal, an idea from vecalign's normalisation), plus a Gale-Church length cost with the document's own length ratio, plus, for
  2-1 and 1-2, a merge cost and a penalty when one part of the merge is barely found in the other
  side (so that an omitted sentence is not glued onto its neighbour);
- null beads (1-0 omission, 0-1 addition): a fixed, tuned cost per sentence.

The costs were tuned where Apertium spa-eng makes true links stand well clear of chance (a median
rescaled Dice of ~0.59 on WMT). With weak MT or a distant pair (de->fr europarl MT on the Bleualign
set: ~0.34) every link costs almost as much as leaving its sentences unaligned, and null beads win.
So after a first search the document's typical link (the median rescaled Dice of its 1-1 beads) is
measured, and if it is below `match_level` the rescaled similarity (and the merge parts'
containment) is stretched to bring it there, at most `max_contrast` times, and the fine level is
searched again in a band around the first path. One global default for every pair: documents with
good MT are left as they are.

Search is bounded as in vecalign: adjacent units are merged pairwise into a document half as long
(keeping a stable half-sample of their trigrams, so coarse units stay sentence-sized), aligned
recursively, and the coarse path, projected back, fixes a band of `band` sentences either side in
which the fine DP runs. Only documents with fewer than `full_cells` cells are aligned without a band.
Time is O((n + m) * band). Memory: the hash arrays (about 4 bytes a trigram, 0.6 kB a sentence,
and as much again for all coarse levels together, each freed once its path is found), one byte of
back-pointer per band cell, and a window of frozensets and costs that moves with the search front
(the last rows of costs and of 1-1 shared-trigram counts; the sets of the units and runs the band can
still reach), so nothing per cell or per sentence is kept as Python objects.

Confidence: the logistic of how much the total cost would rise without the link's decision: for a
linking bead, against leaving its sentences unaligned; for a null bead, against its cheapest local
alternative (joining the neighbouring link as a 2-1/1-2, or pairing with a neighbouring null of the
other side). In [0, 1]; 0.5 is a coin toss, and a null bead with no alternative at all scores 1.
"""
from __future__ import annotations

import math
import statistics
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from review.core.alignment.similarity import set_dice
from review.core.alignment.units import Side, coarsen, hashes
from review.core.model import Link


@dataclass(frozen=True)
class AlignParams:
    """Tuned on the WMT 2008-2011 dev articles with bench/align.py (never on 2012-2013); match_level
    and max_contrast also on the de-fr anchor set (a plateau from 0.4 to 0.7 there), and chosen so
    that the WMT dev figures are unchanged or better. One set of defaults for every language pair."""

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
    match_level: float = 0.45  # stretch similarity when the typical 1-1 link scores below this; 0: off
    max_contrast: float = 2.0


DEFAULT = AlignParams()
CHANCE_SAMPLES = 120
MIN_TYPICAL = 5  # 1-1 links needed to measure a document's typical link similarity
SQRT2 = math.sqrt(2.0)
MAX_CHANCE = 0.5  # documents of near-identical sentences must not make every link look like chance
_NULL, _ONE_TO_ONE, _MERGED = range(3)  # kinds of bead in _dp: a fixed cost, a row of costs, cost() per cell
Band = tuple[array, array]  # per source row i: the lowest and highest target column j searched


def align(source: Sequence[str], target: Sequence[str], pseudo_reference: Sequence[str],
          params: AlignParams = DEFAULT) -> tuple[Link, ...]:
    """Align source to target sentences; every index appears exactly once and links are in order.

    `source` is only checked against `pseudo_reference`: sentences are compared through the MT.
    """
    if len(pseudo_reference) != len(source):
        raise ValueError(f"{len(pseudo_reference)} pseudo-reference lines for {len(source)} source sentences")
    src = Side([hashes(text) for text in pseudo_reference], array("q", (len(t.strip()) for t in pseudo_reference)))
    tgt = Side([hashes(text) for text in target], array("q", (len(t.strip()) for t in target)))
    scorer = _Scorer(src, tgt, params)
    beads = _search(scorer, params)
    contrast = _contrast(scorer, beads, params)
    if contrast > 1.0:
        scorer.contrast = contrast
        scorer.restart()
        beads = _dp(scorer, _band(beads, len(src), len(tgt), params.band, factor=1))
    return _links(scorer, beads)


def _contrast(scorer: _Scorer, beads: list[tuple[int, int]], params: AlignParams) -> float:
    """How much to stretch the rescaled similarity so that the document's typical link scores `match_level`.

    The typical link is the median over the 1-1 beads of a first search. Weak MT (or a distant
    language pair) makes true links look little better than chance; stretching restores the
    balance between similarity, null and merge costs that the parameters were tuned for. Never
    below 1: good MT is left as it is.
    """
    if not params.match_level:
        return 1.0
    similarities = []
    i = j = 0
    for di, dj in beads:
        if di == dj == 1:
            similarities.append(set_dice(frozenset(scorer.src.grams[i]), frozenset(scorer.tgt.grams[j])))
        i, j = i + di, j + dj
    if len(similarities) < MIN_TYPICAL:
        return 1.0
    typical = scorer.rescaled(statistics.median(similarities))
    return params.max_contrast if typical <= 0 else min(max(1.0, params.match_level / typical), params.max_contrast)


class _Scorer:
    """Bead costs for one level of one document (its two sides, chance Dice, length ratio)."""

    def __init__(self, src: Side, tgt: Side, params: AlignParams) -> None:
        self.src, self.tgt, self.params = src, tgt, params
        self.reach = max(di for di, _ in params.beads), max(dj for _, dj in params.beads)
        self.chance = _chance(src, tgt, params.default_chance)
        self.contrast = 1.0
        self._counts: dict[int, tuple[int, list[int]]] = {}  # per source unit: first target unit, shared trigrams
        src_chars, tgt_chars = sum(src.lengths), sum(tgt.lengths)
        self.ratio = tgt_chars / src_chars if src_chars and tgt_chars else 1.0

    def floor(self, di: int, dj: int) -> float:
        """The pruning floor of beads of this shape: their cost for null beads, else a lower bound of cost()
        while the contrast is 1 (with a stretched similarity a very close link may cost less)."""
        return self.params.null_cost if not di or not dj else self.params.merge_cost * (di + dj - 2)

    def cost(self, i: int, j: int, di: int, dj: int, before: float = 0.0, best: float = math.inf) -> float:
        """Cost of the bead that ends before source unit i and target unit j and spans di x dj units.

        For a linking bead, given the search's cost so far (`before`) and a total that the cell reaches otherwise
        (`best`): if a lower bound of the cost already rules the bead out, that bound may be returned instead of
        the cost (one_to_one() and merged() say which bounds). Each bound is computed with the same floating-point
        operations as the cost, each monotonic, so it never exceeds it.
        """
        if not di or not dj:
            return self.params.null_cost
        if di == dj == 1:
            return self.one_to_one(i, j, j)(j, 0.0, math.inf)
        return self.merged(i, di, dj)(j, before, best)

    def merged(self, i: int, di: int, dj: int) -> Callable[[int, float, float], float]:
        """cost(i, j, di, dj, before, best) of a merged (2-1, 1-2) bead as a function of j, for one row of the
        search: what depends on the source side only (its run's set and expected length, the 1-1 counts kept for
        its units) is looked up once, and rescaled() and the length cost are inlined.

        If a lower bound of the cost makes before + bound >= best, the bound is returned. Two bounds are tried
        before the merged sides' sets are intersected: the shared trigrams taken as at most the smaller side,
        with the length cost but without the part penalty; then taken as at most what the merged units share with
        the other side one by one, with the part penalty. The second takes the counts the 1-1 cells kept, and
        where a cell's count was not computed (one_to_one() ruled it out), first the smaller of the two units
        and, only if that rules nothing out, the count itself.
        """
        params = self.params
        chance, contrast, units = self.chance, self.contrast, di + dj
        merge = params.merge_cost * (units - 2)
        part_weight, part_min, weight = params.part_weight, params.part_min, params.length_weight
        src_grams, src_len = self.src.run(i - 1, di)
        src_size = len(src_grams)
        expected, spread = self._expected(src_len)
        src_unit, tgt_unit, tgt_run, tgt_units = self.src.unit, self.tgt.unit, self.tgt.run, self.tgt.grams
        no_counts = (0, ())
        # per merged source unit: its size and the 1-1 counts kept for it (first target unit, counts)
        src_parts = [(u, len(self.src.grams[u]), *self._counts.get(u, no_counts)) for u in range(i - di, i)]
        row_first, row_counts = self._counts.get(i - 1, no_counts)

        def cost(j: int, before: float, best: float) -> float:
            tgt_grams, tgt_len = tgt_run(j - 1, dj)
            tgt_size = len(tgt_grams)
            sizes = src_size + tgt_size
            most_shared = min(src_size, tgt_size)
            length_cost = weight * math.log(max(math.erfc(abs(tgt_len - expected) / spread / SQRT2), 1e-12))
            if src_size and tgt_size:
                bound = (1.0 - contrast * (2 * most_shared / sizes - chance) / (1.0 - chance)) * units / 2
                if before + ((bound - length_cost) + merge) >= best:
                    return (bound - length_cost) + merge
            for exact in (False, True):  # first with a count not kept taken as at most the smaller unit
                weakest, most_shared, guessed = math.inf, min(src_size, tgt_size), False
                if di > 1:
                    total = 0
                    for u, size, first, counts in src_parts:
                        if dj > 1:
                            count = len(src_unit(u) & tgt_grams)
                        else:
                            kept = first <= j - 1 < first + len(counts)
                            count = counts[j - 1 - first] if kept else None
                            if count is None and exact:
                                count = len(src_unit(u) & tgt_unit(j - 1))
                                if kept:
                                    counts[j - 1 - first] = count
                            elif count is None:
                                count, guessed = min(size, tgt_size), True
                        weakest = min(weakest, count / size if size else 0.0)
                        total += count
                    most_shared = min(most_shared, total)
                if dj > 1:
                    total = 0
                    for u in range(j - dj, j):
                        size = len(tgt_units[u])
                        if di > 1:
                            count = len(tgt_unit(u) & src_grams)
                        else:
                            kept = row_first <= u < row_first + len(row_counts)
                            count = row_counts[u - row_first] if kept else None
                            if count is None and exact:
                                count = len(src_unit(i - 1) & tgt_unit(u))
                                if kept:
                                    row_counts[u - row_first] = count
                            elif count is None:
                                count, guessed = min(size, src_size), True
                        weakest = min(weakest, count / size if size else 0.0)
                        total += count
                    most_shared = min(most_shared, total)
                penalty = merge + part_weight * max(0.0, part_min - (chance + contrast * (weakest - chance)))
                if src_size and tgt_size:
                    bound = (1.0 - contrast * (2 * most_shared / sizes - chance) / (1.0 - chance)) * units / 2
                    if before + ((bound - length_cost) + penalty) >= best:
                        return (bound - length_cost) + penalty
                if not guessed:
                    break
            if not src_size or not tgt_size:
                found = (1.0 - contrast * (0.0 - chance) / (1.0 - chance)) * units / 2
            else:
                shared = len(src_grams & tgt_grams)
                found = (1.0 - contrast * (2 * shared / sizes - chance) / (1.0 - chance)) * units / 2
            found -= length_cost
            found += penalty
            return found

        return cost

    def one_to_one(self, i: int, lo: int, hi: int) -> Callable[[int, float, float], float]:
        """cost(i, j, 1, 1) as a function of j from lo to hi (inf for j = 0), for one row of the search: the most
        frequent bead, with the source unit's set and expected length looked up once and rescaled() and the length
        cost inlined (the same floating-point operations as merged()'s). Given the search's cost so far (`before`)
        and a total that another bead of the cell reaches (`limit`): if a lower bound of the cost (the shared
        trigrams taken as at most the smaller side, with the length cost) makes before + bound > limit, that bound
        is returned and the sets are not intersected (in the dev documents, about 60% of the cells). The counts of
        shared trigrams found are kept for merged beads."""
        weight, chance, contrast = self.params.length_weight, self.chance, self.contrast
        expected, spread = self._expected(self.src.lengths[i - 1])
        src_grams, tgt_unit = self.src.unit(i - 1), self.tgt.unit
        tgt_units, tgt_lengths = self.tgt.grams, self.tgt.lengths
        src_size, first = len(src_grams), max(0, lo - 1)
        counts: list[int | None] = [None] * (hi - first)
        self._counts[i - 1] = first, counts

        def cost(j: int, before: float, limit: float) -> float:
            if not j:
                return math.inf
            tgt_size = len(tgt_units[j - 1])
            delta = abs(tgt_lengths[j - 1] - expected) / spread
            length_cost = weight * math.log(max(math.erfc(delta / SQRT2), 1e-12))
            if src_size and tgt_size:
                most = 2 * min(src_size, tgt_size) / (src_size + tgt_size)
                bound = (1.0 - contrast * (most - chance) / (1.0 - chance)) - length_cost
                if before + bound > limit:
                    return bound
            tgt_grams = tgt_unit(j - 1)
            shared = counts[j - 1 - first] = len(src_grams & tgt_grams)
            similarity = 2 * shared / (src_size + tgt_size) if src_grams and tgt_grams else 0.0
            return (1.0 - contrast * (similarity - chance) / (1.0 - chance)) - length_cost

        return cost

    def _expected(self, src_len: int) -> tuple[float, float]:
        """The target length expected for a source of src_len characters, and the spread of its difference."""
        expected = src_len * self.ratio
        return expected, math.sqrt(max(expected, 1.0) * self.params.length_variance)

    def rescaled(self, similarity: float) -> float:
        """Dice rescaled so that chance similarity is 0 and identity is 1 (may be negative), times the contrast."""
        return self.contrast * (similarity - self.chance) / (1.0 - self.chance)

    def forget_before(self, i: int, j: int) -> None:
        """The search will ask for no bead ending before source unit i and target unit j any more."""
        self.src.forget_before(i - self.reach[0])
        self.tgt.forget_before(j - self.reach[1])
        for a in [a for a in self._counts if a < i - self.reach[0]]:
            del self._counts[a]

    def restart(self) -> None:
        """Forget every cached set and count, for a new pass from the start of the document."""
        self.src.restart()
        self.tgt.restart()
        self._counts.clear()


def _chance(src: Side, tgt: Side, default: float) -> float:
    """Median Dice of sentence pairs far from the diagonal: what unrelated sentences share by chance."""
    n, m = len(src), len(tgt)
    if n < 3 or m < 3:
        return default
    samples = []
    src_sets: dict[int, frozenset[int]] = {}
    tgt_sets: dict[int, frozenset[int]] = {}
    for k in range(min(CHANCE_SAMPLES, n * m)):
        i = (k * 7919) % n
        j = (i * m // n + m // 2 + k % max(1, m // 4)) % m
        if abs(j - i * m / n) >= 2:
            samples.append(set_dice(_sampled(src, i, src_sets), _sampled(tgt, j, tgt_sets)))
    return min(statistics.median(samples), MAX_CHANCE) if len(samples) >= 5 else default


def _sampled(side: Side, unit: int, cache: dict[int, frozenset[int]]) -> frozenset[int]:
    """The unit's trigram set for _chance, kept in `cache` when the side is shorter than the sample (its units
    then recur among the samples; in a longer one they do not, and keeping them would only take memory)."""
    grams = cache.get(unit)
    if grams is None:
        grams = frozenset(side.grams[unit])
        if len(side) < CHANCE_SAMPLES:
            cache[unit] = grams
    return grams


def _search(scorer: _Scorer, params: AlignParams, level: int = 0) -> list[tuple[int, int]]:
    """The best bead sequence, searched inside a band found by aligning a coarser document."""
    n, m = len(scorer.src), len(scorer.tgt)
    if (n + 1) * (m + 1) <= params.full_cells or n < 4 or m < 4:
        band = array("q", [0] * (n + 1)), array("q", [m] * (n + 1))
    else:
        coarse = _Scorer(coarsen(scorer.src, level + 1), coarsen(scorer.tgt, level + 1), params)
        coarse_beads = _search(coarse, params, level + 1)
        del coarse  # the coarse sides are not needed while the fine level is searched
        band = _band(coarse_beads, n, m, params.band)
    return _dp(scorer, band)


def _band(coarse_beads: list[tuple[int, int]], n: int, m: int, width: int, factor: int = 2) -> Band:
    """Target ranges per source row: the coarse path scaled by `factor`, widened by `width` each way."""
    low, high = array("q", [m] * (n + 1)), array("q", [0] * (n + 1))
    i0 = j0 = 0
    for di, dj in coarse_beads:
        i1, j1 = i0 + di, j0 + dj
        a0, a1, b0, b1 = min(factor * i0, n), min(factor * i1, n), min(factor * j0, m), min(factor * j1, m)
        for i in range(a0, a1 + 1):
            start = b0 + (b1 - b0) * (i - a0) // (a1 - a0) if a1 > a0 else b0
            end = b0 + -(-(b1 - b0) * (i - a0) // (a1 - a0)) if a1 > a0 else b1
            low[i], high[i] = min(low[i], start), max(high[i], end)
        i0, j0 = i1, j1
    return (array("q", (max(0, low[max(0, i - width)] - width) for i in range(n + 1))),
            array("q", (min(m, high[min(n, i + width)] + width) for i in range(n + 1))))


def _dp(scorer: _Scorer, band: Band) -> list[tuple[int, int]]:
    """Minimum-cost bead sequence from (0, 0) to (n, m) through the cells of the band.

    Only the last rows of costs are kept (as many as the tallest bead reaches back); the back-pointers
    of all cells are one byte each in a single bytearray.
    """
    n = len(scorer.src)
    lows, highs = band
    inf = math.inf
    beads = scorer.params.beads
    floors = [scorer.floor(di, dj) for di, dj in beads]
    kinds = [_NULL if not di or not dj else _ONE_TO_ONE if (di, dj) == (1, 1) else _MERGED for di, dj in beads]
    reach = max(di for di, _ in beads)
    costs: dict[int, list[float]] = {}
    backs = bytearray()
    offsets = array("q", [0] * (n + 1))
    for i in range(n + 1):
        lo, hi = lows[i], highs[i]
        scorer.forget_before(i, lo)
        row = [inf] * (hi - lo + 1)
        back = bytearray(hi - lo + 1)
        # per bead that fits above row i: the row it starts from, with that row's first and last column, and
        # for a linking bead its cost as a function of the column
        steps = [(bead, dj, costs[i - di] if di else row, lows[i - di] if di else lo,
                  highs[i - di] if di else hi, floors[bead], kinds[bead],
                  scorer.one_to_one(i, lo, hi) if kinds[bead] == _ONE_TO_ONE
                  else scorer.merged(i, di, dj) if kinds[bead] == _MERGED else None)
                 for bead, (di, dj) in enumerate(beads) if di <= i]
        nulls = [(dj, start_row, p_lo, p_hi, floor) for _, dj, start_row, p_lo, p_hi, floor, kind, _ in steps
                 if kind == _NULL]
        if i == 0:
            row[0] = 0.0  # the start; lows[0] is 0
        for j in range(lo + (i == 0), hi + 1):
            limit = inf  # the cell's cheapest null bead: a 1-1 bead that costs more is never computed in full
            for dj, start_row, p_lo, p_hi, floor in nulls:
                if p_lo <= j - dj <= p_hi and start_row[j - dj - p_lo] + floor < limit:
                    limit = start_row[j - dj - p_lo] + floor
            best, best_bead = inf, 0
            for bead, dj, start_row, p_lo, p_hi, floor, kind, cost in steps:
                k = j - dj
                if k < p_lo or k > p_hi:
                    continue
                before = start_row[k - p_lo]
                if before + floor >= best:
                    continue  # this bead cannot beat the best one found (also skips unreachable cells)
                if kind == _NULL:
                    total = before + floor
                elif kind == _ONE_TO_ONE:
                    total = before + cost(j, before, limit)
                else:
                    total = before + cost(j, before, best)
                if total < best:
                    best, best_bead = total, bead
            row[j - lo], back[j - lo] = best, best_bead
        costs[i] = row
        costs.pop(i - reach, None)
        offsets[i] = len(backs)
        backs += back
    del costs
    path: list[tuple[int, int]] = []
    i, j = n, highs[n]
    while i or j:
        di, dj = beads[backs[offsets[i] + j - lows[i]]]
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
    scorer.restart()
    links = []
    for k, (i, j, di, dj) in enumerate(spans):
        scorer.forget_before(*spans[max(0, k - 1)][:2])  # _gain looks back one bead at most
        links.append(Link(tuple(range(i, i + di)), tuple(range(j, j + dj)),
                          round(_logistic(_gain(scorer, spans, k) / scale), 4)))
    return tuple(links)


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
