"""Hunspell word lists: Spanish common words (to tell them from names) and English words.

Debian's hunspell dictionaries list stems, with proper nouns capitalised and common words in lower case:
hunspell-es (RLA-ES, 70,000 stems), hunspell-en-us and hunspell-en-gb. Only the stems are read, no affix
rules, so an inflected word is looked up without a few common endings (-s, -es, -a/-as for -o,
participles, -mente; -ed, -ing in English: closing = close). A missing dictionary reads as empty: the detectors then judge as they did
without it (every unknown capitalised word a possible name, no word known to be English).
- Spanish: Apertium's dictionary lacks many words news capitalises (Fiscalía, Urbanismo) and marks
  them unknown, like foreign names; `entity_mismatch` reads a listed common word as a title. Participles
  and adverbs are looked up by their verb or adjective (Aprovisionada = aprovisionar, Precedentemente =
  precedente): hunspell's own affix rules (through spylls) knew more forms but cost 0.7 s to load. A
  word that lost its accent is still a common word (Ademas, Todavia).
  At the start of a sentence, a conjugated verb (Sucedió, Intuyó; in the present, Recalca, Fracasamos) is looked
  up by its infinitive too, and so is a verb with its pronouns at its end (Cállate, Ayúdame, Hacerlo).
- English: `untranslated` leaves alone a word that is also English ("calibre", "pretension", "viola").
"""
from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

HUNSPELL = Path("/usr/share/hunspell")
SPANISH = (HUNSPELL / "es_ES.dic",)
ENGLISH = (HUNSPELL / "en_US.dic", HUNSPELL / "en_GB.dic")
Endings = tuple[tuple[str, str], ...]  # (ending, what the stem ends with instead)
UNACCENTED_MINIMUM = 5  # letters a word needs to be read as a common word that lost its accent
ES_PREFIXES = ("sub", "vice", "ex", "co", "anti", "contra", "super", "inter")
ES_ENDINGS: Endings = (("s", ""), ("es", ""), ("a", "o"), ("as", "o"),  # plurals; feminine adjectives
                       ("ciones", "ción"), ("mente", ""), ("amente", "o"),  # Desgravaciones; Precedentemente
                       *((participle + end, infinitive) for participle, infinitive in
                         (("ad", "ar"), ("id", "er"), ("id", "ir")) for end in ("o", "a", "os", "as")))
# conjugated forms of a listed verb, read only at the start of a sentence (Sucedió, Intuyó, Nevaba): a name could
# end like one (Armando), so elsewhere they are not looked up
ES_VERB_ENDINGS: Endings = (*((end, "ar") for end in ("ó", "aron", "aba", "aban", "ando", "ará", "arán", "aría",
                                                     "arían")),
                            *((end, infinitive) for infinitive in ("er", "ir")
                              for end in ("ió", "ieron", "ía", "ían", "iendo", infinitive + "á", infinitive + "án",
                                          infinitive + "ía", infinitive + "ían")),
                            ("yó", "ir"), ("yeron", "ir"), ("yendo", "ir"),  # y between vowels: intuyó = intuir
                            *((end, "ar") for end in ("a", "as", "an", "amos", "é", "aste")),  # Recalca, Fracasamos
                            *((end, infinitive) for infinitive in ("er", "ir") for end in ("e", "es", "en", "í", "a", "as",
                                                                                           "an")),  # Permitan
                            ("emos", "er"), ("imos", "ir"))
# pronouns a verb takes at its end (one or two: Cállate, Dímelo), and the letters the verb keeps at least
ES_ENCLITICS = ("me", "te", "se", "nos", "os", "lo", "la", "le", "los", "las", "les")
ENCLITIC_HOST = 3
ES_FIRST_PERSON: Endings = (("o", "ar"), ("o", "er"), ("o", "ir"))
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


def _listed(word: str, words: frozenset[str], endings: Endings, stem_too: bool = True) -> bool:
    """True if the word is listed as it stands (only with `stem_too`) or is a listed stem with one of the endings."""
    return stem_too and word in words or any(word.endswith(end) and word[:-len(end)] + stem_end in words
                                             for end, stem_end in endings)


def is_spanish_common_word(surface: str, paths: tuple[Path, ...] = SPANISH, names_too: bool = False) -> bool:
    """True if the capitalised word is a Spanish common word (or its plural, a participle or an adverb in -mente of
    one: Aprovisionada, Precedentemente; or one with a prefix such as sub-, vice-, anti-: Subdelegación) and, unless
    `names_too`, not also listed as a name (Claro)."""
    common, proper = stems(paths)
    if (surface in proper and not names_too) or surface.isupper():
        return False
    word = surface.lower()
    return _listed(word, common, ES_ENDINGS) or any(
        word.startswith(prefix) and len(word) - len(prefix) >= 5 and _listed(word[len(prefix):], common, ES_ENDINGS)
        for prefix in ES_PREFIXES) or (len(word) >= UNACCENTED_MINIMUM and word in unaccented(paths))


def is_spanish_verb_form(surface: str, paths: tuple[Path, ...] = SPANISH, first_person: bool = False) -> bool:
    """True if the capitalised word is a conjugated form of a listed Spanish verb (Sucedió = suceder, Nevaba =
    nevar), pronouns at its end allowed (Cállate = callar, Ayúdame = ayudar), and not listed as a name: at the start
    of a sentence, a verb Apertium does not know. With `first_person`, a form in -o too (Exigo = exigir; a name could
    end like one: Marco)."""
    common, proper = stems(paths)
    endings = ES_VERB_ENDINGS + (ES_FIRST_PERSON if first_person else ())
    return surface not in proper and not surface.isupper() and (
        _conjugated(surface, common, endings, stem_too=True)
        or any(_listed(host, common, endings, stem_too=host.endswith(("ar", "er", "ir")))  # Hacerlo = hacer + lo
               for host in _enclitic_hosts(_drop_accents(surface.lower()))))


def is_spanish_conjugated(word: str, paths: tuple[Path, ...] = SPANISH) -> bool:
    """True if the word (any case) is a conjugated form of a listed Spanish verb (desconoce = desconocer), not merely a
    listed word."""
    return _conjugated(word, stems(paths)[0], ES_VERB_ENDINGS, stem_too=False)


def _conjugated(word: str, common: frozenset[str], endings: Endings, stem_too: bool) -> bool:
    """_listed for the word in lower case, with its accents and without (an accent out of place: Permítan)."""
    lower = word.lower()
    return any(_listed(form, common, endings, stem_too) for form in {lower, _drop_accents(lower)})


def _enclitic_hosts(word: str) -> set[str]:
    """The word without one or two pronouns at its end (callate: calla; damelo: dame, da), keeping ENCLITIC_HOST
    letters at least."""
    hosts = {word[:-len(first)] for first in ES_ENCLITICS if word.endswith(first)}
    hosts |= {host[:-len(second)] for host in hosts for second in ES_ENCLITICS if host.endswith(second)}
    return {host for host in hosts if len(host) >= ENCLITIC_HOST}


@cache
def unaccented(paths: tuple[Path, ...]) -> frozenset[str]:
    """The accented common stems with their accents dropped: news text often loses them (Ademas, Todavia)."""
    return frozenset(folded for stem in stems(paths)[0] if (folded := _drop_accents(stem)) != stem)


def _drop_accents(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


def is_english_word(word: str, paths: tuple[Path, ...] = ENGLISH) -> bool:
    """True if the lower-case word (or it without -s, -es, -ed, -ing) is in an English dictionary."""
    return _listed(word, stems(paths)[0], EN_ENDINGS)
