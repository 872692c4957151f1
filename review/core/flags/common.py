"""Text helpers shared by the detectors: accent folding, word spans, phrase search."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

WORD = re.compile(r"\w+(?:['’]\w+)?")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase, accents removed (Jerí -> jeri), curly apostrophes straightened (memoised: the detectors
    fold the same sentences and words many times)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) for every word of the text."""
    return [(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]


def contains_phrase(text: str, phrase: str) -> bool:
    """True if the folded phrase occurs in the folded text on word boundaries."""
    return re.search(rf"(?<!\w){re.escape(fold(phrase))}(?!\w)", fold(text)) is not None
