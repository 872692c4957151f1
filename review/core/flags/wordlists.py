"""Hunspell word lists: Spanish common words (to tell them from names) and English words.

Debian's hunspell dictionaries list stems, with proper nouns capitalised and common words in lower case:
hunspell-es (RLA-ES, 70,000 stems), hunspell-en-us and hunspell-en-gb. Only the stems are read, no affix
rules, so an inflected word is looked up without a few common endings (-s, -es, -a/-as for -o; -ed, -ing
in English: closing = close). A missing dictionary reads as empty: the detectors then judge as they did
without it (every unknown capitalised word a possible name, no word known to be English).
- Spanish: Apertium's dictionary lacks many words news capitalises (Fiscalía, Urbanismo) and marks
  them unknown, like foreign names; `entity_mismatch` reads a listed common word as a title. Beyond
  the stems, spylls (Hunspell in Python) applies the affix rules to know inflected forms (Aprovisionada).
- English: `untranslated` leaves alone a word that is also English ("calibre", "pretension", "viola").
"""
from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

from spylls.hunspell import Dictionary

HUNSPELL = Path("/usr/share/hunspell")
SPANISH = (HUNSPELL / "es_ES.dic",)
ENGLISH = (HUNSPELL / "en_US.dic", HUNSPELL / "en_GB.dic")
Endings = tuple[tuple[str, str], ...]  # (ending, what the stem ends with instead)
INFLECTED_MINIMUM = 6  # letters a word needs to be taken as common by hunspell's affix rules alone
ES_PREFIXES = ("sub", "vice", "ex", "co", "anti", "contra", "super", "inter")
ES_ENDINGS: Endings = (("s", ""), ("es", ""), ("a", "o"), ("as", "o"))  # plurals; feminine adjectives
EN_ENDINGS: Endings = (("s", ""), ("es", ""), ("d", ""), ("ed", ""), ("ing", ""), ("ing", "e"))


@cache
def stems(paths: tuple[Path, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """(lower-case stems, capitalised stems) of hunspell .dic files, flags dropped; empty for missing files."""
    lower: set[str] = set()
    capitalised: set[str] = set()
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()[1:]  # the first line is the entry count
        except FileNotFoundError:
            continue
        for line in lines:
            stem = line.split("/", 1)[0].strip()
            if stem.islower():
                lower.add(stem)
            elif stem[:1].isupper():
                capitalised.add(stem)
    return frozenset(lower), frozenset(capitalised)


def _listed(word: str, words: frozenset[str], endings: Endings) -> bool:
    return word in words or any(word.endswith(end) and word[:-len(end)] + stem_end in words
                                for end, stem_end in endings)


@cache
def speller(paths: tuple[Path, ...]) -> Dictionary | None:
    """Hunspell (spylls) over the first dictionary, affix rules included, or None without one."""
    existing = [path for path in paths if path.exists() and path.with_suffix(".aff").exists()]
    return Dictionary.from_files(str(existing[0].with_suffix(""))) if existing else None


def is_spanish_common_word(surface: str, paths: tuple[Path, ...] = SPANISH) -> bool:
    """True if the capitalised word is a Spanish common word (or its plural, or one with a prefix such as sub-,
    vice-, anti-: Subdelegación; or any form hunspell's affix rules make: Aprovisionada, Éramos; or an adverb in
    -mente of one: Precedentemente) and not also listed as a name."""
    common, proper = stems(paths)
    if surface in proper or surface.isupper():
        return False
    word = surface.lower()
    if _listed(word, common, ES_ENDINGS) or any(
            word.startswith(prefix) and len(word) - len(prefix) >= 5 and _listed(word[len(prefix):], common, ES_ENDINGS)
            for prefix in ES_PREFIXES):
        return True
    spanish = speller(paths)  # not for short words: a foreign name may be a Spanish verb form (Time = "swindle")
    return spanish is not None and len(word) >= INFLECTED_MINIMUM and (
        _spelled(spanish, word) or (word.endswith("mente") and _spelled(spanish, word[:-5])))


@lru_cache(maxsize=65536)
def _spelled(dictionary: Dictionary, word: str) -> bool:
    return bool(dictionary.lookup(word))


def is_english_word(word: str, paths: tuple[Path, ...] = ENGLISH) -> bool:
    """True if the lower-case word (or it without -s, -es, -ed, -ing) is in an English dictionary."""
    return _listed(word, stems(paths)[0], EN_ENDINGS)
