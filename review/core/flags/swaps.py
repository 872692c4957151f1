"""`mistranslation`: one content word rendered as another of its kind (verano -> "winter", gato -> "dog").

Coverage (coverage.py) leaves such a pair with one Spanish word without a counterpart and one English word without a
source, and adequacy's thresholds rightly let one word pass. Here the two are compared: in a pair with at most
MAX_MISSING Spanish and MAX_ADDED English content words uncovered (other than names and numbers, which entities.py
and numbers.py judge), a missing Spanish word and an added English word at about the same relative place (within
PLACE_TOLERANCE) are a swap when one of the Spanish word's dictionary candidates and the English word are

- two words of one closed set naming no concept in common (rules/swaps.toml: seasons, times of day, compass points,
  sides, colours, kin, a few occupations); closed sets are also read off the tokens (closed_swaps), multiword adverbs
  too (por la mañana = in the morning), which coverage does not weigh;
- two demonyms of places neither of which contains the other, nor share a part of the world smaller than a continent
  (WordNet: an adjective's pertainym to a named place, part holonyms: French/Italian, not English/British);
- co-hyponyms in WordNet, nouns only: the first senses of both, in one of the lexicographer files of concrete kinds
  (COHYPONYM_FILES: animals, plants, food, body parts, substances, natural phenomena; not people: job titles are
  rendered loosely, fiscal especial = special counsel), share a hypernym at most MAX_STEPS steps above each and at
  least MIN_DEPTH steps below the root, one more for each step past the first (arm, leg: limb; apple, orange: edible
  fruit; cat, dog: carnivore), neither being a kind of the other, and the English word no nearer that hypernym than
  the Spanish word's candidate (hormigas = "bugs": a translator's broader word).

Never a swap, but in a closed set (whose concepts say what renders what): an English word that is one of the
candidates' WordNet synonyms (first senses), a hypernym or hyponym of one (a translator generalises: kril -> fish), or
one of the English words the Spanish wordnet gives the Spanish word (verde: blue, as risqué). Nor a word within a
fixed phrase of rules/swaps.toml (es_fixed: números rojos), nor two words rules/antonyms.toml pairs (north, south: the
antonym detector's). Major: the English states something else; MQM accuracy
(mistranslation).
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from review.core.flags import Detector, FieldContext, SentencePair, register
from review.core.flags.adequacy import pair_coverages
from review.core.flags.common import fold
from review.core.flags.coverage import Coverage, Word
from review.core.flags.opposites import antonym_pairs
from review.core.flags.rulebook import RuleBook, active
from review.core.flags.senses import news_senses
from review.core.flags.spanish_wordnet import english_words
from review.core.flags.wordnet import (
    ancestors, base_forms, broader, depth, hypernyms, lexicographer_file, places_of, senses, synonyms,
    wholes, words_of)
from review.core.model import Flag, Severity
from review.core.text.bilingual import token_key

MAX_MISSING, MAX_ADDED = 2, 3
PLACE_TOLERANCE = 0.5  # Spanish adjectives and de-phrases follow their noun: joyas de oro = gold jewellery
MIN_DEPTH = 5  # a shared direct hypernym at least this deep (limb: 7, cattle: 16; entity is 0)
MAX_STEPS = 2  # a shared hypernym at most this many steps above either word, one level deeper for each step past the
# first (apple and orange: edible fruit, 1 and 2 steps up, depth 6; cat and dog: carnivore, 2 and 2, depth 11)
COHYPONYM_FILES = frozenset({5, 8, 13, 19, 20, 27})  # noun.animal, body, food, phenomenon, plant, substance
BROAD_PLACES = frozenset({"continent", "hemisphere", "ocean", "region", "peninsula", "land", "geographical area",
                          "sea"})  # wholes too large to make two demonyms one (Spanish, Portuguese: Iberia)


def closed_sets() -> dict[str, tuple[tuple[str, frozenset[str]], ...]]:
    """English word -> (set name, the concepts it names, as indices) for every word of rules/swaps.toml."""
    return active().compiled("swaps.sets", _compile_sets)


def _compile_sets(book: RuleBook) -> dict[str, tuple[tuple[str, frozenset[str]], ...]]:
    found: dict[str, dict[str, set[str]]] = {}
    for name, concepts in book.table("swaps", "sets").items():
        for index, concept in enumerate(concepts):
            for word in concept.split("|"):
                found.setdefault(word, {}).setdefault(name, set()).add(f"{name}:{index}")
    return {word: tuple((name, frozenset(ids)) for name, ids in sets.items()) for word, sets in found.items()}


def _fixed() -> re.Pattern[str]:
    """Spanish phrases within which a set word is not judged (rules/swaps.toml: es_fixed)."""
    return active().compiled("swaps.es_fixed", lambda book: re.compile(
        rf"\b(?:{book.words_alternation('swaps', 'es_fixed')})\b"))


def _closed(candidate: str, english: str) -> str | None:
    """The set both words are in, naming no concept in common, or none."""
    table = closed_sets()
    theirs = dict(table.get(english, ()))
    for name, ids in table.get(candidate, ()):
        if name in theirs and not ids & theirs[name]:
            return name
    return None


def _broad(offset: int) -> bool:
    return any(word in BROAD_PLACES for up in hypernyms(offset, "n") for word in words_of(up, "n"))


def _demonyms(candidate: str, english: str) -> bool:
    """True if both are demonyms (WordNet adjectives pertaining to places) of places apart: neither inside the
    other, nor both inside one that is not continent-sized (English, British: the British Isles)."""
    mine, theirs = places_of(candidate), places_of(english)
    if not mine or not theirs or mine & theirs:
        return False
    for place in mine:
        for other in theirs:
            around, around_other = wholes(place), wholes(other)
            if place in around_other or other in around:
                return False
            if any(not _broad(shared) for shared in around & around_other):
                return False
    return True


def _cohyponyms(candidate: str, english: str) -> str | None:
    """The hypernym the first noun senses of both share (see the module's doc), or none."""
    mine, theirs = senses(candidate, "n")[:1], senses(english, "n")[:1]
    if not mine or not theirs or mine == theirs:
        return None
    first, second = mine[0], theirs[0]
    if lexicographer_file(first, "n") not in COHYPONYM_FILES or lexicographer_file(second, "n") not in COHYPONYM_FILES:
        return None
    up_first, up_second = ancestors(first, "n", 6), ancestors(second, "n", 6)
    if first in up_second or second in up_first:  # one is a kind of the other
        return None
    for shared in sorted(up_first.keys() & up_second.keys(), key=lambda up: max(up_first[up], up_second[up])):
        steps = max(up_first[shared], up_second[shared])
        if up_second[shared] < up_first[shared]:  # the English word is the broader kind (hormigas = "bugs")
            return None
        if steps <= MAX_STEPS and depth(shared, "n") >= MIN_DEPTH + steps - 1:
            return words_of(shared, "n")[0]
    return None


def relation(candidate: str, english: str, pos: str) -> str | None:
    """How an English word stands to a Spanish word's dictionary candidate when it is another of its kind, or none:
    "closed set <name>", "demonym" or "co-hyponym (<hypernym>)"."""
    if candidate == english:
        return None
    if (name := _closed(candidate, english)) is not None:
        return f"closed set {name}"
    if pos == "a" and _demonyms(candidate, english):
        return "demonym"
    if pos == "n" and (shared := _cohyponyms(candidate, english)) is not None:
        return f"co-hyponym ({shared})"
    return None


def _rendering(candidates: tuple[str, ...], english: str, pos: str, spanish: str) -> bool:
    """True if the English word may render the Spanish word after all: a synonym, hypernym or hyponym of a candidate,
    or a word the Spanish wordnet gives the Spanish word."""
    if english in english_words(spanish, pos):
        return True
    return any(english in synonyms(c, pos) or english in broader(c, pos) or c in broader(english, pos)
               for c in candidates)


def judge(candidates: tuple[str, ...], spanish: str, pos: str, forms: tuple[str, ...]) -> tuple[str, str] | None:
    """(candidate, relation) if an English word (its `forms`) is another word of the kind of a Spanish word (its
    folded lemma, WordNet part of speech and dictionary candidates), or none."""
    hit = next(((c, r) for c in candidates for form in forms if (r := relation(c, form, pos)) is not None), None)
    if hit and not hit[1].startswith("closed set") and any(
            _rendering(candidates, form, pos, spanish) for form in forms):
        return None  # a closed set's concepts say what renders what (verde = blue only as risqué)
    return hit


def _opposites(candidate: str, english: str) -> bool:
    """True if rules/antonyms.toml pairs the two (north, south): the antonym detector reports them."""
    return any(english in other for _, other in antonym_pairs().get(candidate, ()))


def _forms(word: Word, pos: str) -> tuple[str, ...]:
    """The English word's lemma and the base forms its surface may have in the Spanish word's part of speech (the
    tagger's part of speech may differ: "laugh" tagged a noun where "cry" is a verb)."""
    surface = fold(word.surface)
    return tuple(dict.fromkeys((word.lemma, surface, *base_forms(surface, pos))))


def swaps(pair: SentencePair, found: Coverage, bilingual: Mapping[str, tuple[str, ...]]
          ) -> list[tuple[Word, Word, str, str]]:
    """The (Spanish word, English word, candidate, relation) swaps of one pair."""
    missing = [w for w in found.missing if w.kind == "word"]
    added = [w for w in found.added if w.kind == "word" and w.pos != "v"]  # not "had left" for razón (right)
    if not missing or not added or len(missing) > MAX_MISSING or len(added) > MAX_ADDED:
        return []
    fixed = [(m.start(), m.end()) for m in _fixed().finditer(fold(pair.source))]
    result = []
    for spanish in missing:
        if any(start <= spanish.start < end for start, end in fixed):
            continue
        options = (*bilingual.get(spanish.key, ()), *news_senses().get(spanish.lemma, ()))
        candidates = tuple(fold(c) for c in options if c)
        if not candidates or not spanish.pos:
            continue
        for english in added:
            if abs(spanish.start / len(pair.source) - english.start / len(pair.target)) > PLACE_TOLERANCE:
                continue
            if "-" in (pair.target[english.start - 1:english.start], pair.target[english.end:english.end + 1],
                       *english.surface):
                continue  # part of a compound: 16-year-old, German-Chinese relations (relaciones chino-alemanas)
            hit = judge(candidates, spanish.lemma, spanish.pos, _forms(english, spanish.pos))
            if hit is None or _opposites(hit[0], fold(english.surface)):
                continue
            result.append((spanish, english, *hit))
            break
    return result


def _set_concepts(words: set[str]) -> dict[str, set[str]]:
    """Set name -> the concepts of rules/swaps.toml the words name."""
    table = closed_sets()
    found: dict[str, set[str]] = {}
    for word in words:
        for name, ids in table.get(word, ()):
            found.setdefault(name, set()).update(ids)
    return found


def _words(text: str) -> set[str]:
    """A token's or candidate's folded form and, for a multiword, its words (por la mañana: in the morning)."""
    folded = fold(text)
    return {folded, *folded.split()}


def closed_swaps(pair: SentencePair, found: Coverage, bilingual: Mapping[str, tuple[str, ...]]
                 ) -> list[tuple[tuple[int, int], tuple[int, int], str, str, str]]:
    """Closed-set swaps read off the tokens, multiword adverbs too (por la mañana = in the morning, hacia el sur =
    southward, which coverage does not weigh): a Spanish token whose candidates name concepts of a set none of which
    the English names, nor renders it otherwise (a content word coverage finds a counterpart for; a candidate in the
    English), and an English noun, adjective or adverb of the same set, at about the same place, naming none of the
    concepts any Spanish token's candidates name, nor sourced otherwise (an English content word coverage finds a
    source for). As (Spanish span, English span, Spanish surface, English surface, set name)."""
    missing = {w.start for w in found.missing}
    added = {w.start for w in found.added}
    english_forms = {form for t in pair.target_tokens for form in (*_words(t.surface), *_words(t.lemma))}
    spanish = []
    for token in pair.source_tokens:
        if token.pos in ("np", "") or token.pos == "num":
            continue
        candidates = (*bilingual.get(token_key(token), ()),  # and the senses of each word: por la tarde = tonight
                      *(sense for part in fold(token.lemma).split() for sense in news_senses().get(part, ())))
        concepts = _set_concepts({w for c in candidates for w in _words(c)})
        if concepts:
            spanish.append((token, candidates, concepts))
    if not spanish:
        return []
    english = []
    for token in pair.target_tokens:
        if token.pos not in ("n", "adj", "adv"):  # not "left" as a verb, nor a name (North Korea)
            continue
        concepts = _set_concepts(_words(token.surface) | _words(token.lemma))
        if concepts:
            english.append((token, concepts))
    said: dict[str, set[str]] = {}
    for _, concepts in english:
        for name, ids in concepts.items():
            said.setdefault(name, set()).update(ids)
    meant: dict[str, set[str]] = {}
    for _, _, concepts in spanish:
        for name, ids in concepts.items():
            meant.setdefault(name, set()).update(ids)
    fixed = [(m.start(), m.end()) for m in _fixed().finditer(fold(pair.source))]
    result = []
    for token, candidates, concepts in spanish:
        if any(start <= token.start < end for start, end in fixed):
            continue  # números rojos: no colour
        content = token.pos in ("n", "adj", "vblex")
        if (content and token.start not in missing) or any(fold(c) in english_forms for c in candidates):
            continue  # rendered: coverage found a counterpart, or a candidate is in the English
        for name, ids in concepts.items():
            if ids & said.get(name, set()):
                continue
            for other, theirs in english:
                if not theirs.get(name) or theirs[name] & meant[name]:
                    continue
                if other.pos in ("n", "adj") and other.start not in added:
                    continue  # sourced by another Spanish word
                if abs(token.start / len(pair.source) - other.start / len(pair.target)) > PLACE_TOLERANCE:
                    continue
                if any(_opposites(fold(c), fold(other.surface)) for c in candidates):
                    continue
                result.append(((token.start, token.end), (other.start, other.end), token.surface, other.surface,
                               name))
    return result


@register
class Mistranslation(Detector):
    """One content word rendered as another of its kind."""

    code = "mistranslation"
    category = "accuracy"
    severity = Severity.MAJOR

    def detect(self, context: FieldContext) -> list[Flag]:
        flags = []
        for pair, found, _ in pair_coverages(context)[0]:  # one flag a pair: the first swap found
            if by_coverage := swaps(pair, found, context.bilingual):
                spanish, english, candidate, how = by_coverage[0]
                flags.append(self.flag(
                    context, pair.source_span(spanish.start, spanish.end), pair.target_span(english.start, english.end),
                    f'The English says "{english.surface}" where the Spanish says "{spanish.surface}" '
                    f'("{candidate}"): another word of its kind ({how})'))
            elif by_tokens := closed_swaps(pair, found, context.bilingual):
                source, target, said, meant, name = by_tokens[0]
                flags.append(self.flag(
                    context, pair.source_span(*source), pair.target_span(*target),
                    f'The English says "{meant}" where the Spanish says "{said}": another word of its kind '
                    f'(closed set {name})'))
        return flags
