"""The aligner's units: each sentence (or, at coarse levels, run of sentences) as its set of character-trigram
hashes and its length, and the cache of the sets the bead costs intersect.

`hashes` turns a sentence into its trigram hashes (crc32, stable from run to run); `Side` holds one side of one
level of the search and builds the frozensets of units and of runs of adjacent units on demand, forgetting them
once the search front has passed; `coarsen` merges units pairwise for the next coarser level.
"""
from __future__ import annotations

import zlib
from array import array

from review.core.alignment.similarity import ORDER, normalise, trigrams

SWEEP = 4096  # cached sets behind the search front above which Side sweeps them out


def hashes(text: str) -> array:
    """The sentence's trigram set as stable 32-bit hashes (crc32 of each trigram's UTF-8), stored compactly
    (4 bytes a trigram).

    int sets intersect faster than str sets, and the hash also picks the coarse levels' samples
    (Python's own str hash changes from run to run). Not cached: a long document must not leave a
    frozenset per sentence behind. ASCII text (most of it) is hashed from slices of its bytes, which are
    the trigrams' UTF-8 encodings, without a str per trigram.
    """
    normalised = normalise(text)
    if not normalised.isascii():
        return array("I", {zlib.crc32(gram.encode("utf-8")) for gram in trigrams(text)})
    data = normalised.encode("ascii")
    return array("I", {zlib.crc32(data[k:k + ORDER]) for k in range(len(data) - ORDER + 1)})


class Side:
    """One side of one level of the search: per unit (sentence, or at coarse levels a run of
    sentences) its trigram hashes as a compact array and its length in characters.

    The frozensets that the bead costs intersect, of single units and of runs of adjacent units, are
    built on demand and forgotten once the search has moved past them (`forget_before`), so only
    the band's window of them is ever alive, not one per unit of the document.
    """

    __slots__ = ("grams", "lengths", "_sets", "_runs", "_floor")

    def __init__(self, grams: list[array], lengths: array) -> None:
        self.grams, self.lengths = grams, lengths
        self._sets: dict[int, frozenset[int]] = {}
        self._runs: dict[int, dict[int, tuple[frozenset[int], int]]] = {}  # by last unit, then by length
        self._floor = 0

    def __len__(self) -> int:
        return len(self.grams)

    def unit(self, e: int) -> frozenset[int]:
        grams = self._sets.get(e)
        if grams is None:
            grams = self._sets[e] = frozenset(self.grams[e])
        return grams

    def run(self, end: int, k: int) -> tuple[frozenset[int], int]:
        """The union of the trigram sets and the total length of units end-k+1..end."""
        if k == 1:
            grams = self._sets.get(end)
            if grams is None:
                grams = self._sets[end] = frozenset(self.grams[end])
            return grams, self.lengths[end]
        runs = self._runs.get(end)
        if runs is None:
            runs = self._runs[end] = {}
        run = runs.get(k)
        if run is None:
            start = max(0, end - k + 1)
            run = runs[k] = (frozenset().union(*(self.unit(e) for e in range(start, end + 1))),
                             sum(self.lengths[start:end + 1]))
        return run

    def restart(self) -> None:
        """Forget every cached set, for a new pass from the start of the document."""
        self._sets, self._runs, self._floor = {}, {}, 0

    def forget_before(self, e: int) -> None:
        """Drop the sets of units before e and of runs ending before e (rebuilt if asked for again)."""
        if e <= self._floor:
            return
        for x in range(self._floor, min(e, len(self.grams))):
            self._sets.pop(x, None)
            self._runs.pop(x, None)
        self._floor = e
        if len(self._sets) > SWEEP or len(self._runs) > SWEEP:  # left behind the floor by a band that stepped back
            self._sets = {x: grams for x, grams in self._sets.items() if x >= e}
            self._runs = {x: runs for x, runs in self._runs.items() if x >= e}


def coarsen(side: Side, level: int) -> Side:
    """Merge units pairwise (the last one alone if the count is odd), keeping a 2**-level sample of trigrams.

    The sample keeps coarse units about as small as sentences, so every level costs about the same.
    """
    keep = (1 << level) - 1
    grams, lengths = [], array("q")
    for k in range(0, len(side), 2):
        pair = side.grams[k:k + 2]
        grams.append(array("I", {g for unit in pair for g in unit if not g & keep}))
        lengths.append(sum(side.lengths[k:k + 2]))
    return Side(grams, lengths)
