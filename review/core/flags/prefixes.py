"""A batch's bilingual entries, with those of Spanish words that join a prefix to a word the analyser knows.

Spanish writes ex-, vice-, sub-, anti- and narco- joined to the noun (exalcalde, viceministra, subjefe,
antidisturbios, narcotraficante; the 2010 orthography asks for exalcalde), and Apertium's analyser knows few such
words: it reads them as unknown, so coverage found no counterpart for "exalcalde" in "former mayor", nor for either
English word (on the dev documents, "former" was the English word most often left uncovered). Such a word, when
what follows the prefix is a noun or adjective the analyser knows (word_analyses: alcalde<n>, jefa = jefe<n>), gets
that base's English candidates and the prefix's (rules/senses.toml, slot joined_prefixes: ex = former, ex) under
its own key (bilingual.token_key of an unknown word: its lemma, no tags), which coverage, negation and the swap
check read as they read any word's.
"""
from __future__ import annotations

from collections.abc import Iterable

from review.core.flags.lexical import looked_up
from review.core.flags.senses import joined_prefixes
from review.core.text.bilingual import BilingualDictionary, token_key
from review.core.text.morphology import Token
from review.core.text.word_analyses import WordAnalyses

BASE_LETTERS = 4  # letters the base needs after the prefix
BASE_POS = frozenset({"n", "adj"})


def dictionary_entries(tokens: Iterable[Token], dictionary: BilingualDictionary, analyses: WordAnalyses
                       ) -> dict[str, tuple[str, ...]]:
    """Every token's key with its English candidates (lexical.looked_up's tokens, one dictionary lookup), and each
    unknown word that joins a prefix to a known noun or adjective with the prefix's words and the base's candidates."""
    tokens = list(tokens)
    prefixes = joined_prefixes()
    split: dict[str, tuple[str, str]] = {}  # an unknown word's key -> (prefix, base)
    for token in tokens:
        if token.unknown and token.surface.islower():
            word = token.surface
            prefix = next((p for p in prefixes if word.startswith(p) and len(word) - len(p) >= BASE_LETTERS), None)
            if prefix is not None:
                split[token_key(token)] = (prefix, word[len(prefix):])
    readings = analyses.readings(base for _, base in split.values()) if split else {}
    bases = {base: [t for t in found if t.pos in BASE_POS] for base, found in readings.items()}
    entries = dictionary.lookup([*looked_up(tokens), *(t for found in bases.values() for t in found)])
    for key, (prefix, base) in split.items():
        candidates = [c for reading in bases.get(base, ()) for c in entries.get(token_key(reading), ())]
        if candidates:
            entries[key] = tuple(dict.fromkeys((*prefixes[prefix], *candidates)))
    return entries
