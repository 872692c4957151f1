"""Text helpers shared by the detectors: accent folding, word spans, phrase search."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

WORD = re.compile(r"\w+(?:['’]\w+)?")
NON_ASCII = re.compile(r"[^\x00-\x7f]")  # combining marks are among these: only they need testing


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase, accents removed (Jerí -> jeri), curly apostrophes straightened (memoised: the detectors
    fold the same sentences and words many times)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return NON_ASCII.sub(_unmarked, decomposed)


def _unmarked(match: re.Match[str]) -> str:
    """The non-ASCII character matched, or nothing if it is a combining mark."""
    return "" if unicodedata.combining(match.group()) else match.group()


def words(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) for every word of the text."""
    return [(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]


def contains_phrase(text: str, phrase: str) -> bool:
    r"""True if the folded phrase occurs in the folded text on word boundaries (what `(?<!\w)phrase(?!\w)` finds,
    without compiling a pattern per phrase: \w is a character isalnum() or '_')."""
    needle, haystack = fold(phrase), fold(text)
    start = haystack.find(needle)
    while start >= 0:
        end = start + len(needle)
        if not (start and _word_character(haystack[start - 1])) and not (
                end < len(haystack) and _word_character(haystack[end])):
            return True
        start = haystack.find(needle, start + 1)
    return False


def starts_word(text: str, start: str, longer: int) -> bool:
    r"""True if a word of `text` begins with `start` and goes on for at most `longer` more word characters: what
    `(?<!\w)start\w{0,longer}(?!\w)` finds, without compiling a pattern per word (as contains_phrase)."""
    at = text.find(start)
    while at >= 0:
        if not (at and _word_character(text[at - 1])):
            end = tail = at + len(start)
            while tail < len(text) and tail - end <= longer and _word_character(text[tail]):
                tail += 1
            if tail - end <= longer:
                return True
        at = text.find(start, at + 1)
    return False


def _word_character(character: str) -> bool:
    return character.isalnum() or character == "_"
