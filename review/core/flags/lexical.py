"""Lexical negation and antonymy: negation carried by a word's prefix or by an antonym, read from a lexicon.

Apertium's bilingual dictionary (FieldContext.bilingual) gives each Spanish word its English candidates
and WordNet (wordnet.py) the English antonyms and synonyms, so that no list of idioms is needed:
- a Spanish negative prefix (des-, in-, im-, dis-) rendered as an English negator before the base's
  rendering: "descontento" = "not happy" (contento = happy), "innegable" = "can't be denied" (an adjective
  in -able/-ible is read as its verb too, known to the tagger or not: negable -> negar = deny);
- an English negator before the word whose WordNet antonym renders a Spanish word: "inocente" = "not guilty",
  "prohibido" = "not permitted" (an inflected word the analyser does not know is read by WordNet's rules);
- a Spanish "sin" or "no" before a word rendered by that word's English antonym: "sin litoral" =
  "landlocked" (WordNet: landlocked is the antonym of coastal; litoral = seaboard, a kind of coast), or by a
  word derived from it ("sin mar" = "landlocked": coastal is derived from seacoast);
- a Spanish "sin" or "no" before an adjective rendered by an English adjective that is the negative-prefixed
  form of its own WordNet antonym: "no es apto" = "unfit" (unfit = un- + fit, its antonym);
negation_flip counts each as a negation carried by words. The prefixes and the negators of both languages
are rules/lexical.toml. Flagging an English word whose WordNet antonym is a dictionary candidate of a Spanish
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
from review.core.flags.wordnet import APERTIUM_POS, antonyms, base_forms, broader, derived, synonyms
from review.core.flags.rulebook import active
from review.core.text.bilingual import common_reading, token_key
from review.core.text.morphology import Token

Bilingual = Mapping[str, tuple[str, ...]]
FAMILY = "lexical"
BASE_LETTERS = 4  # letters a base needs after a negative prefix
REACH = 3  # words after a negator that it negates
ANTONYM_POS = frozenset({"adj", "vblex", "n", "adv"})
VERB_ENDINGS = {"able": ("ar",), "ible": ("ir", "er")}  # negable -> negar, increíble -> creer


@dataclass(frozen=True)
class Vocabulary:
    """rules/lexical.toml compiled."""

    prefixes: tuple[str, ...]
    negators: frozenset[str]
    en_negators: frozenset[str]
    en_prefixes: tuple[str, ...]


def vocabulary() -> Vocabulary:
    """The active rule book's lexical family, compiled once per book."""
    return active().compiled(FAMILY, lambda book: Vocabulary(
        book.words(FAMILY, "es_negative_prefixes"), frozenset(book.words(FAMILY, "es_negators")),
        frozenset(book.words(FAMILY, "en_negators")), book.words(FAMILY, "en_negative_prefixes")))


def negative_bases(token: Token) -> list[Token]:
    """The token's lemma without a Spanish negative prefix (rules/lexical.toml: descontento -> contento), as the same
    part of speech and, for a noun or an adjective, as the other (the tagger reads "estaba descontento" as a noun);
    for an adjective in -able/-ible, known or not (innegable), also its verb (negar); empty without a prefix."""
    lemma = fold(token.lemma)
    prefix = next((p for p in vocabulary().prefixes
                   if lemma.startswith(p) and len(lemma) - len(p) >= BASE_LETTERS), None)
    if prefix is None or token.pos not in ("adj", "n", "vblex", "adv", ""):
        return []
    verbs = [replace(token, lemma=lemma[len(prefix):-len(ending)] + infinitive, tags=("vblex", "inf"))
             for ending, infinitives in VERB_ENDINGS.items() if lemma.endswith(ending) and token.pos in ("adj", "")
             for infinitive in infinitives]
    if token.unknown:
        return verbs
    base = replace(token, lemma=token.lemma[len(prefix):])
    other = {"n": "adj", "adj": "n"}.get(token.pos)
    return [base] + ([replace(base, tags=(other, *token.tags[1:]))] if other else []) + verbs


def looked_up(tokens: Iterable[Token]) -> Iterator[Token]:
    """The tokens to ask the bilingual dictionary about: every token, the negative bases of those with a prefix and
    the common-noun reading of a capitalised name (bilingual.common_reading), so that one lookup per batch holds
    them."""
    for token in tokens:
        yield token
        yield from negative_bases(token)
        if (common := common_reading(token)) is not None:
            yield common


def _meanings(candidates: tuple[str, ...], pos: str) -> set[str]:
    """The candidates and their WordNet synonyms."""
    found = set(candidates)
    for candidate in candidates:
        found |= synonyms(candidate, pos) if pos else set()
    return found


def _matches(meanings: set[str], word: str) -> bool:
    return word in meanings or any(related(word, meaning) for meaning in meanings)


def _negated_english(pair: SentencePair) -> list[Token]:
    """The English tokens within REACH words after a negator."""
    tokens = [t for t in pair.target_tokens if t.surface.strip()]
    found = []
    for index, token in enumerate(tokens):
        surface = fold(token.surface)
        if surface in vocabulary().en_negators or surface.endswith("n't"):  # can't, didn't: one token
            found += tokens[index + 1:index + 1 + REACH]
    return found


def carried_in_spanish(pair: SentencePair, bilingual: Bilingual) -> int:
    """Spanish words whose negative prefix the English renders as a negator before the base (descontento = not
    happy), and English negated words whose antonym renders a Spanish word (inocente = not guilty). Each makes up
    one English negator."""
    if not bilingual:
        return 0
    negated_tokens = _negated_english(pair)
    negated = [fold(t.lemma) for t in negated_tokens]
    count = _antonyms_rendered(negated_tokens, pair.source_tokens, pair.target_tokens, bilingual)
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


def _antonyms_rendered(negated: list[Token], source_tokens: tuple[Token, ...], target_tokens: tuple[Token, ...],
                       bilingual: Bilingual) -> int:
    """English negated words whose WordNet antonym is a candidate of a Spanish word of the sentence that the English
    does not have as it stands (not guilty = inocente; not permitted = prohibido: prohibir = forbid). The candidates'
    synonyms were tried and left out: they hid injected negations (not stop: acelerar = speed up, go)."""
    spanish = {candidate for token in source_tokens if token.pos in ANTONYM_POS
               for candidate in bilingual.get(token_key(token), ())}
    spanish -= {word for token in target_tokens for word in (*fold(token.lemma).split(), *fold(token.surface).split())}
    # the antonym is there as it stands: "not beginning to see the end" (final = end) adds a negation
    return sum(1 for token in negated if _opposites(token) & spanish)


def carried_in_english(pair: SentencePair, bilingual: Bilingual) -> int:
    """Spanish "sin"/"no" + word rendered by the word's English antonym or a word derived from it (sin litoral =
    landlocked), or, for an adjective, by the negative-prefixed form of an adjective's own antonym (no apto =
    unfit): each makes up one Spanish negator."""
    if not bilingual:
        return 0
    opposites = set().union(*(_opposites(t, derivation=True) for t in pair.target_tokens), set())
    prefixed = sum(prefixed_antonym(fold(token.lemma)) for token in pair.target_tokens)
    count = 0
    for negated in _negated_spanish(pair.source_tokens):
        pos = APERTIUM_POS.get(negated.pos, "")
        candidates = bilingual.get(token_key(negated), ())
        meanings = _meanings(candidates, pos) | {w for c in candidates for w in (broader(c, pos) if pos else ())}
        if any(_matches(meanings, opposite) for opposite in opposites):
            count += 1
        elif negated.pos == "adj" and prefixed > 0:
            prefixed -= 1
            count += 1
    return count


def prefixed_antonym(lemma: str) -> bool:
    """An English lemma that WordNet has as an adjective made of a negative prefix and its own antonym (unfit,
    dishonest, illegal, ineffective), whatever the tagger read it as (it reads "unfit" as a verb)."""
    return lemma.isalpha() and any(lemma.startswith(prefix) and lemma[len(prefix):].lstrip("-") in antonyms(lemma, "a")
                                      for prefix in vocabulary().en_prefixes)


def _opposites(token: Token, derivation: bool = False) -> frozenset[str]:
    """WordNet's antonyms of an English token: of its part of speech, or of any for a word the analyser does not
    know (Landlocked); with `derivation`, also the words derived from them and their hyphenated parts (coastal ->
    sea-coast -> sea)."""
    lemma = fold(token.lemma)
    if token.unknown and token.surface.isalpha():
        found = [(word, pos) for pos in ("a", "n", "v")
                 for base in base_forms(lemma, pos) for word in antonyms(base, pos)]
    elif token.pos in ANTONYM_POS:
        found = [(word, APERTIUM_POS[token.pos]) for word in antonyms(lemma, APERTIUM_POS[token.pos])]
    else:
        return frozenset()
    words = {word for word, _ in found}
    if derivation:
        related_words = {word for opposite, pos in found for word in derived(opposite, pos)}
        words |= related_words | {part for word in related_words for part in word.split("-") if len(word) > len(part)}
    return frozenset(words)


def _negated_spanish(tokens: tuple[Token, ...]) -> Iterator[Token]:
    """The content words within REACH words after "sin" or "no"."""
    for index, token in enumerate(tokens):
        if fold(token.surface) in vocabulary().negators:
            yield from (t for t in tokens[index + 1:index + 1 + REACH] if t.pos in ANTONYM_POS)
