"""Spanish common words, to tell a capitalised common word from a name Apertium does not know.

Apertium's Spanish dictionary lacks many words news capitalises (Fiscalía, Urbanismo, Trienio) and
marks them unknown, just like foreign names. Debian's hunspell-es dictionary (RLA-ES,
/usr/share/hunspell/es_ES.dic) lists 70,000 stems, with proper nouns capitalised (Rivera, Sevilla)
and common words in lower case; only its stems are read (no affix expansion), so a plural is
looked up without its -s or -es. Without the dictionary installed every unknown word stays a
possible name, as before.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

HUNSPELL_ES = Path("/usr/share/hunspell/es_ES.dic")


@cache
def dictionary(path: Path = HUNSPELL_ES) -> tuple[frozenset[str], frozenset[str]]:
    """(common words, proper nouns) of a hunspell .dic file: its stems, flags dropped; empty if it is missing."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()[1:]  # the first line is the entry count
    except FileNotFoundError:
        return frozenset(), frozenset()
    stems = [line.split("/", 1)[0].strip() for line in lines]
    return (frozenset(stem for stem in stems if stem.islower()),
            frozenset(stem for stem in stems if stem[:1].isupper()))


def is_common_word(surface: str, path: Path = HUNSPELL_ES) -> bool:
    """True if the capitalised word is a Spanish common word (or its plural) and not also listed as a name."""
    common, proper = dictionary(path)
    if surface in proper or surface.isupper():
        return False
    word = surface.lower()
    candidates = (word, word[:-1] if word.endswith("s") else "", word[:-2] if word.endswith("es") else "")
    return any(candidate in common for candidate in candidates if candidate)
