"""Apertium's bilingual dictionary: every candidate English lemma of each tagged Spanish word.

The spa-eng mode's lexical transfer stage, `lt-proc -b spa-eng.autobil.bin`, prints all the English
words the dictionary gives a Spanish lexical unit before lexical selection picks one:
`^anunciar<vblex><ifi><p3><sg>$` -> `^anunciar<vblex><ifi><p3><sg>/announce<vblex>.../advertise<vblex>...$`,
and `@` before a word it does not know. `BilingualDictionary.lookup` asks it about every distinct
(lemma, tags) of a batch at once, never one per sentence, and remembers the answers for the life of the process,
so a later batch asks only about words it has not seen. The `lt-proc -b` runs in null-flush mode (-z) and is kept
for the next lookup, by the process that started it (a forked child starts its own): a worker scoring chunk
after chunk started one per chunk before, about 30 ms of CPU each. Threads may look up at once (the pipeline asks
about each chain set's words as soon as they are tagged): they take turns at the process, and a word two of them
ask about at the same time is asked twice, and gets the same answer. A process that dies or stalls is started
again and asked once more; a second failure raises MorphologyError. `common_reading` gives a capitalised name's
reading as a common noun (Imperio, tagged a name, as imperio), which the batch lookup asks about too.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from review.core.text.flushing import WarmProcess
from review.core.text.morphology import APERTIUM_DATA, LEXICAL_UNIT, MorphologyError, Token, escape

CONTENT_POS = frozenset({"n", "vblex", "adj", "adv", "np", "num", "preadv"})


def token_key(token: Token) -> str:
    """The lexical unit the bilingual dictionary reads for a token: lemma and tags, a multiword's invariable tail
    after '#' where the analyser gave one ('echar<vblex><ifi># por tierra' -> 'echar# por tierra<vblex><ifi>',
    'fin<n><m><sg># de semana' -> 'fin# de semana<n><m><sg>'; a verb's always)."""
    return _key(token.lemma, token.tags, token.split)


@lru_cache(maxsize=1 << 16)  # the detectors ask about the same words again and again
def _key(lemma: str, tags: tuple[str, ...], split: bool = False) -> str:
    lemma = escape(lemma)
    if (split or tags[:1] == ("vblex",)) and " " in lemma:
        head, _, tail = lemma.partition(" ")
        lemma = f"{head}# {tail}"
    return lemma + "".join(f"<{tag}>" for tag in tags)


def common_reading(token: Token) -> Token | None:
    """A capitalised proper-noun token as the common noun its lemma spells in lower case (Imperio, which the tagger
    reads as a name before a word it does not know, as imperio<n>), its gender and number kept (masculine singular
    where it has none); None for any other token."""
    if token.pos != "np" or not token.lemma[:1].isupper() or " " in token.lemma:
        return None
    gender = next((tag for tag in token.tags if tag in ("m", "f")), "m")
    number = next((tag for tag in token.tags if tag in ("sg", "pl")), "sg")
    return replace(token, lemma=token.lemma.lower(), tags=("n", gender, number))


class BilingualDictionary:
    """Candidate English lemmas per Spanish token, from a warm `lt-proc -z -b` asked once per lookup of unseen
    words."""

    def __init__(self, data: Path = APERTIUM_DATA, pair: str = "spa-eng") -> None:
        self.path = data / f"{pair}.autobil.bin"
        self.known: dict[str, tuple[str, ...]] = {}
        self._process = WarmProcess(("lt-proc", "-z", "-b", str(self.path)), MorphologyError)

    def lookup(self, tokens: Iterable[Token]) -> dict[str, tuple[str, ...]]:
        """Every analysed token's key (token_key) with its English candidates (lower-case lemmas, none if the
        dictionary lacks it); one process for the keys not asked before."""
        keys = {token_key(token) for token in tokens if token.tags and token.pos in CONTENT_POS}
        unseen = sorted(keys - self.known.keys())
        if unseen:
            output = self._ask("".join(f"^{key}$\n" for key in unseen).encode("utf-8"))
            answers = [match.group(1) for match in LEXICAL_UNIT.finditer(output)]
            if len(answers) != len(unseen):
                raise MorphologyError(f"lt-proc -b returned {len(answers)} units for {len(unseen)}")
            for key, answer in zip(unseen, answers):
                self.known[key] = _candidates(answer)
        return {key: self.known[key] for key in keys}

    def _ask(self, block: bytes) -> str:
        """lt-proc -b's output for the block, from this process's warm lt-proc."""
        return self._process.ask(block)

    def close(self) -> None:
        """Stop this process's lt-proc (a later lookup starts it again)."""
        self._process.close()


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
