"""English WordNet (Debian's `wordnet-base`, /usr/share/wordnet): synonyms and antonyms of a lemma.

The WordNet 3.0 database files are read in place, without loading them: each `index.POS` file is
sorted, so a lemma is found by binary search over the memory-mapped file, and its synsets are lines
of `data.POS` at the byte offsets the index gives. Answers are memoised.
- synonyms(lemma, pos): the lemmas of its first SENSES synsets (the most frequent senses), so that a
  rendering by a synonym of the dictionary's word counts (begin = start, go up = rise);
- broader(lemma, pos): its hypernyms (seaboard -> coast), for matching an antonym to a near word;
- derived(lemma, pos): the lemmas its senses are derivationally related to (coastal -> seacoast, coast);
- antonyms(lemma, pos): WordNet's direct antonyms of every sense, and for an adjective in a cluster
  (a satellite: "unhappy", "landlocked") the antonyms of its head (indirect antonyms);
- synset_words(offset, pos): the words of the synset at an offset (the Spanish wordnet's links into this one);
- base_forms(word, pos): the lemmas an inflected form may come from, by WordNet's own detachment rules
  (permitted -> permit), for a word the English analyser does not know;
- senses, hypernyms, depth, ancestors, lexicographer_file, places_of, wholes: the taxonomy swaps.py reads to tell
  another word of the same kind (cat, dog: carnivore; French, Italian: places apart).
A missing database reads as empty: coverage and the antonym check then rely on Apertium's dictionary.
"""
from __future__ import annotations

import mmap
from functools import cache, lru_cache
from pathlib import Path

WORDNET = Path("/usr/share/wordnet")
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
APERTIUM_POS = {"n": "n", "vblex": "v", "adj": "a", "adv": "r", "np": "n"}
SENSES = 3
DETACHMENTS = {"n": (("s", ""), ("ses", "s"), ("xes", "x"), ("ches", "ch"), ("shes", "sh"), ("ies", "y")),
               "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"),
                     ("ing", "")),
               "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")), "r": ()}  # WordNet's morphy rules


@cache
def _mapped(name: str) -> mmap.mmap | None:
    try:
        with (WORDNET / name).open("rb") as stream:
            return mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
    except (FileNotFoundError, ValueError):
        return None


def _index_line(lemma: str, pos: str) -> list[str]:
    """The fields of `lemma`'s line in index.POS, or none: a binary search over the sorted file."""
    data = _mapped(f"index.{POS_FILES[pos]}")
    if data is None:
        return []
    key = lemma.lower().replace(" ", "_").encode()
    low, high = 0, len(data)
    while low < high:
        middle = (low + high) // 2
        start = data.rfind(b"\n", 0, middle) + 1
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        word = data[start:data.find(b" ", start, end)] if not data[start:start + 2] == b"  " else b""
        if word == key:
            return data[start:end].decode("utf-8", "replace").split()
        if word < key:
            low = end + 1
        else:
            high = start
    return []


def _offsets(lemma: str, pos: str) -> list[int]:
    fields = _index_line(lemma, pos)
    if not fields:
        return []
    pointers = int(fields[3])
    return [int(offset) for offset in fields[6 + pointers:]]


@lru_cache(maxsize=65536)
def _synset(offset: int, pos: str) -> tuple[str, tuple[str, ...], tuple[tuple[str, int, str, int, int], ...]]:
    """(type, words, pointers as (symbol, offset, pos, source word, target word)) of the synset at `offset`."""
    data = _mapped(f"data.{POS_FILES[pos]}")
    if data is None:
        return "", (), ()
    end = data.find(b"\n", offset)
    fields = data[offset:end].decode("utf-8", "replace").split(" | ")[0].split()
    kind, count = fields[2], int(fields[3], 16)
    words = tuple(fields[4 + 2 * i].split("(")[0].replace("_", " ").lower() for i in range(count))
    at = 4 + 2 * count
    pointers = []
    for i in range(int(fields[at])):
        symbol, target, target_pos, numbers = fields[at + 1 + 4 * i: at + 5 + 4 * i]
        pointers.append((symbol, int(target), "a" if target_pos == "s" else target_pos, int(numbers[:2], 16),
                         int(numbers[2:], 16)))
    return kind, words, tuple(pointers)


@lru_cache(maxsize=65536)
def _synset_words(offset: int, pos: str) -> tuple[str, ...]:
    """The words of the synset at `offset`, as _synset gives them, without reading its pointers (all synonyms needs)."""
    data = _mapped(f"data.{POS_FILES[pos]}")
    if data is None:
        return ()
    line = data[offset:data.find(b"\n", offset)].decode("utf-8", "replace")
    count = int(line.split(maxsplit=4)[3], 16)
    fields = line.split(maxsplit=4 + 2 * count)  # the words come before the pointers and the gloss
    return tuple(fields[4 + 2 * i].split("(")[0].replace("_", " ").lower() for i in range(count))


def synset_words(offset: int, pos: str) -> tuple[str, ...]:
    """The words of the synset at a WordNet 3.0 byte offset in data.POS, or none if no synset starts there."""
    data = _mapped(f"data.{POS_FILES[pos]}")
    if data is None or offset >= len(data) or (offset and data[offset - 1] != 0x0A):
        return ()
    if data[offset:offset + 8] != b"%08d" % offset:
        return ()
    return _synset_words(offset, pos)


@lru_cache(maxsize=65536)
def synonyms(lemma: str, pos: str) -> frozenset[str]:
    """Lemmas sharing one of the first SENSES synsets of `lemma` (pos n, v, a or r); empty if unknown."""
    return frozenset(word for offset in _offsets(lemma, pos)[:SENSES] for word in _synset_words(offset, pos))


@lru_cache(maxsize=65536)
def broader(lemma: str, pos: str) -> frozenset[str]:
    """Lemmas of the synsets one step more general than the first SENSES senses of `lemma` (seaboard -> coast)."""
    found: set[str] = set()
    for offset in _offsets(lemma, pos)[:SENSES]:
        for symbol, target, target_pos, _, _ in _synset(offset, pos)[2]:
            if symbol in ("@", "@i"):
                found.update(_synset(target, target_pos)[1])
    return frozenset(found)


@lru_cache(maxsize=65536)
def derived(lemma: str, pos: str) -> frozenset[str]:
    """Lemmas of the synsets WordNet relates to the first SENSES senses of `lemma` by derivation (coastal ->
    seashore, coast, seacoast, sea-coast)."""
    found: set[str] = set()
    for offset in _offsets(lemma, pos)[:SENSES]:
        for symbol, target, target_pos, _, _ in _synset(offset, pos)[2]:
            if symbol == "+":
                found.update(_synset(target, target_pos)[1])
    return frozenset(found)


@lru_cache(maxsize=65536)
def antonyms(lemma: str, pos: str) -> frozenset[str]:
    """WordNet's antonyms of `lemma` in any sense, and a satellite adjective's head's antonyms."""
    found: set[str] = set()
    name = lemma.lower()
    for offset in _offsets(lemma, pos):
        kind, words, pointers = _synset(offset, pos)
        number = words.index(name) + 1 if name in words else 0
        for symbol, target, target_pos, source, target_word in pointers:
            if symbol == "!" and source in (0, number):
                target_words = _synset(target, target_pos)[1]
                found.update(target_words[target_word - 1:target_word] if target_word else target_words)
            elif symbol == "&" and kind == "s":  # a satellite: its head's antonyms
                _, head_words, head_pointers = _synset(target, target_pos)
                for head_symbol, opposite, opposite_pos, _, opposite_word in head_pointers:
                    if head_symbol == "!":
                        words_there = _synset(opposite, opposite_pos)[1]
                        found.update(words_there[opposite_word - 1:opposite_word] if opposite_word else words_there)
    return frozenset(found)


@lru_cache(maxsize=65536)
def base_forms(word: str, pos: str) -> tuple[str, ...]:
    """The lemmas in WordNet that `word` is, or is an inflection of by WordNet's detachment rules (a doubled final
    consonant undone too: permitted -> permit)."""
    word = word.lower()
    found = [word] if _index_line(word, pos) else []
    for suffix, ending in DETACHMENTS[pos]:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[:-len(suffix)] + ending
            undoubled = stem[:-1] if not ending and len(stem) > 3 and stem[-1] == stem[-2] else stem
            found += [form for form in (stem, undoubled) if _index_line(form, pos)]
    return tuple(dict.fromkeys(found))


def senses(lemma: str, pos: str) -> tuple[int, ...]:
    """The byte offsets of `lemma`'s synsets in data.POS, most frequent sense first."""
    return tuple(_offsets(lemma, pos))


@lru_cache(maxsize=65536)
def hypernyms(offset: int, pos: str) -> tuple[int, ...]:
    """The synsets one step more general than the synset at `offset` (hypernyms and instance hypernyms)."""
    return tuple(target for symbol, target, target_pos, _, _ in _synset(offset, pos)[2]
                 if symbol in ("@", "@i") and target_pos == pos)


@lru_cache(maxsize=65536)
def depth(offset: int, pos: str) -> int:
    """The fewest hypernym steps from the synset at `offset` up to a root (entity: 0)."""
    above = hypernyms(offset, pos)
    return 1 + min(depth(target, pos) for target in above) if above else 0


def words_of(offset: int, pos: str) -> tuple[str, ...]:
    """The words of the synset at `offset` (for messages and inspection)."""
    return _synset(offset, pos)[1]


@lru_cache(maxsize=65536)
def ancestors(offset: int, pos: str, steps: int) -> dict[int, int]:
    """The synsets up to `steps` hypernym steps above the one at `offset` (itself at 0), each with its fewest steps."""
    found = {offset: 0}
    frontier = [offset]
    for step in range(1, steps + 1):
        frontier = [up for below in frontier for up in hypernyms(below, pos) if up not in found]
        for up in frontier:
            found.setdefault(up, step)
    return found


@lru_cache(maxsize=65536)
def lexicographer_file(offset: int, pos: str) -> int:
    """The number of the lexicographer file of the synset at `offset` (nouns: 5 animal, 8 body, 13 food, 18 person,
    20 plant, 28 time...)."""
    data = _mapped(f"data.{POS_FILES[pos]}")
    if data is None:
        return -1
    return int(data[offset:data.find(b"\n", offset)].split(maxsplit=2)[1])


@lru_cache(maxsize=65536)
def places_of(lemma: str) -> frozenset[int]:
    """The noun synsets of named places (noun.location, instances: France, Rome) an adjective is pertainym of in one
    of its first SENSES senses (French -> France): a demonym's places; empty for another adjective (local, home)."""
    found: set[int] = set()
    for offset in _offsets(lemma, "a")[:SENSES]:
        for symbol, target, target_pos, _, _ in _synset(offset, "a")[2]:
            if symbol == "\\" and target_pos == "n" and lexicographer_file(target, "n") == 15 \
                    and any(up[0] == "@i" for up in _synset(target, "n")[2]):  # a named place: France, not home
                found.add(target)
    return frozenset(found)


@lru_cache(maxsize=65536)
def wholes(offset: int) -> frozenset[int]:
    """The noun synsets the one at `offset` is part of, transitively through part holonyms, with itself (Catalonia ->
    Spain -> Iberian Peninsula -> Europe)."""
    found = {offset}
    frontier = [offset]
    while frontier:
        below = frontier.pop()
        for symbol, target, target_pos, _, _ in _synset(below, "n")[2]:
            if symbol == "#p" and target_pos == "n" and target not in found:
                found.add(target)
                frontier.append(target)
    return frozenset(found)
