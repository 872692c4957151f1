"""`entity_mismatch`: a person, place or organisation of the source missing from the aligned English.

Source entities are the words Apertium's morphology tags as proper nouns (`<np>`) or does not know
at all (`*`, most foreign names) when capitalised, plus all-capital acronyms; without morphology,
capitalised words not at the start of the sentence. An entity is found in the English if its
accent-folded form is there (Jerí = Jeri), with a short suffix (Asia = Asian), spelled alike
(Dmitri = Dmitry, 5+ letters, difflib ratio >= 0.8), or one of its English forms from lexicon/entities.toml
(Perú = Peru / Peruvian, EE.UU. = US, ONU = UN, sida = AIDS, ONG = NGO). A known proper noun that
Apertium translated into a form we do not list (its surface is absent from the pseudo-reference) is
left alone rather than guessed at. Missing = major. MQM category: accuracy (mistranslation).
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from review.core.flags import Detector, FieldContext, SentencePair, register
from review.core.flags.common import contains_phrase, fold, lexicon
from review.core.model import Flag, Severity

ACRONYM = re.compile(r"^(?:[A-ZÁÉÍÓÚÑ]\.?){2,6}$")
SPELLING_RATIO = 0.8
CAPITALISED = re.compile(r"^[A-ZÁÉÍÓÚÑ][\wÁÉÍÓÚÑáéíóúñü.-]+$")


def aliases() -> dict[str, list[str]]:
    """Folded Spanish form -> folded English forms."""
    return {fold(key): [fold(v) for v in values] for key, values in lexicon("entities")["names"].items()}


def entities(pair: SentencePair) -> list[tuple[str, int, int]]:
    """(surface, start, end) of each source entity, using morphology when there is some."""
    if pair.source_tokens:
        return [(t.surface, t.start, t.end) for t in pair.source_tokens
                if t.end > t.start and CAPITALISED.match(t.surface.split()[0])
                and ("np" in t.tags or t.unknown or ACRONYM.match(t.surface))]
    found = []
    for match in re.finditer(r"[\wÁÉÍÓÚÑáéíóúñü.]+", pair.source):
        surface = match.group().rstrip(".")
        sentence_start = not pair.source[:match.start()].strip() or pair.source[:match.start()].rstrip()[-1] in ".:«\"“"
        if CAPITALISED.match(surface) and (not sentence_start or ACRONYM.match(surface)):
            found.append((surface, match.start(), match.start() + len(surface)))
    return found


def present(surface: str, pair: SentencePair, table: dict[str, list[str]]) -> bool:
    """True if the entity, or a listed English form of it, is in the target, or it cannot be judged."""
    key = fold(surface)
    if contains_phrase(pair.target, surface) or any(contains_phrase(pair.target, alias) for alias in table.get(key, ())):
        return True
    if re.search(rf"(?<!\w){re.escape(key)}\w{{0,3}}(?!\w)", fold(pair.target)):  # Asia -> Asian, Israel -> Israeli
        return True
    if len(key) >= 5 and any(SequenceMatcher(None, key, word).ratio() >= SPELLING_RATIO
                             for word in re.findall(r"\w+", fold(pair.target))):  # Dmitri -> Dmitry
        return True
    if key in table:
        return False
    return bool(pair.pseudo) and not contains_phrase(pair.pseudo, surface)


@register
class EntityMismatch(Detector):
    """A name, place, organisation or acronym of the source that the English does not carry."""

    code = "entity_mismatch"
    category = "accuracy"
    severity = Severity.MAJOR
    version = 1

    def detect(self, context: FieldContext) -> list[Flag]:
        table = aliases()
        flags = []
        for pair in context.sentence_pairs():
            seen: set[str] = set()
            for surface, start, end in entities(pair):
                if fold(surface) in seen or present(surface, pair, table):
                    continue
                seen.add(fold(surface))
                flags.append(self.flag(context, pair.source_span(start, end), pair.target_span(),
                                       f'"{surface}" is not found in the English sentence'))
        return flags
