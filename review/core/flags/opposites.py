"""The English antonym lexicon (lexicon/antonyms.toml) as word forms: which words are opposites.

Shared by the `antonym` detector (an English word whose opposite is Apertium's literal word) and by
`negation_flip` (a negated Spanish word rendered as its opposite, "no es fácil" = "hard", is no flip).
"""
from __future__ import annotations

import re
from functools import cache

from review.core.flags.common import lexicon

SHORT_VOWEL_END = re.compile(r"(?:^|[^aeiou])[aeiou][^aeiouwxy]$")
Entry = tuple[frozenset[str], frozenset[str]]  # (the forms of one side, the forms of its opposite)


def inflections(spec: str) -> frozenset[str]:
    """The forms of every word listed in a lexicon entry ("rise|rose|risen"), with regular -s, -ed, -ing, -er, -est."""
    forms: set[str] = set()
    for word in spec.split("|"):
        stem = word[:-1] if word.endswith("e") else word
        forms |= {word, f"{word}s", f"{word}es", f"{stem}ed", f"{stem}ing", f"{stem}er", f"{stem}est"}
        if SHORT_VOWEL_END.search(word):  # begin -> beginning, big -> bigger
            forms |= {f"{word}{word[-1]}{ending}" for ending in ("ed", "ing", "er", "est")}
        if word.endswith("y"):
            forms |= {f"{word[:-1]}ies", f"{word[:-1]}ied", f"{word[:-1]}ier", f"{word[:-1]}iest"}
    return frozenset(forms)


@cache
def antonym_pairs() -> dict[str, tuple[Entry, ...]]:
    """Each word form -> the lexicon pairs (its side's forms, the other side's forms) it belongs to."""
    pairs = [(inflections(a), inflections(b)) for a, b in lexicon("antonyms")["pairs"]]
    by_form: dict[str, list[Entry]] = {}
    for said, meant in pairs + [(b, a) for a, b in pairs]:
        for form in said:
            by_form.setdefault(form, []).append((said, meant))
    return {form: tuple(found) for form, found in by_form.items()}


def opposite_entries(english: set[str], literal: set[str]) -> set[Entry]:
    """Lexicon pairs where the English has one side's word, the literal rendering the other's, and neither has both."""
    by_form = antonym_pairs()
    return {entry for word in english for entry in by_form.get(word, ())
            if not entry[0] & literal and entry[1] & literal and not entry[1] & english}
