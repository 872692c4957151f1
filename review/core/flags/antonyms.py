"""`antonym`: the English says the opposite word of what the Spanish says (aumento -> "decrease").

Apertium's literal rendering of the Spanish stands in for what the Spanish says: a pair of
rules/antonyms.toml, read by opposites.py (increase/decrease, first/last, before/after, win/lose...) where the
English has one word and not the other while Apertium's rendering has the other and not the one is
flagged when the two words sit at about the same relative place of their sentences (within 0.2). A
pair whose negation counts differ is left alone, and so is an English word right after a negator or
"less", or one whose opposite Apertium renders after a negator or "little": a negated antonym is a
paraphrase ("no es fácil" = "difficult", "less expensive" = "cheaper", "poco probable" = "unlikely"), and so is a
form in a phrase of rules: en_not_a_side ("12 years left" = remaining), nor Apertium's "at the beginning (end) of" a
time where the English says early or late (rules: literal_time_phrases; "in the early 2000s").
Major: the lexicon is small and literal, but a word turned into its opposite reverses the claim (DEMETR's antonym
perturbation is critical).
MQM category: accuracy (mistranslation).
"""
from __future__ import annotations

import re

from review.core.flags import Detector, FieldContext, register
from review.core.flags.common import fold
from review.core.flags.opposites import opposite_entries, rule_of
from review.core.flags.polarity import english_negations, spanish_negations
from review.core.flags.rulebook import active
from review.core.model import Flag, Severity

WORD = re.compile(r"[a-z]+")
NEGATING = frozenset({"not", "no", "never", "less", "t", "hardly", "nor"})  # "t": the end of n't
TIME_WORDS = frozenset({"early", "late", "earlier", "later"})  # how English dates a principios, a finales de
PLACE_TOLERANCE = 0.2  # largest difference of relative position (0-1) between the English word and Apertium's


@register
class Antonym(Detector):
    """An English word whose antonym is what Apertium's literal rendering of the Spanish says."""

    code = "antonym"
    category = "accuracy"
    severity = Severity.MAJOR
    version = 7  # 2: lexicon revised (win/defeat dropped; many/few, prohibit added); 3: complicated = difficult;
    # 4: an opposite Apertium renders negated ("little likely") is a paraphrase; 5: "12 years left" is no opposite
    # of arriving (rules: en_not_a_side); 6: nor is "16-year-old" of young; 7: nor, in Apertium's rendering, the
    # beginning or the end of a time the English dates with early or late (a principios de los 2000 = in the early
    # 2000s)

    def detect(self, context: FieldContext) -> list[Flag]:
        flags = []
        for pair in context.sentence_pairs():
            english = list(WORD.finditer(fold(pair.target)))
            english_words = [match.group() for match in english]
            literal = WORD.findall(fold(pair.pseudo))
            candidates = opposite_entries(set(english_words), set(literal))
            if not candidates or len(spanish_negations(pair.source)) != len(english_negations(pair.target)):
                continue
            not_a_side = {match.end() for match in _phrases("en_not_a_side").finditer(fold(pair.target))}
            literal_ends = [match.end() for match in WORD.finditer(fold(pair.pseudo))]
            dated = not TIME_WORDS.isdisjoint(english_words)  # in the early 2000s: a principios de, not its opposite
            timed = _phrases("literal_time_phrases").finditer(fold(pair.pseudo)) if dated else ()
            literal_not_a_side = {match.end() for match in timed}
            for said, meant in sorted(candidates, key=lambda entry: (min(entry[0]), min(entry[1]))):  # stable order
                place = next((i for i, word in enumerate(literal)
                              if word in meant and literal_ends[i] not in literal_not_a_side), None)
                if place is None:
                    continue  # only in a phrase where it is no side (a principios de = at the beginning of = early)
                if place and literal[place - 1] in NEGATING | {"little"}:
                    continue  # negated in the Spanish too: "poco probable" (little likely) = "unlikely"
                for index, match in enumerate(english):
                    if match.group() in said and not (index and english_words[index - 1] in NEGATING) \
                            and match.end() not in not_a_side \
                            and abs(index / len(english) - place / len(literal)) <= PLACE_TOLERANCE:
                        flags.append(self.flag(
                            context, pair.source_span(), pair.target_span(match.start(), match.end()),
                            f'The English says "{pair.target[match.start():match.end()]}" where the Spanish says '
                            f'"{literal[place]}" (as Apertium renders it): the opposite', rule=rule_of((said, meant))))
                        break
        return flags


def _phrases(slot: str) -> re.Pattern[str]:
    """A patterns slot of rules/antonyms.toml as one pattern: phrases whose word that ends the match is no side of its
    pair (en_not_a_side in the English, literal_time_phrases in Apertium's rendering)."""
    return active().compiled(f"antonyms.{slot}", lambda book: re.compile(
        rf"\b(?:{book.alternation('antonyms', slot)})\b"))
