"""`antonym`: the English says the opposite word of what the Spanish says (aumento -> "decrease").

Apertium's literal rendering of the Spanish stands in for what the Spanish says: a pair of the
lexicon lexicon/antonyms.toml (increase/decrease, first/last, before/after, win/lose...) where the
English has one word and not the other while Apertium's rendering has the other and not the one is
flagged when the two words sit at about the same relative place of their sentences (within 0.2). A
pair whose negation counts differ is left alone, and so is an English word right after a negator or
"less": a negated antonym is a paraphrase ("no es fácil" = "difficult", "less expensive" = "cheaper"). Major: the lexicon is small and literal, but a word
turned into its opposite reverses the claim (DEMETR's antonym perturbation is critical).
MQM category: accuracy (mistranslation).
"""
from __future__ import annotations

import re
from functools import cache

from review.core.flags import Detector, FieldContext, register
from review.core.flags.common import fold, lexicon
from review.core.flags.polarity import english_negations, spanish_negations
from review.core.model import Flag, Severity

WORD = re.compile(r"[a-z]+")
SHORT_VOWEL_END = re.compile(r"(?:^|[^aeiou])[aeiou][^aeiouwxy]$")
NEGATING = frozenset({"not", "no", "never", "less", "t", "hardly", "nor"})  # "t": the end of n't
PLACE_TOLERANCE = 0.2  # largest difference of relative position (0-1) between the English word and Apertium's


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
def antonym_pairs() -> dict[str, tuple[tuple[frozenset[str], frozenset[str]], ...]]:
    """Each word form -> the lexicon pairs (its side's forms, the other side's forms) it belongs to."""
    pairs = [(inflections(a), inflections(b)) for a, b in lexicon("antonyms")["pairs"]]
    by_form: dict[str, list[tuple[frozenset[str], frozenset[str]]]] = {}
    for said, meant in pairs + [(b, a) for a, b in pairs]:
        for form in said:
            by_form.setdefault(form, []).append((said, meant))
    return {form: tuple(found) for form, found in by_form.items()}


@register
class Antonym(Detector):
    """An English word whose antonym is what Apertium's literal rendering of the Spanish says."""

    code = "antonym"
    category = "accuracy"
    severity = Severity.MAJOR
    version = 1

    def detect(self, context: FieldContext) -> list[Flag]:
        flags = []
        by_form = antonym_pairs()
        for pair in context.sentence_pairs():
            english = list(WORD.finditer(fold(pair.target)))
            english_words = [match.group() for match in english]
            literal = WORD.findall(fold(pair.pseudo))
            english_set, literal_set = set(english_words), set(literal)
            candidates = {entry for word in english_set for entry in by_form.get(word, ())
                          if not entry[0] & literal_set and entry[1] & literal_set and not entry[1] & english_set}
            if not candidates or len(spanish_negations(pair.source)) != len(english_negations(pair.target)):
                continue
            for said, meant in sorted(candidates, key=lambda entry: (min(entry[0]), min(entry[1]))):  # stable order
                place = next(i for i, word in enumerate(literal) if word in meant)
                for index, match in enumerate(english):
                    if match.group() in said and not (index and english_words[index - 1] in NEGATING) \
                            and abs(index / len(english) - place / len(literal)) <= PLACE_TOLERANCE:
                        flags.append(self.flag(
                            context, pair.source_span(), pair.target_span(match.start(), match.end()),
                            f'The English says "{pair.target[match.start():match.end()]}" where the Spanish says '
                            f'"{literal[place]}" (as Apertium renders it): the opposite'))
                        break
        return flags
