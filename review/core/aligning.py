"""v0 sentence aligner: dynamic programming over 1-1, 1-0, 0-1, 2-1 and 1-2 beads.

Source sentences are compared through their MT pseudo-reference: a bead's cost is
1 - dice(pseudo-reference of its source sentences, its target sentences), plus a length penalty
(|ln| of the character-length ratio). A 2-1/1-2 merge also pays a merge cost, and a part penalty
when one of its two sentences is barely contained in the other side: that keeps an omitted
sentence from hiding inside a merge with its neighbour. A null bead (omission 1-0 or addition
0-1) costs a fixed amount, set so that freely rendered headlines still link 1-1 and only
sentences sharing almost nothing become an omission plus an addition.
Link.score is 1 - cost clipped to [0, 1], and 0.0 for null beads.
This is O(n*m); a banded aligner replaces it later.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

from review.core.model import Link
from review.core.similarity import containment, dice

NULL_COST = 0.5
MERGE_COST = 0.15
LENGTH_WEIGHT = 0.5
PART_MIN_CONTAINMENT = 0.4
PART_WEIGHT = 2.0
BEADS: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))


def align(source: Sequence[str], target: Sequence[str], pseudo_reference: Sequence[str]) -> tuple[Link, ...]:
    """Align source to target sentences; every index appears exactly once and links are in order."""
    if len(pseudo_reference) != len(source):
        raise ValueError(f"{len(pseudo_reference)} pseudo-reference lines for {len(source)} source sentences")
    n, m = len(source), len(target)
    cost = [[math.inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            for di, dj in BEADS:
                if i < di or j < dj or cost[i - di][j - dj] == math.inf:
                    continue
                total = cost[i - di][j - dj] + bead_cost(pseudo_reference[i - di:i], target[j - dj:j])
                if total < cost[i][j]:
                    cost[i][j] = total
                    back[i][j] = (di, dj)
    links: list[Link] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        bead = bead_cost(pseudo_reference[i - di:i], target[j - dj:j])
        confidence = 0.0 if not di or not dj else max(0.0, min(1.0, 1.0 - bead))
        links.append(Link(tuple(range(i - di, i)), tuple(range(j - dj, j)), round(confidence, 4)))
        i, j = i - di, j - dj
    return tuple(reversed(links))


def bead_cost(pseudo: Sequence[str], target: Sequence[str]) -> float:
    """Cost of linking these pseudo-reference sentences to these target sentences."""
    if not pseudo or not target:
        return NULL_COST
    hypothesis, reference = " ".join(target), " ".join(pseudo)
    ratio = max(len(hypothesis), 1) / max(len(reference), 1)
    return 1.0 - dice(hypothesis, reference) + LENGTH_WEIGHT * abs(math.log(ratio)) + merge_cost(pseudo, target)


def merge_cost(pseudo: Sequence[str], target: Sequence[str]) -> float:
    """Extra cost of a 2-1 or 1-2 bead: a flat cost plus a penalty for a part the other side lacks."""
    if len(pseudo) == 1 and len(target) == 1:
        return 0.0
    parts, whole = (pseudo, " ".join(target)) if len(pseudo) > 1 else (target, " ".join(pseudo))
    weakest = min(containment(part, whole) for part in parts)
    return MERGE_COST + PART_WEIGHT * max(0.0, PART_MIN_CONTAINMENT - weakest)
