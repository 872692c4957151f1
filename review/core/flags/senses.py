"""The English senses news gives Spanish words that Apertium's bilingual dictionary lacks (rules/senses.toml).

`news_senses`: folded Spanish lemma (or two content words in a row) -> English lemmas (funcionario = official,
victoria = win); `joined_prefixes`: a prefix Spanish writes joined to the noun -> the English words it is rendered by
(ex = former). Coverage, negation, the swap check and the entity check read them as more dictionary candidates.
"""
from __future__ import annotations

from review.core.flags.common import fold
from review.core.flags.rulebook import active


def news_senses() -> dict[str, tuple[str, ...]]:
    """Folded Spanish lemma -> English lemmas news renders it by that Apertium's dictionary lacks (funcionario =
    official, ex = former)."""
    return active().compiled("senses.es_en", lambda book: {
        fold(key): tuple(values) for key, values in book.table("senses", "es_en").items()})


def joined_prefixes() -> dict[str, tuple[str, ...]]:
    """Prefix -> the English words it is rendered by, longest prefix first."""
    return active().compiled("senses.joined_prefixes", lambda book: dict(sorted(
        ((fold(prefix), tuple(english)) for prefix, english in book.table("senses", "joined_prefixes").items()),
        key=lambda item: -len(item[0]))))
