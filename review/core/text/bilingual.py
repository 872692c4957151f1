"""Apertium's bilingual dictionary: every candidate English lemma of each tagged Spanish word.

The spa-eng mode's lexical transfer stage, `lt-proc -b spa-eng.autobil.bin`, prints all the English
words the dictionary gives a Spanish lexical unit before lexical selection picks one:
`^anunciar<vblex><ifi><p3><sg>$` -> `^anunciar<vblex><ifi><p3><sg>/announce<vblex>.../advertise<vblex>...$`,
and `@` before a word it does not know. `BilingualDictionary.lookup` asks it about every distinct
(lemma, tags) of a batch in one process, never one per sentence, and remembers the answers for the
life of the process, so a later batch asks only about words it has not seen. A word with a Spanish
negative prefix (des-, in-, im-...) is asked about without it too (descontento: contento = happy).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from review.core.text.apertium import run_stage
from review.core.text.morphology import APERTIUM_DATA, LEXICAL_UNIT, MorphologyError, Token, escape

CONTENT_POS = frozenset({"n", "vblex", "adj", "adv", "np", "num", "preadv"})
NEGATIVE_PREFIXES = ("des", "dis", "in", "im", "ir", "il")  # descontento = des + contento, innegable, ilegal
BASE_LETTERS = 4  # letters a base needs after the prefix


def negative_bases(token: Token) -> list[Token]:
    """The token's lemma without a Spanish negative prefix (descontento -> contento), as the same part of speech and,
    for a noun or an adjective, as the other (the tagger reads "estaba descontento" as a noun): looked up too, so
    that a negation carried by the prefix can be matched to the English "not happy". Empty without a prefix."""
    lemma = token.lemma.lower()
    prefix = next((p for p in NEGATIVE_PREFIXES if lemma.startswith(p) and len(lemma) - len(p) >= BASE_LETTERS), None)
    if prefix is None or token.pos not in ("adj", "n", "vblex", "adv"):
        return []
    base = replace(token, lemma=token.lemma[len(prefix):])
    other = {"n": "adj", "adj": "n"}.get(token.pos)
    return [base] + ([replace(base, tags=(other, *token.tags[1:]))] if other else [])


def token_key(token: Token) -> str:
    """The lexical unit the bilingual dictionary reads for a token: lemma and tags, a verb's multiword tail after
    '#' ('echar por tierra<vblex>...' -> 'echar# por tierra<vblex>...')."""
    lemma = escape(token.lemma)
    if token.pos == "vblex" and " " in lemma:
        head, _, tail = lemma.partition(" ")
        lemma = f"{head}# {tail}"
    return lemma + "".join(f"<{tag}>" for tag in token.tags)


class BilingualDictionary:
    """Candidate English lemmas per Spanish token, from one `lt-proc -b` run per lookup of unseen words."""

    def __init__(self, data: Path = APERTIUM_DATA, pair: str = "spa-eng") -> None:
        self.path = data / f"{pair}.autobil.bin"
        self.known: dict[str, tuple[str, ...]] = {}

    def lookup(self, tokens: Iterable[Token]) -> dict[str, tuple[str, ...]]:
        """Every analysed token's key (token_key) with its English candidates (lower-case lemmas, none if the
        dictionary lacks it); one process for the keys not asked before."""
        content = [token for token in tokens if token.tags and token.pos in CONTENT_POS]
        keys = {token_key(token) for token in content} | {token_key(base) for token in content
                                                            for base in negative_bases(token)}
        unseen = sorted(keys - self.known.keys())
        if unseen:
            output = run_stage(["lt-proc", "-b", str(self.path)],
                               "".join(f"^{key}$\n" for key in unseen), MorphologyError)
            answers = [match.group(1) for match in LEXICAL_UNIT.finditer(output)]
            if len(answers) != len(unseen):
                raise MorphologyError(f"lt-proc -b returned {len(answers)} units for {len(unseen)}")
            for key, answer in zip(unseen, answers):
                self.known[key] = _candidates(answer)
        return {key: self.known[key] for key in keys}


def _candidates(unit: str) -> tuple[str, ...]:
    """'anunciar<vblex>/announce<vblex>/advertise<vblex>' -> ('announce', 'advertise'); '@' answers are none."""
    found: list[str] = []
    for answer in unit.split("/")[1:]:
        if answer.startswith("@"):
            continue
        lemma = answer.split("<", 1)[0].replace("#", "").replace("\\", "").strip().lower()
        if lemma and lemma not in found:
            found.append(lemma)
    return tuple(found)
