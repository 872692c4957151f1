"""Character n-gram similarity used to match MT pseudo-references against human renderings.

Two views of the same normalisation (lowercase, whitespace collapsed, digit groups joined so that
"42.000" and "42,000" or "4,1" and "4.1" agree):
- dice/containment over *multisets* of trigrams, for the quote detector and for reports;
- gram_set/set_dice over *sets* of trigrams, which the aligner uses because frozenset intersection
  runs in C and sets of adjacent sentences can be unioned for merged beads.
All scores are in [0, 1]. sacrebleu's chrF is kept for the reported scores.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable
from functools import lru_cache

ORDER = 3
_SPACES = re.compile(r"\s+")
_DIGIT_SEPARATOR = re.compile(r"(?<=\d)[.,’'](?=\d)")


def normalise(text: str) -> str:
    """Lowercased text with single spaces, a space at each end, and digit groups joined."""
    return f" {_SPACES.sub(' ', _DIGIT_SEPARATOR.sub('', text.lower())).strip()} "


@lru_cache(maxsize=4096)
def ngrams(text: str) -> Counter[str]:
    """Multiset of character trigrams of the normalised text."""
    normalised = normalise(text)
    return Counter(normalised[i:i + ORDER] for i in range(len(normalised) - ORDER + 1))


@lru_cache(maxsize=4096)
def gram_set(text: str) -> frozenset[str]:
    """Set of character trigrams of the normalised text (empty for blank text)."""
    return frozenset(trigrams(text))


def trigrams(text: str) -> set[str]:
    """Set of character trigrams of the normalised text (empty for blank text); not cached."""
    if not text.strip():
        return set()
    normalised = normalise(text)
    return {normalised[i:i + ORDER] for i in range(len(normalised) - ORDER + 1)}


def dice(a: str, b: str) -> float:
    """Dice coefficient of the trigram multisets of a and b; 0.0 if either is blank."""
    if not a.strip() or not b.strip():
        return 0.0
    grams_a, grams_b = ngrams(a), ngrams(b)
    return 2 * sum((grams_a & grams_b).values()) / (sum(grams_a.values()) + sum(grams_b.values()))


def set_dice(a: frozenset[Hashable], b: frozenset[Hashable]) -> float:
    """Dice coefficient of two sets (of trigrams, or of their hashes); 0.0 if either is empty."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def containment(part: str, whole: str) -> float:
    """Share of part's trigrams also found in whole, in [0, 1]; 0.0 if part is blank."""
    if not part.strip():
        return 0.0
    grams_part = ngrams(part)
    return sum((grams_part & ngrams(whole)).values()) / sum(grams_part.values())
