"""The English antonym pairs (rules/antonyms.toml) as word forms: which words are opposites.

Shared by the `antonym` detector (an English word whose opposite is Apertium's literal word) and by
`negation_flip` (a negated Spanish word rendered as its opposite, "no es fácil" = "hard", is no flip).
"""
from __future__ import annotations

import re

from review.core.flags.rulebook import RuleBook, active

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


def antonym_pairs() -> dict[str, tuple[Entry, ...]]:
    """Each word form -> the pairs (its side's forms, the other side's forms) it belongs to."""
    return active().compiled("antonyms.pairs", _by_form)


def rule_of(entry: Entry) -> str:
    """The id of the rule that lists the pair."""
    return active().compiled("antonyms.rules", _rules).get(entry, "antonyms.pairs")


def _by_form(book: RuleBook) -> dict[str, tuple[Entry, ...]]:
    pairs = [(inflections(a), inflections(b)) for _, a, b in book.pairs("antonyms", "pairs")]
    by_form: dict[str, list[Entry]] = {}
    for said, meant in pairs + [(b, a) for a, b in pairs]:
        for form in said:
            by_form.setdefault(form, []).append((said, meant))
    return {form: tuple(found) for form, found in by_form.items()}


def _rules(book: RuleBook) -> dict[Entry, str]:
    rules: dict[Entry, str] = {}
    for rule, a, b in book.pairs("antonyms", "pairs"):
        said, meant = inflections(a), inflections(b)
        rules.setdefault((said, meant), rule)
        rules.setdefault((meant, said), rule)
    return rules


def opposite_entries(english: set[str], literal: set[str]) -> set[Entry]:
    """Pairs where the English has one side's word, the literal rendering the other's, and neither has both."""
    by_form = antonym_pairs()
    return {entry for word in english for entry in by_form.get(word, ())
            if not entry[0] & literal and entry[1] & literal and not entry[1] & english}
