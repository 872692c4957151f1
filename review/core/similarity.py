"""Character n-gram similarity used to match MT pseudo-references against human renderings.

Dice coefficient over multisets of lowercased character trigrams (whitespace collapsed), in [0, 1].
It is cheap, language-agnostic and tolerant of inflection, which is what alignment and quote
matching need; sacrebleu's chrF is kept for the reported scores.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

ORDER = 3
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def ngrams(text: str) -> Counter[str]:
    """Multiset of character trigrams of the normalised text, padded with a space at each end."""
    normalised = f" {_SPACES.sub(' ', text.lower()).strip()} "
    return Counter(normalised[i:i + ORDER] for i in range(len(normalised) - ORDER + 1))


def dice(a: str, b: str) -> float:
    """Dice coefficient of the trigram multisets of a and b; 0.0 if either is blank."""
    grams_a, grams_b = ngrams(a), ngrams(b)
    total = sum(grams_a.values()) + sum(grams_b.values())
    if not a.strip() or not b.strip() or total == 0:
        return 0.0
    return 2 * sum((grams_a & grams_b).values()) / total


def containment(part: str, whole: str) -> float:
    """Share of part's trigrams also found in whole, in [0, 1]; 0.0 if part is blank."""
    grams_part = ngrams(part)
    size = sum(grams_part.values())
    if not part.strip() or size == 0:
        return 0.0
    return sum((grams_part & ngrams(whole)).values()) / size
