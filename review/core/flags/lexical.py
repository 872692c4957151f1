"""Lexical negation and antonymy: negation carried by a word's prefix or by an antonym, read from a lexicon.

Apertium's bilingual dictionary (FieldContext.bilingual) gives each Spanish word its English candidates
and WordNet (wordnet.py) the English antonyms and synonyms, so that no list of idioms is needed:
- a Spanish negative prefix (des-, in-, im-, dis-) rendered as an English negator before the base's
  rendering: "descontento" = "not happy" (contento = happy), "innegable" = "can't be denied";
- a Spanish "sin" or "no" before a word rendered by that word's English antonym: "sin litoral" =
  "landlocked" (WordNet: landlocked is the antonym of coastal; litoral = seaboard, a kind of coast);
negation_flip counts both as negations carried by words. The prefixes and the Spanish negators are
rules/lexical.toml. Flagging an English word whose WordNet antonym is a dictionary candidate of a Spanish
word (a swap) was measured and left out: on NTREX-128 dev it raised 9 false alarms (take/give, win/lose
in free renderings) for one more DEMETR antonym caught.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace

from review.core.flags import SentencePair
from review.core.flags.common import fold
from review.core.flags.coverage import related
from review.core.flags.wordnet import APERTIUM_POS, antonyms, broader, synonyms
from review.core.flags.rulebook import active
from review.core.text.bilingual import token_key
from review.core.text.morphology import Token

Bilingual = Mapping[str, tuple[str, ...]]
EN_NEGATOR = re.compile(r"\b(?:not|never|no|without|cannot)\b|n't\b")
FAMILY = "lexical"
BASE_LETTERS = 4  # letters a base needs after a negative prefix
REACH = 3  # words after a negator that it negates
ANTONYM_POS = frozenset({"adj", "vblex", "n", "adv"})


@dataclass(frozen=True)
class Vocabulary:
    """rules/lexical.toml compiled."""

    prefixes: tuple[str, ...]
    negators: frozenset[str]


def vocabulary() -> Vocabulary:
    """The active rule book's lexical family, compiled once per book."""
    return active().compiled(FAMILY, lambda book: Vocabulary(book.words(FAMILY, "es_negative_prefixes"),
                                                             frozenset(book.words(FAMILY, "es_negators"))))


def negative_bases(token: Token) -> list[Token]:
    """The token's lemma without a Spanish negative prefix (rules/lexical.toml: descontento -> contento), as the same
    part of speech and, for a noun or an adjective, as the other (the tagger reads "estaba descontento" as a noun);
    empty without a prefix."""
    lemma = fold(token.lemma)
    prefix = next((p for p in vocabulary().prefixes
                   if lemma.startswith(p) and len(lemma) - len(p) >= BASE_LETTERS), None)
    if prefix is None or token.pos not in ("adj", "n", "vblex", "adv"):
        return []
    base = replace(token, lemma=token.lemma[len(prefix):])
    other = {"n": "adj", "adj": "n"}.get(token.pos)
    return [base] + ([replace(base, tags=(other, *token.tags[1:]))] if other else [])


def looked_up(tokens: Iterable[Token]) -> Iterator[Token]:
    """The tokens to ask the bilingual dictionary about: every token, and the negative bases of those with a prefix
    (so that one lookup per batch holds them)."""
    for token in tokens:
        yield token
        yield from negative_bases(token)


def _meanings(candidates: tuple[str, ...], pos: str) -> set[str]:
    """The candidates and their WordNet synonyms."""
    found = set(candidates)
    for candidate in candidates:
        found |= synonyms(candidate, pos) if pos else set()
    return found


def _matches(meanings: set[str], word: str) -> bool:
    return word in meanings or any(related(word, meaning) for meaning in meanings)


def _negated_english(pair: SentencePair) -> list[str]:
    """Lemmas of the English words within REACH words after a negator."""
    tokens = [t for t in pair.target_tokens if t.surface.strip()]
    found = []
    for index, token in enumerate(tokens):
        surface = fold(token.surface)
        if EN_NEGATOR.fullmatch(surface) or surface.endswith("n't"):  # can't, didn't: one token
            found += [fold(t.lemma) for t in tokens[index + 1:index + 1 + REACH]]
    return found


def carried_in_spanish(pair: SentencePair, bilingual: Bilingual) -> int:
    """Spanish words whose negative prefix the English renders as a negator before the base: descontento = not
    happy. Each such word makes up one English negator."""
    if not bilingual:
        return 0
    negated = _negated_english(pair)
    count = 0
    for token in pair.source_tokens:
        bases = negative_bases(token)
        candidates = tuple(c for base in bases for c in bilingual.get(token_key(base), ()))
        if not candidates:
            continue
        meanings = set().union(*(_meanings(bilingual.get(token_key(base), ()), APERTIUM_POS.get(base.pos, ""))
                                 for base in bases))
        if any(_matches(meanings, word) for word in negated):
            count += 1
    return count


def carried_in_english(pair: SentencePair, bilingual: Bilingual) -> int:
    """Spanish "sin"/"no" + word rendered by the word's English antonym (sin litoral = landlocked): each makes up one
    Spanish negator."""
    if not bilingual:
        return 0
    opposites = set().union(*(_opposites(t) for t in pair.target_tokens), set())
    count = 0
    for negated in _negated_spanish(pair.source_tokens):
        pos = APERTIUM_POS.get(negated.pos, "")
        candidates = bilingual.get(token_key(negated), ())
        meanings = _meanings(candidates, pos) | {w for c in candidates for w in (broader(c, pos) if pos else ())}
        if any(_matches(meanings, opposite) for opposite in opposites):
            count += 1
    return count


def _opposites(token: Token) -> frozenset[str]:
    """WordNet's antonyms of an English token: of its part of speech, or of any for a word the analyser does not
    know (Landlocked)."""
    lemma = fold(token.lemma)
    if token.unknown and token.surface.isalpha():
        return frozenset().union(*(antonyms(lemma, pos) for pos in ("a", "n", "v")))
    return antonyms(lemma, APERTIUM_POS[token.pos]) if token.pos in ANTONYM_POS else frozenset()


def _negated_spanish(tokens: tuple[Token, ...]) -> Iterator[Token]:
    """The content words within REACH words after "sin" or "no"."""
    for index, token in enumerate(tokens):
        if fold(token.surface) in vocabulary().negators:
            yield from (t for t in tokens[index + 1:index + 1 + REACH] if t.pos in ANTONYM_POS)
