"""Plain Gale-Church (1993) sentence alignment: character lengths only, no MT, full O(n*m) DP.

The baseline bench/align.py reports next to review's aligner. Bead priors and the variance are the
paper's (c = 1, s^2 = 6.8); beads 1-1, 1-0, 0-1, 2-1, 1-2 and 2-2.

    from bench.gale_church import gale_church
    gale_church(["Hola.", "Adiós."], ["Hello.", "Bye."])  ->  [((0,), (0,)), ((1,), (1,))]
"""
from __future__ import annotations

import math
from collections.abc import Sequence

MEAN_RATIO = 1.0
VARIANCE = 6.8
PRIORS: dict[tuple[int, int], float] = {(1, 1): 0.89, (1, 0): 0.0099 / 2, (0, 1): 0.0099 / 2,
                                       (2, 1): 0.089 / 2, (1, 2): 0.089 / 2, (2, 2): 0.011}
PENALTIES = {bead: -math.log(prior) for bead, prior in PRIORS.items()}

Bead = tuple[tuple[int, ...], tuple[int, ...]]


def match_cost(source_chars: int, target_chars: int) -> float:
    """-log P(delta | match), with delta the normalised length difference."""
    if source_chars == 0 and target_chars == 0:
        return 0.0
    mean = (source_chars + target_chars / MEAN_RATIO) / 2
    delta = (target_chars - source_chars * MEAN_RATIO) / math.sqrt(mean * VARIANCE)
    return -math.log(max(math.erfc(abs(delta) / math.sqrt(2)), 1e-300))


def gale_church(source: Sequence[str], target: Sequence[str]) -> list[Bead]:
    """Align by length; returns (source indices, target indices) beads in order."""
    src = [len(s) for s in source]
    tgt = [len(t) for t in target]
    n, m = len(src), len(tgt)
    cost = [[math.inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            for (di, dj), penalty in PENALTIES.items():
                if i < di or j < dj or cost[i - di][j - dj] == math.inf:
                    continue
                total = cost[i - di][j - dj] + penalty + match_cost(sum(src[i - di:i]), sum(tgt[j - dj:j]))
                if total < cost[i][j]:
                    cost[i][j], back[i][j] = total, (di, dj)
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        beads.append((tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    return beads[::-1]
