"""Apertium's analyses of single words, out of context: every reading the Spanish analyser gives a word.

The tagger picks one reading of each word of a sentence; some questions are about a word no sentence holds, such
as the base of a word the analyser does not know (exalcalde: is "alcalde" a word?). `WordAnalyses.readings` asks a
warm `lt-proc -z -w` (the spa-eng analyser) about every word not asked before at once, one per line, and remembers
the answers for the life of the process, as bilingual.BilingualDictionary does its lookups.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from review.core.text.flushing import WarmProcess
from review.core.text.morphology import APERTIUM_DATA, LEXICAL_UNIT, MorphologyError, Token, escape, reanalysed


class WordAnalyses:
    """Every analysis of each word, as tokens (none for a word the analyser does not know)."""

    def __init__(self, data: Path = APERTIUM_DATA, mode: str = "spa-eng") -> None:
        self.known: dict[str, tuple[Token, ...]] = {}
        self._process = WarmProcess(("lt-proc", "-z", "-w", str(data / f"{mode}.automorf.bin")), MorphologyError)

    def readings(self, words: Iterable[str]) -> dict[str, tuple[Token, ...]]:
        """Each word's analyses (lemma, tags and parts; surface and offsets those of the word alone); one process
        call for the words not asked before. Words of more than one token have none."""
        asked = {word for word in words if word and word.isalpha()}
        unseen = sorted(asked - self.known.keys())
        if unseen:
            output = self._process.ask("".join(f"{escape(word)}\n" for word in unseen).encode("utf-8"))
            units = [match.group(1) for match in LEXICAL_UNIT.finditer(output)]
            if len(units) != len(unseen):
                raise MorphologyError(f"lt-proc -w returned {len(units)} units for {len(unseen)} words")
            for word, unit in zip(unseen, units):
                self.known[word] = _tokens(word, unit)
        return {word: self.known[word] for word in asked}


def _tokens(word: str, unit: str) -> tuple[Token, ...]:
    """One token per analysis of the unit ('alcalde/alcalde<n><m><sg>'); none for an unknown word ('*exalcalde')."""
    surface, _, analyses = unit.partition("/")
    if surface != word or not analyses or analyses.startswith("*"):
        return ()
    plain = Token(word, word, (), 0, len(word))
    return tuple(reanalysed(plain, analysis) for analysis in analyses.split("/"))
