"""Text helpers shared by the detectors: accent folding, word spans, lexicon loading."""
from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache, lru_cache
from importlib import resources
from typing import Any

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


@cache
def lexicon(name: str) -> dict[str, Any]:
    """A TOML lexicon shipped in review/core/flags/lexicon/<name>.toml."""
    text = resources.files("review.core.flags.lexicon").joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)
